"""The ``welcomedly`` command line: a thin face over the services (no Qt here).

Contract (scripts depend on it): exit 0 success, 1 refused/invalid input (one sentence on stderr,
no traceback), 2 usage error, 3 database schema behind head.  ``--json`` prints one object/array.

Command groups live in small modules, each exposing ``register(subparsers, common)``; a handler is
``handler(ctx: CliContext) -> int`` stored as the parser default ``handler``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import enum
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from welcomedly_desktop import __version__
from welcomedly_desktop.errors import AuthenticationError, WelcomedlyError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_SCHEMA_BEHIND = 3

ENV_USER = "WELCOMEDLY_USER"
ENV_PASSWORD = "WELCOMEDLY_PASSWORD"


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


class CliContext:
    """What a command handler needs: parsed args, settings, the database and the logged-in actor."""

    def __init__(self, args: argparse.Namespace, *, stdout=None, stderr=None) -> None:  # noqa: ANN001
        self.args = args
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self._file_settings = None
        self._settings = None
        self._db = None
        self._actor = None

    @property
    def file_settings(self):  # noqa: ANN201
        """The settings as configured, without the keyring's password (~0.1 s): enough for
        everything but connecting (file caps, storage, country code)."""
        if self._file_settings is None:
            from welcomedly_desktop.config import load_settings

            self._file_settings = load_settings(data_dir=self.args.data_dir, database_url=self.args.database_url)
        return self._file_settings

    @property
    def settings(self):  # noqa: ANN201
        if self._settings is None:
            from welcomedly_desktop.credentials import effective_url

            settings = self.file_settings
            # A shared server's password remembered by the desktop app (OS keyring) serves the CLI too.
            self._settings = settings.with_changes(database_url=effective_url(settings.database_url))
        return self._settings

    def open_db(self, *, check_schema: bool = True):  # noqa: ANN201
        if self._db is None:
            from welcomedly_desktop.db.engine import open_database
            from welcomedly_desktop.errors import DatabaseUnavailable

            # The keyring is read only when connecting without it fails: reading it costs ~0.17 s
            # and ~20 MB (its backends' modules), for nothing on a server that trusts the
            # connection (the built-in one, a socket with peer authentication, a .pgpass file).
            # (Any failure, not only libpq's "no password supplied": its messages may be translated.)
            try:
                self._db = open_database(self.file_settings, upgrade_embedded=check_schema, check_schema=check_schema)
            except DatabaseUnavailable:
                if self.settings.database_url == self.file_settings.database_url:
                    raise
                self._db = open_database(self.settings, upgrade_embedded=check_schema, check_schema=check_schema)
        return self._db

    @property
    def db(self):  # noqa: ANN201
        return self.open_db()

    def actor(self):  # noqa: ANN201
        """Log in as ``--user``/``$WELCOMEDLY_USER`` (password from ``$WELCOMEDLY_PASSWORD`` or a prompt)."""
        if self._actor is not None:
            return self._actor
        email = getattr(self.args, "user", None) or os.environ.get(ENV_USER)
        if not email:
            if sys.stdin.isatty():
                email = input("E-mail: ").strip()
            else:
                raise AuthenticationError(
                    f"This command needs a logged-in user: pass --user EMAIL or set ${ENV_USER} (and ${ENV_PASSWORD})."
                )
        password = os.environ.get(ENV_PASSWORD)
        if password is None:
            if not sys.stdin.isatty():
                raise AuthenticationError(f"No password given: set ${ENV_PASSWORD} or run the command in a terminal.")
            password = getpass.getpass(f"Password for {email}: ")
        self._check_password_early(email, password)
        from welcomedly_desktop.services import auth

        self._actor = auth.login(self.db, email, password, client="cli")
        return self._actor

    def _check_password_early(self, email: str, password: str) -> None:
        """With a shared server configured, read the user's stored hash over a plain connection and
        start the bcrypt check on a thread (passwords.start_early_check) before the login's modules
        (~0.45 s) load: a command starts ~0.25 s sooner.  Any trouble here is ignored: the login
        then checks as usual and reports it."""
        url = self.file_settings.database_url
        if not url:
            return  # the built-in server is not started yet
        try:
            import psycopg

            from welcomedly_desktop.config import plain_postgresql_url
            from welcomedly_desktop.services.passwords import start_early_check

            with psycopg.connect(plain_postgresql_url(url), connect_timeout=5, application_name="welcomedly-login") as conn:
                row = conn.execute("SELECT password_hash FROM users WHERE lower(email) = %s",
                                   ((email or "").strip().lower(),)).fetchone()
        except Exception:  # noqa: BLE001 - the login proper reports any problem
            return
        start_early_check(password, row[0] if row else None)

    def print_json(self, value: Any) -> None:
        json.dump(value, self.stdout, default=_json_default, ensure_ascii=False, indent=2)
        self.stdout.write("\n")

    def print(self, *parts: Any) -> None:
        print(*parts, file=self.stdout)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a short message (never a traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} must be a positive number")
    return number


DATE = _date


def _common_parent() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: the same flag may stand before or after the command without one hiding the other.
    common.add_argument("--user", metavar="EMAIL", default=argparse.SUPPRESS, help="act as this user (default $WELCOMEDLY_USER)")
    return common


def _command_modules() -> list[Any]:
    from welcomedly_desktop import cli_core

    modules: list[Any] = [cli_core]
    # Optional groups added by later features; each registers its own subcommands.
    for name in ("cli_import", "cli_reports"):
        try:
            modules.append(__import__(f"welcomedly_desktop.{name}", fromlist=["register"]))
        except ModuleNotFoundError as exc:
            if exc.name != f"welcomedly_desktop.{name}":
                raise
    return modules


def build_parser() -> argparse.ArgumentParser:
    common = _common_parent()
    parser = _Parser(
        prog="welcomedly",
        description="Welcomedly Desktop: outbound calling campaigns. With no command, starts the desktop app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"welcomedly {__version__}")
    parser.add_argument("--database-url", metavar="URL", help="shared PostgreSQL server (default: $WELCOMEDLY_DATABASE_URL, the settings file, or the built-in database)")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: $WELCOMEDLY_DATA_DIR or the user data folder)")
    parser.add_argument("--smoke-test", action="store_true", help="start the desktop app, log in as $WELCOMEDLY_USER, open every page, exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _command_modules():
        module.register(subparsers, common)
    return parser


def run_command(args: argparse.Namespace, *, stdout=None, stderr=None) -> int:  # noqa: ANN001
    """Run a parsed command; map typed errors to exit codes with one sentence on stderr."""
    ctx = CliContext(args, stdout=stdout, stderr=stderr)
    handler: Callable[[CliContext], int] = args.handler
    try:
        return int(handler(ctx) or EXIT_OK)
    except WelcomedlyError as exc:
        print(f"welcomedly: {exc.user_message}", file=ctx.stderr)
        log.info("Command refused: %s", exc.user_message, exc_info=exc.detail is not None)
        return exc.exit_code
    except KeyboardInterrupt:
        print("welcomedly: interrupted; nothing more was changed.", file=ctx.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: a sentence, details in the log
        log.exception("Unexpected error in command %s", args.command)
        from welcomedly_desktop.logging_setup import log_file

        where = log_file()
        print(
            f"welcomedly: an unexpected error stopped the command ({type(exc).__name__}: {exc}); "
            f"details are in the log file{f' {where}' if where else ''}.",
            file=ctx.stderr,
        )
        return EXIT_REFUSED
    finally:
        ctx.close()


def main_cli(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    return run_command(args)
