"""Composition root: parse arguments, set up logging and exit handling, then run the CLI or the GUI."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

log = logging.getLogger("welcomedly_desktop")


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
        return cli.run_command(args)

    from welcomedly_desktop.gui.app import run_gui  # Qt is imported only on this path

    return run_gui(args, settings)


def entry_point() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
