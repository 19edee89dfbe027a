"""Which language the program speaks, and the Qt-free lookup the core and the CLI use."""

from __future__ import annotations

import json

import pytest

from welcomedly_desktop import i18n
from welcomedly_desktop.config import load_settings


class Environment:
    """monkeypatch.setenv, then the program reads the language variables again (as at a start)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def setenv(self, name: str, value: str) -> None:
        self.monkeypatch.setenv(name, value)
        i18n.reload_environment()


@pytest.fixture
def no_language(monkeypatch):
    """Nothing chosen: no override, no WELCOMEDLY_LANG, no settings, an English OS."""
    for var in ("WELCOMEDLY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.reload_environment()
    i18n.set_language(None)
    i18n.apply_settings(None)
    yield Environment(monkeypatch)
    i18n.set_language(None)
    i18n.apply_settings(None)
    monkeypatch.undo()
    i18n.reload_environment()


def test_the_environment_is_read_once_until_reloaded(no_language):
    no_language.monkeypatch.setenv("WELCOMEDLY_LANG", "es")
    assert i18n.current_language() == "en"
    i18n.reload_environment()
    assert i18n.current_language() == "es"


@pytest.mark.parametrize(("tag", "expected"), [
    ("es_CO.UTF-8", "es"), ("es_MX", "es"), ("es-AR", "es"), ("es", "es"), ("Spanish_Colombia.1252", "es"),
    ("en_US.UTF-8", "en"), ("C", None), ("POSIX", None), ("fr_FR.UTF-8", None), ("", None), (None, None),
])
def test_normalize_language(tag, expected):
    assert i18n.normalize_language(tag) == expected


def test_the_os_locale_decides_when_nothing_is_set(no_language):
    assert i18n.current_language() == "en"
    no_language.setenv("LANG", "es_CO.UTF-8")
    assert i18n.current_language() == "es"
    assert i18n.current_locale_tag() == "es_CO"
    no_language.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL wins over LANG, as in the C library
    assert i18n.current_language() == "en"


def test_settings_file_then_environment_then_explicit_choice(no_language, tmp_path):
    no_language.setenv("LANG", "en_US.UTF-8")
    (tmp_path / "settings.json").write_text(json.dumps({"language": "es"}), encoding="utf-8")
    settings = load_settings(data_dir=tmp_path)
    assert settings.language == "es"
    i18n.apply_settings(settings)
    assert i18n.current_language() == "es"
    no_language.setenv("WELCOMEDLY_LANG", "en")
    assert i18n.current_language() == "en"
    i18n.set_language("es")
    assert i18n.current_language() == "es"


def test_an_unknown_language_falls_back_to_the_os_then_english(no_language):
    no_language.setenv("WELCOMEDLY_LANG", "fr")
    no_language.setenv("LANG", "es_PE.UTF-8")
    assert i18n.current_language() == "es"
    no_language.setenv("LANG", "de_DE.UTF-8")
    assert i18n.current_language() == "en"


def test_translate_in_spanish_and_english(no_language):
    no_language.setenv("WELCOMEDLY_LANG", "es")
    assert i18n.translate("services", "Campaign {campaign_id} does not exist.").format(campaign_id=7) == \
        "La campaña 7 no existe."
    # A string nobody translated (or a context lupdate never saw) comes back as it is.
    assert i18n.translate("services", "Not in any catalogue") == "Not in any catalogue"
    no_language.setenv("WELCOMEDLY_LANG", "en")
    assert i18n.translate("services", "Campaign {campaign_id} does not exist.") == "Campaign {campaign_id} does not exist."


def test_module_level_tr_helpers_are_found_under_the_empty_context(no_language):
    """lupdate files a module-level ``tr()`` helper's strings under the empty context."""
    no_language.setenv("WELCOMEDLY_LANG", "es")
    assert i18n.translate("AppController", "Database not available") == "Base de datos no disponible"


def test_unfinished_entries_are_not_used(tmp_path, no_language):
    (tmp_path / "welcomedly_es.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="es">'
        "<context><name>c</name>"
        "<message><source>Done</source><translation>Listo</translation></message>"
        '<message><source>Later</source><translation type="unfinished">Luego</translation></message>'
        '<message numerus="yes"><source>%n rows</source><translation>'
        "<numerusform>%n fila</numerusform><numerusform>%n filas</numerusform></translation></message>"
        "</context></TS>", encoding="utf-8")
    catalogue = i18n.load_catalogue("es", str(tmp_path))
    assert catalogue[("c", "Done")] == "Listo"
    assert ("c", "Later") not in catalogue
    assert catalogue[("c", "%n rows")] == ("%n fila", "%n filas")


def test_import_rejection_reasons_follow_the_language(no_language):
    from welcomedly_desktop.importing.normalize import normalize_email, normalize_phone

    no_language.setenv("WELCOMEDLY_LANG", "es")
    assert normalize_phone("12-34", "57") == (None, "'12-34' tiene 4 dígitos; un número de teléfono de +57 tiene 8, 10 o 11")
    assert normalize_phone("31A4900097", "57")[1] == "'31A4900097' contiene letras"
    assert normalize_email("no-es-correo")[1] == "'no-es-correo' no es un correo electrónico válido"
    no_language.setenv("WELCOMEDLY_LANG", "en")
    assert normalize_phone("12-34", "57")[1] == "'12-34' has 4 digits; a phone number of +57 has 8, 10 or 11"


def test_report_tables_titles_and_headers_in_spanish(no_language):
    import datetime as dt

    from welcomedly_desktop.reports.model import Period
    from welcomedly_desktop.reports.tables import format_cell, RATIO, SECONDS

    no_language.setenv("WELCOMEDLY_LANG", "es_CO")
    period = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31), "America/Bogota")
    assert period.label() == "01/03/2026 a 31/03/2026 (America/Bogota)"
    assert format_cell(1234567, "number") == "1.234.567"
    assert format_cell(0.4567, RATIO) == "45,7\u00a0%"
    assert format_cell(966046, SECONDS) == "268:20:46"
    assert format_cell(True, "text") == "sí"
