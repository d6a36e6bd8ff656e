"""Comparing workshops for researchers: `cardengine compare W1.db W2.db ... -o DIR`.

- measures/: workshop files -> facts -> the comparison's tidy tables (pick rates, feasibility, agreement,
  proposals, SDGs, comments, provenance, bootstrap intervals). Pure.
- report/: what the report says, as plain data (sections, tables, chart specs), in the reader's language.
- charts/: the report's chart specs as reportlab Drawings (one module per chart kind) and inline SVG.
- render/: the report and its data written out: HTML, PDF, CSV, the data package, the REFI-QDA project.
- run: reads the workshop files, ties the steps together and writes every output (all or none); parallel:
  a step (the PDF) laid out in a second process meanwhile; problems: the terminal messages (cli catalogue) that
  the report's modules raise.

May import sessions, printing (fonts, text measurement), decks, outputs and the shared basics; never the CLI.
Inside: measures imports no other part; report reads measures; charts read report's model and words; render reads all
three; run reads them all. Light to import: the names below load on first use (reportlab and numpy load only
when a report is made).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.compare.measures.comparison import Comparison, compare
    from cardengine.compare.run import CompareError, Written, distinct_files, load_facts, write_report

__all__ = ["CompareError", "Comparison", "Written", "compare", "distinct_files", "load_facts", "write_report"]

_HOMES = {"Comparison": "measures.comparison", "compare": "measures.comparison", "CompareError": "run",
          "Written": "run", "distinct_files": "run", "load_facts": "run", "write_report": "run"}


__getattr__ = lazy_names(__name__, _HOMES)
