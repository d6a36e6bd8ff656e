"""The few words the charts draw themselves (their keys), in the report's languages.

Kept apart from the drawing modules so the report builder can stamp each chart with the report's language
without importing reportlab (`tests/test_import_hygiene.py`).
"""

from __future__ import annotations

from dataclasses import replace

from cardengine.compare.report.model import Chart, Section

CHART_TEXT: dict[str, dict[str, str]] = {
    "charts.n": {"it": "n = tavoli su cui poggia il valore", "en": "n = tables behind the figure"},
    "charts.faint": {"it": "chiaro: meno tavoli del minimo (--min-tables)",
                     "en": "pale: fewer tables than the minimum (--min-tables)"},
    "charts.sd": {"it": "± deviazione standard tra i tavoli", "en": "± standard deviation between tables"},
    "charts.ci": {"it": "intervallo di confidenza al 95% (bootstrap)", "en": "95% confidence interval (bootstrap)"},
    "charts.rank_key": {"it": "più scuro = posizione più alta", "en": "darker = higher rank"},
    "charts.not_ranked": {"it": "– non in classifica", "en": "– not ranked"},
}
LANGS = ("it", "en")


def chart_word(key: str, lang: str) -> str:
    """`key` in `lang`, English when the language has no text of its own."""
    words = CHART_TEXT[key]
    return words.get(lang.split("-")[0].lower()) or words["en"]


def in_language(section: Section, lang: str) -> Section:
    """The section with every chart spec set to the report's language, for the words its key draws."""
    blocks = tuple(replace(b, spec=replace(b.spec, lang=lang)) if isinstance(b, Chart) else b
                   for b in section.blocks)
    return replace(section, blocks=blocks)
