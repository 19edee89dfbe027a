"""Phone numbers by country: per-country rules derived from the ``phonenumbers`` metadata.

A number is judged for the organization's (or the campaign's) country, ISO 3166 alpha-2 (``CO``):

* **valid** (the numbering plan knows it): stored in E.164 as digits, country code first
  (``573124900097``), with its line type (``mobile``, ``fixed``, ``fixed_or_mobile``, ``other``);
* **possible** (the right length, but the plan does not know it, e.g. an unassigned mobile prefix):
  stored the same way with the line type ``unknown``, and counted as a warning of its upload;
* otherwise (impossible: the wrong length) rejected with one sentence.

``phonenumbers.parse`` + ``is_valid_number`` cost ~25 us a number, so the usual shapes are judged by
rules read once from the library's metadata -- the lengths and the per-type patterns of each
numbering plan, tried in the library's own order -- and applied a column at a time (Arrow, RE2) or
with compiled regexes row by row.  A number the rules cannot decide exactly like the library (a
national prefix or carrier code to strip, a leading 0, a calling code shared by several countries
and unknown to the first of them, a non-geographic code) is handed to ``phonenumbers`` itself.
Tests compare both on random numbers of several countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumberType, ValidationResult

from welcomedly_desktop.i18n import translate
from welcomedly_desktop.importing.phone_format import display_stored, format_stored

#: Line types kept per record; UNKNOWN marks a possible number the numbering plan does not know.
MOBILE, FIXED, FIXED_OR_MOBILE, OTHER, UNKNOWN = "mobile", "fixed", "fixed_or_mobile", "other", "unknown"
#: The descriptions ``phonenumbers`` tries, in its order (``_number_type_helper``), before fixed/mobile.
_OTHER_TYPES = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail")
_LIBRARY_TYPES = {PhoneNumberType.MOBILE: MOBILE, PhoneNumberType.FIXED_LINE: FIXED,
                  PhoneNumberType.FIXED_LINE_OR_MOBILE: FIXED_OR_MOBILE}


class UnknownCountry(ValueError):
    """Not an ISO 3166 alpha-2 code the numbering plans know."""


def known_country(code: str) -> str:
    """The region code upper-cased, or UnknownCountry."""
    region = (code or "").strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise UnknownCountry(code)
    return region


def countries() -> list[tuple[str, int]]:
    """Every country the numbering plans know, as (ISO code, calling code), by code."""
    return [(region, phonenumbers.country_code_for_region(region)) for region in sorted(phonenumbers.SUPPORTED_REGIONS)]


def region_for(code: str) -> str:
    """A region from an ISO code (``CO``) or, for settings of old, a calling code (``1`` -> ``US``)."""
    code = (code or "").strip()
    if code.isdigit():
        region = phonenumbers.region_code_for_country_code(int(code))
        if region in phonenumbers.SUPPORTED_REGIONS:
            return region
        raise UnknownCountry(code)
    return known_country(code)


@dataclass(frozen=True)
class _Desc:
    lengths: frozenset[int]
    pattern: str
    regex: re.Pattern

    def matches(self, nsn: str) -> bool:  # the library's _is_number_matching_desc
        return (not self.lengths or len(nsn) in self.lengths) and self.regex.fullmatch(nsn) is not None


def _desc(desc) -> _Desc | None:  # noqa: ANN001 - a phonenumbers PhoneNumberDesc
    if desc is None or desc.national_number_pattern is None:
        return None
    lengths = frozenset(desc.possible_length or ())
    return _Desc(lengths, desc.national_number_pattern, re.compile(desc.national_number_pattern))


class PlanRules:
    """The numbering plan of one calling code, as its first region describes it."""

    def __init__(self, calling_code: int) -> None:
        regions = phonenumbers.region_codes_for_country_code(calling_code)
        self.calling_code = str(calling_code)
        meta = PhoneMetadata.metadata_for_region(regions[0]) if regions and regions[0] != "001" else None
        # Decidable by rules: a geographic code whose first region has no leading-digits rule (the
        # library would pick another region for some numbers).  A valid number is then valid in it;
        # an invalid one is final only when no other region shares the code.
        self.decidable = meta is not None and meta.leading_digits is None
        self.final_invalid = self.decidable and len(regions) == 1
        if meta is None:
            return
        self.general = _desc(meta.general_desc)
        self.lengths = frozenset(meta.general_desc.possible_length or ())
        self.others = [d for d in (_desc(getattr(meta, name)) for name in _OTHER_TYPES) if d is not None]
        self.fixed, self.mobile = _desc(meta.fixed_line), _desc(meta.mobile)
        self.same_fixed_mobile = bool(meta.same_mobile_and_fixed_line_pattern)
        # The starts the library strips (national prefix, carrier code) or reads as a leading zero.
        self.prefix = meta.national_prefix_for_parsing or meta.national_prefix or None
        self.prefix_regex = re.compile(self.prefix) if self.prefix else None

    def line_type(self, nsn: str) -> str | None:
        """The library's number type of a national number, as a line type; None when unknown."""
        if self.general is None or not self.general.matches(nsn):
            return None
        for desc in self.others:
            if desc.matches(nsn):
                return OTHER
        if self.fixed is not None and self.fixed.matches(nsn):
            if self.same_fixed_mobile or (self.mobile is not None and self.mobile.matches(nsn)):
                return FIXED_OR_MOBILE
            return FIXED
        if not self.same_fixed_mobile and self.mobile is not None and self.mobile.matches(nsn):
            return MOBILE
        return None

    def plain(self, nsn: str) -> bool:
        """Whether the library would take this national number as it is (nothing to strip)."""
        return nsn[:1] not in ("", "0") and (self.prefix_regex is None or self.prefix_regex.match(nsn) is None)


@lru_cache(maxsize=None)
def plan(calling_code: int) -> PlanRules:
    return PlanRules(calling_code)


#: Every calling code, as text (the longest has 3 digits).
CALLING_CODES = frozenset(str(c) for c in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def split_calling_code(digits: str) -> tuple[str, str] | None:
    """(calling code, rest) of an international number's digits, like the library reads them."""
    if digits[:1] in ("", "0"):
        return None
    for size in (1, 2, 3):
        if digits[:size] in CALLING_CODES:
            return digits[:size], digits[size:]
    return None


class CountryRules:
    """How numbers written in one country are read: its calling code and national prefixes."""

    def __init__(self, region: str) -> None:
        meta = PhoneMetadata.metadata_for_region(region)
        self.region = region
        self.calling_code = str(meta.country_code)
        self.plan = plan(meta.country_code)
        # National numbers starting like these are read by the library (prefix or carrier code to
        # strip, an international prefix, the calling code itself).
        starts = [p for p in (meta.national_prefix_for_parsing, meta.national_prefix, meta.international_prefix) if p]
        self.lead_patterns = starts
        self.lead_regex = re.compile("|".join(f"(?:{p})" for p in starts)) if starts else None

    def national_plain(self, digits: str) -> bool:
        return (digits[:1] not in ("", "0") and not digits.startswith(self.calling_code)
                and (self.lead_regex is None or self.lead_regex.match(digits) is None))

    def judge(self, digits: str, international: bool) -> tuple[str | None, str | None, str | None]:
        """(E.164 digits, None, line type) or (None, reason, None) for a number's digits."""
        if international:
            split = split_calling_code(digits)
            if split is None:
                return self.by_library(digits, international)
            code, nsn = split
            rules = plan(int(code))
            if not (rules.decidable and rules.plain(nsn)):
                return self.by_library(digits, international)
        else:
            if not self.national_plain(digits):
                return self.by_library(digits, international)
            code, nsn, rules = self.calling_code, digits, self.plan
            if not rules.decidable:
                return self.by_library(digits, international)
        if len(nsn) not in rules.lengths:
            if not rules.final_invalid:  # another region sharing the code may know it
                return self.by_library(digits, international)
            return None, self.wrong_length(len(nsn), code, international), None
        kind = rules.line_type(nsn)
        if kind is None:
            if not rules.final_invalid:
                return self.by_library(digits, international)
            kind = UNKNOWN
        return code + nsn, None, kind

    def by_library(self, digits: str, international: bool) -> tuple[str | None, str | None, str | None]:
        """The library's own verdict, for the numbers the rules leave to it."""
        try:
            number = phonenumbers.parse(("+" if international else "") + digits, self.region)
        except NumberParseException:
            return None, translate("importing", "is not a phone number"), None
        e164 = str(number.country_code) + phonenumbers.national_significant_number(number)
        if phonenumbers.is_valid_number(number):
            return e164, None, _LIBRARY_TYPES.get(phonenumbers.number_type(number), OTHER)
        if phonenumbers.is_possible_number_with_reason(number) == ValidationResult.IS_POSSIBLE:
            return e164, None, UNKNOWN
        nsn = phonenumbers.national_significant_number(number)
        return None, self.wrong_length(len(nsn), str(number.country_code), international), None

    @staticmethod
    def wrong_length(n: int, code: str, international: bool) -> str:
        rules = plan(int(code))
        after = translate("importing", " after +{code}").format(code=code) if international else ""
        if rules.decidable and rules.lengths:
            *most, last = sorted(rules.lengths)
            lengths = (translate("importing", "{most} or {last}").format(most=", ".join(map(str, most)), last=last)
                       if most else str(last))
            return translate("importing", "has {n} digits{after}; a phone number of +{code} has {lengths}").format(
                n=n, after=after, code=code, lengths=lengths)
        return translate("importing", "has {n} digits{after}, not a possible phone number of +{code}").format(
            n=n, after=after, code=code)


def beyond_zero(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The prefix patterns that can match a number not starting with 0 (those starting with a
    literal 0 and no alternation outside parentheses are covered by a check for a leading 0)."""
    return tuple(p for p in patterns
                 if not (p.startswith("0") and p[1:2] not in ("?", "*", "{") and not _top_level_alternation(p)))


def _top_level_alternation(pattern: str) -> bool:
    depth = 0
    for i, char in enumerate(pattern):
        if char == "\\":
            continue
        if char == "(" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif char == ")" and pattern[i - 1] != "\\":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


@lru_cache(maxsize=64)
def rules_for(code: str) -> CountryRules:
    """The rules of a country (ISO code, or a calling code for old settings)."""
    return CountryRules(region_for(code))


def calling_code_for(code: str) -> int:
    """The calling code of a country (``CO`` -> 57), or UnknownCountry."""
    return phonenumbers.country_code_for_region(region_for(code))


def national_format(e164_digits: str | None) -> str:
    """A stored number as its country writes it (``312 4900097``), for the gui and reports; text
    that is not a number is returned as it is."""
    return format_stored(e164_digits, True)


def display_format(e164_digits: str | None, country: str | None) -> str:
    """A stored number for a reader in ``country``: national format for that country's numbers
    (``312 4900097``), international for the others (``+1 312-555-0100``)."""
    try:
        own = str(calling_code_for(country)) if country else None
    except UnknownCountry:
        own = None
    return display_stored(e164_digits, own)


def international_format(e164_digits: str) -> str:
    """``+57 312 4900097``: a stored number for another country's reader."""
    return format_stored(e164_digits, False)
