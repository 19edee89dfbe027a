"""The Do-not-call page (issue 18): list in national format, add, import a file, remove; managers only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select, text

from welcomedly_desktop.db.models import AuditLog, DncNumber
from welcomedly_desktop.errors import NotFoundError, PermissionDenied
from welcomedly_desktop.gui.models.dnc_model import DncModel
from welcomedly_desktop.services import dnc, org_settings

from .conftest import wait_idle


def _shown(page, column: int) -> list[str]:  # noqa: ANN001
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def test_dnc_page_lists_adds_imports_and_removes(qtbot, db, admin_actor, supervisor_actor, open_window, dialogs,
                                                 monkeypatch, tmp_path):
    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
    window = open_window(supervisor_actor)
    assert "dnc" in window.page_keys
    page = window.show_page("dnc")
    wait_idle(qtbot, window.ctx)
    assert page.empty_label.isVisible() and "Add number" in page.empty_label.text()
    assert not page.buttons["remove"].isEnabled()

    # Add number… (Ctrl+N): a bad number is refused under the field, a good one is listed as people write it.
    window.page_actions["new"].trigger()
    dialog = page.dialog
    wait_idle(qtbot, window.ctx)
    dialog.phone_edit.setText("12")
    dialog.save()
    wait_idle(qtbot, window.ctx)
    assert dialog.errors.message("phone")
    dialog.phone_edit.setText("312 490 0097")
    dialog.reason_edit.setText("Pidió no ser llamado")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        dialog.save()
    wait_idle(qtbot, window.ctx)
    assert _shown(page, DncModel.COL_PHONE) == ["312 4900097"]
    assert _shown(page, DncModel.COL_REASON) == ["Pidió no ser llamado"]
    assert _shown(page, DncModel.COL_LIST) == ["Every campaign"]
    assert _shown(page, DncModel.COL_ADDED_BY) == [supervisor_actor.name]
    assert not page.empty_label.isVisible()

    # Import file…: the OS file dialog answered with a real file; the summary says what happened.
    numbers = tmp_path / "no-llamar.csv"
    numbers.write_text("Telefono\n3124900097\n6014900097\n12\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a: ([str(numbers)], "")))
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.buttons["import"].click()
    wait_idle(qtbot, window.ctx)
    assert dialogs.texts()[-1] == ("From no-llamar.csv, numbers added to the do-not-call list: 1; already on it: "
                                   "1; rows without a valid phone: 1.")
    assert sorted(_shown(page, DncModel.COL_PHONE)) == ["(601) 4900097", "312 4900097"]

    # Remove, after a confirmation; audited.
    row = _shown(page, DncModel.COL_PHONE).index("312 4900097")
    page.table.selectRow(row)
    assert page.buttons["remove"].isEnabled()
    dialogs.answer("Remove")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.page_actions["delete"].trigger()
    wait_idle(qtbot, window.ctx)
    assert _shown(page, DncModel.COL_PHONE) == ["(601) 4900097"]
    with db.session() as session:
        assert session.scalars(select(DncNumber.phone)).all() == ["576014900097"]
        assert session.scalars(select(AuditLog.action).where(AuditLog.action.like("dnc.%"))
                               .order_by(AuditLog.id)).all() == ["dnc.add", "dnc.import", "dnc.remove"]


@pytest.fixture
def colombian_locale():
    previous = QLocale()
    QLocale.setDefault(QLocale("es_CO"))
    yield
    QLocale.setDefault(previous)


def test_dnc_page_says_how_many_when_the_list_is_longer_than_shown(qtbot, db, supervisor_actor, open_window,
                                                                   colombian_locale):
    with db.session() as session:
        session.execute(text("INSERT INTO dnc_numbers (phone) SELECT '1312555' || lpad(g::text, 4, '0') "
                             "FROM generate_series(1, 1234) g"))
    window = open_window(supervisor_actor, page="dnc")
    page = window.show_page("dnc")
    wait_idle(qtbot, window.ctx)
    assert page.model.rowCount() == 1000
    assert page.count_label.text() == "Showing the newest 1.000 of 1.234 numbers on the list."


def test_dnc_page_is_for_managers_and_the_services_check_it(db, agent_actor, supervisor_actor, open_window):
    assert "dnc" not in open_window(agent_actor).page_keys
    with db.session() as session:
        added = dnc.add_dnc(session, supervisor_actor, "+1 312 555 0100")
        entry_id = session.scalar(select(DncNumber.id))
        with pytest.raises(PermissionDenied):
            dnc.list_dnc(session, agent_actor)
        with pytest.raises(PermissionDenied):
            dnc.remove_dnc(session, agent_actor, entry_id)
        listed = dnc.list_dnc(session, supervisor_actor, search="555 01")
        assert ([e.phone for e in listed.entries], listed.total) == ([added.phone], 1)
        assert dnc.list_dnc(session, supervisor_actor, search="999").total == 0
        dnc.remove_dnc(session, supervisor_actor, entry_id)
        with pytest.raises(NotFoundError):
            dnc.remove_dnc(session, supervisor_actor, entry_id)
