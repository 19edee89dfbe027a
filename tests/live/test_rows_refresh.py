"""Targeted refresh: a change another workstation makes to a few rows updates only those rows of an
open list (the list's query is not run again), keeping selection, sort, filter and scroll; a
deleted row goes away, a new one that matches the filter appears; a bulk change reloads fully."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from sqlalchemy import text

from tests.gui.conftest import wait_idle
from tests.live.test_gui_live import _cli


def _names(page) -> list[str]:  # noqa: ANN001
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def _count_full_loads(page) -> list[int]:  # noqa: ANN001
    """Count the page's full-list loads from now on (the page calls ``self.load`` for each)."""
    calls: list[int] = []
    full_load = page.load

    def counting(session):  # noqa: ANN001, ANN202 - worker thread
        calls.append(1)
        return full_load(session)

    page.load = counting
    return calls


def test_another_process_changes_refresh_only_their_rows(qtbot, db, admin_actor, supervisor_actor, open_window,
                                                         cli_env):
    from welcomedly_desktop.gui.models.campaigns_model import CampaignsModel
    from welcomedly_desktop.services import campaigns

    with db.session() as s:
        made = {c.name: c for c in (campaigns.create_campaign(s, admin_actor, name=f"Camp {i:03d}")
                                    for i in range(300))}
        campaigns.create_campaign(s, admin_actor, name="Other paused", status="paused")
    window = open_window(supervisor_actor, page="campaigns")
    page = window.show_page("campaigns")
    qtbot.waitUntil(lambda: window.live.connected and page.model.rowCount() == 301, timeout=10000)
    # The user's view: drafts only, searched for "Camp", sorted by name descending, scrolled, one row selected.
    page.status_filter.setCurrentIndex(page.status_filter.findData("draft"))
    page.search_edit.setText("Camp")
    page.table.sortByColumn(CampaignsModel.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert page.proxy.rowCount() == 300
    assert page.select_id(made["Camp 150"].id)
    bar = page.table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    full_loads = _count_full_loads(page)
    refreshed: list[int] = []
    page.rows_refreshed.connect(lambda: refreshed.append(1))

    def kept() -> None:
        assert page.selected_row().id == made["Camp 150"].id
        assert bar.value() == scrolled
        assert page.search_edit.text() == "Camp" and page.status_filter.currentData() == "draft"
        assert page.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        names = _names(page)
        assert names == sorted(names, reverse=True)

    # An update: the row changes in place within a second of the other process's commit.
    target = made["Camp 200"]
    result = _cli(cli_env, admin_actor.email, "campaign", "update", str(target.id), "--name", "Camp 200 renamed")
    assert result.returncode == 0, result.stderr
    committed = time.monotonic()
    qtbot.waitUntil(lambda: "Camp 200 renamed" in _names(page), timeout=1000)
    update_ms = (time.monotonic() - committed) * 1000
    assert "Camp 200" not in _names(page) and page.model.rowCount() == 301
    kept()

    # A delete: the row goes.
    result = _cli(cli_env, admin_actor.email, "campaign", "delete", str(made["Camp 201"].id))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: "Camp 201" not in _names(page), timeout=1000)
    assert page.model.rowCount() == 300
    kept()

    # Inserts: one that matches the filter appears; one that does not is held but not shown.
    result = _cli(cli_env, admin_actor.email, "campaign", "add", "--name", "Camp 999 new")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: "Camp 999 new" in _names(page), timeout=1000)
    result = _cli(cli_env, admin_actor.email, "campaign", "add", "--name", "Camp 998 active", "--status", "active")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: page.model.rowCount() == 302, timeout=1000)
    assert "Camp 998 active" not in _names(page) and page.proxy.rowCount() == 300
    kept()

    assert full_loads == [], "a change naming its rows re-ran the whole list's query"
    assert len(refreshed) == 4
    print(f"renamed row shown {update_ms:.0f} ms after the other process exited")
    wait_idle(qtbot, window.ctx)
    window.close()


def test_upload_progress_from_elsewhere_updates_its_row_and_a_bulk_change_reloads(
        qtbot, db, admin_actor, make_campaign, open_window, tmp_path):
    from welcomedly_desktop.services import imports

    camp = make_campaign("Uploads live")
    uploads = []
    for i in range(3):
        source = tmp_path / f"file{i}.csv"
        source.write_text(f"name,phone\nAna {i},+3161234567{i}\n")
        uploads.append(imports.import_file(db, admin_actor, source, camp.id))
    window = open_window(admin_actor, page="uploads")
    page = window.show_page("uploads")
    qtbot.waitUntil(lambda: window.live.connected and page.model.rowCount() == 3, timeout=10000)
    assert page.select_id(uploads[1].upload_id)
    full_loads = _count_full_loads(page)
    refreshed: list[int] = []
    page.rows_refreshed.connect(lambda: refreshed.append(1))

    # Another workstation's import reports progress on its upload row (another connection, origin).
    with db.session() as s:
        s.execute(text("SET LOCAL welcomedly.origin = 'elsewhere'"))
        s.execute(text("UPDATE base_campaign_data SET status = 'processing', rows_total = 5000 WHERE id = :u"),
                  {"u": uploads[2].upload_id})
    qtbot.waitUntil(lambda: page.model.rows[page.model.row_for_id(uploads[2].upload_id)].rows_total == 5000,
                    timeout=1000)
    assert page.selected_id() == uploads[1].upload_id
    assert full_loads == [] and refreshed == [1]

    # A bulk change (more rows than a notification lists, sent as a count): the list reloads fully.
    with db.session() as s:
        s.execute(text("SET LOCAL welcomedly.origin = 'elsewhere'"))
        s.execute(text("UPDATE base_campaign_data SET warnings = warnings"))  # 3 rows: ids, so targeted
    qtbot.waitUntil(lambda: len(refreshed) == 2, timeout=1000)
    assert full_loads == []
    loaded: list[int] = []
    page.loaded.connect(lambda: loaded.append(1))
    window.live.changes_arrived.emit([_bulk_upload_change()])
    qtbot.waitUntil(lambda: bool(loaded), timeout=2000)
    assert full_loads == [1]
    assert page.selected_id() == uploads[1].upload_id
    wait_idle(qtbot, window.ctx)
    window.close()


def _bulk_upload_change():  # noqa: ANN202
    from welcomedly_desktop.db.changes import Change

    return Change(entity="upload", op="update", ids=None, at=None, by=None, origin="elsewhere", count=1000)


def test_announcements_name_ids_only_when_every_change_of_the_entity_did():
    from welcomedly_desktop.db.changes import Change
    from welcomedly_desktop.gui import context as kinds
    from welcomedly_desktop.gui.live import announcements

    def change(entity, ids):  # noqa: ANN001, ANN202
        return Change(entity=entity, op="update", ids=ids, at=None, by=None, count=None if ids else 9)

    got = dict(announcements([change("campaign", (1, 2)), change("campaign", (2, 3)), change("assignment", (7,)),
                              change("record", None)]))
    assert got[kinds.CAMPAIGNS] == kinds.ChangedIds.of({1, 2, 3})
    assert got[kinds.ASSIGNMENTS] is None  # assignment ids are no page's row ids
    assert got[kinds.RECORDS] is None and got[kinds.ACTIVITY] is None and got[kinds.AUDIT] is None
    got = dict(announcements([change("upload", (4,)), change("upload", None), change("upload", (5,))]))
    assert got[kinds.UPLOADS] is None  # one bulk change in the batch: reload fully


def test_rows_by_ids_keep_the_lists_permissions(db, admin_actor, agent_actor, make_campaign):
    from welcomedly_desktop.services import agents, assignments, campaign_progress, campaigns

    mine, other = make_campaign("Assigned"), make_campaign("Not assigned")
    with db.session() as s:
        agent_id = agents.get_for_user(s, agent_actor.user_id).id
        assignments.assign(s, admin_actor, mine.id, [agent_id])
    with db.session() as s:
        both = {mine.id, other.id}
        assert [c.id for c in campaigns.list_campaigns(s, agent_actor, ids=both)] == [mine.id]
        assert [c.agent_count for c in campaign_progress.list_with_progress(s, admin_actor, ids=both)
                if c.id == mine.id] == [1]
        assert campaigns.list_campaigns(s, admin_actor, ids=[]) == []
        assert [a.id for a in agents.list_agents(s, agent_actor, ids={agent_id})] == [agent_id]
        assert agents.list_agents(s, agent_actor, ids={agent_id + 1}) == []
