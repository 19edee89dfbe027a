"""Issue 18, "A visual identity" and the campaign list's behaviour: application icon (window, taskbar,
bundle), sidebar and toolbar icons, the stylesheet, HiDPI at device pixel ratio 2; one click shows a
campaign, File > Import file…"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage, QImageReader
from PySide6.QtWidgets import QFileDialog

from welcomedly_desktop.gui import identity

from .conftest import wait_idle

ROOT = Path(__file__).resolve().parents[2]


def test_create_application_sets_the_icon_and_the_stylesheet(qapp):
    from welcomedly_desktop.gui.app import create_application

    try:
        app = create_application()
        assert not app.windowIcon().isNull()
        assert "QListWidget#sidebar" in app.styleSheet()
        assert app.windowIcon().availableSizes() or not app.windowIcon().pixmap(64, 64).isNull()
    finally:
        qapp.setStyleSheet("")
        qapp.setWindowIcon(QIcon())


def test_the_bundle_gets_a_real_icon_for_each_platform():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import bundle_config as cfg
    finally:
        sys.path.pop(0)
    for platform, suffix in (("win32", ".ico"), ("darwin", ".icns")):
        path = cfg.icon_file(ROOT, platform)
        assert path is not None and path.endswith("welcomedly" + suffix)
        # Qt's own ico/icns readers: a real icon with every size, not a placeholder.
        reader = QImageReader(path)
        sizes = []
        for _ in range(max(1, reader.imageCount())):
            image = reader.read()
            assert not image.isNull(), (path, reader.errorString())
            sizes.append(image.width())
            reader.jumpToNextImage()
        assert max(sizes) >= 256 and (suffix == ".icns" or 16 in sizes), (path, sizes)
    assert QImage(str(ROOT / "resources/icons/welcomedly.png")).size() == QSize(256, 256)


def test_sidebar_toolbar_and_file_menu(qtbot, open_window, admin_actor):
    window = open_window(admin_actor)
    for row in range(window.sidebar.count()):
        item = window.sidebar.item(row)
        assert not item.icon().isNull(), item.text()
    for action in window.toolbar.actions():
        if not action.isSeparator():
            assert not action.icon().isNull(), action.text()
    file_menu = window.menuBar().actions()[0].menu()
    assert "Import file" in file_menu.actions()[0].text().replace("&", "")


HIDPI_SCRIPT = r"""
import json, sys
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem
from welcomedly_desktop.gui import identity
app = QApplication([])
names = ["campaigns", "work_queue", "agents", "uploads", "reports", "users", "audit", "new", "edit", "delete",
         "refresh", "import", "print"]
sidebar = QListWidget()
sidebar.setIconSize(QSize(20, 20))
for name in names:
    sidebar.addItem(QListWidgetItem(identity.icon(name), name))
sidebar.resize(200, 400)
sidebar.show()
app.processEvents()
shot = sidebar.grab()
out = {"app_dpr": app.devicePixelRatio(), "grab_dpr": shot.devicePixelRatio(), "grab_w": shot.width(),
       "icons": {}}
for name in names + ["app"]:
    icon = identity.app_icon() if name == "app" else identity.icon(name)
    pixmap = icon.pixmap(QSize(20, 20), app.devicePixelRatio())
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    # The same as the SVG drawn straight at 40x40 device pixels: rendered at 2x, not a 20px image blown up.
    reference = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
    reference.fill(0)
    painter = QPainter(reference)
    path = identity.icons_dir() / ("welcomedly.svg" if name == "app" else name + ".svg")
    QSvgRenderer(str(path)).render(painter)
    painter.end()
    out["icons"][name] = [pixmap.width(), pixmap.height(), pixmap.devicePixelRatio(), image == reference]
print(json.dumps(out))
"""


def test_icons_are_sharp_at_device_pixel_ratio_2(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", HIDPI_SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["app_dpr"] == 2 and out["grab_dpr"] == 2 and out["grab_w"] == 400
    for name, (width, height, dpr, same_as_vector) in out["icons"].items():
        # 40x40 device pixels for a 20x20 logical icon, drawn from the SVG at that size, so lines stay sharp.
        assert (width, height, dpr) == (40, 40, 2), name
        assert same_as_vector, name


def test_one_click_shows_the_campaign(qtbot, open_window, supervisor_actor, make_campaign):
    campaign = make_campaign("Renovaciones")
    make_campaign("Encuesta")
    window = open_window(supervisor_actor)
    page = window.show_page("campaigns")
    wait_idle(qtbot, window.ctx)
    assert page.panel.campaign is None and page.panel.empty_label.isVisible()
    assert "Select a campaign" in page.panel.empty_label.text()
    page.select_id(campaign.id)
    qtbot.waitUntil(lambda: page.panel.campaign is not None and page.panel.campaign.id == campaign.id, timeout=5000)
    wait_idle(qtbot, window.ctx)


def test_file_menu_import_goes_to_the_selected_campaign(qtbot, open_window, supervisor_actor, make_campaign,
                                                       dialogs, monkeypatch):
    campaign = make_campaign("Renovaciones")
    captions = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, caption, directory, f: (captions.append(caption) or [], f)))
    window = open_window(supervisor_actor, page="agents")
    # Nothing selected yet: the campaigns page comes up and one sentence says what to do.
    window.import_action.trigger()
    assert window.current_page() is window.page("campaigns")
    assert captions == [] and any("Select the campaign to import into" in t for t in dialogs.texts())
    page = window.page("campaigns")
    wait_idle(qtbot, window.ctx)
    page.select_id(campaign.id)
    window.import_action.trigger()
    assert captions == ["Import into Renovaciones"]
    wait_idle(qtbot, window.ctx)
