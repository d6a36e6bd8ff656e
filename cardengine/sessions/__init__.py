"""Workshop sessions: the workshop file (an append-only SQLite event log), its derived state, scoring,
merging, exports and proposals.

May import cardengine.decks and the shared basics (cardengine.problems, .fileio, ...); never printing,
compare or the CLI. The app (cardengine_tui) uses only the names below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cardengine.sessions.event_check import escape
    from cardengine.sessions.scoring import Ranked, all_criterion_values, table_ranking, weighted_score
    from cardengine.sessions.state import CONSENSUS, CardRef, Comment, Participant, TableState, WorkshopState
    from cardengine.sessions.store import Event
    from cardengine.sessions.workshop import ActionError, StoreError, Workshop, WorkshopInfo

__all__ = [
    "CONSENSUS", "ActionError", "CardRef", "Comment", "Event", "Participant", "Ranked", "StoreError", "TableState",
    "Workshop", "WorkshopInfo", "WorkshopState", "all_criterion_values", "escape", "table_ranking", "weighted_score",
]

# Loaded on first use, so that importing one module of the package does not load them all.
_HOME = {
    "escape": "event_check", "Ranked": "scoring", "all_criterion_values": "scoring", "table_ranking": "scoring",
    "weighted_score": "scoring", "CONSENSUS": "state", "CardRef": "state", "Comment": "state", "Participant": "state",
    "TableState": "state", "WorkshopState": "state", "Event": "store", "ActionError": "workshop",
    "StoreError": "workshop", "Workshop": "workshop", "WorkshopInfo": "workshop",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value
