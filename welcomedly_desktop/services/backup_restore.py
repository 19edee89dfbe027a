"""Restore a backup without ever making things worse.

1. verify the whole file first (backups._verify);
2. refuse a schema newer than this program before touching anything;
3. restore into a *new* database ``<name>_restore_<time>`` and the upload files into staging folders;
4. check every table's row count against the manifest;
5. add the upload files to the store, and put back in S3 the originals the bucket no longer has
   (content-addressed: adding files never changes current data);
6. switch in one transaction: current -> ``<name>_before_restore`` (kept until the next successful
   backup on the built-in server; left aside on a shared one), new -> ``<name>``.

Until step 6 commits the current database is untouched; a process killed anywhere leaves at most a
``_restore_`` database (dropped by the next restore) and a staging folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from welcomedly_desktop.errors import PermissionDenied, ValidationError, WelcomedlyError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.backup_archive import read_archive
from welcomedly_desktop.services.backup_crypto import BackupFileError, DecryptingReader
from welcomedly_desktop.services.backup_originals import S3Staging
from welcomedly_desktop.services.backup_pg import (
    KEPT_SUFFIX,
    RESTORING_SUFFIX,
    Target,
    carry_database_privileges,
    database_exists,
    drop_database,
    end_sessions,
    ensure_client_group,
    row_counts,
)
from welcomedly_desktop.services.backups import RestoreSink, _target, _verify, record_failure, utcnow
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.i18n import translate

log = logging.getLogger(__name__)


class NewerSchemaError(WelcomedlyError):
    """The backup was made by a newer program (a schema revision this one does not know)."""


@dataclass
class RestoreResult:
    path: Path
    database: str
    kept_as: str | None
    tables: dict[str, int]
    files: int
    seconds: float

    def to_dict(self) -> dict:
        return {"path": str(self.path), "database": self.database, "kept_as": self.kept_as, "tables": self.tables,
                "files": self.files, "seconds": round(self.seconds, 3)}


def login_needed(db) -> bool:  # noqa: ANN001 - Database
    """A built-in database that holds users needs an admin login; an empty one (a new machine) and a
    shared server (the owner's credential decides) do not."""
    if not db.is_embedded:
        return False
    with _target(db).connect() as conn:
        if conn.execute("SELECT to_regclass('users')").fetchone()[0] is None:
            return False
        return conn.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0]


def _check_permission(db, actor: Actor | None, target: Target) -> None:  # noqa: ANN001
    if db.is_embedded:
        if login_needed(db) and (actor is None or not actor.is_admin):
            raise PermissionDenied(translate("services", "Only administrators can restore a backup over a database that holds data."))
        return
    with target.connect() as conn:
        allowed = conn.execute(
            "SELECT r.rolsuper OR pg_has_role(current_user, d.datdba, 'MEMBER') FROM pg_roles r, pg_database d "
            "WHERE r.rolname = current_user AND d.datname = current_database()").fetchone()[0]
    if not allowed:
        raise PermissionDenied(translate("services", "Restoring a shared database needs its owner's credential; {user} "
                                                     "does not own {database}.").format(
            user=target.params.get("user"), database=target.dbname))


def known_revision(revision: str | None) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from welcomedly_desktop.db import schema

    if revision is None:
        return True
    try:
        return ScriptDirectory.from_config(schema.alembic_config()).get_revision(revision) is not None
    except (CommandError, KeyError, Exception):  # noqa: BLE001 - alembic raises several kinds for unknown ids
        return False


def check_schema(info: dict) -> None:
    revision = info.get("schema_revision")
    if not known_revision(revision):
        raise NewerSchemaError(translate(
            "services", "This backup has a newer database schema ({revision}) than this program knows (made by "
                        "Welcomedly {version}), so nothing was changed; install that version or newer to restore it.").format(
            revision=revision, version=info.get("app_version", "?")))


def restore_backup(db, settings, actor: Actor | None, path: Path, passphrase: str, *, cancel=None,  # noqa: ANN001, PLR0913
                   progress=None, clock=utcnow) -> RestoreResult:
    """Restore ``path`` over the database in use (see the module's docstring)."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError("file", translate("services", "The file {path} does not exist.").format(path=path))
    target = _target(db)
    _check_permission(db, actor, target)
    try:
        result = _restore(db, settings, target, path, passphrase, cancel, progress, clock)
    except WelcomedlyError as exc:
        record_failure(db, actor, "restore", str(path), exc.user_message)
        raise
    except Exception as exc:
        record_failure(db, actor, "restore", str(path), f"{type(exc).__name__}: {exc}")
        raise
    with db.session() as session:
        audit.record(session, actor, "backup.restore", entity_type="backup", entity_id=path.name,
                     details={"path": str(path), "kept_as": result.kept_as, "files": result.files,
                              "seconds": round(result.seconds, 2)})
    return result


def _restore(db, settings, target: Target, path: Path, passphrase: str, cancel, progress, clock) -> RestoreResult:  # noqa: ANN001, PLR0913
    started = time.perf_counter()
    checked = _verify(path, passphrase, cancel=cancel, progress=progress)
    check_schema(checked.info)
    stamp = clock().astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M%S")
    name = target.dbname
    new_name = f"{name}{RESTORING_SUFFIX}{stamp}"
    uploads = settings.uploads_dir
    staging = uploads.parent / f".{uploads.name}-restoring-{stamp}"
    s3_staging = S3Staging(uploads.parent / f".s3-restoring-{stamp}")
    # Staging folders of a restore killed earlier.
    for stale in [*uploads.parent.glob(f".{uploads.name}-restoring-*"), *uploads.parent.glob(".s3-restoring-*")]:
        shutil.rmtree(stale, ignore_errors=True)
    with target.connect("postgres", autocommit=True) as admin:
        # Leftovers of a restore killed earlier.
        for (stale,) in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                                      (name + RESTORING_SUFFIX + "%",)).fetchall():
            drop_database(admin, stale)
        ensure_client_group(admin)
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(new_name)))
        try:
            result_info = _load(target, path, passphrase, new_name, staging, s3_staging, cancel, progress)
            _check_counts(target, new_name, result_info["tables"])
            carry_database_privileges(admin, target, name if database_exists(admin, name) else None, new_name)
            files = _publish_files(staging, uploads) + s3_staging.publish(settings)
            kept = _switch(admin, name, new_name, stamp, embedded=target.embedded)
        except BaseException:
            try:
                drop_database(admin, new_name)
            except psycopg.Error:
                log.warning("Could not drop the unfinished database %s", new_name, exc_info=True)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(s3_staging.folder, ignore_errors=True)
    db.dispose()  # pooled connections pointed at the database now kept aside
    return RestoreResult(path=path, database=name, kept_as=kept, tables=result_info["tables"], files=files,
                         seconds=time.perf_counter() - started)


def _load(target: Target, path: Path, passphrase: str, new_name: str, staging: Path, s3_staging: S3Staging,  # noqa: PLR0913
          cancel, progress) -> dict:  # noqa: ANN001
    name = path.name  # the messages say "The backup {name} …", each a whole translatable sentence
    sink = RestoreSink(["--dbname", target.conninfo(new_name), "--no-owner", "--exit-on-error"], env=target.env())

    def stage(relative: str, chunks: Iterable[bytes]) -> None:
        out = staging / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as f:
            for chunk in chunks:
                f.write(chunk)

    try:
        with path.open("rb") as raw:
            reader = DecryptingReader(raw, passphrase, name=name)
            result = read_archive(reader, name=name, on_info=check_schema, dump_sink=sink, file_sink=stage,
                                  s3_sink=s3_staging, cancel=cancel, progress=progress)
            reader.read_to_end()
    except BaseException:
        sink.kill()
        raise
    try:
        sink.finish(name, restoring=True)
    except BackupFileError as exc:
        raise WelcomedlyError(exc.user_message) from exc
    return result.manifest


def _check_counts(target: Target, new_name: str, expected: dict[str, int]) -> None:
    with target.connect(new_name) as conn:
        got = row_counts(conn)
    if got != expected:
        wrong = sorted(k for k in set(got) | set(expected) if got.get(k) != expected.get(k))
        raise WelcomedlyError(translate("services", "The restored database does not match the backup's row counts "
                                                    "({tables}); the current data was left as it was.").format(
            tables=", ".join(wrong[:5])))


def _publish_files(staging: Path, uploads: Path) -> int:
    if not staging.is_dir():
        return 0
    count = 0
    for path in sorted(staging.rglob("*")):
        if not path.is_file():
            continue
        dest = uploads / path.relative_to(staging)
        count += 1
        if dest.exists():
            continue  # content-addressed: the same name holds the same bytes
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, dest)
    return count


def _switch(admin: psycopg.Connection, name: str, new_name: str, stamp: str, *, embedded: bool) -> str:
    kept = f"{name}{KEPT_SUFFIX}" if embedded else f"{name}{KEPT_SUFFIX}_{stamp}"
    if database_exists(admin, kept):
        kept = f"{name}{KEPT_SUFFIX}_{stamp}"
    if not database_exists(admin, name):  # a new machine's server without the database yet
        admin.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(new_name), sql.Identifier(name)))
        return ""
    for attempt in range(20):
        end_sessions(admin, name)  # not autovacuum's: ending it needs a superuser; the rename stops it
        try:
            # Both renames in one transaction: the database called `name` is always a whole one.
            with admin.transaction():
                admin.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(name), sql.Identifier(kept)))
                admin.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(new_name), sql.Identifier(name)))
            return kept
        except psycopg.errors.ObjectInUse:
            time.sleep(0.1 * (attempt + 1))  # a client reconnected in between: end it again
    raise WelcomedlyError(translate("services", "The database {name} stayed in use by other programs, so the current "
                                                "data was left as it was; close them and restore again.").format(name=name))

