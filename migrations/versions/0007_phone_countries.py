"""Phone numbers by country: the organization's settings, a campaign's country, a record's line type.

Revision ID: 0007
Revises: 0006

``organization_settings`` holds one row (country, time zone) that every workstation reads; it starts
empty, so a database of before keeps reading national numbers as it did (the workstation's
``default_country_code``) until an administrator chooses a country.  Stored phones are not
rewritten: a new country applies to new imports.  ``campaign_records.line_type`` is NULL for the
records imported before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organization_settings",
        sa.Column("id", sa.SmallInteger(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("timezone", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_organization_settings_single_row")),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name=op.f("fk_organization_settings_updated_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_settings")),
    )
    op.execute("INSERT INTO organization_settings (id) VALUES (1)")
    from welcomedly_desktop.db import security

    op.get_bind().connection.cursor().execute(security.later_table_sql("organization_settings"))  # workstations' rights
    op.add_column("campaigns", sa.Column("country", sa.String(length=2), nullable=True))
    op.add_column("campaign_records", sa.Column("line_type", sa.String(length=16), nullable=True))
    op.add_column("base_campaign_data",
                  sa.Column("warnings", sa.Integer(), server_default=sa.text("0"), nullable=False))


def downgrade() -> None:
    op.drop_column("base_campaign_data", "warnings")
    op.drop_column("campaign_records", "line_type")
    op.drop_column("campaigns", "country")
    op.drop_table("organization_settings")
