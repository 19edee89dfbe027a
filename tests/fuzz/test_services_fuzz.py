"""issue 20: every service entry point (the GUI's path) driven with generated values.

Each call either returns or raises a WelcomedlyError whose sentence is one line without SQL; when
it raises, the database's content is unchanged.  The actor is drawn too (admin, supervisor, agent).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.services import (
    agents,
    assignments,
    audit,
    campaigns,
    dispositions,
    distribution,
    dnc,
    imports,
    records,
    reports,
    upload_rejects,
    users,
    work_queue,
)

from .support import _LEAKS, FUZZ_EXAMPLES, date_arguments, emails, fuzz_settings, hostile_ids, hostile_text

ids = hostile_ids
texts = hostile_text
opt_text = st.none() | hostile_text
dates = st.one_of(st.none(), st.dates(), date_arguments)
datetimes = st.one_of(st.none(), st.datetimes(timezones=st.just(dt.timezone.utc)), st.datetimes())
small_ints = st.integers(min_value=-(2**40), max_value=2**40)

#: name -> (strategy of keyword values, call(session, actor, world, **values)); sessions only.
SESSION_ENTRY_POINTS = {
    "campaigns.list": (st.fixed_dictionaries({"status": opt_text, "search": opt_text}),
                       lambda s, a, w, **v: campaigns.list_campaigns(s, a, **v)),
    "campaigns.get": (st.fixed_dictionaries({"i": ids}), lambda s, a, w, i: campaigns.get_campaign(s, a, i)),
    "campaigns.create": (st.fixed_dictionaries({"name": texts, "description": opt_text, "status": opt_text,
                                                "start_date": dates, "end_date": dates}),
                         lambda s, a, w, **v: campaigns.create_campaign(s, a, **v)),
    "campaigns.update": (st.fixed_dictionaries({"i": ids, "name": texts, "description": texts, "start_date": dates,
                                                "expected_version": st.none() | small_ints}),
                         lambda s, a, w, i, **v: campaigns.update_campaign(s, a, i, **v)),
    "campaigns.delete": (st.fixed_dictionaries({"i": ids, "expected_version": st.none() | small_ints}),
                         lambda s, a, w, i, **v: campaigns.delete_campaign(s, a, i, **v)),
    "agents.list": (st.fixed_dictionaries({"search": opt_text}), lambda s, a, w, **v: agents.list_agents(s, a, **v)),
    "agents.create": (st.fixed_dictionaries({"name": texts, "email": emails, "phone": opt_text,
                                             "user_id": st.none() | ids}),
                      lambda s, a, w, **v: agents.create_agent(s, a, **v)),
    "agents.update": (st.fixed_dictionaries({"i": ids, "name": texts, "phone": opt_text, "user_id": st.none() | ids}),
                      lambda s, a, w, i, **v: agents.update_agent(s, a, i, **v)),
    "assignments.assign": (st.fixed_dictionaries({"c": ids, "agents": st.lists(ids, max_size=3)}),
                           lambda s, a, w, c, agents: assignments.assign(s, a, c, agents)),
    "assignments.set": (st.fixed_dictionaries({"c": ids, "agents": st.lists(ids, max_size=3)}),
                        lambda s, a, w, c, agents: assignments.set_assignments(s, a, c, agents)),
    "dispositions.list": (st.fixed_dictionaries({"campaign_id": st.none() | ids}),
                          lambda s, a, w, **v: dispositions.list_dispositions(s, a, **v)),
    "dispositions.create": (st.fixed_dictionaries({"name": texts, "campaign_id": st.none() | ids, "colour": texts,
                                                   "sort_order": st.none() | small_ints}),
                            lambda s, a, w, **v: dispositions.create_disposition(s, a, **v)),
    "dispositions.update": (st.fixed_dictionaries({"i": ids, "name": texts, "sort_order": small_ints}),
                            lambda s, a, w, i, **v: dispositions.update_disposition(s, a, i, **v)),
    "distribution.distribute": (st.fixed_dictionaries({"c": ids}), lambda s, a, w, c: distribution.distribute(s, a, c)),
    "distribution.rebalance": (st.fixed_dictionaries({"c": ids, "f": ids, "t": st.none() | st.lists(ids, max_size=2)}),
                               lambda s, a, w, c, f, t: distribution.rebalance(s, a, c, f, t)),
    "dnc.add": (st.fixed_dictionaries({"phone": texts, "campaign_id": st.none() | ids, "reason": opt_text}),
                lambda s, a, w, **v: dnc.add_dnc(s, a, **v)),
    "imports.list_uploads": (st.fixed_dictionaries({"c": st.none() | ids}),
                             lambda s, a, w, c: imports.list_uploads(s, a, c)),
    "upload_rejects.list_rejects": (st.fixed_dictionaries({"u": ids}), lambda s, a, w, u: upload_rejects.list_rejects(s, a, u)),
    "records.list": (st.fixed_dictionaries({"c": ids, "search": opt_text, "agent": st.none() | ids,
                                            "after": small_ints, "limit": small_ints}),
                     lambda s, a, w, c, search, agent, after, limit: records.list_records(
                         s, a, c, after_id=after, limit=limit, flt=records.RecordFilter(search=search, agent_id=agent))),
    "reports.campaign": (st.fixed_dictionaries({"c": ids, "start": dates, "end": dates, "tz": opt_text}),
                         lambda s, a, w, c, start, end, tz: reports.campaign_report(
                             s, a, c, reports.make_period(_date(start), _date(end), tz))),
    "reports.agent": (st.fixed_dictionaries({"i": ids}),
                      lambda s, a, w, i: reports.agent_report(s, a, i, reports.make_period(None, None, "UTC"))),
    "users.update_profile": (st.fixed_dictionaries({"i": ids, "name": opt_text, "email": st.none() | emails}),
                             lambda s, a, w, i, **v: users.update_profile(s, a, i, **v)),
    "users.unlock": (st.fixed_dictionaries({"email": texts}), lambda s, a, w, email: users.unlock(s, a, email)),
    "audit.list": (st.fixed_dictionaries({"actor_email": opt_text, "actor_user_id": st.none() | ids}),
                   lambda s, a, w, **v: audit.list_entries(s, a, **v)),
    "work_queue.get_record": (st.fixed_dictionaries({"r": ids}), lambda s, a, w, r: work_queue.get_record(s, a, r)),
    "work_queue.list": (st.fixed_dictionaries({"agent_id": st.none() | ids}),
                        lambda s, a, w, **v: work_queue.list_queue(s, a, **v)),
    "work_queue.record_disposition": (
        st.fixed_dictionaries({"r": ids, "d": ids, "notes": texts, "talk": small_ints, "cb": datetimes}),
        lambda s, a, w, r, d, notes, talk, cb: work_queue.record_disposition(
            s, a, r, d, notes=notes, talk_seconds=talk, callback_at=cb)),
}


def _date(value):  # noqa: ANN001, ANN202 - the GUI passes dates; a string is what a careless caller passes
    return value if isinstance(value, dt.date) or value is None else None


@settings(fuzz_settings, max_examples=max(3, FUZZ_EXAMPLES // 3))
@given(data=st.data(), role=st.sampled_from(["admin", "supervisor", "agent"]))
def test_service_entry_points(db, world, snapshot, data, role):
    """Each example calls every entry point once, with values drawn for it."""
    actor = {"admin": world.admin, "supervisor": world.supervisor, "agent": world.agent}[role]
    for entry in sorted(SESSION_ENTRY_POINTS):
        strategy, call = SESSION_ENTRY_POINTS[entry]
        values = data.draw(strategy, label=entry)
        before = snapshot()
        try:
            with db.session() as session:
                call(session, actor, world, **values)
        except WelcomedlyError as exc:
            message = exc.user_message
            assert "\n" not in message and not _LEAKS.search(message), (entry, values, message)
            assert snapshot() == before, (entry, values)


@fuzz_settings
@given(campaign=ids, kind=st.sampled_from(["fifo", "folder", "link", "dangling", "missing", "null", "device", "etc",
                                           "plain"]))
def test_import_entry_points(db, world, snapshot, campaign, kind):
    """Files through the services: previews and imports of paths that are not plain files."""
    path = world.files[kind]
    before = snapshot()
    for call in (lambda: imports.preview_file(db, world.admin, path, campaign),
                 lambda: imports.import_file(db, world.admin, path, campaign)):
        try:
            call()
        except WelcomedlyError as exc:
            assert "\n" not in exc.user_message and "root:*" not in exc.user_message, exc.user_message
            assert snapshot() == before
