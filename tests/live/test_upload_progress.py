"""An import's progress reaches other workstations through the change feed while it runs."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from welcomedly_desktop.db.changes import ChangeListener
from welcomedly_desktop.services import imports


@pytest.mark.slow
def test_running_import_publishes_its_progress_to_listeners(db, admin_actor, make_campaign, tmp_path):
    camp = make_campaign("Progress")
    source = tmp_path / "big.csv"
    with source.open("w") as f:
        f.write("name,phone\n")
        for i in range(200_000):
            f.write(f"Client {i},31{i:08d}\n")
    listener = ChangeListener(db.url)
    listener.connect()
    progress_seen: list[int] = []
    result: dict = {}
    importer = threading.Thread(target=lambda: result.update(summary=imports.import_file(db, admin_actor, source, camp.id)))
    importer.start()
    try:
        deadline = time.monotonic() + 120
        while importer.is_alive() and time.monotonic() < deadline:
            for change in listener.wait(0.2):
                if change.entity == "upload" and change.op == "update" and importer.is_alive():
                    with db.session() as s:
                        status, rows = s.execute(
                            text("SELECT status, rows_total FROM base_campaign_data WHERE id = :u"),
                            {"u": change.ids[0]}).one()
                    if status == "processing" and rows:
                        progress_seen.append(rows)
    finally:
        importer.join(120)
        listener.close()
    summary = result["summary"]
    assert summary.status == "processed" and summary.rows_total == 200_000
    # Seen while it ran, growing, before the final count.
    assert progress_seen, "no progress was published while the import ran"
    assert progress_seen == sorted(progress_seen) and progress_seen[-1] <= 200_000
