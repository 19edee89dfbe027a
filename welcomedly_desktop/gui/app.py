"""``run_gui(args, settings)``: the desktop application's entry point (called by __main__)."""

from __future__ import annotations

import logging
import os
import sys
import time

from welcomedly_desktop import APP_NAME
from welcomedly_desktop.config import Settings

log = logging.getLogger(__name__)


def choose_platform() -> str | None:
    """Avoid Qt's abort ("could not connect to display") on a Linux machine without a screen.

    With no display and no QT_QPA_PLATFORM, use $QT_QPA_PLATFORM_DEFAULT (the Makefile sets it to
    "offscreen") and say so; without that either, return an error sentence.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    fallback = os.environ.get("QT_QPA_PLATFORM_DEFAULT")
    if fallback:
        os.environ["QT_QPA_PLATFORM"] = fallback
        print(f"welcomedly: no display found (DISPLAY and WAYLAND_DISPLAY are unset); running with the "
              f"{fallback!r} platform, so no window is visible. Press Ctrl+C to quit.", file=sys.stderr)
        return None
    return ("no display found (DISPLAY and WAYLAND_DISPLAY are unset): start the desktop app in a graphical "
            "session, or set QT_QPA_PLATFORM=offscreen for automated runs.")


def create_application():  # noqa: ANN201
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(APP_NAME)
        QCoreApplication.setApplicationName(APP_NAME)
        app = QApplication([APP_NAME])
    # Windows come and go (login -> main window -> login); the controller decides when to quit.
    app.setQuitOnLastWindowClosed(False)
    from welcomedly_desktop.gui import identity

    identity.apply(app)  # application icon (windows, taskbar) and stylesheet
    return app


def run_gui(args, settings: Settings) -> int:  # noqa: ANN001 - argparse.Namespace
    started = time.perf_counter()
    problem = choose_platform()
    if problem:
        print(f"welcomedly: {problem}", file=sys.stderr)
        return 1
    app = create_application()
    from welcomedly_desktop.gui import excepthook
    from welcomedly_desktop.gui.i18n_setup import install_translators

    install_translators(app)
    from welcomedly_desktop.gui.controller import AppController
    from welcomedly_desktop.gui.quit_signals import QuitOnSignals

    controller = AppController(settings)
    controller.started_at = started
    exit_code = {"code": 0}

    def finished(code: int) -> None:
        exit_code["code"] = code
        app.exit(code)

    controller.finished.connect(finished)
    signals = QuitOnSignals(lambda _sig: controller.quit(0))
    if getattr(args, "smoke_test", False):
        from welcomedly_desktop.gui.smoke import SmokeTest

        smoke = SmokeTest(controller)
        excepthook.install(lambda exc, details: smoke.fail(f"unexpected error: {details}"))
    else:
        excepthook.install()
    controller.start()
    try:
        app.exec()
    finally:
        signals.restore()
        controller.shutdown()
    log.info("Welcomedly desktop exits with %s after %.1f s", exit_code["code"], time.perf_counter() - started)
    return exit_code["code"]
