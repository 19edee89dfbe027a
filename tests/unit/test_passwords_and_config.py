from __future__ import annotations

import json

import pytest

from welcomedly_desktop.config import load_settings, normalize_database_url, save_settings, strip_password
from welcomedly_desktop.errors import ConfigurationError, ValidationError
from welcomedly_desktop.services import passwords


def test_password_minimum_length():
    with pytest.raises(ValidationError, match="at least 12"):
        passwords.hash_password("short")


def test_password_73_bytes_is_refused_not_truncated():
    with pytest.raises(ValidationError, match="too long"):
        passwords.hash_password("a" * 73)
    # 72 bytes is the limit and works.
    h = passwords.hash_password("a" * 72)
    assert passwords.verify_password("a" * 72, h)
    assert not passwords.verify_password("a" * 73, h)


def test_multibyte_password_counted_in_bytes():
    # 37 characters of two bytes each = 74 bytes.
    with pytest.raises(ValidationError):
        passwords.hash_password("é" * 37)


def test_verify_unknown_hash_is_false():
    assert passwords.verify_password("whatever-password", None) is False


def test_database_url_normalised():
    assert normalize_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(ConfigurationError):
        normalize_database_url("mysql://u@h/db")


def test_settings_file_never_stores_password(tmp_path):
    settings = load_settings(data_dir=tmp_path)
    save_settings(settings, database_url="postgresql+psycopg://ana:s3cret@db.example/welcomedly")
    stored = json.loads((tmp_path / "settings.json").read_text())
    assert "s3cret" not in json.dumps(stored)
    assert stored["database_url"] == "postgresql+psycopg://ana@db.example/welcomedly"
    assert strip_password("postgresql+psycopg://ana:x@h/db") == "postgresql+psycopg://ana@h/db"


def test_corrupt_settings_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv("WELCOMEDLY_DATABASE_URL", raising=False)
    (tmp_path / "settings.json").write_text("{not json")
    settings = load_settings(data_dir=tmp_path)
    assert settings.uses_embedded_database


def test_precedence_flag_over_env_over_file(tmp_path, monkeypatch):
    (tmp_path / "settings.json").write_text(json.dumps({"database_url": "postgresql://file@h/db"}))
    monkeypatch.delenv("WELCOMEDLY_DATABASE_URL", raising=False)
    assert load_settings(data_dir=tmp_path).database_url == "postgresql+psycopg://file@h/db"
    monkeypatch.setenv("WELCOMEDLY_DATABASE_URL", "postgresql://env@h/db")
    assert load_settings(data_dir=tmp_path).database_url == "postgresql+psycopg://env@h/db"
    assert load_settings(data_dir=tmp_path, database_url="postgresql://flag@h/db").database_url == (
        "postgresql+psycopg://flag@h/db"
    )


def test_cli_uses_the_password_remembered_by_the_desktop_app(tmp_path, monkeypatch):
    from welcomedly_desktop import cli, credentials

    monkeypatch.setitem(credentials._memory, "postgresql+psycopg://clerk@db.example/w", "pw-from-keyring")
    args = cli.build_parser().parse_args(
        ["--data-dir", str(tmp_path), "--database-url", "postgresql://clerk@db.example/w", "db", "url"]
    )
    assert cli.CliContext(args).settings.database_url == "postgresql+psycopg://clerk:pw-from-keyring@db.example/w"


def test_dummy_hash_costs_as_much_as_a_real_one():
    """The hash checked for unknown e-mails is a constant; it must stay a valid bcrypt hash with the
    production cost, or a failed login for an unknown e-mail would be measurably faster."""
    import importlib.util

    # The product's cost as written in the module (the test session lowers the live value to 4).
    spec = importlib.util.find_spec("welcomedly_desktop.services.passwords")
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    cost = int(fresh._DUMMY_HASH.split(b"$")[2])
    assert cost == fresh.BCRYPT_ROUNDS == 12
    assert passwords.bcrypt.checkpw(b"welcomedly-dummy-password", passwords._DUMMY_HASH)


def test_an_early_proof_is_taken_by_the_login_with_the_same_verdict():
    """passwords.start_early_proof runs bcrypt ahead with the salt the login door gives (the CLI
    starts it before its heavy imports); the owner's verify_password and the door's proof take that
    result, right or wrong, only for the same salt, and keep nothing afterwards."""
    stored = passwords.hash_password("correct horse battery", rounds=4)
    salt = stored[:29]
    passwords.start_early_proof("correct horse battery", salt)
    passwords.start_early_proof("wrong guess at it", salt)
    assert passwords.verify_password("correct horse battery", stored) is True
    assert passwords.verify_password("wrong guess at it", stored) is False
    assert passwords._early == {}
    assert passwords.verify_password("correct horse battery", stored) is True  # no early proof: as before

    # The door's proof: taken when made with the same salt; another salt (the user changed, the
    # lookup failed) is computed again, never trusted.
    passwords.start_early_proof("correct horse battery", salt)
    assert passwords.proof("correct horse battery", salt) == stored
    other = passwords.hash_password("correct horse battery", rounds=4)
    passwords.start_early_proof("correct horse battery", salt)
    assert passwords.proof("correct horse battery", other[:29]) == other
    assert passwords._early == {}


def test_an_early_proof_is_only_a_shortcut(monkeypatch):
    """A wrong precomputed value (as if the early thread had computed garbage) is what the login
    compares: the verdict follows the stored hash, and the early result is really used."""
    stored = passwords.hash_password("correct horse battery", rounds=4)
    monkeypatch.setattr(passwords, "_hashpw", lambda *_: "not a hash")
    passwords.start_early_proof("correct horse battery", stored[:29])
    assert passwords.verify_password("correct horse battery", stored) is False
