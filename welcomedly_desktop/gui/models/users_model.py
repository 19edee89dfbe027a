"""Table model of user accounts (rows are ``services.users.UserView``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from welcomedly_desktop.gui.labels import role_label
from welcomedly_desktop.gui.models.table_model import Column, RowTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("UsersModel", text)


class UsersModel(RowTableModel):
    COL_NAME, COL_EMAIL, COL_ROLE, COL_ACTIVE, COL_LOCKED, COL_CREATED = range(6)

    columns = (
        Column("name", tr("Name"), lambda u: u.name),
        Column("email", tr("E-mail"), lambda u: u.email),
        Column("role", tr("Role"), lambda u: u.role, display=lambda u: role_label(u.role)),
        Column("active", tr("Active"), lambda u: u.active, searchable=False),
        Column("locked", tr("Locked"), lambda u: u.locked, searchable=False),
        Column("created_at", tr("Created"), lambda u: u.created_at, searchable=False),
    )
