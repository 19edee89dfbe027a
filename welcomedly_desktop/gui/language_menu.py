"""View > Language: the workstation's language override (settings.json ``language``).

The choice is used from the next start: widgets built in one language stay in it, and restarting
is what users expect from desktop programs that change language.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from welcomedly_desktop.config import save_settings
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext

#: Each language in its own name (never translated), after "follow the system".
CHOICES = ((None, None), ("es", "Español"), ("en", "English"))


class LanguageMenu(QMenu):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.ctx = ctx
        self.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        current = ctx.settings.language
        self.choice_actions: dict[str | None, QAction] = {}
        for code, name in CHOICES:
            action = QAction(name or self.tr("Follow the system"), self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, code=code: self.choose(code))
            group.addAction(action)
            self.addAction(action)
            self.choice_actions[code] = action

    def choose(self, code: str | None) -> None:
        if code == self.ctx.settings.language:
            return
        self.ctx.settings = save_settings(self.ctx.settings, language=code)
        messages.information(self.parentWidget(), self.tr("Language"),
                             self.tr("Welcomedly uses the new language from the next start."))


__all__ = ["LanguageMenu"]
