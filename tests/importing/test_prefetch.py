"""FilePrefetch: the file's checks on a thread, their result or error handed over later, once."""

from __future__ import annotations

import pytest

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing.options import ImportOptions
from welcomedly_desktop.importing.prefetch import FilePrefetch
from tests.importing.helpers import write_csv


@pytest.fixture
def file_settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def test_take_hands_over_the_checked_file_once(tmp_path, file_settings):
    path = write_csv(tmp_path / "a.csv", [["nombre", "telefono"], ["Ana", "3124900097"]])
    prefetch = FilePrefetch(path, file_settings, ImportOptions())
    assert prefetch.matches(path, ImportOptions())
    assert not prefetch.matches(path, ImportOptions(delimiter=";"))  # other options: checked again
    facts, source = prefetch.collect()
    with source:
        assert facts.sha256 and [cells for _, cells in source.rows()] == [["Ana", "3124900097"]]
    assert not prefetch.matches(path, ImportOptions())  # taken: the next import checks for itself
    prefetch.discard()  # after take: nothing of the caller's is closed


def test_the_files_error_waits_for_take(tmp_path, file_settings):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\x00\x01\x02" * 100)
    prefetch = FilePrefetch(path, file_settings, ImportOptions())
    prefetch._thread.join()  # the check is over; nothing was raised on the caller's thread
    with pytest.raises(ImportFileError, match="binary"):
        prefetch.collect()


def test_discard_closes_what_was_opened(tmp_path, file_settings):
    path = write_csv(tmp_path / "b.csv", [["telefono"], ["3124900097"]])
    prefetch = FilePrefetch(path, file_settings, ImportOptions())
    prefetch._thread.join()
    source = prefetch._result[1]
    prefetch.discard()
    assert source._text.closed and prefetch._result is None


def test_discard_while_still_at_work_closes_when_done(tmp_path, file_settings, monkeypatch):
    """A refused login must not wait for a big workbook's parse: the thread closes its own result."""
    import threading

    from welcomedly_desktop.importing import prefetch as module

    release = threading.Event()
    opened = []
    real_open_rows = module.open_rows

    def slow_open_rows(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        release.wait(10)
        opened.append(real_open_rows(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(module, "open_rows", slow_open_rows)
    path = write_csv(tmp_path / "c.csv", [["telefono"], ["3124900097"]])
    prefetch = FilePrefetch(path, file_settings, ImportOptions())
    prefetch.discard()  # returns at once, the thread still waiting
    assert prefetch._thread.is_alive()
    release.set()
    prefetch._thread.join(10)
    assert opened and opened[0]._text.closed and prefetch._result is None
