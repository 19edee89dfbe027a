"""The import's validation rules exist once, in :func:`normalize.make_row_processor` (the reference);
the two faster builders must give exactly what it gives for every row they take, and leave every
other row to it:

* :func:`normalize.make_line_processor` (a plain row's COPY line built in Python) must give the
  reference's values as psycopg formats them, or None;
* :func:`fast.columnar.make_batch_processor` (a batch of rows, Arrow kernels) must give, for each row
  it takes, the line processor's phone and line (so the reference's too).

This module is the one place that checks the three against each other.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import event, given, settings as hsettings, strategies as st
from psycopg.adapt import Transformer

from welcomedly_desktop.importing.adapters.psycopg_copy import format_row_text
from welcomedly_desktop.importing.fast.columnar import joined_bytes, make_batch_processor
from welcomedly_desktop.importing.normalize import RowLayout, make_line_processor, make_row_processor

COLUMNS = ["id", "nombre", "telefono", "celular", "correo", "ciudad", "notas"]
MAPPING = {"external_id": "id", "name": "nombre", "phone": "telefono", "alt_phone": "celular", "email": "correo"}

phones = st.one_of(
    st.integers(0, 10**15).map(str),
    st.integers(10**6, 10**10).map(str),
    st.builds(lambda a, b, c: f"({a:03d}) {b:03d}-{c:04d}", st.integers(0, 999), st.integers(0, 999), st.integers(0, 9999)),
    st.builds(lambda cc, n: f"+{cc} {n}", st.integers(0, 999), st.integers(0, 10**10)),
    st.sampled_from(["", " 3124900097 ", "3124900097.0", "3.12E+09", "00573124900097", "0312490009", "+0312 4900097",
                     "312\u00a0490\u00a00097", "٣١٢٤٩٠٠٠٩٧", "call me", "312_490_0097", "312/490/0097"]),
)
line_emails = st.one_of(st.just(""), st.sampled_from(["Ana@Example.COM", " ana@x.co ", "bad@", "a b@x.com", "ñ@dominio.es",
                                                 "x" * 250 + "@e.com"]), st.text(max_size=12))
line_plain = st.text(alphabet="abcxyzñáéÇğØ ,.;:'-=+()_/0123456789@", max_size=15)
line_texts = st.one_of(line_plain, line_plain, line_plain, line_plain, st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=10))
line_rows = st.tuples(line_texts, line_texts, phones, st.one_of(st.just(""), phones), line_emails, line_texts, line_texts,
                      st.lists(line_texts, max_size=2))


def _expected(process, transformer, source_row, cells, cid, uid):
    row, ok = process(source_row, cells)
    if not ok:
        return None
    buf = bytearray()
    format_row_text((row[1], source_row, *row[2:7], row[11], cid, uid), transformer, buf)  # row[11]: line type
    return row[1], bytes(buf)


@hsettings(max_examples=800, deadline=None)
@given(line_rows, st.sampled_from([MAPPING, {"phone": "telefono"}, {"phone": "notas", "name": "id"}]), st.sampled_from(["57", "1", "44"]))
def test_fast_path_agrees_with_the_general_processor(parts, mapping, cc):
    *cells, more = parts
    cells = [*cells, *more]  # extra cells: a ragged row, refused unless they are blank
    layout = RowLayout.from_mapping(COLUMNS, mapping)
    fast = make_line_processor(layout, cc, 12, 34)(5, cells)
    expected = _expected(make_row_processor(layout, cc), Transformer(), 5, cells, 12, 34)
    event("fast path" if fast is not None else "general path")
    if fast is not None:
        assert expected is not None
        assert (fast[0], fast[1].encode()) == expected


def test_fast_path_takes_the_usual_rows():
    """Not a vacuous agreement: plain rows (accents, punctuation, spreadsheet formats) take it."""
    layout = RowLayout.from_mapping(COLUMNS, MAPPING)
    line_of = make_line_processor(layout, "57", 1, 2)
    usual = [
        ["C1", "Zoë Martínez", "3720680572", "", "", "Málaga", "Llamar después de las 5, preguntar"],
        ["C2", " José ", "(389) 498-8973", "+57 312 490 0097", "Ana@Example.COM", "", ""],
        ["C3", "O'Brien", "3124900097.0", "", "", "Cúcuta", "=HYPERLINK(1)"],
    ]
    results = [line_of(i, cells) for i, cells in enumerate(usual, start=2)]
    assert all(r is not None for r in results)
    # 389 is no Colombian operator's prefix: kept, line type "unknown" (a warning of the upload).
    assert results[1] == ("573894988973",
                          "573894988973\t3\tJosé\t573124900097\tana@example.com\tC2\t{}\tunknown\t1\t2\n")
    assert results[2][1].endswith("\tmobile\t1\t2\n")
    # Rows that need escaping or are invalid go the general way.
    assert line_of(9, ["C4", 'Dijo "no"', "3124900097", "", "", "", ""]) is None
    assert line_of(9, ["C4", "tab\there", "3124900097", "", "", "", ""]) is None
    assert line_of(9, ["C4", "x", "12345", "", "", "", ""]) is None
    assert line_of(9, ["C4", "x", "3124900097", "", "", ""]) is None  # ragged


# Characters on both sides of the batch builder's character set, and ones whose case or
# whitespace rules differ between Python and Arrow.
_EDGE = "aZñÑáÉçÇğĞØøİıſẞßΣσςЖжǅǄ€–…\u00a0\u00ad\u2028\u0250\u024f\"\\\t\r\n\x1f\x7f\x85 ,.@-+()0123456789"
edge_text = st.text(alphabet=_EDGE, max_size=12)
batch_plain = st.text(alphabet="abcxyzñáéÇğØ ,.;:'-=+()_/0123456789@", max_size=15)
batch_texts = st.one_of(batch_plain, batch_plain, edge_text, st.text(alphabet=st.characters(codec="utf-8"), max_size=8))
batch_emails = st.one_of(st.just(""), st.sampled_from(["Ana@Example.COM", " ana@x.co ", "bad@", "a b@x.com", "ÑANDÚ@Dominio.ES",
                                                 "x" * 250 + "@e.com", "İstanbul@x.tr", "ΣΑΣ@x.gr"]),
                   st.builds(lambda a, b: f"{a}@{b}.com", edge_text, edge_text))
batch_row = st.tuples(batch_texts, batch_texts, phones, st.one_of(st.just(""), phones), batch_emails, batch_texts,
                      batch_texts)


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
@given(st.lists(batch_row, min_size=1, max_size=6),
       st.sampled_from([MAPPING, {"phone": "telefono"}, {"phone": "notas", "name": "id", "email": "ciudad"}]),
       st.sampled_from(["57", "1", "44", "AR"]))  # AR: national prefixes the library must strip
def test_batch_builder_agrees_with_the_row_builder(batch, mapping, cc):
    _check(batch, mapping, cc, event)


def test_batch_builder_takes_the_usual_rows():
    """Not a vacuous agreement: the rows of an ordinary file are all taken by the batch builder."""
    usual = [
        ("C1", "Zoë Martínez", "3720680572", "", "", "Málaga", "Llamar después de las 5, preguntar"),
        ("C2", " José ", "(389) 498-8973", "+57 312 490 0097", "Ana@Example.COM", "", ""),
        ("C3", "O'Brien", "3124900097.0", "", "sebastián.rodríguez2@example.com", "Cúcuta", "=HYPERLINK(1)"),
        # (a trunk 0, "0312 4900097", is now read by the numbering-plan library: not a batch row)
        ("C4", "Иван", "0057 312 4900097", "(601) 490-0097", "", "Bogotá – Norte…", "€ 5"),
    ]
    assert _check(usual, MAPPING, "57") == 4
    refused = [
        ("C5", 'Dijo "no"', "3124900097", "", "", "", ""),  # needs escaping
        ("C6", "x", "12345", "", "", "", ""),  # invalid phone
        ("C7", "x\u00a0", "3124900097", "", "", "", ""),  # no-break space: Python strips it
        ("C8", "x", "3124900097", "", "İ@x.tr", "", ""),  # lower case differs
    ]
    assert _check(refused, MAPPING, "57") == 0


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(batch_row.filter(lambda r: "\x00" not in "".join(r)),  # files with NUL are refused
                          line_rows.map(lambda r: (*r[:7],))), min_size=1, max_size=6),
       st.sampled_from([MAPPING, {"phone": "telefono"}, {"phone": "notas", "name": "id", "email": "ciudad"}]),
       st.sampled_from(["57", "1", "44"]))
def test_all_three_builders_agree(batch, mapping, cc):
    """Each row through the reference, the line builder and the batch builder at once."""
    layout = RowLayout.from_mapping(COLUMNS, mapping)
    process, line_of = make_row_processor(layout, cc), make_line_processor(layout, cc, 12, 34)
    rows = np.arange(3, 3 + len(batch), dtype=np.int64)
    taken, phones_, lines = make_batch_processor(layout, cc, 12, 34)([pa.array(list(c), pa.string()) for c in zip(*batch)],
                                                                     rows)
    got = iter(zip(phones_.to_pylist(), lines.to_pylist()))
    for n, cells, ok in zip(rows.tolist(), batch, taken.tolist()):
        reference = _expected(process, Transformer(), n, list(cells), 12, 34)
        line = line_of(n, list(cells))
        event("batch" if ok else "line" if line is not None else "reference only")
        if line is not None:
            assert reference is not None and (line[0], line[1].encode()) == reference
        if ok:
            assert line is not None and next(got) == line
