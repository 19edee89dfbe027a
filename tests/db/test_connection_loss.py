"""A dropped database connection costs one action at most, with one sentence, and nothing half-done."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from welcomedly_desktop.config import Settings
from welcomedly_desktop.db.engine import Database, open_database
from welcomedly_desktop.errors import DatabaseUnavailable
from welcomedly_desktop.services import campaigns


def _kill_other_backends(db: Database) -> None:
    with db.engine.connect() as conn:
        conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ))
        conn.commit()


def test_pool_replaces_connections_killed_by_the_server(db, supervisor_actor, make_campaign):
    make_campaign("Before")
    with db.session() as s:  # warm the pool
        campaigns.list_campaigns(s, supervisor_actor)
    other = Database(db.url, db.settings)
    try:
        _kill_other_backends(other)
    finally:
        other.dispose()
    # pool_pre_ping notices the dead connection and reconnects: the user sees nothing.
    with db.session() as s:
        assert [c.name for c in campaigns.list_campaigns(s, supervisor_actor)] == ["Before"]


def test_connection_lost_mid_transaction_is_one_sentence_and_rolled_back(db, supervisor_actor, make_campaign):
    make_campaign("Before")
    with pytest.raises(DatabaseUnavailable) as info:
        with db.session() as s:
            campaigns.create_campaign(s, supervisor_actor, name="Half written")
            s.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
    message = info.value.user_message
    assert message.endswith(".") and "\n" not in message
    with db.session() as s:
        assert [c.name for c in campaigns.list_campaigns(s, supervisor_actor)] == ["Before"]


def test_unreachable_shared_server_names_it_and_never_falls_back(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url="postgresql+psycopg://app:secret@127.0.0.1:1/welcomedly",
                        connect_timeout_s=2)
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(settings)
    message = info.value.user_message
    assert "postgresql+psycopg://app:***@127.0.0.1:1/welcomedly" in message
    assert "secret" not in message
    assert not (tmp_path / "pgdata").exists(), "must not start the built-in database instead"
