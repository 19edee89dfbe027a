"""A short-lived, in-memory cache of report results.

Why: the Reports page rebuilds the same report when the user flips between tabs, prints, then
exports; each build scans the campaign's interactions.  The cache returns the same frozen result
for identical inputs for at most ``TTL_SECONDS``.

How it stays correct:
* every write in this process to a table reports read calls :func:`invalidate` (through the one
  hook in :mod:`welcomedly_desktop.services.reports`), which bumps a generation number that is part
  of every cache key;
* the key also holds a cheap database fingerprint (highest interaction id and record id, the
  number of dispositions and their flags' checksum) read with each lookup, so activity written by
  *other* workstations or processes (imports, other agents) is seen at once;
* whatever the fingerprint cannot see (e.g. a deletion on another workstation) lives at most
  ``TTL_SECONDS``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

TTL_SECONDS = 60.0
MAX_ENTRIES = 64

_lock = threading.Lock()
_generation = 0
_entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()


def invalidate() -> None:
    """Forget every cached report (call after any change to records, interactions or dispositions)."""
    global _generation
    with _lock:
        _generation += 1
        _entries.clear()


def generation() -> int:
    return _generation


def get_or_build(key: Hashable, build: Callable[[], T], *, ttl: float = TTL_SECONDS) -> T:
    """The cached value for ``key`` if fresh, else ``build()`` (stored under the current generation)."""
    now = time.monotonic()
    with _lock:
        full_key = (_generation, key)
        hit = _entries.get(full_key)
        if hit is not None and now - hit[0] < ttl:
            _entries.move_to_end(full_key)
            return hit[1]
        gen_at_start = _generation
    value = build()
    with _lock:
        # A change that happened while building makes this result possibly stale: do not keep it.
        if _generation == gen_at_start:
            _entries[(gen_at_start, key)] = (time.monotonic(), value)
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return value


def size() -> int:
    with _lock:
        return len(_entries)
