"""The few words the charts draw themselves (their keys), in the chart's language: the report's words (the
`report` catalogue, keys `charts.*`), so a French report's charts draw French keys.

Kept apart from the drawing modules so it loads without reportlab (`tests/test_import_hygiene.py`).
"""

from __future__ import annotations

from cardengine.compare.report.words import Words


def chart_word(key: str, lang: str) -> str:
    """`key` (a `charts.*` report word) in `lang`, English where the language has no translation."""
    return Words(lang)(key)
