"""issue 20: every CLI command driven with generated values, in-process through ``main(argv)``.

Each example asserts: exit 0, 1 or 2; on 1 exactly one line on stderr with no SQL text or
traceback (and never "an unexpected error"); the database's content unchanged unless it succeeded.
"""

from __future__ import annotations

import os

from hypothesis import example, given
from hypothesis import strategies as st

from .support import (
    check_outcome,
    date_arguments,
    emails,
    fuzz_settings,
    hostile_ids,
    hostile_text,
    id_arguments,
    run_cli,
)

STATUSES = st.sampled_from(["draft", "active", "paused", "completed"])
YES_NO = st.sampled_from(["yes", "no"])


def _drive(snapshot, argv: list[str]):  # noqa: ANN001, ANN202
    before = snapshot()
    outcome = run_cli(argv)
    check_outcome(outcome, before, snapshot())
    return outcome


def _environment_safe(value: str) -> bool:
    """What an environment variable can hold: no NUL, encodable by the file system's codec."""
    try:
        os.fsencode(value)
    except UnicodeEncodeError:
        return False
    return "\x00" not in value and value != ""


@fuzz_settings
@given(command=st.sampled_from(["show", "delete"]), campaign=id_arguments, json=st.booleans())
@example(command="show", campaign="2147483648", json=False)
def test_campaign_show_and_delete(cli_as, snapshot, world, command, campaign, json):
    _drive(snapshot, ["campaign", command, campaign, *(["--json"] if json else [])])


@fuzz_settings
@given(name=hostile_text, description=st.none() | hostile_text, status=st.none() | STATUSES | hostile_text,
       start=st.none() | date_arguments, end=st.none() | date_arguments)
@example(name="Evil\x1b[2J\nsecond\u202e", description=None, status=None, start=None, end=None)
@example(name="caf\udce9", description="nul\x00", status=None, start="0001-01-01", end="9999-12-31")
def test_campaign_add(cli_as, snapshot, world, name, description, status, start, end):
    argv = ["campaign", "add", "--name", name]
    for flag, value in (("--description", description), ("--status", status), ("--start", start), ("--end", end)):
        if value is not None:
            argv += [flag, value]
    outcome = _drive(snapshot, argv)
    if outcome.code == 0:
        listing = run_cli(["campaign", "list"])
        assert listing.code == 0 and all(ch.isprintable() for ch in listing.stdout.replace("\n", ""))


@fuzz_settings
@given(campaign=id_arguments, name=st.none() | hostile_text, description=st.none() | hostile_text,
       status=st.none() | STATUSES, start=st.none() | date_arguments, end=st.none() | date_arguments)
@example(campaign="2147483648", name="X", description=None, status=None, start=None, end=None)
def test_campaign_update(cli_as, snapshot, world, campaign, name, description, status, start, end):
    argv = ["campaign", "update", campaign]
    for flag, value in (("--name", name), ("--description", description), ("--status", status), ("--start", start),
                        ("--end", end)):
        if value is not None:
            argv += [flag, value]
    _drive(snapshot, argv)


@fuzz_settings
@given(status=st.none() | STATUSES | hostile_text, as_agent=st.booleans())
def test_campaign_list(cli_as, snapshot, world, status, as_agent):
    if as_agent:
        cli_as(world.agent)
    _drive(snapshot, ["campaign", "list", *(["--status", status] if status is not None else [])])


@fuzz_settings
@given(name=hostile_text, email=emails, phone=st.none() | hostile_text)
@example(name="Ana", email="ana@example.com", phone="9" * 10_000)
@example(name="Ana", email="a\u202e@x.test", phone=None)
@example(name="Ana", email="\U0001f680@x.test", phone=None)
@example(name="a\x00b", email="nul\x00@x.test", phone="\x00")
def test_agent_add(cli_as, snapshot, world, name, email, phone):
    _drive(snapshot, ["agent", "add", "--name", name, "--email", email, *(["--phone", phone] if phone is not None else [])])


@fuzz_settings
@given(campaign=id_arguments, agents=st.lists(id_arguments, min_size=1, max_size=3))
@example(campaign="2147483648", agents=["1", "2147483648"])
def test_assign(cli_as, snapshot, world, campaign, agents):
    _drive(snapshot, ["assign", "--campaign", campaign, *[a for agent in agents for a in ("--agent", agent)]])


@fuzz_settings
@given(campaign=id_arguments, kind=st.sampled_from(["fifo", "folder", "link", "dangling", "missing", "null", "zero",
                                                    "device", "etc", "root", "plain"]),
       encoding=st.none() | hostile_text, mapping=st.none() | hostile_text)
@example(campaign="2147483648", kind="plain", encoding=None, mapping=None)
@example(campaign="1", kind="link", encoding=None, mapping=None)
def test_import(cli_as, snapshot, world, campaign, kind, encoding, mapping):
    argv = ["import", str(world.files[kind]), "--campaign", campaign]
    if encoding is not None:
        argv += ["--encoding", encoding]
    if mapping is not None:
        argv += ["--map", mapping]
    outcome = _drive(snapshot, argv)
    assert "root:*" not in outcome.stderr  # never more than a short excerpt of a file, never a secret's


@fuzz_settings
@given(campaign=st.none() | id_arguments, upload=id_arguments)
@example(campaign="2147483648", upload="2147483648")
def test_uploads(cli_as, snapshot, world, tmp_path, campaign, upload):
    _drive(snapshot, ["uploads", "list", *(["--campaign", campaign] if campaign is not None else [])])
    _drive(snapshot, ["uploads", "rejects", upload, "--out", str(tmp_path / "rejects.csv")])


@fuzz_settings
@given(phone=hostile_text, campaign=st.none() | id_arguments, reason=st.none() | hostile_text)
def test_dnc_add(cli_as, snapshot, world, phone, campaign, reason):
    argv = ["dnc", "add", phone]
    if campaign is not None:
        argv += ["--campaign", campaign]
    if reason is not None:
        argv += ["--reason", reason]
    _drive(snapshot, argv)


@fuzz_settings
@given(kind=st.sampled_from(["campaign", "agent"]), entity=id_arguments, start=st.none() | date_arguments,
       end=st.none() | date_arguments, tz=st.none() | hostile_text, as_agent=st.booleans())
@example(kind="campaign", entity="2147483648", start=None, end=None, tz=None, as_agent=False)
@example(kind="agent", entity="1", start="0001-01-01", end="9999-12-31", tz="\x00", as_agent=True)
def test_report_json(cli_as, snapshot, world, kind, entity, start, end, tz, as_agent):
    if as_agent:
        cli_as(world.agent)
    argv = ["report", kind, entity, "--format", "json"]
    for flag, value in (("--from", start), ("--to", end), ("--timezone", tz)):
        if value is not None:
            argv += [flag, value]
    _drive(snapshot, argv)


@fuzz_settings
@given(campaign=id_arguments, fmt=st.sampled_from(["csv", "xlsx"]),
       kind=st.sampled_from(["fifo", "folder", "missing", "device", "link", "plain"]))
@example(campaign="2147483648", fmt="csv", kind="missing")
def test_export_records(cli_as, snapshot, world, campaign, fmt, kind):
    _drive(snapshot, ["export", "records", "--campaign", campaign, "--format", fmt, "--out", str(world.files[kind])])


@fuzz_settings
@given(campaign=st.none() | id_arguments | st.just("2"), name=hostile_text, colour=st.none() | hostile_text,
       show_all=st.booleans(), as_agent=st.booleans())
@example(campaign="2", name="X", colour=None, show_all=False, as_agent=True)
def test_dispositions_list_and_add(cli_as, snapshot, world, campaign, name, colour, show_all, as_agent):
    if as_agent:
        cli_as(world.agent)
    scope = ["--campaign", campaign] if campaign is not None else []
    listing = _drive(snapshot, ["dispositions", "list", *scope, *(["--all"] if show_all else [])])
    if as_agent and listing.code == 0 and campaign is not None:
        # an agent sees a campaign's additions only for a campaign assigned to them
        assert int(campaign.strip()) == world.campaign_id
    _drive(snapshot, ["dispositions", "add", "--name", name, *scope, *(["--colour", colour] if colour else [])])


@fuzz_settings
@given(disposition=id_arguments, name=st.none() | hostile_text, colour=st.none() | hostile_text,
       active=st.none() | YES_NO)
@example(disposition="2147483648", name="X", colour=None, active=None)
def test_dispositions_update(cli_as, snapshot, world, disposition, name, colour, active):
    argv = ["dispositions", "update", disposition]
    for flag, value in (("--name", name), ("--colour", colour), ("--active", active)):
        if value is not None:
            argv += [flag, value]
    _drive(snapshot, argv)


@fuzz_settings
@given(campaign=id_arguments, source=id_arguments, targets=st.lists(id_arguments, max_size=2),
       by=st.sampled_from(["balanced", "share"]))
@example(campaign="2147483648", source="2147483648", targets=[], by="balanced")
def test_records_distribute_and_rebalance(cli_as, snapshot, world, campaign, source, targets, by):
    _drive(snapshot, ["records", "distribute", "--campaign", campaign, "--by", by])
    _drive(snapshot, ["records", "rebalance", "--campaign", campaign, "--from-agent", source,
                      *[a for t in targets for a in ("--to-agent", t)]])


@fuzz_settings
@given(email=emails, name=hostile_text, role=st.sampled_from(["admin", "supervisor", "agent"]))
def test_user_add_and_unlock(cli_as, snapshot, world, email, name, role):
    _drive(snapshot, ["user", "add", "--email", email, "--name", name, "--role", role])
    _drive(snapshot, ["user", "unlock", email])


@fuzz_settings
@given(user=emails.filter(_environment_safe), password=st.none() | hostile_text.filter(_environment_safe), command=st.sampled_from([["campaign", "list"], ["user", "list"], ["agent", "list"], ["db", "status"],
                                             ["db", "url"], ["demo", "seed"], ["uploads", "list"]]),
       records=st.none() | hostile_ids)
def test_any_identity_on_read_commands(cli_as, snapshot, world, monkeypatch, user, password, command, records):
    """Whatever is typed as the user or password (a password in the wrong field, a lone surrogate,
    control characters): one sentence."""
    monkeypatch.setenv("WELCOMEDLY_USER", user)
    if password is not None:
        monkeypatch.setenv("WELCOMEDLY_PASSWORD", password)
    argv = list(command)
    if command == ["demo", "seed"] and records is not None:
        argv += ["--records", str(records)]
    _drive(snapshot, argv)
