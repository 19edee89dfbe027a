"""Render the application icon (resources/icons/welcomedly.svg) to the bundle's formats.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_icons.py

Writes welcomedly.png (256 px, Linux desktop file and the window icon fallback), welcomedly.ico
(Windows: PNG entries of 16-256 px) and welcomedly.icns (macOS: 128-512 px PNG entries), all from the
one SVG, so the icon is changed in one place.  The results are committed: building the bundle does
not need this script.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512))


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in pngs.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def icns(pngs: dict[bytes, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in pngs.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QtSvg needs one
    svg = ICONS / "welcomedly.svg"
    (ICONS / "welcomedly.png").write_bytes(render_png(svg, 256))
    (ICONS / "welcomedly.ico").write_bytes(ico({size: render_png(svg, size) for size in ICO_SIZES}))
    (ICONS / "welcomedly.icns").write_bytes(icns({kind: render_png(svg, size) for kind, size in ICNS_TYPES}))
    for name in ("welcomedly.png", "welcomedly.ico", "welcomedly.icns"):
        print(ICONS / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
