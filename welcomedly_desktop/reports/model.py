"""Plain report data: frozen dataclasses that the GUI draws, the exporters write and the CLI prints.

Every metric is defined once, here and in README ("Report formulas"):

* **attempt** — one interaction (call attempt) whose ``started_at`` falls in the period;
* **contact** — an attempt whose disposition has ``is_contact``; **success** — ``is_success``;
* **worked** — records with at least one attempt in the period;
* penetration = worked / records; contact rate = contacts / worked;
  conversion = successes / contacts; attempts per record = attempts / worked;
  average handle time = handle seconds / attempts (handle = ended_at - started_at);
  attempts per hour worked = attempts / hours worked, where hours worked adds up, per day, the span
  from the agent's first attempt start to their last attempt end.

A ratio whose denominator is zero is ``None`` (shown as "—"), never 0 and never an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from welcomedly_desktop.formatting import format_date
from welcomedly_desktop.i18n import translate


def ratio(numerator: float | int | None, denominator: float | int | None) -> float | None:
    """numerator / denominator, or None when the denominator is zero or unknown."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Dict:
    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class Period(_Dict):
    """Whole days ``date_from`` .. ``date_to`` (inclusive) in time zone ``timezone``."""

    date_from: dt.date
    date_to: dt.date
    timezone: str = "UTC"

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def label(self) -> str:
        if self.date_from == self.date_to:
            return f"{format_date(self.date_from)} ({self.timezone})"
        return translate("reports", "{start} to {end} ({timezone})").format(
            start=format_date(self.date_from), end=format_date(self.date_to), timezone=self.timezone)


@dataclass(frozen=True)
class DispositionCount(_Dict):
    disposition_id: int
    name: str
    colour: str
    is_contact: bool
    is_success: bool
    attempts: int
    #: attempts with this disposition / all attempts
    share: float | None


@dataclass(frozen=True)
class DayPoint(_Dict):
    day: dt.date
    attempts: int = 0
    contacts: int = 0
    successes: int = 0
    talk_seconds: int = 0
    #: agent report only: span of the agent's attempts that day, in hours
    hours_worked: float = 0.0


@dataclass(frozen=True)
class HourPoint(_Dict):
    hour: int
    attempts: int = 0
    contacts: int = 0
    successes: int = 0


@dataclass(frozen=True)
class AgentRow(_Dict):
    agent_id: int | None
    name: str
    attempts: int
    contacts: int
    successes: int
    conversion: float | None
    talk_seconds: int
    avg_handle_seconds: float | None


@dataclass(frozen=True)
class CampaignRow(_Dict):
    campaign_id: int
    name: str
    attempts: int
    contacts: int
    successes: int
    conversion: float | None
    talk_seconds: int


@dataclass(frozen=True)
class CampaignReport(_Dict):
    campaign_id: int
    campaign_name: str
    period: Period
    generated_at: dt.datetime
    generated_by: str
    records: int
    worked: int
    penetration: float | None
    attempts: int
    contacts: int
    contact_rate: float | None
    successes: int
    conversion: float | None
    attempts_per_record: float | None
    talk_seconds: int
    avg_handle_seconds: float | None
    #: open records whose callback falls before the end of today (overdue ones included)
    callbacks_due: int
    #: open records whose callback time has passed
    callbacks_overdue: int
    dispositions: list[DispositionCount] = field(default_factory=list)
    days: list[DayPoint] = field(default_factory=list)
    hours: list[HourPoint] = field(default_factory=list)
    agents: list[AgentRow] = field(default_factory=list)

    kind = "campaign"

    @property
    def subject(self) -> str:
        return translate("reports", "Campaign: {name}").format(name=self.campaign_name)


@dataclass(frozen=True)
class AgentReport(_Dict):
    agent_id: int
    agent_name: str
    period: Period
    generated_at: dt.datetime
    generated_by: str
    attempts: int
    contacts: int
    successes: int
    conversion: float | None
    talk_seconds: int
    handle_seconds: int
    avg_handle_seconds: float | None
    hours_worked: float
    attempts_per_hour: float | None
    days: list[DayPoint] = field(default_factory=list)
    hours: list[HourPoint] = field(default_factory=list)
    campaigns: list[CampaignRow] = field(default_factory=list)
    dispositions: list[DispositionCount] = field(default_factory=list)

    kind = "agent"

    @property
    def subject(self) -> str:
        return translate("reports", "Agent: {name}").format(name=self.agent_name)
