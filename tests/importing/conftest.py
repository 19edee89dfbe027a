"""Fixtures for the import pipeline tests: files written on the fly, a campaign, a CLI runner."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import func, select

from welcomedly_desktop.db.models import BaseCampaignData, CampaignRecord

from tests.importing.helpers import PASSWORD


@pytest.fixture
def campaign(make_campaign, supervisor_actor):
    return make_campaign("Lead test")


@pytest.fixture
def record_count(db):
    def _count(campaign_id: int | None = None) -> int:
        with db.session() as session:
            query = select(func.count()).select_from(CampaignRecord)
            if campaign_id is not None:
                query = query.where(CampaignRecord.campaign_id == campaign_id)
            return session.scalar(query)

    return _count


@pytest.fixture
def uploads_by_status(db):
    def _get() -> dict[str, int]:
        with db.session() as session:
            return dict(
                session.execute(
                    select(BaseCampaignData.status, func.count()).group_by(BaseCampaignData.status)
                ).all()
            )

    return _get


@pytest.fixture
def run_cli(cli_env, supervisor_actor):
    """run_cli(*args, timeout=60) -> CompletedProcess, logged in as the supervisor."""
    env = dict(cli_env, WELCOMEDLY_USER=supervisor_actor.email, WELCOMEDLY_PASSWORD=PASSWORD)

    def _run(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "welcomedly_desktop", *args],
            env=kwargs.pop("env", env), capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
            **kwargs,
        )

    _run.env = env  # type: ignore[attr-defined]
    return _run
