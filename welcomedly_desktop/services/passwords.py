"""bcrypt password hashing with the project's rules (min 12 characters, at most 72 bytes, cost 12)."""

from __future__ import annotations

import bcrypt

from welcomedly_desktop.errors import ValidationError

MIN_LENGTH = 12
MAX_BYTES = 72  # bcrypt's limit; bcrypt 5 raises beyond it and we never truncate silently
BCRYPT_ROUNDS = 12

# Hash checked when the e-mail is unknown, so that a failed login takes the same time either way.
# A constant (made once with cost BCRYPT_ROUNDS): hashing it at import time cost every process,
# even a one-shot CLI command, ~0.3 s.  Checking against it costs the same as a real check.
_DUMMY_HASH = b"$2b$12$FcQSG7qj.9FzFYwOozSP7ecunBc0MRZJ3sS1plnAzrV3zzUbj5mWy"


def validate_password(password: str, *, field: str = "password") -> bytes:
    if password is None or len(password) < MIN_LENGTH:
        raise ValidationError(field, f"The password must be at least {MIN_LENGTH} characters long.")
    encoded = password.encode("utf-8")
    if len(encoded) > MAX_BYTES:
        raise ValidationError(
            field,
            f"The password is too long: at most {MAX_BYTES} bytes (accented letters count as two or more).",
        )
    return encoded


def hash_password(password: str, *, rounds: int | None = None) -> str:
    encoded = validate_password(password)
    return bcrypt.hashpw(encoded, bcrypt.gensalt(rounds or BCRYPT_ROUNDS)).decode("ascii")


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-ish time check; a missing hash still spends one bcrypt round."""
    encoded = (password or "").encode("utf-8")
    if len(encoded) > MAX_BYTES:
        # Cannot match any stored hash (those were validated), but spend the same time.
        bcrypt.checkpw(b"x", _DUMMY_HASH)
        return False
    target = password_hash.encode("ascii") if password_hash else _DUMMY_HASH
    try:
        ok = bcrypt.checkpw(encoded, target)
    except ValueError:
        return False
    return ok and password_hash is not None
