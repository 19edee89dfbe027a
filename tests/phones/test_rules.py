"""The per-country rules give exactly the library's verdict (phonenumbers.parse + is_valid_number)."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import NumberParseException, ValidationResult

from welcomedly_desktop.importing import phones

REGIONS = ["CO", "MX", "US", "CA", "AR", "PE", "CL", "EC", "VE", "ES", "BR", "GT", "DO", "GB", "IT", "DE"]


def library(digits: str, international: bool, region: str) -> tuple[str | None, str | None]:
    """(E.164 digits, line type) as the library alone judges them; (None, None) when refused."""
    try:
        number = phonenumbers.parse(("+" if international else "") + digits, region)
    except NumberParseException:
        return None, None
    e164 = str(number.country_code) + phonenumbers.national_significant_number(number)
    if phonenumbers.is_valid_number(number):
        kind = {phonenumbers.PhoneNumberType.MOBILE: "mobile", phonenumbers.PhoneNumberType.FIXED_LINE: "fixed",
                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_or_mobile"}
        return e164, kind.get(phonenumbers.number_type(number), "other")
    if phonenumbers.is_possible_number_with_reason(number) == ValidationResult.IS_POSSIBLE:
        return e164, "unknown"
    return None, None


def samples(region: str, rng: random.Random, count: int) -> list[tuple[str, bool]]:
    """Numbers around the country's own: examples with digits changed, random lengths, prefixes."""
    out = []
    code = str(phonenumbers.country_code_for_region(region))
    examples = [phonenumbers.example_number_for_type(region, t) for t in phonenumbers.PhoneNumberType.values()]
    nsns = [phonenumbers.national_significant_number(e) for e in examples if e is not None] or ["1234567"]
    for _ in range(count):
        base = list(rng.choice(nsns))
        for _ in range(rng.randrange(0, 4)):
            base[rng.randrange(len(base))] = str(rng.randrange(10))
        roll = rng.random()
        if roll < 0.15:
            base = base[:-1] if rng.random() < 0.5 else base + [str(rng.randrange(10))]
        nsn = "".join(base)
        roll = rng.random()
        if roll < 0.5:
            out.append((nsn, False))
        elif roll < 0.65:
            out.append((code + nsn, True))
        elif roll < 0.72:
            out.append(("0" + nsn, False))
        elif roll < 0.78:
            out.append((code + nsn, False))
        elif roll < 0.85:
            other = rng.choice(REGIONS)
            out.append((str(phonenumbers.country_code_for_region(other)) + nsn, True))
        else:
            out.append(("".join(str(rng.randrange(10)) for _ in range(rng.randrange(1, 18))), rng.random() < 0.3))
    return out


@pytest.mark.parametrize("region", REGIONS)
def test_rules_agree_with_the_library(region: str) -> None:
    rng = random.Random(region)
    rules = phones.rules_for(region)
    for digits, international in samples(region, rng, 3000):
        phone, reason, kind = rules.judge(digits, international)
        expected = library(digits, international, region)
        assert (phone, kind) == expected, (region, digits, international, reason)
        assert (reason is None) == (phone is not None)


def test_colombian_mobile_is_stored_with_57_and_its_type() -> None:
    rules = phones.rules_for("CO")
    assert rules.judge("3124900097", False) == ("573124900097", None, "mobile")
    assert rules.judge("573124900097", True) == ("573124900097", None, "mobile")
    assert rules.judge("6014567890", False)[2] == "fixed"


def test_unknown_prefix_is_possible_and_wrong_length_is_rejected() -> None:
    rules = phones.rules_for("CO")
    phone, reason, kind = rules.judge("3994900097", False)  # 399: no Colombian operator
    assert (phone, reason, kind) == ("573994900097", None, "unknown")
    phone, reason, kind = rules.judge("312490009", False)
    assert phone is None and kind is None
    assert reason == "has 9 digits; a phone number of +57 has 8, 10 or 11"


def test_calling_code_settings_of_old_still_read() -> None:
    assert phones.region_for("1") == "US"
    assert phones.region_for("co") == "CO"
    with pytest.raises(phones.UnknownCountry):
        phones.region_for("XX")


def test_national_format() -> None:
    assert phones.national_format("573124900097") == "312 4900097"
    assert phones.national_format("13125550100") == "(312) 555-0100"
    assert phones.national_format("not a phone") == "not a phone"


def test_display_format_is_national_for_the_own_country():
    from welcomedly_desktop.services.org_settings import phone_for_display

    assert phone_for_display("573124900097", "CO") == "312 4900097"
    assert phone_for_display("13125550100", "CO") == "+1 312-555-0100"
    assert phone_for_display("13125550100", "1") == "(312) 555-0100"
    assert phone_for_display("", "CO") == ""
