"""The organization's country: settings CLI, first user from the OS locale, imports read by it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import select

from welcomedly_desktop.db.models import CampaignRecord
from welcomedly_desktop.errors import PermissionDenied, ValidationError
from welcomedly_desktop.services import imports, org_settings, upload_rejects, upload_warnings

from tests.conftest import TEST_PASSWORD
from tests.importing.helpers import write_csv


@pytest.fixture
def run(cli_env):
    def _run(*args: str, user: str | None = None, lang: str | None = None, new_password: str | None = None):
        env = dict(cli_env, WELCOMEDLY_PASSWORD=TEST_PASSWORD)
        for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
            env.pop(key, None)
        if lang:
            env["LANG"] = lang
        if user:
            env["WELCOMEDLY_USER"] = user
        if new_password:
            env["WELCOMEDLY_NEW_PASSWORD"] = new_password
        result = subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=env, capture_output=True,
                                text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    return _run


def test_first_user_add_takes_the_country_of_the_os_locale(run):
    first = run("user", "add", "--email", "boss@example.com", "--name", "Boss", "--role", "admin",
                lang="es_CO.UTF-8", new_password=TEST_PASSWORD)
    assert first.returncode == 0, first.stderr
    got = run("settings", "get", "country", "--json", user="boss@example.com")
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout) == {"key": "country", "value": "CO"}
    # A second user does not change it, whatever their locale.
    second = run("user", "add", "--email", "sup@example.com", "--name", "Sup", "--role", "supervisor",
                 lang="es_MX.UTF-8", user="boss@example.com", new_password=TEST_PASSWORD)
    assert second.returncode == 0, second.stderr
    assert run("settings", "get", "country", user="boss@example.com").stdout.strip() == "CO"


def test_settings_set_country_and_timezone_admins_only(run):
    assert run("user", "add", "--email", "boss@example.com", "--name", "Boss", "--role", "admin",
               lang="C", new_password=TEST_PASSWORD).returncode == 0
    assert run("settings", "get", "country", user="boss@example.com").stdout.strip() == ""  # "C": no country
    changed = run("settings", "set", "country", "mx", "--json", user="boss@example.com")
    assert changed.returncode == 0, changed.stderr
    assert json.loads(changed.stdout) == {"key": "country", "value": "MX"}
    zone = run("settings", "set", "timezone", "America/Bogota", user="boss@example.com")
    assert zone.returncode == 0 and zone.stdout.strip() == "timezone: America/Bogota"
    bad = run("settings", "set", "country", "XX", user="boss@example.com")
    assert bad.returncode == 1
    assert bad.stderr.strip() == ("welcomedly: 'XX' is not a country code; use the two letters of ISO 3166 "
                                  "(for example CO).")
    bad_zone = run("settings", "set", "timezone", "Mars/Olympus", user="boss@example.com")
    assert bad_zone.returncode == 1 and "is not a time zone" in bad_zone.stderr
    usage = run("settings", "get", "colour", user="boss@example.com")
    assert usage.returncode == 2
    assert run("user", "add", "--email", "sup@example.com", "--name", "Sup", "--role", "supervisor",
               user="boss@example.com", new_password=TEST_PASSWORD).returncode == 0
    refused = run("settings", "set", "country", "CO", user="sup@example.com")
    assert refused.returncode == 1 and refused.stderr.startswith("welcomedly: ")
    assert run("settings", "get", "country", user="sup@example.com").stdout.strip() == "MX"


def test_locale_names():
    assert org_settings.country_from_locale("es_CO.UTF-8") == "CO"
    assert org_settings.country_from_locale("es-MX") == "MX"
    assert org_settings.country_from_locale("en_US@euro") == "US"
    assert org_settings.country_from_locale("C.UTF-8") is None
    assert org_settings.country_from_locale("es") is None


def test_colombian_import_stores_57_with_line_types_and_warnings(db, admin_actor, supervisor_actor, make_campaign, tmp_path):
    campaign = make_campaign("Leads CO")
    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
    path = write_csv(tmp_path / "leads.csv", [
        ["nombre", "telefono"],
        ["Ana", "3124900097"],          # a mobile
        ["Luis", "(601) 490 0097"],     # a Bogota fixed line
        ["Eva", "3994900097"],          # right length, no operator has 399: a warning
        ["Iván", "312490009"],          # 9 digits: impossible, rejected
        ["Sara", "+1 312 555 0100"],    # international, kept as written
    ])
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    assert (summary.imported, summary.rejected, summary.warnings) == (4, 1, 1)
    with db.session() as session:
        rows = session.execute(select(CampaignRecord.name, CampaignRecord.phone, CampaignRecord.line_type)
                               .order_by(CampaignRecord.source_row)).all()
        assert [tuple(r) for r in rows] == [
            ("Ana", "573124900097", "mobile"), ("Luis", "576014900097", "fixed"),
            ("Eva", "573994900097", "unknown"), ("Sara", "13125550100", "fixed_or_mobile"),
        ]
        assert imports.get_upload(session, supervisor_actor, summary.upload_id).warnings == summary.warnings
        warned = upload_warnings.list_warnings(session, supervisor_actor, summary.upload_id)
        assert [w.source_row for w in warned][:1] == [4]
        assert warned[0].reason == ("imported with a warning: the number 3994900097 has the right length but is "
                                    "unknown to the numbering plan")
        [reject] = upload_rejects.list_rejects(session, supervisor_actor, summary.upload_id)
        assert reject.raw_row["telefono"] == "312490009"  # the file's own text
        assert reject.reason == "phone '312490009' has 9 digits; a phone number of +57 has 8, 10 or 11"


def test_campaign_country_overrides_the_organization(db, admin_actor, supervisor_actor, make_campaign, tmp_path):
    campaign = make_campaign("Leads MX")
    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
        org_settings.set_campaign_country(session, supervisor_actor, campaign.id, "MX")
    path = write_csv(tmp_path / "mx.csv", [["telefono"], ["55 1234 5678"]])
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    assert summary.imported == 1
    with db.session() as session:
        assert session.scalar(select(CampaignRecord.phone)) == "525512345678"
        with pytest.raises(ValidationError):
            org_settings.set_campaign_country(session, supervisor_actor, campaign.id, "ZZ")
        with pytest.raises(PermissionDenied):
            org_settings.set_country(session, supervisor_actor, "CO")


def test_existing_records_are_not_rewritten(db, admin_actor, supervisor_actor, make_campaign, tmp_path):
    """A database of before reads national numbers with the workstation's calling code until a
    country is chosen; choosing one changes new imports only."""
    campaign = make_campaign("Leads")
    first = imports.import_file(db, supervisor_actor, write_csv(tmp_path / "a.csv", [["telefono"], ["3124900097"]]),
                                campaign.id)
    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
    second = imports.import_file(db, supervisor_actor, write_csv(tmp_path / "b.csv", [["telefono"], ["3124900098"]]),
                                 campaign.id)
    with db.session() as session:
        phones = dict(session.execute(select(CampaignRecord.upload_id, CampaignRecord.phone)).all())
    assert phones == {first.upload_id: "13124900097", second.upload_id: "573124900098"}


def test_do_not_call_numbers_are_read_in_the_organizations_country(db, admin_actor, supervisor_actor, make_campaign,
                                                                    tmp_path):
    from welcomedly_desktop.services import dnc

    campaign = make_campaign("Leads DNC")
    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
        assert dnc.add_dnc(session, supervisor_actor, "312 490 0097").phone == "573124900097"
    summary = imports.import_file(db, supervisor_actor, write_csv(tmp_path / "c.csv", [["telefono"], ["3124900097"]]),
                                  campaign.id)
    assert (summary.imported, summary.dnc) == (0, 1)
