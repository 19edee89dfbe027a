"""Fixtures for the backup tests: a database with campaigns, records, interactions and stored
upload files, and helpers that fingerprint a database table by table."""

from __future__ import annotations

import hashlib
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

PASSPHRASE = "correct horse backup staple"
# Tests use a cheaper scrypt cost (same code path); the product uses backup_crypto.SCRYPT_N.
TEST_SCRYPT_N = 2**14


@pytest.fixture(autouse=True)
def _cheap_scrypt(monkeypatch):
    from welcomedly_desktop.services import backup_crypto

    monkeypatch.setattr(backup_crypto, "SCRYPT_N", TEST_SCRYPT_N)


def fingerprint(conninfo: str, password: str | None = None) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every public table's content."""
    result = {}
    with psycopg.connect(conninfo, password=password) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        for table in tables:
            count, digest = conn.execute(sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM {} t"
            ).format(sql.Identifier(table))).fetchone()
            result[table] = (count, digest)
    return result


def files_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def seed(db, actor, records: int = 500) -> None:
    from welcomedly_desktop.services import demo

    with db.session() as session:
        demo.seed(session, actor, records=records, days=3)


def put_uploads(uploads: Path, count: int = 3) -> None:
    import os

    for n in range(count):
        data = os.urandom(1000 + n * 70_000)
        digest = hashlib.sha256(data).hexdigest()
        target = uploads / digest[:2] / f"{digest}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@pytest.fixture
def seeded(db, admin_actor, settings):
    seed(db, admin_actor)
    put_uploads(settings.uploads_dir)
    return db
