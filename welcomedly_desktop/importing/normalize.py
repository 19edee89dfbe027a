"""Validation and normalisation of one row; the rules are documented here and in README.

Phone numbers (``phone`` required, ``alt_phone`` optional), stored in E.164 as digits, country code
first (``573124900097``), judged for a country by its numbering plan (:mod:`.phones`):

1. Everything but digits is dropped; letters make the value invalid (an extension or a typo).
   A spreadsheet artefact like ``3124900097.0`` is read as ``3124900097``; scientific notation
   (``3.12E+09``) is refused because its digits are already lost.
2. A number written with ``+`` or ``00`` is international (its country code cannot start with 0);
   any other is national, read as the country (organization's or campaign's) reads it.
3. A number of the wrong length for its country is rejected; one of the right length that the
   plan does not know is kept with the line type ``unknown`` (a warning of its upload).

E-mail: optional; when present, one ``@``, a dotted domain, no spaces, at most 254 characters;
stored lower-cased.  Other cells are kept exactly as written (a cell such as ``=HYPERLINK(...)`` is
plain text: nothing is ever evaluated), only surrounding spaces are trimmed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from welcomedly_desktop.i18n import translate

if TYPE_CHECKING:
    from welcomedly_desktop.importing.phones import CountryRules


def rules_for(country_code: str) -> CountryRules:
    """The country's rules; phonenumbers is imported on the first phone read, not by every command."""
    from welcomedly_desktop.importing import phones

    return phones.rules_for(country_code)

_NON_DIGITS = re.compile(r"\D+")
_FLOAT_ARTEFACT = re.compile(r"^(\d+)\.0+$")
_SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE][+-]?\d+$")
_LETTERS = re.compile(r"[^\W\d_]")
#: An e-mail address (the batch builder uses the same pattern in Arrow's RE2).
EMAIL_PATTERN = r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$"
_EMAIL = re.compile(EMAIL_PATTERN)
MAX_EMAIL = 254


# Separators people type inside phone numbers; deleting them with str.translate is the fast path.
_SEPARATORS = str.maketrans("", "", " ()-./\u00a0\t")


def normalize_phone(raw: str, country_code: str) -> tuple[str | None, str | None]:
    """(E.164 digits, None) or (None, reason) for a country (ISO code such as ``CO``)."""
    phone, reason, _ = judge_phone(raw, rules_for(country_code))
    return phone, reason


def judge_phone(raw: str, rules: CountryRules) -> tuple[str | None, str | None, str | None]:
    """(E.164 digits, None, line type) or (None, reason, None).  Hot path: one call per row, kept
    free of regexes for the common shapes ("3124900097", "(312) 490-0097", "+57 312 490 0097")."""
    text = raw.strip()
    if not text:
        return None, translate("importing", "is empty"), None
    if "." in text:
        artefact = _FLOAT_ARTEFACT.match(text)  # "3124900097.0", a number cell saved as text
        if artefact:
            text = artefact.group(1)
    international = text[0] == "+"
    digits = text[1:] if international else text
    if not (digits.isdigit() and digits.isascii()):
        # str.replace of the usual separators first: cheaper than str.translate, and this runs for
        # every formatted number of a file.
        digits = digits.replace(" ", "").replace("-", "").replace("(", "").replace(")", "")
        if not (digits.isdigit() and digits.isascii()):
            digits = digits.translate(_SEPARATORS)
            if not (digits.isdigit() and digits.isascii()):
                return _normalize_unusual(text, rules)
    if not international and digits.startswith("00"):
        international = True
        digits = digits[2:]
    if international and digits[:1] == "0":
        return None, translate("importing", "{text!r} has no country code after the international prefix (none starts with 0)").format(text=text), None
    phone, reason, kind = rules.judge(digits, international)
    if reason is not None:
        return None, f"{text!r} {reason}", None
    return phone, None, kind


def _normalize_unusual(text: str, rules: CountryRules) -> tuple[str | None, str | None, str | None]:
    if _SCIENTIFIC.match(text):
        return None, translate("importing", "{text!r} is in scientific notation, so digits are lost; format the column as text").format(text=text), None
    if _LETTERS.search(text):
        return None, translate("importing", "{text!r} contains letters").format(text=text), None
    digits = _NON_DIGITS.sub("", text)
    if not digits.isascii():
        return None, translate("importing", "{text!r} is not a phone number").format(text=text), None
    if not digits:
        return None, translate("importing", "{text!r} has no digits").format(text=text), None
    # Other punctuation (e.g. "312_490_0097", "+57-312") is dropped like the usual separators.
    phone, reason, kind = judge_phone(("+" if text.startswith("+") else "") + digits, rules)
    return (None, f"{text!r} {reason.split(' ', 1)[1]}", None) if reason else (phone, None, kind)


def normalize_email(raw: str) -> tuple[str | None, str | None]:
    text = raw.strip()
    if not text:
        return None, None
    if len(text) > MAX_EMAIL or not _EMAIL.match(text):
        return None, translate("importing", "{text!r} is not a valid e-mail address").format(text=text)
    return text.lower(), None


@dataclass(frozen=True)
class RowLayout:
    """Where each field sits in a row (column indexes) and which columns go to ``extra``."""

    columns: list[str]
    name: int | None
    phone: int
    alt_phone: int | None
    email: int | None
    external_id: int | None
    extras: list[tuple[str, int]]

    @classmethod
    def from_mapping(cls, columns: list[str], mapping: dict[str, str]) -> "RowLayout":
        index = {c: i for i, c in enumerate(columns)}
        mapped = set(mapping.values())
        return cls(
            columns=columns,
            name=index.get(mapping.get("name", "")),
            phone=index[mapping["phone"]],
            alt_phone=index.get(mapping.get("alt_phone", "")),
            email=index.get(mapping.get("email", "")),
            external_id=index.get(mapping.get("external_id", "")),
            extras=[(c, i) for i, c in enumerate(columns) if c not in mapped],
        )


#: One staging row: source_row, phone, name, alt_phone, email, external_id, extra (json text),
#: bad columns, bad reasons, raw row (json text, only for rejected rows), drop kind (set later),
#: the phone's line type (phones.MOBILE ... phones.UNKNOWN).
StageRow = tuple
#: Its fields, in order (the staging table's column names).
STAGE_FIELDS = ("source_row", "phone", "name", "alt_phone", "email", "external_id", "extra", "bad_cols",
                "bad_reasons", "raw", "drop_kind", "line_type")


def make_row_processor(layout: RowLayout, country_code: str) -> Callable[[int, list[str]], tuple[StageRow, bool]]:
    """A fast per-row function (hot loop: one call per row) returning ``(stage_row, is_valid)``."""
    width = len(layout.columns)
    columns = layout.columns
    phone_i, name_i, alt_i, email_i, ext_i = layout.phone, layout.name, layout.alt_phone, layout.email, layout.external_id
    # JSON for ``extra`` is assembled from pre-quoted keys and the C string quoter: much faster than
    # json.dumps of a dict per row, and this runs for every row.
    quote = json.encoder.encode_basestring
    extras = [(quote(name) + ":", i) for name, i in layout.extras]
    raw_dumps = json.JSONEncoder(ensure_ascii=False).encode
    phone_col = columns[phone_i]
    padding = [""] * width
    rules = rules_for(country_code)

    def process(source_row: int, cells: list[str]) -> tuple[StageRow, bool]:
        n = len(cells)
        bad_cols: list[str | None] | None = None
        bad_reasons: list[str] = []
        if n != width:
            if n < width:
                cells = cells + padding[n:]
            else:
                if any(c.strip() for c in cells[width:]):
                    bad_cols = [None]
                    bad_reasons.append(translate("importing", "the row has {n} cells but the file has {width} columns").format(
                        n=n, width=width))
                cells = cells[:width]
        phone, reason, kind = judge_phone(cells[phone_i], rules)
        if reason:
            bad_cols = (bad_cols or []) + [phone_col]
            bad_reasons.append(translate("importing", "phone {reason}").format(reason=reason))
        alt = None
        if alt_i is not None and cells[alt_i]:
            alt, reason, _ = judge_phone(cells[alt_i], rules)
            if reason:
                bad_cols = (bad_cols or []) + [columns[alt_i]]
                bad_reasons.append(translate("importing", "alternate phone {reason}").format(reason=reason))
        email = None
        if email_i is not None and cells[email_i]:
            email, reason = normalize_email(cells[email_i])
            if reason:
                bad_cols = (bad_cols or []) + [columns[email_i]]
                bad_reasons.append(translate("importing", "e-mail {reason}").format(reason=reason))
        name = cells[name_i].strip() or None if name_i is not None else None
        external_id = cells[ext_i].strip() or None if ext_i is not None else None
        if extras:
            parts = [key + quote(cells[i]) for key, i in extras if cells[i]]
            extra = "{" + ",".join(parts) + "}" if parts else "{}"
        else:
            extra = "{}"
        if bad_cols is not None:
            raw = raw_dumps(dict(zip(columns, cells)))
            return (source_row, phone, name, alt, email, external_id, extra, bad_cols, bad_reasons, raw, None, kind), False
        return (source_row, phone, name, alt, email, external_id, extra, None, None, None, None, kind), True

    return process


#: COPY text's NULL marker.
_NULL = "\\N"


def make_line_processor(
    layout: RowLayout, country_code: str, campaign_id: int, upload_id: int
) -> Callable[[int, list[str]], tuple[str, str] | None]:
    """The import's hot path: ``(phone, COPY text line)`` of a *valid, plain* row, else None.

    The line holds the columns ``RECORD_COPY_COLUMNS`` in COPY's text format, phone first, so a list
    of lines sorts by phone.  "Plain" means: as many cells as columns and no character that would
    need escaping; every other row (invalid, ragged, escaped) returns None and goes through
    :func:`make_row_processor`, which gives the same values (a test checks that both agree).
    Why a second function: the general one builds a tuple that psycopg formats; this one builds
    the line directly, in about half the time, and it runs for nearly every row of a file.
    """
    width = len(layout.columns)
    phone_i, name_i, alt_i, email_i, ext_i = layout.phone, layout.name, layout.alt_phone, layout.email, layout.external_id
    quote = json.encoder.encode_basestring
    open_extras = [(quote(name) + ':"', i) for name, i in layout.extras]  # '"column":"' then the value
    email_match = _EMAIL.match
    rules = rules_for(country_code)
    judge = rules.judge
    tail = f"\t{int(campaign_id)}\t{int(upload_id)}\n"

    def line_of(source_row: int, cells: list[str]) -> tuple[str, str] | None:
        if len(cells) != width:
            return None
        joined = "".join(cells)
        # isprintable() is False for every control character (and a few other rare ones).
        if not joined.isprintable() or "\\" in joined or '"' in joined:
            return None
        raw = cells[phone_i]
        if raw.isdigit() and raw.isascii() and not raw.startswith("00"):  # "00": an international prefix
            phone, reason, kind = judge(raw, False)
        else:
            phone, reason, kind = judge_phone(raw, rules)
        if reason is not None:
            return None
        alt = _NULL
        if alt_i is not None and cells[alt_i]:
            alt, reason, _ = judge_phone(cells[alt_i], rules)
            if reason is not None:
                return None
        email = _NULL
        if email_i is not None:
            text = cells[email_i]
            if text:
                text = text.strip()
                if text:
                    if len(text) > MAX_EMAIL or not email_match(text):
                        return None
                    email = text.lower()
        name = (cells[name_i].strip() or _NULL) if name_i is not None else _NULL
        external_id = (cells[ext_i].strip() or _NULL) if ext_i is not None else _NULL
        # No quote, backslash or control character in the row: each value's JSON is itself in quotes.
        # (A plain loop: a comprehension is a function call per row in Python 3.11.)
        extra = ""
        for key, i in open_extras:
            value = cells[i]
            if value:
                extra += "," + key + value + '"' if extra else key + value + '"'
        extra = "{" + extra + "}"
        return phone, f"{phone}\t{source_row}\t{name}\t{alt}\t{email}\t{external_id}\t{extra}\t{kind}{tail}"

    return line_of


#: The columns of :func:`make_line_processor`'s lines, in order.
RECORD_COPY_COLUMNS = "phone, source_row, name, alt_phone, email, external_id, extra, line_type, campaign_id, upload_id"
