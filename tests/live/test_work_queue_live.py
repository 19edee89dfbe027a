"""The agent's work queue follows changes made by another process without losing the agent's work:
the queue and its counts move, the record on screen and everything typed in the outcome form stay
(also on F5); when someone else takes that record, one sentence says so and the notes stay."""

from __future__ import annotations

from sqlalchemy import text

from tests.gui.conftest import wait_idle
from tests.live.test_gui_live import _cli
from tests.reports.conftest import add_records

NOTES = "Wants the Gold plan; call back after 5 pm, ask for Marta"


def test_queue_follows_changes_and_keeps_what_the_agent_typed(qtbot, db, admin_actor, agent_actor, make_campaign,
                                                               make_agent, open_window, cli_env):
    from welcomedly_desktop.gui.views.work_queue_live import TAKEN
    from welcomedly_desktop.services import agents, assignments

    camp = make_campaign("Calls", status="active")
    other = make_agent("Olga Other")
    with db.session() as s:
        me = agents.get_for_user(s, agent_actor.user_id).id
        assignments.assign(s, admin_actor, camp.id, [me, other.id])
        add_records(s, camp.id, ["Ana First", "Ben Second"], agent_id=me)
    window = open_window(agent_actor, page="work_queue")
    page = window.show_page("work_queue")
    qtbot.waitUntil(lambda: window.live.connected and page.fields["name"].text() == "Ana First", timeout=10000)
    assert page.queue_table.rowCount() == 2
    # The agent is on the call: outcome chosen, talk time and notes typed.
    page.disposition_combo.setCurrentIndex(page.disposition_combo.findText("Sale"))
    page.talk_spin.setValue(42)
    page.notes_edit.setPlainText(NOTES)

    def kept() -> None:
        assert page.fields["name"].text() == "Ana First"
        assert page.notes_edit.toPlainText() == NOTES
        assert page.disposition_combo.currentText() == "Sale" and page.talk_spin.value() == 42

    # Another process hands out new records: the queue grows, the agent's work stays.
    with db.session() as s:
        add_records(s, camp.id, [f"New {i}" for i in range(4)])
    result = _cli(cli_env, admin_actor.email, "records", "distribute", "--campaign", str(camp.id))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: page.queue_table.rowCount() > 2, timeout=1000)
    kept()
    assert page.save_button.isEnabled() and page.error_label.text() == ""

    # F5 reloads the same way.
    window.page_actions["refresh"].trigger()
    wait_idle(qtbot, window.ctx)
    kept()

    # Another process moves the agent's open records to Olga: the record on screen is gone from
    # this agent, which one sentence says; the notes stay to be copied, saving is off.
    result = _cli(cli_env, admin_actor.email, "records", "rebalance", "--campaign", str(camp.id), "--from-agent",
                  str(me), "--to-agent", str(other.id))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: page.queue_table.rowCount() == 0, timeout=1000)
    kept()
    assert page.error_label.text() == TAKEN
    assert not page.save_button.isEnabled()
    page.save()
    wait_idle(qtbot, window.ctx)
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM interactions")).scalar() == 0

    # Next record moves on: nothing left for this agent, the form is cleared.
    page.skip_button.click()
    wait_idle(qtbot, window.ctx)
    assert page.record_box.title() == "No record to call right now"
    assert page.notes_edit.toPlainText() == "" and page.error_label.text() == ""
    window.close()
