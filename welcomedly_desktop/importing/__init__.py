"""The import pipeline: read a lead file, map its columns, validate and normalise, load into PostgreSQL.

No Qt here.  Long work takes a ``progress`` callback and a ``cancel`` token (anything with
``is_set()``, e.g. ``threading.Event``); the GUI turns the callback into signals, the CLI prints.

Modules, one job each:

* :mod:`.options`   - what the caller chooses (mapping, sheet, dedupe scope, overrides)
* :mod:`.filecheck` - refuse hostile files before parsing (size, magic bytes, zip bombs, NUL bytes...)
* :mod:`.encoding`  - text encoding detection
* :mod:`.csv_reader`, :mod:`.sheet_reader` - streaming rows out of text files and workbooks
* :mod:`.csv_batches` - the same CSV rows in batches of columns (Arrow's parser), when it can vouch for them
* :mod:`.columnar`  - records' COPY lines built a batch of rows at a time (Arrow compute)
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
