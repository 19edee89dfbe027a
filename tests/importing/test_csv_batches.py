"""The batch reader (Arrow) must give exactly the rows of the csv-module reader, or step aside.

Checked three ways: the quote check against the csv module on random text fed in random pieces;
random files read both ways; the corpus and hand-made odd files read both ways after enough rows
that the batch reader, not the header scan, meets their oddities."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings as hsettings, strategies as st

from tests.importing.helpers import CORPUS
from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing.fast.batch import FastPathUnsuitable
from welcomedly_desktop.importing.fast.csv_batches import CsvBatches, QuoteCheck
from welcomedly_desktop.importing.filecheck import check_file
from welcomedly_desktop.importing.options import ImportOptions
from welcomedly_desktop.importing.readers import open_rows


def _csv_module_accepts(text: str, delimiter: str = ",") -> bool:
    try:
        list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return False
    return True


def _quote_check_accepts(data: bytes, cuts: list[int], delimiter: str = ",") -> bool:
    check = QuoteCheck(delimiter, max_cell=1 << 20)
    try:
        at = 0
        for cut in sorted(set(cuts)) + [len(data)]:
            if cut > at:
                check.feed(memoryview(data)[at:cut])
                at = cut
        check.feed(b"")
    except FastPathUnsuitable:
        return False
    return True


@hsettings(max_examples=1500, deadline=None)
@given(st.text(alphabet='a,;"\n\r é', max_size=30), st.lists(st.integers(0, 40), max_size=6), st.sampled_from([",", ";"]))
def test_quote_check_accepts_exactly_what_the_csv_module_accepts(text, cuts, delimiter):
    data = text.encode()
    expected = _csv_module_accepts(text, delimiter)
    event("accepted" if expected else "refused")
    assert _quote_check_accepts(data, cuts, delimiter) == expected


def _rows_by_csv_module(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    return [(n, cells) for n, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True), 1)
            if any(cells)]


def _rows_by_batches(path: Path, delimiter: str, width: int, first: int = 1) -> list[tuple[int, list[str]]]:
    batches = CsvBatches(path, delimiter=delimiter, width=width, first_record=first, limit=10**9,
                         too_many=lambda n: ImportFileError(f"more than {n}"))
    got = []
    try:
        for batch in batches:
            columns = [c.to_pylist() for c in batch.columns]
            got += [(n, list(cells)) for n, cells in zip(batch.rows.tolist(), zip(*columns))]
            got += batch.odd
    finally:
        batches.close()
    return sorted(got, key=lambda item: item[0])


cell = st.one_of(st.text(alphabet="ab é,;\n\r\"", max_size=6), st.text(alphabet="abc", max_size=3))


@hsettings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cell, min_size=1, max_size=4), min_size=1, max_size=12),
       st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from([",", ";"]), st.booleans())
def test_random_files_read_alike(tmp_path, rows, newline, delimiter, quote_all):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline,
               quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    text = buffer.getvalue()
    path = tmp_path / "random.csv"
    path.write_bytes(text.encode())
    expected = _rows_by_csv_module(text, delimiter)
    if not expected:
        return
    width = len(expected[0][1])  # the header's, as CsvSource takes it
    try:
        got = _rows_by_batches(path, delimiter, width)
    except FastPathUnsuitable as exc:
        event(f"stepped aside: {str(exc)[:60]}")
        return
    event("read")
    assert got == expected


def _padded(tmp_path: Path, name: str, content: bytes, rows: int = 120) -> Path:
    """``content`` with ``rows`` ordinary rows after its first line, so that its oddities come
    after the header scan (the first 50 rows are read by the csv module in any case)."""
    first, _, rest = content.partition(b"\n")
    delimiter = b"\t" if b"\t" in first else b";" if b";" in first else b","
    width = len(first.split(delimiter))
    filler = b"".join(delimiter.join([b"r%d" % i] + [b"%d" % j for j in range(2, width + 1)]) + b"\n" for i in range(rows))
    path = tmp_path / name
    path.write_bytes(first + b"\n" + filler + rest)
    return path


ODD_FILES = {
    "blank_and_ragged.csv": b"a,b,c\n1,2,3\n\n4,5\n6,7,8,9\n,,\n10,11,12\n",
    "title_rows.csv": b"name,phone,city\nAna,3124900097,Cali\n",
    "quotes.csv": b'a,b,c\n x"y,"q""r",3\n"a""b",2,3\n"multi\nline",2,3\n""" quoted""",5,6\n',
    "ragged_multiline.csv": b'a,b,c\n"x\ny",2\n4,5,6\n',
    "trailing_delimiters.csv": b"a,b\n1,2,\n3,4,5\n",
    "tabs.tsv": b'a\tb\n1\t"2\t3"\n',
    "semicolons.csv": b'a;b;c\n1;"2;x";3\n',
    "no_final_newline.csv": b'a,b\n1,"2"',
    "accents.csv": "nombre,teléfono\nJosé Núñez,3124900097\nПетров,3001112233\n".encode(),
}


def _both_ways(path: Path, tmp_path: Path):  # noqa: ANN202
    settings = Settings(data_dir=tmp_path / "data")
    facts = check_file(path, settings)
    with open_rows(facts, settings, ImportOptions()) as source:
        batches = source.batches()
        assert batches is not None, "the batch reader should take this file"
        try:
            got = []
            for batch in batches:
                columns = [c.to_pylist() for c in batch.columns]
                got += [(n, list(cells)) for n, cells in zip(batch.rows.tolist(), zip(*columns))] + batch.odd
        finally:
            batches.close()
        return sorted(got, key=lambda item: item[0]), list(source.rows())


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_odd_files_read_alike(tmp_path, name):
    got, expected = _both_ways(_padded(tmp_path, name, ODD_FILES[name]), tmp_path)
    assert got == expected
    assert len(expected) > 120


@pytest.mark.parametrize("name", sorted(p.name for p in (CORPUS / "csv-spectrum" / "csvs").glob("*.csv")))
def test_corpus_reads_alike(tmp_path, name):
    content = (CORPUS / "csv-spectrum" / "csvs" / name).read_bytes()
    got, expected = _both_ways(_padded(tmp_path, name, content), tmp_path)
    assert got == expected


@pytest.mark.parametrize("content", [b'a,b,c\n"x"y,2,3\n', b'a,b,c\n"a,"b"",2,3\n', b'a,b,c\n"never closed,2,3\n4,5,6\n'])
def test_bad_quotes_after_the_header_scan_make_it_step_aside(tmp_path, content):
    path = _padded(tmp_path, "bad.csv", content, rows=200_000)  # more than the first block Arrow reads
    settings = Settings(data_dir=tmp_path / "data")
    with open_rows(check_file(path, settings), settings, ImportOptions()) as source:
        batches = source.batches()  # None when Arrow's read-ahead already met it
        if batches is not None:
            with pytest.raises(FastPathUnsuitable):
                for _ in batches:
                    pass
            batches.close()
        with pytest.raises(ImportFileError, match="quote"):
            list(source.rows())
