"""What every fast reader gives and how it steps aside: :class:`Batch` and :class:`FastPathUnsuitable`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


class FastPathUnsuitable(Exception):
    """The fast reader met something only the plain reader judges exactly: read the file with it."""


@dataclass
class Batch:
    """Data rows of a file: ``columns`` (string arrays) hold the rows numbered ``rows``; ``odd``
    holds rows that did not fit them (cells as a list), each with its number."""

    rows: np.ndarray
    columns: list[pa.Array]
    odd: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows) + len(self.odd)
