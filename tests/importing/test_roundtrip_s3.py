"""Property: random rows -> CSV -> import -> the same records.  And S3 storage on a real endpoint."""

from __future__ import annotations

import csv
import hashlib
import itertools

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from sqlalchemy import delete, select

from welcomedly_desktop.db.models import BaseCampaignData, CampaignRecord
from welcomedly_desktop.importing.options import DedupeScope, ImportOptions
from welcomedly_desktop.services import imports

# Cell text: anything printable a person might type, commas, quotes and accents included
# (no line breaks in names here: those are covered by the corpus tests).
_cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00"),
    max_size=30,
).map(str.strip)
_rows = st.lists(
    st.tuples(_cell, st.integers(min_value=2_000_000_000, max_value=9_999_999_999), _cell, _cell),
    min_size=1, max_size=40, unique_by=lambda r: r[1],
)
_counter = itertools.count()


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows, delimiter=st.sampled_from([",", ";", "\t", "|"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_round_trip(db, supervisor_actor, campaign, tmp_path, rows, delimiter, encoding):
    path = tmp_path / f"round{next(_counter)}.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(["Nombre", "Telefono", "Ciudad", "Nota"])
        for name, phone, city, note in rows:
            writer.writerow([name, f"({str(phone)[:3]}) {str(phone)[3:6]}-{str(phone)[6:]}", city, note])
    summary = imports.import_file(db, supervisor_actor, path, campaign.id, ImportOptions(dedupe=DedupeScope.NONE))
    assert summary.imported == len(rows) and summary.rejected == 0
    with db.session() as session:
        got = session.execute(
            select(CampaignRecord.source_row, CampaignRecord.name, CampaignRecord.phone, CampaignRecord.extra)
            .where(CampaignRecord.upload_id == summary.upload_id).order_by(CampaignRecord.source_row)
        ).all()
        session.execute(delete(CampaignRecord))
    expected = [
        (i + 2, name or None, f"1{phone}", {k: v for k, v in (("Ciudad", city), ("Nota", note)) if v})
        for i, (name, phone, city, note) in enumerate(rows)
    ]
    assert [tuple(r) for r in got] == expected


def test_s3_storage_on_moto_server(db, supervisor_actor, make_campaign, tmp_path, s3_endpoint, monkeypatch):
    import boto3

    from welcomedly_desktop.config import StorageSettings

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="leads")
    db.settings = db.settings.with_changes(
        storage=StorageSettings(backend="s3", s3_bucket="leads", s3_prefix="wd/", s3_endpoint_url=s3_endpoint,
                                s3_region="us-east-1"))
    path = tmp_path / "s3.csv"
    path.write_text("nombre,telefono\nAna,3000000001\n", encoding="utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    first, second = make_campaign("S3 one"), make_campaign("S3 two")
    summary = imports.import_file(db, supervisor_actor, path, first.id)
    key = f"wd/{digest[:2]}/{digest}.csv"
    assert client.get_object(Bucket="leads", Key=key)["Body"].read() == path.read_bytes()
    # Same bytes on another campaign: the existing object is kept (conditional write answers 412).
    imports.import_file(db, supervisor_actor, path, second.id)
    with db.session() as session:
        uris = set(session.scalars(select(BaseCampaignData.file_path)))
    assert uris == {f"s3://leads/{key}"}
    out = tmp_path / "back"
    out.mkdir()
    assert imports.fetch_original(db, supervisor_actor, summary.upload_id, out).read_bytes() == path.read_bytes()
