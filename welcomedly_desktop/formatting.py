"""Numbers, percentages, dates and durations as the current language writes them (no Qt).

One duration format everywhere: hours:minutes:seconds (``268:20:46``), hours not wrapped at 24,
because supervisors add call times up over weeks.  Separators follow the locale: Spanish uses
``1.234.567,5`` except in the countries that write ``1,234,567.5`` (Mexico, Central America, the
Caribbean, the US); English uses ``1,234,567.5``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from welcomedly_desktop import i18n

#: Spanish-speaking countries whose decimal mark is a point (CLDR).
_POINT_DECIMAL_COUNTRIES = frozenset({"MX", "US", "GT", "HN", "NI", "SV", "PA", "DO", "PR", "CU", "PE"})


@dataclass(frozen=True)
class NumberStyle:
    group: str
    decimal: str
    percent: str  # how "%" follows the number
    date: str  # strftime pattern of a date
    time: str = "%H:%M"


ENGLISH = NumberStyle(group=",", decimal=".", percent="%", date="%Y-%m-%d")
SPANISH = NumberStyle(group=".", decimal=",", percent="\u00a0%", date="%d/%m/%Y")
SPANISH_POINT = NumberStyle(group=",", decimal=".", percent="\u00a0%", date="%d/%m/%Y")


_current: tuple[int, NumberStyle] | None = None  # (i18n.generation, its style)


def style_for(tag: str | None = None) -> NumberStyle:
    """The style of a locale tag (``es_CO``, ``es_MX``, ``en``); default: the current language."""
    global _current
    if tag:
        return _style(tag)
    current = _current
    if current is not None and current[0] == i18n.generation:
        return current[1]  # a report formats every cell: one global read, not the locale resolved again
    generation = i18n.generation
    style = _style(i18n.current_locale_tag())
    _current = (generation, style)
    return style


@lru_cache(maxsize=64)
def _style(tag: str) -> NumberStyle:
    language, _, country = tag.replace("-", "_").partition("_")
    if language.lower() != "es":
        return ENGLISH
    return SPANISH_POINT if country.upper() in _POINT_DECIMAL_COUNTRIES else SPANISH


def format_number(value: float | int | Decimal | None, decimals: int = 0, *, tag: str | None = None) -> str:
    """``1234567`` -> ``1.234.567`` (es) / ``1,234,567`` (en); None -> empty text."""
    if value is None:
        return ""
    style = style_for(tag)
    if decimals == 0 and isinstance(value, int):  # the common case (counts), without Decimal
        text = f"{value:,}"
        return text if style.group == "," else text.replace(",", style.group)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = style.group.join(groups)
    if decimals > 0:
        text += style.decimal + fraction.ljust(decimals, "0")[:decimals]
    return sign + text


def format_percent(ratio: float | None, decimals: int = 1, *, tag: str | None = None) -> str:
    """A ratio (0.4567) as a percentage: ``45,7 %`` (es) / ``45.7%`` (en); None -> empty text."""
    if ratio is None:
        return ""
    return format_number(ratio * 100, decimals, tag=tag) + style_for(tag).percent


def format_duration(seconds: float | int | dt.timedelta | None) -> str:
    """``H:MM:SS`` with hours not wrapped at 24 (``268:20:46``); None -> empty text."""
    if seconds is None:
        return ""
    if isinstance(seconds, dt.timedelta):
        seconds = seconds.total_seconds()
    if isinstance(seconds, int):
        total = seconds  # the common case (sums of whole seconds): no Decimal
    else:
        exact = seconds if isinstance(seconds, Decimal) else Decimal(str(seconds))
        total = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"


def format_date(value: dt.date | dt.datetime | None, *, tag: str | None = None) -> str:
    """``04/12/2026`` (es) / ``2026-12-04`` (en); None -> empty text."""
    if value is None:
        return ""
    return _date_text(value, style_for(tag).date)


def _date_text(value: dt.date, pattern: str) -> str:
    # The two patterns in use without strftime, which is slow in the app: CPython's strftime imports
    # the time module on every call, through PySide's import hook (a report formats thousands).
    if pattern == "%d/%m/%Y":
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if pattern == "%Y-%m-%d":
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return value.strftime(pattern)


def format_day_month(value: dt.date, *, tag: str | None = None) -> str:
    """A chart's short date: ``04/12`` (es, day first) / ``12-04`` (en, as ISO without the year)."""
    if style_for(tag).date.startswith("%d"):
        return f"{value.day:02d}/{value.month:02d}"
    return f"{value.month:02d}-{value.day:02d}"


def qt_day_month_pattern(*, tag: str | None = None) -> str:
    """The same as a Qt date-axis pattern (QDateTimeAxis.setFormat)."""
    return "dd/MM" if style_for(tag).date.startswith("%d") else "MM-dd"


def format_datetime(value: dt.datetime | None, *, tag: str | None = None) -> str:
    """Date and time to the minute, in the value's own time zone (convert before calling)."""
    if value is None:
        return ""
    style = style_for(tag)
    if style.time == "%H:%M":
        return f"{_date_text(value, style.date)} {value.hour:02d}:{value.minute:02d}"
    return value.strftime(f"{style.date} {style.time}")


def parse_date(text: str, *, tag: str | None = None) -> dt.date:
    """The inverse of :func:`format_date`; ISO ``YYYY-MM-DD`` is accepted in every language."""
    text = text.strip()
    for pattern in (style_for(tag).date, "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


__all__ = [
    "NumberStyle",
    "format_date",
    "format_datetime",
    "format_day_month",
    "format_duration",
    "format_number",
    "format_percent",
    "parse_date",
    "qt_day_month_pattern",
    "style_for",
]
