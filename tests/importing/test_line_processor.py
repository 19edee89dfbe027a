"""The import's fast path (make_line_processor) must give exactly what the general row processor
gives, formatted by psycopg; rows it cannot handle must fall back (return None), never differ."""

from __future__ import annotations

from hypothesis import event, given, settings as hsettings, strategies as st
from psycopg._copy_base import format_row_text
from psycopg.adapt import Transformer

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
emails = st.one_of(st.just(""), st.sampled_from(["Ana@Example.COM", " ana@x.co ", "bad@", "a b@x.com", "ñ@dominio.es",
                                                 "x" * 250 + "@e.com"]), st.text(max_size=12))
plain = st.text(alphabet="abcxyzñáéÇğØ ,.;:'-=+()_/0123456789@", max_size=15)
texts = st.one_of(plain, plain, plain, plain, st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=10))
rows = st.tuples(texts, texts, phones, st.one_of(st.just(""), phones), emails, texts, texts,
                 st.lists(texts, max_size=2))


def _expected(process, transformer, source_row, cells, cid, uid):
    row, ok = process(source_row, cells)
    if not ok:
        return None
    buf = bytearray()
    format_row_text((row[1], source_row, *row[2:7], cid, uid), transformer, buf)
    return row[1], bytes(buf)


@hsettings(max_examples=800, deadline=None)
@given(rows, st.sampled_from([MAPPING, {"phone": "telefono"}, {"phone": "notas", "name": "id"}]), st.sampled_from(["57", "1", "44"]))
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
    assert results[1] == ("573894988973", "573894988973\t3\tJosé\t573124900097\tana@example.com\tC2\t{}\t1\t2\n")
    # Rows that need escaping or are invalid go the general way.
    assert line_of(9, ["C4", 'Dijo "no"', "3124900097", "", "", "", ""]) is None
    assert line_of(9, ["C4", "tab\there", "3124900097", "", "", "", ""]) is None
    assert line_of(9, ["C4", "x", "12345", "", "", "", ""]) is None
    assert line_of(9, ["C4", "x", "3124900097", "", "", ""]) is None  # ragged
