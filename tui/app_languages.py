"""Which languages the app can be set to and offers: any language code, since a language without a catalogue
shows English; the start screen offers Italian, English, every language the app has words for and every
language the decks declare, each named in itself."""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import TypeGuard

import yaml

from cardengine.i18n import is_language_code, languages

# A language is named in itself, so that whoever speaks it finds it whatever the app's language is now.
AUTONYMS = {"it": "Italiano", "en": "English", "fr": "Français", "de": "Deutsch", "es": "Español",
            "pt": "Português", "nl": "Nederlands", "ca": "Català", "sl": "Slovenščina", "hr": "Hrvatski",
            "el": "Ελληνικά", "pl": "Polski", "ro": "Română", "sv": "Svenska", "da": "Dansk", "fi": "Suomi",
            "cs": "Čeština", "hu": "Magyar", "eu": "Euskara", "gl": "Galego"}
# How far into a deck file its header (id, name, languages) may reach before the cards begin.
_HEAD_LINES = 80


def is_language(value: object) -> TypeGuard[str]:
    """A language code the app can speak (settings, `--lang`, a workshop's language): the engine's one rule."""
    return is_language_code(value)


def autonym(code: str) -> str:
    return AUTONYMS.get(code, code)


def deck_languages(folder: Path) -> list[str]:
    """The languages the deck files in `folder` declare (`languages: [it, en]`), read from their headers only:
    the start screen does not wait for every card to load. A file that cannot be read declares nothing."""
    found: list[str] = []
    try:
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    except OSError:
        return found
    for path in files:
        head = []
        try:
            with path.open(encoding="utf-8") as handle:
                for line in islice(handle, _HEAD_LINES):
                    if line.startswith(("cards:", "criteria:")):
                        break
                    head.append(line)
            data = yaml.safe_load("".join(head))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        declared = data.get("languages") if isinstance(data, dict) else None
        if isinstance(declared, list):
            found += [code for code in map(str, declared) if is_language(code) and code not in found]
    return found


def offered_languages(current: str, decks: Path) -> list[tuple[str, str]]:
    """(name, code) of each language the start screen offers: Italian and English first, then the others."""
    others = (set(languages("app")) | set(deck_languages(decks)) | {current}) - {"it", "en"}
    return [(autonym(code), code) for code in ["it", "en", *sorted(code for code in others if is_language(code))]]
