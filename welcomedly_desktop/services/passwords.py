"""bcrypt password hashing with the project's rules (min 12 characters, at most 72 bytes, cost 12)."""

from __future__ import annotations

import concurrent.futures
import hmac
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


def proof(password: str, salt: str) -> str:
    """bcrypt(password, salt): what the login door compares (a password over bcrypt's limit proves
    nothing).  Taken from ``start_early_proof`` when that computed it already."""
    computed = _take_early(password, salt)
    if computed is not None:
        return computed
    return _hashpw(password, salt)


def _hashpw(password: str, salt: str) -> str:
    encoded = (password or "").encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_BYTES:
        encoded = b"\0"  # cannot be anyone's password (validated at creation); still costs one bcrypt
    return bcrypt.hashpw(encoded, salt.encode("ascii")).decode("ascii")


# Proofs started ahead of time (start_early_proof), by password: (salt, proof) once computed.  Kept
# only until the login takes it; one process, never written anywhere.
_early: dict[str, concurrent.futures.Future] = {}
_early_lock = threading.Lock()
EARLY_WAIT_SECONDS = 10.0  # the early salt lookup has its own 5 s connect timeout


def start_early_proof(password: str, salt: str) -> None:
    """On a thread: ``bcrypt(password, salt)``; the login takes the result.

    Why: bcrypt (cost 12, ~0.25 s) releases the GIL, so a command line that asked the login door for
    the salt first computes the proof while it imports its heavy modules and opens its database
    (bench/README.md).  The login itself is unchanged: it asks for the salt again, and only a proof
    made with that same salt is taken."""
    future: concurrent.futures.Future = concurrent.futures.Future()

    def run() -> None:
        try:
            future.set_result((salt, _hashpw(password, salt)))
        except BaseException:  # noqa: BLE001 - the login computes it as usual and reports any trouble
            future.set_result(None)

    with _early_lock:
        _early[password] = future
    threading.Thread(target=run, name="password-proof", daemon=True).start()


def _take_early(password: str, salt: str) -> str | None:
    with _early_lock:
        future = _early.pop(password, None)
    if future is None:
        return None
    try:
        result = future.result(timeout=EARLY_WAIT_SECONDS)
    except concurrent.futures.TimeoutError:
        return None
    if result is None or result[0] != salt:
        return None
    return result[1]


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-ish time check; a missing hash still spends one bcrypt round."""
    encoded = (password or "").encode("utf-8", "surrogatepass")
    if password_hash and len(encoded) <= MAX_BYTES:
        computed = _take_early(password, password_hash[:29])  # bcrypt's "$2b$12$" + 22-character salt
        if computed is not None:
            return hmac.compare_digest(computed.encode("ascii"), password_hash.encode("ascii"))
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
