"""The live tests reuse the GUI tests' fixtures (windows, dialogs, nothing left behind)."""

from tests.gui.conftest import _nothing_left_behind, dialogs, make_ctx, open_window  # noqa: F401

import itertools  # noqa: E402
import os  # noqa: E402

import psycopg  # noqa: E402
import pytest  # noqa: E402

_counter = itertools.count(1)


@pytest.fixture
def office(shared_pg, tmp_path):
    """A migrated database on the "office" server (``shared_pg``, which the tests restart), with an
    admin; yields (Database, admin Actor, environment for ``welcomedly`` child processes)."""
    from tests.conftest import TEST_PASSWORD
    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db import schema
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.services import auth
    from welcomedly_desktop.services.context import Actor

    name = f"live_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(shared_pg.libpq_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = shared_pg.url(database=name)
    settings = Settings(data_dir=tmp_path / "data", database_url=url, connect_timeout_s=3)
    db = Database(url, settings)
    schema.upgrade(db)
    with db.session() as s:
        nobody = Actor(user_id=None, email=None, name="test", role="admin", client="test")
        admin = auth.actor_for(auth.register(s, nobody, email="admin@example.com", name="Ada Admin", role="admin",
                                             password=TEST_PASSWORD), "gui")
    env = dict(os.environ, WELCOMEDLY_DATA_DIR=str(tmp_path / "cli-data"), WELCOMEDLY_DATABASE_URL=url,
               PYTHONUNBUFFERED="1", WELCOMEDLY_USER=admin.email, WELCOMEDLY_PASSWORD=TEST_PASSWORD)
    yield db, admin, env
    db.dispose()
    with psycopg.connect(shared_pg.libpq_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
