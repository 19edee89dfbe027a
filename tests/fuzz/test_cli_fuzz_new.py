"""issue 20's fuzzing for the commands added in the same round (issues 15-18): user update, session,
settings, backup list/verify.  Same assertions as test_cli_fuzz: exit 0, 1 or 2; on 1 one line on
stderr without SQL or a traceback; the database unchanged unless the command succeeded."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from .support import check_outcome, emails, fuzz_settings, hostile_ids, hostile_text, id_arguments, run_cli

PATHS = st.sampled_from(["fifo", "folder", "link", "dangling", "missing", "null", "zero", "device", "etc", "root",
                         "plain"])


def _drive(snapshot, argv: list[str]):  # noqa: ANN001, ANN202
    before = snapshot()
    outcome = run_cli(argv)
    check_outcome(outcome, before, snapshot())
    return outcome


@fuzz_settings
@given(email=emails, name=st.none() | hostile_text, role=st.none() | st.sampled_from(["admin", "supervisor", "agent"]),
       active=st.none() | st.sampled_from(["yes", "no"]), as_agent=st.booleans())
@example(email="agent@example.com", name="\x1b[31mred", role=None, active=None, as_agent=False)
def test_user_update(cli_as, snapshot, world, email, name, role, active, as_agent):
    if as_agent:
        cli_as(world.agent)
    argv = ["user", "update", email]
    for flag, value in (("--name", name), ("--role", role), ("--active", active)):
        if value is not None:
            argv += [flag, value]
    _drive(snapshot, argv)


@fuzz_settings
@given(session=st.one_of(id_arguments, hostile_ids.map(str), st.just("9223372036854775808")), as_agent=st.booleans())
@example(session="9223372036854775808", as_agent=False)
def test_session_list_and_end(cli_as, snapshot, world, session, as_agent):
    if as_agent:
        cli_as(world.agent)
    _drive(snapshot, ["session", "list", "--json"])
    _drive(snapshot, ["session", "end", session])


@fuzz_settings
@given(key=st.sampled_from(["country", "timezone"]) | hostile_text, value=hostile_text | st.sampled_from(["CO", "co", "XX",
       "America/Bogota", "Mars/Olympus", "../../etc/passwd"]), as_agent=st.booleans())
@example(key="timezone", value="\x00", as_agent=False)
def test_settings_get_and_set(cli_as, snapshot, world, key, value, as_agent):
    if as_agent:
        cli_as(world.agent)
    _drive(snapshot, ["settings", "get", key])
    _drive(snapshot, ["settings", "set", key, value])


@fuzz_settings
@given(kind=PATHS, passphrase=hostile_text.filter(lambda v: "\x00" not in v and v != ""))
@example(kind="etc", passphrase="x")
def test_backup_list_and_verify(cli_as, snapshot, world, monkeypatch, kind, passphrase):
    import os

    try:
        os.fsencode(passphrase)
    except UnicodeEncodeError:
        return
    monkeypatch.setenv("WELCOMEDLY_BACKUP_PASSPHRASE", passphrase)
    _drive(snapshot, ["backup", "list", "--dir", str(world.files[kind])])
    _drive(snapshot, ["backup", "verify", str(world.files[kind])])
