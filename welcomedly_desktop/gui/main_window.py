"""The main window: sidebar navigation, the page stack, menus/toolbar with the standard shortcuts.

It knows pages only through the page protocol (see gui/README.md): it builds them lazily, routes
New/Edit/Delete/Refresh/Find/Print to the current page's optional methods and persists its own
geometry, toolbar state and splitter.  Everything page-specific lives in the page modules.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from welcomedly_desktop.config import short_url
from welcomedly_desktop.gui import identity, live, messages, window_state
from welcomedly_desktop.gui.backup_scheduler import BackupAgeLabel, BackupScheduler
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.labels import role_label
from welcomedly_desktop.gui.language_menu import LanguageMenu
from welcomedly_desktop.gui.views.registry import PageSpec, page_specs

log = logging.getLogger(__name__)

STATE_KEY = "mainWindow"
#: Other workstations change the same data; a list older than this is reloaded when the user comes
#: back to it (page switch or window re-activated).  F5 is always there for "now".
STALE_AFTER_S = 60.0

# Page method names the window's actions call when the current page has them.
PAGE_METHODS = {
    "new": "new_item",
    "edit": "edit_item",
    "delete": "delete_item",
    "refresh": "refresh",
    "find": "focus_search",
    "print": "print_page",
}


class MainWindow(QMainWindow):
    logout_requested = Signal()
    #: The user closed the window (quit), as opposed to logging out.
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._logging_out = False
        self._specs: list[PageSpec] = [s for s in page_specs() if s.visible_for(ctx.actor)]
        self._pages: dict[str, QWidget] = {}
        self._build_actions()
        self._build_menus()
        self._build_body()
        self._build_status_bar()
        self.live = live.install(self, ctx)  # other workstations' changes refresh the open pages
        self._update_title()
        ctx.actor_changed.connect(lambda _a: (self._update_title(), self._update_status()))
        ctx.ops.busy_changed.connect(self._busy.setVisible)
        app = QApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_application_state)
        self.resize(1100, 700)
        self._restore_state()
        self.show_page(self._specs[0].key)
        # The daily automatic backup of the built-in database (off the GUI thread, low priority).
        self.backup_scheduler = BackupScheduler(ctx, self)
        self.backup_scheduler.finished.connect(lambda _outcome: self.backup_age_label.refresh())
        self.backup_scheduler.failed.connect(lambda text: self.backup_age_label.refresh(failure=text))
        self.backup_scheduler.start()

    # -- construction ----------------------------------------------------------------------
    def _action(self, name: str, text: str, shortcuts: list[QKeySequence | str], slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        # Never the same key twice: a duplicate makes Qt treat the key as ambiguous and do nothing.
        unique: dict[str, QKeySequence] = {}
        for shortcut in shortcuts:
            sequence = QKeySequence(shortcut)
            if not sequence.isEmpty():
                unique.setdefault(sequence.toString(), sequence)
        action.setShortcuts(list(unique.values()))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.page_actions: dict[str, QAction] = {
            "new": self._action("new", self.tr("&New…"), [QKeySequence("Ctrl+N")], lambda: self._call_page("new")),
            "edit": self._action("edit", self.tr("&Edit…"), [QKeySequence("Ctrl+E")], lambda: self._call_page("edit")),
            "delete": self._action("delete", self.tr("&Delete…"), [QKeySequence(K.Delete)],
                                   lambda: self._call_page("delete")),
            "refresh": self._action("refresh", self.tr("&Refresh"), ["F5", *QKeySequence.keyBindings(K.Refresh)],
                                    lambda: self._call_page("refresh")),
            "find": self._action("find", self.tr("&Find"), [QKeySequence("Ctrl+F")], lambda: self._call_page("find")),
            "print": self._action("print", self.tr("&Print…"), [QKeySequence("Ctrl+P")],
                                  lambda: self._call_page("print")),
        }
        # File > Import file… (issue 18, #9): into the campaign selected on the current page.
        self.import_action = self._action("import", self.tr("&Import file…"), [QKeySequence("Ctrl+I")],
                                          self.import_file)
        self.import_action.setVisible(self.ctx.actor.can_manage_campaigns)  # agents never import
        for key, action in (*self.page_actions.items(), ("import", self.import_action)):
            action.setIcon(identity.icon(key))
        self.profile_action = self._action("profile", self.tr("My &profile…"), [], self._open_profile)
        self.logout_action = self._action("logout", self.tr("&Log out"), [], self.logout)
        self.quit_action = self._action("quit", self.tr("&Quit"), [QKeySequence("Ctrl+Q")], self.close)
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.profile_action)
        file_menu.addAction(self.page_actions["print"])
        file_menu.addSeparator()
        file_menu.addAction(self.logout_action)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for key in ("new", "edit", "delete"):
            edit_menu.addAction(self.page_actions[key])
        edit_menu.addSeparator()
        edit_menu.addAction(self.page_actions["find"])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.page_actions["refresh"])

        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolBar")  # saveState() needs it
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in ("new", "edit", "delete"):
            toolbar.addAction(self.page_actions[key])
        toolbar.addAction(self.import_action)
        toolbar.addSeparator()
        toolbar.addAction(self.page_actions["refresh"])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        view_menu.addAction(toolbar.toggleViewAction())
        view_menu.addMenu(LanguageMenu(self.ctx, self))
        self.toolbar = toolbar
        if self.ctx.actor.is_admin:  # backups (issue 17): admins only
            settings_menu = bar.addMenu(self.tr("&Settings"))
            self.backups_action = self._action("backups", self.tr("&Backups…"), [], self._open_backups)
            settings_menu.addAction(self.backups_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action("about", self.tr("&About Welcomedly"), [], self._about))

    def _build_body(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.sidebar = QListWidget(self.splitter)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.stack = QStackedWidget(self.splitter)
        self.stack.setObjectName("pageStack")
        for spec in self._specs:
            item = QListWidgetItem(identity.icon(spec.key), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.sidebar.addItem(item)
            holder = QWidget()  # the real page is built the first time it is shown
            holder.setObjectName(f"holder_{spec.key}")
            self.stack.addWidget(holder)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.currentRowChanged.connect(self._on_row_changed)
        # Page names stay readable however wide a page wants to be (and in longer translations).
        self.sidebar.setMinimumWidth(self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + 12)
        self.splitter.setCollapsible(0, False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 930])
        self.setCentralWidget(self.splitter)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("statusBar")
        self._user_label = QLabel()
        self._user_label.setObjectName("statusUser")
        self._db_label = QLabel()
        self._db_label.setObjectName("statusDatabase")
        self._busy = QProgressBar()
        self._busy.setRange(0, 0)  # indeterminate: "working…"
        self._busy.setMaximumWidth(100)
        self._busy.setVisible(False)
        status.addWidget(self._user_label)
        status.addPermanentWidget(self._busy)
        self.backup_age_label = BackupAgeLabel(self.ctx, self)
        status.addPermanentWidget(self.backup_age_label)
        status.addPermanentWidget(self._db_label)
        self._update_status()

    def _update_status(self) -> None:
        actor = self.ctx.actor
        self._user_label.setText(self.tr("{name} ({email}) — {role}").format(
            name=actor.name, email=actor.email, role=role_label(actor.role)))
        # The full address (with its options) is in the tooltip; the bar shows which server and database.
        db = self.ctx.db
        self._db_label.setText(self.tr("Database: {db}").format(db=self.tr("built-in") if db.is_embedded else short_url(db.display_url)))
        self._db_label.setToolTip(db.display_url)

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("Welcomedly — {name}").format(name=self.ctx.actor.name))

    # -- pages -----------------------------------------------------------------------------
    @property
    def page_keys(self) -> list[str]:
        return [s.key for s in self._specs]

    def page(self, key: str) -> QWidget:
        """The page widget for ``key``, built on first use."""
        if key not in self._pages:
            index = self.page_keys.index(key)
            spec = self._specs[index]
            page = self._create_page(spec)
            page.setObjectName(f"page_{spec.key}")
            old = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self._pages[key] = page
            restore = getattr(page, "restore_state", None)
            if callable(restore):
                try:
                    restore(self.ctx.ui_settings())
                except Exception:  # noqa: BLE001 - saved UI state must never break a page
                    log.exception("Could not restore the saved state of page %s", key)
            signal = getattr(page, "actions_changed", None)
            if signal is not None:
                signal.connect(self._update_actions)
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
        return self._pages[key]

    def _create_page(self, spec: PageSpec) -> QWidget:
        try:
            return spec.factory(self.ctx, None)
        except Exception:  # noqa: BLE001 - one broken page must not take the window down
            log.exception("Page %s could not be built", spec.key)
            error = QLabel(self.tr("This page could not be opened; see the log file for details."))
            error.setAlignment(Qt.AlignmentFlag.AlignCenter)
            error.setWordWrap(True)
            return error

    def current_page(self) -> QWidget | None:
        index = self.stack.currentIndex()
        return self._pages.get(self.page_keys[index]) if index >= 0 else None

    def show_page(self, key: str) -> QWidget:
        index = self.page_keys.index(key)
        if self.sidebar.currentRow() != index:
            self.sidebar.setCurrentRow(index)  # -> _on_row_changed
        else:
            self._on_row_changed(index)
        return self._pages[key]

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.page_keys[row]
        fresh = key not in self._pages
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self._update_actions()
        if not fresh:
            self.refresh_if_stale(page)

    def refresh_if_stale(self, page: QWidget | None) -> bool:
        """Reload a page that opts in (``auto_refresh``) when its data is older than STALE_AFTER_S."""
        if page is None or not getattr(page, "auto_refresh", False):
            return False
        if time.monotonic() - getattr(page, "last_loaded", 0.0) < STALE_AFTER_S:
            return False
        page.refresh()
        return True

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and self.isVisible():
            self.refresh_if_stale(self.current_page())

    def _update_actions(self) -> None:
        page = self.current_page()
        for name, action in self.page_actions.items():
            method = getattr(page, PAGE_METHODS[name], None) if page is not None else None
            enabled = callable(method)
            can = getattr(page, f"can_{PAGE_METHODS[name]}", None)
            if enabled and callable(can):
                enabled = bool(can())
            action.setEnabled(enabled)
            # Hidden rather than greyed out when the page can never do it (e.g. agents: no New).
            action.setVisible(callable(method) or name in ("refresh", "find", "print"))

    def _call_page(self, name: str) -> None:
        page = self.current_page()
        method = getattr(page, PAGE_METHODS[name], None)
        if callable(method) and self.page_actions[name].isEnabled():
            method()

    def import_file(self) -> None:
        """File > Import file…: into the campaign selected on this page, else on the Campaigns page."""
        method = getattr(self.current_page(), "import_file", None)
        if callable(method) and method():
            return
        if "campaigns" in self.page_keys and self.show_page("campaigns").import_file():
            return
        messages.information(self, self.tr("Import file"),
                             self.tr("Select the campaign to import into in the list, then choose Import file… again."))

    # -- session ---------------------------------------------------------------------------
    def _open_profile(self) -> None:
        from welcomedly_desktop.gui.dialogs.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        self.profile_dialog = dialog
        dialog.open()

    def _open_backups(self) -> None:
        from welcomedly_desktop.gui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _r: self.backup_age_label.refresh())
        self.backups_dialog = dialog
        dialog.open()

    def _about(self) -> None:
        from welcomedly_desktop import __version__
        from welcomedly_desktop.logging_setup import log_file

        text = self.tr("Welcomedly Desktop {version}\n\nDatabase: {db}\nData folder: {data}\nLog file: {log}").format(
            version=__version__, db=self.ctx.db.display_url, data=self.ctx.settings.data_dir,
            log=log_file() or self.tr("none"))
        messages.information(self, self.tr("About Welcomedly"), text)

    def logout(self) -> None:
        self._logging_out = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        self.backup_scheduler.stop()
        self.save_state()
        self.live.stop()
        event.accept()
        if self._logging_out:
            self.logout_requested.emit()
        else:
            self.closed.emit()

    # -- persistence -----------------------------------------------------------------------
    def save_state(self) -> None:
        settings = self.ctx.ui_settings()
        window_state.save_window(settings, STATE_KEY, self)
        window_state.save_splitter(settings, STATE_KEY, self.splitter)
        settings.setValue(f"{STATE_KEY}/page", self.page_keys[self.stack.currentIndex()])
        for page in self._pages.values():
            save = getattr(page, "save_state", None)
            if callable(save):
                save(settings)
        settings.sync()

    def _restore_state(self) -> None:
        settings = self.ctx.ui_settings()
        try:
            window_state.restore_window(settings, STATE_KEY, self)
            window_state.restore_splitter(settings, STATE_KEY, self.splitter)
            page = settings.value(f"{STATE_KEY}/page")
        except Exception:  # noqa: BLE001 - corrupt state never blocks start-up
            log.exception("Ignoring unreadable window state")
            page = None
        if isinstance(page, str) and page in self.page_keys:
            self._initial_page = page
        else:
            self._initial_page = None

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        initial = getattr(self, "_initial_page", None)
        if initial:
            self._initial_page = None
            self.show_page(initial)

