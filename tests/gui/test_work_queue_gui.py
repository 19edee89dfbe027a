"""The agent work queue through real widgets: next record, outcome form, callbacks, read-only supervisors."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime
from sqlalchemy import text

from welcomedly_desktop.services import agents, assignments

from ..reports.conftest import add_records
from .conftest import wait_idle



UTC = dt.timezone.utc


def _setup(db, admin_actor, agent_actor, make_campaign):  # noqa: ANN001, ANN202
    campaign = make_campaign("Calls", status="active")
    with db.session() as s:
        me = agents.get_for_user(s, agent_actor.user_id).id
        assignments.assign(s, admin_actor, campaign.id, [me])
        ids = add_records(s, campaign.id, ["Fresh Fiona", "Callback Carl"], agent_id=me)
        s.execute(text("UPDATE campaign_records SET extra = '{\"plan\": \"Gold\"}' WHERE id = :id"),
                  {"id": ids["Fresh Fiona"]})
        s.execute(text("UPDATE campaign_records SET attempts = 1, status = 'in_progress', callback_at = :t "
                       "WHERE id = :id"), {"t": dt.datetime.now(UTC) - dt.timedelta(minutes=1), "id": ids["Callback Carl"]})
    return campaign.id, me, ids


def _page(qtbot, make_ctx, actor):  # noqa: ANN001, ANN202
    from welcomedly_desktop.gui.views.work_queue_page import WorkQueuePage

    ctx = make_ctx(actor)
    page = WorkQueuePage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    qtbot.waitExposed(page)
    wait_idle(qtbot, ctx)
    return ctx, page


def _choose(page, name: str) -> None:  # noqa: ANN001
    index = page.disposition_combo.findText(name)
    assert index > 0, name
    page.disposition_combo.setCurrentIndex(index)


def test_agent_works_the_queue(qtbot, db, admin_actor, agent_actor, make_campaign, make_ctx, dialogs):
    campaign_id, me, ids = _setup(db, admin_actor, agent_actor, make_campaign)
    ctx, page = _page(qtbot, make_ctx, agent_actor)
    assert page.fields["name"].text() == "Callback Carl"  # callbacks due come first
    assert page.queue_table.rowCount() == 2 and page.queue_table.item(0, 0).text() == "Callback due"
    assert "1 callbacks due, 1 new" in page.summary_label.text()
    assert not page.save_button.isEnabled()  # no outcome chosen yet

    _choose(page, "Call back")
    assert page.callback_edit.isEnabled()
    page.callback_edit.setDateTime(QDateTime.currentDateTime().addSecs(-3600))  # in the past: refused inline
    page.save()
    wait_idle(qtbot, ctx)
    assert "must be in the future" in page.error_label.text()
    assert page.fields["name"].text() == "Callback Carl"

    page.callback_edit.setDateTime(QDateTime.currentDateTime().addSecs(2 * 86400))
    page.talk_spin.setValue(75)
    page.notes_edit.setPlainText("Wants the Gold plan; call Thursday")
    with qtbot.waitSignal(page.saved, timeout=10000):
        page.save()
    wait_idle(qtbot, ctx)
    # Carl now waits for his callback; Fiona (new) is next, with her extra data.
    assert page.fields["name"].text() == "Fresh Fiona"
    assert page.extra_table.item(0, 0).text() == "plan" and page.extra_table.item(0, 1).text() == "Gold"
    assert "1 callbacks later" in page.summary_label.text()
    assert page.disposition_combo.currentData() is None and not page.callback_edit.isEnabled()  # form reset

    _choose(page, "Sale")
    assert not page.callback_edit.isEnabled()
    with qtbot.waitSignal(page.saved, timeout=10000):
        qtbot.keyClick(page.notes_edit, "s")
        page.save()
    wait_idle(qtbot, ctx)
    assert page.record_box.title() == "No record to call right now"
    assert not page.outcome_box.isEnabled()
    with db.session() as s:
        rows = s.execute(text("SELECT r.name, i.talk_seconds, i.notes, r.status, r.attempts FROM interactions i "
                              "JOIN campaign_records r ON r.id = i.record_id ORDER BY i.id")).all()
    assert [tuple(r) for r in rows] == [("Callback Carl", 75, "Wants the Gold plan; call Thursday", "in_progress", 2),
                                        ("Fresh Fiona", 0, "s", "done", 1)]


def test_supervisor_sees_queue_read_only(qtbot, db, admin_actor, agent_actor, supervisor_actor, make_campaign,
                                         make_ctx, dialogs):
    campaign_id, me, ids = _setup(db, admin_actor, agent_actor, make_campaign)
    ctx, page = _page(qtbot, make_ctx, supervisor_actor)
    assert page.read_only and page.agent_combo.isVisible()
    page.select_agent(me)
    wait_idle(qtbot, ctx)
    assert page.fields["name"].text() == "Callback Carl"
    assert not page.outcome_box.isEnabled() and not page.save_button.isEnabled()
    assert "Read-only" in page.mode_label.text()
    page.queue_table.selectRow(1)  # look at another record of the queue
    wait_idle(qtbot, ctx)
    assert page.fields["name"].text() == "Fresh Fiona"
    page.save()  # does nothing for a supervisor
    wait_idle(qtbot, ctx)
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM interactions")).scalar() == 0


def test_supervisor_distributes_and_rebalances(qtbot, db, admin_actor, agent_actor, supervisor_actor, make_campaign,
                                               make_agent, make_ctx, dialogs):
    campaign_id, me, ids = _setup(db, admin_actor, agent_actor, make_campaign)
    other = make_agent("Olga Other")
    with db.session() as s:
        assignments.assign(s, admin_actor, campaign_id, [other.id])
        add_records(s, campaign_id, [f"u{i}" for i in range(6)])  # unassigned
    ctx, page = _page(qtbot, make_ctx, supervisor_actor)
    assert page.distribute_button.isVisible()
    page.campaign_combo.setCurrentIndex(page.campaign_combo.findData(campaign_id))
    page.distribute()
    wait_idle(qtbot, ctx)
    # Me already had 2 open records: balanced hand-out evens the loads (me +2, Olga +4).
    assert page.tools_label.text() == "Handed out 6 records (Alex Agent 2, Olga Other 4)."
    page.select_agent(me)
    wait_idle(qtbot, ctx)
    dialogs.answer("Move records")
    page.rebalance()
    wait_idle(qtbot, ctx)
    assert dialogs.seen[-1].title == "Move records"
    assert page.tools_label.text() == "Moved 4 records (Olga Other 4)."
    assert page.queue_table.rowCount() == 0 and page.record_box.title() == "No record to call right now"
    page.rebalance()  # unanswered confirmation = Cancel: nothing happens
    wait_idle(qtbot, ctx)
    assert page.tools_label.text() == "Moved 4 records (Olga Other 4)."
