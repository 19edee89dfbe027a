"""The shared database server's password: kept in the OS keyring, never in the settings file.

On a machine without a keyring backend (headless Linux) ``keyring`` raises ``NoKeyringError``; then
the password lives only in this process's memory and the user is asked for it at each start.
The keyring entry is keyed by the URL *without* its password, so changing server or user never
reuses a stale secret.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

SERVICE = "Welcomedly Desktop database"
# Passwords typed in this session when the keyring could not keep them.
_memory: dict[str, str] = {}


def _key(url: str) -> str:
    from welcomedly_desktop.config import strip_password

    return strip_password(url)


def has_password(url: str) -> bool:
    try:
        return make_url(url).password is not None
    except Exception:  # noqa: BLE001
        return False


def with_password(url: str, password: str | None) -> str:
    if not password:
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def remember(url: str, password: str) -> bool:
    """Store the password for ``url``; False when this machine has no keyring (kept in memory only)."""
    import keyring
    from keyring.errors import KeyringError

    _memory[_key(url)] = password
    try:
        keyring.set_password(SERVICE, _key(url), password)
    except KeyringError as exc:  # NoKeyringError and locked/failed backends alike
        log.warning("Cannot store the database password in the keyring: %s", exc)
        return False
    except Exception as exc:  # noqa: BLE001 - e.g. a D-Bus failure inside a backend
        log.warning("The keyring failed while storing the database password: %s", exc)
        return False
    return True


def recall(url: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    key = _key(url)
    if key in _memory:
        return _memory[key]
    try:
        return keyring.get_password(SERVICE, key)
    except KeyringError as exc:
        log.info("No keyring available to read the database password: %s", exc)
        return None
    except Exception as exc:  # noqa: BLE001 - a broken backend must not stop start-up
        log.warning("The keyring failed while reading the database password: %s", exc)
        return None


def effective_url(url: str | None) -> str | None:
    """The URL to connect with: the configured one plus the remembered password, if any."""
    if not url or has_password(url):
        return url
    password = recall(url)
    return with_password(url, password) if password else url
