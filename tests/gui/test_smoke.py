"""``welcomedly --smoke-test`` as a subprocess (as the packaging issue runs it)."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import TEST_PASSWORD


def run_smoke(env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "welcomedly_desktop", "--smoke-test"], env=env,
                          capture_output=True, text=True, timeout=120)


def test_smoke_test_logs_in_and_opens_every_page(admin_actor, cli_env):
    result = run_smoke({**cli_env, "WELCOMEDLY_USER": "admin@example.com", "WELCOMEDLY_PASSWORD": TEST_PASSWORD})
    assert result.returncode == 0, result.stderr
    assert "smoke test OK" in result.stdout
    assert "campaigns, work_queue, agents, uploads, reports, live, dnc, users, audit" in result.stdout


def test_smoke_test_fails_with_the_reason(admin_actor, cli_env):
    wrong = run_smoke({**cli_env, "WELCOMEDLY_USER": "admin@example.com", "WELCOMEDLY_PASSWORD": "not it at all"})
    assert wrong.returncode == 1
    assert "login as admin@example.com failed: The e-mail or password is incorrect" in wrong.stderr
    missing = run_smoke(cli_env)
    assert missing.returncode == 2
    assert "WELCOMEDLY_USER" in missing.stderr
