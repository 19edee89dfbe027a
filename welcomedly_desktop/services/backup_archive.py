"""The plaintext inside a backup: one tar stream (written and read sequentially, never seeked).

Members, in order:

* ``backup.json``: what is known before the dump starts (app version, schema revision, PostgreSQL
  version, created at/by, workstation, per-table row counts), so a restore can refuse a newer schema
  before it touches anything;
* ``database/dump.NNNNNNN``: the ``pg_dump --format=custom`` output cut into parts of PART_SIZE
  (a tar member needs its size up front, and the dump is never written unencrypted to disk);
* ``uploads/<name>``: the original upload files stored locally;
* ``s3/<bucket>/<key>``: the originals stored in S3 that the dumped database refers to;
* ``manifest.json``: backup.json plus every member's size and SHA-256 (the whole dump as one).

Cancel and progress are plain callables so the services stay free of Qt.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from welcomedly_desktop.errors import OperationCancelled
from welcomedly_desktop.services.backup_crypto import BackupFileError
from welcomedly_desktop.i18n import translate

PART_SIZE = 8 * 1024 * 1024
READ_SIZE = 1024 * 1024
INFO_NAME = "backup.json"
MANIFEST_NAME = "manifest.json"
DUMP_PREFIX = "database/dump."
UPLOADS_PREFIX = "uploads/"
S3_PREFIX = "s3/"

Progress = Callable[[str, int], None]  # (stage, bytes so far)


def _tarinfo(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(time.time())
    info.mode = 0o600
    return info


class ArchiveWriter:
    """Writes the members in order into ``out`` (the encrypting writer)."""

    def __init__(self, out: BinaryIO, cancel: Callable[[], bool] | None = None,
                 progress: Progress | None = None) -> None:
        self._tar = tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT)
        self._cancel = cancel or (lambda: False)
        self._progress = progress or (lambda stage, done: None)
        self.members: dict[str, dict] = {}
        self.bytes_in = 0

    def _check_cancel(self) -> None:
        if self._cancel():
            raise OperationCancelled(translate("services", "The backup was cancelled; no archive was kept."))

    def add_json(self, name: str, value: dict) -> None:
        data = json.dumps(value, indent=2, sort_keys=True, default=str).encode("utf-8")
        self._tar.addfile(_tarinfo(name, len(data)), io.BytesIO(data))
        self.members[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    def add_dump(self, stream: BinaryIO) -> dict:
        """Copy the dump from ``stream`` (pg_dump's stdout) in parts; return its size and SHA-256."""
        digest = hashlib.sha256()
        total = 0
        number = 0
        while True:
            self._check_cancel()
            part = stream.read(PART_SIZE)
            if not part:
                break
            # A pipe may return less than asked: fill the part so parts stay few and large.
            while len(part) < PART_SIZE:
                more = stream.read(PART_SIZE - len(part))
                if not more:
                    break
                part += more
            number += 1
            digest.update(part)
            total += len(part)
            self._tar.addfile(_tarinfo(f"{DUMP_PREFIX}{number:07d}", len(part)), io.BytesIO(part))
            self.bytes_in += len(part)
            self._progress("database", total)
        entry = {"size": total, "sha256": digest.hexdigest(), "parts": number}
        self.members["database/dump"] = entry
        return entry

    def add_file(self, arcname: str, path: Path) -> None:
        self.add_stream(arcname, path.stat().st_size, path.open("rb"))

    def add_stream(self, arcname: str, size: int, stream: BinaryIO) -> None:
        """Copy exactly ``size`` bytes of ``stream`` (closed afterwards) as member ``arcname``."""
        self._check_cancel()
        hashing = _HashingReader(stream)
        try:
            self._tar.addfile(_tarinfo(arcname, size), hashing)
        finally:
            hashing.close()
        self.members[arcname] = {"size": size, "sha256": hashing.digest.hexdigest()}
        self.bytes_in += size
        self._progress("uploads", self.bytes_in)

    def close(self) -> None:
        self._tar.close()


class _HashingReader:
    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.digest.update(data)
        return data

    def close(self) -> None:
        self._raw.close()


@dataclass
class ReadResult:
    info: dict
    manifest: dict
    dump_size: int = 0
    files: list[str] = field(default_factory=list)


def read_archive(plain: BinaryIO, *, name: str, on_info: Callable[[dict], None],
                 dump_sink: Callable[[bytes], None], file_sink: Callable[[str, Iterable[bytes]], None] | None = None,
                 s3_sink: Callable[[str, Iterable[bytes]], None] | None = None,
                 cancel: Callable[[], bool] | None = None, progress: Progress | None = None) -> ReadResult:
    """Read the whole archive from the decrypted stream ``plain``, checking every member against the
    manifest.  ``on_info(info)`` sees backup.json before anything else (it may refuse); the dump's
    bytes go to ``dump_sink`` in order; each upload file's bytes to ``file_sink(relative name, chunks)``
    (None: read and checked only)."""
    cancel = cancel or (lambda: False)
    progress = progress or (lambda stage, done: None)
    seen: dict[str, dict] = {}
    info: dict | None = None
    manifest: dict | None = None
    dump_digest = hashlib.sha256()
    dump_size = 0
    parts = 0
    files: list[str] = []
    try:
        tar = tarfile.open(fileobj=plain, mode="r|")
        for member in tar:
            if cancel():
                raise OperationCancelled()
            if manifest is not None:
                raise BackupFileError(translate("services", "The backup {name} is damaged: it has content after its manifest.").format(
                    name=name))
            if not member.isfile():
                raise BackupFileError(_unexpected(name, member.name))
            source = tar.extractfile(member)
            assert source is not None
            if info is None:
                if member.name != INFO_NAME:
                    raise BackupFileError(translate("services", "The file {name} is not a Welcomedly backup: it does not start "
                                                           "with {info}.").format(name=name, info=INFO_NAME))
                info = _json(source.read(), name)
                on_info(info)
                seen[INFO_NAME] = {"size": member.size, "sha256": None}
                continue
            if member.name == MANIFEST_NAME:
                manifest = _json(source.read(), name)
                continue
            digest = hashlib.sha256()
            if member.name.startswith(DUMP_PREFIX):
                parts += 1
                if member.name != f"{DUMP_PREFIX}{parts:07d}":
                    raise BackupFileError(translate(
                        "services", "The backup {name} is damaged: its database parts are out of order.").format(name=name))
                for chunk in _chunks(source):
                    dump_digest.update(chunk)
                    dump_size += len(chunk)
                    dump_sink(chunk)
                progress("database", dump_size)
            elif member.name.startswith((UPLOADS_PREFIX, S3_PREFIX)) and ".." not in Path(member.name).parts:
                local = member.name.startswith(UPLOADS_PREFIX)
                relative = member.name[len(UPLOADS_PREFIX if local else S3_PREFIX):]
                sink = file_sink if local else s3_sink

                def hashed(src=source, d=digest):  # noqa: ANN001, ANN202
                    for chunk in _chunks(src):
                        d.update(chunk)
                        yield chunk

                if sink is None:
                    for _ in hashed():
                        pass
                else:
                    sink(relative, hashed())
                seen[member.name] = {"size": member.size, "sha256": digest.hexdigest()}
                files.append(relative if local else member.name)
            else:
                raise BackupFileError(_unexpected(name, member.name))
        tar.close()
    except tarfile.TarError as exc:
        raise BackupFileError(translate("services", "The backup {name} is damaged: its contents cannot be read ({reason}).").format(
            name=name, reason=exc)) from exc
    if info is None or manifest is None:
        raise BackupFileError(translate("services", "The backup {name} is damaged: its manifest is missing.").format(name=name))
    members = manifest.get("members") or {}
    dump = members.get("database/dump") or {}
    if dump.get("sha256") != dump_digest.hexdigest() or dump.get("size") != dump_size or dump.get("parts") != parts:
        raise BackupFileError(translate(
            "services", "The backup {name} is damaged: the database dump does not match its checksum.").format(name=name))
    expected_files = {k: v for k, v in members.items() if k.startswith((UPLOADS_PREFIX, S3_PREFIX))}
    got_files = {k: v for k, v in seen.items() if k.startswith((UPLOADS_PREFIX, S3_PREFIX))}
    if expected_files != got_files:
        raise BackupFileError(translate(
            "services", "The backup {name} is damaged: the upload files do not match their checksums.").format(name=name))
    return ReadResult(info=info, manifest=manifest, dump_size=dump_size, files=files)


def _chunks(source: BinaryIO) -> Iterable[bytes]:
    while True:
        chunk = source.read(READ_SIZE)
        if not chunk:
            return
        yield chunk


def _unexpected(name: str, member: str) -> str:
    return translate("services", "The backup {name} is damaged: it holds an unexpected part {member}.").format(
        name=name, member=repr(member))


def _json(data: bytes, name: str) -> dict:
    try:
        value = json.loads(data)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise BackupFileError(translate("services", "The backup {name} is damaged: its description cannot be read.").format(
            name=name))
    return value
