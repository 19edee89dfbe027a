"""The streamed AES-GCM format on its own: chunk boundaries, reordering, cutting at a chunk edge."""

from __future__ import annotations

import io
import os
import struct

import pytest

from welcomedly_desktop.services import backup_crypto as bc
from welcomedly_desktop.services.backup_crypto import BackupFileError, DecryptingReader, EncryptingWriter

PASS = "stream passphrase"


def _seal(data: bytes) -> bytes:
    out = io.BytesIO()
    writer = EncryptingWriter(out, PASS, {"created_at": "2026-01-01T00:00:00+00:00"})
    for start in range(0, len(data), 300_001):  # odd-sized writes cross chunk edges
        writer.write(data[start:start + 300_001])
    writer.close()
    return out.getvalue()


def _open(blob: bytes) -> bytes:
    reader = DecryptingReader(io.BytesIO(blob), PASS)
    data = reader.read()
    assert reader.finished
    return data


@pytest.mark.parametrize("size", [0, 1, bc.CHUNK_SIZE - 1, bc.CHUNK_SIZE, bc.CHUNK_SIZE + 1, 3 * bc.CHUNK_SIZE])
def test_round_trip_at_chunk_edges(size):
    data = os.urandom(size)
    assert _open(_seal(data)) == data


def _chunks(blob: bytes) -> tuple[bytes, list[bytes]]:
    (hlen,) = struct.unpack(">I", blob[8:12])
    head, rest, chunks = blob[:12 + hlen], blob[12 + hlen:], []
    while rest:
        (n,) = struct.unpack(">I", rest[:4])
        chunks.append(rest[:4 + n])
        rest = rest[4 + n:]
    return head, chunks


def test_dropped_reordered_or_cut_at_a_chunk_edge_is_refused():
    head, chunks = _chunks(_seal(os.urandom(3 * bc.CHUNK_SIZE + 10)))
    assert len(chunks) == 4
    with pytest.raises(BackupFileError, match="truncated"):
        _open(head + b"".join(chunks[:3]))  # cut exactly after a whole chunk: no final flag seen
    with pytest.raises(BackupFileError, match="tampered"):
        _open(head + chunks[0] + chunks[2] + chunks[1] + chunks[3])
    with pytest.raises(BackupFileError, match="tampered"):
        _open(head + chunks[0] + chunks[1] + chunks[3])
    with pytest.raises(BackupFileError, match="after its end"):
        _open(head + b"".join(chunks) + chunks[3])


def test_header_info_is_authenticated():
    blob = bytearray(_seal(b"x" * 1000))
    at = blob.find(b"2026-01-01")
    blob[at:at + 4] = b"2027"
    with pytest.raises(BackupFileError, match="[Ww]rong passphrase|altered"):
        _open(bytes(blob))


def test_the_scrypt_cost_is_read_when_a_backup_is_sealed(monkeypatch):
    """The product's 128 MiB cost unless changed; the tests' cheaper cost really applies (it was bound
    at import once, so every test paid the product's cost)."""
    assert bc.SCRYPT_N == 2**14  # this folder's conftest
    head, _ = bc.read_header(io.BytesIO(_seal(b"x")))
    assert head["n"] == 2**14
    monkeypatch.undo()
    assert bc.SCRYPT_N == 2**17
    head, _ = bc.read_header(io.BytesIO(_seal(b"x")))
    assert head["n"] == 2**17
