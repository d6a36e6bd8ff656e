"""Workshops -> tidy comparison tables: what each territory (workshop, table) picked, scored and proposed.

Pure: takes the facts of each workshop, returns typed long tables (one row per group and card, per group,
card and criterion, ...). The report's charts and tables and the CSV files are all made from these
tables, so every number a reader sees has a row behind it.

Units. A *table instance* (one table of one workshop) is the unit: a card's pick rate is the share of
table instances, among those whose workshop had the card's deck, that picked it (selected or favourite;
a discard is not a pick). A table's value for a criterion is its consensus value or, without one, the
mean of its participants' values (as in `scoring`); spreads are between table instances.

This module assembles the families of measures (picks, feasibility, agreement, proposals, SDGs, comments,
polls, provenance) in the order of the tables; the names the report and the exports read are re-exported here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from cardengine.compare.measures.agreement import W_MIN_ITEMS, agreement
from cardengine.compare.measures.comments import comment_tables
from cardengine.compare.measures.facts import (
    CardInfo,
    CriterionInfo,
    DomainInfo,
    WorkshopFacts,
    workshop_facts,
)
from cardengine.compare.measures.feasibility import (
    card_criteria,
    criteria_summary,
    disagreement_between,
    disagreement_within,
    domain_criteria,
    feasibility_ranking,
)
from cardengine.compare.measures.model import Comparison, in_report_order, make_groups
from cardengine.compare.measures.picks import (
    card_picks,
    domain_picks,
    groups_table,
    never_picked,
    participants_table,
    pick_overlap,
)
from cardengine.compare.measures.polls import poll_table
from cardengine.compare.measures.proposals import domain_priorities, domain_proposals, proposal_cards, proposals
from cardengine.compare.measures.provenance import with_provenance
from cardengine.compare.measures.sdgs import sdg_tables
from cardengine.compare.measures.tidy import TidyTable
from cardengine.i18n import tr

# `compare` and its result; the other names are read from here by the report and the workshop exports
__all__ = ["BUILDERS", "W_MIN_ITEMS", "Comparison", "CriterionInfo", "WorkshopFacts", "compare", "workshop_facts"]

# In the order of the tables (the CSV files, the data package's resources)
BUILDERS: tuple[Callable[[Comparison], TidyTable], ...] = (
    groups_table, participants_table, card_picks, domain_picks, never_picked, card_criteria, domain_criteria,
    criteria_summary, feasibility_ranking, disagreement_within, disagreement_between, pick_overlap, agreement,
    proposals, proposal_cards, domain_proposals, domain_priorities)


def compare(workshops: Sequence[WorkshopFacts], by: str = "territory", bootstrap: int = 1000,
            seed: int = 1) -> Comparison:
    """The tidy tables; `bootstrap` resamples of each group's tables (0: none) give the confidence intervals."""
    groups = make_groups(workshops, by)
    cards: dict[str, CardInfo] = {}
    domains: dict[str, DomainInfo] = {}
    for w in sorted(workshops, key=lambda w: w.date):  # later snapshots of a card win
        cards.update(w.cards)
        domains.update(w.domains)
    criteria = _criteria(workshops)
    out = Comparison(by, groups, in_report_order(workshops), cards, domains, criteria, bootstrap=bootstrap,
                     seed=seed)
    ids = Counter(w.criteria_id for w in workshops)
    if len(ids) > 1:
        out.warnings.append(tr("the workshops used different criteria sets ({ids}); criteria are compared by id "
                               "and weighted scores each with its own weights").format(ids=", ".join(sorted(ids))))
    for build in BUILDERS:
        table = build(out)
        out.tables[table.name] = table
    out.tables.update((t.name, t) for t in sdg_tables(out))
    out.tables.update((t.name, t) for t in comment_tables(out))
    table = poll_table(out)
    out.tables[table.name] = table
    out.tables = with_provenance(out)  # last: it gives every table above its workshop ids
    return out


def _criteria(workshops: Sequence[WorkshopFacts]) -> tuple[CriterionInfo, ...]:
    seen: dict[str, CriterionInfo] = {}
    for w in workshops:
        for c in w.criteria:
            seen.setdefault(c.id, c)
    return tuple(seen.values())
