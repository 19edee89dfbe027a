"""Small field validators shared by the services (each raises ValidationError(field, sentence))."""

from __future__ import annotations

import re

from welcomedly_desktop.errors import ValidationError

# Pragmatic e-mail syntax: one @, a dot in the domain, no spaces.  Deliverability is not our job.
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_name(value: str | None, *, field: str = "name", label: str = "Name", max_length: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, f"{label} is required.")
    if len(text) > max_length:
        raise ValidationError(field, f"{label} must be at most {max_length} characters.")
    return text


def clean_email(value: str | None, *, field: str = "email") -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, "E-mail is required.")
    if len(text) > 320 or not _EMAIL_RE.match(text):
        raise ValidationError(field, f"{text!r} is not a valid e-mail address.")
    return text


def clean_choice(value: str | None, choices: tuple[str, ...], *, field: str, label: str) -> str:
    text = (value or "").strip().lower()
    if text not in choices:
        raise ValidationError(field, f"{label} must be one of: {', '.join(choices)}.")
    return text
