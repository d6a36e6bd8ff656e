"""The fix hints the JSON Schemas carry (`x-hint`), in the reader's language.

The schemas are shipped as data that editors read too, so their hints stay English there; each is also a `cli`
catalogue message, keyed by a short hash of its English (as the report keys its data descriptions), and a
problem line shows it translated. A hint whose English changes loses its old translations and shows in English
until translated again (tests/test_catalogues.py says which).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from cardengine.i18n import catalogue, language
from cardengine.schemas import KINDS, load_schema


def hint_key(english: str) -> str:
    return "hint." + hashlib.sha256(english.encode("utf-8")).hexdigest()[:10]


def translated_hint(english: str) -> str:
    """`english` (an x-hint of a shipped schema) in the language of the messages."""
    return catalogue(language(), "cli").pgettext(hint_key(english), english) if english else english


def _hints(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "x-hint" and isinstance(value, str):
                yield value
            else:
                yield from _hints(value)
    elif isinstance(node, list):
        for value in node:
            yield from _hints(value)


# {catalogue key: English}, read by tools/catalogues.py for the `cli` domain: every hint of every shipped schema.
CATALOGUE_ENTRIES: dict[str, str] = {hint_key(h): h for kind in KINDS for h in sorted(set(_hints(load_schema(kind))))}
