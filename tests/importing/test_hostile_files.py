"""Every hostile or broken file through the real CLI: exit 1, one sentence, no traceback, nothing added."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest

from tests.importing.helpers import CORPUS


def _xlsx_bytes(tmp_path: Path) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(200):
        wb.active.append([f"Name {i}", 3124900000 + i, "some text to make the sheet bigger" * 3])
    path = tmp_path / "real.xlsx"
    wb.save(path)
    return path.read_bytes()


def _bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(64):
                member.write(b"\0" * (1024 * 1024))


def _hostile(name: str, tmp_path: Path) -> Path:
    rng = random.Random(7)
    files: dict[str, bytes | None] = {
        "empty.csv": b"",
        "header_only.csv": b"nombre,telefono\r\n",
        "blank_lines.csv": b"\r\n\r\n,,\r\n",
        "binary.csv": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000)),
        "pdf.csv": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "not_a_zip.xlsx": b"nombre,telefono\nAna,3124900097\n",
        "unterminated.csv": b'nombre,telefono\nAna,"3124900097\nLuis,3001112233\n',
        "bad_quote.csv": b'nombre,telefono\n"Ana"x,3124900097\n',
        "mixed_endings.csv": b"nombre,telefono\r\nAna,3124900097\nLuis,3001112233\r\nEva,3001112234\n",
        "nul.csv": b"nombre,telefono\nAna,312\x00490\n",
        "unknown_encoding.csv": bytes(rng.choice(range(0x80, 0x100)) for _ in range(3000)) + b"\n",
        "xls_named_xlsx.xlsx": (CORPUS / "calamine-tests" / "base.xls").read_bytes(),
        "password.xlsx": (CORPUS / "calamine-tests" / "password.xlsx").read_bytes(),
        "password.ods": (CORPUS / "calamine-tests" / "password.ods").read_bytes(),
        "empty_workbook.xlsx": (CORPUS / "calamine-tests" / "empty_file.xlsx").read_bytes(),
        "no_phone_column.csv": (CORPUS / "csv-spectrum" / "csvs" / "simple.csv").read_bytes(),
        "report.pdf": b"%PDF-1.7\n",
        "bomb.xlsx": None,
        "truncated.xlsx": None,
    }
    path = tmp_path / name
    if name == "bomb.xlsx":
        _bomb(path)
    elif name == "truncated.xlsx":
        data = _xlsx_bytes(tmp_path)
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(files[name])
    return path


CASES = {
    "empty.csv": "is empty",
    "header_only.csv": "header row but no data rows",
    "blank_lines.csv": "has no rows",
    "binary.csv": "not CSV text",
    "pdf.csv": "PDF document",
    "not_a_zip.xlsx": "not a real .xlsx workbook",
    "unterminated.csv": "quote that is never closed",
    "bad_quote.csv": "badly quoted cell in row 2",
    "mixed_endings.csv": "mixes different line endings",
    "nul.csv": "NUL bytes",
    "unknown_encoding.csv": "text encoding that could be recognised",
    "xls_named_xlsx.xlsx": "old-style Excel file",
    "password.xlsx": "password-protected",
    "password.ods": "password-protected",
    "empty_workbook.xlsx": "is empty",
    "no_phone_column.csv": "No column of the file was recognised as the phone number",
    "report.pdf": "unsupported type",
    "bomb.xlsx": "zip bomb",
    "truncated.xlsx": "damaged",
}


def assert_one_sentence(result, words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    err = result.stderr.strip()
    assert "\n" not in err and err.startswith("welcomedly: ") and err.endswith("."), err
    assert "Traceback" not in result.stderr
    assert words in err, err
    assert result.stdout == ""


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused(name, tmp_path, run_cli, campaign, record_count, uploads_by_status):
    path = _hostile(name, tmp_path)
    result = run_cli("import", str(path), "--campaign", str(campaign.id), "--json")
    assert_one_sentence(result, CASES[name])
    assert record_count() == 0
    assert uploads_by_status().get("processed", 0) == 0


def test_missing_file(tmp_path, run_cli, campaign):
    assert_one_sentence(run_cli("import", str(tmp_path / "nope.csv"), "--campaign", str(campaign.id)), "does not exist")


def _settings_file(data_dir: Path, **values) -> None:
    (data_dir / "settings.json").write_text(json.dumps(values))


def test_limits_from_settings(tmp_path, run_cli, campaign, data_dir, record_count, uploads_by_status):
    _settings_file(data_dir, max_rows=5, max_columns=4)
    wide = tmp_path / "wide.csv"
    wide.write_text("a,b,c,d,e,telefono\n1,2,3,4,5,3124900097\n")
    assert_one_sentence(run_cli("import", str(wide), "--campaign", str(campaign.id)), "6 columns, more than the 4 allowed")
    long = tmp_path / "long.csv"
    long.write_text("telefono\n" + "".join(f"31249000{i:02d}\n" for i in range(8)))
    # Found while streaming: the upload is marked failed with the reason, no record survives.
    assert_one_sentence(run_cli("import", str(long), "--campaign", str(campaign.id)), "more than 5 rows")
    assert record_count() == 0
    assert uploads_by_status() == {"failed": 1}
    listed = json.loads(run_cli("uploads", "list", "--json").stdout)
    assert "more than 5 rows" in listed[0]["error_message"]


def test_size_cap(tmp_path, run_cli, campaign, record_count):
    big = tmp_path / "big.csv"
    big.write_text("telefono\n" + "3124900097\n" * 120_000)  # ~1.3 MB
    result = run_cli("import", str(big), "--campaign", str(campaign.id),
                     env=dict(run_cli.env, WELCOMEDLY_MAX_UPLOAD_MB="1"))
    assert_one_sentence(result, "more than the 1 MB limit")
    assert record_count() == 0


def test_corpus_file_without_phone_rejects_every_row_when_mapped(tmp_path, run_cli, campaign, record_count):
    path = CORPUS / "csv-spectrum" / "csvs" / "simple.csv"
    result = run_cli("import", str(path), "--campaign", str(campaign.id), "--map", "phone=a", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["rows_total"], summary["imported"], summary["rejected"]) == (1, 0, 1)
    assert record_count() == 0
