"""The database enforces who may do what: client group role, login door, sessions, RLS (issue 15).

Revision ID: 0005
Revises: 0004

Adds users.password_verifier (sha256 of the bcrypt hash, filled for existing users) and everything
in welcomedly_desktop/db/security (schema app, grants, policies).  Run as the owner credential;
`welcomedly db upgrade` re-applies the grants and policies every time (idempotent).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from welcomedly_desktop.db import security

    op.add_column("users", sa.Column("password_verifier", sa.LargeBinary(), nullable=True))
    security.apply(op.get_bind())


def downgrade() -> None:
    from welcomedly_desktop.db import security

    security.remove(op.get_bind())
    op.drop_column("users", "password_verifier")
