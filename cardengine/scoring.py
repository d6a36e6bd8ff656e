"""Weighted feasibility and rankings, from a table's scores and the workshop's criteria.

Each criterion's value is placed on 0..1 across its scale (flipped when lower is better), then the
criteria are averaged with their weights over those actually assessed. A table's consensus value
counts; without one, the mean of the participants' values does. Result: 0 to 100, or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from .model import CriteriaSet, Criterion, Direction
from .workshop_state import CONSENSUS, TableState


def normalised(criterion: Criterion, value: float) -> float:
    lo, hi = criterion.lowest, criterion.highest
    share = (value - lo) / (hi - lo) if hi != lo else 1.0
    return 1 - share if criterion.direction is Direction.LOWER_IS_BETTER else share


def criterion_values(table: TableState, target: str, criteria: CriteriaSet) -> dict[str, float | None]:
    """The value each criterion counts with for `target` at this table (None: not assessed)."""
    out: dict[str, float | None] = {}
    for c in criteria.criteria:
        consensus = table.scores.get((target, c.id, CONSENSUS), "missing")
        if consensus != "missing":
            out[c.id] = consensus  # an explicit "not assessed" by consensus stays None
            continue
        individual = [v for (t, crit, by), v in table.scores.items()
                      if t == target and crit == c.id and by != CONSENSUS and v is not None]
        out[c.id] = mean(individual) if individual else None
    return out


def weighted_score(values: dict[str, float | None], criteria: CriteriaSet) -> float | None:
    total = weight = 0.0
    for c in criteria.criteria:
        v = values.get(c.id)
        if v is None or c.weight <= 0:
            continue
        total += c.weight * normalised(c, v)
        weight += c.weight
    return round(100 * total / weight, 2) if weight else None


@dataclass(frozen=True)
class Ranked:
    rank: int
    target: str
    kind: str  # selected, favourite or proposal
    score: float | None


def table_ranking(table: TableState, criteria: CriteriaSet) -> list[Ranked]:
    """Picked cards (not discarded) and proposals by weighted feasibility; unscored last, then by id."""
    items = [(card, pick.kind) for card, pick in table.picks.items() if pick.kind != "discarded"]
    items += [(ref, "proposal") for ref in table.proposals]
    scored = [(target, kind, weighted_score(criterion_values(table, target, criteria), criteria))
              for target, kind in items]
    scored.sort(key=lambda t: (t[2] is None, -(t[2] or 0), t[0]))
    return [Ranked(i + 1, target, kind, score) for i, (target, kind, score) in enumerate(scored)]
