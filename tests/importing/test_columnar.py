"""The batch line builder (columnar.py) must give, for every row it takes, exactly the phone and COPY
line of the per-row builder; rows it cannot judge must be left to the per-row functions."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
from hypothesis import event, given, settings as hsettings, strategies as st

from welcomedly_desktop.importing.fast.columnar import joined_bytes, make_batch_processor
from welcomedly_desktop.importing.normalize import RowLayout, make_line_processor

from .test_line_processor import COLUMNS, MAPPING, phones

# Characters on both sides of the batch builder's character set, and ones whose case or
# whitespace rules differ between Python and Arrow.
_EDGE = "aZñÑáÉçÇğĞØøİıſẞßΣσςЖжǅǄ€–…\u00a0\u00ad\u2028\u0250\u024f\"\\\t\r\n\x1f\x7f\x85 ,.@-+()0123456789"
edge_text = st.text(alphabet=_EDGE, max_size=12)
plain = st.text(alphabet="abcxyzñáéÇğØ ,.;:'-=+()_/0123456789@", max_size=15)
texts = st.one_of(plain, plain, edge_text, st.text(alphabet=st.characters(codec="utf-8"), max_size=8))
emails = st.one_of(st.just(""), st.sampled_from(["Ana@Example.COM", " ana@x.co ", "bad@", "a b@x.com", "ÑANDÚ@Dominio.ES",
                                                 "x" * 250 + "@e.com", "İstanbul@x.tr", "ΣΑΣ@x.gr"]),
                   st.builds(lambda a, b: f"{a}@{b}.com", edge_text, edge_text))
row = st.tuples(texts, texts, phones, st.one_of(st.just(""), phones), emails, texts, texts)


def _check(batch: list[tuple[str, ...]], mapping: dict[str, str], cc: str, note=lambda _: None) -> int:
    layout = RowLayout.from_mapping(COLUMNS, mapping)
    line_of = make_line_processor(layout, cc, 12, 34)
    process = make_batch_processor(layout, cc, 12, 34)
    columns = [pa.array(list(col), pa.string()) for col in zip(*batch)]
    rows = np.arange(7, 7 + len(batch), dtype=np.int64)
    taken, phones_, lines = process(columns, rows)
    assert len(taken) == len(batch) and len(phones_) == len(lines) == int(taken.sum())
    expected = [line_of(int(n), list(cells)) for n, cells in zip(rows, batch)]
    got = iter(zip(phones_.to_pylist(), lines.to_pylist()))
    for ok, want in zip(taken.tolist(), expected):
        note("batch" if ok else "per row")
        if ok:
            assert want is not None
            assert next(got) == want
    assert bytes(joined_bytes(lines)) == "".join(lines.to_pylist()).encode()
    return int(taken.sum())


@hsettings(max_examples=600, deadline=None)
@given(st.lists(row, min_size=1, max_size=6),
       st.sampled_from([MAPPING, {"phone": "telefono"}, {"phone": "notas", "name": "id", "email": "ciudad"}]),
       st.sampled_from(["57", "1", "44", "1234"]))
def test_batch_builder_agrees_with_the_row_builder(batch, mapping, cc):
    _check(batch, mapping, cc, event)


def test_batch_builder_takes_the_usual_rows():
    """Not a vacuous agreement: the rows of an ordinary file are all taken by the batch builder."""
    usual = [
        ("C1", "Zoë Martínez", "3720680572", "", "", "Málaga", "Llamar después de las 5, preguntar"),
        ("C2", " José ", "(389) 498-8973", "+57 312 490 0097", "Ana@Example.COM", "", ""),
        ("C3", "O'Brien", "3124900097.0", "", "sebastián.rodríguez2@example.com", "Cúcuta", "=HYPERLINK(1)"),
        ("C4", "Иван", "0057 312 4900097", "0312 4900097", "", "Bogotá – Norte…", "€ 5"),
    ]
    assert _check(usual, MAPPING, "57") == 4
    refused = [
        ("C5", 'Dijo "no"', "3124900097", "", "", "", ""),  # needs escaping
        ("C6", "x", "12345", "", "", "", ""),  # invalid phone
        ("C7", "x\u00a0", "3124900097", "", "", "", ""),  # no-break space: Python strips it
        ("C8", "x", "3124900097", "", "İ@x.tr", "", ""),  # lower case differs
    ]
    assert _check(refused, MAPPING, "57") == 0


def test_nulls_read_as_empty_cells():
    layout = RowLayout.from_mapping(COLUMNS, MAPPING)
    process = make_batch_processor(layout, "57", 1, 2)
    columns = [pa.array(["C1"]), pa.array([None], pa.string()), pa.array(["3124900097"]), pa.array([None], pa.string()),
               pa.array([None], pa.string()), pa.array(["Cali"]), pa.array([None], pa.string())]
    taken, _, lines = process(columns, np.array([2]))
    assert taken.tolist() == [True]
    assert lines.to_pylist() == ['573124900097\t2\t\\N\t\\N\t\\N\tC1\t{"ciudad":"Cali"}\t1\t2\n']


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
