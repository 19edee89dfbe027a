"""The Campaigns list's Records / Worked / Progress follow record changes made by another process:
only the campaigns the changes name are counted again, and a burst of 1,000 record changes costs
one targeted load (per delivered batch), not one per change.  Prints what the burst cost."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from sqlalchemy import event, text

from tests.gui.conftest import wait_idle
from tests.live.test_gui_live import _cli

BURST = 1000

#: A second process that works ``BURST`` records one statement at a time (``per_transaction``:
#: all in one transaction, else one transaction each), as busy workstations would.
_WORKER = """
import sys, psycopg
from welcomedly_desktop.db.changes import libpq_conninfo
url, ids, one_transaction = sys.argv[1], [int(i) for i in sys.argv[2].split(",")], sys.argv[3] == "1"
with psycopg.connect(libpq_conninfo(url), autocommit=not one_transaction) as conn:
    for record_id in ids:
        conn.execute("UPDATE campaign_records SET attempts = attempts + 1, last_attempt_at = now(), "
                     "status = 'done' WHERE id = %s", (record_id,))
    if one_transaction:
        conn.commit()
import time
print(time.time(), flush=True)
"""


def _work(qtbot, env: dict, ids: list[int], *, one_transaction: bool) -> float:  # noqa: ANN001
    """Run the worker process; the window's event loop runs meanwhile (changes arrive as they
    commit).  The time.time() of its last commit."""
    proc = subprocess.Popen([sys.executable, "-c", _WORKER, env["WELCOMEDLY_DATABASE_URL"], ",".join(map(str, ids)),
                             "1" if one_transaction else "0"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=120000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return float(out.strip())


def test_record_changes_move_only_their_campaigns_rows(qtbot, db, admin_actor, supervisor_actor, make_campaign,
                                                       open_window, cli_env, tmp_path):
    from welcomedly_desktop.services import demo

    quiet = [make_campaign(f"Quiet {i:03d}") for i in range(200)]
    busy = [make_campaign(f"Busy {i}", status="active") for i in range(2)]
    with db.session() as s:
        for n, camp in enumerate(busy):
            demo.insert_records(s, camp.id, BURST, phone_offset=n * 10 * BURST)
        demo.insert_records(s, quiet[0].id, 10, phone_offset=90 * BURST)
        record_ids = {c.id: [i for (i,) in s.execute(text("SELECT id FROM campaign_records WHERE campaign_id = :c "
                                                          "ORDER BY id"), {"c": c.id})] for c in busy}
    window = open_window(supervisor_actor, page="campaigns")
    page = window.show_page("campaigns")
    qtbot.waitUntil(lambda: window.live.connected and page.model.rowCount() == 202, timeout=10000)
    assert page.select_id(quiet[5].id)

    def row(campaign_id: int):  # noqa: ANN202
        return page.model.rows[page.model.row_for_id(campaign_id)]

    full_loads: list[int] = []
    targeted: list[frozenset] = []
    load_ms: list[float] = []
    shown_at: list[float] = []
    full, rows_of = page.load, page.load_rows
    page.load = lambda session: (full_loads.append(1), full(session))[1]

    def timed_rows(session, ids):  # noqa: ANN001, ANN202 - worker thread
        targeted.append(ids)
        started = time.perf_counter()
        try:
            return rows_of(session, ids)
        finally:
            load_ms.append((time.perf_counter() - started) * 1000)

    page.load_rows = timed_rows
    page.rows_refreshed.connect(lambda: shown_at.append(time.time()))
    statements: list[str] = []
    lock = threading.Lock()

    def count_sql(conn, cursor, statement, *args):  # noqa: ANN001, ANN202
        with lock:
            statements.append(statement)

    event.listen(window.ctx.db.engine, "before_cursor_execute", count_sql)
    try:
        # An import elsewhere (a few records, named by id with their campaign): that row's Records moves.
        source = tmp_path / "three.csv"
        source.write_text("name,phone\n" + "".join(f"Ana {i},+3161299900{i}\n" for i in range(3)))
        result = _cli(cli_env, admin_actor.email, "import", str(source), "--campaign", str(quiet[1].id))
        assert result.returncode == 0, result.stderr
        qtbot.waitUntil(lambda: row(quiet[1].id).records == 3, timeout=1000)
        qtbot.wait(300)  # the import's last notifications (its records are updated once more)
        wait_idle(qtbot, window.ctx)
        assert set(targeted) == {frozenset({quiet[1].id})} and full_loads == []

        # A burst: 1,000 records worked in one transaction by another process, 500 in each busy
        # campaign.  Both rows move, with one targeted load for the whole burst.
        targeted.clear()
        statements.clear()
        load_ms.clear()
        ids = record_ids[busy[0].id][:500] + record_ids[busy[1].id][:500]
        committed = _work(qtbot, cli_env, ids, one_transaction=True)
        qtbot.waitUntil(lambda: row(busy[0].id).worked == 500 and row(busy[1].id).worked == 500, timeout=1000)
        wait_idle(qtbot, window.ctx)
        one_ms = (shown_at[-1] - committed) * 1000
        assert targeted == [frozenset(c.id for c in busy)] and full_loads == []
        one_statements, one_loads, one_load_ms = len(statements), len(targeted), sum(load_ms)

        # The same burst as 1,000 separate transactions (a busy floor): one load per delivered batch.
        targeted.clear()
        statements.clear()
        load_ms.clear()
        ids = record_ids[busy[0].id][500:] + record_ids[busy[1].id][500:]
        started = time.time()
        committed = _work(qtbot, cli_env, ids, one_transaction=False)
        qtbot.waitUntil(lambda: row(busy[0].id).done == BURST and row(busy[1].id).done == BURST, timeout=1000)
        wait_idle(qtbot, window.ctx)
        many_ms = (shown_at[-1] - committed) * 1000
        assert full_loads == []
        assert all(batch <= frozenset(c.id for c in busy) for batch in targeted)
        assert len(targeted) <= (committed - started) / 0.1 + 2, "more than one load per delivered batch"
        many_statements = len(statements)
    finally:
        event.remove(window.ctx.db.engine, "before_cursor_execute", count_sql)
    assert page.selected_id() == quiet[5].id
    print(f"\n1,000 record changes in one transaction: {one_loads} targeted load, {one_statements} SQL "
          f"statements, {one_load_ms:.1f} ms of queries, shown {one_ms:.0f} ms after the commit")
    print(f"1,000 record changes in 1,000 transactions (worker process ran {(committed - started) * 1000:.0f} ms): "
          f"{len(targeted)} targeted loads, {many_statements} SQL statements, {sum(load_ms):.1f} ms of queries, "
          f"last shown {many_ms:.0f} ms after the last commit")
    wait_idle(qtbot, window.ctx)
    window.close()
