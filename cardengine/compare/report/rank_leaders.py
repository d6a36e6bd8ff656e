"""Which cards the rank comparison chart shows: every group's leaders, however many groups there are.

A fixed number of lines filled group by group shows only the first groups' leaders once the groups
outnumber the lines. Instead the chart shows the union of each group's top k positions, with the largest
k whose union still fits the chart's row budget (at least each group's leader: the budget grows with the
groups). Pure: the ranking rows are the tidy table's, already without positions on too few tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cardengine.compare.report.words import Words

MIN_ROWS = 12  # few groups: up to this many cards, so each group shows several leaders



def row_budget(groups: int) -> int:
    """How many cards the chart may show: a dozen for a few groups, one per group beyond."""
    return max(MIN_ROWS, groups)


def _union(ranked: Mapping[str, Sequence[str]], groups: Sequence[str], k: int) -> list[str]:
    """Each group's first k cards, in group order, each card once."""
    chosen: dict[str, None] = {}
    for g in groups:
        for card in ranked.get(g, ())[:k]:
            chosen.setdefault(card, None)
    return list(chosen)


def leaders(ranked: Mapping[str, Sequence[str]], groups: Sequence[str], budget: int | None = None
            ) -> tuple[list[str], int]:
    """The cards to chart and k: the union of every group's top k cards (`ranked`: each group's cards, best
    first), with the largest k whose union fits `budget` rows; k is at least 1, so every group with a ranked
    card is represented even when the budget is smaller than the groups."""
    budget = row_budget(len(groups)) if budget is None else budget
    longest = max((len(cards) for cards in ranked.values()), default=0)
    k, chosen = 1, _union(ranked, groups, 1)
    while k < longest:
        wider = _union(ranked, groups, k + 1)
        if len(wider) > budget:
            break
        k, chosen = k + 1, wider
    return chosen, k


def leaders_sentence(w: Words, cards: int, k: int, min_tables: int, unranked: Sequence[str], groups: int) -> str:
    """What the chart shows, and which groups it cannot show (nothing ranked on enough tables)."""
    said = w("ranks.leader" if k == 1 else "ranks.leaders", k=k, cards=cards)
    if min_tables > 1:
        said += w("ranks.among", min=min_tables)
    said += w("ranks.all_in_csv")
    why = w("ranks.why_min", min=min_tables) if min_tables > 1 else w("ranks.why_none")
    if len(unranked) > 8:  # a list nobody reads: the count
        said += " " + w("ranks.no_leaders_n", n=len(unranked), total=groups, why=why)
    elif unranked:
        said += " " + w("ranks.no_leaders", groups=", ".join(unranked), why=why)
    return said
