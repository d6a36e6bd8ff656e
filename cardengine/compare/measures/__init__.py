"""Workshops -> tidy comparison tables: the facts read from each workshop file and every measure computed on
them. Pure: no file is written here, and no report words.

- facts (what each workshop and table did), read (the facts read fast from a workshop file);
- model (the groups compared and the `Comparison`), pergroup (each group's values, gathered once);
- picks, feasibility, agreement, proposals, sdgs, comments: the families of measures, each a few tidy tables;
- provenance (the workshops behind every row, the sources) and keys (for the data package); the tables'
  and columns' descriptions are English only: the report's catalogue says them in every other language;
- bootstrap (confidence intervals; loads numpy, only when intervals are asked for), stats, tidy (the tables);
- comparison: `compare` assembles the families in the order of the tables.

May import sessions (state, scoring), decks (the criteria model) and the shared basics; no other part of
compare. The names below load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.compare.measures.comparison import compare
    from cardengine.compare.measures.facts import TableFacts, WorkshopFacts, workshop_facts
    from cardengine.compare.measures.model import Comparison, Group, make_groups
    from cardengine.compare.measures.tidy import Column, TidyTable

__all__ = ["Column", "Comparison", "Group", "TableFacts", "TidyTable", "WorkshopFacts", "compare", "make_groups",
           "workshop_facts"]

_HOMES = {"compare": "comparison", "TableFacts": "facts", "WorkshopFacts": "facts", "workshop_facts": "facts",
          "Comparison": "model", "Group": "model", "make_groups": "model", "Column": "tidy", "TidyTable": "tidy"}


__getattr__ = lazy_names(__name__, _HOMES)
