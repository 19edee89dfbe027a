"""Session starts and ends on the change feed; crashed workstations' sessions and leftover staging
tables swept by the server itself.

Revision ID: 0010
Revises: 0009

Why (issues 15 and 16): logins and logouts did not reach ``welcomedly watch`` nor the open Users and
Live pages; a workstation killed without logging out left its session open for good; a staging
table committed halfway (psql, a killed import) stayed until the next import of that upload.  The
SQL lives in ``welcomedly_desktop/db/security/upkeep.py`` (and the calls to its sweeps in
functions.py and imports.py); this revision re-applies ``security.apply`` as migration 0005 does
(idempotent, so ``welcomedly db upgrade`` applying it again changes nothing), which also brings the
built-in database, upgraded only through migrations, up to date.  The downgrade removes the
notifying triggers (an older listener would log every session event as foreign); the sweep
functions and ``app.upkeep`` stay, harmless, until the older program's ``db upgrade`` re-applies
its own functions.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from welcomedly_desktop.db import security

    security.apply(op.get_bind())


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS sessions_notify_insert ON app.sessions")
    op.execute("DROP TRIGGER IF EXISTS sessions_notify_update ON app.sessions")
    op.execute("DROP FUNCTION IF EXISTS app.sessions_notify()")
