"""The import pipeline: read a lead file, map its columns, validate and normalise, load into PostgreSQL.

No Qt here.  Long work takes a ``progress`` callback and a ``cancel`` token (anything with
``is_set()``, e.g. ``threading.Event``); the GUI turns the callback into signals, the CLI prints.

The front door (the only names ``services`` uses):

* ``open_file(path, settings, options, prefetched=None) -> ImportFile``: the file checked and opened;
  ``ImportFile.map_columns(explicit, saved)`` maps its columns, ``ImportFile.preview()`` gives the
  import dialog's ``FilePreview``
* ``import_connection(engine, application_name)``: a connection tagged and set up for one import
* ``run_import(connection, file, options, progress, cancel, *, upload_id, campaign_id, country_code)
  -> LoadCounts``: the load and the original's keeping, in the caller's transaction
* ``load_dnc(connection, file, ...) -> DncCounts``: a file of phones onto the do-not-call list
* ``fetch_original``, ``forget_parsed_workbook``, ``check_cancel``, ``normalize_phone`` and the
  options types (``ImportOptions``, ``ProgressReporter``...)

The engine (pyarrow, numpy) loads with the first of the names of ``_ENGINE`` asked for, not with
the options that a command line parses first (module ``__getattr__`` below).

Modules, one job each:

* :mod:`.pipeline`  - the front door above; :mod:`.dnc_load` - the do-not-call list's file load
* :mod:`.options`   - what the caller chooses (mapping, sheet, dedupe scope, overrides)
* :mod:`.filecheck` - refuse hostile files before parsing (size, magic bytes, zip bombs, NUL bytes...)
* :mod:`.encoding`  - text encoding detection
* :mod:`.csv_reader`, :mod:`.sheet_reader` - streaming rows out of text files and workbooks
* :mod:`.fast`      - the Arrow/numpy accelerators behind the readers: CSV batches, workbook batches,
  records' COPY lines built a column at a time; the plain readers above are the reference
* :mod:`.adapters`  - the private psycopg and pyarrow APIs the fast paths use, one module each
* :mod:`.readers`   - opens the right reader; header row detection shared by both
* :mod:`.mapping`   - file column -> field guesses (English and Spanish headers)
* :mod:`.normalize` - phone / e-mail rules and per-row validation
* :mod:`.prefetch`  - the file's checks (and a workbook's parse) on a thread while the caller logs in
* :mod:`.loader`    - locks, then one of two load paths, in one transaction:
  :mod:`.load_direct` (rows judged a chunk at a time against preloaded phones, records COPYed
  straight in) or :mod:`.load_staged` (COPY into a staging table, then set-based SQL);
  :mod:`.load_base` holds what both share
* :mod:`.storage`   - keeps the original file by SHA-256 (local folder or S3)
"""

from __future__ import annotations

from typing import Any

from welcomedly_desktop.importing.normalize import normalize_phone
from welcomedly_desktop.importing.options import (
    DEDUPE_VALUES,
    FIELD_LABELS,
    FIELDS,
    CancelToken,
    DedupeScope,
    ImportOptions,
    ImportProgress,
    NeverCancelled,
    ProgressCallback,
    ProgressReporter,
    parse_dedupe,
)

#: Front-door names that need the engine, by the module that defines them.
_ENGINE = {
    "FilePreview": "pipeline", "ImportFile": "pipeline", "LoadCounts": "pipeline", "check_cancel": "pipeline",
    "fetch_original": "pipeline", "forget_parsed_workbook": "pipeline", "import_connection": "pipeline",
    "open_file": "pipeline", "run_import": "pipeline", "DncCounts": "dnc_load", "load_dnc": "dnc_load",
    # Numbering plans (phonenumbers: ~40 ms to import, which a command that reads no phone skips).
    "UnknownCountry": "phones", "countries": "phones", "known_country": "phones", "national_format": "phones",
    "display_format": "phones", "calling_code_for": "phones",
    "display_stored": "phone_format", "format_stored": "phone_format",
    # Stored originals by URI (backups carry the ones kept in S3).
    "StorageError": "storage", "store_for_uri": "storage",
}

__all__ = [
    "DEDUPE_VALUES", "FIELDS", "FIELD_LABELS", "CancelToken", "DedupeScope", "ImportOptions", "ImportProgress",
    "NeverCancelled", "ProgressCallback", "ProgressReporter", "normalize_phone", "parse_dedupe", *_ENGINE,
]


def __getattr__(name: str) -> Any:
    """The engine's names, loaded on first use (PEP 562)."""
    if name not in _ENGINE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _ENGINE[name] == "pipeline":
        from welcomedly_desktop.importing import pipeline as module
    elif _ENGINE[name] == "phones":
        from welcomedly_desktop.importing import phones as module
    elif _ENGINE[name] == "phone_format":
        from welcomedly_desktop.importing import phone_format as module
    elif _ENGINE[name] == "storage":
        from welcomedly_desktop.importing import storage as module
    else:
        from welcomedly_desktop.importing import dnc_load as module
    return getattr(module, name)
