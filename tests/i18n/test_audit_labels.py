"""Issue 18: the Audit page shows every action and every detail key in words, each marked for
translation (gui/labels.py), never the stored code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from welcomedly_desktop.gui import labels

ROOT = Path(__file__).resolve().parents[2] / "welcomedly_desktop"


def _written_detail_keys() -> set[str]:
    """The keys of every ``details={...}`` the code writes (literal dicts), and of the server's
    ``app.audit`` calls (jsonb_build_object in db/security)."""
    keys: set[str] = set()
    for path in ROOT.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.keyword) and node.arg == "details":
                for sub in ast.walk(node.value):
                    if isinstance(sub, ast.Dict):
                        keys.update(k.value for k in sub.keys if isinstance(k, ast.Constant))
        if "db/security" in path.as_posix():
            for call in re.findall(r"jsonb_build_object\(([^)]*)\)", source):
                keys.update(re.findall(r"'([a-z_]+)',", call + ","))
    return keys


def test_every_written_detail_key_has_a_translatable_label():
    written = _written_detail_keys()
    assert {"phone", "campaign_id", "kept_as", "locked_until"} <= written  # the walk sees them
    assert sorted(written - set(labels._AUDIT_DETAIL_KEYS)) == []


def test_detail_keys_are_looked_up_in_the_catalogue(monkeypatch):
    looked_up = []
    real = labels.QCoreApplication.translate
    monkeypatch.setattr(labels.QCoreApplication, "translate",
                        lambda context, text, *a: looked_up.append((context, text)) or real(context, text, *a))
    assert labels.audit_detail_lines({"kept_as": "welcomedly_old"}) == ["Previous data kept as: welcomedly_old"]
    assert ("auditDetail", "Previous data kept as") in looked_up
