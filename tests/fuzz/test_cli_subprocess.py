"""issue 20 as a script sees it: a few real `welcomedly` processes (argv as bytes, so invalid
UTF-8 arrives as the operating system gives it)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import TEST_PASSWORD

from .support import _LEAKS


@pytest.fixture
def run(cli_env, world):
    env = dict(cli_env, WELCOMEDLY_USER=world.admin.email, WELCOMEDLY_PASSWORD=TEST_PASSWORD)

    def _run(*args: str | bytes) -> subprocess.CompletedProcess:
        argv = [os.fsencode(sys.executable), b"-m", b"welcomedly_desktop", *(os.fsencode(a) for a in args)]
        return subprocess.run(argv, env=env, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)

    return _run


def _one_line(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, (result.returncode, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("welcomedly: ") and not _LEAKS.search(err), err
    return lines[0]


def test_real_processes_refuse_hostile_input_with_one_line(run, world):
    huge = run("campaign", "show", str(2**31))
    assert huge.returncode == 2 and b"2147483648 is not an id" in huge.stderr and b"Traceback" not in huge.stderr
    assert "at most 40 characters" in _one_line(run("agent", "add", "--name", "Ana", "--email", "ana@example.com",
                                                    "--phone", "9" * 10_000))
    assert "not UTF-8" in _one_line(run("campaign", "add", "--name", b"Caf\xe9 \xff"))
    assert "control character" in _one_line(run("campaign", "add", "--name", "Evil\x1b[2J"))
    assert "does not exist" in _one_line(run("campaign", "show", "999999"))
    listing = run("campaign", "list")
    assert listing.returncode == 0 and listing.stderr == b""
