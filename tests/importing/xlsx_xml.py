"""Minimal .xlsx files written from raw worksheet XML, for the fast reader's edge cases: every byte
of the sheet is the test's own (real writers cannot be made to produce most of these shapes)."""

from __future__ import annotations

import zipfile
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

#: Cell styles of :func:`write_xlsx` (s="N"): 0 General, 1 a date (14), 2 a custom all-digits format,
#: 3 text (@), 4 two decimals, 5 date and time (22), 6 a custom date, 7 a duration (46), 8 a date
#: with a locale tag, 9 a time with AM/PM, 10 a custom elapsed-hours format.
STYLE_DATE, STYLE_DIGITS, STYLE_TEXT, STYLE_DECIMALS = 1, 2, 3, 4
STYLE_DATETIME, STYLE_CUSTOM_DATE, STYLE_DURATION, STYLE_LOCALE_DATE, STYLE_AMPM, STYLE_HOURS = 5, 6, 7, 8, 9, 10
_CUSTOM = {164: "0000000000", 165: "dd/mm/yyyy", 166: "[$-409]d-mmm-yy", 167: "h:mm AM/PM", 168: "[h]:mm"}
_FORMATS = (0, 14, 164, 49, 2, 22, 165, 46, 166, 167, 168)


def write_xlsx(path: Path, sheet_data: str, *, shared: list[str] | None = None, sheets: int = 1,
               hidden_first: bool = False, date1904: bool = False) -> Path:
    """A workbook whose first sheet's <sheetData> holds ``sheet_data``; ``shared``: the <si>
    elements' inner XML of a shared-string table."""
    names = [f"Hoja{i + 1}" for i in range(sheets)]
    hidden = ' state="hidden"'
    workbook = "".join(
        f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 10}"{hidden if hidden_first and i == 0 else ""}/>'
        for i, n in enumerate(names))
    rels = "".join(
        f'<Relationship Id="rId{i + 10}" Type="{_REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(sheets))
    if shared is not None:
        rels += f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    rels += f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/>'
    formats = "".join(f'<numFmt numFmtId="{k}" formatCode="{v}"/>' for k, v in _CUSTOM.items())
    styles = (f'<styleSheet xmlns="{_MAIN}"><numFmts count="{len(_CUSTOM)}">{formats}'
              '</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1">'
              f'<border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="{len(_FORMATS)}">'
              + "".join(f'<xf numFmtId="{f}" applyNumberFormat="1"/>' for f in _FORMATS)
              + "</cellXfs></styleSheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                   'ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
                                  f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        pr = '<workbookPr date1904="1"/>' if date1904 else ""
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">{pr}<sheets>{workbook}</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{_PKG}">{rels}</Relationships>')
        z.writestr("xl/styles.xml", styles)
        for i in range(sheets):
            data = sheet_data if i == 0 else sheet_data.replace("<t>", f"<t>{i + 1}:")
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml",
                       f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
                       f"<sheetData>{data}</sheetData></worksheet>")
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">' + "".join(f"<si>{s}</si>" for s in shared) + "</sst>")
    return path


def col_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def inline(ref: str, text: str, attrs: str = "") -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t{attrs}>{text}</t></is></c>'


def rows_xml(rows: list[list[str]]) -> str:
    """Rows of inline strings (already XML-escaped), from A1."""
    return "".join(
        f'<row r="{r + 1}">' + "".join(inline(f"{col_name(c)}{r + 1}", v) for c, v in enumerate(cells)) + "</row>"
        for r, cells in enumerate(rows))
