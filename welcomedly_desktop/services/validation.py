"""Field validators shared by the services (each raises a typed error with one sentence).

Names, e-mails, phones and search text are single-line printable text: no control characters
(newlines, escapes, NUL), no invisible formatting characters (bidirectional overrides, zero-width
joiners), no lone surrogates (invalid UTF-8 that Python carries as surrogate escapes).  Free text
(descriptions, notes) may keep newlines and tabs.  Ids are PostgreSQL ``integer``s: a value outside
1..2**31-1 names nothing, and says so instead of reaching the database.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from welcomedly_desktop.errors import NotFoundError, ValidationError
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

#: The largest value of PostgreSQL's ``integer`` (every id column of the schema).
MAX_ID = 2**31 - 1

# Unicode categories refused in single-line text: controls, format (bidi overrides, zero-width),
# surrogates, private use, unassigned, line and paragraph separators.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# An e-mail's local part and domain: letters and digits of any script plus the punctuation RFC
# 5322 allows in an unquoted local part.  No spaces, symbols or emoji (``🚀@x.test``).
_EMAIL_PUNCTUATION = set(".!#$%&'*+/=?^_`{|}~-")
_PHONE_RE = re.compile(r"^[0-9+()\-. /]*(?:\s*(?:ext\.?|x)\s*[0-9]+)?$", re.IGNORECASE)

MAX_EMAIL_LENGTH = 320
MAX_PHONE_LENGTH = 40
MAX_SEARCH_LENGTH = 200
MAX_TEXT_LENGTH = 10_000


def _bad_character(text: str, *, allow_newlines: bool = False) -> str | None:
    """A description of the first character not allowed in ``text``, or None."""
    for ch in text:
        if allow_newlines and ch in "\n\t\r":
            continue
        category = unicodedata.category(ch)
        if category in _REFUSED_CATEGORIES:
            if ch == "\x00":
                return translate("services", "a NUL character")
            if category == "Cs":
                return translate("services", "an invalid character (not UTF-8)")
            if ch in "\r\n\u2028\u2029":
                return translate("services", "a line break")
            return translate("services", "an invisible or control character (U+{code})").format(code=f"{ord(ch):04X}")
    return None


def is_single_line(text: str) -> bool:
    """Whether ``text`` has no control, formatting or surrogate character (see the module's rule)."""
    return _bad_character(text) is None


def _check_characters(text: str, field: str, label: str, *, allow_newlines: bool = False) -> None:
    bad = _bad_character(text, allow_newlines=allow_newlines)
    if bad is not None:
        sentence = (translate("services", "{label} contains {bad}.") if allow_newlines
                    else translate("services", "{label} contains {bad}; it must be a single line of printable text."))
        raise ValidationError(field, sentence.format(label=translate("services", label), bad=bad))


def _as_text(value: Any, field: str, label: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(field, translate("services", "{label} is not valid UTF-8 text.").format(label=translate("services", label))) from None
    if not isinstance(value, str):
        raise ValidationError(field, translate("services", "{label} must be text.").format(label=translate("services", label)))
    return value


def clean_line(value: Any, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    """One line of printable text, stripped; empty is refused when ``required``."""
    text = _as_text(value, field, label)
    _check_characters(text, field, label)
    text = text.strip()
    if required and not text:
        raise ValidationError(field, translate("services", "{label} is required.").format(label=translate("services", label)))
    if len(text) > max_length:
        raise ValidationError(field, translate("services", "{label} must be at most {max_length} characters.").format(label=translate("services", label), max_length=max_length))
    return text


def clean_name(value: Any, *, field: str = "name", label: str = QT_TRANSLATE_NOOP("services", "Name"), max_length: int = 200) -> str:
    return clean_line(value, field=field, label=label, max_length=max_length)


def clean_text(value: Any, *, field: str = "description", label: str = QT_TRANSLATE_NOOP("services", "Description"),
               max_length: int = MAX_TEXT_LENGTH) -> str:
    """Free text (descriptions, notes): newlines and tabs allowed, other control characters not."""
    text = _as_text(value, field, label)
    _check_characters(text, field, label, allow_newlines=True)
    text = text.strip()
    if len(text) > max_length:
        raise ValidationError(field, translate("services", "{label} must be at most {max_length} characters.").format(label=translate("services", label), max_length=max_length))
    return text


def _email_part_ok(part: str) -> bool:
    return bool(part) and all(ch.isalnum() or ch in _EMAIL_PUNCTUATION for ch in part)


def clean_email(value: Any, *, field: str = "email") -> str:
    text = clean_line(value, field=field, label=QT_TRANSLATE_NOOP("services", "E-mail"), max_length=MAX_EMAIL_LENGTH, required=False)
    if not text:
        raise ValidationError(field, translate("services", "E-mail is required."))
    local, at, domain = text.rpartition("@")
    valid = (
        at == "@"
        and _email_part_ok(local)
        and "@" not in local
        and "." in domain.strip(".")
        and all(label_ and all(ch.isalnum() or ch == "-" for ch in label_) for label_ in domain.split("."))
    )
    if not valid:
        raise ValidationError(field, translate("services", "{text!r} is not a valid e-mail address.").format(text=text))
    return text


def clean_phone(value: Any, *, field: str = "phone", label: str = QT_TRANSLATE_NOOP("services", "Phone")) -> str | None:
    """An optional phone number as typed (digits, spaces, + - ( ) . /, an extension); None when empty."""
    text = clean_line(value, field=field, label=label, max_length=MAX_PHONE_LENGTH, required=False)
    if not text:
        return None
    if not _PHONE_RE.match(text) or not any(ch.isdigit() for ch in text):
        raise ValidationError(field, translate("services", "{label} may contain only digits, spaces and + - ( ) . /.").format(label=translate("services", label)))
    return text


def clean_search(value: Any, *, field: str = "search", label: str = QT_TRANSLATE_NOOP("services", "The search text")) -> str:
    """Search text: one printable line of at most MAX_SEARCH_LENGTH characters, stripped."""
    return clean_line(value, field=field, label=label, max_length=MAX_SEARCH_LENGTH, required=False)


def like_pattern(term: str) -> str:
    """``%term%`` for ILIKE ... ESCAPE '\\' with ``%``, ``_`` and ``\\`` in ``term`` matching themselves."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def clean_choice(value: str | None, choices: tuple[str, ...], *, field: str, label: str) -> str:
    text = value.strip().lower() if isinstance(value, str) else ""
    if text not in choices:
        raise ValidationError(field, translate("services", "{label} must be one of: {value}.").format(label=translate("services", label), value=", ".join(choices)))
    return text


def is_valid_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


#: The ``what`` that callers of :func:`existing_id` pass, marked for the catalogue.
ENTITY_NAMES = (
    QT_TRANSLATE_NOOP("services", "Agent"),
    QT_TRANSLATE_NOOP("services", "Campaign"),
    QT_TRANSLATE_NOOP("services", "Disposition"),
    QT_TRANSLATE_NOOP("services", "Do-not-call entry"),
    QT_TRANSLATE_NOOP("services", "Record"),
    QT_TRANSLATE_NOOP("services", "Upload"),
    QT_TRANSLATE_NOOP("services", "User"),
)


def existing_id(value: Any, what: str) -> int:
    """``value`` when it can name a row; otherwise NotFoundError("<What> <value> does not exist.")."""
    if not is_valid_id(value):
        raise NotFoundError(translate("services", "{what} {value} does not exist.").format(what=translate("services", what), value=_show(value)))
    return value


def optional_id(value: Any, what: str) -> int | None:
    return None if value is None else existing_id(value, what)


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, int) else str(value)
    return text if len(text) <= 24 else text[:21] + "..."
