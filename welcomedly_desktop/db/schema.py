"""Schema version checks and upgrades through alembic (the only way the schema changes)."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from welcomedly_desktop.errors import SchemaBehindError

if TYPE_CHECKING:
    from alembic.config import Config

# alembic is imported only where a migration runs: importing it and the migration scripts would slow
# the start of every command just to learn the head revision (figure in bench/README.md).

log = logging.getLogger(__name__)


def migrations_dir() -> Path:
    """``migrations/`` beside the package (source checkout) or inside a PyInstaller bundle."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS")) / "migrations"
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str | None = None) -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if url:
        # ConfigParser interpolation: a literal % in a password must be doubled.
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


_REVISION = re.compile(r"""^revision(?:\s*:[^=]*)?\s*=\s*["']([^"']+)["']\s*$""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"""^down_revision(?:\s*:[^=]*)?\s*=\s*(.+)$""", re.MULTILINE)


def head_revision() -> str:
    """The newest migration: read from the scripts' ``revision``/``down_revision`` lines; alembic
    is asked whenever that is not plainly one chain (a test checks both always agree)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in sorted((migrations_dir() / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            return alembic_head_revision()
        revisions.add(revision.group(1))
        parents.update(re.findall(r"""["']([^"']+)["']""", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else alembic_head_revision()


def alembic_head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db) -> str | None:  # noqa: ANN001 - Database
    """What alembic's MigrationContext reports, asked with one query."""
    with db.engine.connect() as conn:
        if conn.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise SchemaBehindError(f"The database {db.display_url} has several schema versions ({', '.join(rows)}).")
    return rows[0] if rows else None


def server_version(db) -> str:  # noqa: ANN001 - Database
    """The PostgreSQL release the database runs on, e.g. ``16.14`` (``SHOW server_version``)."""
    with db.engine.connect() as conn:
        return str(conn.execute(text("SHOW server_version")).scalar()).split()[0]


def upgrade(db, revision: str = "head") -> None:  # noqa: ANN001
    # Asked cheaply first: alembic's upgrade at head is a no-op that still loads alembic, its env and
    # every migration script, and the embedded database is upgraded at every start.
    if revision == "head" and current_revision(db) == head_revision():
        return
    from alembic import command

    cfg = alembic_config(db.url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    log.info("Database schema at %s", current_revision(db))


def ensure_current(db) -> None:  # noqa: ANN001
    current = current_revision(db)
    head = head_revision()
    if current != head:
        raise SchemaBehindError(
            f"The database {db.display_url} is at schema version {current or 'none'} but this program needs "
            f"{head}; an administrator must run 'welcomedly db upgrade'."
        )
