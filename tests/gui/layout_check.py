"""What "fits" means for a page or dialog (issue 18, "Layouts that fit"), checked on real widgets.

- no two visible widgets laid out side by side by the same layout overlap;
- no label's text is wider than its box (a word-wrapped one: taller than its box);
- the window did not grow (its layout's minimum fits the size it was given).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QLayout, QWidget


def _laid_out_widgets(layout: QLayout) -> list[QWidget]:
    found = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            found.append(item.widget())
        elif item.layout() is not None:
            found.extend(_laid_out_widgets(item.layout()))
    return found


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _inside_scroll_area(widget: QWidget, root: QWidget) -> bool:
    """A widget in a scroll area may be larger than what is visible: the user scrolls to it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def overlaps(root: QWidget) -> list[str]:
    problems = []
    for owner in [root, *root.findChildren(QWidget)]:
        if not _shown(owner) or owner.layout() is None:
            continue
        widgets = [w for w in _laid_out_widgets(owner.layout()) if _shown(w)]
        for i, a in enumerate(widgets):
            for b in widgets[i + 1:]:
                if a.geometry().intersects(b.geometry()):
                    problems.append(f"{_name(a)} {_rect(a.geometry())} overlaps {_name(b)} {_rect(b.geometry())}"
                                    f" in {_name(owner)}")
    return problems


def clipped_labels(root: QWidget) -> list[str]:
    problems = []
    for label in root.findChildren(QLabel):
        if not _shown(label) or not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
            continue
        if _inside_scroll_area(label, root) and label.wordWrap():
            continue
        box = label.contentsRect()
        margin = 2 * label.margin() + max(0, label.indent())
        rich = label.textFormat() != label.textFormat().PlainText and ("<" in label.text())
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                problems.append(f"{_name(label)} needs {needed}px of height, has {label.height()}: {label.text()[:60]!r}")
            continue
        if rich:
            doc = QTextDocument()
            doc.setDefaultFont(label.font())
            doc.setHtml(label.text())
            doc.setDocumentMargin(0)
            width = doc.idealWidth()
        else:
            metrics = label.fontMetrics()
            width = max(metrics.horizontalAdvance(line) for line in label.text().replace("&", "").splitlines() or [""])
        if width > box.width() - margin + 1:
            problems.append(f"{_name(label)} text {width:.0f}px wider than its box {box.width()}px: {label.text()[:60]!r}")
        lines = max(1, len(label.text().splitlines()))
        if label.fontMetrics().height() * lines > box.height() + 2:
            problems.append(f"{_name(label)} text taller than its box {box.height()}px: {label.text()[:60]!r}")
    return problems


def grew(window: QWidget, size: QSize) -> list[str]:
    problems = []
    if window.size() != size:
        problems.append(f"{_name(window)} is {window.width()}x{window.height()}, was given {size.width()}x{size.height()}")
    hint = window.minimumSizeHint()
    if hint.width() > size.width() or hint.height() > size.height():
        problems.append(f"{_name(window)} needs at least {hint.width()}x{hint.height()}")
    return problems


def problems(window: QWidget, size: QSize, root: QWidget | None = None) -> list[str]:
    root = root or window
    return grew(window, size) + overlaps(root) + clipped_labels(root)


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or '-'})"


def _rect(r: QRect) -> str:
    return f"[{r.x()},{r.y()} {r.width()}x{r.height()}]"
