"""The campaign records view follows record changes made by another process: records named by id
are updated in place (their rows only, selection and scroll kept), new ones beyond the loaded pages
move the count, a bulk import reloads what is loaded keeping the user's place; other campaigns'
changes cost nothing."""

from __future__ import annotations

import time

from sqlalchemy import text

from tests.gui.conftest import wait_idle
from tests.live.test_gui_live import _cli

RECORDS = 1200


def _csv(path, first: int, count: int):  # noqa: ANN001, ANN202
    path.write_text("name,phone\n" + "".join(f"New {i},+3168{i:07d}\n" for i in range(first, first + count)))
    return path


def test_records_view_follows_another_process(qtbot, db, admin_actor, supervisor_actor, make_campaign, make_agent,
                                              open_window, cli_env, tmp_path):
    from welcomedly_desktop.gui.views.records_view import PAGE_SIZE, RecordsDialog, RecordsModel
    from welcomedly_desktop.services import assignments, demo

    camp, other = make_campaign("Big one", status="active"), make_campaign("Elsewhere", status="active")
    agent = make_agent("Bea Busy")
    with db.session() as s:
        assignments.assign(s, admin_actor, camp.id, [agent.id])
        assignments.assign(s, admin_actor, other.id, [agent.id])
        demo.insert_records(s, camp.id, RECORDS)
        demo.insert_records(s, other.id, 10, phone_offset=5000)
        ids = [i for (i,) in s.execute(text("SELECT id FROM campaign_records WHERE campaign_id = :c ORDER BY id"),
                                        {"c": camp.id})]
        # Every record handed out but three in the first page: "distribute" then names those three.
        free = [ids[10], ids[20], ids[30]]
        s.execute(text("UPDATE campaign_records SET assigned_agent_id = :a WHERE campaign_id = :c AND id <> ALL(:f)"),
                  {"a": agent.id, "c": camp.id, "f": free})
    window = open_window(supervisor_actor, page="campaigns")
    qtbot.waitUntil(lambda: window.live.connected, timeout=10000)
    dialog = RecordsDialog(window.ctx, camp.id, "Records", window)
    dialog.show()
    view, model = dialog.view, dialog.view.model
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE and model.total == RECORDS, timeout=10000)
    # The user's place: scrolled down, one record selected.
    view.table.selectRow(100)
    selected = view.selected_ids()
    bar = view.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    scrolled = bar.value()
    assert scrolled > 0
    changed_rows: list[int] = []
    model.dataChanged.connect(lambda top, bottom, *_: changed_rows.extend(range(top.row(), bottom.row() + 1)))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    agent_column = [key for key, _ in RecordsModel.COLUMNS].index("agent_name")

    def kept() -> None:
        assert view.selected_ids() == selected
        assert bar.value() == scrolled

    # Three records handed out by another process: those rows change in place within a second.
    result = _cli(cli_env, admin_actor.email, "records", "distribute", "--campaign", str(camp.id))
    assert result.returncode == 0, result.stderr
    committed = time.monotonic()
    rows = [model.row_of(i) for i in free]
    qtbot.waitUntil(lambda: all(model.index(r, agent_column).data() == "Bea Busy" for r in rows), timeout=1000)
    update_ms = (time.monotonic() - committed) * 1000
    assert sorted(changed_rows) == rows and resets == []
    assert model.rowCount() == PAGE_SIZE
    kept()

    # Two new records (ids beyond the loaded pages): they come with paging; the count moves now.
    result = _cli(cli_env, admin_actor.email, "import", str(_csv(tmp_path / "two.csv", 0, 2)), "--campaign",
                  str(camp.id))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: model.total == RECORDS + 2, timeout=1000)
    assert "1,202 records" in view.count_label.text() and resets == [] and model.rowCount() == PAGE_SIZE
    kept()

    # A bulk import (a count, no ids): what is loaded is read again, the user's place kept.
    result = _cli(cli_env, admin_actor.email, "import", str(_csv(tmp_path / "many.csv", 100, 600)), "--campaign",
                  str(camp.id))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: model.total == RECORDS + 602, timeout=1000)
    qtbot.waitUntil(lambda: bool(resets), timeout=1000)
    assert model.rowCount() >= PAGE_SIZE
    kept()

    # Another campaign's records: no query, nothing redrawn.
    refreshed: list[int] = []
    model.rows_refreshed.connect(lambda: refreshed.append(1))
    model.reloaded.connect(lambda: refreshed.append(2))
    batches: list[list] = []
    window.live.changes_arrived.connect(batches.append)
    result = _cli(cli_env, admin_actor.email, "records", "distribute", "--campaign", str(other.id))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: bool(batches), timeout=1000)
    qtbot.wait(300)
    assert any(c.entity == "record" and c.campaigns == {other.id} for c in batches[0])
    assert refreshed == []
    print(f"distributed records shown {update_ms:.0f} ms after the other process exited")
    dialog.close()
    wait_idle(qtbot, window.ctx)
    window.close()
