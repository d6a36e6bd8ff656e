"""Feasibility as tidy tables: the criterion values per card, domain and criterion, the cards ranked by weighted
feasibility, and where tables (within a group) and groups (between them) disagree.

Pure: a `Comparison` -> `TidyTable`s. A table's value for a criterion is its consensus value or, without one,
the mean of its participants' values; spreads are between tables.
"""

from __future__ import annotations

from collections import defaultdict

from cardengine.compare.measures.model import Comparison, card_order
from cardengine.compare.measures.pergroup import (
    CI,
    PARTICIPANTS,
    STATS,
    TABLES,
    Cell,
    Person,
    Row,
    ci,
    criterion_of,
    group_data,
    intervals,
    pooled_people,
    pooled_tables,
    stats_row,
)
from cardengine.compare.measures.stats import competition_ranks, mean, mean_of, sample_sd, sd_of
from cardengine.compare.measures.tidy import CARD, CRITERION, DOMAIN, G, TidyTable, _r, _table

Ranking = list[tuple[int, str, list[float]]]  # (rank, card, the tables' weighted scores), best first


def card_criteria(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    crit_order = {c.id: i for i, c in enumerate(cmp.criteria)}
    order = card_order(cmp)
    for g in cmp.groups:
        data = group_data(cmp, g)
        values, behind = data.values, data.behind
        found = intervals(cmp, g).card_mean
        for (card, crit) in sorted(values, key=lambda k: (order(k[0]), crit_order.get(k[1], 99))):
            rows.append((g.label, card, cmp.cards[card].domain, crit,
                         *stats_row(values[(card, crit)], found.get((card, crit))),
                         len(behind.get((card, crit), ()))))
    return _table("card_criteria", "Feasibility per card and criterion, per group", [
        G, CARD, DOMAIN, CRITERION, *STATS, PARTICIPANTS], rows)


def domain_criteria(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []

    def pool_of(card: str, crit: str) -> tuple[str, str]:
        return (cmp.cards[card].domain, crit)

    for g in cmp.groups:
        data = group_data(cmp, g)
        found = intervals(cmp, g).domain_mean
        pooled: dict[tuple[str, str], list[float]] = defaultdict(list)
        for (card, crit), vs in data.values.items():
            pooled[(cmp.cards[card].domain, crit)].extend(vs)
        tables = pooled_tables(cmp, g, pool_of)
        for domain in cmp.domains:
            for c in cmp.criteria:
                domain_values = pooled.get((domain, c.id))
                if domain_values:
                    rows.append((g.label, domain, c.id, *stats_row(domain_values, found.get((domain, c.id))),
                                 tables[(domain, c.id)], pooled_people(data.behind, pool_of, (domain, c.id))))
    return _table("domain_criteria", "Feasibility per domain and criterion, per group (all values of the "
                  "domain's cards pooled)", [G, DOMAIN, CRITERION, *STATS, TABLES, PARTICIPANTS], rows)


def criteria_summary(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for g in cmp.groups:
        data = group_data(cmp, g)
        values = data.values
        found = intervals(cmp, g).criterion_mean
        tables = pooled_tables(cmp, g, criterion_of)
        for c in cmp.criteria:
            pooled = [v for (card, crit), vs in values.items() if crit == c.id for v in vs]
            card_sds = [sd for (card, crit), vs in values.items() if crit == c.id
                        for sd in [sample_sd(vs)] if sd is not None]
            if pooled:
                rows.append((g.label, c.id, *stats_row(pooled, found.get(c.id)), len(card_sds), _r(mean(card_sds)),
                             tables[c.id], pooled_people(data.behind, criterion_of, c.id)))
    return _table("criteria_summary", "Feasibility per criterion, per group (all scored cards pooled)", [
        G, CRITERION, *STATS,
        ("cards_compared", int, "cards assessed on this criterion by two or more of the group's tables"),
        ("mean_card_sd", float, "mean, over those cards, of the spread between tables: how much tables "
                                "disagree on this criterion"), TABLES, PARTICIPANTS], rows)


def group_rankings(cmp: Comparison) -> dict[str, Ranking]:
    """Per group: (rank, card, weighted scores) ordered by mean weighted feasibility, best first."""
    out = {}
    for g in cmp.groups:
        scores = group_data(cmp, g).weighted
        # Ordered on the same rounded means the ranks tie on, so float noise never puts a card scored by
        # fewer tables ahead of an equal one scored by more.
        means = {c: round(sum(v) / len(v), 6) for c, v in scores.items()}  # every card here has a score
        items = sorted(scores, key=lambda c: (-means[c], -len(scores[c]), c))
        ranks = competition_ranks([means[c] for c in items])
        out[g.label] = [(rank, card, scores[card]) for rank, card in zip(ranks, items, strict=False)]
    return out


def feasibility_ranking(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    groups = {g.label: g for g in cmp.groups}
    for label, ranking in group_rankings(cmp).items():
        found = intervals(cmp, groups[label]).weighted
        people: dict[str, set[Person]] = defaultdict(set)
        for (card, _), who in group_data(cmp, groups[label]).behind.items():
            people[card] |= who
        for rank, card, scores in ranking:
            rows.append((label, rank, card, cmp.cards[card].domain, len(scores), _r(mean(scores)),
                         *ci(found.get(card)), _r(sample_sd(scores)), len(people[card])))
    return _table("feasibility_ranking", "Cards ranked by weighted feasibility (0-100), per group", [
        G, ("rank", int, "1 = most feasible; tied scores share a rank"), CARD, DOMAIN,
        ("tables_scored", int, "tables that scored the card (n)"),
        ("mean_weighted", float, "mean of the tables' weighted feasibility, 0-100"), *CI,
        ("sd_weighted", float, "sample standard deviation between tables (empty below two)"), PARTICIPANTS], rows)


def disagreement_within(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for g in cmp.groups:
        data = group_data(cmp, g)
        spread = [(sd_of(vs), card, crit, vs) for (card, crit), vs in data.values.items() if len(vs) >= 2]
        spread.sort(key=lambda s: (-s[0], s[1], s[2]))
        for sd, card, crit, vs in spread:
            rows.append((g.label, card, cmp.cards[card].domain, crit, len(vs), _r(sd), _r(min(vs)), _r(max(vs)),
                         len(data.behind.get((card, crit), ()))))
    return _table("disagreement_within", "Where a group's tables disagree: spread of each card's criterion "
                  "values between tables, largest first", [
        G, CARD, DOMAIN, CRITERION, ("n", int, "tables that assessed it"),
        ("sd", float, "sample standard deviation between tables"), ("min", float, "lowest value"),
        ("max", float, "highest value"), PARTICIPANTS], rows)


def disagreement_between(cmp: Comparison) -> TidyTable:
    """Per card and measure (each criterion, and the weighted score): spread of the group means."""
    means: dict[Cell, dict[str, float]] = defaultdict(dict)
    behind: dict[Cell, dict[str, int]] = defaultdict(dict)  # tables behind each group mean
    for g in cmp.groups:
        data = group_data(cmp, g)
        for (card, crit), vs in data.values.items():
            means[(card, crit)][g.label] = mean_of(vs)
            behind[(card, crit)][g.label] = len(vs)
        for card, scores in data.weighted.items():
            means[(card, "weighted")][g.label] = mean_of(scores)
            behind[(card, "weighted")][g.label] = len(scores)
    found: list[tuple[str, str, float, Row]] = []  # (card, measure, sd, the row): sorted before they are rows
    for (card, measure), by_group in means.items():
        if len(by_group) < 2:
            continue
        vals = list(by_group.values())
        lo = min(by_group, key=lambda k: (by_group[k], k))
        hi = max(by_group, key=lambda k: (by_group[k], k))
        n = behind[(card, measure)]
        sd = _r(sd_of(vals))
        found.append((card, measure, sd, (
            card, cmp.cards[card].domain, measure, len(vals), sd, _r(by_group[hi] - by_group[lo]), lo,
            _r(by_group[lo]), hi, _r(by_group[hi]), sum(n.values()), n[lo], n[hi])))
    found.sort(key=lambda r: (r[1] != "weighted", -r[2], r[0], r[1]))
    return _table("disagreement_between", "Where groups disagree: spread of the group means of each card, per "
                  "criterion and for the weighted score (0-100), largest first", [
        CARD, DOMAIN, ("measure", str, "a criterion id, or 'weighted' for the weighted feasibility 0-100"),
        ("groups", int, "groups whose tables scored the card"),
        ("sd", float, "sample standard deviation of the group means"),
        ("range", float, "highest group mean minus lowest"),
        ("lowest_group", str, "group with the lowest mean"), ("lowest", float, "its mean"),
        ("highest_group", str, "group with the highest mean"), ("highest", float, "its mean"),
        ("tables", int, "tables behind all the group means"),
        ("lowest_tables", int, "tables behind the lowest mean"),
        ("highest_tables", int, "tables behind the highest mean")],
                  [row for *_, row in found])
