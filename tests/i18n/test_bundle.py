"""The compiled catalogue goes into the installer bundle, and the frozen program finds it there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.i18n.catalogue import ROOT, SPANISH_TS
from welcomedly_desktop import i18n

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "packaging"))
import bundle_config  # noqa: E402
import update_translations  # noqa: E402


def test_compiled_catalogue_is_bundled_under_resources_i18n(tmp_path):
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "env.py").write_text("# alembic\n")
    folder = tmp_path / "resources" / "i18n"
    folder.mkdir(parents=True)
    tool = update_translations.lupdate_tool().replace("lupdate", "lrelease")
    subprocess.run([tool, "-silent", str(SPANISH_TS), "-qm", str(folder / "welcomedly_es.qm")], check=True)
    datas = bundle_config.app_datas(tmp_path)
    assert (str(folder / "welcomedly_es.qm"), "resources/i18n") in datas
    # Qt's own Spanish strings (standard buttons and dialogs) are kept by the bundle's filter.
    assert any("qtbase_es.qm".startswith(p) for p in bundle_config.QT_TRANSLATION_PREFIXES_KEPT)


def test_frozen_program_reads_translations_next_to_its_files(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert i18n.translations_dir() == Path(tmp_path) / "resources" / "i18n"
    monkeypatch.delattr(sys, "_MEIPASS")
    assert i18n.translations_dir() == ROOT / "resources" / "i18n"
