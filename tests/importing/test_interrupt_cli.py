"""A CLI import killed mid-way leaves no records, and the upload is reported interrupted later."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from tests.importing.helpers import write_csv
from welcomedly_desktop.db.models import BaseCampaignData

ROWS = 150_000


@pytest.fixture
def big_csv(tmp_path):
    return write_csv(tmp_path / "big.csv", [["nombre", "telefono", "ciudad"]] +
                     [[f"Nombre {i}", str(3_000_000_000 + i * 7), "Bogotá"] for i in range(ROWS)])


def _wait_for_status(db, status: str, timeout: float = 60) -> BaseCampaignData:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.session() as session:
            upload = session.scalars(select(BaseCampaignData)).first()
            if upload is not None and upload.status == status:
                return upload
        time.sleep(0.05)
    raise AssertionError(f"upload never reached {status}")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_import_leaves_nothing(sig, db, run_cli, campaign, big_csv, record_count):
    proc = subprocess.Popen(
        [sys.executable, "-m", "welcomedly_desktop", "import", str(big_csv), "--campaign", str(campaign.id), "--json"],
        env=run_cli.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )
    try:
        _wait_for_status(db, "processing")
        time.sleep(0.3)  # well inside the load (COPY of 150,000 rows)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    assert "Traceback" not in stderr
    assert record_count() == 0
    listed = run_cli("uploads", "list", "--campaign", str(campaign.id), "--json")
    assert listed.returncode == 0, listed.stderr
    [upload] = json.loads(listed.stdout)
    if sig == signal.SIGKILL:
        # Nothing could run in the killed process: the next command found it abandoned.
        assert upload["status"] == "failed" and upload["error_message"].startswith("Interrupted")
    else:
        assert upload["status"] in ("cancelled", "failed")
        assert "no records were added" in upload["error_message"]
    assert record_count() == 0
    # The file may be imported again afterwards.
    again = run_cli("import", str(big_csv), "--campaign", str(campaign.id), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["imported"] == ROWS
