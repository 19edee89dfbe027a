"""Qt's side of the translations: the app's compiled catalogue and Qt's own (standard buttons, dialogs).

The language is the one :mod:`welcomedly_desktop.i18n` resolved (settings, WELCOMEDLY_LANG, OS
locale), so the widgets, the generated forms and the core's messages always agree.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from welcomedly_desktop import i18n

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


class AppTranslator(QTranslator):
    """The app's catalogue; a miss in the caller's context is looked up in the empty context, where
    lupdate files the strings of module-level ``tr()`` helpers (it only sees class contexts)."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201
        found = super().translate(context, source, disambiguation, n)
        if not found and context:
            found = super().translate("", source, disambiguation, n)
        return found or None  # None (a null string): Qt goes on to the next translator / the source


def install_translators(app: QCoreApplication, language: str | None = None, qm_dir: str | None = None) -> str:
    """Install (or replace) the translators for ``language`` (default: the current one); returns it.

    ``qm_dir``: where the app's compiled ``.qm`` is (default ``resources/i18n``, filled by
    ``make translations``)."""
    language = i18n.normalize_language(language) or i18n.current_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    tag = i18n.current_locale_tag() if language == i18n.current_language() else language
    QLocale.setDefault(QLocale(tag))
    if language == i18n.SOURCE_LANGUAGE:
        return language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"welcomedly_{language}", qm_dir or str(i18n.translations_dir()))):
        translator = (AppTranslator if name.startswith("welcomedly") else QTranslator)(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            # The .qm is built by `make translations`; the core's texts still come from the .ts.
            log.warning("No Qt translation %s in %s", name, folder)
    return language


__all__ = ["install_translators"]
