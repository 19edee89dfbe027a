"""Every page and dialog opened offscreen in Spanish shows no English source string.

The widget tree is walked (labels, buttons, group boxes, placeholders, tooltips, combo items,
tabs, table headers, menus and actions, window titles); a text equal to an English source whose
Spanish translation differs means a string was not translated or not marked for translation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from shiboken6 import isValid
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from tests.i18n.catalogue import ROOT, SPANISH_TS, plain, read_ts
from welcomedly_desktop import i18n

sys.path.insert(0, str(ROOT / "scripts"))
import update_translations  # noqa: E402


@pytest.fixture(scope="session")
def spanish_qm(tmp_path_factory) -> Path:
    """The Spanish .qm compiled from the committed .ts, as `make translations` does."""
    folder = tmp_path_factory.mktemp("qm")
    tool = update_translations.lupdate_tool().replace("lupdate", "lrelease")
    subprocess.run([tool, "-silent", str(SPANISH_TS), "-qm", str(folder / "welcomedly_es.qm")], check=True)
    return folder


@pytest.fixture
def spanish(qapp, monkeypatch, spanish_qm):
    from welcomedly_desktop.gui.i18n_setup import install_translators

    monkeypatch.setenv("WELCOMEDLY_LANG", "es_CO")
    i18n.reload_environment()
    assert install_translators(qapp, "es", str(spanish_qm)) == "es"
    yield
    monkeypatch.setenv("WELCOMEDLY_LANG", "en")
    i18n.reload_environment()
    install_translators(qapp, "en")


@pytest.fixture(scope="module")
def english_sources() -> set[str]:
    """English texts whose Spanish differs (so seeing them in a Spanish window is a bug)."""
    found = set()
    for m in read_ts(SPANISH_TS):
        if m.translation and plain(m.translation) != plain(m.source):
            found.add(plain(m.source).strip())
    return found


def _item_view_headers(view: QAbstractItemView) -> list[str]:
    """Column titles of a table or tree (lists have none)."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else (
        view.header() if isinstance(view, QTreeView) else None)
    if header is None or header.model() is None:
        return []
    model = header.model()
    values = (model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for i in range(header.count()))
    return [str(v) for v in values if v]


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every user-visible text in ``top`` and its children."""
    found: list[tuple[str, str]] = []
    widgets = [top, *top.findChildren(QWidget)]
    for w in widgets:
        where = f"{type(w).__name__}#{w.objectName()}"
        found.append((where + " title", w.windowTitle()))
        found.append((where + " tooltip", w.toolTip()))
        if isinstance(w, QLabel):
            found.append((where, w.text()))
        elif isinstance(w, QAbstractButton):
            found.append((where, w.text()))
        elif isinstance(w, QGroupBox):
            found.append((where, w.title()))
        elif isinstance(w, QLineEdit):
            found.append((where + " placeholder", w.placeholderText()))
        elif isinstance(w, QTextEdit):
            found.append((where + " placeholder", w.placeholderText()))
        if isinstance(w, QComboBox):
            found.extend((where + " item", w.itemText(i)) for i in range(w.count()))
            if w.lineEdit() is not None:
                found.append((where + " placeholder", w.lineEdit().placeholderText()))
        if isinstance(w, QTabWidget):
            found.extend((where + " tab", w.tabText(i)) for i in range(w.count()))
        if isinstance(w, QAbstractItemView):
            found.extend((where + " header", t) for t in _item_view_headers(w))
        for action in w.actions():
            found.append((where + " action", action.text()))
            found.append((where + " action tip", action.toolTip()))
            if action.menu() is not None:
                found.extend((where + " menu", a.text()) for a in action.menu().actions())
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            found.append(("menu", action.text()))
            if action.menu() is not None:
                found.extend(("menu item", a.text()) for a in action.menu().actions())
    return [(where, text) for where, text in found if text]


def english_left(top: QWidget, english: set[str]) -> list[tuple[str, str]]:
    return [(where, text) for where, text in visible_texts(top) if plain(text).strip() in english]


def test_the_walker_sees_english_in_an_english_window(qtbot, db, admin_actor, open_window, english_sources):
    """The check itself: in English the same walk finds the sources (so it cannot pass vacuously)."""
    window = open_window(admin_actor, page="campaigns")
    found = english_left(window, english_sources)
    assert len(found) > 20, found


def test_every_page_in_spanish_shows_no_english(spanish, qtbot, db, admin_actor, make_ctx, open_window,
                                                english_sources):
    window = open_window(admin_actor)
    assert i18n.current_language() == "es"
    problems = []
    for key in window.page_keys:
        page = window.show_page(key)
        qtbot.waitUntil(lambda: not window.ctx.ops.busy if hasattr(window, "ctx") else True, timeout=15000)
        problems += [(key, where, text) for where, text in english_left(window, english_sources)]
        assert page.isVisible()
    assert sorted(set(problems)) == []
    titles = [window.windowTitle(), *(a.text() for a in window.menuBar().actions())]
    assert "&Archivo" in titles and "A&yuda" in titles


def test_every_dialog_in_spanish_shows_no_english(spanish, qtbot, db, tmp_path, admin_actor, make_ctx, dialogs,
                                                  english_sources):
    from welcomedly_desktop.gui.dialogs.agent_dialog import AgentDialog
    from welcomedly_desktop.gui.dialogs.assign_agents_dialog import AssignAgentsDialog
    from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog
    from welcomedly_desktop.gui.dialogs.database_dialog import DatabaseDialog
    from welcomedly_desktop.gui.dialogs.dispositions_dialog import DispositionsDialog
    from welcomedly_desktop.gui.dialogs.dnc_dialog import DncDialog
    from welcomedly_desktop.gui.dialogs.import_dialog import ImportDialog
    from welcomedly_desktop.gui.dialogs.login_dialog import FirstAdminDialog, LoginDialog
    from welcomedly_desktop.gui.dialogs.profile_dialog import ProfileDialog
    from welcomedly_desktop.gui.dialogs.backups_dialog import BackupsDialog
    from welcomedly_desktop.gui.dialogs.user_dialog import NewUserDialog
    from welcomedly_desktop.gui.views.records_view import RecordsDialog
    from welcomedly_desktop.services import campaigns

    with db.session() as session:
        campaign = campaigns.create_campaign(session, admin_actor, name="Cartera Bogotá")
    csv_file = tmp_path / "clientes.csv"
    csv_file.write_text("Nombre,Telefono,Correo\nAna Pérez,3124900097,ana@example.com\n", encoding="utf-8")
    ctx = make_ctx(admin_actor)
    factories = {
        "login": lambda: LoginDialog(ctx.ops, ctx.db),
        "first admin": lambda: FirstAdminDialog(ctx.ops, ctx.db),
        "database": lambda: DatabaseDialog(ctx.ops, ctx.settings, ctx.db, require_admin=False),
        "campaign": lambda: CampaignDialog(ctx),
        "agent": lambda: AgentDialog(ctx),
        "new user": lambda: NewUserDialog(ctx),
        "profile": lambda: ProfileDialog(ctx),
        "assign agents": lambda: AssignAgentsDialog(ctx, campaign.id, campaign.name),
        "dispositions": lambda: DispositionsDialog(ctx, campaign.id, campaign.name),
        "import": lambda: ImportDialog(ctx, campaign.id, csv_file),
        "do-not-call": lambda: DncDialog(ctx),
        "backups": lambda: BackupsDialog(ctx),
        "records": lambda: RecordsDialog(ctx, campaign.id, campaign.name),
    }
    problems = []
    for name, factory in factories.items():
        dialog = factory()
        try:
            dialog.show()
            qtbot.waitExposed(dialog)
            qtbot.waitUntil(lambda: not ctx.ops.busy, timeout=15000)
            problems += [(name, where, text) for where, text in english_left(dialog, english_sources)]
        finally:
            if isValid(dialog):  # some dialogs delete themselves when closed
                dialog.reject()
                dialog.deleteLater()
    assert sorted(set(problems)) == []
