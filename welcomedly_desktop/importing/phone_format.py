"""Stored numbers (E.164 digits) written the way people write them, fast enough for a million rows.

``phonenumbers.parse`` + ``format_number`` cost ~25 us a number, i.e. 50 s more for a records
export of 1,000,000 rows with two phones each.  A stored number needs no parsing: it is already
the calling code followed by the national significant number, so this module reads each calling
code's formats once from the library's metadata (the same ``number_format`` / ``intl_number_format``
lists, tried in the library's order, with the national prefix formatting rule already folded in)
and applies the first that matches.  Numbers it cannot treat exactly like the library (a national
significant number starting with 0, non-geographic codes, text that is not digits) go to
``phonenumbers`` itself.  tests/phones/test_display.py compares both on random numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata
from phonenumbers.phonenumberutil import _FIRST_GROUP_PATTERN

#: Every calling code, as text (the longest has 3 digits).
_CALLING_CODES = frozenset(str(c) for c in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
_Format = tuple[re.Pattern | None, re.Pattern, str]
_GROUP = re.compile(r"\\(\d)")


def _template(rule: str) -> str:
    """A substitution rule (``\\1 \\2``) as a str.format template (``{0} {1}``): parsed once, not per number."""
    return _GROUP.sub(lambda m: "{%d}" % (int(m.group(1)) - 1), rule.replace("{", "{{").replace("}", "}}"))


def _split(digits: str) -> tuple[str, str] | None:
    for size in (1, 2, 3):
        if digits[:size] in _CALLING_CODES:
            return digits[:size], digits[size:]
    return None


@lru_cache(maxsize=None)
def _formats(calling_code: int, national: bool) -> tuple[_Format, ...] | None:
    """The formats the library would try for this calling code (None: leave it to the library)."""
    region = phonenumbers.region_code_for_country_code(calling_code)
    if region in (None, "ZZ", "001"):
        return None
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(calling_code, region.upper())
    if metadata is None:
        return None
    available = metadata.number_format if national or not metadata.intl_number_format else metadata.intl_number_format
    out = []
    for fmt in available:
        leading = re.compile(fmt.leading_digits_pattern[-1]) if fmt.leading_digits_pattern else None
        rule = fmt.format
        if national and fmt.national_prefix_formatting_rule:
            rule = re.sub(_FIRST_GROUP_PATTERN, fmt.national_prefix_formatting_rule, rule, count=1)
        out.append((leading, re.compile(fmt.pattern), _template(rule)))
    return tuple(out)


def _library(digits: str, national: bool) -> str:
    try:
        number = phonenumbers.parse("+" + digits, None)
    except NumberParseException:
        return digits
    kind = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, kind)


def _format(digits: str, split: tuple[str, str] | None, national: bool) -> str:
    if split is None:
        return _library(digits, national)
    code, nsn = split
    formats = _formats(int(code), national) if nsn[:1] not in ("", "0") else None
    if formats is None:
        return _library(digits, national)
    text = nsn
    for leading, pattern, template in formats:  # the library's _choose_formatting_pattern_for_number
        if leading is None or leading.match(nsn):
            match = pattern.fullmatch(nsn)
            if match:
                text = template.format(*match.groups(""))
                break
    return text if national else f"+{code} {text}"


def _digits(e164_digits: str) -> str | None:
    digits = e164_digits[1:] if e164_digits[:1] == "+" else e164_digits
    return digits if 2 <= len(digits) <= 17 and digits.isascii() and digits.isdigit() else None


def format_stored(e164_digits: str | None, national: bool) -> str:
    """``312 4900097`` (national) or ``+57 312 4900097`` (international) for ``573124900097``;
    text that is not a stored number comes back as it is."""
    if not e164_digits:
        return ""
    digits = _digits(e164_digits)
    if digits is None:
        return e164_digits
    return _format(digits, _split(digits), national)


def display_stored(e164_digits: str | None, own_calling_code: str | None) -> str:
    """National format for numbers of the reader's calling code, international for the others."""
    if not e164_digits:
        return ""
    digits = _digits(e164_digits)
    if digits is None:
        return e164_digits
    split = _split(digits)
    return _format(digits, split, own_calling_code is not None and split is not None and split[0] == own_calling_code)
