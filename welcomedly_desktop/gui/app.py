"""``run_gui(args, settings)``: the desktop application's entry point (called by __main__)."""

from __future__ import annotations

import logging
import time

from welcomedly_desktop import APP_NAME
from welcomedly_desktop.config import Settings

log = logging.getLogger(__name__)


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
    return app


def run_gui(args, settings: Settings) -> int:  # noqa: ANN001 - argparse.Namespace
    started = time.perf_counter()
    app = create_application()
    from welcomedly_desktop.gui import excepthook
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
