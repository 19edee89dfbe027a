"""The import engine's front door: open a lead file, preview it, load it, keep its original.

The caller (services) owns the use case around it: permissions, the upload row, audit.  The order:
``open_file`` -> ``ImportFile.map_columns`` -> ``ImportFile.preview`` (the dialog) or, inside the
caller's transaction on an ``import_connection``, ``run_import``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError, OperationCancelled
from welcomedly_desktop.importing.filecheck import FileFacts, check_file
from welcomedly_desktop.importing.load_base import LoadCounts, check_cancel
from welcomedly_desktop.importing.loader import load_rows
from welcomedly_desktop.importing.mapping import resolve_mapping
from welcomedly_desktop.importing.normalize import RowLayout
from welcomedly_desktop.importing.options import CancelToken, ImportOptions, ProgressReporter
from welcomedly_desktop.importing.readers import open_rows
from welcomedly_desktop.importing.sheet_reader import release_parsed_sheet
from welcomedly_desktop.importing.storage import OriginalKeeper, store_for, store_for_uri
from welcomedly_desktop.importing.table import RowSource, TableInfo

__all__ = [
    "FilePreview", "ImportFile", "LoadCounts", "check_cancel", "fetch_original", "forget_parsed_workbook",
    "import_connection", "open_file", "run_import",
]


@dataclass(frozen=True)
class FilePreview:
    """What the import dialog shows before anything is written: format facts, first rows, mapping."""

    file_name: str
    file_format: str
    size: int
    sha256: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheet_names: list[str]
    header_row: int
    columns: list[str]
    rows: list[list[str]]
    mapping: dict[str, str]
    #: "already imported on ... by ..." when this file was imported into the campaign before.
    already_imported: str | None = None
    #: The real file read, when the user chose a symbolic link to it (shown before importing).
    real_path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ImportFile:
    """A lead file checked (size, format, encoding...) and opened; its columns mapped by ``map_columns``.

    A context manager: leaving it closes the reader."""

    def __init__(self, facts: FileFacts, source: RowSource, settings: Settings) -> None:
        self.facts = facts
        self.source = source
        self.mapping: dict[str, str] = {}
        self.settings = settings

    @property
    def info(self) -> TableInfo:
        return self.source.info

    @property
    def file_name(self) -> str:
        return self.facts.file_name

    @property
    def sha256(self) -> str:
        return self.facts.sha256

    @property
    def real_path(self) -> str | None:
        """The real file, when the path given was a symbolic link to it (else None)."""
        return str(self.facts.path) if self.facts.linked_from is not None else None

    @property
    def original_uri(self) -> str:
        """Where the original will be kept (content addressed, so known before it is stored)."""
        return store_for(self.settings).uri_for(self.facts.sha256, self.facts.extension)

    def map_columns(
        self, explicit: Mapping[str, str] | None, saved: Mapping[str, str] | None = None, *,
        require_phone: bool = True, single_column_is_phone: bool = False,
    ) -> dict[str, str]:
        """Field -> file column: ``explicit`` first, then the campaign's ``saved`` mapping, then guesses.

        ``single_column_is_phone``: a file of one unrecognised column is a list of phones (do-not-call)."""
        columns = self.info.columns
        try:
            self.mapping = resolve_mapping(columns, explicit=explicit, saved=saved, require_phone=require_phone)
        except ImportFileError:
            if not single_column_is_phone or len(columns) != 1:
                raise
            self.mapping = {"phone": columns[0]}
        return self.mapping

    def preview(self, already_imported: str | None = None) -> FilePreview:
        info, facts = self.info, self.facts
        return FilePreview(
            file_name=facts.file_name, file_format=info.file_format, size=facts.size, sha256=facts.sha256,
            encoding=info.encoding, delimiter=info.delimiter, sheet=info.sheet, sheet_names=info.sheet_names,
            header_row=info.header_row, columns=info.columns, rows=info.preview, mapping=self.mapping,
            already_imported=already_imported, real_path=self.real_path,
        )

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> ImportFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_file(path: Path, settings: Settings, options: ImportOptions, prefetched=None) -> ImportFile:  # noqa: ANN001
    """Check and open one file; ``prefetched`` (a FilePrefetch of the same path and options, see
    prefetch.py) has done so on a thread meanwhile, and its result (or error) is taken instead."""
    if prefetched is not None and prefetched.matches(path, options):
        facts, source = prefetched.collect()
    else:
        facts = check_file(path, settings, encoding=options.encoding)
        source = open_rows(facts, settings, options)
    return ImportFile(facts, source, settings)


def forget_parsed_workbook() -> None:
    """Drop the workbook a preview (or prefetch) parsed and kept for the import that follows."""
    release_parsed_sheet()


@contextlib.contextmanager
def import_connection(engine: Engine, application_name: str) -> Iterator[Connection]:
    """A connection for one import, tagged with ``application_name`` (committed, so that other
    workstations see it before the load begins) until it is given back."""
    with engine.connect() as conn:
        quoted = application_name.replace("'", "''")
        conn.exec_driver_sql(f"SET application_name = '{quoted}'")
        conn.commit()
        try:
            # A big file's staging table outgrows the default temp buffers and would be written out
            # and read back.  Allowed only before a session first uses a temp table.
            conn.exec_driver_sql("SET temp_buffers = '256MB'")
            conn.commit()
        except DBAPIError:
            conn.rollback()
        try:
            yield conn
        finally:
            with contextlib.suppress(Exception):
                if not conn.closed and not conn.invalidated:
                    conn.exec_driver_sql("RESET application_name")
                    conn.commit()


class _StopToken:
    """The import's cancel token: the user's Cancel, or the original that could not be stored."""

    def __init__(self, cancel: CancelToken, keeper: OriginalKeeper) -> None:
        self._cancel = cancel
        self._keeper = keeper

    def is_set(self) -> bool:
        return self._cancel.is_set() or self._keeper.failed


def run_import(
    connection: Connection,
    file: ImportFile,
    options: ImportOptions,
    progress: ProgressReporter,
    cancel: CancelToken,
    *,
    upload_id: int,
    campaign_id: int,
    country_code: str,
) -> LoadCounts:
    """Load every row of ``file`` into the campaign, in the caller's open transaction on ``connection``
    (an ``import_connection``), and keep the original file meanwhile; return the counts.

    Nothing is committed here: the caller finishes its upload row in the same transaction.  Raises
    OperationCancelled (cancel), StorageError (the original could not be kept), ImportFileError."""
    # The load may take minutes on a big file; Cancel (not a timeout) is how it stops.
    connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
    connection.exec_driver_sql("SET LOCAL lock_timeout = '15min'")
    connection.exec_driver_sql("SET LOCAL work_mem = '64MB'")
    layout = RowLayout.from_mapping(file.info.columns, file.mapping)
    # The original is stored while the rows load; a failure to store it stops the load like a cancel.
    keeper = OriginalKeeper(store_for(file.settings), file.facts.path, file.sha256, file.facts.extension)
    stop = _StopToken(cancel, keeper)
    try:
        counts = load_rows(
            connection.connection.driver_connection, file.source, layout, country_code=country_code,
            upload_id=upload_id, campaign_id=campaign_id, dedupe=options.dedupe, mapping=file.mapping,
            progress=progress, cancel=stop,
        )
        keeper.wait(stop)  # no records without their original
        check_cancel(stop)
    except OperationCancelled as exc:
        if keeper.failure is not None and not cancel.is_set():
            raise keeper.failure from exc
        raise
    return counts


def fetch_original(settings: Settings, uri: str, destination: Path) -> Path:
    """Copy a kept original (by its URI) to ``destination``; return the path written."""
    return store_for_uri(settings, uri).fetch(uri, destination)

