"""The command line in Spanish: messages translated, JSON keys and exit codes unchanged."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import TEST_PASSWORD


def _run(cli_env, *args: str, lang: str, user: str | None = None, new_password: str | None = None):
    env = dict(cli_env, LANG="es_CO.UTF-8")
    env.pop("WELCOMEDLY_LANG", None)
    if lang:
        env["WELCOMEDLY_LANG"] = lang
    if user:
        env["WELCOMEDLY_USER"], env["WELCOMEDLY_PASSWORD"] = user, TEST_PASSWORD
    if new_password:
        env["WELCOMEDLY_NEW_PASSWORD"] = new_password
    result = subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=env, capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_cli_speaks_spanish_with_a_spanish_os_locale_and_english_when_asked(cli_env):
    # No WELCOMEDLY_LANG: the OS locale (es_CO) decides.
    created = _run(cli_env, "user", "add", "--email", "jefe@example.com", "--name", "Jefa", "--role", "admin",
                   lang="", new_password=TEST_PASSWORD)
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("Usuario 1 creado: jefe@example.com (admin)"), created.stdout

    as_admin = {"user": "jefe@example.com"}
    bad = _run(cli_env, "campaign", "add", "--name", "Mala", "--start", "2026-02-01", "--end", "2026-01-01",
               lang="", **as_admin)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "welcomedly: La fecha de fin debe ser igual o posterior a la fecha de inicio."

    missing = _run(cli_env, "campaign", "show", "999", lang="es", **as_admin)
    assert (missing.returncode, missing.stderr.strip()) == (1, "welcomedly: La campaña 999 no existe.")

    # JSON keys are contracts: the same in both languages.
    made = _run(cli_env, "campaign", "add", "--name", "Cartera", "--json", lang="es", **as_admin)
    assert {"id", "name", "status"} <= set(json.loads(made.stdout))

    english = _run(cli_env, "campaign", "show", "999", lang="en", **as_admin)
    assert english.stderr.strip() == "welcomedly: Campaign 999 does not exist."
