"""Readers on a corpus written by other projects plus files generated here with real writers."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.importing.helpers import CORPUS, write_csv
from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing.filecheck import check_file
from welcomedly_desktop.importing.options import ImportOptions
from welcomedly_desktop.importing.readers import open_rows

SPECTRUM = CORPUS / "csv-spectrum"
WORKBOOKS = CORPUS / "calamine-tests"


@pytest.fixture
def limits(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path)


def read_all(path: Path, settings: Settings, **options) -> tuple[object, list[tuple[int, list[str]]]]:
    facts = check_file(path, settings, encoding=options.pop("encoding", None))
    with open_rows(facts, settings, ImportOptions(**options)) as source:
        return source.info, list(source.rows())


# Upstream's json for this file is a single object whose phone differs from the CSV's (2095257564).
KNOWN_UPSTREAM_MISMATCH = {"location_coordinates": {"Contact Phone Number"}}


@pytest.mark.parametrize("name", sorted(p.stem for p in (SPECTRUM / "csvs").glob("*.csv")))
def test_csv_spectrum_parses_like_its_json(name, limits):
    expected = json.loads((SPECTRUM / "json" / f"{name}.json").read_text(encoding="utf-8"))
    if isinstance(expected, dict):
        expected = [expected]
    raw = (SPECTRUM / "csvs" / f"{name}.csv").read_bytes()
    if b"\r" not in raw:  # this copy lost its CRs (see SOURCES.md): compare line breaks normalised
        expected = [{k: v.replace("\r\n", "\n") for k, v in row.items()} for row in expected]
    info, rows = read_all(SPECTRUM / "csvs" / f"{name}.csv", limits)
    assert info.delimiter == ","
    assert info.columns == list(expected[0])
    got = [dict(zip(info.columns, cells + [""] * (len(info.columns) - len(cells)))) for _, cells in rows]
    for skipped in KNOWN_UPSTREAM_MISMATCH.get(name, ()):
        for row in got + expected:
            row.pop(skipped)
    assert got == expected


def test_utf8_bom_latin1_and_utf16_are_detected(tmp_path, limits):
    rows = [["nombre", "teléfono"], ["José Núñez", "3124900097"], ["Peña", "3001112233"]]
    cases = {
        "bom.csv": ("utf-8-sig", "utf-8-sig"),
        "latin1.csv": ("latin-1", None),
        "utf16.csv": ("utf-16", "utf-16"),
        "plain.csv": ("utf-8", "utf-8"),
    }
    for file_name, (encoding, expected_codec) in cases.items():
        info, got = read_all(write_csv(tmp_path / file_name, rows, encoding=encoding), limits)
        assert info.columns == ["nombre", "teléfono"], file_name
        assert [cells for _, cells in got] == rows[1:], file_name
        if expected_codec:
            assert info.encoding == expected_codec
        else:  # charset-normalizer names a single-byte Western codec
            assert info.encoding in ("cp1252", "latin-1", "iso8859-1", "iso8859-15"), info.encoding


def test_encoding_override(tmp_path, limits):
    path = write_csv(tmp_path / "l.csv", [["nombre", "telefono"], ["Müller", "3124900097"]], encoding="cp1252")
    info, rows = read_all(path, limits, encoding="cp1252")
    assert rows[0][1][0] == "Müller"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_sniffing(tmp_path, limits, delimiter):
    rows = [["name", "phone", "notes"], ["Ana", "3124900097", "a, b; c | d"], ["Luis", "3001112233", ""]]
    info, got = read_all(write_csv(tmp_path / "d.txt", rows, delimiter=delimiter), limits)
    assert info.delimiter == delimiter
    assert [cells[:3] for _, cells in got] == [r for r in rows[1:]]


def test_delimiter_override_and_tsv(tmp_path, limits):
    path = write_csv(tmp_path / "x.tsv", [["a;b", "phone"], ["1;2", "3124900097"]], delimiter="\t")
    info, rows = read_all(path, limits, delimiter=";")
    assert info.delimiter == ";" and info.columns == ["a", "b\tphone"]


def test_title_rows_before_header_are_skipped_and_rows_numbered_as_in_file(tmp_path, limits):
    path = write_csv(tmp_path / "t.csv", [
        ["Lista de clientes - noviembre"], [], ["Nombre", "Telefono", "Ciudad"],
        ["Ana", "3124900097", "Cali"], [], ["Luis", "3001112233", "Pasto"],
    ])
    info, rows = read_all(path, limits)
    assert info.header_row == 3
    assert info.columns == ["Nombre", "Telefono", "Ciudad"]
    assert [n for n, _ in rows] == [4, 6]


def test_file_without_header_gets_column_names(tmp_path, limits):
    path = write_csv(tmp_path / "n.csv", [["Ana", "3124900097"], ["Luis", "3001112233"]])
    info, rows = read_all(path, limits)
    assert info.header_row == 0 and info.columns == ["column_1", "column_2"] and len(rows) == 2


def test_blank_and_duplicate_header_names(tmp_path, limits):
    path = write_csv(tmp_path / "h.csv", [["phone", "", "Phone"], ["3124900097", "x", "3001112233"]])
    info, _ = read_all(path, limits)
    assert info.columns == ["phone", "column_2", "Phone_2"]


def test_xlsx_written_by_openpyxl_numbers_become_plain_digits(tmp_path, limits):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Hoja1"
    ws.append(["Nombre", "Teléfono", "Monto", "Fecha"])
    ws.append(["José", 3124900097, 12.5, None])
    ws.append(["=HYPERLINK(\"x\")", 3001112233.0, 3, None])
    other = wb.create_sheet("Otra")
    other.append(["name", "phone"])
    other.append(["Eva", "573001112233"])
    path = tmp_path / "libro.xlsx"
    wb.save(path)
    info, rows = read_all(path, limits)
    assert info.sheet == "Hoja1" and info.sheet_names == ["Hoja1", "Otra"]
    assert rows[0] == (2, ["José", "3124900097", "12.5", ""])
    assert rows[1][1][1] == "3001112233" and rows[1][1][2] == "3"
    info, rows = read_all(path, limits, sheet="Otra")
    assert rows == [(2, ["Eva", "573001112233"])]
    with pytest.raises(ImportFileError, match="no sheet named 'Nope'; its sheets are: Hoja1, Otra"):
        read_all(path, limits, sheet="Nope")


def test_ods_written_by_odfpy(tmp_path, limits):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Contactos")
    for values in (["Nombre", "Celular"], ["Núria", 3124900097], ["Iñaki", "+57 300 111 2233"]):
        row = TableRow()
        for value in values:
            if isinstance(value, int):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "contactos.ods"
    doc.save(str(path))
    info, rows = read_all(path, limits)
    assert info.sheet == "Contactos" and info.columns == ["Nombre", "Celular"]
    assert [cells for _, cells in rows] == [["Núria", "3124900097"], ["Iñaki", "+57 300 111 2233"]]


@pytest.mark.parametrize("name", ["base.xlsx", "base.ods", "base.xls"])
def test_calamine_corpus_workbooks(name, limits):
    info, rows = read_all(WORKBOOKS / name, limits)
    assert info.sheet == "Sheet1"
    # Sheet1 holds one row of typed cells and no header (its first cell "String" is followed by numbers).
    assert rows[0][1][:5] == ["String", "1", "1.1", "TRUE", "FALSE"]
    assert rows[0][1][5] == "2010-10-10"


def test_hidden_sheets_are_not_chosen_by_default(limits):
    info, _ = read_all(WORKBOOKS / "any_sheets.xlsx", limits)
    assert info.sheet == "Visible"


@pytest.mark.parametrize("name, words", [
    ("password.xlsx", "password-protected"),
    ("password.ods", "password-protected"),
    ("password.xls", "password-protected"),
    ("empty_file.xlsx", "is empty"),
    ("empty_file.ods", "is empty"),
])
def test_refused_workbooks(name, words, limits):
    with pytest.raises(ImportFileError, match=words):
        read_all(WORKBOOKS / name, limits)


def test_zip_bomb_refused_from_its_directory(tmp_path, limits):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(64):
                member.write(block)
    assert path.stat().st_size < 200_000
    with pytest.raises(ImportFileError, match="zip bomb"):
        check_file(path, limits)


def test_limits(tmp_path):
    settings = Settings(data_dir=tmp_path, max_rows=3, max_columns=3, max_upload_bytes=10_000)
    wide = write_csv(tmp_path / "wide.csv", [["a", "b", "c", "phone"], ["1", "2", "3", "3124900097"]])
    with pytest.raises(ImportFileError, match="4 columns, more than the 3 allowed"):
        read_all(wide, settings)
    long = write_csv(tmp_path / "long.csv", [["phone"]] + [[f"31249000{i:02d}"] for i in range(5)])
    with pytest.raises(ImportFileError, match="more than 3 rows"):
        read_all(long, settings)
    big = tmp_path / "big.csv"
    big.write_text("phone\n" + "3124900097\n" * 2000)
    with pytest.raises(ImportFileError, match="MB limit"):
        check_file(big, settings)


def test_row_limit_past_the_header_scan(tmp_path):
    """The limit holds for rows read after the first ones (the header scan and preview read ahead),
    counting rows, not blank lines, and a file of exactly the limit passes."""
    settings = Settings(data_dir=tmp_path, max_rows=60)
    body = [[f"312490{i:04d}"] for i in range(60)]
    exact = write_csv(tmp_path / "exact.csv", [["phone"]] + body[:30] + [[""]] * 5 + body[30:])
    assert len(read_all(exact, settings)[1]) == 60
    over = write_csv(tmp_path / "over.csv", [["phone"]] + body + [["3124909999"]])
    with pytest.raises(ImportFileError, match="more than 60 rows"):
        read_all(over, settings)


@given(st.binary(max_size=60).map(lambda b: bytes(b"ab\r\n"[x % 4] for x in b)))
def test_line_end_counts_equal_bytes_count(chunk):
    from welcomedly_desktop.importing.filecheck import _line_ends

    assert _line_ends(chunk) == (chunk.count(b"\r\n"), chunk.count(b"\r"), chunk.count(b"\n"))


@pytest.mark.parametrize("content, mixed", [
    (b"a,b\n1,2\n3,4\n5,6\n", False),
    (b"a,b\r\n1,2\r\n3,4\r\n5,6\r\n", False),
    (b"a,b\r1,2\r3,4\r5,6\r", False),
    (b"a,b\r\n1,2\r\n3,4\r\n5,6\n", True),        # the last line's LF sits in a chunk without any CR
    (b"a,b\n1,2\n3,4\n5,6\r\n", True),
    (b"a,b\r\n1,2\n3,4\r\n", True),
    (b"a,b\r\n1,\"x\ny\"\r\n", False),           # an LF inside a quoted cell is data
])
@pytest.mark.parametrize("chunk", [3, 4, 5, 1024])
def test_line_ending_scan_across_chunk_borders(tmp_path, monkeypatch, content, mixed, chunk):
    """The scan counts CRs only in chunks that hold one; a CRLF split between two chunks, or an LF
    alone in a CR-free chunk, must still be seen for what it is."""
    from welcomedly_desktop.importing import filecheck
    from welcomedly_desktop.importing.encoding import DetectedEncoding

    monkeypatch.setattr(filecheck, "_CHUNK", chunk)
    path = tmp_path / "endings.csv"
    path.write_bytes(content)
    if mixed:
        with pytest.raises(ImportFileError, match="mixes different line endings"):
            filecheck._scan_text(path, "The file", DetectedEncoding("utf-8", False))
    else:
        filecheck._scan_text(path, "The file", DetectedEncoding("utf-8", False))
