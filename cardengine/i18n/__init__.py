"""Every user-visible word of the command line, the app and the report, through gettext catalogues.

Owns the catalogues (`cardengine/i18n/locale/<lang>/LC_MESSAGES/<domain>.po|.mo`, one domain per audience:
`cli` for the command line and the engine's messages, `app` for the note-taker's app, `report` for the
comparison report, `serve` for the plenary server's pages) and the choice of language. Imports nothing else of
cardengine: every package may import it.

Mark a message where it is written, in English, with `tr`, and fill values in after translating, never before
(`tr("{path}: no such file").format(path=p)`), so that the catalogue holds one entry per message. Module-level
constants are marked with `tr_later` and translated where they are shown (`tr(CONSTANT)`). Code that speaks a
language chosen per call (the report's `--lang`, the app's language) asks `catalogue(lang, domain)`.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Protocol, TypeGuard

__all__ = ["DOMAINS", "LANGUAGE_CODE", "LOCALE_DIR", "Catalogue", "KeyedEnglish", "catalogue", "is_language_code",
           "keyed_word", "language",
           "languages", "missing", "ntr", "set_language", "tr", "tr_later", "untranslated"]

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAINS = ("cli", "app", "report", "serve")

_language = "en"

# A language code as BCP 47 writes it (it, en, fr, pt-BR, sr-Latn): the one rule of the command line's --lang and
# CARDENGINE_LANG, the app's settings and the workshop's language. Never a path; a locale's "fr_FR" is refused.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def is_language_code(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and LANGUAGE_CODE.fullmatch(value) is not None


class Catalogue(Protocol):
    """One language's words of one domain; English (the message itself) where a translation is missing."""

    def gettext(self, message: str) -> str: ...
    def pgettext(self, context: str, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...
    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str: ...


# A keyed word's English: one text, or (singular, plural) for a word said with a count `n` (the catalogues hold
# each language's plural forms: Italian "+1 altra", "+2 altre").
KeyedEnglish = str | tuple[str, str]


def keyed_word(words: Catalogue, key: str, english: KeyedEnglish, values: dict[str, object]) -> str:
    """A keyed word (msgctxt = key) in the catalogue's language, its {fields} filled from `values`."""
    if isinstance(english, tuple):
        count = values["n"]
        assert isinstance(count, int), f"{key}: the count n must be a whole number"
        text = words.npgettext(key, english[0], english[1], count)
    else:
        text = words.pgettext(key, english)
    return text.format(**values) if values else text


@cache
def catalogue(lang: str, domain: str = "cli") -> Catalogue:
    """The words of `domain` in `lang` from its compiled catalogue (stdlib gettext reads the .mo); English, the
    messages themselves, for English, for a language without a catalogue and for each message not translated."""
    if lang == "en":
        return gettext.NullTranslations()
    # gettext names a catalogue's folder pt_BR where BCP 47 writes pt-BR; without a pt_BR catalogue, pt's serves.
    return gettext.translation(domain, LOCALE_DIR, languages=[lang.replace("-", "_"), lang.split("-")[0]],
                               fallback=True)


def languages(domain: str = "cli") -> tuple[str, ...]:
    """The languages `domain` speaks: English and each language with a compiled catalogue."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{domain}.mo")}
    return ("en", *sorted(found - {"en"}))


def missing(lang: str, domain: str = "cli") -> list[str]:
    """The messages of `domain` that have no translation in `lang` (they show in English): the template's
    (`<domain>.pot`) messages whose entry in `lang`'s catalogue is absent or empty."""
    if lang == "en":
        return []
    template = LOCALE_DIR / f"{domain}.pot"
    if not template.is_file():
        return []
    words = catalogue(lang, domain)
    absent = []
    for context, message in _entries(template):
        shown = words.pgettext(context, message) if context else words.gettext(message)
        if shown == message and not _has(words, context, message):
            absent.append(f"{context}: {message}" if context else message)
    return absent


def _has(words: Catalogue, context: str, message: str) -> bool:
    """The catalogue holds a translation of the message, if one the same as the English ("Workshop" in Italian,
    "Table" in French): stdlib's GNUTranslations keeps its entries in `_catalog`, as msgctxt EOT msgid."""
    entries = getattr(words, "_catalog", {})
    key = f"{context}\x04{message}" if context else message
    return key in entries or (key, 0) in entries  # a plural message's forms are kept as (key, form)


def untranslated(langs: Iterable[str]) -> list[str]:
    """One line per language and domain whose messages are not all translated (they show in English): what
    `cardengine validate` lists for the languages a deck declares."""
    lines = []
    for lang in sorted(set(langs) - {"en"}):
        for domain in DOMAINS:
            gaps = missing(lang, domain)
            if gaps:
                lines.append(tr("{lang}: {count} of the {domain} messages have no translation and show in English "
                                "(first: {first!r})").format(lang=lang, count=len(gaps), domain=domain,
                                                              first=gaps[0]))
    return lines


def _entries(template: Path) -> list[tuple[str, str]]:
    """(context, message id) of each entry of a .pot (its header excepted); stdlib has no .po reader."""
    entries: list[tuple[str, str]] = []
    context, message, field = "", None, ""
    parts: dict[str, str] = {}
    for raw in [*template.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith("msgctxt "):
            parts, field = {"msgctxt": _unquote(line[8:])}, "msgctxt"
        elif line.startswith("msgid "):
            parts.setdefault("msgctxt", "")
            parts["msgid"], field = _unquote(line[6:]), "msgid"
        elif line.startswith(("msgid_plural ", "msgstr")):
            field = ""
        elif line.startswith('"') and field:
            parts[field] += _unquote(line)
        elif not line and "msgid" in parts:
            context, message = parts["msgctxt"], parts["msgid"]
            if message:
                entries.append((context, message))
            parts, field = {}, ""
    return entries


def _unquote(text: str) -> str:
    import ast

    return str(ast.literal_eval(text))


def set_language(lang: str) -> None:
    """The language of this process's command-line messages (`--lang`, CARDENGINE_LANG or the locale)."""
    global _language
    _language = lang


def language() -> str:
    return _language


def tr(message: str) -> str:
    """`message` (English) in this process's language; English when the catalogue has no translation."""
    return catalogue(_language, "cli").gettext(message)


def ntr(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for `count`, in this process's language."""
    return catalogue(_language, "cli").ngettext(singular, plural, count)


def tr_later(message: str) -> str:
    """Mark a message for the catalogue without translating it yet (module-level constants)."""
    return message
