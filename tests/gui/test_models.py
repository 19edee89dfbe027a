"""Table models: Qt's model tester, raw-value sorting, search and status filtering."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from welcomedly_desktop.gui.models.agents_model import AgentsModel
from welcomedly_desktop.gui.models.audit_model import AuditModel
from welcomedly_desktop.gui.models.campaigns_model import CampaignsModel
from welcomedly_desktop.gui.models.table_model import ROW_ROLE, SORT_ROLE, RowFilterProxy
from welcomedly_desktop.gui.models.users_model import UsersModel
from welcomedly_desktop.services.agents import AgentView
from welcomedly_desktop.services.audit import AuditEntry
from welcomedly_desktop.services.campaigns import CampaignView
from welcomedly_desktop.services.users import UserView

NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.timezone.utc)


def campaign(id_, name, *, status="draft", start=None, end=None, agents=0, updated=NOW):  # noqa: ANN001, ANN201
    return CampaignView(id=id_, name=name, description=f"about {name}", status=status, start_date=start,
                        end_date=end, created_by=1, created_by_name="Ada", created_at=NOW, updated_at=updated,
                        version=1, agent_count=agents)


CAMPAIGNS = [
    campaign(1, "alpha", status="active", start=dt.date(2026, 3, 1), agents=10),
    campaign(2, "Bravo", status="draft", start=None, agents=2),
    campaign(3, "charlie", status="paused", start=dt.date(2025, 12, 31), agents=9),
    campaign(4, "Delta renewals", status="active", start=dt.date(2026, 1, 15), agents=0),
]


def model_tester(model) -> QAbstractItemModelTester:  # noqa: ANN001
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def sorted_names(proxy: RowFilterProxy, column: int, order=Qt.SortOrder.AscendingOrder) -> list[str]:  # noqa: ANN001
    proxy.sort(column, order)
    return [proxy.index(r, 0).data(ROW_ROLE).name for r in range(proxy.rowCount())]


@pytest.mark.parametrize("model_cls, rows", [
    (CampaignsModel, CAMPAIGNS),
    (AgentsModel, [AgentView(i, f"Agent {i}", f"a{i}@x.com", None if i % 2 else "+1 555", bool(i % 2), None, i,
                             NOW, NOW, 1) for i in range(1, 5)]),
    (UsersModel, [UserView(i, f"User {i}", f"u{i}@x.com", r, True, i == 2, NOW, NOW, 1)
                  for i, r in enumerate(("admin", "supervisor", "agent"), start=1)]),
    (AuditModel, [AuditEntry(i, NOW - dt.timedelta(minutes=i), 1, "a@x.com", "ws1", "login.success", "user",
                             str(i), {"n": i}) for i in range(1, 4)]),
])
def test_models_pass_the_qt_model_tester(qapp, model_cls, rows):
    model = model_cls()
    t = model_tester(model)
    model.set_rows(rows)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    t2 = model_tester(proxy)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    proxy.set_search_text("1")
    proxy.set_search_text("")
    # Same ids, one row changed: targeted dataChanged; different ids: reset.
    model.set_rows(list(reversed(rows)))
    model.set_rows(rows[:2])
    model.set_rows([])
    assert model.rowCount() == 0
    del t, t2


def test_roles_give_raw_values_and_row_objects(qapp):
    model = CampaignsModel()
    model.set_rows(CAMPAIGNS)
    index = model.index(0, CampaignsModel.COL_AGENTS)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "10"
    assert index.data(SORT_ROLE) == 10
    assert index.data(ROW_ROLE) is CAMPAIGNS[0]
    assert model.index(1, CampaignsModel.COL_START).data() == ""
    assert model.index(0, CampaignsModel.COL_STATUS).data() == "Active"
    assert model.headerData(CampaignsModel.COL_NAME, Qt.Orientation.Horizontal) == "Name"


def test_sorting_uses_raw_values_not_display_text(qapp):
    model = CampaignsModel()
    model.set_rows(CAMPAIGNS)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    # Numbers: as text "10" < "2" < "9"; numerically 0 < 2 < 9 < 10.
    assert sorted_names(proxy, CampaignsModel.COL_AGENTS) == ["Delta renewals", "Bravo", "charlie", "alpha"]
    # Dates: chronological, a missing date first.
    assert sorted_names(proxy, CampaignsModel.COL_START) == ["Bravo", "charlie", "Delta renewals", "alpha"]
    assert sorted_names(proxy, CampaignsModel.COL_START, Qt.SortOrder.DescendingOrder)[0] == "alpha"
    # Names: case-insensitive.
    assert sorted_names(proxy, CampaignsModel.COL_NAME) == ["alpha", "Bravo", "charlie", "Delta renewals"]


def test_datetime_sort_is_chronological_across_days(qapp):
    model = AuditModel()
    entries = [AuditEntry(i, t, 1, "a@x.com", "ws", "x", None, None, {}) for i, t in enumerate([
        dt.datetime(2026, 11, 9, 23, 0, tzinfo=dt.timezone.utc),
        dt.datetime(2026, 11, 10, 1, 0, tzinfo=dt.timezone.utc),
        dt.datetime(2025, 12, 1, 8, 0, tzinfo=dt.timezone.utc),
    ], start=1)]
    model.set_rows(entries)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(AuditModel.COL_WHEN, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data(ROW_ROLE).id for r in range(3)] == [2, 1, 3]


def test_search_and_status_filter(qapp):
    model = CampaignsModel()
    model.set_rows(CAMPAIGNS)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text("RENEW")
    assert proxy.rowCount() == 1
    proxy.set_search_text("about")  # matches the description? no: description is not a column
    assert proxy.rowCount() == 0
    proxy.set_search_text("")
    proxy.set_row_predicate(lambda c: c.status == "active")
    assert sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount())) == ["Delta renewals", "alpha"]
    proxy.set_search_text("alp")
    assert proxy.rowCount() == 1
    proxy.set_row_predicate(None)
    proxy.set_search_text("")
    assert proxy.rowCount() == 4


def test_set_rows_with_same_ids_keeps_rows_and_signals_only_changed_ones(qapp, qtbot):
    model = CampaignsModel()
    model.set_rows(CAMPAIGNS)
    changed = CAMPAIGNS[:]
    changed[2] = campaign(3, "charlie v2", status="paused")
    with qtbot.assertNotEmitted(model.modelReset):
        with qtbot.waitSignal(model.dataChanged) as blocker:
            model.set_rows(changed)
    top_left, bottom_right = blocker.args[:2]
    assert top_left.row() == bottom_right.row() == 2
    assert model.index(2, 0).data() == "charlie v2"
