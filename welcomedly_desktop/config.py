"""Settings: where data lives, which database, storage and limits.

Precedence (highest first): command-line flags, environment variables, the settings file
(``settings.json`` in the data folder), built-in defaults.  Secrets are never written to the
settings file: a shared database password or S3 secret key lives in the OS keyring (see
:mod:`welcomedly_desktop.secrets`) or comes from the environment.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from welcomedly_desktop import APP_ID, APP_NAME
from welcomedly_desktop.errors import ConfigurationError
from welcomedly_desktop.safe_files import PRIVATE_FILE_MODE, ensure_private_dir, make_private

log = logging.getLogger(__name__)

ENV_DATA_DIR = "WELCOMEDLY_DATA_DIR"
ENV_DATABASE_URL = "WELCOMEDLY_DATABASE_URL"
SETTINGS_FILE_NAME = "settings.json"


def default_data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class StorageSettings:
    """Where original upload files are kept."""

    backend: str = "local"  # "local" or "s3"
    local_dir: str | None = None  # default: <data_dir>/uploads
    s3_bucket: str | None = None
    s3_prefix: str = "welcomedly/"
    s3_region: str | None = None
    s3_endpoint_url: str | None = None
    s3_access_key_id: str | None = None  # secret key: env AWS_SECRET_ACCESS_KEY or keyring


@dataclass(frozen=True)
class BackupSettings:
    """Automatic backups (services/backups.py): where, how many, and an optional S3 copy."""

    directory: str | None = None  # default: <data_dir>/backups
    keep_daily: int = 30
    keep_monthly: int = 12
    s3_copy: bool = False  # a copy to the uploads' S3 bucket, under <prefix>backups/
    automatic: bool = True  # the desktop app backs up the built-in database once a day


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    #: None means "use the embedded PostgreSQL in data_dir/pgdata".
    database_url: str | None = None
    statement_timeout_ms: int = 60_000
    lock_timeout_ms: int = 10_000
    idle_in_transaction_timeout_ms: int = 300_000
    connect_timeout_s: int = 10
    max_upload_bytes: int = 512 * 1024 * 1024
    max_rows: int = 1_048_576
    max_columns: int = 500
    default_country_code: str = "1"
    #: "es" or "en"; None follows WELCOMEDLY_LANG, then the OS locale (see i18n.py).
    language: str | None = None
    storage: StorageSettings = field(default_factory=StorageSettings)
    backup: BackupSettings = field(default_factory=BackupSettings)

    # -- derived locations -------------------------------------------------------------------
    @property
    def settings_file(self) -> Path:
        return self.data_dir / SETTINGS_FILE_NAME

    @property
    def pgdata_dir(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def uploads_dir(self) -> Path:
        return Path(self.storage.local_dir) if self.storage.local_dir else self.data_dir / "uploads"

    @property
    def uses_embedded_database(self) -> bool:
        return not self.database_url

    def with_changes(self, **changes: Any) -> "Settings":
        return replace(self, **changes)


_PERSISTED_KEYS = {f.name for f in fields(Settings)} - {"data_dir"}


def _read_settings_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        # A corrupt settings file must never stop the program from starting: warn and ignore it.
        log.warning("Ignoring unreadable settings file %s: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("Ignoring settings file %s: it does not hold an object", path)
        return {}
    if path.stat().st_mode & 0o077:  # written by a version before files were private
        make_private(path)
    return {k: v for k, v in data.items() if k in _PERSISTED_KEYS}


def load_settings(*, data_dir: str | Path | None = None, database_url: str | None = None) -> Settings:
    """Build the effective settings from flags, environment and the settings file."""
    base_dir = Path(data_dir).expanduser() if data_dir else default_data_dir()
    raw = _read_settings_file(base_dir / SETTINGS_FILE_NAME)
    storage_raw = raw.pop("storage", None) or {}
    storage_fields = {f.name for f in fields(StorageSettings)}
    storage = StorageSettings(**{k: v for k, v in storage_raw.items() if k in storage_fields})
    env_storage = {
        "backend": os.environ.get("WELCOMEDLY_STORAGE"),
        "s3_bucket": os.environ.get("WELCOMEDLY_S3_BUCKET"),
        "s3_prefix": os.environ.get("WELCOMEDLY_S3_PREFIX"),
        "s3_region": os.environ.get("WELCOMEDLY_S3_REGION"),
        "s3_endpoint_url": os.environ.get("WELCOMEDLY_S3_ENDPOINT_URL"),
        "local_dir": os.environ.get("WELCOMEDLY_UPLOADS_DIR"),
    }
    storage = replace(storage, **{k: v for k, v in env_storage.items() if v})

    backup_raw = raw.pop("backup", None) or {}
    backup_fields = {f.name for f in fields(BackupSettings)}
    backup = BackupSettings(**{k: v for k, v in backup_raw.items() if k in backup_fields}) \
        if isinstance(backup_raw, dict) else BackupSettings()
    try:
        settings = Settings(data_dir=base_dir, storage=storage, backup=backup, **raw)
    except TypeError as exc:  # pragma: no cover - wrong value types in the file
        raise ConfigurationError(f"The settings file {base_dir / SETTINGS_FILE_NAME} is not valid: {exc}.") from exc

    url = database_url or os.environ.get(ENV_DATABASE_URL) or settings.database_url
    if url:
        settings = replace(settings, database_url=normalize_database_url(url))
    if os.environ.get("WELCOMEDLY_MAX_UPLOAD_MB"):
        settings = replace(settings, max_upload_bytes=int(os.environ["WELCOMEDLY_MAX_UPLOAD_MB"]) * 1024 * 1024)
    return settings


def normalize_database_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver."""
    url = url.strip()
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise ConfigurationError(
        "The database URL must start with postgresql:// (for example postgresql://user@server/welcomedly)."
    )


def plain_postgresql_url(url: str) -> str:
    """A normalised URL as libpq takes it and people write it: ``postgresql://``, no driver name."""
    prefix = "postgresql+psycopg://"
    return "postgresql://" + url[len(prefix):] if url.startswith(prefix) else url


def save_settings(settings: Settings, **changes: Any) -> Settings:
    """Persist ``changes`` into the settings file (secrets excluded) and return the new settings."""
    for key in changes:
        if key not in _PERSISTED_KEYS:
            raise ConfigurationError(f"Unknown setting {key!r}.")
    path = settings.settings_file
    current = _read_settings_file(path)
    for key, value in changes.items():
        if key in ("storage", "backup") and isinstance(value, (StorageSettings, BackupSettings)):
            value = asdict(value)
        if key == "database_url" and value:
            value = strip_password(value)
        current[key] = value
    ensure_private_dir(path.parent)
    tmp = path.with_suffix(".json.tmp")
    # 0600: the server address and user names are nobody else's business on a shared workstation.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(current, indent=2, sort_keys=True))
    make_private(tmp)  # a stale .tmp left with another mode
    os.replace(tmp, path)  # atomic: never a half-written settings file
    return replace(settings, **changes)


#: Query-string keys whose value is a secret: libpq's ``password`` and ``sslpassword`` and anything
#: that looks like one (``api_token``, ``client_secret``, ``passwd`` ...).
_SECRET_KEY = re.compile(r"pass|pwd|secret|token|credential|(^|_)key$", re.IGNORECASE)
MASK = "***"


def _is_secret_key(key: str) -> bool:
    return bool(_SECRET_KEY.search(key))


def _without_secrets(url: str, *, mask: bool) -> str:
    """``url`` with its password and secret query values masked (``mask``) or removed."""
    from sqlalchemy.engine import URL, make_url

    try:
        parsed = make_url(url)
        query = {}
        for key, value in parsed.query.items():
            if _is_secret_key(key):
                if mask:
                    query[key] = MASK
            else:
                query[key] = value
        # URL.set(password=None) keeps the old value (None means "unchanged"); rebuild instead.
        bare = URL.create(
            parsed.drivername, username=parsed.username,
            password=(MASK if mask and parsed.password is not None else None),
            host=parsed.host, port=parsed.port, database=parsed.database, query=query,
        )
        # URL rendering percent-encodes the mask; show it as people read it.
        return bare.render_as_string(hide_password=False).replace("%2A%2A%2A", MASK)
    except Exception:  # noqa: BLE001 - a display helper never fails, and never leaks what it cannot parse
        return _mask_by_pattern(url)


def _mask_by_pattern(url: str) -> str:
    """Last resort for a URL SQLAlchemy cannot parse: mask ``user:...@`` and secret query values."""
    url = re.sub(r"(//[^/@:?#]*):[^/@?#]*@", rf"\1:{MASK}@", url)
    return re.sub(
        r"([?&;])([^=&;#]*)=([^&;#]*)",
        lambda m: f"{m.group(1)}{m.group(2)}={MASK if _is_secret_key(m.group(2)) else m.group(3)}",
        url,
    )


def strip_password(url: str) -> str:
    """Return ``url`` without its password or any secret query value (for the settings file)."""
    return _without_secrets(url, mask=False)


def url_password(url: str) -> str | None:
    """The password a URL carries, in ``user:password@`` or in the query string (``?password=``)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001
        return None
    if parsed.password is not None:
        return str(parsed.password)
    value = parsed.query.get("password")
    if isinstance(value, tuple):
        value = value[-1] if value else None
    return value or None


def display_url(url: str) -> str:
    """``url`` for people and logs: the password and every secret-looking query value masked."""
    return _without_secrets(url, mask=True)


def short_url(url: str) -> str:
    """``host:port/database`` of a database URL, for a status bar (no user, password or options)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    where = f"{host}:{parts.port}" if parts.port else host
    return f"{where}{parts.path or ''}"


__all__ = [
    "APP_ID",
    "BackupSettings",
    "Settings",
    "StorageSettings",
    "display_url",
    "load_settings",
    "short_url",
    "normalize_database_url",
    "save_settings",
    "strip_password",
    "url_password",
]

