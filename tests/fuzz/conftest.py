"""A small world to fuzz against: users of every role, two campaigns (the agent assigned to one),
agents, an upload with records and rejects, and the CLI's environment pointing at it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSWORD

from .support import Snapshot


@dataclass
class World:
    admin: object
    supervisor: object
    agent: object
    campaign_id: int
    other_campaign_id: int
    agent_ids: list[int]
    upload_id: int
    files: dict[str, Path]


@pytest.fixture
def world(db, admin_actor, supervisor_actor, agent_actor, make_campaign, make_agent, tmp_path) -> World:
    from welcomedly_desktop.services import agents, assignments, imports

    one = make_campaign("Fuzz one", status="active")
    two = make_campaign("Fuzz two", status="active")
    extra = [make_agent().id for _ in range(2)]
    with db.session() as s:
        own = agents.get_for_user(s, agent_actor.user_id)
        assignments.assign(s, admin_actor, one.id, [own.id, *extra])
        assignments.assign(s, admin_actor, two.id, extra)
    source = tmp_path / "leads.csv"
    rows = ["name,phone"] + [f"Lead {i},+57300{i:07d}" for i in range(20)] + ["Broken,not a phone"]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    summary = imports.import_file(db, admin_actor, source, one.id)
    files = _special_files(tmp_path)
    return World(admin_actor, supervisor_actor, agent_actor, one.id, two.id, [own.id, *extra], summary.upload_id,
                 files)


def _special_files(tmp_path: Path) -> dict[str, Path]:
    """Paths that are not plain files the user chose: a FIFO, a folder, symlinks, devices, nothing."""
    where = tmp_path / "special"
    where.mkdir()
    fifo = where / "fifo.csv"
    os.mkfifo(fifo)
    folder = where / "folder.csv"
    folder.mkdir()
    secret = where / "secret.txt"
    secret.write_text("root:*:19000:0:99999:7:::\n", encoding="utf-8")
    link = where / "link.csv"
    link.symlink_to(secret)
    dangling = where / "dangling.csv"
    dangling.symlink_to(where / "nowhere")
    # A device node of our own (a copy of /dev/null's numbers) for commands that write: a program
    # that wrongly replaced it harms nothing outside this folder.  The system's devices are only read.
    device = where / "device.csv"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        device = where / "device-missing.csv"
    plain = where / "plain.csv"
    plain.write_text("name,phone\nAna,+573001112233\n", encoding="utf-8")
    return {"fifo": fifo, "folder": folder, "link": link, "dangling": dangling, "plain": plain,
            "missing": where / "missing.csv", "device": device, "null": Path("/dev/null"), "full": Path("/dev/full"),
            "zero": Path("/dev/zero"), "etc": Path("/etc/passwd"), "root": Path("/")}


@pytest.fixture
def cli_as(monkeypatch, data_dir, db_url, world):
    """cli_as(actor) points the in-process CLI at the test database, logged in as ``actor``."""
    monkeypatch.setenv("WELCOMEDLY_DATA_DIR", str(data_dir))
    monkeypatch.setenv("WELCOMEDLY_DATABASE_URL", db_url)
    monkeypatch.setenv("WELCOMEDLY_PASSWORD", TEST_PASSWORD)
    monkeypatch.setenv("WELCOMEDLY_NEW_PASSWORD", TEST_PASSWORD)

    def _as(actor) -> None:  # noqa: ANN001
        monkeypatch.setenv("WELCOMEDLY_USER", actor.email)

    _as(world.admin)
    return _as


@pytest.fixture
def snapshot(db_url):
    snap = Snapshot(db_url)
    yield snap
    snap.close()
