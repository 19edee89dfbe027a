"""Backups: create, verify and list encrypted archives of the database and the stored upload files.

A backup is one file ``welcomedly-YYYYMMDD-HHMMSS.wdbackup``: the archive of backup_archive.py
(the database, the local upload originals and those in S3: backup_originals.py),
encrypted as one stream by backup_crypto.py.  It is written to a temporary name in the destination,
fsynced, renamed, then read back in full from there (decrypt, check every checksum, ``pg_restore``
the whole dump to nowhere) before it is reported; a ``<file>.verified`` note records that.
Restore is in backup_restore.py, retention and the S3 copy in backup_schedule.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from welcomedly_desktop import __version__
from welcomedly_desktop.errors import OperationCancelled, ValidationError, WelcomedlyError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.backup_archive import (
    UPLOADS_PREFIX,
    ArchiveWriter,
    Progress,
    read_archive,
)
from welcomedly_desktop.services.backup_crypto import (
    BackupFileError,
    DecryptingReader,
    EncryptingWriter,
    read_header,
)
from welcomedly_desktop.services.backup_originals import archive_s3_originals, referenced_s3_uris
from welcomedly_desktop.services.backup_pg import (
    BackupToolError,
    Target,
    check_dump_tool,
    drop_kept_databases,
    low_priority,
    row_counts,
    tool,
)
from welcomedly_desktop.services.context import Actor, workstation_name
from welcomedly_desktop.services.permissions import require_admin
from welcomedly_desktop.i18n import translate

log = logging.getLogger(__name__)

SUFFIX = ".wdbackup"
VERIFIED_SUFFIX = ".verified"
ENV_PASSPHRASE = "WELCOMEDLY_BACKUP_PASSPHRASE"
KEYRING_SERVICE = "welcomedly-backup"
KEYRING_USER = "passphrase"

Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# -- passphrase -------------------------------------------------------------------------------
def keyring_passphrase() -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or None
    except Exception:  # noqa: BLE001 - no keyring backend on this machine
        log.info("No keyring available for the backup passphrase")
        return None


def store_passphrase(passphrase: str) -> None:
    """Keep the passphrase in the OS keyring (for automatic backups); a sentence when there is none."""
    if len(passphrase) < 8:
        raise ValidationError("passphrase", translate("services", "The backup passphrase must have at least 8 characters."))
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, passphrase)
    except Exception as exc:  # noqa: BLE001
        raise WelcomedlyError(translate(
            "services", "This computer has no keyring to keep the backup passphrase, so automatic backups cannot run; "
            "set WELCOMEDLY_BACKUP_PASSPHRASE for the scheduled command instead.")) from exc


def passphrase_from(env: dict | None = None, prompt: Callable[[], str | None] | None = None) -> str:
    """$WELCOMEDLY_BACKUP_PASSPHRASE, else the prompt (a terminal), else the OS keyring."""
    env = os.environ if env is None else env
    value = env.get(ENV_PASSPHRASE)
    if not value and prompt is not None:
        value = prompt()
    if not value:
        value = keyring_passphrase()
    if not value:
        raise ValidationError(
            "passphrase",
            translate("services", "No backup passphrase: set ${env}, run the command in a terminal, or keep one in "
                      "Settings → Backups.").format(env=ENV_PASSPHRASE),
        )
    return value


# -- results ----------------------------------------------------------------------------------
@dataclass
class BackupResult:
    path: Path
    bytes: int
    sha256: str
    created_at: dt.datetime
    tables: dict[str, int]
    files: int
    seconds: float
    dump_bytes: int = 0
    #: Originals the database refers to that S3 no longer had (not in the backup; in its manifest).
    s3_missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"path": str(self.path), "bytes": self.bytes, "sha256": self.sha256,
                "created_at": self.created_at.isoformat(), "tables": self.tables, "files": self.files,
                "seconds": round(self.seconds, 3)}


@dataclass
class VerifyResult:
    path: Path
    bytes: int
    sha256: str
    info: dict
    files: int
    dump_bytes: int
    seconds: float


@dataclass
class BackupEntry:
    path: Path
    bytes: int
    created_at: dt.datetime | None
    schema_revision: str | None
    app_version: str | None
    verified: bool
    verified_at: str | None = None
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"path": str(self.path), "name": self.path.name, "bytes": self.bytes,
                "created_at": self.created_at.isoformat() if self.created_at else None,
                "schema_revision": self.schema_revision, "app_version": self.app_version,
                "verified": self.verified, "verified_at": self.verified_at}


# -- create -----------------------------------------------------------------------------------
def default_dir(settings) -> Path:  # noqa: ANN001 - Settings
    chosen = getattr(getattr(settings, "backup", None), "directory", None)
    return Path(chosen).expanduser() if chosen else settings.data_dir / "backups"


def _target(db) -> Target:  # noqa: ANN001 - Database
    return Target.from_url(db.url, embedded=db.is_embedded)


def _upload_files(settings) -> list[tuple[str, Path]]:  # noqa: ANN001
    """The locally stored originals (content-addressed, so their names are their identity)."""
    root = settings.uploads_dir
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith(".incoming-"):
            found.append((UPLOADS_PREFIX + path.relative_to(root).as_posix(), path))
    return found


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_backup(db, settings, actor: Actor, passphrase: str, *, out_dir: Path | None = None,  # noqa: ANN001, PLR0913
                  automatic: bool = False, cancel: Callable[[], bool] | None = None,
                  progress: Progress | None = None, clock: Clock = utcnow, scrypt_n: int | None = None) -> BackupResult:
    """Back up the database in use and the stored upload files; verified before it returns.
    Admins only, except the desktop app's automatic backup."""
    if not automatic:
        require_admin(actor, "make backups")
    out_dir = Path(out_dir) if out_dir else default_dir(settings)
    try:
        result = _create(db, settings, actor, passphrase, out_dir, automatic, cancel, progress, clock, scrypt_n)
    except WelcomedlyError as exc:
        record_failure(db, actor, "backup", str(out_dir), exc.user_message)
        raise
    except Exception as exc:
        record_failure(db, actor, "backup", str(out_dir), f"{type(exc).__name__}: {exc}")
        raise
    with db.session() as session:
        audit.record(session, actor, "backup.create", entity_type="backup", entity_id=result.path.name,
                     details={"path": str(result.path), "bytes": result.bytes, "sha256": result.sha256,
                              "files": result.files, "seconds": round(result.seconds, 2), "automatic": automatic,
                              **({"s3_missing": result.s3_missing} if result.s3_missing else {})})
    _drop_before_restore(db)
    return result


def _create(db, settings, actor, passphrase, out_dir, automatic, cancel, progress, clock, scrypt_n):  # noqa: ANN001, ANN202, PLR0913
    from welcomedly_desktop.db import schema

    started = time.perf_counter()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError("out", translate("services", "The backup folder {folder} cannot be created: {reason}.").format(
            folder=out_dir, reason=exc.strerror or exc)) from exc
    if not out_dir.is_dir():
        raise ValidationError("out", translate("services", "{folder} is not a folder.").format(folder=out_dir))
    created_at = clock().astimezone(dt.timezone.utc).replace(microsecond=0)
    final = out_dir / f"welcomedly-{created_at:%Y%m%d-%H%M%S}{SUFFIX}"
    n = 1
    while final.exists():
        n += 1
        final = out_dir / f"welcomedly-{created_at:%Y%m%d-%H%M%S}-{n}{SUFFIX}"
    target = _target(db)
    files = _upload_files(settings)
    # Row counts and the dump come from one snapshot: the manifest's counts are the dump's.
    with target.connect(autocommit=True) as conn:
        pg_version = check_dump_tool(conn)
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = row_counts(conn)
        s3_uris = referenced_s3_uris(conn)
        info = {
            "kind": "welcomedly-backup", "app_version": __version__, "schema_revision": schema.current_revision(db),
            "postgresql_version": pg_version, "created_at": created_at.isoformat(),
            "created_by": actor.email or actor.name, "workstation": workstation_name(),
            "database": "built-in" if target.embedded else target.dbname, "tables": counts,
            "files": len(files) + len(s3_uris), "automatic": automatic,
        }
        public = {k: info[k] for k in ("app_version", "schema_revision", "created_at", "postgresql_version")}
        fd, tmp_name = tempfile.mkstemp(dir=out_dir, prefix=f".{final.stem}-", suffix=".partial")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as raw, tempfile.TemporaryFile() as errors:
                enc = EncryptingWriter(raw, passphrase, public, **({"scrypt_n": scrypt_n} if scrypt_n else {}))
                archive = ArchiveWriter(enc, cancel, progress)
                archive.add_json("backup.json", info)
                dump = subprocess.Popen(
                    [tool("pg_dump"), "--format=custom", "--compress=6", f"--snapshot={snapshot}",
                     f"--dbname={target.conninfo()}"],
                    stdout=subprocess.PIPE, stderr=errors, env=target.env(),
                    preexec_fn=low_priority if automatic and os.name != "nt" else None,
                )
                try:
                    dump_entry = archive.add_dump(dump.stdout)
                finally:
                    if dump.poll() is None and (cancel and cancel()):
                        dump.kill()
                    dump.stdout.close()
                    rc = dump.wait()
                if rc != 0:
                    errors.seek(0)
                    message = errors.read().decode("utf-8", "replace").strip().splitlines()
                    raise BackupToolError(translate("services", "pg_dump failed: {reason}.").format(
                        reason=message[-1] if message else f"exit code {rc}"))
                for arcname, path in files:
                    archive.add_file(arcname, path)
                s3_added, s3_missing = archive_s3_originals(archive, settings, s3_uris)
                archive.add_json("manifest.json", {**info, "files": len(files) + s3_added, "s3_missing": s3_missing,
                                                   "members": archive.members})
                archive.close()
                enc.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, final)
            _fsync_dir(out_dir)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            conn.execute("COMMIT")
    try:
        checked = _verify(final, passphrase, cancel=cancel, progress=progress, low=automatic)
    except BaseException:
        # Never leave an archive that failed its read-back where it looks like a backup.
        final.unlink(missing_ok=True)
        raise
    return BackupResult(path=final, bytes=checked.bytes, sha256=checked.sha256, created_at=created_at,
                        tables=counts, files=len(files) + s3_added, seconds=time.perf_counter() - started,
                        dump_bytes=dump_entry["size"], s3_missing=s3_missing)


def _drop_before_restore(db) -> None:  # noqa: ANN001
    """The database kept aside by the last restore goes once a newer backup succeeded."""
    try:
        drop_kept_databases(_target(db))
    except Exception:  # noqa: BLE001 - housekeeping: the backup itself succeeded
        log.warning("Could not drop the database kept by the last restore", exc_info=True)


# -- verify -----------------------------------------------------------------------------------
class _HashingFile:
    def __init__(self, raw) -> None:  # noqa: ANN001
        self._raw = raw
        self.digest = hashlib.sha256()
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.digest.update(data)
        self.count += len(data)
        return data


class RestoreSink:
    """Feeds the dump's bytes to a pg_restore process (to nowhere, or into a database)."""

    def __init__(self, args: list[str], env: dict | None = None, low: bool = False) -> None:
        self._errors = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([tool("pg_restore"), *args], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=self._errors, env=env,
                                     preexec_fn=low_priority if low and os.name != "nt" else None)
        self._broken = False

    def __call__(self, chunk: bytes) -> None:
        if self._broken:
            return
        try:
            self.proc.stdin.write(chunk)
        except BrokenPipeError:
            self._broken = True  # pg_restore stopped early: its exit code says why

    def finish(self, name: str, *, restoring: bool = False) -> None:
        """Wait for pg_restore; BackupFileError naming the backup ``name`` when it failed."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        rc = self.proc.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        self._errors.close()
        if rc != 0:
            detail = next((ln for ln in lines if "error" in ln.lower()), lines[-1] if lines else f"exit code {rc}")
            if restoring:
                raise BackupFileError(translate("services", "pg_restore could not restore the database dump of the "
                                                            "backup {name} ({reason}).").format(name=name, reason=detail.strip()))
            raise BackupFileError(translate("services", "pg_restore could not read the database dump of the backup "
                                                        "{name} ({reason}).").format(name=name, reason=detail.strip()))

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._errors.close()


def _verify(path: Path, passphrase: str, *, cancel=None, progress=None, low: bool = False) -> VerifyResult:  # noqa: ANN001
    started = time.perf_counter()
    name = path.name  # the messages say "The backup {name} …", each a whole translatable sentence
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise BackupFileError(translate("services", "The file {path} cannot be read: {reason}.").format(
            path=path, reason=exc.strerror or exc)) from exc
    with raw:
        hashing = _HashingFile(raw)
        reader = DecryptingReader(hashing, passphrase, name=name)
        sink = RestoreSink(["--file", os.devnull], low=low)
        try:
            result = read_archive(reader, name=name, on_info=lambda info: None, dump_sink=sink,
                                  cancel=cancel, progress=progress)
            reader.read_to_end()
        except BaseException:
            sink.kill()
            raise
        sink.finish(name)
        rest = raw.read(1)
        if rest:
            raise BackupFileError(translate("services", "The backup {name} has data after its end: it was tampered "
                                                        "with.").format(name=name))
    write_verified_note(path, hashing.digest.hexdigest(), hashing.count)
    return VerifyResult(path=path, bytes=hashing.count, sha256=hashing.digest.hexdigest(), info=result.manifest,
                        files=len(result.files), dump_bytes=result.dump_size, seconds=time.perf_counter() - started)


def verify_backup(path: Path, passphrase: str, *, db=None, actor: Actor | None = None, cancel=None,  # noqa: ANN001
                  progress=None) -> VerifyResult:
    """Decrypt, check every checksum and read the whole dump; BackupFileError says what is wrong.
    Audited when a database is at hand."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError("file", translate("services", "The file {path} does not exist.").format(path=path))
    try:
        result = _verify(path, passphrase, cancel=cancel, progress=progress)
    except WelcomedlyError as exc:
        path_note(path).unlink(missing_ok=True)
        if db is not None:
            record_failure(db, actor, "verify", str(path), exc.user_message)
        raise
    if db is not None:
        with db.session() as session:
            audit.record(session, actor, "backup.verify", entity_type="backup", entity_id=path.name,
                         details={"path": str(path), "bytes": result.bytes, "sha256": result.sha256})
    return result


def path_note(path: Path) -> Path:
    return path.with_name(path.name + VERIFIED_SUFFIX)


def write_verified_note(path: Path, sha256: str, size: int) -> None:
    note = path_note(path)
    tmp = note.with_name(note.name + ".tmp")
    tmp.write_text(json.dumps({"sha256": sha256, "bytes": size, "verified_at": utcnow().isoformat()}))
    os.replace(tmp, note)


# -- list -------------------------------------------------------------------------------------
def read_entry(path: Path) -> BackupEntry | None:
    """What a backup file says about itself without the passphrase (None: not a backup)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as raw:
            header, _ = read_header(raw)
    except (OSError, BackupFileError):
        return None
    info = header.get("info") or {}
    try:
        created = dt.datetime.fromisoformat(info["created_at"])
    except (KeyError, TypeError, ValueError):
        created = None
    verified, verified_at = False, None
    try:
        note = json.loads(path_note(path).read_text())
        verified = note.get("bytes") == size
        verified_at = note.get("verified_at")
    except (OSError, ValueError, AttributeError):
        pass
    return BackupEntry(path=path, bytes=size, created_at=created, schema_revision=info.get("schema_revision"),
                       app_version=info.get("app_version"), verified=verified, verified_at=verified_at)


def list_backups(directory: Path) -> list[BackupEntry]:
    """The backups in ``directory``, newest first."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ValidationError("dir", translate("services", "The folder {folder} does not exist.").format(folder=directory))
    entries = [e for p in directory.glob(f"*{SUFFIX}") if p.is_file() and (e := read_entry(p)) is not None]
    epoch = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return sorted(entries, key=lambda e: (e.created_at or epoch, e.path.name), reverse=True)


# -- audit of failures ------------------------------------------------------------------------
def record_failure(db, actor: Actor | None, operation: str, target: str, reason: str) -> None:  # noqa: ANN001
    """Every failed backup, verify or restore goes to the audit log (when the database answers)."""
    try:
        with db.session() as session:
            audit.record(session, actor, "backup.failed", entity_type="backup", entity_id=Path(target).name,
                         details={"operation": operation, "target": target, "reason": reason})
    except Exception:  # noqa: BLE001 - the database itself may be what failed
        log.warning("Could not audit the failed %s of %s: %s", operation, target, reason, exc_info=True)


__all__ = ["BackupEntry", "BackupFileError", "BackupResult", "OperationCancelled", "VerifyResult", "create_backup",
           "list_backups", "passphrase_from", "verify_backup"]
