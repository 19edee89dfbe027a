"""issue 20: names and e-mails are single-line printable text; ids outside 1..2**31-1 name nothing."""

from __future__ import annotations

import argparse

import pytest

from welcomedly_desktop.errors import NotFoundError, ValidationError
from welcomedly_desktop.services import validation as v


@pytest.mark.parametrize("bad", [
    "Spring\ndrive", "Spring\rdrive", "tab\there", "nul\x00name", "esc\x1b[31mred", "bell\x07",
    "bidi \u202eevil", "zero\u200bwidth", "lone \udcff surrogate", "line\u2028sep", "\x7fdel",
])
def test_names_refuse_control_format_and_invalid_characters(bad):
    with pytest.raises(ValidationError) as caught:
        v.clean_name(bad)
    assert "\n" not in caught.value.user_message and caught.value.user_message.endswith(".")
    assert bad not in caught.value.user_message  # the offending text is never echoed


@pytest.mark.parametrize("good", ["José Núñez", "Campaña 2026 – Bogotá", "O'Brien & Sons (50%)", "北京 呼叫"])
def test_names_keep_ordinary_text_of_any_script(good):
    assert v.clean_name(f"  {good}  ") == good


def test_invalid_utf8_bytes_and_lengths():
    with pytest.raises(ValidationError, match="not valid UTF-8"):
        v.clean_name(b"caf\xe9")
    assert v.clean_name("café".encode()) == "café"
    with pytest.raises(ValidationError, match="at most 200"):
        v.clean_name("x" * 201)
    with pytest.raises(ValidationError, match="required"):
        v.clean_name("   ")


@pytest.mark.parametrize("bad", [
    "a\u202e@x.test", "\U0001f680@x.test", "a b@x.test", "a@x", "a@@x.test", "a@x.test\n", "a\x00@x.test",
    "a@x..test", "a@-x.test_", "ana@" + "x" * 320 + ".test",
])
def test_emails_refuse_what_is_not_an_address(bad):
    with pytest.raises(ValidationError):
        v.clean_email(bad)


@pytest.mark.parametrize("good", ["ana@example.com", "ANA.Perez+calls@sub.example.co", "josé@ejemplo.com.co"])
def test_emails_accept_addresses(good):
    assert v.clean_email(good) == good


def test_phones_are_short_and_made_of_phone_characters():
    assert v.clean_phone(" +57 (300) 123-4567 ") == "+57 (300) 123-4567"
    assert v.clean_phone("") is None and v.clean_phone(None) is None
    for bad in ("9" * 10_000, "call me", "300\n123", "+57\x00300"):
        with pytest.raises(ValidationError):
            v.clean_phone(bad)


def test_free_text_keeps_newlines_but_not_other_controls():
    assert v.clean_text("line one\nline two\ttab") == "line one\nline two\ttab"
    for bad in ("nul\x00", "esc\x1b[2J", "bidi\u202e"):
        with pytest.raises(ValidationError):
            v.clean_text(bad)


def test_like_pattern_escapes_wildcards():
    assert v.like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"


@pytest.mark.parametrize("bad", [0, -1, 2**31, 2**63, 10**30, True, "5", 5.0, None])
def test_ids_out_of_range_do_not_exist(bad):
    with pytest.raises(NotFoundError) as caught:
        v.existing_id(bad, "Campaign")
    assert caught.value.user_message.startswith("Campaign ") and caught.value.user_message.endswith("does not exist.")
    assert len(caught.value.user_message) < 80


def test_ids_in_range_pass():
    assert v.existing_id(1, "Campaign") == 1 and v.existing_id(2**31 - 1, "Campaign") == 2**31 - 1
    assert v.optional_id(None, "Agent") is None


def test_cli_id_argument_type():
    from welcomedly_desktop.cli.common import entity_id

    assert entity_id("42") == 42 and entity_id(str(2**31 - 1)) == 2**31 - 1
    for bad in ("0", "-3", str(2**31), "9" * 5000, "abc", "1e5", "\x00"):
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            entity_id(bad)
        assert len(str(caught.value)) < 100
