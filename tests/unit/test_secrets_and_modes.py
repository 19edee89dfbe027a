"""Issue 20: no password in any form leaves the URL it came in; the app's folders are 0700, its files 0600."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys

import pytest

from welcomedly_desktop.config import display_url, load_settings, save_settings, strip_password, url_password
from welcomedly_desktop.db.engine import describe_connection_error

SECRET = "S3cr3t-pa55"

URLS = [
    f"postgresql+psycopg://ana@db.example/w?password={SECRET}",
    f"postgresql+psycopg://ana@db.example/w?sslmode=require&password={SECRET}",
    f"postgresql+psycopg://ana@db.example/w?sslpassword={SECRET}&sslmode=require",
    f"postgresql+psycopg://ana:{SECRET}@db.example/w?application_name=x",
    f"postgresql+psycopg://ana@db.example/w?api_token={SECRET}",
    f"postgresql+psycopg://ana@db.example/w?client_secret={SECRET}",
]


def _mode(path) -> int:  # noqa: ANN001
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("url", URLS)
def test_display_url_masks_passwords_in_the_query_string_too(url):
    shown = display_url(url)
    assert SECRET not in shown
    assert "db.example" in shown and "ana" in shown


def test_display_url_of_an_unparsable_url_shows_no_password():
    shown = display_url(f"postgresql+psycopg://ana:{SECRET}@db.example:notaport/w?password={SECRET}")
    assert SECRET not in shown


@pytest.mark.parametrize("url", URLS)
def test_strip_password_drops_query_passwords(url):
    stripped = strip_password(url)
    assert SECRET not in stripped
    assert "db.example" in stripped


def test_the_password_given_in_the_query_string_is_found_for_the_keyring():
    assert url_password(f"postgresql://ana@h/w?password={SECRET}") == SECRET
    assert url_password(f"postgresql://ana:{SECRET}@h/w") == SECRET
    assert url_password("postgresql://ana@h/w") is None


def test_connection_error_sentence_masks_the_query_password():
    sentence = describe_connection_error(URLS[0], OSError("connection refused"))
    assert SECRET not in sentence and "db.example" in sentence


def test_settings_file_never_stores_a_query_password_and_is_private(tmp_path):
    old = os.umask(0o022)
    try:
        data_dir = tmp_path / "wd"
        settings = load_settings(data_dir=data_dir)
        save_settings(settings, database_url=URLS[1])
    finally:
        os.umask(old)
    text = settings.settings_file.read_text()
    assert SECRET not in text
    assert json.loads(text)["database_url"].endswith("sslmode=require")
    assert _mode(settings.settings_file) == 0o600
    assert _mode(data_dir) == 0o700


def test_log_folder_is_0700_and_log_file_0600(tmp_path):
    from welcomedly_desktop import logging_setup

    old = os.umask(0o022)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = logging_setup.configure_logging(tmp_path / "logs", console=False)
        logging.getLogger("wd.test").info("hello")
    finally:
        os.umask(old)
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    assert path is not None and path.exists()
    assert _mode(tmp_path / "logs") == 0o700
    assert _mode(path) == 0o600


def test_cli_db_url_never_prints_a_query_password(tmp_path):
    env = {**os.environ, "WELCOMEDLY_DATA_DIR": str(tmp_path)}
    env.pop("WELCOMEDLY_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "welcomedly_desktop", "--data-dir", str(tmp_path), "--database-url",
         f"postgresql://clerk@127.0.0.1:1/w?password={SECRET}&connect_timeout=2", "db", "url"],
        env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert SECRET not in result.stdout + result.stderr
    assert "127.0.0.1" in result.stdout + result.stderr
    log_text = "".join(p.read_text() for p in (tmp_path / "logs").glob("welcomedly.log*"))
    assert SECRET not in log_text


def test_a_settings_file_left_readable_by_an_older_version_is_narrowed_on_load(tmp_path):
    from welcomedly_desktop.config import SETTINGS_FILE_NAME, load_settings

    path = tmp_path / SETTINGS_FILE_NAME
    path.write_text('{"default_country_code": "57"}', encoding="utf-8")
    os.chmod(path, 0o644)
    load_settings(data_dir=tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
