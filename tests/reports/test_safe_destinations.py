"""Issue 20: exports, reports and rejects write only to a new file or over a regular file.

A device, a FIFO, a socket, a folder or a symbolic link at the destination is refused with one
sentence and left exactly as it was (safe_files.py says why links are refused, not followed).
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys

import pytest

from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.reports import export
from welcomedly_desktop.safe_files import atomic_path, check_destination
from welcomedly_desktop.services import reports

from ..conftest import TEST_PASSWORD


def _special(tmp_path, kind: str):  # noqa: ANN202
    path = tmp_path / f"out-{kind}.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "symlink":
        victim = tmp_path / "victim.txt"
        victim.write_text("keep me\n")
        path.symlink_to(victim)
    elif kind == "dangling-symlink":
        path.symlink_to(tmp_path / "nowhere" / "x.csv")
    elif kind == "socket":
        path = tmp_path / "s.csv"  # unix socket paths are short
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    return path


def _snapshot(path):  # noqa: ANN001, ANN202
    st = os.lstat(path)
    target = os.readlink(path) if stat.S_ISLNK(st.st_mode) else None
    return st.st_ino, stat.S_IFMT(st.st_mode), target


KINDS = ["fifo", "folder", "symlink", "dangling-symlink", "socket"]


@pytest.mark.parametrize("kind", KINDS)
def test_atomic_path_refuses_what_is_not_a_regular_file(tmp_path, kind):
    path = _special(tmp_path, kind)
    before = _snapshot(path)
    with pytest.raises(ValidationError) as info:
        with atomic_path(path) as tmp:
            tmp.write_text("lead data\n")
    message = info.value.user_message
    assert "\n" not in message and "not a regular file" in message
    assert _snapshot(path) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    if kind == "symlink":
        assert (tmp_path / "victim.txt").read_text() == "keep me\n"


def test_a_device_is_refused_before_anything_is_written():
    with pytest.raises(ValidationError) as info:
        check_destination("/dev/null")
    assert info.value.user_message == "/dev/null is a device, not a regular file; give the name of a new or regular file."
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_regular_file_is_replaced_privately_and_a_new_one_created(tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("before\n")
    with atomic_path(old) as tmp:
        tmp.write_text("after\n")
    assert old.read_text() == "after\n" and stat.S_IMODE(old.stat().st_mode) == 0o600
    with atomic_path(tmp_path / "new.csv") as tmp:
        tmp.write_text("x\n")
    assert (tmp_path / "new.csv").read_text() == "x\n"


def test_report_export_keeps_its_helper_safe(tmp_path):
    fifo = _special(tmp_path, "fifo")
    with pytest.raises(ValidationError):
        with export.atomic_path(fifo):
            pass
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_cli_export_records_refuses_special_destinations(cli_env, dataset, supervisor_actor, tmp_path, kind):
    path = _special(tmp_path, kind)
    before = _snapshot(path)
    env = dict(cli_env, WELCOMEDLY_USER=supervisor_actor.email, WELCOMEDLY_PASSWORD=TEST_PASSWORD)
    result = subprocess.run(
        [sys.executable, "-m", "welcomedly_desktop", "export", "records", "--campaign", str(dataset.campaign_id),
         "--format", "csv", "--out", str(path)],
        env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a regular file" in lines[0] and "Wrote" not in result.stderr
    assert _snapshot(path) == before
    if kind == "symlink":
        assert (tmp_path / "victim.txt").read_text() == "keep me\n"


def test_service_export_records_refuses_a_fifo(db, dataset, supervisor_actor, tmp_path):
    """The GUI's path: the service itself refuses, whatever face called it."""
    fifo = _special(tmp_path, "fifo")
    with db.session() as session, pytest.raises(ValidationError):
        reports.export_records(session, supervisor_actor, dataset.campaign_id, "csv", fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_cli_report_refuses_a_symlink(cli_env, dataset, supervisor_actor, tmp_path):
    link = _special(tmp_path, "symlink")
    env = dict(cli_env, WELCOMEDLY_USER=supervisor_actor.email, WELCOMEDLY_PASSWORD=TEST_PASSWORD)
    for fmt in ("csv", "json"):
        result = subprocess.run(
            [sys.executable, "-m", "welcomedly_desktop", "report", "campaign", str(dataset.campaign_id),
             "--format", fmt, "--out", str(link)],
            env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 1 and "symbolic link" in result.stderr, result.stderr
    assert link.is_symlink() and (tmp_path / "victim.txt").read_text() == "keep me\n"
