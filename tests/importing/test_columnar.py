"""The batch line builder (fast/columnar.py) beyond its agreement with the per-row builders (which
test_validation_rules.py checks): nulls, and the character set it judges itself."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa

from welcomedly_desktop.importing.fast.columnar import make_batch_processor
from welcomedly_desktop.importing.normalize import RowLayout

from .test_validation_rules import COLUMNS, MAPPING


def test_nulls_read_as_empty_cells():
    layout = RowLayout.from_mapping(COLUMNS, MAPPING)
    process = make_batch_processor(layout, "57", 1, 2)
    columns = [pa.array(["C1"]), pa.array([None], pa.string()), pa.array(["3124900097"]), pa.array([None], pa.string()),
               pa.array([None], pa.string()), pa.array(["Cali"]), pa.array([None], pa.string())]
    taken, _, lines = process(columns, np.array([2]))
    assert taken.tolist() == [True]
    assert lines.to_pylist() == ['573124900097\t2\t\\N\t\\N\t\\N\tC1\t{"ciudad":"Cali"}\tmobile\t1\t2\n']


def _plain_code_points() -> list[str]:
    import re

    from welcomedly_desktop.importing.fast.columnar import PLAIN_CHARS

    ranges = re.findall(r"\\x\{?([0-9a-f]+)\}?(?:-\\x\{?([0-9a-f]+)\}?)?", PLAIN_CHARS)
    return [chr(c) for lo, hi in ranges for c in range(int(lo, 16), int(hi or lo, 16) + 1)]


def test_every_plain_character_is_treated_alike_by_python_and_arrow():
    """The batch builder's character set, exhaustively: printable, needing no escape, the space its
    only whitespace, and lower-cased (and matched by \\s) the same way in Python and in Arrow."""
    import re

    import pyarrow.compute as pc

    chars = _plain_code_points()
    assert len(chars) == 799 and " " in chars and "é" in chars and '"' not in chars and "\\" not in chars
    column = pa.array(chars, pa.string())
    assert pc.utf8_lower(column).to_pylist() == [c.lower() for c in chars]
    assert pc.utf8_trim(column, " ").to_pylist() == [c.strip(" ") for c in chars]
    for c in chars:
        assert c.isprintable(), repr(c)
        assert c.strip() == c.strip(" "), repr(c)
        assert bool(re.match(r"\s", c)) == (c == " "), repr(c)
        assert json.dumps(c, ensure_ascii=False) == f'"{c}"', repr(c)
