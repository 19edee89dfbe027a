"""Unknown login identifiers are no longer stored as typed.

Revision ID: 0008
Revises: 0007

Why (issue 20): a password typed by mistake into the e-mail field ended up verbatim in
audit_log.actor_email and as a login_throttle key.  From now on an identifier that no user has is
throttled under a keyed hash ('unknown:' + hex(sha256(secret || identifier)), the secret being the
one row of the new table login_key) and audited as 'unknown'.  This revision makes the secret and
scrubs what earlier versions stored: throttle rows of unknown identifiers are deleted (they only
ever counted failures) and the actor_email of login rows without a user becomes 'unknown' (the
append-only trigger is lifted for that one statement).  The downgrade drops the secret; what was
scrubbed stays scrubbed.
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_key",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("secret", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_login_key_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_key")),
    )
    op.get_bind().execute(sa.text("INSERT INTO login_key (id, secret) VALUES (1, :s)"), {"s": os.urandom(32)})
    op.execute(
        "DELETE FROM login_throttle t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = t.email_key)"
    )
    op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    op.execute(
        "UPDATE audit_log SET actor_email = 'unknown' "
        "WHERE action LIKE 'login.%' AND actor_user_id IS NULL AND actor_email IS DISTINCT FROM 'unknown'"
    )
    op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")


def downgrade() -> None:
    op.drop_table("login_key")
