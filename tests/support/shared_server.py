"""A real "office" PostgreSQL server for the shared-database tests: Debian's server with pgcrypto.

The built-in pgserver wheels lack contrib, so the tests that need pgcrypto (and password logins over
TCP, as workstations use) start this one.  ``scripts/shared-pg.sh`` installs the packages when they are
missing; the cluster lives in a temporary folder, listens on 127.0.0.1 on a free port, and asks every
login for a password (scram-sha-256), as an office server does.  As root it runs as the OS user
``postgres`` (pg_ctl refuses root).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUPERUSER = "postgres"


@dataclass
class SharedServer:
    bindir: Path
    datadir: Path
    host: str
    port: int
    superuser_password: str

    def url(self, user: str = SUPERUSER, password: str | None = None, database: str = "postgres",
            driver: str = "postgresql+psycopg") -> str:
        password = self.superuser_password if password is None and user == SUPERUSER else password
        auth = f"{user}:{password}" if password else user
        return f"{driver}://{auth}@{self.host}:{self.port}/{database}"

    def libpq_url(self, user: str = SUPERUSER, password: str | None = None, database: str = "postgres") -> str:
        return self.url(user, password, database, driver="postgresql")

    def pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return _run_as_owner([str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-w", *args], check=check)

    def restart(self, mode: str = "fast") -> None:
        self.pg_ctl("restart", "-m", mode, "-l", str(self.datadir / "server.log"))

    def stop(self) -> None:
        self.pg_ctl("stop", "-m", "immediate", check=False)


def _as_owner_prefix() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run_as_owner(cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(_as_owner_prefix() + cmd, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


def find_bindir() -> Path:
    result = subprocess.run(["bash", str(ROOT / "scripts" / "shared-pg.sh")], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"no PostgreSQL server with pgcrypto: {result.stderr.strip()}")
    return Path(result.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_shared_server() -> SharedServer:
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="wd-shared-pg-"))
    root.chmod(0o755)
    datadir = root / "data"
    password = secrets.token_urlsafe(16)
    pwfile = root / "pw"
    pwfile.write_text(password)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    _run_as_owner([str(bindir / "initdb"), "-D", str(datadir), "-U", SUPERUSER, "--pwfile", str(pwfile),
                   "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])
    pwfile.unlink()
    port = _free_port()
    with open(datadir / "postgresql.auto.conf", "a") as conf:
        conf.write(f"listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{root}'\n"
                   "max_connections = 200\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
    server = SharedServer(bindir, datadir, "127.0.0.1", port, password)
    server.pg_ctl("start", "-l", str(datadir / "server.log"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.1)
    raise RuntimeError(f"shared PostgreSQL did not start: {(datadir / 'server.log').read_text()[-2000:]}")


def remove_shared_server(server: SharedServer) -> None:
    server.stop()
    shutil.rmtree(server.datadir.parent, ignore_errors=True)
