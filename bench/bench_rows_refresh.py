"""Targeted refresh benchmark: ``python -m bench.bench_rows_refresh``.

On a fresh built-in PostgreSQL: 10,000 campaigns (10 records each, 100,000 records) and 10,000
uploads.  For the campaigns list (with progress) and the uploads list, compares what a change to ONE
row costs the open page:

* before (issue 16's first step): the whole list's query again, then ``set_rows`` over all rows;
* now: the list's query restricted to that id (``ids=``), then ``apply_rows`` for that row.

Prints rows read, SQL statements sent and the median seconds of each step (query, model update behind a
sorted proxy).  Never run by the test suite.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import tempfile
import time
from pathlib import Path


def _median(fn, runs: int = 7) -> tuple[float, object]:  # noqa: ANN001
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_rows_refresh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000, help="campaigns and uploads (each)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event, text

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db import schema
    from welcomedly_desktop.db.embedded import get_server
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.gui.models.campaigns_model import CampaignsModel
    from welcomedly_desktop.gui.models.table_model import RowFilterProxy
    from welcomedly_desktop.gui.models.uploads_model import UploadsModel
    from welcomedly_desktop.services import campaign_progress, imports
    from welcomedly_desktop.services.context import Actor

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the models need one
    root = Path(tempfile.mkdtemp(prefix="wd-bench-rows-"))
    server = get_server(root / "pgdata", cleanup_mode="delete")
    url = server.get_uri("postgres").replace("postgresql://", "postgresql+psycopg://", 1).replace("postgres:@", "postgres@", 1)
    db = Database(url, Settings(data_dir=root, statement_timeout_ms=600_000))
    schema.upgrade(db)
    n = args.rows
    with db.session() as s:
        s.execute(text("INSERT INTO campaigns (name, status) SELECT 'Campaign ' || g, 'active' "
                       "FROM generate_series(1, :n) g"), {"n": n})
        s.execute(text("INSERT INTO campaign_records (campaign_id, phone, name, status) "
                       "SELECT c.id, '+3161' || lpad((c.id * 10 + r)::text, 7, '0'), 'Client', 'new' "
                       "FROM campaigns c, generate_series(0, 9) r"))
        s.execute(text("INSERT INTO base_campaign_data (campaign_id, original_filename, status, rows_total) "
                       "SELECT id, 'file' || id || '.csv', 'processed', 10 FROM campaigns"))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    actor = Actor(user_id=None, email=None, name="Benchmark", role="admin", client="gui")
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    def read(fn):  # noqa: ANN001, ANN202
        def go():  # noqa: ANN202
            with db.session() as s:
                return fn(s)
        return go

    print(f"{n:,} campaigns ({10 * n:,} records) and {n:,} uploads on a built-in PostgreSQL; median of 7")
    cases = (
        ("campaigns", CampaignsModel, lambda s, ids=None: campaign_progress.list_with_progress(s, actor, ids=ids),
         lambda row: dataclasses.replace(row, name=row.name + " (renamed)")),
        ("uploads", UploadsModel, lambda s, ids=None: imports.list_uploads(s, actor, ids=ids),
         lambda row: dataclasses.replace(row, rows_total=row.rows_total + 1)),
    )
    for label, model_class, list_rows, change in cases:
        model = model_class()
        proxy = RowFilterProxy()
        proxy.setSourceModel(model)
        proxy.sort(0, Qt.SortOrder.AscendingOrder)
        rows = read(list_rows)()
        model.set_rows(rows)
        target = rows[len(rows) // 2]
        statements.clear()
        read(list_rows)()
        full_statements = len(statements)
        statements.clear()
        read(lambda s: list_rows(s, frozenset({target.id})))()
        one_statements = len(statements)
        full_query, full = _median(read(list_rows))
        one_query, _ = _median(read(lambda s: list_rows(s, frozenset({target.id}))))
        changed = change(target)
        altered = [changed if r.id == target.id else r for r in full]
        full_model, _ = _median(lambda: (model.set_rows(altered), model.set_rows(full)))
        one_model, _ = _median(lambda: (model.apply_rows({target.id}, [changed]), model.apply_rows({target.id}, [target])))
        print(f"{label}: whole list {len(full):,} rows, {full_statements} statements, query {full_query * 1000:.1f} ms, "
              f"set_rows {full_model / 2 * 1000:.1f} ms | one row: 1 row, {one_statements} statements, "
              f"query {one_query * 1000:.1f} ms, apply_rows {one_model / 2 * 1000:.2f} ms")
    db.dispose()
    server.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
