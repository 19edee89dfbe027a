"""Imports use cases: import a lead file, list uploads, fetch an original (rejected rows: upload_rejects).

Both faces call these: the CLI directly, the GUI from a worker thread.  The engine is behind
``importing``'s front door; this module owns the use case: permissions, the upload row, audit.
``import_file`` manages its own transactions (it must commit the upload row before the long load, so
that a crash leaves a visible "processing" row that a later start reports as interrupted); the
others take a Session.

Transactions of one import:
1. ``uploaded``: the upload row, committed (the unique index on (campaign, sha256) refuses a file
   imported before, even by a racing workstation).
2. ``processing``: committed once the loading connection is open and tagged with
   ``application_name = welcomedly-import:<id>``, which is how any workstation can later tell a
   running import from one whose process died (see :func:`mark_interrupted_uploads`).
3. The load: staging, records, rejects, counts and ``processed`` in ONE transaction.
   Failure or cancel rolls all of it back; the row is then marked failed/cancelled with the reason.
   The original file is stored meanwhile, on a thread (its URI is known in advance: content
   addressing); the load waits for it before committing, and a failure to store it fails the upload.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Collection
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil
import psycopg
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from welcomedly_desktop import importing
from welcomedly_desktop.db.models import BaseCampaignData, Campaign, User
from welcomedly_desktop.errors import (DatabaseUnavailable, DuplicateError, NotFoundError, OperationCancelled,
                                      WelcomedlyError)
from welcomedly_desktop.importing import (FilePreview, ImportOptions, LoadCounts, NeverCancelled, ProgressCallback,
                                          ProgressReporter, check_cancel)
from welcomedly_desktop.services import audit, org_settings, upload_progress, upload_warnings
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.services.validation import existing_id
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)
load_log = logging.getLogger("welcomedly_desktop.importing.loader")  # the import's step lines

APP_NAME_PREFIX = "welcomedly-import:"
INTERRUPTED_MESSAGE = QT_TRANSLATE_NOOP(
    "services",
    "Interrupted: the program that was importing this file ({worker}) stopped before it finished; "
    "no records were added.",
)


# -- views ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportSummary:
    upload_id: int
    status: str
    rows_total: int
    imported: int
    rejected: int
    duplicates: int
    dnc: int
    seconds: float
    #: Imported rows with a possible phone number unknown to the numbering plan (issue 18).
    warnings: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UploadView:
    id: int
    campaign_id: int
    campaign_name: str | None
    original_filename: str | None
    file_path: str | None
    size_bytes: int | None
    sha256: str | None
    file_format: str | None
    encoding: str | None
    delimiter: str | None
    sheet_name: str | None
    column_mapping: dict[str, Any] | None
    dedupe_scope: str | None
    uploaded_by: int | None
    uploaded_by_name: str | None
    status: str
    rows_total: int
    imported: int
    rejected: int
    duplicates: int
    dnc: int
    warnings: int
    error_message: str | None
    uploaded_at: dt.datetime
    processed_at: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def worker_id() -> str:
    return f"{os.getpid()}@{socket.gethostname()}"


# -- import -----------------------------------------------------------------------------------
def existing_campaign(session: Session, campaign_id: int) -> Campaign:
    """The campaign, or NotFoundError."""
    campaign = session.get(Campaign, existing_id(campaign_id, "Campaign"))
    if campaign is None:
        raise NotFoundError(translate("services", "Campaign {campaign_id} does not exist.").format(campaign_id=campaign_id))
    return campaign


def _previous_import(session: Session, campaign_id: int, sha256: str) -> str | None:
    row = session.execute(
        select(BaseCampaignData.id, BaseCampaignData.uploaded_at, User.name, User.email)
        .outerjoin(User, User.id == BaseCampaignData.uploaded_by)
        .where(
            BaseCampaignData.campaign_id == campaign_id,
            BaseCampaignData.sha256 == sha256,
            BaseCampaignData.status.notin_(("failed", "cancelled")),
        )
        .order_by(BaseCampaignData.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    when = row.uploaded_at.astimezone().strftime("%Y-%m-%d %H:%M")
    who = row.name or row.email or translate("services", "an unknown user")
    return translate("services", "This file was already imported into this campaign on {when} by {who} (upload {upload_id}).").format(
        when=when, who=who, upload_id=row.id)


def _open_mapped(db, campaign_id: int, path: Path, options: ImportOptions, *, prefetched=None,  # noqa: ANN001
                 require_phone: bool = True) -> tuple[importing.ImportFile, str | None]:
    """The file checked, opened and mapped (explicit, then the campaign's saved mapping, then guesses);
    and the sentence about its previous import into the campaign, if any."""
    file = importing.open_file(path, db.settings, options, prefetched)
    try:
        with db.session() as session:
            campaign = existing_campaign(session, campaign_id)
            saved = campaign.default_mapping if isinstance(campaign.default_mapping, dict) else None
            previous = _previous_import(session, campaign_id, file.sha256)
        file.map_columns(options.mapping, saved, require_phone=require_phone)
    except BaseException:
        file.close()
        raise
    return file, previous


def preview_file(db, actor: Actor, path: str | Path, campaign_id: int, options: ImportOptions | None = None) -> FilePreview:  # noqa: ANN001
    """What the import dialog shows before anything is written: format facts, first rows, mapping."""
    options = options or ImportOptions()
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "import files"))
    # No phone column recognised is not an error here: the dialog lets the user choose it.
    file, previous = _open_mapped(db, campaign_id, Path(path), options, require_phone=False)
    with file:
        return file.preview(already_imported=previous)


def import_file(
    db,  # noqa: ANN001 - Database
    actor: Actor,
    path: str | Path,
    campaign_id: int,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel=None,  # noqa: ANN001 - anything with is_set()
    prefetched=None,  # noqa: ANN001 - a FilePrefetch of this path and options, already at work
) -> ImportSummary:
    """Check, store and load one file into a campaign; return the summary.

    Raises ImportFileError (file refused or failed), DuplicateError (imported before),
    OperationCancelled, PermissionDenied, NotFoundError.  Nothing is added unless it all succeeds.
    ``prefetched`` (importing/prefetch.py) has checked and opened the file meanwhile; its result is
    used after the permission check, as the file's own checks would be.
    """
    started = time.monotonic()
    options = options or ImportOptions()
    cancel = cancel or NeverCancelled()
    shared = upload_progress.SharedProgress(db, progress)
    report = ProgressReporter(shared)
    path = Path(path)
    try:
        return _import_checked(db, actor, path, campaign_id, options, report, cancel, started, prefetched, shared)
    finally:
        if prefetched is not None:
            prefetched.discard()  # when not taken (refused before): close what it opened
        importing.forget_parsed_workbook()  # a workbook parsed for the preview is not needed any more


def forget_preview() -> None:
    """The import dialog was closed without importing: drop the workbook its preview parsed."""
    importing.forget_parsed_workbook()


def _import_checked(db, actor, path, campaign_id, options, report, cancel, started, prefetched,  # noqa: ANN001, PLR0913
                    shared: upload_progress.SharedProgress) -> ImportSummary:
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "import files"))
    file, previous = _open_mapped(db, campaign_id, path, options, prefetched=prefetched)
    load_log.info("import step ready: logged in, %s checked (%s, %d bytes)", file.file_name, file.facts.kind,
                  file.facts.size)
    with file:
        if previous:
            raise DuplicateError("file", previous)
        check_cancel(cancel)
        upload_id = _create_upload(db, actor, campaign_id, file, options)
        shared.upload_id = upload_id
        try:
            counts, warnings = _load(db, actor, upload_id, campaign_id, file, options, report, cancel)
        except OperationCancelled as exc:
            _finish_failed(db, upload_id, "cancelled", exc.user_message)
            raise
        except WelcomedlyError as exc:  # the original that could not be kept (StorageError) among them
            _finish_failed(db, upload_id, "failed", exc.user_message)
            raise
        except (OperationalError, psycopg.OperationalError) as exc:  # SQLAlchemy's, or raw from the loader thread
            message = translate("services", "The connection to the database was lost during the import; no records were added.")
            # The import is over (its transaction died with the connection); the upload row says so
            # as soon as the server answers again, not at some later command.
            db.wait_until_reachable()
            _finish_failed(db, upload_id, "failed", message)
            raise DatabaseUnavailable(message, detail=str(exc)) from exc
        except Exception as exc:
            log.exception("Import of upload %s failed", upload_id)
            _finish_failed(db, upload_id, "failed", translate("services", "The import failed ({error}); no records were added.").format(error=type(exc).__name__))
            raise
        except BaseException:  # SIGTERM/Ctrl+C: the transaction is gone; say so if we still can
            _finish_failed(db, upload_id, "cancelled", translate("services", "Interrupted before it finished; no records were added."))
            raise
    report("done", counts.rows_total, 1.0, force=True)
    return ImportSummary(
        upload_id=upload_id, status="processed", seconds=round(time.monotonic() - started, 3), warnings=warnings,
        **counts.to_dict()
    )


def _create_upload(db, actor, campaign_id, file: importing.ImportFile, options) -> int:  # noqa: ANN001
    try:
        with db.session() as session:
            upload = BaseCampaignData(
                campaign_id=campaign_id,
                file_path=file.original_uri,
                original_filename=file.file_name,
                size_bytes=file.facts.size,
                sha256=file.sha256,
                file_format=file.info.file_format,
                encoding=file.info.encoding,
                delimiter=file.info.delimiter,
                sheet_name=file.info.sheet,
                column_mapping=file.mapping,
                dedupe_scope=options.dedupe.value,
                uploaded_by=actor.user_id,
                status="uploaded",
            )
            session.add(upload)
            session.flush()
            audit.record(
                session, actor, "upload.create", entity_type="upload", entity_id=upload.id,
                details={"campaign_id": campaign_id, "file": file.file_name, "sha256": file.sha256,
                         "size": file.facts.size,
                         # a symbolic link was given: the file really read (issue 20)
                         **({"real_path": file.real_path} if file.real_path else {})},
            )
            return upload.id
    except IntegrityError as exc:
        # A racing workstation imported the same bytes a moment ago.
        with db.session() as session:
            previous = _previous_import(session, campaign_id, file.sha256)
        raise DuplicateError("file", previous or translate("services", "This file is already being imported into this campaign.")) from exc


def _load(db, actor, upload_id, campaign_id, file, options, report, cancel) -> tuple[LoadCounts, int]:  # noqa: ANN001, PLR0913
    with importing.import_connection(db.engine, f"{APP_NAME_PREFIX}{int(upload_id)}") as conn:
        with db.session() as session:
            session.execute(
                update(BaseCampaignData)
                .where(BaseCampaignData.id == upload_id)
                .values(status="processing", worker=worker_id())
            )
            country = org_settings.import_country(session, campaign_id, db.settings.default_country_code)
        with conn.begin():
            counts = importing.run_import(conn, file, options, report, cancel, upload_id=upload_id,
                                          campaign_id=campaign_id, country_code=country)
            with Session(bind=conn, info={"database": db}) as session:
                warnings = counts.warnings if counts.warnings is not None else upload_warnings.count_warnings(session, upload_id)
                session.execute(
                    update(BaseCampaignData)
                    .where(BaseCampaignData.id == upload_id)
                    .values(status="processed", processed_at=func.now(), error_message=None, warnings=warnings,
                            **counts.to_dict())
                )
                if options.save_mapping:
                    # Core UPDATE on purpose: remembering a mapping is not an edit of the campaign
                    # and must not make a supervisor's open campaign form stale (version column).
                    session.execute(
                        update(Campaign).where(Campaign.id == campaign_id).values(default_mapping=file.mapping)
                    )
                audit.record(
                    session, actor, "upload.import", entity_type="upload", entity_id=upload_id,
                    details={"campaign_id": campaign_id, **counts.to_dict(), "warnings": warnings,
                             "dedupe": options.dedupe.value, "country": country},
                )
                session.flush()
            check_cancel(cancel)  # last chance: a cancel that arrived during the final statements
            committing = time.perf_counter()
        load_log.info("import step commit: upload %d in %.2fs", upload_id, time.perf_counter() - committing)
        return counts, warnings


def _finish_failed(db, upload_id: int, status: str, message: str) -> None:  # noqa: ANN001
    try:
        with db.session() as session:
            session.execute(
                update(BaseCampaignData)
                .where(BaseCampaignData.id == upload_id, BaseCampaignData.status.in_(("uploaded", "processing")))
                .values(status=status, error_message=message, processed_at=func.now())
            )
    except Exception:  # noqa: BLE001 - the database may be what failed; the next start reports it
        log.warning("Could not mark upload %s as %s", upload_id, status, exc_info=True)


def mark_interrupted_uploads(session: Session) -> int:
    """Mark uploads left ``processing`` by a process that died as failed (interrupted).

    An import in progress anywhere keeps a connection tagged ``welcomedly-import:<id>``; a
    ``processing`` row without one was abandoned (its transaction, and so its records, are gone).
    On this machine a dead worker pid is also proof.  Called by the app and the CLI at start.
    """
    rows = session.execute(
        select(BaseCampaignData.id, BaseCampaignData.worker).where(BaseCampaignData.status == "processing")
    ).all()
    if not rows:
        return 0
    active = set(
        session.scalars(
            text("SELECT application_name FROM pg_stat_activity WHERE application_name LIKE :p"),
            {"p": APP_NAME_PREFIX + "%"},
        )
    )
    host = socket.gethostname()
    marked = 0
    for upload_id, worker in rows:
        running = f"{APP_NAME_PREFIX}{upload_id}" in active
        pid_text, _, worker_host = (worker or "").partition("@")
        if running and worker_host == host and pid_text.isdigit() and not psutil.pid_exists(int(pid_text)):
            running = False  # the backend outlived its client for a moment; the client is gone
        if running:
            continue
        session.execute(
            update(BaseCampaignData)
            .where(BaseCampaignData.id == upload_id, BaseCampaignData.status == "processing")
            .values(status="failed", processed_at=func.now(),
                    error_message=translate("services", INTERRUPTED_MESSAGE).format(worker=worker or "unknown"))
        )
        marked += 1
    if marked:
        log.warning("Marked %d interrupted upload(s) as failed", marked)
    return marked


# -- listing ----------------------------------------------------------------------------------
def _upload_query():  # noqa: ANN202
    return (
        select(BaseCampaignData, Campaign.name, User.name)
        .join(Campaign, Campaign.id == BaseCampaignData.campaign_id)
        .outerjoin(User, User.id == BaseCampaignData.uploaded_by)
    )


def _upload_view(upload: BaseCampaignData, campaign_name: str | None, user_name: str | None) -> UploadView:
    return UploadView(
        id=upload.id, campaign_id=upload.campaign_id, campaign_name=campaign_name,
        original_filename=upload.original_filename, file_path=upload.file_path, size_bytes=upload.size_bytes,
        sha256=upload.sha256, file_format=upload.file_format, encoding=upload.encoding, delimiter=upload.delimiter,
        sheet_name=upload.sheet_name, column_mapping=upload.column_mapping, dedupe_scope=upload.dedupe_scope,
        uploaded_by=upload.uploaded_by, uploaded_by_name=user_name, status=upload.status,
        rows_total=upload.rows_total, imported=upload.imported, rejected=upload.rejected,
        duplicates=upload.duplicates, dnc=upload.dnc, warnings=upload.warnings, error_message=upload.error_message,
        uploaded_at=upload.uploaded_at, processed_at=upload.processed_at,
    )


def list_uploads(session: Session, actor: Actor, campaign_id: int | None = None, *,
                 ids: Collection[int] | None = None) -> list[UploadView]:
    """Newest first; all campaigns when ``campaign_id`` is None; with ``ids``, only those uploads
    (same permission and campaign filter: a live view refreshes just the rows a change named)."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "view uploads"))
    query = _upload_query().order_by(BaseCampaignData.uploaded_at.desc(), BaseCampaignData.id.desc())
    if ids is not None:
        query = query.where(BaseCampaignData.id.in_(list(ids)))
    if campaign_id is not None:
        existing_campaign(session, campaign_id)
        query = query.where(BaseCampaignData.campaign_id == campaign_id)
    return [_upload_view(u, c, n) for u, c, n in session.execute(query)]


def get_upload(session: Session, actor: Actor, upload_id: int) -> UploadView:
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "view uploads"))
    row = session.execute(_upload_query().where(BaseCampaignData.id == existing_id(upload_id, "Upload"))).first()
    if row is None:
        raise NotFoundError(translate("services", "Upload {upload_id} does not exist.").format(upload_id=upload_id))
    return _upload_view(*row)


def fetch_original(db, actor: Actor, upload_id: int, destination_dir: str | Path) -> Path:  # noqa: ANN001
    """Copy the stored original file of an upload into ``destination_dir``; return its path."""
    with db.session() as session:
        upload = get_upload(session, actor, upload_id)
    if not upload.file_path:
        raise NotFoundError(translate("services", "Upload {upload_id} has no stored original file.").format(upload_id=upload_id))
    destination = Path(destination_dir) / (upload.original_filename or f"upload-{upload_id}")
    return importing.fetch_original(db.settings, upload.file_path, destination)


