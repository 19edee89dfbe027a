"""bcrypt password hashing with the project's rules (min 12 characters, at most 72 bytes, cost 12)."""

from __future__ import annotations

import concurrent.futures
import threading

import bcrypt

from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.i18n import translate

MIN_LENGTH = 12
MAX_BYTES = 72  # bcrypt's limit; bcrypt 5 raises beyond it and we never truncate silently
BCRYPT_ROUNDS = 12

# Hash checked when the e-mail is unknown, so that a failed login takes the same time either way.
# A constant (made once with cost BCRYPT_ROUNDS): hashing it at import time would slow the start of
# every process, even a one-shot CLI command.  Checking against it costs the same as a real check.
_DUMMY_HASH = b"$2b$12$FcQSG7qj.9FzFYwOozSP7ecunBc0MRZJ3sS1plnAzrV3zzUbj5mWy"


def validate_password(password: str, *, field: str = "password") -> bytes:
    if password is None or len(password) < MIN_LENGTH:
        raise ValidationError(field, translate("services", "The password must be at least {min_length} characters long.").format(min_length=MIN_LENGTH))
    try:
        encoded = password.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: invalid UTF-8 given on the command line
        raise ValidationError(field, translate("services", "The password contains characters that are not valid text.")) from None
    if len(encoded) > MAX_BYTES:
        raise ValidationError(
            field,
            translate("services", "The password is too long: at most {max_bytes} bytes (accented letters count as two or more).").format(max_bytes=MAX_BYTES),
        )
    return encoded


def hash_password(password: str, *, rounds: int | None = None) -> str:
    encoded = validate_password(password)
    return bcrypt.hashpw(encoded, bcrypt.gensalt(rounds or BCRYPT_ROUNDS)).decode("ascii")


# Checks started ahead of time (start_early_check), by (hash, password): verify_password takes the
# result instead of checking again.  Kept only until taken; one process, never written anywhere.
_early: dict[tuple[str | None, str], concurrent.futures.Future] = {}
_early_lock = threading.Lock()


def start_early_check(password: str, password_hash: str | None) -> None:
    """Start ``verify_password(password, password_hash)`` on a thread.

    Why: bcrypt (cost 12, ~0.3 s) releases the GIL, so a command line that has read the stored hash
    early checks the password while the rest of its modules load; the login itself is unchanged
    (same checks, same order, same audit trail) and takes the result when it gets there."""
    future: concurrent.futures.Future = concurrent.futures.Future()

    def run() -> None:
        try:
            future.set_result(_check(password, password_hash))
        except BaseException as exc:  # noqa: BLE001 - handed to verify_password
            future.set_exception(exc)

    with _early_lock:
        _early[(password_hash, password)] = future
    threading.Thread(target=run, name="password-check", daemon=True).start()


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-ish time check; a missing hash still spends one bcrypt round."""
    with _early_lock:
        future = _early.pop((password_hash, password), None)
    if future is not None:
        return future.result()
    return _check(password, password_hash)


def _check(password: str, password_hash: str | None) -> bool:
    # surrogatepass: invalid UTF-8 from a command line cannot match a stored hash, but must not crash.
    encoded = (password or "").encode("utf-8", "surrogatepass")
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
