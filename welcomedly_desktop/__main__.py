"""Composition root: parse arguments, set up logging and exit handling, then run the CLI or the GUI."""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Iterator, Sequence

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
    from welcomedly_desktop import i18n

    i18n.apply_settings(settings)  # the settings file's language, below WELCOMEDLY_LANG
    # SIGTERM exits through sys.exit so the embedded server's atexit hook runs (GUI replaces this).
    install_exit_signal_handlers()

    if args.command:
        global _ran_command
        _ran_command = True
        if args.command == "import":
            tune_process_for_import()
        return cli.run_command(args)

    tune_process_for_import()  # the GUI may import files
    from welcomedly_desktop.gui.app import run_gui  # Qt is imported only on this path

    return run_gui(args, settings)


def tune_process_for_import() -> None:
    """The process settings an import runs fastest with: big blocks mapped one by one from the
    first import on, and a short thread switch interval while each one reads and loads."""
    from welcomedly_desktop.importing.tuning import set_import_tuning

    set_import_tuning(on_load_start=_map_big_allocations, while_loading=short_switch_interval)


#: Python's thread switch interval while an import runs (the default is 5 ms).  The reading thread
#: is CPU-bound; the loader thread needs the GIL for every block it hands to libpq, and with the
#: default it waited up to 5 ms each time, which kept the server's COPY waiting.
IMPORT_SWITCH_INTERVAL = 0.0002
_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.005


@contextlib.contextmanager
def short_switch_interval() -> Iterator[None]:
    """Process-wide, so counted: the last of several concurrent imports puts the old value back."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(IMPORT_SWITCH_INTERVAL)
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
_BIG_ALLOCATION = 1 << 20
_malloc_tuned = False


def _map_big_allocations() -> None:
    """With glibc, blocks of 1 MB and more are mapped and unmapped one by one from now on.

    Why: glibc otherwise raises that threshold to the size of any mapped block freed (up to 32 MB),
    so the duplicate check's arrays (a few MB, re-made every chunk) came from the heap, which then
    only grew and raised an import's peak memory.  Elsewhere (macOS, Windows, musl) nothing changes."""
    global _malloc_tuned
    if _malloc_tuned or not sys.platform.startswith("linux"):
        return
    _malloc_tuned = True
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, _BIG_ALLOCATION)
    except (OSError, AttributeError):  # not glibc
        pass


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
