"""A workbook's parts as the fast worksheet reader needs them: sheets, number styles, shared strings."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from welcomedly_desktop.importing.fast.batch import FastPathUnsuitable
from welcomedly_desktop.importing.fast.xlsx_cells import (
    PAD,
    CellSources,
    cell_views,
    edge_space,
    special_segments,
    t_segments,
    view_array,
)
from welcomedly_desktop.importing.fast.xlsx_values import (
    STYLE_DATE,
    STYLE_NUMBER,
    STYLE_OTHER,
    date_number_format,
    plain_number_format,
    xml_text,
)

_ATTRIBUTE = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')


def _attributes(tag: str) -> dict[str, str]:
    return {name: xml_text(value.encode(), trim=False) for name, value in _ATTRIBUTE.findall(tag)}


@dataclass
class WorkbookLayout:
    """Where a workbook keeps what this reader needs (paths inside the zip)."""

    sheet_names: list[str]
    sheet_paths: list[str]
    visible: list[bool]
    shared_strings: str | None
    styles: str | None


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of a part: id -> (type, target path inside the zip)."""
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", name + ".rels")
    text = zf.read(path).decode("utf-8")
    found = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", text):
        attrs = _attributes(tag)
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") == "External":
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[attrs.get("Id", "")] = (attrs.get("Type", "").rsplit("/", 1)[-1], target)
    return found


def workbook_layout(zf: zipfile.ZipFile) -> WorkbookLayout:
    """The workbook's sheets and parts; FastPathUnsuitable if it holds anything but worksheets."""
    try:
        root = [t for kind, t in _rels(zf, "").values() if kind == "officeDocument"]
        if len(root) != 1:
            raise FastPathUnsuitable("no single workbook part")
        book = root[0]
        text = zf.read(book).decode("utf-8")
        rels = _rels(zf, book)
    except (KeyError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise FastPathUnsuitable(f"workbook parts: {exc}") from exc
    if re.search(r'date1904\s*=\s*"(?:1|true)"', text):
        raise FastPathUnsuitable("dates counted from 1904")
    names, paths, visible = [], [], []
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", text):
        attrs = _attributes(tag)
        rel = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        kind, target = rels.get(rel or "", ("", ""))
        if kind != "worksheet" or "name" not in attrs:
            raise FastPathUnsuitable("a sheet that is not a worksheet")
        names.append(attrs["name"])
        paths.append(target)
        visible.append(attrs.get("state", "visible") == "visible")
    if not names:
        raise FastPathUnsuitable("no sheets")
    shared = [t for kind, t in rels.values() if kind == "sharedStrings"]
    styles = [t for kind, t in rels.values() if kind == "styles"]
    return WorkbookLayout(names, paths, visible, shared[0] if shared else None, styles[0] if styles else None)


def number_styles(xml: bytes) -> np.ndarray:
    """For each cell style (cellXfs entry): STYLE_NUMBER, STYLE_DATE or STYLE_OTHER (a duration, or
    a format this reader cannot place: a number in it leaves the sheet to calamine)."""
    text = xml.decode("utf-8")
    codes = {int(a["numFmtId"]): a.get("formatCode", "")
             for a in map(_attributes, re.findall(r"<(?:\w+:)?numFmt\b[^>]*>", text)) if "numFmtId" in a}
    section = re.search(r"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", text, re.S)
    kinds = []
    for tag in re.findall(r"<(?:\w+:)?xf\b[^>]*>", section[0] if section else ""):
        format_id = int(_attributes(tag).get("numFmtId", "0"))
        code = codes.get(format_id)
        kinds.append(STYLE_NUMBER if plain_number_format(format_id, code)
                     else STYLE_DATE if date_number_format(format_id, code) else STYLE_OTHER)
    return np.array(kinds, dtype=np.int8)


def shared_strings(xml: bytes) -> pa.Array:
    """The shared-string table as a string array, read as calamine reads it (module docstring)."""
    data = xml + PAD
    arr = np.frombuffer(data, dtype=np.uint8)
    lt = np.flatnonzero(arr[:len(xml)] == 60)
    b1, b2, b3 = arr[lt + 1], arr[lt + 2], arr[lt + 3]
    si = (b1 == ord("s")) & (b2 == ord("i")) & (b3 == ord(">"))
    t_open = (b1 == ord("t")) & ((b2 == ord(">")) | (b2 == ord(" ")) | (b2 == ord("/")))
    rph_open = (b1 == ord("r")) & (b2 == ord("P")) & (b3 == ord("h"))
    rph_close = (b1 == ord("/")) & (b2 == ord("r")) & (b3 == ord("P")) & (arr[lt + 4] == ord("h"))
    # Elements with a namespace prefix (<x:si>: a writer that uses one uses it from the start),
    # comments and CDATA are not read here.
    if (b1 == ord("!")).any() or any(p in xml[:1 << 16] for p in (b":si>", b":t>", b":t ", b":r>", b":rPh")):
        raise FastPathUnsuitable("shared strings written in a form this reader does not read")
    in_phonetic = np.cumsum(rph_open.astype(np.int64) - rph_close) > 0
    count = int(si.sum())
    owner = np.cumsum(si) - 1
    t_at = np.flatnonzero(t_open & ~in_phonetic)
    src = CellSources(count)
    if len(t_at):
        starts, ends, trim = t_segments(arr, lt, t_at)
        owners = owner[t_at]
        if (owners < 0).any():
            raise FastPathUnsuitable("text outside a shared string")
        hard = special_segments(data, len(xml), starts, ends) | (trim & edge_space(arr, starts, ends))
        easy = (np.bincount(owners, minlength=count)[owners] == 1) & ~hard
        src.offset[owners[easy]] = starts[easy]
        src.length[owners[easy]] = (ends - starts)[easy]
        rest = np.flatnonzero(~easy)
        if len(rest):  # rich text (several runs) and text with entities, escapes, edge spaces
            joined: dict[int, list[str]] = {}
            for o, s, e, t in zip(owners[rest].tolist(), starts[rest].tolist(), ends[rest].tolist(), trim[rest].tolist()):
                joined.setdefault(o, []).append(xml_text(xml[s:e], t))
            src.computed(np.fromiter(joined, dtype=np.int64, count=len(joined)), ["".join(t) for t in joined.values()])
    extra = src.extra()
    views = cell_views(src, [arr, arr, np.frombuffer(extra, dtype=np.uint8)])
    array = view_array(views, [pa.py_buffer(data), pa.py_buffer(data), pa.py_buffer(extra)])
    try:
        array.validate(full=True)
    except pa.ArrowInvalid as exc:
        raise FastPathUnsuitable("shared strings that are not UTF-8") from exc
    return array
