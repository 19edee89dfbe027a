"""Render the main screens to PNG for the README: ``python -m welcomedly_desktop.gui.screenshots DIR``.

It starts its own throw-away embedded PostgreSQL in a temporary folder, seeds a few demo campaigns,
agents and users through the services (as a supervisor would), builds the real windows offscreen
and saves them with ``QWidget.grab()``.  Nothing touches the user's data folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 720)  # the office laptop every page must fit (issue 18)

EXTRA_CAMPAIGNS = [
    ("Holiday Offers", "Seasonal bundle for existing TV customers.", "draft", (2026, 12, 1), (2027, 1, 6)),
    ("Satisfaction Survey", "Short survey after a technician visit.", "completed", (2026, 1, 10), (2026, 2, 28)),
]
# The data follows the interface's language (WELCOMEDLY_LANG), as the demo does.
EXTRA_CAMPAIGNS_ES = [
    ("Ofertas de fin de año", "Paquete de temporada para clientes de televisión.", "draft", (2026, 12, 1), (2027, 1, 6)),
    ("Encuesta de satisfacción", "Encuesta breve después de la visita del técnico.", "completed", (2026, 1, 10),
     (2026, 2, 28)),
]
SHOWN_CAMPAIGN = {"en": "Fibre Upgrade", "es": "Migración a fibra"}
PASSWORD = "screenshots only 1"
DEMO_RECORDS = 6000


def _seed(db):  # noqa: ANN001, ANN202
    """The lead's demo (3 campaigns, 12 agents, records and a month of calls) plus a few extras."""
    from welcomedly_desktop.i18n import current_language
    from welcomedly_desktop.services import agents, auth, campaigns, demo

    language = "es" if current_language() == "es" else "en"

    with db.session() as s:
        auth.register(s, None, email="ana.admin@example.com", name="Ana Admin", role="admin", password=PASSWORD,
                      country="CO" if language == "es" else "US")
    admin = auth.login(db, "ana.admin@example.com", PASSWORD)
    with db.session() as s:
        demo.seed(s, admin, records=DEMO_RECORDS, days=30, language=language)
    with db.session() as s:
        auth.register(s, admin, email="sam.supervisor@example.com", name="Sam Supervisor", role="supervisor",
                      password=PASSWORD)
        auth.register(s, admin, email="hugo.blanco@example.com", name="Hugo Blanco", role="agent", password=PASSWORD)
    supervisor = auth.login(db, "sam.supervisor@example.com", PASSWORD)
    with db.session() as s:
        for name, description, status, start, end in (EXTRA_CAMPAIGNS_ES if language == "es" else EXTRA_CAMPAIGNS):
            campaigns.create_campaign(s, supervisor, name=name, description=description, status=status,
                                      start_date=dt.date(*start), end_date=dt.date(*end))
        last = agents.list_agents(s, supervisor)[-1]
        agents.deactivate_agent(s, supervisor, last.id)
        ids = {c.name: c.id for c in campaigns.list_campaigns(s, supervisor)}
    _import_sample(db, supervisor, ids.get(SHOWN_CAMPAIGN[language]), language)
    _seed_dnc(db, supervisor, ids.get(SHOWN_CAMPAIGN[language]), language)
    for _ in range(2):  # a couple of failed logins make the audit log realistic
        try:
            auth.login(db, "sam.supervisor@example.com", "wrong password")
        except Exception:  # noqa: BLE001 - expected AuthenticationError
            pass
    return admin, ids


def _seed_dnc(db, actor, campaign_id: int | None, language: str) -> None:  # noqa: ANN001
    """A few numbers on the do-not-call list, as a supervisor adds them (for the Do-not-call page)."""
    from welcomedly_desktop.services import dnc

    if language == "es":
        entries = (("310 555 0147", None, "Pidió no ser llamado"), ("300 4000007", campaign_id, "Ya es cliente"),
                   ("601 7456789", None, "Número de una empresa"))
    else:
        entries = (("+1 555 2000007", campaign_id, "Already a customer"), ("+1 312 555 0147", None, "Asked not to be called"),
                   ("+1 212 555 0199", None, "A business number"))
    with db.session() as s:
        for phone, campaign, reason in entries:
            dnc.add_dnc(s, actor, phone, campaign_id=campaign, reason=reason)


def _import_sample(db, actor, campaign_id: int | None, language: str = "en") -> None:  # noqa: ANN001
    """One small lead file with a few bad rows, through the import service."""
    from welcomedly_desktop.services.imports import import_file

    if campaign_id is None:
        return
    folder = Path(tempfile.mkdtemp(prefix="wd-sample-"))
    path = folder / ("clientes-fibra-noviembre.csv" if language == "es" else "fibre-leads-november.csv")
    rows = ["name,phone,email,city"]
    if language == "es":
        rows = ["nombre,telefono,correo,ciudad"]
        rows += [f"Cliente {i},300 {4000000 + i:07d},cliente{i}@example.com,Medellín" for i in range(1, 41)]
        rows += ["Sin teléfono,,sintel@example.com,Cali", "Teléfono malo,12,malo@example.com,Bogotá",
                 "Cliente 1,300 4000001,,Medellín"]
    else:
        rows += [f"Customer {i},+1 555 {2000000 + i:07d},customer{i}@example.com,Austin" for i in range(1, 41)]
        rows += ["No Phone,,nophone@example.com,Lima", "Bad Phone,12,bad@example.com,Denver",
                 "Customer 1,+1 555 2000001,,Austin"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    try:
        import_file(db, actor, path, campaign_id)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import open_database
    from welcomedly_desktop.gui import messages
    from welcomedly_desktop.gui.app import create_application
    from welcomedly_desktop.gui.context import AppContext
    from welcomedly_desktop.gui.dialogs.assign_agents_dialog import AssignAgentsDialog
    from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog
    from welcomedly_desktop.gui.dialogs.login_dialog import LoginDialog
    from welcomedly_desktop.gui.main_window import MainWindow

    app = create_application()
    from welcomedly_desktop.gui.i18n_setup import install_translators

    install_translators(app)  # WELCOMEDLY_LANG picks the language, as for the app
    messages.exec_dialog = lambda dialog: dialog.reject() or 0  # never block on a box while rendering
    tmp = Path(tempfile.mkdtemp(prefix="wd-screens-"))
    db = open_database(Settings(data_dir=tmp / "data"))
    saved: list[Path] = []
    try:
        admin, campaign_ids = _seed(db)
        shown_id = next((campaign_ids[n] for n in SHOWN_CAMPAIGN.values() if n in campaign_ids), None) \
            or next(iter(campaign_ids.values()))
        ctx = AppContext(db, admin, db.settings)

        def settle() -> None:
            ctx.ops.wait_idle(30)
            for _ in range(5):
                app.processEvents()

        def save(widget, name: str) -> None:  # noqa: ANN001
            settle()
            path = out / f"{name}.png"
            widget.grab().save(str(path))
            saved.append(path)

        login = LoginDialog(ctx.ops, db, email="sam.supervisor@example.com")
        login.show()
        save(login, "login")
        login.close()

        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        page = window.show_page("campaigns")
        settle()
        page.select_id(shown_id)
        page.panel.show_campaign(shown_id)
        save(window, "campaigns")

        edit = CampaignDialog(ctx, page.selected_row(), window)
        edit.show()
        save(edit, "campaign-edit")
        edit.close()

        invalid = CampaignDialog(ctx, None, window)
        invalid.ui.nameEdit.setText("Back to school")
        invalid.set_dates(dt.date(2026, 9, 1), dt.date(2026, 8, 15))
        invalid.show()
        invalid.save()  # the service refuses: the message appears under the end date
        save(invalid, "campaign-validation")
        invalid.close()

        assign = AssignAgentsDialog(ctx, shown_id, page.selected_row().name, window)
        assign.show()
        save(assign, "assign-agents")
        assign.close()

        for key in ("work_queue", "agents", "uploads", "dnc", "live", "reports", "users", "audit"):
            shown = window.show_page(key)
            select_subject = getattr(shown, "select_subject", None)  # the reports page
            if callable(select_subject):
                settle()
                select_subject(shown_id)
                shown.refresh()
            save(window, key.replace("_", "-"))
        window.close()
        settle()
        ctx.ops.shutdown()
    finally:
        db.close()
        shutil.rmtree(tmp, ignore_errors=True)
    for path in saved:
        print(path)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
