"""Issue 18, #7 and #9: the campaign list's records / worked / progress (a services query), numbers
with thousands separators and never elided."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from sqlalchemy import text

from welcomedly_desktop.gui.models.table_model import format_value
from welcomedly_desktop.services import agents, assignments, campaign_progress

from ..reports.conftest import add_records
from .conftest import wait_idle


@pytest.fixture
def locale():
    def _set(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    previous = QLocale()
    yield _set
    QLocale.setDefault(previous)


def _campaigns(db, admin_actor, make_campaign):  # noqa: ANN001, ANN202
    full = make_campaign("Renovaciones")
    empty = make_campaign("Encuesta")
    with db.session() as s:
        ids = add_records(s, full.id, ["Ana", "Luis", "Eva"])
        s.execute(text("UPDATE campaign_records SET attempts = 1, last_attempt_at = now() WHERE id = :id"),
                  {"id": ids["Ana"]})
        s.execute(text("UPDATE campaign_records SET attempts = 2, last_attempt_at = now(), status = 'done' "
                       "WHERE id = :id"), {"id": ids["Luis"]})
    return full, empty


def test_campaign_progress_counts(db, admin_actor, agent_actor, make_campaign):
    full, empty = _campaigns(db, admin_actor, make_campaign)
    with db.session() as s:
        rows = {c.name: c for c in campaign_progress.list_with_progress(s, admin_actor)}
    assert (rows["Renovaciones"].records, rows["Renovaciones"].worked, rows["Renovaciones"].done) == (3, 2, 1)
    assert rows["Renovaciones"].progress == pytest.approx(1 / 3)
    assert (rows["Encuesta"].records, rows["Encuesta"].progress) == (0, None)
    # An agent sees only the campaigns assigned to them, with the same counts.
    with db.session() as s:
        assert campaign_progress.list_with_progress(s, agent_actor) == []
        me = agents.get_for_user(s, agent_actor.user_id).id
        assignments.assign(s, admin_actor, full.id, [me])
    with db.session() as s:
        mine = campaign_progress.list_with_progress(s, agent_actor)
    assert [(c.name, c.records, c.worked) for c in mine] == [("Renovaciones", 3, 2)]


def test_campaign_list_shows_records_worked_progress(qtbot, db, admin_actor, open_window, make_campaign, locale):
    locale("en_US")
    _campaigns(db, admin_actor, make_campaign)
    window = open_window(admin_actor)
    page = window.show_page("campaigns")
    wait_idle(qtbot, window.ctx)
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:5] == ["Name", "Status", "Records", "Worked", "Progress"]
    row = model.row_for_id(next(c.id for c in model.rows if c.name == "Renovaciones"))
    assert [model.index(row, c).data() for c in (model.COL_RECORDS, model.COL_WORKED, model.COL_PROGRESS)] == \
        ["3", "2", "33 %"]
    empty_row = model.row_for_id(next(c.id for c in model.rows if c.name == "Encuesta"))
    assert model.index(empty_row, model.COL_PROGRESS).data() == ""


def test_numbers_have_thousands_separators_by_locale(locale):
    locale("en_US")
    assert format_value(1234567) == "1,234,567"
    locale("es_CO")
    assert format_value(1234567) == "1.234.567"
    assert format_value(True) in ("Yes", "Sí")  # booleans stay words, not 1


def test_number_columns_are_never_elided(qtbot, db, admin_actor, open_window, make_campaign, locale):
    locale("en_US")
    window = open_window(admin_actor)
    page = window.show_page("campaigns")
    wait_idle(qtbot, window.ctx)
    campaign = make_campaign("Grande")
    with db.session() as s:
        s.execute(text("INSERT INTO campaign_records (campaign_id, name, phone, status) "
                       "SELECT :c, 'n' || g, '300' || lpad(g::text, 7, '0'), 'new' FROM generate_series(1, 12345) g"),
                  {"c": campaign.id})
    page.refresh()
    wait_idle(qtbot, window.ctx)
    qtbot.waitUntil(lambda: any(getattr(c, "records", 0) == 12345 for c in page.model.rows), timeout=5000)
    column = page.model.COL_RECORDS
    row = page.proxy.mapFromSource(page.model.index(page.model.row_for_id(campaign.id), column)).row()
    text_width = page.table.fontMetrics().horizontalAdvance(page.proxy.index(row, column).data())
    assert page.table.columnWidth(column) >= text_width + 6


def test_human_labels_for_statuses_and_audit_actions_and_readable_details():
    import datetime as dt

    from welcomedly_desktop.gui.labels import audit_action_label, audit_detail_lines, record_status_label
    from welcomedly_desktop.gui.models.audit_model import AuditModel
    from welcomedly_desktop.services.audit import AuditEntry

    assert record_status_label("in_progress") == "In progress"
    assert audit_action_label("upload.import") == "File imported"
    assert audit_action_label("something.new_here") == "Something: new here"  # never the raw code
    assert audit_detail_lines({"email": "a@b.co", "first_user": True, "rows": 10000}) == \
        ["E-mail: a@b.co", "First user: Yes", "Rows: " + QLocale().toString(10000)]
    assert audit_detail_lines({"campaign_id": 3, "kept_as": "x", "brand_new": 1}) == \
        ["Brand new: 1", "Campaign: 3", "Previous data kept as: x"]  # an unknown key in plain words
    import dataclasses

    values = {f.name: None for f in dataclasses.fields(AuditEntry)}
    values.update(id=1, occurred_at=dt.datetime.now(dt.timezone.utc), action="user.create",
                  details={"email": "a@b.co", "role": "admin"})
    model = AuditModel()
    model.set_rows([AuditEntry(**values)])
    details = model.index(0, AuditModel.COL_DETAILS).data()
    assert details == "E-mail: a@b.co · Role: admin" and "{" not in details
    assert model.index(0, AuditModel.COL_DETAILS).data(Qt.ItemDataRole.ToolTipRole) == "E-mail: a@b.co\nRole: admin"
    assert model.index(0, AuditModel.COL_ACTION).data() == "User created"


def test_records_view_shows_statuses_in_words(qtbot, db, supervisor_actor, make_campaign, make_ctx):
    from welcomedly_desktop.gui.views.records_view import RecordsView

    campaign = make_campaign("Estados")
    with db.session() as s:
        ids = add_records(s, campaign.id, ["Ana"])
        s.execute(text("UPDATE campaign_records SET status = 'in_progress' WHERE id = :id"), {"id": ids["Ana"]})
    ctx = make_ctx(supervisor_actor)
    view = RecordsView(ctx, campaign.id)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    status_col = [k for k, _t in view.model.COLUMNS].index("status")
    assert view.model.index(0, status_col).data() == "In progress"
    assert "in_progress" not in [view.status_combo.itemText(i) for i in range(view.status_combo.count())]
    wait_idle(qtbot, ctx)


def test_empty_pages_say_what_to_do_next(qtbot, open_window, admin_actor):
    window = open_window(admin_actor)
    for key, words in (("campaigns", "New campaign"), ("agents", "New agent"), ("uploads", "Import file")):
        page = window.show_page(key)
        wait_idle(qtbot, window.ctx)
        assert page.empty_label.isVisible(), key
        assert words in page.empty_label.text(), key


def test_empty_charts_say_no_calls_in_this_period(qtbot, open_window, supervisor_actor, make_campaign):
    make_campaign("Sin llamadas")
    window = open_window(supervisor_actor)
    page = window.show_page("reports")
    wait_idle(qtbot, window.ctx)
    page.refresh()
    qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
    wait_idle(qtbot, window.ctx)
    assert page.report.attempts == 0
    for view in page.chart_views:
        assert view.chart().title() == "No calls in this period."
        assert view.chart().series() == [] and view.chart().axes() == []


def test_count_label_and_plurals_read_like_sentences(qtbot, db, supervisor_actor, make_agent, make_campaign, make_ctx,
                                                     locale):
    from welcomedly_desktop.gui.dialogs.assign_agents_dialog import AssignAgentsDialog
    from welcomedly_desktop.gui.views.campaigns_page import CampaignsPage

    locale("en_US")
    campaign = make_campaign("Plurales")
    ctx = make_ctx(supervisor_actor)
    page = CampaignsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    wait_idle(qtbot, ctx)
    rows = [campaign_progress.CampaignWithProgress(**{**vars(page.model.rows[0]), "id": i}) for i in range(1, 1235)]
    page.model.set_rows(rows)
    assert page.count_label.text() == "1,234 in total"
    first, second = make_agent("Ana Ruiz"), make_agent("Luis Mora")
    dialog = AssignAgentsDialog(ctx, campaign.id, campaign.name)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, ctx)
    assert dialog.summary.text() == "No agent selected"
    dialog.set_checked(first.id, True)
    assert dialog.summary.text() == "1 agent selected"
    dialog.set_checked(second.id, True)
    assert dialog.summary.text() == "2 agents selected"
    wait_idle(qtbot, ctx)
