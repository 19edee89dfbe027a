"""issue 20 through the services (the GUI's path): ids beyond PostgreSQL's integer, NUL and
control characters, LIKE wildcards, the dispositions of a campaign an agent cannot see, unknown
login identifiers, warnings on stderr, raw control characters in tables."""

from __future__ import annotations

import io
import logging

import pytest
from sqlalchemy import select, text

from welcomedly_desktop.db.models import AuditLog, LoginThrottle
from welcomedly_desktop.errors import AuthenticationError, NotFoundError, ValidationError
from welcomedly_desktop.services import (
    agents,
    assignments,
    audit,
    auth,
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

from ..conftest import TEST_PASSWORD

HUGE = (2**31, 2**63, 10**30, 0, -7)


def _counts(db) -> dict[str, int]:
    with db.session() as s:
        return {t: s.scalar(text(f"SELECT count(*) FROM {t}")) for t in ("campaigns", "agents", "campaign_assignments",
                                                                         "dispositions", "dnc_numbers", "users")}


def test_ids_beyond_the_integer_range_do_not_exist(db, admin_actor, agent_actor, make_campaign, tmp_path):
    """Each of these raised DataError ("integer out of range", with SQL) before."""
    campaign = make_campaign()
    period = reports.make_period(None, None, "UTC")
    csv = tmp_path / "leads.csv"
    csv.write_text("name,phone\nAna,+573001112233\n", encoding="utf-8")
    calls = {
        "campaign show": lambda s, i: campaigns.get_campaign(s, admin_actor, i),
        "campaign update": lambda s, i: campaigns.update_campaign(s, admin_actor, i, name="X"),
        "campaign delete": lambda s, i: campaigns.delete_campaign(s, admin_actor, i),
        "assign campaign": lambda s, i: assignments.assign(s, admin_actor, i, [1]),
        "assign agent": lambda s, i: assignments.assign(s, admin_actor, campaign.id, [i]),
        "uploads list": lambda s, i: imports.list_uploads(s, admin_actor, i),
        "uploads rejects": lambda s, i: upload_rejects.list_rejects(s, admin_actor, i),
        "agent show": lambda s, i: agents.get_agent(s, admin_actor, i),
        "agent update": lambda s, i: agents.update_agent(s, admin_actor, i, name="X"),
        "dispositions update": lambda s, i: dispositions.update_disposition(s, admin_actor, i, name="X"),
        "dispositions list": lambda s, i: dispositions.list_dispositions(s, admin_actor, campaign_id=i),
        "dispositions add": lambda s, i: dispositions.create_disposition(s, admin_actor, name="X", campaign_id=i),
        "records distribute": lambda s, i: distribution.distribute(s, admin_actor, i),
        "records rebalance": lambda s, i: distribution.rebalance(s, admin_actor, i, 1),
        "records rebalance agent": lambda s, i: distribution.rebalance(s, admin_actor, campaign.id, i),
        "records list": lambda s, i: records.list_records(s, admin_actor, i),
        "dnc add": lambda s, i: dnc.add_dnc(s, admin_actor, "+573001112233", campaign_id=i),
        "user role": lambda s, i: users.set_role(s, admin_actor, i, "agent"),
        "work queue record": lambda s, i: work_queue.get_record(s, admin_actor, i),
        "work queue agent": lambda s, i: work_queue.list_queue(s, admin_actor, agent_id=i),
    }
    calls["report campaign"] = lambda s, i: reports.campaign_report(s, admin_actor, i, period)
    calls["report agent"] = lambda s, i: reports.agent_report(s, admin_actor, i, period)
    before = _counts(db)
    for what, call in calls.items():
        for value in HUGE:
            with db.session() as s, pytest.raises(NotFoundError, match=r"does not exist\.$") as caught:
                call(s, value)
            assert "\n" not in caught.value.user_message, what
    for value in HUGE:
        with pytest.raises(NotFoundError, match="does not exist"):
            imports.import_file(db, admin_actor, csv, value)
    assert _counts(db) == before


@pytest.mark.parametrize("bad", ["a\x00b", "line\nbreak", "esc\x1b[31m", "bidi\u202e", "lone\udcff"])
def test_nul_control_and_invalid_characters_through_the_services(db, admin_actor, make_agent, bad):
    before = _counts(db)
    with db.session() as s, pytest.raises(ValidationError):
        campaigns.create_campaign(s, admin_actor, name=bad)
    with db.session() as s, pytest.raises(ValidationError):
        agents.create_agent(s, admin_actor, name=bad, email="ok@example.com")
    with db.session() as s, pytest.raises(ValidationError):
        agents.create_agent(s, admin_actor, name="Ok", email=f"a{bad}@example.com")
    with db.session() as s, pytest.raises(ValidationError):
        agents.create_agent(s, admin_actor, name="Ok", email="ok@example.com", phone=f"300{bad}")
    with db.session() as s, pytest.raises(ValidationError):
        dispositions.create_disposition(s, admin_actor, name=bad)
    with db.session() as s, pytest.raises(ValidationError):
        users.update_profile(s, admin_actor, admin_actor.user_id, name=bad)
    for search in (lambda s: campaigns.list_campaigns(s, admin_actor, search=bad),
                   lambda s: agents.list_agents(s, admin_actor, search=bad),
                   lambda s: records.list_records(s, admin_actor, 1, flt=records.RecordFilter(search=bad))):
        with db.session() as s, pytest.raises(ValidationError):
            search(s)
    assert _counts(db) == before


def test_long_phone_is_refused_with_a_sentence(db, admin_actor):
    with db.session() as s, pytest.raises(ValidationError, match="at most 40 characters"):
        agents.create_agent(s, admin_actor, name="Ana", email="ana@example.com", phone="9" * 10_000)


def test_emails_with_bidi_override_or_emoji_are_refused(db, admin_actor):
    for email in ("a\u202e@x.test", "\U0001f680@x.test"):
        with db.session() as s, pytest.raises(ValidationError, match="not a valid e-mail|invisible or control"):
            agents.create_agent(s, admin_actor, name="Ana", email=email)


def test_like_wildcards_match_only_themselves_in_campaign_and_agent_search(db, admin_actor, make_campaign, make_agent):
    make_campaign("Spring 50% off")
    make_campaign("Spring 500 off")
    make_campaign("under_score")
    make_campaign("underXscore")
    make_agent(name="Ana_B", email="ana_b@example.com")
    make_agent(name="AnaXB", email="anaxb@example.com")
    with db.session() as s:
        assert [c.name for c in campaigns.list_campaigns(s, admin_actor, search="50%")] == ["Spring 50% off"]
        assert [c.name for c in campaigns.list_campaigns(s, admin_actor, search="under_")] == ["under_score"]
        assert campaigns.list_campaigns(s, admin_actor, search="%") == [] or all(
            "%" in c.name or "%" in c.description for c in campaigns.list_campaigns(s, admin_actor, search="%"))
        assert [a.name for a in agents.list_agents(s, admin_actor, search="Ana_")] == ["Ana_B"]
        assert [a.name for a in agents.list_agents(s, admin_actor, search="\\")] == []


def test_agent_cannot_list_the_dispositions_of_a_campaign_not_assigned(db, admin_actor, agent_actor, make_campaign):
    mine = make_campaign("Mine")
    other = make_campaign("Not mine")
    with db.session() as s:
        own = agents.get_for_user(s, agent_actor.user_id)
        assignments.assign(s, admin_actor, mine.id, [own.id])
        dispositions.create_disposition(s, admin_actor, campaign_id=other.id, name="Secret outcome")
        dispositions.create_disposition(s, admin_actor, campaign_id=mine.id, name="Our outcome")
    with db.session() as s, pytest.raises(NotFoundError, match=f"Campaign {other.id} does not exist"):
        campaigns.get_campaign(s, agent_actor, other.id)
    with db.session() as s, pytest.raises(NotFoundError, match=f"Campaign {other.id} does not exist"):
        dispositions.list_dispositions(s, agent_actor, campaign_id=other.id)
    with db.session() as s:
        names = [d.name for d in dispositions.list_dispositions(s, agent_actor, campaign_id=mine.id)]
        assert "Our outcome" in names and "Secret outcome" not in names
        assert "Secret outcome" in [d.name for d in dispositions.list_dispositions(s, admin_actor, campaign_id=other.id)]


def _throttle_keys(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(LoginThrottle.email_key)))


def test_unknown_login_identifiers_are_not_stored_as_typed(db, supervisor_actor):
    typed = "My Secret Passw0rd!"  # a password typed into the e-mail field
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            auth.login(db, typed, "anything at all")
    with db.session() as s:
        emails = set(s.scalars(select(AuditLog.actor_email).where(AuditLog.action.like("login.%"))))
        rows = s.execute(select(LoginThrottle.email_key, LoginThrottle.locked_until)).all()
        everything = s.execute(text("SELECT string_agg(t::text, ' ') FROM audit_log t")).scalar()
    assert emails == {"unknown"}
    assert typed.lower() not in everything.lower()
    assert len(rows) == 1 and rows[0].email_key.startswith("unknown:") and typed.lower() not in rows[0].email_key
    assert rows[0].locked_until is not None  # still throttled: five failures lock that identifier
    # Another unknown identifier has its own counter; a known user is keyed (and audited) by e-mail.
    with pytest.raises(AuthenticationError):
        auth.login(db, "other@nowhere.test", "anything at all")
    with pytest.raises(AuthenticationError):
        auth.login(db, supervisor_actor.email.upper(), "wrong password here")
    keys = _throttle_keys(db)
    assert len(keys) == 3 and supervisor_actor.email.lower() in keys
    assert auth.login(db, supervisor_actor.email, TEST_PASSWORD).user_id == supervisor_actor.user_id


@pytest.mark.parametrize("typed", ["a\x00b@x.test", "\udcff@x.test", "x" * 5000, "line\nbreak@x.test"])
def test_login_with_unstorable_identifiers_is_the_uniform_refusal(db, supervisor_actor, typed):
    with pytest.raises(AuthenticationError, match="incorrect"):
        auth.login(db, typed, "anything at all")
    assert all(k.startswith("unknown:") for k in _throttle_keys(db))


def test_audit_search_escapes_wildcards_and_refuses_nul(db, admin_actor):
    with db.session() as s:
        assert audit.list_entries(s, admin_actor, actor_email="%") == []
        with pytest.raises(ValidationError):
            audit.list_entries(s, admin_actor, actor_email="a\x00")


def test_log_warnings_reach_only_the_log_file(tmp_path, capfd):
    """A refused command prints one sentence; a warning logged on the way used to add a second line."""
    from welcomedly_desktop.logging_setup import configure_logging

    root = logging.getLogger()
    saved = list(root.handlers)
    try:
        path = configure_logging(tmp_path / "logs", verbose=False)
        logging.getLogger("welcomedly_desktop.test").warning("a warning for the file only")
        for handler in root.handlers:
            handler.flush()
        assert capfd.readouterr().err == ""
        assert "a warning for the file only" in path.read_text(encoding="utf-8")
        configure_logging(tmp_path / "logs", verbose=True)
        logging.getLogger("welcomedly_desktop.test").warning("shown with -v")
        assert "shown with -v" in capfd.readouterr().err
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "_welcomedly", False):
                root.removeHandler(handler)
                handler.close()
        for handler in saved:
            if handler not in root.handlers:
                root.addHandler(handler)


def test_campaign_list_escapes_control_characters_of_rows_written_before(db, admin_actor, make_campaign):
    """Rows from before the input rules (or written by other programs) cannot break the table."""
    from welcomedly_desktop import cli
    from welcomedly_desktop.cli.common import CliContext, print_table

    campaign = make_campaign("Plain")
    with db.session() as s:
        s.execute(text("UPDATE campaigns SET name = :n WHERE id = :i"),
                  {"n": "Evil\x1b[2J\nsecond line\u202e", "i": campaign.id})
        rows = [[c.id, c.name] for c in campaigns.list_campaigns(s, admin_actor)]
    out = io.StringIO()
    print_table(CliContext(cli.build_parser().parse_args(["campaign", "list"]), stdout=out), ["id", "name"], rows)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and "\x1b" not in out.getvalue() and "\u202e" not in out.getvalue()
    assert "\\u001b[2J\\u000asecond line\\u202e" in lines[2]


@pytest.fixture
def db_at_0004(pg_server, admin_uri, settings):
    import psycopg
    from alembic import command

    from welcomedly_desktop.db import schema
    from welcomedly_desktop.db.engine import Database

    from ..conftest import database_uri

    name = "wd_migration_0008"
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    database = Database(database_uri(pg_server, name), settings)
    cfg = schema.alembic_config(database.url)
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    yield database
    database.dispose()
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_migration_0008_scrubs_identifiers_stored_as_typed(db_at_0004):
    """What earlier versions stored (a password typed as the e-mail) is gone after the upgrade;
    the known user's rows stay as they were."""
    from welcomedly_desktop.db import schema

    with db_at_0004.engine.begin() as conn:
        conn.execute(text("INSERT INTO users (name, email, password_hash, role) VALUES ('Ana', 'Ana@x.test', 'h', 'admin')"))
        conn.execute(text("INSERT INTO login_throttle (email_key, failures) VALUES ('ana@x.test', 2), "
                          "('my secret passw0rd', 3)"))
        conn.execute(text("INSERT INTO audit_log (actor_user_id, actor_email, workstation, action, details) VALUES "
                          "(NULL, 'my secret passw0rd', 'ws', 'login.failure', '{}'), "
                          "(1, 'Ana@x.test', 'ws', 'login.failure', '{}'), "
                          "(NULL, 'someone', 'ws', 'user.create', '{}')"))
    schema.upgrade(db_at_0004)
    with db_at_0004.engine.connect() as conn:
        keys = set(conn.scalars(text("SELECT email_key FROM login_throttle")))
        emails = list(conn.scalars(text("SELECT actor_email FROM audit_log ORDER BY id")))
        secret = conn.scalar(text("SELECT secret FROM login_key WHERE id = 1"))
    assert keys == {"ana@x.test"}
    assert emails == ["unknown", "Ana@x.test", "someone"]
    assert secret is not None and len(secret) == 32
    with db_at_0004.engine.begin() as conn, pytest.raises(Exception, match="append-only|not allowed|refuse"):
        conn.execute(text("UPDATE audit_log SET actor_email = 'x'"))  # the trigger is back on


def test_invalid_utf8_password_is_refused_not_a_crash(db, admin_actor, supervisor_actor):
    """A password given as invalid UTF-8 ($WELCOMEDLY_PASSWORD with a stray byte) raised
    UnicodeEncodeError ("an unexpected error") before."""
    with pytest.raises(AuthenticationError, match="incorrect"):
        auth.login(db, supervisor_actor.email, "correct horse \udcff battery")
    with db.session() as s, pytest.raises(ValidationError, match="not valid text"):
        auth.register(s, admin_actor, email="new@example.com", name="New", role="agent",
                      password="a long password \udcff here")
