"""What a new workshop file records about the workshop: its description, and snapshots of its decks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cardengine.decks.model import Deck


@dataclass(frozen=True)
class WorkshopInfo:
    title: str
    territory: str
    date: str
    language: str = "it"
    place: str = ""
    facilitator: str = ""
    example: bool = False  # example data made by a script, not the record of a real workshop


def deck_snapshot(deck: Deck) -> dict[str, Any]:
    return {"id": deck.id, "version": deck.version, "domain": deck.domain, "name": dict(deck.name),
            "colour": deck.colour,
            "cards": [{"id": c.id, "title": dict(c.title), "sdgs": list(c.sdgs), "scale": [s.value for s in c.scale],
                       "cost": c.cost.value, "horizon": c.horizon.value} for c in deck.cards]}

