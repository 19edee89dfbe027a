"""Check and open a file to import on a thread while the caller does something else.

The command line logs in (bcrypt), reads the keyring and connects before it imports; all
of that waits on the CPU or the network with the GIL released, as do hashing the file (SHA-256) and
parsing a workbook.  Started first, the file's checks overlap with them, so the load starts
sooner (bench/README.md).
The result is taken only after the login and the permission check, so a refused file is still
reported after an authentication or permission error, exactly as without the prefetch.
"""

from __future__ import annotations

import threading
from pathlib import Path

from welcomedly_desktop.config import Settings
from welcomedly_desktop.importing.filecheck import FileFacts, check_file
from welcomedly_desktop.importing.options import ImportOptions
from welcomedly_desktop.importing.readers import open_rows
from welcomedly_desktop.importing.table import RowSource


class FilePrefetch:
    """``check_file`` + ``open_rows`` of one file, started at once on a daemon thread."""

    def __init__(self, path: Path, settings: Settings, options: ImportOptions) -> None:
        self.path = path
        self.options = options
        self._result: tuple[FileFacts, RowSource] | None = None
        self._error: BaseException | None = None
        self._taken = False
        self._discarded = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, args=(settings,), name="import-prefetch", daemon=True)
        self._thread.start()

    def _work(self, settings: Settings) -> None:
        try:
            facts = check_file(self.path, settings, encoding=self.options.encoding)
            source = open_rows(facts, settings, self.options)
            source.read_ahead()  # the rows are read right after the login
        except BaseException as exc:  # noqa: BLE001 - raised again by collect(), on the caller's thread
            self._error = exc
            return
        with self._lock:
            if not self._discarded:
                self._result = (facts, source)
                return
        source.close()

    def matches(self, path: Path, options: ImportOptions) -> bool:
        return not self._taken and Path(path) == self.path and options == self.options

    def collect(self) -> tuple[FileFacts, RowSource]:
        """The checked facts and the opened source (the caller closes it), or the file's error."""
        self._thread.join()
        self._taken = True
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        assert self._result is not None
        result, self._result = self._result, None
        return result

    def discard(self) -> None:
        """Not imported after all (refused login, other error): close what was opened, now or,
        if the thread is still at work (a big workbook), when it ends -- without waiting for it."""
        with self._lock:
            self._taken = self._discarded = True
            result, self._result = self._result, None
        if result is not None:
            result[1].close()
