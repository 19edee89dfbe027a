"""Phone/e-mail rules and column-mapping guesses (pure functions)."""

from __future__ import annotations

import pytest

from welcomedly_desktop.errors import ImportFileError, ValidationError
from welcomedly_desktop.importing.mapping import guess_mapping, resolve_mapping
from welcomedly_desktop.importing.normalize import RowLayout, make_row_processor, normalize_email, normalize_phone


# The country is an ISO code since issue 18 (a calling code of old settings, "1", is read as its
# main country); numbers are judged by the country's numbering plan (importing/phones.py).
@pytest.mark.parametrize("raw, cc, expected", [
    ("3124900097", "CO", "573124900097"),          # national: country code added
    ("(312) 490-0097", "CO", "573124900097"),
    ("312.490.0097", "1", "13124900097"),
    ("+57 312 490 0097", "US", "573124900097"),     # international: kept as written
    ("0057 312 490 0097", "US", "573124900097"),
    ("573124900097", "CO", "573124900097"),         # national with its own country code
    ("020 7946 0018", "GB", "442079460018"),        # trunk 0 dropped
    ("3124900097.0", "CO", "573124900097"),         # spreadsheet float artefact
    ("6014900097", "CO", "576014900097"),           # a Bogota fixed line
    ("  3124900097 ", "CO", "573124900097"),
    ("312_490_0097", "CO", "573124900097"),
    ("3994900097", "CO", "573994900097"),           # possible, unknown to the plan: kept (a warning)
])
def test_valid_phones(raw, cc, expected):
    assert normalize_phone(raw, cc) == (expected, None)


@pytest.mark.parametrize("raw, words", [
    ("", "empty"),
    ("490009", "6 digits"),
    ("312490009", "9 digits; a phone number of +57 has 8, 10 or 11"),
    ("+1234567890123456", "15 digits after +1"),
    ("4900097", "7 digits"),                        # a local number, without its area code
    ("3.12E+09", "scientific notation"),
    ("312-490-0097 ext 5", "letters"),
    ("call me", "letters"),
    ("=1+1", "2 digits"),
    ("+0312 490 0097", "no country code"),
    ("000312 490 0097", "no country code"),
])
def test_invalid_phones(raw, words):
    digits, reason = normalize_phone(raw, "CO")
    assert digits is None and words in reason


def test_unknown_country_is_refused():
    # Was test_country_code_overflow: a calling code "123456" could overflow 15 digits; a country
    # is now an ISO code (or a known calling code) and anything else is refused.
    from welcomedly_desktop.importing.phones import UnknownCountry
    with pytest.raises(UnknownCountry):
        normalize_phone("3124900097", "123456")


def test_email_rules():
    assert normalize_email(" Ana.Perez@Example.COM ") == ("ana.perez@example.com", None)
    assert normalize_email("") == (None, None)
    for bad in ("ana@", "ana@example", "a b@example.com", "@example.com", "ana@@example.com", "x" * 250 + "@e.com"):
        assert normalize_email(bad)[0] is None, bad


def test_guess_spanish_and_english_headers():
    assert guess_mapping(["Nombre", "Teléfono", "Celular", "Correo Electrónico", "Cédula", "Ciudad"]) == {
        "name": "Nombre", "phone": "Teléfono", "alt_phone": "Celular", "email": "Correo Electrónico",
        "external_id": "Cédula",
    }
    assert guess_mapping(["Customer ID", "Full Name", "Mobile", "Home Phone", "E-mail"]) == {
        "external_id": "Customer ID", "name": "Full Name", "phone": "Mobile", "alt_phone": "Home Phone",
        "email": "E-mail",
    }


def test_resolve_prefers_explicit_then_saved():
    columns = ["Nombre", "Tel A", "Tel B"]
    with pytest.raises(ImportFileError, match="phone number"):
        resolve_mapping(columns)
    saved = {"phone": "tel b", "name": "Nombre"}
    assert resolve_mapping(columns, saved=saved) == {"name": "Nombre", "phone": "Tel B"}
    assert resolve_mapping(columns, saved=saved, explicit={"phone": "Tel A", "alt_phone": "Tel B"}) == {
        "name": "Nombre", "phone": "Tel A", "alt_phone": "Tel B"}
    # A saved mapping naming a column this file lacks is ignored (guesses take over).
    assert resolve_mapping(["Nombre", "Telefono"], saved={"phone": "Movil"}) == {"name": "Nombre", "phone": "Telefono"}
    with pytest.raises(ValidationError):
        resolve_mapping(columns, explicit={"phone": "Missing"})


def test_row_processor_reasons_extra_and_formula_text():
    columns = ["nombre", "telefono", "correo", "ciudad", "nota"]
    layout = RowLayout.from_mapping(columns, {"name": "nombre", "phone": "telefono", "email": "correo"})
    process = make_row_processor(layout, "57")
    row, ok = process(2, ["=HYPERLINK(\"http://x\")", "3124900097", "", "Bogotá", "a \"quoted\", note"])
    assert ok
    assert row[1] == "573124900097" and row[2] == "=HYPERLINK(\"http://x\")"
    import json
    assert json.loads(row[6]) == {"ciudad": "Bogotá", "nota": "a \"quoted\", note"}
    row, ok = process(3, ["Ana", "12", "bad@", "", "", "surplus"])
    assert not ok
    assert row[7] == [None, "telefono", "correo"]
    assert row[8][0] == "the row has 6 cells but the file has 5 columns"
    assert json.loads(row[9])["telefono"] == "12"
    row, ok = process(4, ["Ana", "3124900097"])  # short rows are padded
    assert ok and row[6] == "{}"


def test_import_switch_interval_is_restored_after_nested_use():
    import sys

    import pytest

    from welcomedly_desktop import __main__ as entry

    before = sys.getswitchinterval()
    short = pytest.approx(entry.IMPORT_SWITCH_INTERVAL, rel=1e-3)  # stored in microseconds
    with entry.short_switch_interval():
        assert sys.getswitchinterval() == short
        with entry.short_switch_interval():
            pass
        assert sys.getswitchinterval() == short  # the other import still runs
    assert sys.getswitchinterval() == pytest.approx(before, rel=1e-3)


def test_the_entry_point_tunes_imports_and_the_library_alone_does_not(monkeypatch):
    """Process-wide settings are the program's choice (__main__), applied around each load."""
    import contextlib
    import sys

    import pytest

    from welcomedly_desktop import __main__ as entry
    from welcomedly_desktop.importing import tuning

    monkeypatch.setattr(tuning, "_on_load_start", tuning._nothing)  # as in a process that chose nothing
    monkeypatch.setattr(tuning, "_while_loading", contextlib.nullcontext)
    before = sys.getswitchinterval()
    with tuning.loading():
        assert sys.getswitchinterval() == pytest.approx(before, rel=1e-3)
    entry.tune_process_for_import()
    with tuning.loading():
        assert sys.getswitchinterval() == pytest.approx(entry.IMPORT_SWITCH_INTERVAL, rel=1e-3)
    assert sys.getswitchinterval() == pytest.approx(before, rel=1e-3)


def test_a_load_runs_the_registered_tuning_once(db, supervisor_actor, campaign, tmp_path, monkeypatch):
    import contextlib

    from tests.importing.helpers import write_csv
    from welcomedly_desktop.importing import tuning
    from welcomedly_desktop.services import imports

    calls = []

    @contextlib.contextmanager
    def while_loading():
        calls.append("enter")
        yield
        calls.append("exit")

    monkeypatch.setattr(tuning, "_on_load_start", lambda: calls.append("start"))
    monkeypatch.setattr(tuning, "_while_loading", while_loading)
    path = write_csv(tmp_path / "t.csv", [["nombre", "telefono"], ["Ana", "3124900097"], ["Luis", "3001234567"]])
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    assert summary.imported == 2
    assert calls == ["start", "enter", "exit"]
