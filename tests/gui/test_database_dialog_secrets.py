"""Issue 20: a password given in the URL's query string goes to the keyring, never to settings.json."""

from __future__ import annotations

import json

import keyring

from .test_login import MemoryKeyring, open_database_dialog, restore_keyring, start_app  # noqa: F401 - fixtures

SECRET = "qs-s3cret-77"


def test_query_string_password_goes_to_the_keyring_not_the_settings_file(
        qtbot, db, settings, start_app, restore_keyring, dialogs):  # noqa: F811 - fixtures
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    controller, dialog = open_database_dialog(qtbot, settings, start_app)  # empty database: no admin needed
    dialog.url_edit.setText(f"postgresql://clerk@db.example/welcomedly?sslmode=prefer&password={SECRET}")
    with qtbot.waitSignal(dialog.settings_changed, timeout=10000) as changed:
        dialog.save_button.click()
    text = settings.settings_file.read_text()
    assert SECRET not in text
    assert json.loads(text)["database_url"] == "postgresql+psycopg://clerk@db.example/welcomedly?sslmode=prefer"
    assert SECRET not in changed.args[0].database_url
    assert list(backend.secrets.values()) == [SECRET]
    qtbot.waitUntil(lambda: any(s.object_name == "databaseErrorBox" for s in dialogs.seen), timeout=30000)
    box = [s for s in dialogs.seen if s.object_name == "databaseErrorBox"][0]
    assert SECRET not in box.text + box.informative
