"""What every command module shares: the exit codes, the context a handler gets (settings, database,
logged-in actor, output), the argument types and the plain-text table."""

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
import threading
from pathlib import Path
from typing import Any

from welcomedly_desktop.errors import AuthenticationError, ValidationError
from welcomedly_desktop.safe_files import check_destination
from welcomedly_desktop.services.validation import MAX_ID
from welcomedly_desktop.i18n import translate

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


log = logging.getLogger(__name__)


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
        """The settings as configured, without the keyring's password (quick to read): enough for
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

            # The keyring is read only when connecting without it fails: reading it loads its
            # backends' modules (time and memory), for nothing on a server that trusts the
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
        if self._actor is None:
            email, password = self._credentials()
            self._login(email, password)
        return self._actor

    def actor_soon(self):  # noqa: ANN201
        """Start the login on a thread and return a function that waits for its Actor.

        bcrypt releases the GIL: a command that imports heavy modules next (``import``) overlaps them
        with the password check instead of waiting for both.  Prompts and the database's opening
        happen here, on the calling thread; the login itself goes through the services as always."""
        if self._actor is not None:
            return lambda: self._actor
        email, password = self._credentials()
        if self._db is None:
            from welcomedly_desktop.services import early_login

            early_login.start(self.file_settings.database_url, email, password)  # overlaps open_db's imports
        self.open_db()
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                self._login(email, password)
            except BaseException as exc:  # noqa: BLE001 - raised again by wait()
                outcome["error"] = exc

        thread = threading.Thread(target=run, name="welcomedly-login", daemon=True)
        thread.start()

        def wait():  # noqa: ANN202
            thread.join()
            if "error" in outcome:
                raise outcome["error"]
            return self._actor

        return wait

    def _credentials(self) -> tuple[str, str]:
        email = getattr(self.args, "user", None) or os.environ.get(ENV_USER)
        if not email:
            if sys.stdin.isatty():
                email = input("E-mail: ").strip()
            else:
                raise AuthenticationError(
                    translate("cli", "This command needs a logged-in user: pass --user EMAIL or set ${env_user} (and ${env_password}).").format(env_user=ENV_USER, env_password=ENV_PASSWORD)
                )
        password = os.environ.get(ENV_PASSWORD)
        if password is None:
            if not sys.stdin.isatty():
                raise AuthenticationError(translate("cli", "No password given: set ${env_password} or run the command in a terminal.").format(env_password=ENV_PASSWORD))
            password = getpass.getpass(translate("cli", "Password for {email}: ").format(email=email))
        return email, password

    def _login(self, email: str, password: str) -> None:
        # Logging in goes through the services only: the CLI never reads the users table itself.
        from welcomedly_desktop.services import auth

        actor = auth.login(self.db, email, password, client="cli")
        self.db.bind_user(actor.user_id)  # the change feed's "by"
        self._actor = actor

    def print_json(self, value: Any) -> None:
        json.dump(value, self.stdout, default=_json_default, ensure_ascii=False, indent=2)
        self.stdout.write("\n")

    def print(self, *parts: Any) -> None:
        print(*parts, file=self.stdout)

    def close(self) -> None:
        if self._db is not None:
            if self._db.session_token is not None:  # a command's app session ends with it (issue 15)
                from welcomedly_desktop.services import sessions

                try:
                    sessions.logout(self._db)
                except Exception:  # noqa: BLE001 - the server ends it anyway when the user is; never hide the result
                    log.debug("Could not end the command's session", exc_info=True)
            self._db.close()
            self._db = None


class Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a short message (never a traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("cli", "{value!r} is not a date in the form YYYY-MM-DD").format(value=value)) from None


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("cli", "{value!r} is not a whole number").format(value=value)) from None
    if number <= 0:
        raise argparse.ArgumentTypeError(translate("cli", "{value!r} must be a positive number").format(value=value))
    return number


def entity_id(value: str) -> int:
    """An id argument: a whole number from 1 to 2,147,483,647 (what a database id can be), so a
    mistyped id is a usage error here instead of a database error later."""
    try:
        number = int(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_short(value)!r} is not an id (a whole number)") from None
    if not 1 <= number <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{_short(value)} is not an id: ids go from 1 to {MAX_ID}")
    return number


def _short(value: str) -> str:
    return value if len(value) <= 24 else value[:21] + "..."


DATE = _date


def common_parent() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: the same flag may stand before or after the command without one hiding the other.
    common.add_argument("--user", metavar="EMAIL", default=argparse.SUPPRESS, help=translate("cli", "act as this user (default $WELCOMEDLY_USER)"))
    return common


def group(subparsers, name: str, help_text: str):  # noqa: ANN001, ANN201
    """A command with actions (``welcomedly NAME ACTION``); returns the subparsers of its actions."""
    parser = subparsers.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True, parser_class=type(parser))


def _printable(text: str) -> str:
    """Control and formatting characters (rows written before the input rules, or by other
    programs) shown as escapes: a table cell can neither break the table nor reach the terminal."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def print_table(ctx: CliContext, headers: list[str], rows: list[list[Any]]) -> None:
    cells = [[str(h) for h in headers]] + [[_printable(str(c)) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        ctx.print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            ctx.print("  ".join("-" * w for w in widths))


def output_path(out: str | None, fmt: str) -> Path | None:
    """The ``--out`` file checked before any work: None means stdout (JSON only)."""
    if out in (None, "-"):
        if fmt != "json":
            raise ValidationError("out", translate("cli", "--out FILE is needed for the {fmt} format.").format(fmt=fmt))
        return None
    path = Path(out).expanduser()
    if not path.parent.exists():
        raise ValidationError("out", translate("cli", "The folder {parent} does not exist.").format(parent=path.parent))
    return check_destination(path)  # a device, FIFO, folder or link is refused before any work
