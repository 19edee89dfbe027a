"""The fast workbook reader (xlsx_batches) against calamine (sheet_reader), whose reading counts:
on every file it either gives exactly calamine's rows and table facts, or steps aside
(FastPathUnsuitable) -- and on the usual files it does not step aside."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings
from hypothesis import strategies as st

from tests.importing.helpers import CORPUS
from tests.importing.xlsx_xml import (
    STYLE_AMPM,
    STYLE_CUSTOM_DATE,
    STYLE_DATE,
    STYLE_DATETIME,
    STYLE_DECIMALS,
    STYLE_DIGITS,
    STYLE_DURATION,
    STYLE_HOURS,
    STYLE_LOCALE_DATE,
    STYLE_TEXT,
    inline,
    rows_xml,
    write_xlsx,
)
from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing.fast.batch import FastPathUnsuitable
from welcomedly_desktop.importing.fast.xlsx_batches import XlsxSource
from welcomedly_desktop.importing.fast.xlsx_values import (
    date_number_format,
    date_texts,
    plain_number_format,
    xml_text,
)
from welcomedly_desktop.importing.sheet_reader import SheetSource

HEADER = '<row r="1">' + inline("A1", "nombre") + inline("B1", "telefono") + inline("C1", "notas") + "</row>"


@pytest.fixture
def limits(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path)


def fast_read(path: Path, settings: Settings, **options):
    """(info, rows) through the fast reader's batches, or None when it steps aside."""
    try:
        source = XlsxSource(path, settings, **options)
    except FastPathUnsuitable:
        return None
    try:
        rows = []
        for batch in source.batches():
            columns = [c.to_pylist() for c in batch.columns]
            rows.extend((n, [column[i] for column in columns]) for i, n in enumerate(batch.rows.tolist()))
        return source.info, rows
    except FastPathUnsuitable:
        return None
    finally:
        source.close()


def _trim(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def read_alike(path: Path, settings: Settings, **options) -> bool:
    """Both readers on one file: True when the fast one read it (and read it exactly alike)."""
    fast = fast_read(path, settings, **options)
    try:
        with SheetSource(path, settings, **options) as source:
            info, rows = source.info, list(source.rows())
    except ImportFileError:  # a file calamine refuses is never read by the fast reader
        assert fast is None
        return False
    if fast is None:
        return False
    fast_info, fast_rows = fast
    width = len(info.columns)
    assert (fast_info.columns, fast_info.header_row, fast_info.sheet, fast_info.sheet_names, fast_info.file_format) == (
        info.columns, info.header_row, info.sheet, info.sheet_names, info.file_format)
    assert [_trim(p) for p in fast_info.preview] == [_trim(p) for p in info.preview]
    assert all(not "".join(cells[width:]).strip() for _, cells in rows)  # else the fast reader must step aside
    assert fast_rows == [(n, (cells + [""] * width)[:width]) for n, cells in rows]
    return True


def _cells(row: int, values: list[str]) -> str:
    from tests.importing.xlsx_xml import col_name

    return f'<row r="{row}">' + "".join(v.replace("@", f"{col_name(i)}{row}") for i, v in enumerate(values)) + "</row>"


def _data(*rows: list[str]) -> str:
    return HEADER + "".join(_cells(n + 2, cells) for n, cells in enumerate(rows))


# (name, sheet data, shared strings, read by the fast reader?)
CASES = [
    ("plain text", rows_xml([["nombre", "telefono"], ["María Núñez", "3124900097"], ["Zoë O'Brien", "(349) 875-8146"]]), None, True),
    ("white space", _data(['<c r="@" t="inlineStr"><is><t>  a  b  </t></is></c>',
                           '<c r="@" t="inlineStr"><is><t xml:space="preserve">  x </t></is></c>',
                           '<c r="@" t="inlineStr"><is><t>\tx\t</t></is></c>'],
                          ['<c r="@" t="inlineStr"><is><t>x\n</t></is></c>', '<c r="@" t="inlineStr"><is><t>\u00a0x\u00a0</t></is></c>',
                           '<c r="@" t="str"><v>  kept  </v></c>']), None, True),
    ("entities", _data(['<c r="@" t="inlineStr"><is><t>Smith &amp; Co</t></is></c>',
                        '<c r="@" t="inlineStr"><is><t>&lt;b&gt; &#233;&#xE9; &quot;&apos;</t></is></c>',
                        '<c r="@" t="inlineStr"><is><t>&#32;x&#32;</t></is></c>'],
                       ['<c r="@" t="inlineStr"><is><t>a&#x1F600;</t></is></c>', '<c r="@" t="str"><v> &amp; </v></c>',
                        '<c r="@" t="inlineStr"><is><t> &amp; </t></is></c>']), None, True),
    ("escapes", _data(['<c r="@" t="inlineStr"><is><t>a_x000D_b</t></is></c>', '<c r="@" t="inlineStr"><is><t>_x000d_</t></is></c>',
                       '<c r="@" t="inlineStr"><is><t>_X000D_ _x00e9_</t></is></c>'],
                      ['<c r="@" t="inlineStr"><is><t>_x005F_x0041_</t></is></c>', '<c r="@" t="inlineStr"><is><t>a_x0041</t></is></c>',
                       '<c r="@" t="inlineStr"><is><t>_xD83D__xDE00_ john_x@example.com</t></is></c>']), None, True),
    ("line ends", _data(['<c r="@" t="inlineStr"><is><t>l1\r\nl2\rl3</t></is></c>', '<c r="@" t="inlineStr"><is><t>a\r\n</t></is></c>',
                         '<c r="@" t="str"><v>a\r\nb&#13;</v></c>']), None, True),
    ("numbers", _data(['<c r="@"><v>3580961797</v></c>', '<c r="@" t="n"><v>12345678901234567</v></c>', '<c r="@"><v>007</v></c>'],
                      ['<c r="@"><v>1.5E3</v></c>', '<c r="@"><v>0.1</v></c>', '<c r="@"><v>-0</v></c>'],
                      ['<c r="@"><v>1234567890123456</v></c>', '<c r="@"><v>-5</v></c>', '<c r="@"><v>+42</v></c>'],
                      ['<c r="@"><v>4.2e1</v></c>', '<c r="@"><v>3.0</v></c>', '<c r="@"><v>999999999999999</v></c>']), None, True),
    ("number that is text to calamine", _data(['<c r="@"><v> 42 </v></c>', '<c r="@"><v>1</v></c>']), None, False),
    ("booleans and formulas", _data(['<c r="@" t="b"><v>1</v></c>', '<c r="@" t="b"><v>0</v></c>', '<c r="@" t="str"><f>A1</f><v>f&amp;s</v></c>'],
                                    ['<c r="@"><f>1+1</f></c>', '<c r="@"><f>1+1</f><v>2</v></c>', '<c r="@" t="str"><f>A1</f><v></v></c>']),
     None, True),
    ("shared strings", _data(['<c r="@" t="s"><v>0</v></c>', '<c r="@" t="s"><v>1</v></c>', '<c r="@" t="s"><v>2</v></c>'],
                             ['<c r="@" s="3" t="s"><v>3</v></c>', '<c r="@" t="s"><v>4</v></c>', '<c r="@" t="s"><v>0</v></c>']),
     ["<t>plain</t>", '<r><t>a</t></r><r><rPr><b/></rPr><t xml:space="preserve"> b </t></r><rPh sb="0" eb="1"><t>PH</t></rPh>',
      "<t/>", "<r><t> c </t></r><r><t>d&amp;e</t></r>", "<t>  trimmed  </t>"], True),
    ("sparse rows", HEADER + '<row r="3"><c r="B3" t="inlineStr"><is><t>3001</t></is></c></row>'
     '<row r="5"><c r="A5" s="3"/><c r="C5" t="inlineStr"><is><t>only notes</t></is></c></row>'
     '<row r="6"><c r="A6" t="inlineStr"><is><t></t></is></c><c r="B6" t="inlineStr"/></row>'
     '<row r="7"><c r="A7" t="inlineStr"><is><t xml:space="preserve">   </t></is></c></row>'
     '<row r="8" spans="1:3"><c r="A8" t="inlineStr"><is><t>Ana</t></is></c><c r="B8"><v>3124900097</v></c></row>'
     '<row r="9"/><row r="12"><c r="A12" t="str"><v>\u2003</v></c></row>', None, True),
    ("number styles", _data([f'<c r="@" s="{STYLE_DIGITS}"><v>312490009</v></c>', f'<c r="@" s="{STYLE_TEXT}"><v>42</v></c>',
                             f'<c r="@" s="{STYLE_DECIMALS}"><v>2.5</v></c>']), None, True),
    ("dates and times", _data(['<c r="@" t="inlineStr"><is><t>x</t></is></c>', f'<c r="@" s="{STYLE_DATE}"><v>45000</v></c>',
                               f'<c r="@" s="{STYLE_DATETIME}"><v>45000.5</v></c>'],
                              [f'<c r="@" s="{STYLE_CUSTOM_DATE}"><v>60</v></c>', f'<c r="@" s="{STYLE_LOCALE_DATE}"><v>59.75</v></c>',
                               f'<c r="@" s="{STYLE_AMPM}"><v>0.999999999</v></c>'],
                              [f'<c r="@" s="{STYLE_DATE}"><v>0</v></c>', f'<c r="@" s="{STYLE_DATETIME}"><v>2958465.99999</v></c>',
                               f'<c r="@" s="{STYLE_DATE}"><v>1e-9</v></c>']), None, True),
    ("a duration", _data(['<c r="@" t="inlineStr"><is><t>x</t></is></c>', f'<c r="@" s="{STYLE_DURATION}"><v>1.5</v></c>']), None, False),
    ("elapsed hours", _data(['<c r="@" t="inlineStr"><is><t>x</t></is></c>', f'<c r="@" s="{STYLE_HOURS}"><v>1.5</v></c>']), None, False),
    ("a date out of range", _data(['<c r="@" t="inlineStr"><is><t>x</t></is></c>', f'<c r="@" s="{STYLE_DATE}"><v>2958466</v></c>']), None, False),
    ("a negative date", _data(['<c r="@" t="inlineStr"><is><t>x</t></is></c>', f'<c r="@" s="{STYLE_DATE}"><v>-1</v></c>']), None, False),
    ("an error cell", _data(['<c r="@" t="inlineStr"><is><t>x</t></is></c>', '<c r="@" t="e"><v>#N/A</v></c>']), None, False),
    ("a cell right of the header", _data(["", "", "", '<c r="@" t="inlineStr"><is><t>x</t></is></c>']), None, False),
    ("starts in column B", '<row r="1"><c r="B1" t="inlineStr"><is><t>telefono</t></is></c></row>'
     '<row r="2"><c r="B2" t="inlineStr"><is><t>3124900097</t></is></c></row>', None, False),
    ("prefixed elements", '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row>', None, False),
    ("rich inline text", _data(['<c r="@" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>']), None, False),
    ("cells out of order", _data(['<c r="B2"><v>1</v></c><c r="A2"><v>2</v></c>']), None, False),
    ("title rows", '<row r="1"><c r="A1" t="inlineStr"><is><t>Leads de marzo</t></is></c></row>'
     + rows_xml([[], ["nombre", "telefono", "ciudad"], ["Ana", "3124900097", "Cali"], ["Luis", "3001234567", "Bogotá"]])[len('<row r="1"></row>'):],
     None, True),
    ("no header", rows_xml([["3124900097", "Ana"], ["3001234567", "Luis"]]), None, True),
    ("as Excel writes it", '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" s="3" t="s"><v>0</v></c>'
     '<c r="B1" t="s"><v>1</v></c><c r="C1" s="3" t="s"><v>2</v></c></row>'
     '<row r="2" spans="1:3" ht="15" customHeight="1"><c r="A2" s="3" t="s"><v>3</v></c><c r="B2" s="2"><v>312490009</v></c>'
     '<c r="C2" t="str"><f t="shared" ref="C2:C3" si="0">A2&amp;" x"</f><v>Ana x</v></c></row>'
     '<row r="3" spans="1:3"><c r="A3" s="3" t="s"><v>4</v></c><c r="B3"><v>3001234567</v></c>'
     '<c r="C3" t="str"><f t="shared" si="0"/><v>Luis x</v></c><c r="D3" s="4"/></row>',
     ["<t>nombre</t>", "<t>telefono</t>", "<t>notas</t>", "<t>Ana</t>", "<t>Luis</t>"], True),
]


@pytest.mark.parametrize(("name", "data", "shared", "fast"), CASES, ids=[c[0] for c in CASES])
def test_cells_read_exactly_as_calamine_reads_them(tmp_path, limits, name, data, shared, fast):
    path = write_xlsx(tmp_path / "case.xlsx", data, shared=shared)
    assert read_alike(path, limits) is fast


def test_dates_counted_from_1904_are_left_to_calamine(tmp_path, limits):
    path = write_xlsx(tmp_path / "mac.xlsx", _data(['<c r="@" t="inlineStr"><is><t>x</t></is></c>',
                                                    f'<c r="@" s="{STYLE_DATE}"><v>45000</v></c>']), date1904=True)
    assert not read_alike(path, limits)


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(serials=st.lists(st.one_of(st.integers(0, 2958465), st.floats(0, 2958465.999, allow_nan=False),
                                  st.floats(0, 1, allow_nan=False), st.floats(58, 62, allow_nan=False)),
                        min_size=1, max_size=20),
       style=st.sampled_from([STYLE_DATE, STYLE_DATETIME, STYLE_CUSTOM_DATE, STYLE_LOCALE_DATE, STYLE_AMPM]))
def test_random_dates_read_alike(tmp_path_factory, limits, serials, style):
    rows = [[f'<c r="@" t="inlineStr"><is><t>n{i}</t></is></c>', f'<c r="@" s="{style}"><v>{v!r}</v></c>']
            for i, v in enumerate(serials)]
    path = write_xlsx(tmp_path_factory.mktemp("dates") / "dates.xlsx", _data(*rows))
    assert read_alike(path, limits)


def test_chosen_sheet_hidden_sheet_and_header_row(tmp_path, limits):
    path = write_xlsx(tmp_path / "sheets.xlsx", rows_xml([["a", "b"], ["nombre", "telefono"], ["Ana", "3124900097"]]),
                      sheets=3, hidden_first=True)
    assert read_alike(path, limits)  # the first visible sheet: Hoja2
    assert read_alike(path, limits, sheet="Hoja1", header_row=2)
    assert fast_read(path, limits, sheet="Hoja9") is None  # calamine words that error


@pytest.mark.parametrize(("name", "sheet"), [("base.xlsx", None), ("base.xlsx", "Sheet2"), ("base.xlsx", "Sheet3"),
                                            ("base.xlsx", "Merged Cells"), ("any_sheets.xlsx", None)])
def test_corpus_workbooks(name, sheet, limits):
    """calamine's own test workbooks: a duration, an empty sheet, sheets that start in column B, a
    chart sheet -- all left to calamine (read alike if ever read)."""
    assert not read_alike(CORPUS / "calamine-tests" / name, limits, sheet=sheet)


def test_openpyxl_workbooks_are_read_by_the_fast_reader(tmp_path, limits):
    from openpyxl import Workbook

    for write_only in (False, True):  # openpyxl 3.1 writes inline strings either way
        wb = Workbook(write_only=write_only)
        sheet = wb.create_sheet() if write_only else wb.active
        sheet.append(["Nombre", "Celular", "Correo", "Monto"])
        for i in range(3000):
            sheet.append([f"Cliente {i} & Cía", 3124900000 + i, f"c{i}@example.com", i / 8])
        path = tmp_path / f"openpyxl-{write_only}.xlsx"
        wb.save(path)
        assert read_alike(path, limits)


_TEXT = st.lists(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")).map(str) | st.sampled_from(
    ["&", "<", ">", '"', " ", "\t", "\n", "\r\n", "_x000D_", "_x", "\u00a0", "\u2028", "é", "😀"]), max_size=8).map("".join)
_CELL = st.one_of(_TEXT, st.integers(-10**17, 10**17), st.floats(allow_nan=False, allow_infinity=False), st.booleans())


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=30), write_only=st.booleans())
def test_random_workbooks_read_alike(tmp_path_factory, limits, rows, write_only):
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = Workbook(write_only=write_only)
    sheet = wb.create_sheet() if write_only else wb.active
    try:
        sheet.append(["nombre", "telefono", "a", "b", "c"])
        for row in rows:
            sheet.append(row)
    except IllegalCharacterError:
        return
    path = tmp_path_factory.mktemp("wb") / "random.xlsx"
    wb.save(path)
    read_alike(path, limits)


def test_a_duration_far_down_makes_the_import_read_again_with_calamine(db, supervisor_actor, campaign, tmp_path):
    """The fast reader meets a duration (a time of more than a day, which calamine reads as a Python
    timedelta) after the rows it read first: the import rolls those back and reads the workbook with
    calamine -- every row once, the duration as calamine words it."""
    from openpyxl import Workbook

    from welcomedly_desktop.services import imports

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet()
    sheet.append(["nombre", "telefono", "alta"])
    count = 30_000
    for i in range(count):
        sheet.append([f"Cliente {i}", 3124900000 + i, dt.timedelta(hours=26) if i == count - 10 else "x"])
    path = tmp_path / "duracion.xlsx"
    wb.save(path)
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    assert (summary.rows_total, summary.imported) == (count, count)
    from sqlalchemy import select

    from welcomedly_desktop.db.models import CampaignRecord

    with db.session() as session:
        extras = session.scalars(select(CampaignRecord.extra).where(CampaignRecord.campaign_id == campaign.id,
                                                                    CampaignRecord.source_row == count - 10 + 2)).all()
    assert extras == [{"alta": "1 day, 2:00:00"}]


def test_closing_unread_stops_the_parsing_thread(tmp_path, limits):
    path = write_xlsx(tmp_path / "many.xlsx", rows_xml([["nombre", "telefono"]] + [[f"n{i}", str(3_000_000_000 + i)]
                                                                                   for i in range(20_000)]))
    source = XlsxSource(path, limits)
    thread = source.batches()._thread
    source.close()
    assert not thread.is_alive()


def test_number_formats_that_surely_are_not_dates():
    assert all(plain_number_format(i, None) for i in (0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 44, 48, 49))
    assert not any(plain_number_format(i, None) for i in (14, 15, 20, 22, 45, 47, 56, 164))
    assert plain_number_format(164, "0000000000") and plain_number_format(165, '#,##0.00 "USD";[Red]-#,##0.00')
    assert plain_number_format(166, "0.00E+00") and plain_number_format(167, "General")
    assert not plain_number_format(168, "dd/mm/yyyy")
    assert all(date_number_format(i, None) for i in (14, 15, 20, 22, 45, 47))
    assert not any(date_number_format(i, None) for i in (0, 13, 46, 49, 56))
    assert date_number_format(164, "dd/mm/yyyy") and date_number_format(165, "[$-409]d-mmm-yy")
    assert date_number_format(166, "yyyy-mm-dd hh:mm:ss") and date_number_format(167, "h:mm AM/PM")
    assert not date_number_format(168, "[h]:mm") and not date_number_format(169, "d-mmm-yy;@")
    assert not date_number_format(170, "0000") and not date_number_format(171, "[Red]dd/mm/yyyy")
    assert not plain_number_format(170, "mmm-yy") and not plain_number_format(171, "h:mm AM/PM")


def test_date_text_rules():
    assert date_texts([b"45000", b"45000.5"]) == ["2023-03-15", "2023-03-15T12:00:00"]
    assert date_texts([b"0.25", b"60", b"61"]) == ["06:00:00", "1900-02-28", "1900-03-01"]
    with pytest.raises(FastPathUnsuitable):
        date_texts([b"-1"])


def test_xml_text_rules():
    assert xml_text(b"  a &amp; b\r\n", trim=True) == "a & b"
    assert xml_text(b"  a &amp; b\r\n", trim=False) == "  a & b\n"
    assert xml_text(b"_x000D__x005F_x0041_", trim=True) == "\r_x0041_"
    with pytest.raises(FastPathUnsuitable):
        xml_text(b"a &nbsp; b", trim=True)


def test_a_preview_parses_only_the_first_rows(tmp_path, limits):
    path = write_xlsx(tmp_path / "preview.xlsx", rows_xml([["nombre", "telefono"]] + [[f"n{i}", str(3_000_000_000 + i)]
                                                                                      for i in range(20_000)]))
    with XlsxSource(path, limits) as source:
        assert source.info.columns == ["nombre", "telefono"] and len(source.info.preview) == 20
        assert source._batches is None  # no thread: read_ahead() or batches() start one


def test_a_failure_of_the_fast_reader_midway_leaves_the_file_to_calamine(db, supervisor_actor, campaign, tmp_path,
                                                                       monkeypatch):
    """Fault injection into the shortcut itself (not a mock of a real part): its third piece fails
    with an unexpected error; the import rolls back what it loaded and reads the file with calamine."""
    from welcomedly_desktop.importing.fast import xlsx_batches
    from welcomedly_desktop.services import imports

    count = 40_000
    path = write_xlsx(tmp_path / "fails.xlsx", rows_xml([["nombre", "telefono"]] + [[f"n{i}", str(3_000_000_000 + i)]
                                                                                    for i in range(count)]))
    real, calls = xlsx_batches.parse_cells, []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise IndexError("injected")
        return real(*args, **kwargs)

    monkeypatch.setattr(xlsx_batches, "parse_cells", failing)
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    assert len(calls) >= 3
    assert (summary.status, summary.rows_total, summary.imported) == ("processed", count, count)
