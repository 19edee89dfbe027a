"""Composition root: parse arguments, set up logging and exit handling, then run the CLI or the GUI."""

from __future__ import annotations

import atexit
import logging
import os
import sys
from collections.abc import Sequence

log = logging.getLogger("welcomedly_desktop")
_ran_command = False  # set when main() ran a command-line command (not the GUI)


def main(argv: Sequence[str] | None = None) -> int:
    from welcomedly_desktop import cli
    from welcomedly_desktop.config import load_settings
    from welcomedly_desktop.db.embedded import install_exit_signal_handlers
    from welcomedly_desktop.errors import WelcomedlyError
    from welcomedly_desktop.logging_setup import configure_logging

    parser = cli.build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(data_dir=args.data_dir, database_url=args.database_url)
    except WelcomedlyError as exc:
        print(f"welcomedly: {exc.user_message}", file=sys.stderr)
        return exc.exit_code
    configure_logging(settings.log_dir, verbose=args.verbose)
    # SIGTERM exits through sys.exit so the embedded server's atexit hook runs (GUI replaces this).
    install_exit_signal_handlers()

    if args.command:
        global _ran_command
        _ran_command = True
        return cli.run_command(args)

    from welcomedly_desktop.gui.app import run_gui  # Qt is imported only on this path

    return run_gui(args, settings)


def entry_point() -> None:
    code = main()
    if _ran_command:
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> None:
    """End a finished command without the interpreter's teardown, which frees every object of every
    module one by one (~0.1 s after each command, measured).  What an exit must do still happens:
    the output streams are flushed and the atexit hooks run (logging's flush, the embedded
    server's stop).  Only for the command line: the GUI, and tests calling main(), exit normally."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said there
            pass
    atexit._run_exitfuncs()  # noqa: SLF001 - CPython's own exit sequence, minus the teardown
    os._exit(code)


if __name__ == "__main__":
    entry_point()
