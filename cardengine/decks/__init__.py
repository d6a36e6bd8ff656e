"""Decks and their formats: the typed deck model (cards, domains, criteria), reading and checking deck and
criteria YAML against the shipped schemas, writing decks back, spreadsheets, coded vocabularies, card ids.

May import only the shared basics (cardengine.problems, .text, .bundled, ...). The app (cardengine_tui) uses
only the names below. Importing this package loads nothing: each name loads its module on first use, so the
deck checks (YAML, JSON Schema) stay out of commands that do not read decks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.decks.card_ids import id_tokens, looks_like_id, match_id, near_ids
    from cardengine.decks.load import LoadResult, deck_from_data, discover, load_deck, load_for_workshop, load_paths
    from cardengine.decks.model import Card, CostBand, CriteriaSet, Criterion, Deck, Direction, Horizon, Scale
    from cardengine.decks.vocabulary import LABELS, coded_label

__all__ = [
    "LABELS", "Card", "CostBand", "CriteriaSet", "Criterion", "Deck", "Direction", "Horizon", "LoadResult", "Scale",
    "coded_label", "deck_from_data", "discover", "id_tokens", "load_deck", "load_for_workshop", "load_paths",
    "looks_like_id", "match_id", "near_ids",
]

_HOME = {
    "id_tokens": "card_ids", "looks_like_id": "card_ids", "match_id": "card_ids", "near_ids": "card_ids",
    "LoadResult": "load", "deck_from_data": "load", "discover": "load", "load_deck": "load",
    "load_for_workshop": "load", "load_paths": "load", "Card": "model", "CostBand": "model", "CriteriaSet": "model",
    "Criterion": "model", "Deck": "model", "Direction": "model", "Horizon": "model", "Scale": "model",
    "LABELS": "vocabulary", "coded_label": "vocabulary",
}


__getattr__ = lazy_names(__name__, _HOME)
