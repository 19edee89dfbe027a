"""Process-wide tuning around an import, chosen by the program's entry point, not by this library.

The entry point (``welcomedly_desktop.__main__.tune_process_for_import``) registers what to do when a
load starts and what to wrap around its reading and loading; a library user who registers nothing
gets an import that leaves the process's settings alone.  Kept free of heavy imports: the entry
point registers before the GUI starts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager


def _nothing() -> None:
    return None


_on_load_start: Callable[[], None] = _nothing
_while_loading: Callable[[], AbstractContextManager[None]] = contextlib.nullcontext


def set_import_tuning(on_load_start: Callable[[], None],
                      while_loading: Callable[[], AbstractContextManager[None]]) -> None:
    """``on_load_start()`` runs as each load starts (before its locks and preloading);
    ``while_loading()`` (a context manager) is entered around its reading and loading."""
    global _on_load_start, _while_loading
    _on_load_start, _while_loading = on_load_start, while_loading


def load_starting() -> None:
    _on_load_start()


def loading() -> AbstractContextManager[None]:
    return _while_loading()
