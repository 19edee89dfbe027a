"""``welcomedly --smoke-test``: start against the configured database, log in with
$WELCOMEDLY_USER / $WELCOMEDLY_PASSWORD, open every page of the main window once, exit.

Exit 0 when everything opened; otherwise non-zero with the reason on stderr (1: a failure in the
app, 2: missing credentials, or the typed error's own exit code, e.g. 3 for an old schema).
Any message box the app would show counts as a failure and is answered automatically, so the
smoke test can never hang on a modal dialog.
"""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QObject, QTimer

from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.controller import AppController
from welcomedly_desktop.services import auth

log = logging.getLogger(__name__)

TIMEOUT_S = 120


class SmokeTest(QObject):
    def __init__(self, controller: AppController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.failures: list[str] = []
        self.opened: list[str] = []
        self._pending: list[str] = []
        self._started = time.perf_counter()
        messages.exec_dialog = self._record_dialog  # never block on a modal box
        controller.login_shown.connect(self._login)
        controller.main_window_shown.connect(self._walk_pages)
        # The database failure path asks a question; answer "Quit" (recorded as the failure).
        controller.ask_database_problem = self._database_problem  # type: ignore[method-assign]
        QTimer.singleShot(TIMEOUT_S * 1000, self._timeout)

    def _record_dialog(self, dialog) -> int:  # noqa: ANN001
        text = getattr(dialog, "text", lambda: dialog.windowTitle())()
        detail = getattr(dialog, "detailedText", lambda: "")()
        self.failures.append(f"{dialog.windowTitle()}: {text}" + (f"\n{detail}" if detail else ""))
        dialog.reject()
        return 0

    def _database_problem(self, sentence: str) -> None:
        self.fail(sentence)

    def _login(self, _dialog) -> None:  # noqa: ANN001
        email = os.environ.get("WELCOMEDLY_USER", "")
        password = os.environ.get("WELCOMEDLY_PASSWORD", "")
        if not email or not password:
            self.fail("set WELCOMEDLY_USER and WELCOMEDLY_PASSWORD to the account the smoke test logs in with", 2)
            return
        db = self.controller.db
        self.controller.runner.run(lambda: auth.login(db, email, password, client="gui"),
                                   self.controller._logged_in, self._login_failed, label="smoke login")

    def _login_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, WelcomedlyError):
            self.fail(f"login as {os.environ.get('WELCOMEDLY_USER')} failed: {exc.user_message}", exc.exit_code)
            return True
        return False  # -> recorded through the unexpected-error dialog

    def _walk_pages(self, window) -> None:  # noqa: ANN001
        self.window = window
        self._pending = list(window.page_keys)
        QTimer.singleShot(0, self._next_page)

    def _next_page(self) -> None:
        if self.failures:
            self.finish()
            return
        if self.controller.runner.busy:  # wait until the page's data arrived
            QTimer.singleShot(20, self._next_page)
            return
        if not self._pending:
            self.finish()
            return
        key = self._pending.pop(0)
        self.window.show_page(key)
        self.opened.append(key)
        QTimer.singleShot(0, self._next_page)

    def _timeout(self) -> None:
        self.fail(f"timed out after {TIMEOUT_S} s (pages opened: {', '.join(self.opened) or 'none'})")

    def fail(self, reason: str, code: int = 1) -> None:
        self.failures.append(reason)
        self.finish(code)

    def finish(self, code: int | None = None) -> None:
        elapsed = time.perf_counter() - self._started
        if self.failures:
            print("smoke test FAILED: " + "\n".join(self.failures), file=sys.stderr)
            self.controller.quit(code or 1)
        else:
            print(f"smoke test OK: logged in and opened {len(self.opened)} pages "
                  f"({', '.join(self.opened)}) in {elapsed:.2f} s")
            self.controller.quit(0)
