"""Checks that refuse a hostile or broken file *before* any parser sees it.

One read of the bytes gives the SHA-256 (the file's identity for storage and for "already
imported"), the size, NUL bytes and line-ending counts.  Workbooks are checked through their zip
directory: the declared uncompressed size and ratio are read without inflating anything, so a zip
bomb is refused in milliseconds.
"""

from __future__ import annotations

import hashlib
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing.encoding import DetectedEncoding, check_encoding_name, detect_encoding, SAMPLE_BYTES
from welcomedly_desktop.i18n import translate

TEXT_EXTENSIONS = {".csv", ".tsv", ".txt"}
ZIP_WORKBOOK_EXTENSIONS = {".xlsx", ".xlsm", ".ods", ".xlsb"}
WORKBOOK_EXTENSIONS = ZIP_WORKBOOK_EXTENSIONS | {".xls"}
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | WORKBOOK_EXTENSIONS

#: Zip bomb limits, applied to the sizes the zip directory declares.
MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024
MAX_MEMBER_RATIO = 200  # real sheets compress 5-30x; bombs 1000x and more
RATIO_CHECK_MIN_BYTES = 16 * 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileFacts:
    path: Path
    file_name: str
    extension: str
    size: int
    sha256: str
    kind: str  # "text" or "workbook"
    encoding: DetectedEncoding | None = None
    #: The symbolic link the user gave, when ``path`` is the real file it names (shown and audited).
    linked_from: Path | None = None


def _label(path: Path) -> str:
    return f"The file {path.name}"


def check_file(path: Path, settings: Settings, *, encoding: str | None = None) -> FileFacts:
    """Refuse what must never reach a parser; return what was learnt on the way.

    A symbolic link is resolved and the *real* file judged (its type by its own name, so a link
    ``leads.csv`` to ``/etc/shadow`` is an unsupported type); devices, FIFOs, sockets and folders
    are refused before anything opens them.
    """
    label = _label(path)
    given = path
    try:
        path = path.resolve(strict=True)
        st = path.stat()
    except FileNotFoundError:
        raise ImportFileError(translate("importing", "{label} does not exist.").format(label=label)) from None
    except (OSError, RuntimeError):  # a loop of links, a folder we may not enter
        raise ImportFileError(translate("importing", "{label} cannot be opened.").format(label=label)) from None
    if not stat.S_ISREG(st.st_mode):
        raise ImportFileError(translate("importing", "{label} is not a regular file.").format(label=label))
    if given.is_symlink():
        label = translate("importing", "{label} (a link to {path})").format(label=label, path=path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise ImportFileError(
            translate("importing", "{label} has an unsupported type; use CSV, TSV, TXT, XLSX, XLSM, XLS or ODS.").format(label=label)
        )
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(translate("importing", "{label} is empty.").format(label=label))
    if size > settings.max_upload_bytes:
        raise ImportFileError(
            translate("importing", "{label} is {value:,.0f} MB, more than the {value2:,.0f} MB limit.").format(label=label, value=size / 1048576, value2=settings.max_upload_bytes / 1048576)
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(SAMPLE_BYTES)
    except OSError as exc:
        raise ImportFileError(translate("importing", "{label} cannot be read: {value}.").format(label=label, value=exc.strerror or exc)) from exc

    if ext in TEXT_EXTENSIONS:
        _refuse_disguised_binary(head, label)
        detected = (
            DetectedEncoding(check_encoding_name(encoding), False) if encoding else detect_encoding(head, file_name=label)
        )
        digest = _scan_text(path, label, detected)
        return FileFacts(path, given.name, ext, size, digest, "text", detected, _link(given, path))

    if ext in ZIP_WORKBOOK_EXTENSIONS:
        if head.startswith(_OLE_MAGIC):
            if _ENCRYPTED_PACKAGE in head or _contains(path, _ENCRYPTED_PACKAGE):
                raise ImportFileError(translate("importing", "{label} is password-protected; save it without a password and try again.").format(label=label))
            raise ImportFileError(translate("importing", "{label} is an old-style Excel file named {ext}; save it as .xlsx or rename it to .xls.").format(label=label, ext=ext))
        if not head.startswith(_ZIP_MAGIC):
            raise ImportFileError(translate("importing", "{label} is not a real {ext} workbook (it is not a zip archive); it may be damaged or renamed.").format(label=label, ext=ext))
        _check_zip_directory(path, label)
    elif ext == ".xls" and not head.startswith(_OLE_MAGIC):
        if head.startswith(_ZIP_MAGIC):
            raise ImportFileError(translate("importing", "{label} is a newer Excel workbook named .xls; rename it to .xlsx.").format(label=label))
        raise ImportFileError(translate("importing", "{label} is not a real .xls workbook; it may be damaged or renamed.").format(label=label))
    return FileFacts(path, given.name, ext, size, _sha256(path), "workbook", linked_from=_link(given, path))


def _link(given: Path, real: Path) -> Path | None:
    """``given`` when it is a symbolic link to ``real`` (links among the folders of a path do not count)."""
    return given if given.is_symlink() else None


def _refuse_disguised_binary(head: bytes, label: str) -> None:
    if head.startswith(_ZIP_MAGIC):
        raise ImportFileError(translate("importing", "{label} is a zip archive or an Excel workbook, not CSV text; give it an .xlsx extension if it is a workbook.").format(label=label))
    if head.startswith(_OLE_MAGIC):
        raise ImportFileError(translate("importing", "{label} is an Excel or Office binary file, not CSV text.").format(label=label))
    if head.startswith(b"%PDF"):
        raise ImportFileError(translate("importing", "{label} is a PDF document, not CSV text.").format(label=label))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _contains(path: Path, needle: bytes) -> bool:
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


_CR, _LF = 13, 10


def _line_ends(chunk: bytes) -> tuple[int, int, int]:
    """(CR LF pairs, CRs, LFs) in ``chunk``.  Counted with numpy: ``bytes.count`` three times is
    several times slower and holds the GIL while the command line is importing its modules."""
    import numpy as np

    data = np.frombuffer(chunk, dtype=np.uint8)
    cr_at = np.flatnonzero(data == _CR)
    lfs = int(np.count_nonzero(data == _LF))
    inside = cr_at[cr_at < len(data) - 1]
    return int(np.count_nonzero(data[inside + 1] == _LF)), len(cr_at), lfs


def _scan_text(path: Path, label: str, encoding: DetectedEncoding) -> str:
    """Hash the bytes; refuse NUL bytes and mixed line endings (byte-level, so not for UTF-16/32)."""
    digest = hashlib.sha256()
    crlf = cr = lf = 0
    lone_lf = False  # an LF in a chunk without any CR
    previous_cr = False
    wide = encoding.is_wide
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            if wide:
                continue
            if b"\x00" in chunk:
                raise ImportFileError(translate("importing", "{label} contains NUL bytes: it looks like a binary file, not CSV text.").format(label=label))
            if b"\r" in chunk or previous_cr:
                pairs, crs, lfs = _line_ends(chunk)
                crlf += pairs + (1 if previous_cr and chunk.startswith(b"\n") else 0)
                cr += crs
                lf += lfs
                previous_cr = chunk.endswith(b"\r")
            elif not lone_lf:
                # No CR here (most files): only whether an LF exists matters, and counting costs
                # more than hashing.
                lone_lf = b"\n" in chunk
    kinds = sum(1 for n in (crlf, cr - crlf, lf - crlf) if n > 0) + (1 if lone_lf and lf == crlf else 0)
    if kinds > 1 and _mixed_outside_quotes(path):
        raise ImportFileError(
            translate("importing", "{label} mixes different line endings (Windows, Unix or old Mac); save it again from one program and retry.").format(label=label)
        )
    return digest.hexdigest()


_TOKENS = re.compile(rb'"|\r\n|\n|\r')


def _mixed_outside_quotes(path: Path) -> bool:
    """Line breaks inside quoted cells are data (Excel writes LF inside CRLF files); only the ones
    that end records count.  Quote parity tells which is which (doubled quotes flip it twice)."""
    in_quotes = False
    seen: set[bytes] = set()
    carry = b""
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            data = carry + chunk
            if chunk and data.endswith(b"\r"):
                carry, data = b"\r", data[:-1]  # a CRLF may straddle two chunks
            else:
                carry = b""
            for match in _TOKENS.finditer(data):
                token = match.group()
                if token == b'"':
                    in_quotes = not in_quotes
                elif not in_quotes:
                    seen.add(token)
                    if len(seen) > 1:
                        return True
            if not chunk:
                return False


def _check_zip_directory(path: Path, label: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(translate("importing", "{label} is damaged: its zip structure cannot be read.").format(label=label)) from exc
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size >= RATIO_CHECK_MIN_BYTES and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            raise ImportFileError(
                translate("importing", "{label} is refused: a part of it expands {value:,} times (a zip bomb), which no real spreadsheet does.").format(label=label, value=info.file_size // max(info.compress_size, 1))
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(
            translate("importing", "{label} is refused: it would expand to {value:,.1f} GB, more than the {value2:,.0f} GB a workbook may hold.").format(label=label, value=total / 1073741824, value2=MAX_UNCOMPRESSED_BYTES / 1073741824)
        )
