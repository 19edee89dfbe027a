"""The disposition catalogue: global outcomes plus per-campaign additions.

The flags define every report metric (README, "Report formulas"), so changing them changes past
reports too — that is intended: one definition everywhere.  Dispositions in use are deactivated,
never deleted (interactions keep pointing at them).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Campaign, Disposition
from welcomedly_desktop.errors import DuplicateError, NotFoundError, ValidationError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.campaigns import visible_campaign_ids_clause
from welcomedly_desktop.services.permissions import require_admin, require_manager
from welcomedly_desktop.services.validation import MAX_ID, clean_line, existing_id
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
FLAGS = ("is_contact", "is_success", "needs_callback", "is_dnc", "is_final")


@dataclass(frozen=True)
class DispositionView:
    id: int
    campaign_id: int | None
    name: str
    colour: str
    sort_order: int
    active: bool
    is_contact: bool
    is_success: bool
    needs_callback: bool
    is_dnc: bool
    is_final: bool

    @property
    def is_global(self) -> bool:
        return self.campaign_id is None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _view(d: Disposition) -> DispositionView:
    return DispositionView(d.id, d.campaign_id, d.name, d.colour, d.sort_order, d.active, d.is_contact,
                           d.is_success, d.needs_callback, d.is_dnc, d.is_final)


def list_dispositions(
    session: Session, actor: Actor, *, campaign_id: int | None = None, include_inactive: bool = False
) -> list[DispositionView]:
    """Global dispositions, then (when ``campaign_id`` is given) that campaign's additions.

    A campaign's additions are shown only to who may see the campaign (agents: an assigned one);
    anyone else is told it does not exist, as everywhere else."""
    if campaign_id is not None:
        _visible_campaign(session, actor, campaign_id)
    query = select(Disposition)
    if campaign_id is None:
        query = query.where(Disposition.campaign_id.is_(None))
    else:
        query = query.where(or_(Disposition.campaign_id.is_(None), Disposition.campaign_id == campaign_id))
    if not include_inactive:
        query = query.where(Disposition.active.is_(True))
    query = query.order_by(Disposition.campaign_id.is_not(None), Disposition.sort_order, func.lower(Disposition.name))
    return [_view(d) for d in session.scalars(query)]


def _visible_campaign(session: Session, actor: Actor, campaign_id: int) -> None:
    query = select(Campaign.id).where(Campaign.id == existing_id(campaign_id, "Campaign"))
    visible = visible_campaign_ids_clause(session, actor)
    if visible is not None:
        query = query.where(visible)
    if session.scalar(query) is None:
        raise NotFoundError(f"Campaign {campaign_id} does not exist.")


def _clean_name(name: str) -> str:
    name = " ".join(clean_line(name, field="name", label="The disposition's name", max_length=10_000,
                               required=False).split())
    if not name:
        raise ValidationError("name", translate("services", "The disposition needs a name."))
    if len(name) > 100:
        raise ValidationError("name", translate("services", "A disposition name is at most 100 characters."))
    return name


def _check_sort_order(value: Any) -> None:
    if not (isinstance(value, int) and 0 <= value <= MAX_ID):
        raise ValidationError("sort_order", f"The order must be a whole number from 0 to {MAX_ID}.")


def _check_unique(session: Session, name: str, campaign_id: int | None, exclude_id: int | None = None) -> None:
    """A name may not repeat within its scope, nor shadow a global one."""
    query = select(Disposition.id).where(
        func.lower(Disposition.name) == name.lower(),
        or_(Disposition.campaign_id.is_(None), Disposition.campaign_id == campaign_id)
        if campaign_id is not None else True,
    )
    if exclude_id is not None:
        query = query.where(Disposition.id != exclude_id)
    if session.scalar(query.limit(1)) is not None:
        raise DuplicateError("name", translate("services", "A disposition called '{name}' already exists.").format(name=name))


def _authorise(actor: Actor, campaign_id: int | None) -> None:
    if campaign_id is None:
        require_admin(actor, QT_TRANSLATE_NOOP("permissions", "change the global disposition catalogue"))
    else:
        require_manager(actor, QT_TRANSLATE_NOOP("permissions", "change a campaign's dispositions"))


def create_disposition(
    session: Session,
    actor: Actor,
    *,
    name: str,
    campaign_id: int | None = None,
    colour: str = "#808080",
    sort_order: int | None = None,
    **flags: bool,
) -> DispositionView:
    _authorise(actor, campaign_id)
    unknown = set(flags) - set(FLAGS)
    if unknown:
        raise ValidationError(None, translate("services", "Unknown disposition flag: {value}.").format(value=sorted(unknown)[0]))
    if campaign_id is not None and session.get(Campaign, existing_id(campaign_id, "Campaign")) is None:
        raise NotFoundError(translate("services", "Campaign {campaign_id} does not exist.").format(campaign_id=campaign_id))
    name = _clean_name(name)
    if not (isinstance(colour, str) and _COLOUR.match(colour)):
        raise ValidationError("colour", translate("services", "The colour must look like #1a2b3c."))
    _check_unique(session, name, campaign_id)
    if sort_order is None:
        sort_order = (session.scalar(select(func.max(Disposition.sort_order))) or 0) + 10
    _check_sort_order(sort_order)
    d = Disposition(name=name, campaign_id=campaign_id, colour=colour, sort_order=sort_order, active=True,
                    **{f: bool(flags.get(f, False)) for f in FLAGS})
    session.add(d)
    session.flush()
    audit.record(session, actor, "disposition.create", entity_type="disposition", entity_id=d.id,
                 details={"name": name, "campaign_id": campaign_id, **{f: getattr(d, f) for f in FLAGS}})
    return _view(d)


def update_disposition(session: Session, actor: Actor, disposition_id: int, **changes: Any) -> DispositionView:
    """Change name, colour, order, active or flags.  Flag changes are audited: they change reports."""
    d = session.get(Disposition, existing_id(disposition_id, "Disposition"))
    if d is None:
        raise NotFoundError(translate("services", "Disposition {disposition_id} does not exist.").format(disposition_id=disposition_id))
    _authorise(actor, d.campaign_id)
    allowed = {"name", "colour", "sort_order", "active", *FLAGS}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(None, translate("services", "Unknown disposition field: {value}.").format(value=sorted(unknown)[0]))
    before = {k: getattr(d, k) for k in changes}
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"])
        _check_unique(session, changes["name"], d.campaign_id, exclude_id=d.id)
    if "sort_order" in changes:
        _check_sort_order(changes["sort_order"])
    if "colour" in changes and not (isinstance(changes["colour"], str) and _COLOUR.match(changes["colour"])):
        raise ValidationError("colour", translate("services", "The colour must look like #1a2b3c."))
    for key, value in changes.items():
        setattr(d, key, bool(value) if key in FLAGS or key == "active" else value)
    session.flush()
    audit.record(session, actor, "disposition.update", entity_type="disposition", entity_id=d.id,
                 details={"before": before, "after": {k: getattr(d, k) for k in changes}})
    return _view(d)
