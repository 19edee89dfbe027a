"""Stored phone numbers (E.164 digits) the way people write them -- the one place the gui, the CLI
and the exports ask.

A number of the reader's country is shown in its national format (``312 4900097`` in Colombia); a
number of another country in international format (``+1 312-555-0100``).  The reader's country is
the campaign's own (``campaigns.country``), else the organization's; with neither, every number is
international.  Only the display changes: stored values, JSON keys and the export's ``phone``
columns keep the E.164 digits that scripts need.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Campaign, OrganizationSettings

#: Line types kept per record (importing/phones.py); the gui shows them in words (gui/labels.py).
LINE_TYPES = ("mobile", "fixed", "fixed_or_mobile", "other", "unknown")


def _calling_code(country: str | None) -> str | None:
    if not country:
        return None
    from welcomedly_desktop import importing

    try:
        return str(importing.calling_code_for(country))
    except importing.UnknownCountry:
        return None


def format_for(country: str | None) -> Callable[[str | None], str]:
    """A formatter of stored numbers for a reader in ``country`` (ISO code; None: international)."""
    from welcomedly_desktop import importing

    own, display = _calling_code(country), importing.display_stored
    return lambda phone: display(phone, own)


def organization_country(session: Session) -> str | None:
    return session.scalar(select(OrganizationSettings.country).where(OrganizationSettings.id == 1))


def campaign_country(session: Session, campaign_id: int | None) -> str | None:
    """The country a campaign's numbers are shown for: its own, else the organization's."""
    if campaign_id is not None:
        own = session.scalar(select(Campaign.country).where(Campaign.id == campaign_id))
        if own:
            return own
    return organization_country(session)


def for_campaign(session: Session, campaign_id: int | None) -> Callable[[str | None], str]:
    return format_for(campaign_country(session, campaign_id))


class PhoneDisplay:
    """Formats numbers of several campaigns (the work queue): each by its campaign's country."""

    def __init__(self, session: Session, campaign_ids: Iterable[int] = ()) -> None:
        self._session = session
        self._org = format_for(organization_country(session))
        self._by_campaign: dict[int, Callable[[str | None], str]] = {}
        ids = {c for c in campaign_ids if c is not None}
        if ids:
            for cid, country in session.execute(select(Campaign.id, Campaign.country).where(Campaign.id.in_(ids))):
                self._by_campaign[cid] = format_for(country) if country else self._org

    def __call__(self, phone: str | None, campaign_id: int | None = None) -> str:
        if campaign_id is None:
            return self._org(phone)
        formatter = self._by_campaign.get(campaign_id)
        if formatter is None:
            country = self._session.scalar(select(Campaign.country).where(Campaign.id == campaign_id))
            formatter = self._by_campaign[campaign_id] = format_for(country) if country else self._org
        return formatter(phone)
