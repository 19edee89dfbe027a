"""Schema version checks and upgrades through alembic (the only way the schema changes)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from welcomedly_desktop.errors import SchemaBehindError

log = logging.getLogger(__name__)


def migrations_dir() -> Path:
    """``migrations/`` beside the package (source checkout) or inside a PyInstaller bundle."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS")) / "migrations"
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if url:
        # ConfigParser interpolation: a literal % in a password must be doubled.
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(db) -> str | None:  # noqa: ANN001 - Database
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db, revision: str = "head") -> None:  # noqa: ANN001
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
