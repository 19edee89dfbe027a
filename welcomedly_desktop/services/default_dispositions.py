"""The default disposition catalogue in the organization's language.

The first migration seeds the eight defaults as data, in English.  A Spanish-speaking organization
should not have to rename them: when its first administrator is created in Spanish (the first-start
dialog, or the first ``user add``, with a Spanish locale), the defaults that are still untouched are
renamed once.  They are data from then on (renamed, extended or retired by supervisors as before).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Disposition

#: The English defaults of migration 0001, by language.
DEFAULT_NAMES: dict[str, dict[str, str]] = {
    "es": {
        "Sale": "Venta",
        "Not interested": "No interesado",
        "Call back": "Volver a llamar",
        "No answer": "No contesta",
        "Busy": "Ocupado",
        "Wrong number": "Número equivocado",
        "Do not call": "No llamar",
        "Voicemail": "Buzón de voz",
    },
}


def adopt_language(session: Session, language: str) -> int:
    """Rename the global defaults still named as seeded to ``language``'s names; how many."""
    names = DEFAULT_NAMES.get(language.split("_")[0].lower())
    if not names:
        return 0
    renamed = 0
    taken = set(session.scalars(select(Disposition.name).where(Disposition.campaign_id.is_(None))))
    for english, local in names.items():
        if local in taken:
            continue
        result = session.execute(update(Disposition).where(Disposition.campaign_id.is_(None), Disposition.name == english)
                                 .values(name=local))
        renamed += result.rowcount or 0
    return renamed


def canonical_name(name: str) -> str:
    """The English default a (possibly renamed) default disposition stands for (the demo's weights)."""
    for names in DEFAULT_NAMES.values():
        for english, local in names.items():
            if name == local:
                return english
    return name
