"""What a login attempt stores about the identifier typed: never the text itself unless it is a user's.

The rule (issue 20), the same for every client and for a login written in SQL:
- the identifier is normalised as ``lower(trim(typed))``;
- when a user has that e-mail (``lower(users.email)``), the throttle key is that e-mail and the
  audit row names the user, as before;
- otherwise the throttle key is ``'unknown:' || encode(sha256(secret || convert_to(normalised,
  'UTF8')), 'hex')`` with ``secret = (SELECT secret FROM login_key WHERE id = 1)``, and the audit
  row's actor_email is ``'unknown'``.  The same mistyped text is throttled like any e-mail, yet a
  password typed into the e-mail field cannot be read back from the database.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import LoginKey, User
from welcomedly_desktop.services.validation import MAX_EMAIL_LENGTH, is_single_line

UNKNOWN = "unknown"
UNKNOWN_PREFIX = "unknown:"


def normalise(typed: str | None) -> str:
    return (typed or "").strip().lower()


def find_user(session: Session, normalised: str) -> User | None:
    """The user with this e-mail; None without asking the database when no e-mail can be this text
    (NUL, control characters, invalid UTF-8, too long: e-mails are validated when stored)."""
    if not normalised or len(normalised) > MAX_EMAIL_LENGTH or not is_single_line(normalised):
        return None
    return session.scalar(select(User).where(func.lower(User.email) == normalised))


def unknown_key(session: Session, normalised: str) -> str:
    secret = session.scalar(select(LoginKey.secret).where(LoginKey.id == 1))
    if secret is None:  # a database that has not run migration 0008: refuse rather than store the text
        raise RuntimeError("login_key has no secret; run the database migrations")
    digest = hashlib.sha256(bytes(secret) + normalised.encode("utf-8", "surrogatepass")).hexdigest()
    return UNKNOWN_PREFIX + digest


def throttle_key(session: Session, normalised: str, user: User | None) -> str:
    return user.email.lower() if user is not None else unknown_key(session, normalised)
