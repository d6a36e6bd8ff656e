"""The comparison report as plain data, in any language: `build_report` turns a Comparison into a `Report`
(sections of tables, charts, paragraphs and formulas, their words already in the report's language and their
numbers already formatted), which the renderers (compare/render) set as HTML and PDF.

Owns the report's words (`words`: keys and English in code, translations in the `report` gettext catalogue).
May import compare.measures, compare.problems (messages it raises to the terminal), decks.vocabulary,
sessions.state and i18n; never a renderer, reportlab or the CLI. Light to import: the names below load on use.
"""

from __future__ import annotations

from cardengine.lazy import lazy_names

__all__ = ["CATALOGUE_ENTRIES", "Report", "Words", "build_report", "run_info", "with_run"]

_HOME = {"CATALOGUE_ENTRIES": "words", "Words": "words", "Report": "model", "build_report": "build",
         "run_info": "provenance", "with_run": "provenance"}


__getattr__ = lazy_names(__name__, _HOME)
