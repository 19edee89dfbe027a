"""Issue 18, "Layouts that fit": every page and dialog, opened offscreen at 1280x720 with real data,
has no overlapping widgets, no label wider than its box, and does not grow the window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import text

from welcomedly_desktop.services import agents, assignments

from ..reports.conftest import add_records
from . import layout_check
from .conftest import wait_idle

SIZE = QSize(1280, 720)
LONG_NAME = "María de los Ángeles Castañeda Villalobos de la Torre"


@pytest.fixture(autouse=True)
def _identity(qapp):
    """The product's stylesheet and icons, as the app runs (sizes change with them)."""
    from PySide6.QtGui import QIcon

    from welcomedly_desktop.gui import identity

    identity.apply(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setWindowIcon(QIcon())


@pytest.fixture
def office(db, admin_actor, agent_actor, make_campaign):
    """A campaign with an assigned agent and records whose texts are long, as real ones are."""
    campaign = make_campaign("Renovación de planes pospago Bogotá y Medellín", status="active")
    with db.session() as s:
        me = agents.get_for_user(s, agent_actor.user_id).id
        assignments.assign(s, admin_actor, campaign.id, [me])
        ids = add_records(s, campaign.id, [LONG_NAME, "Luis Pérez"], agent_id=me)
        s.execute(text("UPDATE campaign_records SET extra = :extra, email = :email WHERE id = :id"), {
            "id": ids[LONG_NAME], "email": "maria.de.los.angeles.castaneda@empresa-de-ejemplo.com.co",
            "extra": '{"plan": "Pospago Ilimitado Plus 60 GB con roaming", "ciudad": "Bogotá D.C.", '
                     '"observaciones": "Prefiere que la llamen después de las 6 de la tarde los días hábiles"}'})
    return campaign


def _open_at_size(qtbot, open_window, actor, key):  # noqa: ANN001, ANN202
    window = open_window(actor)
    window.resize(SIZE)
    qtbot.waitUntil(lambda: window.size() == SIZE, timeout=2000)
    page = window.show_page(key)
    wait_idle(qtbot, window.ctx)
    for _ in range(3):
        QApplication.processEvents()
    wait_idle(qtbot, window.ctx)
    QApplication.processEvents()
    return window, page


ADMIN_PAGES = ["campaigns", "work_queue", "agents", "uploads", "reports", "dnc", "users", "audit"]


@pytest.mark.parametrize("key", ADMIN_PAGES)
def test_admin_pages_fit_1280x720(qtbot, open_window, admin_actor, office, key):
    window, _page = _open_at_size(qtbot, open_window, admin_actor, key)
    assert layout_check.problems(window, SIZE) == []


def test_agent_work_queue_fits_1280x720_with_a_long_record(qtbot, open_window, agent_actor, office):
    window, page = _open_at_size(qtbot, open_window, agent_actor, "work_queue")
    assert page.fields["name"].text() in (LONG_NAME, "Luis Pérez")
    page.queue_table.selectRow([page.queue_table.item(r, 1).text() for r in range(2)].index(LONG_NAME))
    wait_idle(qtbot, window.ctx)
    QApplication.processEvents()
    assert page.fields["name"].text() == LONG_NAME
    assert layout_check.problems(window, SIZE) == []
    # A long message after a refused save does not grow the window either.
    page.error_label.setText("The record was changed by someone else meanwhile: it was reloaded, check it and "
                             "save again. " * 3)
    page.error_label.show()
    QApplication.processEvents()
    assert layout_check.problems(window, SIZE) == []


def _dialogs(ctx, window, campaign):  # noqa: ANN001, ANN202
    from welcomedly_desktop.gui.dialogs.agent_dialog import AgentDialog
    from welcomedly_desktop.gui.dialogs.assign_agents_dialog import AssignAgentsDialog
    from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog
    from welcomedly_desktop.gui.dialogs.database_dialog import DatabaseDialog
    from welcomedly_desktop.gui.dialogs.dispositions_dialog import DispositionsDialog
    from welcomedly_desktop.gui.dialogs.dnc_dialog import DncDialog
    from welcomedly_desktop.gui.dialogs.login_dialog import FirstAdminDialog, LoginDialog
    from welcomedly_desktop.gui.dialogs.profile_dialog import ProfileDialog
    from welcomedly_desktop.gui.dialogs.user_dialog import NewUserDialog

    return {
        "campaign": lambda: CampaignDialog(ctx, None, window),
        "agent": lambda: AgentDialog(ctx, None, window),
        "assign": lambda: AssignAgentsDialog(ctx, campaign.id, campaign.name, window),
        "dispositions": lambda: DispositionsDialog(ctx, campaign.id, campaign.name, window),
        "profile": lambda: ProfileDialog(ctx, window),
        "dnc": lambda: DncDialog(ctx, window),
        "new_user": lambda: NewUserDialog(ctx, window),
        "login": lambda: LoginDialog(ctx.ops, ctx.db, window),
        "first_admin": lambda: FirstAdminDialog(ctx.ops, ctx.db, window),
        "database": lambda: DatabaseDialog(ctx.ops, ctx.settings, ctx.db, require_admin=False, parent=window),
    }


DIALOGS = ["campaign", "agent", "assign", "dispositions", "profile", "dnc", "new_user", "login", "first_admin", "database"]


@pytest.mark.parametrize("name", DIALOGS)
def test_dialogs_fit_and_do_not_grow(qtbot, open_window, admin_actor, office, name):
    window, _page = _open_at_size(qtbot, open_window, admin_actor, "campaigns")
    dialog: QDialog = _dialogs(window.ctx, window, office)[name]()
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_idle(qtbot, window.ctx)
    QApplication.processEvents()
    size = dialog.size()
    assert size.width() <= SIZE.width() and size.height() <= SIZE.height()
    assert layout_check.problems(dialog, size) == []
    dialog.close()


def test_the_checks_see_overlaps_clipped_labels_and_growth(qtbot):
    # The checks themselves: a layout squeezed below its minimum, a label cut short, a window grown.
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout()
    label = QLabel("A sentence much longer than the box it was given to show itself in", window)
    label.setFixedWidth(80)
    row.addWidget(label)
    layout = QVBoxLayout(window)
    layout.addLayout(row)
    for i in range(3):
        button = QPushButton(f"Button {i}", window)
        button.setMinimumHeight(300)
        layout.addWidget(button)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    found = layout_check.problems(window, QSize(400, 300))
    assert any("was given 400x300" in p or "needs at least" in p for p in found), found
    assert any("wider than its box" in p for p in found), found
    # Squeeze two buttons onto each other by hand: the overlap check sees it.
    first, second = window.findChildren(QPushButton)[:2]
    second.move(first.pos())
    assert any("overlaps" in p for p in layout_check.overlaps(window)), layout_check.overlaps(window)


def test_import_dialog_fits_with_a_wide_file(qtbot, open_window, admin_actor, office, tmp_path):
    from welcomedly_desktop.gui.dialogs.import_dialog import ImportDialog

    window, _page = _open_at_size(qtbot, open_window, admin_actor, "campaigns")
    path = tmp_path / "clientes-bogota-medellin-cali-barranquilla-noviembre-2026.csv"
    header = ["Nombre completo del cliente", "Teléfono móvil", "Correo electrónico", "Ciudad de residencia",
              "Plan actual", "Observaciones del asesor comercial"]
    path.write_text(";".join(header) + "\n" + ";".join([LONG_NAME, "3124900097", "maria@example.com", "Bogotá D.C.",
                                                         "Pospago Ilimitado Plus", "Llamar después de las 6"]) + "\n",
                    encoding="utf-8")
    dialog = ImportDialog(window.ctx, office.id, path, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    QApplication.processEvents()
    size = dialog.size()
    assert size.width() <= SIZE.width() and size.height() <= SIZE.height()
    assert layout_check.problems(dialog, size) == []
    dialog.reject()
    wait_idle(qtbot, window.ctx)
