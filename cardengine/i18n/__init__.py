"""Every user-visible word of the command line, the app and the report, through gettext catalogues.

Owns the catalogues (`cardengine/i18n/locale/<lang>/LC_MESSAGES/<domain>.po|.mo`, one domain per audience:
`cli` for the command line and the engine's messages, `app` for the note-taker's app, `report` for the
comparison report) and the choice of language. Imports nothing else of cardengine: every package may import it.

Mark a message where it is written, in English, with `tr`, and fill values in after translating, never before
(`tr("{path}: no such file").format(path=p)`), so that the catalogue holds one entry per message. Module-level
constants are marked with `tr_later` and translated where they are shown (`tr(CONSTANT)`). Code that speaks a
language chosen per call (the report's `--lang`, the app's language) asks `catalogue(lang, domain)`.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Catalogue", "catalogue", "language", "missing", "set_language", "tr", "tr_later"]

_language = "en"


class Catalogue(Protocol):
    """One language's words of one domain; English (the message itself) where a translation is missing."""

    def gettext(self, message: str) -> str: ...
    def pgettext(self, context: str, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


class _English:
    def gettext(self, message: str) -> str:
        return message

    def pgettext(self, context: str, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


def catalogue(lang: str, domain: str = "cli") -> Catalogue:
    """The words of `domain` in `lang` (seam: English until the catalogues are wired in)."""
    return _English()


def missing(lang: str, domain: str = "cli") -> list[str]:
    """The messages of `domain` that have no translation in `lang` (they show in English)."""
    return []


def set_language(lang: str) -> None:
    """The language of this process's command-line messages (`--lang`, CARDENGINE_LANG or the locale)."""
    global _language
    _language = lang


def language() -> str:
    return _language


def tr(message: str) -> str:
    """`message` (English) in this process's language; English when the catalogue has no translation."""
    return catalogue(_language, "cli").gettext(message)


def tr_later(message: str) -> str:
    """Mark a message for the catalogue without translating it yet (module-level constants)."""
    return message
