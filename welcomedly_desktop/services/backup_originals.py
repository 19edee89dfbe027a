"""The upload originals kept in S3, in and out of a backup.

Local originals live in ``<data folder>/uploads`` and are archived as files (backups.py).  Originals
kept in S3 are referenced by ``base_campaign_data.file_path`` (``s3://bucket/key``); a backup holds
exactly those its own database snapshot refers to, streamed from S3 into the archive (never to disk)
as ``s3/<bucket>/<key>``, so a bucket emptied by mistake or a lost account does not lose them.
A restore puts back, at their own keys, those the bucket no longer holds (content-addressed: an
existing key already holds the same bytes), before it switches databases.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import psycopg

from welcomedly_desktop.i18n import translate
from welcomedly_desktop import importing
from welcomedly_desktop.services.backup_archive import S3_PREFIX, ArchiveWriter

log = logging.getLogger(__name__)


def referenced_s3_uris(conn: psycopg.Connection) -> list[str]:
    """The S3 originals the database (in the caller's snapshot) refers to, each once."""
    if conn.execute("SELECT to_regclass('public.base_campaign_data')").fetchone()[0] is None:
        return []
    rows = conn.execute("SELECT DISTINCT file_path FROM base_campaign_data WHERE file_path LIKE %s "
                        "ORDER BY file_path", ("s3://%",)).fetchall()
    return [r[0] for r in rows]


def member_name(uri: str) -> str:
    return S3_PREFIX + uri[len("s3://"):]


def archive_s3_originals(archive: ArchiveWriter, settings, uris: list[str]) -> tuple[int, list[str]]:  # noqa: ANN001
    """Stream each original into the archive; (how many were added, URIs the bucket no longer has).

    A missing object does not stop the backup (a night without any backup would be worse); it is
    named in the manifest and the audit log.  S3 unreachable or refusing does stop it, with a sentence."""
    added, missing = 0, []
    for uri in uris:
        store = importing.store_for_uri(settings, uri)
        opened = store.open_original(uri)
        if opened is None:
            log.warning("The original %s is no longer in S3; the backup goes on without it", uri)
            missing.append(uri)
            continue
        size, body = opened
        try:
            archive.add_stream(member_name(uri), size, body)
        except OSError as exc:  # the download broke off midway
            raise importing.StorageError(translate("services", "The stored original {uri} could not be read from S3: {exc}.").format(uri=uri, exc=exc)) from exc
        added += 1
    return added, missing


class S3Staging:
    """Receives the S3 originals of an archive being restored, then puts back the missing ones."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names: list[str] = []

    def __call__(self, relative: str, chunks: Iterable[bytes]) -> None:  # "<bucket>/<key>"
        out = self.folder / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as f:
            for chunk in chunks:
                f.write(chunk)
        self.names.append(relative)

    def publish(self, settings) -> int:  # noqa: ANN001
        """Put back what the buckets lack; the number of originals the archive held.  Raises
        StorageError (the restore then stops before it switches databases)."""
        for relative in self.names:
            uri = "s3://" + relative
            if importing.store_for_uri(settings, uri).restore_original(uri, self.folder / relative):
                log.info("Put the original %s back in S3", uri)
        return len(self.names)
