"""Reading the committed Qt Linguist catalogues in tests (plain XML, no Qt)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "i18n"
SPANISH_TS = TS_DIR / "welcomedly_es.ts"

#: str.format fields ({name}, {n:,}, {text!r}), Qt's %n / %1, and the printf-style %s.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d+|%[sd]")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str | None
    kind: str | None  # the translation's type attribute: None (finished), "unfinished", "obsolete"...
    forms: tuple[str, ...] = ()


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            forms = tuple((f.text or "") for f in node.findall("numerusform")) if node is not None else ()
            messages.append(Message(name, message.findtext("source") or "",
                                    node.text if node is not None else None,
                                    node.get("type") if node is not None else "missing", forms))
    return messages


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def plain(text: str) -> str:
    """A label as the user reads it: no accelerator ampersand."""
    return re.sub(r"&(?!&)", "", text).replace("&&", "&")
