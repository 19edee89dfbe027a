"""Numbers, percentages, dates and the one duration format, by locale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from welcomedly_desktop.formatting import (
    format_date,
    format_datetime,
    format_duration,
    format_number,
    format_percent,
    parse_date,
)


@pytest.mark.parametrize(("value", "decimals", "tag", "expected"), [
    (1234567, 0, "es_CO", "1.234.567"),
    (1234567, 0, "es_MX", "1,234,567"),
    (1234567, 0, "en", "1,234,567"),
    (1234.5, 2, "es_CO", "1.234,50"),
    (1234.5, 2, "en_US", "1,234.50"),
    (-9876543.215, 2, "es", "-9.876.543,22"),
    (999, 0, "es", "999"),
    (0, 1, "es", "0,0"),
    (Decimal("1000000"), 0, "es_AR", "1.000.000"),
    (2.5, 0, "en", "3"),  # half up, as people round, not banker's rounding
])
def test_format_number(value, decimals, tag, expected):
    assert format_number(value, decimals, tag=tag) == expected


def test_format_number_of_nothing_is_empty():
    assert format_number(None) == "" and format_percent(None) == "" and format_duration(None) == ""


@pytest.mark.parametrize(("ratio", "tag", "expected"), [
    (0.4567, "es_CO", "45,7\u00a0%"),
    (0.4567, "en", "45.7%"),
    (1, "es", "100,0\u00a0%"),
    (0.00049, "en", "0.0%"),
])
def test_format_percent(ratio, tag, expected):
    assert format_percent(ratio, tag=tag) == expected


@pytest.mark.parametrize(("seconds", "expected"), [
    (0, "0:00:00"), (59.6, "0:01:00"), (330, "0:05:30"), (3600, "1:00:00"),
    (966046, "268:20:46"),  # hours are not wrapped at a day: call time adds up over weeks
    (dt.timedelta(hours=25, seconds=1), "25:00:01"), (-61, "-0:01:01"),
])
def test_one_duration_format(seconds, expected):
    assert format_duration(seconds) == expected


def test_dates_by_locale_and_back():
    day = dt.date(2026, 12, 4)
    assert format_date(day, tag="es_CO") == "04/12/2026"
    assert format_date(day, tag="en") == "2026-12-04"
    assert format_datetime(dt.datetime(2026, 12, 4, 9, 5), tag="es") == "04/12/2026 09:05"
    assert parse_date("04/12/2026", tag="es") == day
    assert parse_date("2026-12-04", tag="es") == day  # ISO is accepted in every language
    with pytest.raises(ValueError):
        parse_date("12/31/2026", tag="es")


def test_translated_templates_write_numbers_as_the_language_does():
    """Templates keep Python's specs ({n:,}, {s:.1f}); formatted in Spanish they use its separators
    (the import dialog's summary, the records count, CLI sentences), in English nothing changes."""
    from welcomedly_desktop import i18n

    template = "{n:,} rows in {s:.1f} s; upload {upload_id}; {mb:,.1f} MB; {flag}"
    values = dict(n=1840, s=2.5, upload_id=12345, mb=1234.56, flag=True)
    try:
        i18n.set_language("es")
        assert i18n.localized(template).format(**values) == "1.840 rows in 2,5 s; upload 12345; 1.234,6 MB; True"
        translated = i18n.translate("cli", "Wrote {count:,} rejected rows and {warnings:,} rows imported with a warning to {out}.")
        assert translated.format(count=12000, warnings=1500, out="x.csv") == \
            "Se escribieron 12.000 filas rechazadas y 1.500 filas importadas con advertencia en x.csv."
        i18n.set_language("en")
        assert i18n.localized(template).format(**values) == "1,840 rows in 2.5 s; upload 12345; 1,234.6 MB; True"
    finally:
        i18n.set_language(None)



def test_list_pages_write_dates_as_the_language_does():
    """The list pages' cells (gui/models/table_model.format_value): Spanish day/month/year, English
    ISO, in the workstation's time zone without seconds."""
    from welcomedly_desktop import i18n
    from welcomedly_desktop.gui.models.table_model import format_value

    moment = dt.datetime(2026, 12, 4, 15, 7, 9, tzinfo=dt.timezone.utc)
    local = moment.astimezone()
    try:
        i18n.set_language("es")
        assert format_value(dt.date(2026, 12, 4)) == "04/12/2026"
        assert format_value(moment) == f"{local:%d/%m/%Y %H:%M}"
        i18n.set_language("en")
        assert format_value(dt.date(2026, 12, 4)) == "2026-12-04"
        assert format_value(moment) == f"{local:%Y-%m-%d %H:%M}"
    finally:
        i18n.set_language(None)


def test_charts_write_short_dates_as_the_language_does():
    from welcomedly_desktop.formatting import format_day_month, qt_day_month_pattern

    day = dt.date(2026, 12, 4)
    assert (format_day_month(day, tag="es_CO"), qt_day_month_pattern(tag="es_CO")) == ("04/12", "dd/MM")
    assert (format_day_month(day, tag="en"), qt_day_month_pattern(tag="en")) == ("12-04", "MM-dd")
