"""Users page (admins): list accounts, create with a role, change role, (de)activate, unlock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.user_dialog import NewUserDialog, RoleDialog
from welcomedly_desktop.gui.models.users_model import UsersModel
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
        ctx.data_changed.connect(lambda kind, id_: kind == kinds.USERS and self.refresh_for(kind, id_))
        self._update_buttons()

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
                self.tr("Deactivate {name}? They will no longer be able to log in.").format(name=row.name),
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
