"""Criteria copied into a workshop file when it is created, so its scores keep their meaning later."""

from __future__ import annotations

from typing import Any

from cardengine.decks.model import CriteriaSet
from cardengine.decks.model_data import build_criteria
from cardengine.text import Text

# The criteria of a state that no workshop was folded into yet (its `workshop.created` brings the real ones):
# no criteria, so every score, ranking and export of it is empty, and the state's type needs no None.
NO_CRITERIA = CriteriaSet(id="", name=Text({}), version="", languages=(), criteria=())


def criteria_snapshot(criteria: CriteriaSet) -> dict[str, Any]:
    return {
        "id": criteria.id, "name": dict(criteria.name), "version": criteria.version,
        "languages": list(criteria.languages),
        "criteria": [{"id": c.id, "label": dict(c.label), "question": dict(c.question),
                      "direction": c.direction.value, "weight": c.weight,
                      "scale": [{"value": lv.value, "label": dict(lv.label), "meaning": dict(lv.meaning)}
                                for lv in c.scale]}
                     for c in criteria.criteria],
    }


def criteria_from_snapshot(data: dict[str, Any]) -> CriteriaSet:
    return build_criteria(data, None)
