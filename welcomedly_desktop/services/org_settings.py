"""Organization-wide settings every workstation shares: the country whose numbering plan reads
national phone numbers, and the call center's time zone (table ``organization_settings``).

A country applies to the imports that follow; stored numbers are never rewritten.  A campaign may
override it (``campaigns.country``).  The first administrator of an empty database chooses it (the
desktop's first-start dialog, or the first ``welcomedly user add`` from the OS locale).
"""

from __future__ import annotations

import os
import re
import sys
import zoneinfo
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedly_desktop import importing
from welcomedly_desktop.db.models import Campaign, OrganizationSettings
from welcomedly_desktop.errors import NotFoundError, ValidationError
from welcomedly_desktop.i18n import translate
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_admin, require_manager
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

#: The keys of ``welcomedly settings get|set``.
KEYS = ("country", "timezone")


@dataclass(frozen=True)
class OrgSettingsView:
    country: str | None
    timezone: str | None

    def to_dict(self) -> dict:
        return asdict(self)


def _row(session: Session, *, for_update: bool = False) -> OrganizationSettings:
    query = select(OrganizationSettings).where(OrganizationSettings.id == 1)
    row = session.scalar(query.with_for_update() if for_update else query)
    if row is None:  # migration 0007 inserts it; recreated if someone deleted it
        row = OrganizationSettings(id=1)
        session.add(row)
        session.flush()
    return row


def get_settings(session: Session) -> OrgSettingsView:
    """Readable by every logged-in face (the country decides how numbers are read and shown)."""
    row = _row(session)
    return OrgSettingsView(country=row.country, timezone=row.timezone)


def get_value(session: Session, key: str) -> str | None:
    if key not in KEYS:
        raise ValidationError("key", translate("services", "There is no setting '{key}'; the settings are {keys}.").format(
            key=key, keys=", ".join(KEYS)))
    return getattr(get_settings(session), key)


def clean_country(code: str | None) -> str:
    try:
        return importing.known_country(code or "")
    except importing.UnknownCountry:
        raise ValidationError(
            "country", translate("services", "'{code}' is not a country code; use the two letters of ISO 3166 (for example CO).")
            .format(code=code)
        ) from None


def clean_timezone(zone: str | None) -> str:
    zone = (zone or "").strip()
    try:
        if zone:
            zoneinfo.ZoneInfo(zone)
            return zone
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        pass
    raise ValidationError("timezone", translate("services", "'{zone}' is not a time zone; use a name such as America/Bogota.")
                          .format(zone=zone))


def set_country(session: Session, actor: Actor, code: str) -> OrgSettingsView:
    """Admins: the organization's country, for the imports that follow."""
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "change the organization's country"))
    return _set(session, actor, "country", clean_country(code))


def set_timezone(session: Session, actor: Actor, zone: str) -> OrgSettingsView:
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "change the organization's time zone"))
    return _set(session, actor, "timezone", clean_timezone(zone))


def _set(session: Session, actor: Actor | None, key: str, value: str) -> OrgSettingsView:
    row = _row(session, for_update=True)
    before = getattr(row, key)
    if before != value:
        setattr(row, key, value)
        row.updated_by = actor.user_id if actor is not None else None
        session.flush()
        audit.record(session, actor, "settings.update", entity_type="settings", entity_id=key,
                     details={"key": key, "from": before, "to": value})
    return OrgSettingsView(country=row.country, timezone=row.timezone)


def adopt_first_country(session: Session, actor: Actor | None, code: str | None) -> str | None:
    """The first administrator's country (from the dialog or the OS locale), when none is set yet.
    Called by the first-user registration only; an unknown code is ignored (None)."""
    try:
        country = importing.known_country(code or "")
    except importing.UnknownCountry:
        return None
    row = _row(session, for_update=True)
    if row.country is None:
        _set(session, actor, "country", country)
    return row.country


def set_campaign_country(session: Session, actor: Actor, campaign_id: int, code: str | None) -> str | None:
    """A campaign's own country (None: the organization's)."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "change a campaign's country"))
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(translate("services", "Campaign {campaign_id} does not exist.").format(campaign_id=campaign_id))
    country = clean_country(code) if code else None
    if campaign.country != country:
        audit.record(session, actor, "campaign.country", entity_type="campaign", entity_id=campaign_id,
                     details={"from": campaign.country, "to": country})
        campaign.country = country
        session.flush()
    return country


def phone_for_display(phone: str | None, country: str | None) -> str:
    """A stored phone as the gui and reports show it: national format for the organization's (or
    campaign's) ``country``, international for numbers of other countries."""
    return importing.display_format(phone, country)


def country_choices() -> list[tuple[str, int]]:
    """(ISO code, calling code) of every country a phone number can be read in."""
    return importing.countries()


def import_country(session: Session, campaign_id: int | None, fallback: str) -> str:
    """The country national numbers are read in: the campaign's, else the organization's, else
    ``fallback`` (a workstation's ``default_country_code`` of before, e.g. ``1``)."""
    if campaign_id is not None:
        own = session.scalar(select(Campaign.country).where(Campaign.id == campaign_id))
        if own:
            return own
    return _row(session).country or fallback


def _windows_locale() -> str | None:
    import ctypes

    buffer = ctypes.create_unicode_buffer(85)
    if ctypes.windll.kernel32.GetUserDefaultLocaleName(buffer, len(buffer)):  # "es-CO"
        return buffer.value
    return None


_LOCALE = re.compile(r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})(?:[.@]|$)")


def country_from_locale(name: str | None = None) -> str | None:
    """The country of a locale name (``es_CO.UTF-8`` -> ``CO``), by default the OS's (LC_ALL,
    LC_MESSAGES, LANG; on Windows the user's locale); None when it names none.  (Not Python's
    ``locale.getlocale``: it reads ``C.UTF-8`` as ``en_US``.)"""
    names = [name] if name is not None else [os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")]
    if name is None and sys.platform == "win32" and not any(names):
        names.append(_windows_locale())
    for candidate in names:
        match = _LOCALE.match(candidate or "")
        if match:
            try:
                return importing.known_country(match.group(1))
            except importing.UnknownCountry:
                continue
    return None
