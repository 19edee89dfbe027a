"""Users page (admins): list accounts, create with a role, change role, (de)activate, unlock; below,
the signed-in sessions (issue 15) with "End session"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import messages, window_state
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.user_dialog import NewUserDialog, RoleDialog
from welcomedly_desktop.gui.models.users_model import UsersModel
from welcomedly_desktop.gui.views.sessions_panel import SessionsPanel
from welcomedly_desktop.gui.views.table_page import TablePage
from welcomedly_desktop.services import users
from welcomedly_desktop.services.users import UserView


class UsersPage(TablePage):
    state_key = "usersPage"
    row_kind = kinds.USERS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, UsersModel(), parent)
        self.model.setParent(self)
        self.search_edit.setPlaceholderText(self.tr("Search users by name or e-mail (Ctrl+F)"))
        self.buttons = self.add_buttons((("new", self.tr("New user…"), self.new_item),
                                         ("role", self.tr("Change role…"), self.edit_item),
                                         ("toggle", self.tr("Deactivate"), self.delete_item),
                                         ("unlock", self.tr("Unlock"), self.unlock)))
        self.button_bar.addStretch(1)
        self.table.sortByColumn(UsersModel.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.actions_changed.connect(self._update_buttons)
        # The accounts above, their signed-in sessions below (deactivating ends those sessions).
        self.sessions_panel = SessionsPanel(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("usersSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.body_layout.removeWidget(self.table)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.sessions_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.body_layout.addWidget(self.splitter, 1)
        ctx.data_changed.connect(lambda kind, id_: kind == kinds.USERS and self._users_changed(kind, id_))
        # A login or logout anywhere (the change feed's session events): the sessions list only.
        ctx.data_changed.connect(lambda kind, _id: kind == kinds.SESSIONS and self.sessions_panel.refresh())
        self._update_buttons()

    def _users_changed(self, kind: str, id_) -> None:  # noqa: ANN001
        """The changed accounts' rows only; the sessions list too (a deactivation ends sessions)."""
        self.refresh_for(kind, id_)
        self.sessions_panel.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.sessions_panel.refresh()

    def save_state(self, settings) -> None:  # noqa: ANN001
        super().save_state(settings)
        window_state.save_splitter(settings, self.state_key, self.splitter)
        window_state.save_header(settings, "sessionsPanel", self.sessions_panel.table.horizontalHeader())

    def restore_state(self, settings) -> None:  # noqa: ANN001
        super().restore_state(settings)
        window_state.restore_splitter(settings, self.state_key, self.splitter)
        window_state.restore_header(settings, "sessionsPanel", self.sessions_panel.table.horizontalHeader())

    def load(self, session) -> list[UserView]:  # noqa: ANN001
        return users.list_users(session, self.ctx.actor)

    def load_rows(self, session, ids: frozenset) -> list[UserView]:  # noqa: ANN001
        return users.list_users(session, self.ctx.actor, ids=ids)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        for key in ("role", "toggle", "unlock"):
            self.buttons[key].setEnabled(row is not None)
        if row is not None:
            self.buttons["toggle"].setText(self.tr("Deactivate") if row.active else self.tr("Activate"))
            self.buttons["unlock"].setEnabled(row.locked)

    def can_edit_item(self) -> bool:
        return self.selected_row() is not None

    def can_delete_item(self) -> bool:
        return self.selected_row() is not None

    def new_item(self) -> None:
        dialog = NewUserDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def edit_item(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = RoleDialog(self.ctx, row, self)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def delete_item(self) -> None:
        """Accounts are deactivated, never deleted (the audit log keeps referring to them)."""
        row = self.selected_row()
        if row is None:
            return
        actor, activate = self.ctx.actor, not row.active
        if not activate and not messages.confirm(
                self, self.tr("Deactivate user"),
                self.tr("Deactivate {name}? They will no longer be able to log in, and their open sessions on "
                        "every workstation are ended.").format(name=row.name),
                ok_text=self.tr("Deactivate")):
            return
        self.ctx.run_in_session(lambda s: users.set_active(s, actor, row.id, activate, expected_version=row.version),
                                lambda view: self.ctx.notify_changed(kinds.USERS, view.id), parent=self,
                                label="toggle user")

    def unlock(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        actor = self.ctx.actor
        self.ctx.run_in_session(lambda s: users.unlock(s, actor, row.email),
                                lambda _was: self.ctx.notify_changed(kinds.USERS, row.id), parent=self,
                                label="unlock user")
