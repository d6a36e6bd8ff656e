"""SDG coverage and criterion means by stakeholder type: two more views of a comparison, as tidy tables.

SDG coverage. A *pick* is one table instance picking one card (selected or favourite). Per group and goal
(always all 17, so a goal nobody addressed is a zero row, not a missing one): the picks whose card lists
the goal, their share of all the group's picks, the distinct cards behind them, and the proposals whose
source cards list it. A card lists several goals, so a group's shares add up to more than 1. A card's
goals are those of the deck snapshot of the workshop that picked it (what the table saw printed).

Stakeholder means. Per group, criterion and stakeholder type: the mean of the values participants gave
on their own (consensus values are the table's, not a participant's, and stay out), over the cards their
table picked, as in the feasibility tables (proposals are the table's own, so they are not compared).
A participant whose type is not known is counted under UNKNOWN_TYPE rather than dropped.

Pure: facts in, tables out; `comparison.compare` adds them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from cardengine.compare.measures.facts import TableFacts, WorkshopFacts
from cardengine.compare.measures.model import Comparison, Group
from cardengine.compare.measures.stats import mean, sample_sd
from cardengine.compare.measures.tidy import CARD, CRITERION, DOMAIN, G, TidyTable, _r, _table
from cardengine.sessions.state import STAKEHOLDER_TYPES

GOALS = tuple(range(1, 18))  # the 17 UN Sustainable Development Goals
UNKNOWN_TYPE = "unknown"  # a participant with no recorded stakeholder type (a key column is never empty)
EXACT = 10  # digits kept in the CSVs: full precision without float noise

TYPE_COLUMN = ("stakeholder_type", str,
               "company, public-authority, utility, association, expert, citizen, other; "
               f"'{UNKNOWN_TYPE}' when the participant has no recorded type")


def sdg_tables(cmp: Comparison) -> list[TidyTable]:
    """The tables this module adds to a comparison."""
    return [sdg_coverage(cmp), stakeholder_criteria(cmp), stakeholder_card_criteria(cmp)]


# ---------------------------------------------------------------- SDG coverage

def _goal_sets(cmp: Comparison) -> Callable[[WorkshopFacts | None, str], frozenset[int]]:
    """card -> its goals in a workshop's snapshot (goals outside 1-17 left out); one set per distinct list."""
    sets: dict[tuple[int, ...], frozenset[int]] = {}

    def goals(workshop: WorkshopFacts | None, card: str) -> frozenset[int]:
        info = (workshop.cards.get(card) if workshop else None) or cmp.cards.get(card)
        if info is None:
            return frozenset()
        found = sets.get(info.sdgs)
        if found is None:
            found = sets[info.sdgs] = frozenset(info.sdgs).intersection(GOALS)
        return found
    return goals


def sdg_coverage(cmp: Comparison) -> TidyTable:
    rows = []
    goals_of = _goal_sets(cmp)
    for g in cmp.groups:
        workshops = {w.id: w for w in g.workshops}
        by_card: Counter[tuple[str, frozenset[int]]] = Counter()  # picks of a card, with its goals
        picking: Counter[int] = Counter()  # tables with at least one pick listing the goal
        proposals: Counter[int] = Counter()
        for t in g.tables:
            w = workshops.get(t.workshop)
            table_goals: set[int] = set()
            for card in t.picked:
                goals = goals_of(w, card)
                by_card[(card, goals)] += 1
                table_goals |= goals
            picking.update(table_goals)
            for p in t.proposals:
                proposals.update(frozenset().union(*(goals_of(w, c) for c, _ in p.cards)))
        picks: Counter[int] = Counter()
        cards: dict[int, set[str]] = defaultdict(set)
        for (card, goals), n in by_card.items():
            for goal in goals:
                picks[goal] += n
                cards[goal].add(card)
        total_picks = sum(len(t.picked) for t in g.tables)
        total_proposals = sum(len(t.proposals) for t in g.tables)
        for goal in GOALS:
            rows.append((g.label, goal, picks[goal], _share(picks[goal], total_picks), len(cards[goal]),
                         picking[goal], proposals[goal], _share(proposals[goal], total_proposals),
                         total_picks, total_proposals, len(g.tables)))
    return _table("sdg_coverage", "SDG coverage: how many of each group's picks and proposals address each of "
                  "the 17 Sustainable Development Goals (a card lists several goals, so shares add up to more "
                  "than 1)", [
        G,
        ("goal", int, "Sustainable Development Goal, 1-17"),
        ("picks", int, "picks (table x card, selected or favourite) whose card lists the goal"),
        ("share", float, "picks / group_picks (empty when the group picked nothing)"),
        ("cards", int, "distinct cards behind those picks"),
        ("tables_picking", int, "tables that picked at least one card listing the goal"),
        ("proposals", int, "proposals with at least one source card listing the goal"),
        ("proposal_share", float, "proposals / group_proposals (empty when the group made none)"),
        ("group_picks", int, "all picks of the group (the share's denominator)"),
        ("group_proposals", int, "all proposals of the group"),
        ("tables", int, "table instances of the group, whose picks are pooled")], rows)


def _share(part: int, whole: int) -> float | None:
    return _r(part / whole, EXACT) if whole else None


# ---------------------------------------------------------------- criterion means by stakeholder type

class _Pool:
    """The individual values behind one row, with who gave them and at which tables."""

    def __init__(self) -> None:
        self.values: list[float] = []
        self.participants: set[tuple[str, str]] = set()
        self.tables: set[tuple[str, str]] = set()

    def row(self) -> tuple:
        return (len(self.participants), len(self.tables), len(self.values), _r(mean(self.values), EXACT),
                _r(sample_sd(self.values), EXACT), _r(min(self.values), EXACT), _r(max(self.values), EXACT))


def _individual(tables: Iterable[TableFacts]) -> Iterable[tuple[TableFacts, str, str, str, str, float]]:
    """(table, participant, card, criterion, stakeholder type, value): each participant's own value on a card
    the table picked."""
    for t in tables:
        for s in t.individual:
            if s.target in t.picked:
                yield t, s.participant, s.target, s.criterion, s.stakeholder_type or UNKNOWN_TYPE, s.value


def _pools(g: Group, per_card: bool) -> dict[tuple[str, str, str], _Pool]:
    """(card or "", criterion, stakeholder type) -> the pooled values of the group's participants."""
    pools: dict[tuple[str, str, str], _Pool] = defaultdict(_Pool)
    for t, who, card, crit, kind, value in _individual(g.tables):
        pool = pools[(card if per_card else "", crit, kind)]
        pool.values.append(value)
        pool.participants.add((t.workshop, who))  # participant ids are per workshop
        pool.tables.add((t.workshop, t.table))
    return pools


def _order(cmp: Comparison, card_order: dict[str, int] | None = None) -> Callable[[tuple[str, str, str]], tuple]:
    """Cards in report order, criteria as the criteria set lists them, types as the app lists them."""
    crits = {c.id: i for i, c in enumerate(cmp.criteria)}
    types = {k: i for i, k in enumerate(STAKEHOLDER_TYPES)}
    cards = card_order or {}
    return lambda key: (cards.get(key[0], len(cards)), key[0], crits.get(key[1], len(crits)), key[1],
                        types.get(key[2], len(types) + (key[2] == UNKNOWN_TYPE)), key[2])


STATS = [
    ("participants", int, "participants whose own values are pooled"),
    ("tables", int, "tables those participants scored at"),
    ("n_values", int, "individual values (one per participant, card and criterion)"),
    ("mean", float, "mean of the individual values, unrounded"),
    ("sd", float, "sample standard deviation of the individual values (empty below two)"),
    ("min", float, "lowest value"), ("max", float, "highest value")]


def stakeholder_criteria(cmp: Comparison) -> TidyTable:
    rows = []
    for g in cmp.groups:
        pools = _pools(g, per_card=False)
        for key in sorted(pools, key=_order(cmp)):
            rows.append((g.label, key[1], key[2], *pools[key].row()))
    return _table("stakeholder_criteria", "Feasibility by stakeholder type: per group and criterion, the mean of "
                  "the values participants gave on their own (consensus values left out), over the cards their "
                  "tables picked", [
        G, CRITERION, TYPE_COLUMN, *STATS], rows)


def stakeholder_card_criteria(cmp: Comparison) -> TidyTable:
    rows = []
    domains = {c: info.domain for c, info in cmp.cards.items()}
    domain_order = {d: i for i, d in enumerate(cmp.domains)}
    card_order = {c: i for i, c in enumerate(sorted(domains, key=lambda c: (
        domain_order.get(domains[c], len(domain_order)), c)))}
    for g in cmp.groups:
        pools = _pools(g, per_card=True)
        for key in sorted(pools, key=_order(cmp, card_order)):
            rows.append((g.label, key[0], domains.get(key[0], ""), key[1], key[2], *pools[key].row()))
    return _table("stakeholder_card_criteria", "Feasibility by stakeholder type, per card: per group, card and "
                  "criterion, the mean of the values participants gave on their own", [
        G, CARD, DOMAIN, CRITERION, TYPE_COLUMN, *STATS], rows)
