"""The ``welcomedly`` command line: a thin face over the services (no Qt here).

Contract (scripts depend on it): exit 0 success, 1 refused/invalid input (one sentence on stderr,
no traceback), 2 usage error, 3 database schema behind head.  ``--json`` prints one object/array.

One module per command group, each exposing ``register(subparsers, common)``; a handler is
``handler(ctx: CliContext) -> int`` stored as the parser default ``handler``.  A new group is a new
module plus one line in ``COMMAND_MODULES`` (the order there is the order of ``--help``).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable

from welcomedly_desktop import __version__
from welcomedly_desktop.cli import (
    agents,
    backup,
    campaigns,
    db,
    demo,
    dispositions,
    dnc,
    exports,
    imports,
    records,
    reports,
    sessions,
    settings,
    uploads,
    users,
    watch,
)
from welcomedly_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_SCHEMA_BEHIND,
    EXIT_USAGE,
    CliContext,
    Parser,
    common_parent,
)
from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.i18n import translate

__all__ = ["COMMAND_MODULES", "EXIT_OK", "EXIT_REFUSED", "EXIT_SCHEMA_BEHIND", "EXIT_USAGE", "CliContext",
           "build_parser", "run_command"]

log = logging.getLogger(__name__)

COMMAND_MODULES = (db, users, campaigns, agents, imports, uploads, dnc, reports, exports, demo, dispositions, records,
                   settings, backup, watch, sessions)


def build_parser() -> argparse.ArgumentParser:
    common = common_parent()
    parser = Parser(
        prog="welcomedly",
        description=translate("cli", "Welcomedly Desktop: outbound calling campaigns. With no command, starts the desktop app."),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"welcomedly {__version__}")
    parser.add_argument("--database-url", metavar="URL", help=translate("cli", "shared PostgreSQL server (default: $WELCOMEDLY_DATABASE_URL, the settings file, or the built-in database)"))
    parser.add_argument("--data-dir", metavar="DIR", help=translate("cli", "data folder (default: $WELCOMEDLY_DATA_DIR or the user data folder)"))
    parser.add_argument("--smoke-test", action="store_true", help=translate("cli", "start the desktop app, log in as $WELCOMEDLY_USER, open every page, exit"))
    parser.add_argument("-v", "--verbose", action="store_true", help=translate("cli", "log debug messages to stderr"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
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
        print("welcomedly: " + translate("cli", "interrupted; nothing more was changed."), file=ctx.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: a sentence, details in the log
        # Only the exception's type on stderr: its text may hold SQL and its parameters (the log has it).
        log.exception("Unexpected error in command %s", args.command)
        from welcomedly_desktop.logging_setup import log_file

        where = log_file()
        sentence = (translate("cli", "an unexpected error stopped the command ({error}); details are in the log file {path}.")
                    if where else translate("cli", "an unexpected error stopped the command ({error}); details are in the log file."))
        print("welcomedly: " + sentence.format(error=type(exc).__name__, path=where), file=ctx.stderr)
        return EXIT_REFUSED
    finally:
        ctx.close()
