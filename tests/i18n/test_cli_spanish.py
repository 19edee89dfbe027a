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


def test_rejection_reasons_and_the_rejects_file_in_spanish(cli_env, tmp_path):
    import csv

    assert _run(cli_env, "user", "add", "--email", "jefe@example.com", "--name", "Jefa", "--role", "admin",
                lang="es", new_password=TEST_PASSWORD).returncode == 0
    as_admin = {"user": "jefe@example.com"}
    campaign = json.loads(_run(cli_env, "campaign", "add", "--name", "Cartera", "--json", lang="es", **as_admin).stdout)
    leads = tmp_path / "clientes.csv"
    leads.write_text("nombre,telefono,correo\nAna,3124900097,ana@example.com\nLuis,,luis@example.com\n"
                     "Eva,3124900097,eva@example.com\nSol,3001234567,no-es-correo\n", encoding="utf-8")
    imported = _run(cli_env, "import", str(leads), "--campaign", str(campaign["id"]), "--json", lang="es", **as_admin)
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(imported.stdout)  # JSON keys stay English: they are a contract
    assert (summary["imported"], summary["rejected"], summary["duplicates"]) == (1, 2, 1)

    out = tmp_path / "rechazos.csv"
    assert _run(cli_env, "uploads", "rejects", str(summary["upload_id"]), "--out", str(out), lang="es",
                **as_admin).returncode == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["fila", "columna", "motivo"]
    reasons = {int(r[0]): r[2] for r in rows[1:]}
    assert reasons[3] == "teléfono: está vacío"
    assert reasons[4] == "duplicado de la fila 2 de este archivo"
    assert reasons[5] == "correo electrónico: 'no-es-correo' no es un correo electrónico válido"
