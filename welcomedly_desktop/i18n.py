"""Translations without Qt: the core, the CLI and the reports look up their strings here.

The catalogues are Qt Linguist sources (``resources/i18n/welcomedly_<lang>.ts``), the same files
``pyside6-lupdate`` writes and ``pyside6-lrelease`` compiles into the ``.qm`` the GUI's QTranslator
loads; reading the ``.ts`` with the standard library keeps Qt out of the CLI.  Source strings are
English; only finished translations are used, anything else falls back to the English text.

Strings are marked so that ``pyside6-lupdate`` finds them:

* ``translate("Context", "Text with {placeholder}")`` where the text is shown;
* ``QT_TRANSLATE_NOOP("Context", "Text")`` in module-level tables, translated later with
  ``translate(context, text)``.

The language, highest first: :func:`set_language`, the environment (``WELCOMEDLY_LANG``), the
``language`` key of settings.json (applied by :func:`apply_settings`), the OS locale (``es_*`` means
Spanish), English.  The environment is read once (:func:`reload_environment` reads it again).
"""

from __future__ import annotations

import locale
import os
import re
import string
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

ENV_LANG = "WELCOMEDLY_LANG"
SOURCE_LANGUAGE = "en"
#: Languages with a catalogue; anything else is shown in English.
LANGUAGES = ("en", "es")

_explicit: str | None = None  # set_language()
#: Bumped whenever a choice the language depends on changes, so callers may cache what follows from it
#: (formatting.style_for, called for every cell of a report).
generation = 0
_settings_language: str | None = None  # settings.json "language"


def resources_dir() -> Path:
    """``resources/`` in a source checkout or in the PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "i18n"


@lru_cache(maxsize=256)
def normalize_language(value: str | None) -> str | None:
    """``es_CO.UTF-8``, ``es-MX``, ``Spanish`` -> ``es``; an unknown value -> None."""
    if not value:
        return None
    tag = value.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if tag in ("c", "posix", ""):
        return None
    if tag.startswith("spanish") or tag.startswith("español"):
        return "es"
    if tag.startswith("english"):
        return "en"
    code = tag.split("_")[0]
    return code if code in LANGUAGES else None


def os_locale_tag() -> str | None:
    """The OS locale as ``ll_CC`` (``es_CO``), from LC_ALL / LC_MESSAGES / LANG or the C library."""
    environ = os.environ
    return _locale_tag(environ.get("LC_ALL"), environ.get("LC_MESSAGES"), environ.get("LANG"))


@lru_cache(maxsize=64)
def _locale_tag(*values: str | None) -> str | None:
    for value in values:
        if value:
            tag = value.split(".")[0].split("@")[0]
            if tag.upper() not in ("C", "POSIX"):
                return tag
            return None
    try:
        tag = locale.getlocale()[0]
    except ValueError:  # pragma: no cover - exotic locale names
        tag = None
    return tag or None


def os_language() -> str:
    return normalize_language(os_locale_tag()) or SOURCE_LANGUAGE


def set_language(language: str | None) -> None:
    """Force a language for this process (None goes back to environment, settings, OS)."""
    global _explicit, generation
    _explicit = normalize_language(language) if language else None
    generation += 1


def apply_settings(settings: object) -> None:
    """Take the ``language`` setting from a :class:`~welcomedly_desktop.config.Settings`."""
    global _settings_language, generation
    _settings_language = normalize_language(getattr(settings, "language", None))
    generation += 1


_environment: tuple[str | None, ...] | None = None  # WELCOMEDLY_LANG, LC_ALL, LC_MESSAGES, LANG


def reload_environment() -> None:
    """Read the language variables again (they are read once: os.environ lookups cost more than a
    translation, and import rejection reasons are translated row by row)."""
    global _environment, generation
    generation += 1
    environ = os.environ
    _environment = tuple(environ.get(k) for k in (ENV_LANG, "LC_ALL", "LC_MESSAGES", "LANG"))


def _resolved() -> tuple[str, str]:
    """(language, locale tag); cached for each combination of choices."""
    if _environment is None:
        reload_environment()
    return _resolve(_explicit, _settings_language, *_environment)


@lru_cache(maxsize=64)
def _resolve(explicit: str | None, from_settings: str | None, env_lang: str | None,
             *os_values: str | None) -> tuple[str, str]:
    os_tag = _locale_tag(*os_values)
    language = explicit or normalize_language(env_lang) or from_settings or normalize_language(os_tag) \
        or SOURCE_LANGUAGE
    for candidate in (env_lang, os_tag):
        if candidate and normalize_language(candidate) == language and "_" in candidate.replace("-", "_"):
            lang, _, country = candidate.split(".")[0].replace("-", "_").partition("_")
            return language, f"{lang.lower()}_{country.upper()}"
    return language, language


def current_language() -> str:
    return _resolved()[0]


def current_locale_tag() -> str:
    """The language with a country when one is known (``es_CO``), for number and date formats."""
    return _resolved()[1]


Catalogue = dict[tuple[str, str], "str | tuple[str, ...]"]


@lru_cache(maxsize=None)
def load_catalogue(language: str, directory: str | None = None) -> Catalogue:
    """Finished translations of ``welcomedly_<language>.ts``: (context, source) -> text or plural forms."""
    path = Path(directory) if directory else translations_dir()
    path = path / f"welcomedly_{language}.ts"
    if language == SOURCE_LANGUAGE or not path.exists():
        return {}
    catalogue: Catalogue = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            node = message.find("translation")
            if source is None or node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = [f.text or "" for f in node.findall("numerusform")]
            if forms:
                if all(forms):
                    catalogue[(name, source)] = tuple(forms)
            elif node.text:
                catalogue[(name, source)] = node.text
    return catalogue


def _plural_index(language: str, n: int) -> int:
    # English and Spanish share the rule: one form for 1, another for everything else.
    return 0 if n == 1 else 1


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language; with ``n`` >= 0, ``%n`` is replaced by the number."""
    language = current_language()
    found = None
    if language != SOURCE_LANGUAGE:
        catalogue = load_catalogue(language)
        # lupdate files calls of a module-level tr() helper under the empty context.
        found = catalogue.get((context, text)) or catalogue.get(("", text))
    if isinstance(found, tuple):
        result = found[min(_plural_index(language, n), len(found) - 1)]
    else:
        result = found or text
    if n >= 0:
        result = result.replace("%n", str(n))
    # Only a template with a numeric spec, in a language that writes numbers otherwise than Python,
    # gets the (slower, pure-Python) locale formatter: rejection reasons are translated row by row.
    if "{" in result and _has_numeric_spec(result) and _swaps_separators(current_locale_tag()):
        return Localized(result)
    return result


_NUMERIC_SPEC = re.compile(r"\{[^{}:]*:[^{}]*[,fFeEgG%d]\}")


@lru_cache(maxsize=4096)
def _has_numeric_spec(template: str) -> bool:
    return _NUMERIC_SPEC.search(template) is not None


@lru_cache(maxsize=64)
def _swaps_separators(tag: str) -> bool:
    from welcomedly_desktop.formatting import style_for  # formatting imports this module

    style = style_for(tag)
    return (style.group, style.decimal) != (",", ".")


class Localized(str):
    """A (translated) template whose ``format()`` writes numbers as the current language does.

    Templates keep Python's specs (``{n:,}``, ``{s:.1f}``): a translator must not have to change
    them, and English stays byte for byte what it was.  In Spanish (Colombia, Spain, ...) the
    separators swap: ``1,840`` -> ``1.840``, ``2.5`` -> ``2,5`` (formatting.py has the styles)."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:  # noqa: A003 - str's own name
        return _LOCALE_FORMATTER.vformat(self, args, kwargs)


def localized(template: str) -> str:
    """``template`` (e.g. the result of a widget's ``self.tr()``) with a locale-aware ``format()``."""
    return template if isinstance(template, Localized) else Localized(template)


class _LocaleFormatter(string.Formatter):
    _NUMERIC_TYPES = frozenset("fFeEgG%d")

    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if (not format_spec or isinstance(value, bool) or not isinstance(value, (int, float, Decimal))
                or not ("," in format_spec or format_spec[-1] in self._NUMERIC_TYPES)):
            return text
        from welcomedly_desktop.formatting import style_for  # formatting imports this module

        style = style_for()
        if style.group == "," and style.decimal == ".":
            return text
        return text.translate({ord(","): "\0", ord("."): style.decimal}).replace("\0", style.group)


_LOCALE_FORMATTER = _LocaleFormatter()


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for the catalogue without translating it (module-level tables)."""
    return text


__all__ = [
    "ENV_LANG",
    "LANGUAGES",
    "QT_TRANSLATE_NOOP",
    "apply_settings",
    "current_language",
    "current_locale_tag",
    "load_catalogue",
    "normalize_language",
    "reload_environment",
    "os_language",
    "resources_dir",
    "set_language",
    "translate",
    "translations_dir",
]
