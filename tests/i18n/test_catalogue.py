"""The Spanish catalogue is complete: every marked string extracted, translated, placeholders kept."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.i18n.catalogue import PLACEHOLDER, ROOT, SPANISH_TS, placeholders, plain, read_ts

sys.path.insert(0, str(ROOT / "scripts"))
import update_translations  # noqa: E402  (scripts/ is not a package)


def test_lupdate_into_a_temporary_folder_matches_the_committed_ts(tmp_path):
    fresh = tmp_path / "welcomedly_es.ts"
    update_translations.lupdate([fresh])
    extracted = {(m.context, m.source) for m in read_ts(fresh)}
    committed = {(m.context, m.source) for m in read_ts(SPANISH_TS)}
    assert len(extracted) > 500  # the extraction really ran over the sources
    assert sorted(extracted - committed) == [], "strings left out of resources/i18n/welcomedly_es.ts: run make translations-update"
    assert sorted(committed - extracted) == [], "obsolete strings in the .ts: run make translations-update"


def test_no_unfinished_or_empty_spanish_entry():
    messages = read_ts(SPANISH_TS)
    unfinished = [m.source for m in messages if m.kind is not None]
    empty = [m.source for m in messages if not (m.forms or (m.translation or "").strip())
             or (m.forms and not all(f.strip() for f in m.forms))]
    assert unfinished == []
    assert empty == []


def test_placeholders_match_between_source_and_translation():
    mismatched = []
    for m in read_ts(SPANISH_TS):
        for text in m.forms or (m.translation or "",):
            if placeholders(m.source) != placeholders(text):
                mismatched.append((m.source, text))
    assert mismatched == []


def test_accelerators_and_markup_survive_translation():
    wrong = []
    for m in read_ts(SPANISH_TS):
        text = m.translation or ""
        if ("&" in m.source.replace("&&", "")) != ("&" in text.replace("&&", "")):
            wrong.append((m.source, text))
        for tag in ("<h2>", "</h2>", "\n"):
            if m.source.count(tag) != text.count(tag):
                wrong.append((m.source, text))
    assert wrong == []


def test_translations_are_spanish_not_copies():
    # Words that are the same in both languages ("No", "PDF…", "Ctrl+P") are few; a copied
    # sentence means someone pasted the English text in as the translation.
    def words(text: str) -> list[str]:
        text = re.sub(r"\(\*\.[a-z]+\)", "", PLACEHOLDER.sub("", plain(text)))  # "{name}", "(*.csv)"
        return re.findall(r"\b[a-z]{3,}\b", text)

    copies = [m.source for m in read_ts(SPANISH_TS) if m.translation == m.source and len(words(m.source)) >= 2]
    assert copies == []


def test_lrelease_compiles_every_entry(tmp_path):
    tool = update_translations.lupdate_tool().replace("lupdate", "lrelease")
    out = tmp_path / "welcomedly_es.qm"
    result = subprocess.run([tool, str(SPANISH_TS), "-qm", str(out)], capture_output=True, text=True, check=True)
    assert out.stat().st_size > 10_000
    assert "untranslated" not in result.stdout or " 0 untranslated" in result.stdout, result.stdout


@pytest.mark.parametrize("folder", ["services", "importing", "reports", "printing", "cli"])
def test_core_modules_mark_strings_without_qt(folder):
    """The core's catalogue entries come from i18n.translate / QT_TRANSLATE_NOOP, not Qt."""
    contexts = {m.context for m in read_ts(SPANISH_TS)}
    assert folder in contexts
