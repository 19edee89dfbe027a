"""Alembic environment: runs on a connection handed in by the program, or on the configured URL."""

from __future__ import annotations

import logging.config

from alembic import context
from sqlalchemy import create_engine

from welcomedly_desktop.db.models import Base

config = context.config
target_metadata = Base.metadata

if config.config_file_name is not None and config.get_main_option("configure_logging", "true") == "true":
    try:
        logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)
    except KeyError:  # alembic.ini without logging sections
        pass


def _include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    return True


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_object=_include_object,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from welcomedly_desktop.config import load_settings
    from welcomedly_desktop.db.engine import open_database

    settings = load_settings()
    db = open_database(settings, upgrade_embedded=False, check_schema=False)
    config.attributes["database"] = db  # keeps the embedded server alive for this run
    return db.url


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(_url())
    with engine.begin() as conn:
        _run(conn)
