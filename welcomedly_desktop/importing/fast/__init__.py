"""The fast paths: Arrow/numpy readers and record builders behind the reader interface.

Each gives exactly what the plain path (``csv_reader``, ``sheet_reader``, ``normalize``) gives for the
shapes it can vouch for, and raises :class:`batch.FastPathUnsuitable` for anything else; the plain
path is the readable reference and the one whose verdict counts.

* :mod:`.batch`         - :class:`Batch` (rows in columns) and :class:`FastPathUnsuitable`
* :mod:`.arrow_kernels` - Arrow compute functions called by name (no ``pyarrow.compute`` import)
* :mod:`.columnar`      - records' COPY lines built a batch of rows at a time
* :mod:`.csv_batches`   - a UTF-8 CSV parsed by Arrow in batches of columns
* :mod:`.xlsx_batches`  - a worksheet read straight from its XML on a thread of its own, built on
  :mod:`.xlsx_values` (cell texts, numbers, dates), :mod:`.xlsx_cells` (locating cells in the XML)
  and :mod:`.xlsx_parts` (workbook layout, styles, shared strings)
"""
