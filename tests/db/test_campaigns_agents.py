from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text

from welcomedly_desktop.db.models import AuditLog, Campaign, CampaignAssignment
from welcomedly_desktop.errors import ConflictError, DuplicateError, NotFoundError, PermissionDenied, ValidationError
from welcomedly_desktop.services import agents, assignments, audit, campaigns, users


def _audit_actions(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(AuditLog.action).order_by(AuditLog.id)))


# -- campaigns ---------------------------------------------------------------------------------
def test_create_get_list_campaign(db, supervisor_actor):
    with db.session() as s:
        view = campaigns.create_campaign(
            s, supervisor_actor, name="  Spring drive ", description="Leads", status="active",
            start_date="2026-03-01", end_date=dt.date(2026, 3, 31),
        )
    assert view.name == "Spring drive" and view.status == "active"
    assert view.created_by == supervisor_actor.user_id and view.created_by_name == "Sam Supervisor"
    with db.session() as s:
        listed = campaigns.list_campaigns(s, supervisor_actor)
        assert [c.id for c in listed] == [view.id]
        assert campaigns.list_campaigns(s, supervisor_actor, status="draft") == []
        assert [c.id for c in campaigns.list_campaigns(s, supervisor_actor, search="spring")] == [view.id]
    assert "campaign.create" in _audit_actions(db)


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"name": "  "}, "name", "Name is required"),
        ({"name": "x", "status": "running"}, "status", "Status must be one of"),
        ({"name": "x", "start_date": "2026-02-01", "end_date": "2026-01-31"}, "end_date", "on or after"),
        ({"name": "x", "start_date": "31/01/2026"}, "start_date", "date like"),
    ],
)
def test_campaign_validation(db, supervisor_actor, fields, field, message):
    with db.session() as s, pytest.raises(ValidationError, match=message) as info:
        campaigns.create_campaign(s, supervisor_actor, **fields)
    assert info.value.field == field
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0


def test_update_keeps_omitted_fields_and_validates_dates(db, supervisor_actor, make_campaign):
    c = make_campaign("Q1", start_date="2026-01-01", end_date="2026-03-31")
    with db.session() as s:
        updated = campaigns.update_campaign(s, supervisor_actor, c.id, expected_version=c.version, status="paused")
    assert updated.status == "paused" and updated.start_date == dt.date(2026, 1, 1)
    assert updated.version == c.version + 1
    with db.session() as s, pytest.raises(ValidationError, match="on or after"):
        campaigns.update_campaign(s, supervisor_actor, c.id, end_date="2025-12-31")


def test_stale_edit_between_two_sessions_is_a_conflict(db, supervisor_actor, admin_actor, make_campaign):
    c = make_campaign("Shared")
    # Workstation A opened the campaign at version c.version; workstation B saves first.
    with db.session() as s:
        campaigns.update_campaign(s, admin_actor, c.id, expected_version=c.version, name="Renamed by B")
    with db.session() as s, pytest.raises(ConflictError, match="changed by someone else"):
        campaigns.update_campaign(s, supervisor_actor, c.id, expected_version=c.version, name="Renamed by A")
    with db.session() as s:
        assert campaigns.get_campaign(s, admin_actor, c.id).name == "Renamed by B"


def test_concurrent_flush_race_is_a_conflict(db, supervisor_actor, admin_actor, make_campaign):
    """Both sessions read the same version; the second UPDATE matches no row (version_id_col)."""
    c = make_campaign("Race")
    s1, s2 = db.new_session(), db.new_session()
    try:
        a = s1.get(Campaign, c.id)
        b = s2.get(Campaign, c.id)
        a.name = "first"
        s1.commit()
        b.name = "second"
        from welcomedly_desktop.services.concurrency import flush_or_conflict

        with pytest.raises(ConflictError):
            flush_or_conflict(s2, b, "campaign")
        s2.rollback()
    finally:
        s1.close()
        s2.close()


def test_delete_campaign_cascades_and_reports_what_was_removed(db, supervisor_actor, make_campaign, make_agent):
    c = make_campaign("Gone")
    a1, a2 = make_agent(), make_agent()
    with db.session() as s:
        assignments.assign(s, supervisor_actor, c.id, [a1.id, a2.id])
        s.execute(text("INSERT INTO base_campaign_data (campaign_id, file_path, status) VALUES (:c, 'file:///x.csv', 'processed')"),
                  {"c": c.id})
    with db.session() as s:
        summary = campaigns.deletion_summary(s, supervisor_actor, c.id)
        assert (summary.uploads, summary.assignments) == (1, 2)
        campaigns.delete_campaign(s, supervisor_actor, c.id)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(CampaignAssignment)) == 0
        assert s.scalar(text("SELECT count(*) FROM base_campaign_data")) == 0
        with pytest.raises(NotFoundError):
            campaigns.get_campaign(s, supervisor_actor, c.id)
    assert "campaign.delete" in _audit_actions(db)


def test_agent_role_sees_only_assigned_campaigns_read_only(db, admin_actor, agent_actor, make_campaign):
    mine = make_campaign("Mine")
    make_campaign("Not mine")
    with db.session() as s:
        me = agents.get_for_user(s, agent_actor.user_id)
        assignments.assign(s, admin_actor, mine.id, [me.id])
    with db.session() as s:
        assert [c.name for c in campaigns.list_campaigns(s, agent_actor)] == ["Mine"]
        with pytest.raises(PermissionDenied, match="Only administrators and supervisors can create campaigns"):
            campaigns.create_campaign(s, agent_actor, name="Nope")
        with pytest.raises(PermissionDenied):
            campaigns.update_campaign(s, agent_actor, mine.id, name="Nope")
        with pytest.raises(PermissionDenied):
            campaigns.delete_campaign(s, agent_actor, mine.id)
        with pytest.raises(PermissionDenied):
            assignments.assign(s, agent_actor, mine.id, [me.id])
        with pytest.raises(PermissionDenied):
            agents.create_agent(s, agent_actor, name="x", email="x@example.com")
        assert [a.id for a in agents.list_agents(s, agent_actor)] == [me.id]


def test_supervisor_cannot_manage_users_or_read_audit(db, supervisor_actor, admin_actor):
    with db.session() as s:
        with pytest.raises(PermissionDenied, match="Only administrators"):
            users.list_users(s, supervisor_actor)
        with pytest.raises(PermissionDenied):
            users.set_role(s, supervisor_actor, admin_actor.user_id, "agent")
        with pytest.raises(PermissionDenied):
            audit.list_entries(s, supervisor_actor)
        with pytest.raises(PermissionDenied):
            users.update_profile(s, supervisor_actor, admin_actor.user_id, name="Hacked")


# -- agents and assignments --------------------------------------------------------------------
def test_agent_crud_and_duplicate_email(db, supervisor_actor):
    with db.session() as s:
        a = agents.create_agent(s, supervisor_actor, name="Bea", email="bea@example.com", phone="555")
    with db.session() as s, pytest.raises(DuplicateError, match="already exists"):
        agents.create_agent(s, supervisor_actor, name="Other", email="BEA@example.com")
    with db.session() as s:
        b = agents.update_agent(s, supervisor_actor, a.id, expected_version=a.version, name="Beatriz")
        assert b.name == "Beatriz" and b.version == a.version + 1
        off = agents.deactivate_agent(s, supervisor_actor, a.id)
        assert off.active is False
        assert agents.list_agents(s, supervisor_actor, include_inactive=False) == []
    with db.session() as s, pytest.raises(ConflictError):
        agents.update_agent(s, supervisor_actor, a.id, expected_version=a.version, name="Stale")
    assert {"agent.create", "agent.update", "agent.deactivate"} <= set(_audit_actions(db))


def test_assign_is_idempotent_and_set_assignments_is_exact(db, supervisor_actor, make_campaign, make_agent):
    c = make_campaign()
    a1, a2, a3 = make_agent(), make_agent(), make_agent()
    with db.session() as s:
        first = assignments.assign(s, supervisor_actor, c.id, [a1.id, a2.id])
        again = assignments.assign(s, supervisor_actor, c.id, [a1.id, a2.id])
    assert first.added == sorted([a1.id, a2.id]) and again.added == [] and again.unchanged == sorted([a1.id, a2.id])
    with db.session() as s:
        change = assignments.set_assignments(s, supervisor_actor, c.id, [a2.id, a3.id])
        assert (change.added, change.removed) == ([a3.id], [a1.id])
        view = campaigns.get_campaign(s, supervisor_actor, c.id)
    assert sorted(a["id"] for a in view.agents) == sorted([a2.id, a3.id])
    with db.session() as s, pytest.raises(NotFoundError, match="Agent 999"):
        assignments.assign(s, supervisor_actor, c.id, [999])


def test_failed_action_writes_nothing(db, supervisor_actor, make_campaign, make_agent):
    """One transaction per action: an error part-way leaves neither the change nor its audit row."""
    c = make_campaign()
    a1 = make_agent()
    before = _audit_actions(db)
    with db.session() as s, pytest.raises(NotFoundError):
        assignments.set_assignments(s, supervisor_actor, c.id, [a1.id, 12345])
    with db.session() as s:
        assert assignments.assigned_agent_ids(s, c.id) == []
    assert _audit_actions(db) == before


# -- users -------------------------------------------------------------------------------------
def test_profile_edit_and_admin_rules(db, admin_actor, supervisor_actor):
    with db.session() as s:
        me = users.get_profile(s, supervisor_actor)
        updated = users.update_profile(s, supervisor_actor, me.id, expected_version=me.version, name="Samantha", email="sam@example.com")
        assert (updated.name, updated.email) == ("Samantha", "sam@example.com")
    with db.session() as s, pytest.raises(DuplicateError):
        users.update_profile(s, supervisor_actor, me.id, email="Admin@Example.com")
    with db.session() as s, pytest.raises(ConflictError):
        users.update_profile(s, supervisor_actor, me.id, expected_version=me.version, name="Stale")
    with db.session() as s:
        assert users.set_role(s, admin_actor, me.id, "agent").role == "agent"
    with db.session() as s, pytest.raises(ValidationError, match="administrator must remain"):
        users.set_role(s, admin_actor, admin_actor.user_id, "supervisor")
    with db.session() as s, pytest.raises(PermissionDenied, match="your own account"):
        users.set_active(s, admin_actor, admin_actor.user_id, False)
