"""Weighted feasibility and rankings, from a table's scores and the workshop's criteria.

Each criterion's value is placed on 0..1 across its scale (flipped when lower is better), then the
criteria are averaged with their weights over those actually assessed. A table's consensus value
counts; without one, the mean of the participants' values does. Result: 0 to 100, or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from cardengine.decks.model import CriteriaSet, Criterion, Direction
from cardengine.sessions.state import CONSENSUS, TableState


def normalised(criterion: Criterion, value: float) -> float:
    lo, hi = criterion.lowest, criterion.highest
    share = (value - lo) / (hi - lo) if hi != lo else 1.0
    return 1 - share if criterion.direction is Direction.LOWER_IS_BETTER else share


def all_criterion_values(table: TableState, criteria: CriteriaSet) -> dict[str, dict[str, float | None]]:
    """For every scored target at the table, the value each criterion counts with (None: not assessed).

    One pass over the table's scores: the app calls this on every keystroke that saves."""
    consensus: dict[tuple[str, str], int | None] = {}
    individual: dict[tuple[str, str], list[int]] = {}
    for (target, crit, by), value in table.scores.items():
        if by == CONSENSUS:
            consensus[(target, crit)] = value  # an explicit "not assessed" by consensus stays None
        elif value is not None:
            individual.setdefault((target, crit), []).append(value)
    targets = {t for t, _ in consensus} | {t for t, _ in individual}
    out: dict[str, dict[str, float | None]] = {}
    for target in targets:
        values: dict[str, float | None] = {}
        for c in criteria.criteria:
            key = (target, c.id)
            if key in consensus:
                values[c.id] = consensus[key]
            else:
                values[c.id] = mean(individual[key]) if key in individual else None
        out[target] = values
    return out


def criterion_values(table: TableState, target: str, criteria: CriteriaSet) -> dict[str, float | None]:
    """The value each criterion counts with for `target` at this table (None: not assessed)."""
    values = all_criterion_values(table, criteria).get(target)
    return values if values is not None else {c.id: None for c in criteria.criteria}


def weighted_score(values: dict[str, float | None], criteria: CriteriaSet) -> float | None:
    total = weight = 0.0
    for c in criteria.criteria:
        v = values.get(c.id)
        if v is None or c.weight <= 0:
            continue
        total += c.weight * normalised(c, v)
        weight += c.weight
    return 100 * total / weight if weight else None  # unrounded: callers round where they show it


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
    values = all_criterion_values(table, criteria)
    scored = [(target, kind, weighted_score(values[target], criteria) if target in values else None)
              for target, kind in items]
    # Ordered at the two decimals the app has always ranked by, so its ranks (and ties) stay as they were.
    scored.sort(key=lambda t: (t[2] is None, -round(t[2] or 0, 2), t[0]))
    return [Ranked(i + 1, target, kind, score) for i, (target, kind, score) in enumerate(scored)]
