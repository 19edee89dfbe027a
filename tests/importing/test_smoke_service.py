from __future__ import annotations

from welcomedly_desktop.services import imports
from tests.importing.helpers import write_csv


def test_import_small_csv(db, supervisor_actor, campaign, tmp_path, record_count):
    path = write_csv(tmp_path / "leads.csv", [
        ["Nombre", "Teléfono", "Correo", "Ciudad"],
        ["Ana Pérez", "(312) 490-0097", "ANA@Example.com", "Bogotá"],
        ["Luis, Jr", "312 490 0097", "", "Cali"],
        ["Bad", "12", "x@", "Cali"],
        ["Eva", "+57 300 111 2233", "eva@example.com", ""],
    ])
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    print(summary)
    assert summary.rows_total == 4
    assert summary.imported == 2
    assert summary.rejected == 1
    assert summary.duplicates == 1
    assert record_count(campaign.id) == 2
