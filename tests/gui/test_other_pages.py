"""Agents, users and audit pages and the profile dialog through real widgets."""

from __future__ import annotations

import pytest

from welcomedly_desktop.errors import AuthenticationError
from welcomedly_desktop.gui.dialogs.profile_dialog import ProfileDialog
from welcomedly_desktop.gui.models.table_model import SORT_ROLE
from welcomedly_desktop.services import agents, auth, users

from ..conftest import TEST_PASSWORD
from .conftest import closed, wait_idle


def names(page) -> list[str]:  # noqa: ANN001
    return sorted(page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount()))


def select(page, name: str) -> None:  # noqa: ANN001
    for r in range(page.proxy.rowCount()):
        if page.proxy.index(r, 0).data() == name:
            page.table.selectRow(r)
            return
    raise AssertionError(name)


def test_agents_create_edit_deactivate(qtbot, db, supervisor_actor, open_window, dialogs):
    window = open_window(supervisor_actor, page="agents")
    page = window.show_page("agents")
    window.page_actions["new"].trigger()
    dialog = page.dialog
    dialog.name_edit.setText("Nora Diaz")
    dialog.email_edit.setText("not-an-email")
    dialog.save()
    wait_idle(qtbot, window.ctx)
    assert "not a valid e-mail address" in dialog.errors.message("email")
    dialog.email_edit.setText("nora@callcenter.example")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    wait_idle(qtbot, window.ctx)
    assert names(page) == ["Nora Diaz"]

    select(page, "Nora Diaz")
    page.edit_item()
    dialog = page.dialog
    dialog.phone_edit.setText("+1 555 0100")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    wait_idle(qtbot, window.ctx)
    assert closed(dialog)

    select(page, "Nora Diaz")
    dialogs.answer("Deactivate")
    window.page_actions["delete"].trigger()
    wait_idle(qtbot, window.ctx)
    with db.session() as s:
        [agent] = agents.list_agents(s, supervisor_actor)
    assert (agent.phone, agent.active) == ("+1 555 0100", False)
    page.show_inactive.setChecked(False)
    assert names(page) == []
    page.show_inactive.setChecked(True)
    select(page, "Nora Diaz")
    assert page.buttons["toggle"].text() == "Reactivate"


def test_users_page_create_change_role_deactivate_unlock(qtbot, db, admin_actor, open_window, dialogs):
    window = open_window(admin_actor, page="users")
    page = window.show_page("users")
    page.new_item()
    dialog = page.dialog
    dialog.email_edit.setText("new.sup@example.com")
    dialog.name_edit.setText("New Sup")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("supervisor"))
    dialog.password_edit.setText(TEST_PASSWORD)
    dialog.confirm_edit.setText(TEST_PASSWORD)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    wait_idle(qtbot, window.ctx)
    assert names(page) == ["Ada Admin", "New Sup"]

    select(page, "New Sup")
    page.edit_item()
    role_dialog = page.dialog
    role_dialog.role_combo.setCurrentIndex(role_dialog.role_combo.findData("agent"))
    with qtbot.waitSignal(role_dialog.saved, timeout=5000):
        role_dialog.save()
    wait_idle(qtbot, window.ctx)
    select(page, "New Sup")
    assert page.selected_row().role == "agent"

    # Lock the account with failed logins, then unlock it from the page.
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthenticationError):
            auth.login(db, "new.sup@example.com", "wrong password!")
    page.refresh()
    wait_idle(qtbot, window.ctx)
    select(page, "New Sup")
    assert page.selected_row().locked and page.buttons["unlock"].isEnabled()
    page.buttons["unlock"].click()
    wait_idle(qtbot, window.ctx)
    select(page, "New Sup")
    assert not page.selected_row().locked
    assert auth.login(db, "new.sup@example.com", TEST_PASSWORD).role == "agent"

    dialogs.answer("Deactivate")
    page.delete_item()
    wait_idle(qtbot, window.ctx)
    with db.session() as s:
        assert [u.active for u in users.list_users(s, admin_actor) if u.name == "New Sup"] == [False]
    # Deactivating oneself is refused by the service; the GUI shows its sentence.
    select(page, "Ada Admin")
    dialogs.answer("Deactivate")
    page.delete_item()
    wait_idle(qtbot, window.ctx)
    assert dialogs.texts()[-1] == "You cannot deactivate your own account."


def test_audit_page_newest_first_and_filters(qtbot, db, admin_actor, make_campaign, open_window, dialogs):
    make_campaign("Audited")
    auth.login(db, "admin@example.com", TEST_PASSWORD)
    window = open_window(admin_actor, page="audit")
    page = window.show_page("audit")
    wait_idle(qtbot, window.ctx)
    actions = [page.proxy.index(r, page.model.COL_ACTION).data(SORT_ROLE) for r in range(page.proxy.rowCount())]
    assert actions[0] == "login.success"  # newest first
    # Shown in words (issue 18, #7), the stored code in the tooltip.
    assert page.proxy.index(0, page.model.COL_ACTION).data() == "Logged in"
    assert {"user.create", "campaign.create", "login.success"} <= set(actions)
    page.action_combo.setCurrentIndex(page.action_combo.findData("campaign.create"))
    page.refresh()
    wait_idle(qtbot, window.ctx)
    assert [page.proxy.index(r, page.model.COL_ACTION).data(SORT_ROLE) for r in range(page.proxy.rowCount())] == \
        ["campaign.create"]
    page.action_combo.setCurrentIndex(0)
    page.user_edit.setText("nobody@")
    page.refresh()
    wait_idle(qtbot, window.ctx)
    assert page.proxy.rowCount() == 0
    page.user_edit.clear()
    # Date range: entries are from today; a range ending yesterday shows none.
    page.until_check.setChecked(True)
    page.until_edit.setDate(page.until_edit.date().addDays(-1))
    page.refresh()
    wait_idle(qtbot, window.ctx)
    assert page.proxy.rowCount() == 0
    page.until_check.setChecked(False)
    page.since_check.setChecked(True)
    page.refresh()
    wait_idle(qtbot, window.ctx)
    assert page.proxy.rowCount() >= 3
    # Read-only: no write actions.
    assert not any(window.page_actions[k].isVisible() for k in ("new", "edit", "delete"))


def test_profile_dialog_edits_name_and_changes_password(qtbot, db, supervisor_actor, make_ctx, dialogs):
    ctx = make_ctx(supervisor_actor)
    dialog = ProfileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.profile is not None, timeout=5000)
    assert dialog.email_edit.text() == "super@example.com"
    dialog.name_edit.setText("Samantha Supervisor")
    with qtbot.waitSignal(ctx.actor_changed, timeout=5000):
        dialog.save_profile()
    assert ctx.actor.name == "Samantha Supervisor"
    dialog.current_edit.setText("wrong current")
    dialog.new_edit.setText("brand new password")
    dialog.repeat_edit.setText("brand new password")
    dialog.change_password()
    wait_idle(qtbot, ctx)
    assert dialog.password_errors.message("current_password") == "The current password is not correct."
    dialog.current_edit.setText(TEST_PASSWORD)
    dialog.change_password()
    wait_idle(qtbot, ctx)
    assert dialogs.texts()[-1] == "Your password was changed."
    assert auth.login(db, "super@example.com", "brand new password").name == "Samantha Supervisor"
    dialog.close()


def test_new_agent_account_gets_a_linked_agent_profile(qtbot, db, admin_actor, make_agent, open_window, dialogs):
    existing = make_agent("Pre Existing", email="pre@callcenter.example")
    window = open_window(admin_actor, page="users")
    page = window.show_page("users")
    for email, name in (("pre@callcenter.example", "Pre Existing"), ("fresh@callcenter.example", "Fresh Agent")):
        page.new_item()
        dialog = page.dialog
        dialog.email_edit.setText(email)
        dialog.name_edit.setText(name)
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("agent"))
        dialog.password_edit.setText(TEST_PASSWORD)
        dialog.confirm_edit.setText(TEST_PASSWORD)
        with qtbot.waitSignal(dialog.saved, timeout=5000):
            dialog.save()
        wait_idle(qtbot, window.ctx)
    with db.session() as s:
        profiles = {a.email: a for a in agents.list_agents(s, admin_actor)}
        accounts = {u.email: u.id for u in users.list_users(s, admin_actor)}
    assert profiles["pre@callcenter.example"].id == existing.id  # linked, not duplicated
    assert profiles["pre@callcenter.example"].user_id == accounts["pre@callcenter.example"]
    assert profiles["fresh@callcenter.example"].user_id == accounts["fresh@callcenter.example"]
