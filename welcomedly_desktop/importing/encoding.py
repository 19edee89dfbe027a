"""Text encoding detection for CSV/TSV/TXT files.

Order (why: UTF-8 is what modern tools write, and a UTF-8 decode that succeeds on real text is
almost never wrong, while statistical detection can be): a BOM wins; then strict UTF-8 on a sample;
then Windows-1252 when every non-ASCII character it yields is a Western European letter or sign
(Excel's "CSV" on Spanish/English Windows; on short samples charset-normalizer alone guessed
cp1250 and turned "ñ" into "ń"); then charset-normalizer.  Anything it cannot name is refused.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.i18n import translate

SAMPLE_BYTES = 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class DetectedEncoding:
    name: str  # a Python codec name
    has_bom: bool

    @property
    def is_wide(self) -> bool:
        """UTF-16/32: NUL bytes and byte-level line-ending counts mean nothing for these."""
        return self.name in ("utf-16", "utf-32")


def detect_encoding(sample: bytes, *, file_name: str = "The file") -> DetectedEncoding:
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return DetectedEncoding(name, True)
    if b"\x00" in sample:
        raise ImportFileError(
            translate("importing", "{file_name} contains NUL bytes: it looks like a binary file, not CSV text.").format(file_name=file_name)
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)  # final=False: a sample may end inside a character
        return DetectedEncoding("utf-8", False)
    except UnicodeDecodeError:
        pass
    if _plausibly_western(sample):
        return DetectedEncoding("cp1252", False)
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None or not best.encoding:
        raise ImportFileError(
            translate("importing", "{file_name} is not in a text encoding that could be recognised; save it as UTF-8 CSV and try again.").format(file_name=file_name)
        )
    return DetectedEncoding(codecs.lookup(best.encoding).name, False)


_WESTERN = set(
    "áéíóúÁÉÍÓÚñÑüÜ¿¡çÇàèìòùÀÈÌÒÙâêîôûÂÊÎÔÛäëïöÄËÏÖãõÃÕýÝÿ°ºª€£¥©®«»–—‘’“”…·•ßøØåÅæÆœŒ×÷±²³µ¶§¨´¸ "
)


def _plausibly_western(sample: bytes) -> bool:
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return False
    return sum(1 for ch in non_ascii if ch in _WESTERN) >= 0.95 * len(non_ascii)


def check_encoding_name(name: str) -> str:
    """Validate a user-chosen encoding name; return Python's canonical name."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ImportFileError(translate("importing", "{name!r} is not a known text encoding.").format(name=name)) from None


def looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (a binary file that happened to decode)."""
    if not text:
        return False
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n")
    return controls > max(8, len(text) // 100)
