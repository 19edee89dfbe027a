"""Stored numbers shown the way people write them (records, work queue, exports), the campaign's own
country (services and ``welcomedly campaign --country``)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random

import openpyxl
import phonenumbers
import pytest

from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.importing import ImportOptions, phone_format
from welcomedly_desktop.reports.export import RECORD_COLUMNS
from welcomedly_desktop.services import campaigns, distribution, imports, org_settings, records, reports, work_queue

from tests.conftest import TEST_PASSWORD
from tests.importing.helpers import write_csv
from tests.phones.test_country_settings import run  # noqa: F401 - the CLI fixture

REGIONS = ["CO", "MX", "AR", "PE", "CL", "EC", "VE", "US", "ES", "BR", "IT", "DE", "GB", "UY", "DO", "GT"]


def _library(digits: str, national: bool) -> str:
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return digits
    kind = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, kind)


@pytest.mark.parametrize("region", REGIONS)
def test_fast_format_agrees_with_the_library(region):
    rng = random.Random(region)
    code = str(phonenumbers.country_code_for_region(region))
    samples = []
    for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE,
                 phonenumbers.PhoneNumberType.TOLL_FREE):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        nsn = phonenumbers.national_significant_number(example)
        for _ in range(300):
            keep = rng.randint(1, min(4, len(nsn)))
            length = len(nsn) + rng.choice((-2, -1, 0, 0, 0, 1))
            samples.append(code + nsn[:keep] + "".join(rng.choice("0123456789") for _ in range(max(0, length - keep))))
    for digits in samples:
        for national in (True, False):
            assert phone_format.format_stored(digits, national) == _library(digits, national), digits


def test_display_is_national_for_the_own_country_and_international_otherwise():
    assert phone_format.display_stored("573124900097", "57") == "312 4900097"
    assert phone_format.display_stored("13125550100", "57") == "+1 312-555-0100"
    assert phone_format.display_stored("+573124900097", None) == "+57 312 4900097"
    assert phone_format.display_stored("390612345678", "39") == _library("390612345678", True)  # Italy's 0
    assert phone_format.display_stored("80012345678", "57") == _library("80012345678", False)  # non-geographic
    assert phone_format.display_stored("not a phone", "57") == "not a phone"
    assert phone_format.display_stored(None, "57") == "" and phone_format.display_stored("", None) == ""


@pytest.fixture
def colombian(db, admin_actor, supervisor_actor, make_campaign, tmp_path):
    """A Colombian organization's campaign with a mobile, a fixed line, an unknown prefix and a US number."""
    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
    campaign = make_campaign("Leads CO")
    path = write_csv(tmp_path / "leads.csv", [
        ["nombre", "telefono", "otro"],
        ["Ana", "3124900097", "+1 312 555 0100"],
        ["Luis", "(601) 490 0097", ""],
        ["Eva", "3994900097", ""],
        ["Sara", "+1 312 555 0101", ""],
    ])
    options = ImportOptions(mapping={"name": "nombre", "phone": "telefono", "alt_phone": "otro"})
    summary = imports.import_file(db, supervisor_actor, path, campaign.id, options)
    assert summary.imported == 4
    return campaign


def test_records_carry_display_phones_and_line_types(db, supervisor_actor, colombian):
    with db.session() as session:
        rows = sorted(records.list_records(session, supervisor_actor, colombian.id), key=lambda r: r.source_row)
    assert [(r.phone, r.phone_display, r.line_type) for r in rows] == [
        ("573124900097", "312 4900097", "mobile"), ("576014900097", "(601) 4900097", "fixed"),
        ("573994900097", "3994900097", "unknown"), ("13125550101", "+1 312-555-0101", "fixed_or_mobile"),
    ]
    assert rows[0].alt_phone_display == "+1 312-555-0100" and rows[1].alt_phone_display == ""
    # The campaign's own country decides: for a US campaign the Colombian numbers are the foreign ones.
    with db.session() as session:
        campaigns.update_campaign(session, supervisor_actor, colombian.id, country="us")
        rows = sorted(records.list_records(session, supervisor_actor, colombian.id), key=lambda r: r.source_row)
    assert [r.phone_display for r in rows] == ["+57 312 4900097", "+57 601 4900097", "+57 3994900097",
                                              "(312) 555-0101"]


def test_records_export_keeps_e164_and_adds_display_columns(db, supervisor_actor, colombian, tmp_path):
    with db.session() as session:
        reports.export_records(session, supervisor_actor, colombian.id, "csv", tmp_path / "r.csv")
        reports.export_records(session, supervisor_actor, colombian.id, "xlsx", tmp_path / "r.xlsx")
    with open(tmp_path / "r.csv", newline="", encoding="utf-8-sig") as fh:
        header, *rows = list(csv.reader(fh))
    assert header[:len(RECORD_COLUMNS)] == RECORD_COLUMNS  # scripts' columns where they were
    assert header[len(RECORD_COLUMNS):len(RECORD_COLUMNS) + 3] == ["phone_display", "alt_phone_display", "line_type"]
    by_name = {r[2]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_name["Ana"]["phone"] == "573124900097" and by_name["Ana"]["phone_display"] == "312 4900097"
    assert by_name["Ana"]["alt_phone_display"] == "'+1 312-555-0100"  # CSV: a leading + stays neutralised
    assert by_name["Luis"]["line_type"] == "fixed" and by_name["Eva"]["line_type"] == "unknown"
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    xheader, *xrows = list(ws.iter_rows(values_only=True))
    xby_name = {r[2]: dict(zip(xheader, r, strict=True)) for r in xrows}
    assert xby_name["Sara"]["phone"] == "13125550101"
    assert xby_name["Sara"]["phone_display"] == "+1 312-555-0101"  # a text cell: no apostrophe needed
    assert xby_name["Ana"]["line_type"] == "mobile"


def test_work_queue_shows_each_campaigns_numbers(db, admin_actor, supervisor_actor, colombian, make_agent):
    agent = make_agent("Quinn Queue")
    from welcomedly_desktop.services import assignments

    with db.session() as session:
        campaigns.update_campaign(session, supervisor_actor, colombian.id, status="active")
        assignments.assign(session, supervisor_actor, colombian.id, [agent.id])
        distribution.distribute(session, supervisor_actor, colombian.id)
    with db.session() as session:
        queue = work_queue.list_queue(session, supervisor_actor, agent_id=agent.id,
                                      now=dt.datetime.now(dt.timezone.utc))
        item = work_queue.next_record(session, supervisor_actor, agent_id=agent.id)
    shown = {q.name: (q.phone, q.phone_display, q.line_type) for q in queue}
    assert shown["Ana"] == ("573124900097", "312 4900097", "mobile")
    assert shown["Sara"][1] == "+1 312-555-0101"
    assert item is not None and item.phone_display == org_settings.phone_for_display(item.phone, "CO")


def test_campaign_country_in_services_and_imports(db, supervisor_actor, make_campaign, tmp_path):
    with db.session() as session:
        view = campaigns.create_campaign(session, supervisor_actor, name="MX leads", country="mx")
        assert view.country == "MX" and view.to_dict()["country"] == "MX"
        with pytest.raises(ValidationError, match="'XX' is not a country code"):
            campaigns.create_campaign(session, supervisor_actor, name="Nowhere", country="XX")
    summary = imports.import_file(db, supervisor_actor, write_csv(tmp_path / "mx.csv", [["telefono"], ["55 1234 5678"]]),
                                  view.id)
    assert summary.imported == 1
    with db.session() as session:
        [row] = records.list_records(session, supervisor_actor, view.id)
        assert (row.phone, row.phone_display) == ("525512345678", "55 1234 5678")
        assert campaigns.update_campaign(session, supervisor_actor, view.id, country="").country is None
        assert campaigns.update_campaign(session, supervisor_actor, view.id, country="co").country == "CO"
        # A new country applies to the imports that follow; the stored number stays.
        assert records.list_records(session, supervisor_actor, view.id)[0].phone == "525512345678"


def test_cli_campaign_country(run):  # noqa: F811 - the fixture
    assert run("user", "add", "--email", "boss@example.com", "--name", "Boss", "--role", "admin",
               lang="es_CO.UTF-8", new_password=TEST_PASSWORD).returncode == 0
    added = run("campaign", "add", "--name", "Leads MX", "--country", "mx", "--json", user="boss@example.com")
    assert added.returncode == 0, added.stderr
    campaign = json.loads(added.stdout)
    assert campaign["country"] == "MX"
    bad = run("campaign", "add", "--name", "Nowhere", "--country", "XX", user="boss@example.com")
    assert bad.returncode == 1
    assert bad.stderr.strip() == ("welcomedly: 'XX' is not a country code; use the two letters of ISO 3166 "
                                  "(for example CO).")
    bad_update = run("campaign", "update", str(campaign["id"]), "--country", "Colombia", user="boss@example.com")
    assert bad_update.returncode == 1 and "'Colombia' is not a country code" in bad_update.stderr
    changed = run("campaign", "update", str(campaign["id"]), "--country", "CO", user="boss@example.com")
    assert changed.returncode == 0 and "country:     CO" in changed.stdout
    shown = run("campaign", "show", str(campaign["id"]), "--json", user="boss@example.com")
    assert json.loads(shown.stdout)["country"] == "CO"
    cleared = run("campaign", "update", str(campaign["id"]), "--country", "", "--json", user="boss@example.com")
    assert cleared.returncode == 0 and json.loads(cleared.stdout)["country"] is None
    listed = run("campaign", "list", "--json", user="boss@example.com")
    assert [c["country"] for c in json.loads(listed.stdout)] == [None]


def test_do_not_call_number_is_shown_as_written(db, admin_actor, supervisor_actor, make_campaign, run):  # noqa: F811
    from welcomedly_desktop.services import dnc

    campaign = make_campaign("Leads US", country="US")
    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
        added = dnc.add_dnc(session, supervisor_actor, "312 490 0097")
        assert (added.phone, added.phone_display) == ("573124900097", "312 4900097")
        # For a US campaign the Colombian number is a foreign one.
        there = dnc.add_dnc(session, supervisor_actor, "+57 312 490 0097", campaign_id=campaign.id)
        assert there.phone_display == "+57 312 4900097" and there.to_dict() == {"phone": "573124900097", "campaign_id": campaign.id, "added": True}
    again = run("dnc", "add", "3124900097", user=admin_actor.email)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "312 4900097 is already on the global do-not-call list."
