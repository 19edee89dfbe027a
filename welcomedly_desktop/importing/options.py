"""What the caller of an import chooses, and what it is told while the import runs."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

#: The record fields a file column can be mapped to (everything else lands in ``extra``).
FIELDS: tuple[str, ...] = ("name", "phone", "alt_phone", "email", "external_id")
#: English labels, marked for the catalogue; shown through ``translate("importing", label)``.
FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("importing", "Name"),
    "phone": QT_TRANSLATE_NOOP("importing", "Phone"),
    "alt_phone": QT_TRANSLATE_NOOP("importing", "Alternate phone"),
    "email": QT_TRANSLATE_NOOP("importing", "E-mail"),
    "external_id": QT_TRANSLATE_NOOP("importing", "External id"),
}


class DedupeScope(str, enum.Enum):
    CAMPAIGN = "campaign"  # drop phones already in this campaign (default)
    GLOBAL = "global"  # drop phones already in any campaign
    NONE = "none"  # keep them (duplicates inside the file are still dropped)


DEDUPE_VALUES = tuple(s.value for s in DedupeScope)


def parse_dedupe(value: str | DedupeScope | None) -> DedupeScope:
    if value is None:
        return DedupeScope.CAMPAIGN
    try:
        return DedupeScope(value)
    except ValueError:
        raise ValidationError("dedupe", translate("importing", "Duplicate check must be one of: {value}.").format(value=', '.join(DEDUPE_VALUES))) from None


@dataclass(frozen=True)
class ImportOptions:
    """Choices for one import.  ``None`` means "detect" / "use the default"."""

    #: field -> file column (header text).  Fields not given are guessed (or taken from the
    #: campaign's saved mapping).
    mapping: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    dedupe: DedupeScope = DedupeScope.CAMPAIGN
    encoding: str | None = None
    delimiter: str | None = None
    #: 1-based row number of the header row; 0 = the file has no header; None = detect.
    header_row: int | None = None
    #: Remember the mapping used as the campaign's default for the next file.
    save_mapping: bool = True


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class ImportProgress:
    """A snapshot sent to the progress callback (from the worker thread)."""

    phase: str  # "reading", "checking", "saving", "done"
    rows_read: int
    fraction: float | None  # 0..1 when known
    elapsed: float

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.elapsed if self.elapsed > 0 else 0.0


ProgressCallback = Callable[[ImportProgress], None]


class ProgressReporter:
    """Rate-limits progress callbacks (at most ~10 a second) so a fast loop does not flood a GUI."""

    def __init__(self, callback: ProgressCallback | None, *, min_interval: float = 0.1) -> None:
        self._callback = callback
        self._min_interval = min_interval
        self._started = time.monotonic()
        self._last = 0.0

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def __call__(self, phase: str, rows_read: int, fraction: float | None = None, *, force: bool = False) -> None:
        if self._callback is None:
            return
        now = time.monotonic()
        if not force and now - self._last < self._min_interval:
            return
        self._last = now
        self._callback(ImportProgress(phase, rows_read, fraction, now - self._started))


class NeverCancelled:
    def is_set(self) -> bool:
        return False
