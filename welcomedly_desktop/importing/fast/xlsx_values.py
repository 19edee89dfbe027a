"""Cell values of a worksheet's XML as calamine reads them: text nodes, numbers, dates, number formats.

What calamine does, measured on python-calamine 0.9 (``tests/importing/test_xlsx_batches.py``
compares both readers):

* ``<is><t>`` and shared-string text: line ends normalised (CR LF and CR become LF), entities and
  character references replaced, then XML white space trimmed from both ends unless the ``<t>`` has
  ``xml:space="preserve"``, then ``_xHHHH_`` escapes replaced (not surrogates); the runs of rich text
  joined, phonetic runs (``<rPh>``) left out.
* ``t="str"`` (a formula's text): the same without trimming.
* Numbers are floats: an integer below 1e16 reads as its digits, anything else as Python's repr
  (``cell_text``); a number in a date or time format reads as a date, a datetime or a time
  (:func:`date_texts`).  Durations, dates counted from 1904, error cells and formats this reader
  cannot place are left to calamine.
"""

from __future__ import annotations

import re

import numpy as np

from welcomedly_desktop.importing.fast.batch import FastPathUnsuitable
from welcomedly_desktop.importing.sheet_reader import cell_text

_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_X_ESCAPE = re.compile(r"_x([0-9a-fA-F]{4})_")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _entity(match: re.Match) -> str:
    if match[1]:
        return _NAMED[match[1]]
    code = int(match[2]) if match[2] else int(match[3], 16)
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise FastPathUnsuitable("a character reference calamine may read otherwise")
    return chr(code)


def _x_escape(match: re.Match) -> str:
    code = int(match[1], 16)
    return match[0] if 0xD800 <= code <= 0xDFFF else chr(code)


def xml_text(raw: bytes, trim: bool) -> str:
    """A text node as calamine reads it (module docstring)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FastPathUnsuitable("text that is not UTF-8") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        if len(_ENTITY.findall(text)) != text.count("&"):
            raise FastPathUnsuitable("an ampersand that is not an XML entity")
        text = _ENTITY.sub(_entity, text)
    if trim:
        text = text.strip(" \t\n\r")
    if "_x" in text:
        text = _X_ESCAPE.sub(_x_escape, text)
    return text


def _numbers(raws: list[bytes], what: str) -> list[float]:
    """The numbers written in ``raws`` (calamine's floats of them), if each is one both read alike."""
    texts = [raw.decode("ascii", "replace") for raw in raws]
    if not all(map(_NUMBER.fullmatch, texts)):
        raise FastPathUnsuitable(f"{what} calamine may read otherwise")
    return [float(t) for t in texts]


def number_texts(raws: list[bytes]) -> list[str]:
    """Number cells' texts as ``cell_text`` gives calamine's floats of them."""
    return [cell_text(value) for value in _numbers(raws, "a number")]


#: calamine gives a number (not a date) from this serial on: the last day chrono can hold.
_LAST_SERIAL = 2958466.0


def date_texts(raws: list[bytes]) -> list[str]:
    """Numbers in a date or time format, as ``cell_text`` gives what calamine and python-calamine
    make of them (calamine's ``as_datetime``: serials under 60 are a day later, for Excel's 29
    February 1900; milliseconds rounded half away from zero; python-calamine: a serial under 1 is a
    time, a whole one a date, anything else a datetime; checked on random serials).  In numpy: a
    datetime and its isoformat per cell in Python would cost seconds for a big sheet."""
    value = np.array(_numbers(raws, "a date"), dtype=np.float64)
    if not ((value >= 0) & (value < _LAST_SERIAL)).all():
        raise FastPathUnsuitable("a date out of calamine's range")
    shifted = np.where(value >= 60, value, value + 1.0)
    ms = np.floor(shifted * 86_400_000.0 + 0.5).astype(np.int64)
    stamps = np.datetime_as_string(np.datetime64("1899-12-30T00:00:00.000") + ms.astype("timedelta64[ms]"), unit="ms")
    kinds = np.where(value < 1, 0, np.where(value == np.floor(value), 1, 2)).tolist()
    out = []
    for kind, stamp in zip(kinds, stamps.tolist()):  # "YYYY-MM-DDTHH:MM:SS.mmm"
        if kind == 1:
            out.append(stamp[:10])
            continue
        clock = stamp[11:19] if stamp.endswith(".000") else stamp[11:] + "000"
        out.append(clock if kind == 0 else stamp[:11] + clock)
    return out


def plain_number_format(format_id: int, code: str | None) -> bool:
    """True when a number in this format surely reads as a number, not a date or time: the built-in
    general, number, currency, percent, fraction, scientific and text formats, or a custom format
    with no letter in it (outside quotes, brackets and escapes) but an exponent's E."""
    if code is None:
        return format_id in range(0, 14) or format_id in range(37, 45) or format_id in (48, 49)
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", code)
    code = re.sub(r"(?i)general|e[-+]", "", code)
    return not re.search(r"[A-Za-z]", code)


def date_number_format(format_id: int, code: str | None) -> bool:
    """True when a number in this format surely reads as a date, datetime or time in calamine (not
    a duration): the built-in date and time formats (14-22, 45, 47), or a custom format made only of
    day, month, year, hour, minute and second fields, AM/PM and separators, outside quotes, escapes
    and locale tags ([$-409]) -- no elapsed-time brackets, colours or other sections."""
    if code is None:
        return format_id in range(14, 23) or format_id in (45, 47)
    code = re.sub(r'"[^"]*"|\\.|\[\$[^\]]*\]', "", code)
    code = re.sub(r"(?i)am/pm|a/p", "", code)
    return bool(re.fullmatch(r"[dmyhsDMYHS/:\-.,\s0]+", code)) and bool(re.search(r"[dmyhsDMYHS]", code))


#: What a number in a cell style reads as (number_styles).
STYLE_NUMBER, STYLE_DATE, STYLE_OTHER = 0, 1, 2
