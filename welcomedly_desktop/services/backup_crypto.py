"""Streamed authenticated encryption of backup archives (AES-256-GCM in chunks).

Fernet is one-shot (the whole message in memory), so a multi-GB archive is cut into chunks of
1 MiB, each sealed by AES-GCM with its own nonce:

    nonce = 7 random bytes from the header | 4-byte chunk counter | 1 byte "final chunk" flag

and the whole header as associated data, so chunks cannot be reordered, dropped, moved between
files, and the stream cannot be cut short (the last chunk carries the final flag).  The key comes
from scrypt (memory-hard) with a random salt stored in the header.  A 16-byte check value derived
with the key tells a wrong passphrase apart from a damaged file.

File layout::

    MAGIC (8) | header length (4, big endian) | header JSON | chunks...
    chunk = ciphertext length (4, big endian) | ciphertext (plaintext + 16-byte tag)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.i18n import translate

MAGIC = b"WDBACKUP"
FORMAT_VERSION = 1
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
# scrypt: 2**17 x 8 x 128 bytes = 128 MiB of memory per derivation (OWASP's first choice).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_MAX_HEADER = 64 * 1024


class BackupFileError(WelcomedlyError):
    """A backup file is refused: wrong passphrase, truncated, tampered, or not a backup at all."""


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    if not passphrase:
        raise BackupFileError(translate("services", "The backup passphrase is empty."))
    material = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return material[:32], material[32:]


def _check_value(check_key: bytes, header_core: bytes) -> str:
    return hmac.new(check_key, header_core, hashlib.sha256).hexdigest()[:32]


def _header_bytes(header: dict) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


class EncryptingWriter:
    """A write-only file object: bytes written are sealed chunk by chunk into ``out``.

    ``info`` is public (not secret) metadata kept in the header, authenticated with every chunk:
    ``backup list`` reads it without the passphrase.
    """

    def __init__(self, out: BinaryIO, passphrase: str, info: dict | None = None, *,
                 scrypt_n: int | None = None) -> None:
        # Read at call time, not bound at import: the module's SCRYPT_N is the one cost to change.
        scrypt_n = scrypt_n or SCRYPT_N
        salt = os.urandom(16)
        self._prefix = os.urandom(7)
        core = {"format": FORMAT_VERSION, "kdf": "scrypt", "n": scrypt_n, "r": SCRYPT_R, "p": SCRYPT_P,
                "salt": salt.hex(), "nonce_prefix": self._prefix.hex(), "chunk": CHUNK_SIZE,
                "info": info or {}}
        key, check_key = _derive(passphrase, salt, scrypt_n, SCRYPT_R, SCRYPT_P)
        core["check"] = _check_value(check_key, _header_bytes(core))
        self._aad = _header_bytes(core)
        self._aead = AESGCM(key)
        self._out = out
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False
        self.bytes_out = 0
        self._emit(MAGIC + struct.pack(">I", len(self._aad)) + self._aad)

    def _emit(self, data: bytes) -> None:
        self._out.write(data)
        self.bytes_out += len(data)

    def _seal(self, plain: bytes, final: bool) -> None:
        nonce = self._prefix + struct.pack(">IB", self._counter, 1 if final else 0)
        sealed = self._aead.encrypt(nonce, plain, self._aad)
        self._emit(struct.pack(">I", len(sealed)) + sealed)
        self._counter += 1
        if self._counter >= 2**32:
            raise BackupFileError(translate("services", "The backup is too large for one archive (4 PiB)."))

    def write(self, data: bytes) -> int:
        if self._closed:
            raise ValueError("write to a closed backup stream")
        self._buffer += data
        while len(self._buffer) > CHUNK_SIZE:  # ">": the final chunk must never be left empty-handed
            self._seal(bytes(self._buffer[:CHUNK_SIZE]), final=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def close(self) -> None:
        """Seal what is left as the final chunk (does not close ``out``)."""
        if not self._closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
            self._closed = True

    def flush(self) -> None:
        pass


def read_header(stream: BinaryIO, *, name: str = "-") -> tuple[dict, bytes]:
    """The header of a backup file and its bytes; BackupFileError when it is not a backup.  ``name``:
    the file's name, for the messages (each one whole translatable sentence)."""
    head = stream.read(len(MAGIC) + 4)
    if len(head) < len(MAGIC) + 4 or head[: len(MAGIC)] != MAGIC:
        raise BackupFileError(translate("services", "The file {name} is not a Welcomedly backup.").format(name=name))
    (length,) = struct.unpack(">I", head[len(MAGIC):])
    if length > _MAX_HEADER:
        raise BackupFileError(translate("services", "The file {name} is not a Welcomedly backup (its header is damaged).").format(
            name=name))
    raw = stream.read(length)
    try:
        header = json.loads(raw)
        if header.get("format") != FORMAT_VERSION or header.get("kdf") != "scrypt":
            raise ValueError(header.get("format"))
    except (ValueError, AttributeError):
        raise BackupFileError(translate("services", "The file {name} is a backup in a format this program does not know, or "
                                             "its header is damaged.").format(name=name)) from None
    return header, raw


class DecryptingReader:
    """A read-only file object over a backup file: yields the plaintext, checking every chunk.

    Raises BackupFileError for a wrong passphrase, a truncated or a tampered file.
    """

    def __init__(self, stream: BinaryIO, passphrase: str, *, name: str = "-") -> None:
        self._name = name
        self._stream = stream
        header, raw = read_header(stream, name=name)
        self.header = header
        try:
            salt = bytes.fromhex(header["salt"])
            self._prefix = bytes.fromhex(header["nonce_prefix"])
            n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
            if not (2**10 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16 and len(self._prefix) == 7):
                raise ValueError("kdf parameters")
        except (KeyError, ValueError, TypeError):
            raise BackupFileError(translate("services", "The backup {name} has a damaged header.").format(name=name)) from None
        key, check_key = _derive(passphrase, salt, n, r, p)
        core = {k: v for k, v in header.items() if k != "check"}
        if not hmac.compare_digest(_check_value(check_key, _header_bytes(core)), str(header.get("check", ""))):
            raise BackupFileError(translate("services", "Wrong passphrase: the backup {name} cannot be decrypted with it "
                                                         "(or its header was altered).").format(name=name))
        self._aad = raw
        self._aead = AESGCM(key)
        self._counter = 0
        self._plain = b""
        self._pos = 0
        self._finished = False

    def _next_chunk(self) -> bool:
        if self._finished:
            return False
        head = self._stream.read(4)
        if len(head) < 4:
            raise BackupFileError(self._truncated())
        (length,) = struct.unpack(">I", head)
        if length < TAG_SIZE or length > CHUNK_SIZE + TAG_SIZE:
            raise BackupFileError(translate("services", "The backup {name} is damaged or was tampered with (part {part}).").format(
                name=self._name, part=self._counter + 1))
        sealed = self._stream.read(length)
        if len(sealed) < length:
            raise BackupFileError(self._truncated())
        for final in (0, 1):
            nonce = self._prefix + struct.pack(">IB", self._counter, final)
            try:
                self._plain = self._aead.decrypt(nonce, sealed, self._aad)
            except InvalidTag:
                continue
            self._pos = 0
            self._counter += 1
            if final:
                self._finished = True
                if self._stream.read(1):
                    raise BackupFileError(translate("services", "The backup {name} has data after its end: it was tampered with.").format(
                        name=self._name))
            return True
        raise BackupFileError(translate("services", "The backup {name} is damaged or was tampered with (part {part} fails its "
                                         "check).").format(name=self._name, part=self._counter + 1))

    def _truncated(self) -> str:
        return translate("services", "The backup {name} is truncated: it ends before its last part.").format(name=self._name)

    def read(self, size: int = -1) -> bytes:
        parts: list[bytes] = []
        wanted = size if size is not None and size >= 0 else None
        got = 0
        while wanted is None or got < wanted:
            if self._pos >= len(self._plain):
                if not self._next_chunk():
                    break
                continue
            take = len(self._plain) - self._pos if wanted is None else min(wanted - got, len(self._plain) - self._pos)
            parts.append(self._plain[self._pos:self._pos + take])
            self._pos += take
            got += take
        return b"".join(parts)

    def read_to_end(self) -> None:
        """Consume (and so authenticate) everything up to the final chunk."""
        while self._next_chunk():
            pass

    @property
    def finished(self) -> bool:
        return self._finished
