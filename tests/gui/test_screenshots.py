"""``make screenshots`` keeps working: its own embedded database, demo data, real pages to PNG."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage


@pytest.mark.slow
def test_screenshots_are_rendered_from_a_throwaway_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("WELCOMEDLY_")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "WELCOMEDLY_DATA_DIR": str(tmp_path / "must-stay-empty")})
    result = subprocess.run([sys.executable, "-m", "welcomedly_desktop.gui.screenshots", str(tmp_path / "shots")],
                            env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    names = {p.stem for p in (tmp_path / "shots").glob("*.png")}
    assert {"login", "campaigns", "campaign-edit", "campaign-validation", "assign-agents", "work-queue", "agents",
            "users", "audit"} <= names
    campaigns = QImage(str(tmp_path / "shots" / "campaigns.png"))
    assert (campaigns.width(), campaigns.height()) == (1280, 720)
    assert not (tmp_path / "must-stay-empty").exists()  # never the user's data folder
