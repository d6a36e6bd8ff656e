"""The comparison's own objects: the groups compared (territories, workshops or tables, in a stable order) and
the `Comparison` that every measure reads and adds its tidy table to.

Pure. The helpers here are the ones several families of measures share (card order, workshop labels).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cardengine.compare.measures.facts import CardInfo, CriterionInfo, DomainInfo, TableFacts, WorkshopFacts
from cardengine.compare.measures.tidy import TidyTable

if TYPE_CHECKING:  # the per-group cache is made by pergroup, which reads these objects
    from cardengine.compare.measures.pergroup import GroupData

GROUP_BY = ("territory", "workshop", "table")
MAX_PAIRWISE_GROUPS = 100  # pairwise measures between groups grow with the square of their number


@dataclass(frozen=True)
class Group:
    label: str
    workshops: tuple[WorkshopFacts, ...]
    tables: tuple[TableFacts, ...]


@dataclass
class Comparison:
    group_by: str
    groups: list[Group]
    workshops: list[WorkshopFacts]  # in report order (`in_report_order`)
    cards: dict[str, CardInfo]
    domains: dict[str, DomainInfo]
    criteria: tuple[CriterionInfo, ...]
    tables: dict[str, TidyTable] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # "w untested" -> (the English warning, the labels it names): the report says it in its own language
    _memo: dict[str, tuple[str, list[str]]] = field(default_factory=dict, repr=False)
    bootstrap: int = 0  # resamples for the confidence intervals (0: none)
    seed: int = 1  # of the resampling: the same seed gives the same intervals
    per_group: dict[str, GroupData] = field(default_factory=dict, repr=False, compare=False)  # label -> cache

    @property
    def example(self) -> bool:
        return any(w.example for w in self.workshops)


def _unique(labels: list[str]) -> list[str]:
    """Labels made distinct: a repeat gets " (2)", " (3)"... never one that another label already is (tables
    named "T", "T" and "T (2)" gave two groups "T (2)", and the CSVs two rows under one key)."""
    taken = set(labels)
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        if seen[label] == 1:
            out.append(label)
            continue
        candidate = f"{label} ({seen[label]})"
        while candidate in taken:
            seen[label] += 1
            candidate = f"{label} ({seen[label]})"
        taken.add(candidate)
        out.append(candidate)
    return out


def in_report_order(workshops: Sequence[WorkshopFacts]) -> list[WorkshopFacts]:
    """Territories alphabetically, then each territory's workshops by date."""
    return sorted(workshops, key=lambda w: (w.territory.casefold(), w.date, w.title, w.id))


def make_groups(workshops: Sequence[WorkshopFacts], by: str) -> list[Group]:
    """Groups in a stable order: territories alphabetically, then workshops by date, then tables."""
    if by not in GROUP_BY:
        raise ValueError(f"group by {by!r}: choose one of {', '.join(GROUP_BY)}")
    ordered = in_report_order(workshops)
    if by == "territory":
        by_territory: dict[str, list[WorkshopFacts]] = {}
        for w in ordered:
            by_territory.setdefault(w.territory or "?", []).append(w)
        return [Group(t, tuple(ws), tuple(tb for w in ws for tb in w.tables)) for t, ws in by_territory.items()]
    several = Counter(w.territory for w in ordered)
    workshop_labels = _unique([f"{w.territory} {w.date}" if several[w.territory] > 1 else w.territory or w.title
                               for w in ordered])
    if by == "workshop":
        return [Group(label, (w,), w.tables) for label, w in zip(workshop_labels, ordered, strict=False)]
    pairs = [(f"{wl} · {t.table_name}", w, t)
             for wl, w in zip(workshop_labels, ordered, strict=False) for t in w.tables]
    labels = _unique([p[0] for p in pairs])
    return [Group(label, (w,), (t,)) for label, (_, w, t) in zip(labels, pairs, strict=False)]


def card_order(cmp: Comparison) -> Callable[[str], tuple[int, str]]:
    """Sort key of a card: its domain's place in the comparison, then its id."""
    domain_order = {d: i for i, d in enumerate(cmp.domains)}
    return lambda card: (domain_order.get(cmp.cards[card].domain, len(domain_order)), card)


def workshop_label(cmp: Comparison, w: WorkshopFacts) -> str:
    return f"{w.territory} {w.date} · {w.title}"


def tables_with_workshops(cmp: Comparison) -> Iterator[tuple[Group, WorkshopFacts, TableFacts]]:
    workshops = {w.id: w for w in cmp.workshops}
    for g in cmp.groups:
        for t in g.tables:
            yield g, workshops[t.workshop], t
