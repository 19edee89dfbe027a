"""The campaigns page through real widgets and a real database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from welcomedly_desktop.gui.dialogs.assign_agents_dialog import AssignAgentsDialog
from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog
from welcomedly_desktop.services import assignments, campaigns

from .conftest import closed, wait_idle


def page_of(window):  # noqa: ANN001, ANN201
    return window.show_page("campaigns")


def shown_names(page) -> list[str]:  # noqa: ANN001
    return sorted(page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount()))


def select(qtbot, page, name: str) -> None:  # noqa: ANN001
    for r in range(page.proxy.rowCount()):
        if page.proxy.index(r, 0).data() == name:
            page.table.selectRow(r)
            assert page.selected_row().name == name
            return
    raise AssertionError(f"{name} not shown")


def all_campaigns(db, actor):  # noqa: ANN001, ANN201
    with db.session() as s:
        return {c.name: c for c in campaigns.list_campaigns(s, actor)}


def test_create_edit_delete_a_campaign(qtbot, db, admin_actor, open_window, dialogs):
    window = open_window(admin_actor)
    page = page_of(window)
    assert shown_names(page) == []

    # Create (Ctrl+N through the window action).
    window.page_actions["new"].trigger()
    dialog = page.dialog
    assert isinstance(dialog, CampaignDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.ui.nameEdit, "Winter calls")
    dialog.ui.descriptionEdit.setPlainText("Customers who called in winter.")
    dialog.ui.statusCombo.setCurrentIndex(dialog.ui.statusCombo.findData("active"))
    dialog.set_dates(dt.date(2026, 12, 1), dt.date(2027, 2, 28))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert closed(dialog)
    wait_idle(qtbot, window.ctx)
    assert shown_names(page) == ["Winter calls"]
    saved = all_campaigns(db, admin_actor)["Winter calls"]
    assert (saved.status, saved.start_date, saved.end_date) == ("active", dt.date(2026, 12, 1), dt.date(2027, 2, 28))

    # Edit (selected row, Ctrl+E).
    select(qtbot, page, "Winter calls")
    window.page_actions["edit"].trigger()
    dialog = page.dialog
    assert dialog.ui.nameEdit.text() == "Winter calls"
    dialog.ui.nameEdit.setText("Winter calls 2026")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    wait_idle(qtbot, window.ctx)
    assert shown_names(page) == ["Winter calls 2026"]
    assert set(all_campaigns(db, admin_actor)) == {"Winter calls 2026"}

    # Delete: the confirmation says what goes with it; answering Delete removes it.
    select(qtbot, page, "Winter calls 2026")
    dialogs.answer("Delete")
    window.page_actions["delete"].trigger()
    wait_idle(qtbot, window.ctx)
    [confirm] = dialogs.seen
    assert "Winter calls 2026" in confirm.text
    assert "0 upload(s) with 0 record(s)" in confirm.text and "0 agent assignment(s)" in confirm.text
    assert all_campaigns(db, admin_actor) == {}
    assert shown_names(page) == []


def test_delete_cancelled_keeps_the_campaign(qtbot, db, admin_actor, make_campaign, make_agent, open_window, dialogs):
    c = make_campaign("Keep me")
    agent = make_agent()
    with db.session() as s:
        assignments.assign(s, admin_actor, c.id, [agent.id])
    window = open_window(admin_actor)
    page = page_of(window)
    select(qtbot, page, "Keep me")
    page.delete_item()  # the page's Delete button does the same
    wait_idle(qtbot, window.ctx)
    assert "1 agent assignment(s)" in dialogs.seen[0].text  # unanswered = Cancel
    assert set(all_campaigns(db, admin_actor)) == {"Keep me"}


def test_end_before_start_shows_inline_message_and_saves_nothing(qtbot, db, admin_actor, open_window, dialogs):
    window = open_window(admin_actor)
    page = page_of(window)
    page.new_item()
    dialog = page.dialog
    dialog.ui.nameEdit.setText("Backwards")
    dialog.set_dates(dt.date(2026, 5, 10), dt.date(2026, 5, 1))
    with qtbot.waitSignal(page.ctx.ops.busy_changed, timeout=5000,
                          check_params_cb=lambda busy: not busy):
        dialog.save_button.click()
    assert dialog.isVisible(), "the form stays open with what the user typed"
    assert dialog.errors.message("end_date") == "The end date must be on or after the start date."
    assert dialog.ui.endDateError.isVisible()
    assert dialog.ui.nameEdit.text() == "Backwards"
    assert dialogs.seen == []  # inline, not a message box
    assert all_campaigns(db, admin_actor) == {}
    # An empty name is reported under the name field.
    dialog.ui.nameEdit.clear()
    dialog.set_dates(None, None)
    dialog.save_button.click()
    wait_idle(qtbot, window.ctx)
    assert dialog.errors.message("name") == "Name is required."
    assert not dialog.ui.endDateError.isVisible()
    dialog.reject()


def test_assign_two_agents_and_see_them_in_the_panel(qtbot, db, admin_actor, make_campaign, make_agent,
                                                     open_window, dialogs):
    c = make_campaign("Fibre upgrade")
    ana = make_agent("Ana Lopez")
    bo = make_agent("Bo Smith")
    make_agent("Cy Other")
    window = open_window(admin_actor)
    page = page_of(window)
    select(qtbot, page, "Fibre upgrade")
    # Double-click opens the detail panel.
    row_rect = page.table.visualRect(page.proxy.index(0, 0))
    with qtbot.waitSignal(page.panel.loaded, timeout=5000):
        # Qt 6 item views only accept a double-click on the index that was pressed first.
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=row_rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=row_rect.center())
    assert page.panel.campaign.id == c.id
    assert page.panel.assigned_agent_names() == []

    qtbot.mouseClick(page.panel.assign_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, AssignAgentsDialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 3, timeout=5000)
    dialog.filter_edit.setText("smith")
    visible = [dialog.list.item(i).text() for i in range(3) if not dialog.list.item(i).isHidden()]
    assert visible == ["Bo Smith <agent.2@callcenter.example>"]
    dialog.filter_edit.clear()
    dialog.set_checked(ana.id, True)
    dialog.set_checked(bo.id, True)
    with qtbot.waitSignal(page.panel.loaded, timeout=5000):
        dialog.save_button.click()
    wait_idle(qtbot, window.ctx)
    assert closed(dialog)
    assert page.panel.assigned_agent_names() == ["Ana Lopez", "Bo Smith"]
    panel_texts = [page.panel.agents_list.item(i).text() for i in range(page.panel.agents_list.count())]
    assert panel_texts[0].startswith("Ana Lopez")
    with db.session() as s:
        assert assignments.assigned_agent_ids(s, c.id) == sorted([ana.id, bo.id])
    # The list's agent count follows.
    assert page.proxy.index(0, page.model.COL_AGENTS).data() == "2"


def test_stale_edit_opens_the_conflict_dialog(qtbot, db, admin_actor, supervisor_actor, make_campaign,
                                              open_window, dialogs):
    c = make_campaign("Spring", description="first")
    window = open_window(admin_actor)
    page = page_of(window)
    select(qtbot, page, "Spring")
    page.edit_item()
    dialog = page.dialog
    # Meanwhile another workstation saves the same campaign.
    with db.session() as s:
        campaigns.update_campaign(s, supervisor_actor, c.id, expected_version=c.version, description="theirs")
    dialog.ui.descriptionEdit.setPlainText("mine")

    # Cancel: back to the form, nothing saved, the user's text intact.
    dialog.save_button.click()
    wait_idle(qtbot, window.ctx)
    [seen] = dialogs.seen
    assert seen.object_name == "conflictBox"
    assert seen.text == "This campaign was changed on another workstation."
    assert dialog.isVisible() and dialog.ui.descriptionEdit.toPlainText() == "mine"
    assert all_campaigns(db, admin_actor)["Spring"].description == "theirs"

    # Reload: the form shows their version.
    dialogs.answer("Reload")
    dialog.save_button.click()
    wait_idle(qtbot, window.ctx)
    assert dialog.ui.descriptionEdit.toPlainText() == "theirs"
    assert dialog.isVisible()

    # Another change elsewhere, then Overwrite: our version wins.
    with db.session() as s:
        current = campaigns.get_campaign(s, admin_actor, c.id)
        campaigns.update_campaign(s, supervisor_actor, c.id, expected_version=current.version, description="theirs 2")
    dialog.ui.descriptionEdit.setPlainText("mine wins")
    dialogs.answer("Overwrite")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    wait_idle(qtbot, window.ctx)
    assert all_campaigns(db, admin_actor)["Spring"].description == "mine wins"
    assert [s.object_name for s in dialogs.seen] == ["conflictBox"] * 3


def test_agent_sees_only_assigned_campaigns_read_only(qtbot, db, admin_actor, agent_actor, make_campaign,
                                                      open_window, dialogs):
    from welcomedly_desktop.services import agents

    mine = make_campaign("Assigned to me")
    make_campaign("Not mine")
    with db.session() as s:
        agent_id = agents.get_for_user(s, agent_actor.user_id).id
        assignments.assign(s, admin_actor, mine.id, [agent_id])
    window = open_window(agent_actor)
    page = page_of(window)
    assert shown_names(page) == ["Assigned to me"]
    # No write buttons or actions anywhere on the page.
    buttons = [b.text() for b in page.findChildren(QPushButton) if b.isVisibleTo(page)]
    assert buttons == []
    for key in ("new", "edit", "delete"):
        assert not window.page_actions[key].isVisible()
    # The shortcuts do nothing.
    select(qtbot, page, "Assigned to me")
    window.page_actions["delete"].trigger()
    window.page_actions["new"].trigger()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    # Enter opens the read-only detail panel.
    with qtbot.waitSignal(page.panel.loaded, timeout=5000):
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.panel.campaign.name == "Assigned to me"
    assert not page.panel.edit_button.isVisibleTo(page.panel)
    assert not page.panel.assign_button.isVisibleTo(page.panel)
    assert not page.panel.import_button.isVisibleTo(page.panel)
    # Pages: no Users / Audit log for agents.
    assert "users" not in window.page_keys and "audit" not in window.page_keys
    assert dialogs.seen == []


def test_supervisor_has_no_users_page_and_admin_has(qtbot, admin_actor, supervisor_actor, open_window):
    assert {"users", "audit"}.isdisjoint(open_window(supervisor_actor).page_keys)
    assert {"users", "audit"} <= set(open_window(admin_actor).page_keys)


def test_search_box_and_status_filter_on_the_page(qtbot, admin_actor, make_campaign, open_window):
    make_campaign("Spring renewals", status="active")
    make_campaign("Autumn renewals", status="paused")
    make_campaign("Win-back", status="active")
    window = open_window(admin_actor)
    page = page_of(window)
    window.page_actions["find"].trigger()
    assert page.search_edit.hasFocus() or QApplication.focusWidget() is page.search_edit
    qtbot.keyClicks(page.search_edit, "renewals")
    assert shown_names(page) == ["Autumn renewals", "Spring renewals"]
    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))
    assert shown_names(page) == ["Spring renewals"]
    page.search_edit.clear()
    assert shown_names(page) == ["Spring renewals", "Win-back"]
    assert page.count_label.text() == "2 of 3 shown"


def test_user_text_is_never_rendered_as_markup(qtbot, admin_actor, make_campaign, open_window, dialogs):
    from PySide6.QtWidgets import QLabel

    c = make_campaign("<b>Bold</b> & co", description="<img src='x'> <i>hi</i>")
    window = open_window(admin_actor)
    page = page_of(window)
    with qtbot.waitSignal(page.panel.loaded, timeout=5000):
        page.panel.show_campaign(c.id)
    field = page.panel.findChild(QLabel, "field_description")
    assert field.text() == "<img src='x'> <i>hi</i>" and field.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in page.panel.title.text()
    select(qtbot, page, "<b>Bold</b> & co")

    formats = []

    def look(box):  # noqa: ANN001, ANN202
        formats.append(box.textFormat())
        box.reject()
        return 0

    dialogs.answer(look)
    page.delete_item()
    wait_idle(qtbot, window.ctx)
    assert formats == [Qt.TextFormat.PlainText]
    assert "“<b>Bold</b> & co”" in dialogs.seen[0].text


def test_returning_to_a_stale_page_reloads_it(qtbot, admin_actor, make_campaign, open_window):
    window = open_window(admin_actor)
    page = page_of(window)
    window.show_page("agents")
    make_campaign("Made elsewhere")  # another workstation
    window.show_page("campaigns")  # fresh data: not reloaded
    wait_idle(qtbot, window.ctx)
    assert shown_names(page) == []
    window.show_page("agents")
    page.last_loaded -= 3600  # an hour later
    with qtbot.waitSignal(page.loaded, timeout=5000):
        window.show_page("campaigns")
    assert shown_names(page) == ["Made elsewhere"]
