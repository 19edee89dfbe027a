"""Small field validators shared by the services (each raises ValidationError(field, sentence))."""

from __future__ import annotations

import re

from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

# Pragmatic e-mail syntax: one @, a dot in the domain, no spaces.  Deliverability is not our job.
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_name(value: str | None, *, field: str = "name", label: str = QT_TRANSLATE_NOOP("services", "Name"), max_length: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, translate("services", "{label} is required.").format(label=translate("services", label)))
    if len(text) > max_length:
        raise ValidationError(field, translate("services", "{label} must be at most {max_length} characters.").format(label=translate("services", label), max_length=max_length))
    return text


def clean_email(value: str | None, *, field: str = "email") -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, translate("services", "E-mail is required."))
    if len(text) > 320 or not _EMAIL_RE.match(text):
        raise ValidationError(field, translate("services", "{text!r} is not a valid e-mail address.").format(text=text))
    return text


def clean_choice(value: str | None, choices: tuple[str, ...], *, field: str, label: str) -> str:
    text = (value or "").strip().lower()
    if text not in choices:
        raise ValidationError(field, translate("services", "{label} must be one of: {value}.").format(label=translate("services", label), value=', '.join(choices)))
    return text
