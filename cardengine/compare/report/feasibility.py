"""Report sections on feasibility: the values given on each criterion, and the rankings they make.

Pure: comparison tables -> `Section`s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.measures.stats import mean
from cardengine.compare.report.blocks import (
    by_group,
    card_label,
    count_grid,
    domain_name,
    scale,
    side_by_side,
    value_grid,
)
from cardengine.compare.report.model import BarsSpec, Block, Chart, HeatmapSpec, Paragraph, Section, SlopeSpec
from cardengine.compare.report.numbers import behind, few, interval, note
from cardengine.compare.report.rank_leaders import leaders, leaders_sentence
from cardengine.compare.report.words import Words

MAX_BAR_SERIES = 8  # the colour-blind-safe palette has eight colours; beyond, a heatmap reads better


def feasibility_section(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    low, high = scale(cmp)
    records = cmp.tables["criteria_summary"].records()
    means = value_grid(records, "criterion", "mean")
    sds = value_grid(records, "criterion", "sd")
    tables_n = count_grid(records, "criterion", "tables")
    ci = {(r["criterion"], r["group"]): (r["ci_low"], r["ci_high"]) for r in records if r["ci_low"] is not None}
    crits = [c.id for c in cmp.criteria]
    names = [w.criterion(cmp.criteria, c) for c in crits]
    title = w("c.criteria")
    if len(groups) <= MAX_BAR_SERIES:
        counts = tuple(tuple(tables_n.get(c, {}).get(g) for c in crits) for g in groups)
        spec: HeatmapSpec | BarsSpec = BarsSpec(
            title, tuple(names), tuple((g, tuple(means.get(c, {}).get(g) for c in crits)) for g in groups),
            w("axis.value", low=low, high=high), float(low), float(high), "{:.1f}",
            tuple(tuple(sds.get(c, {}).get(g) for c in crits) for g in groups), decimal=w.decimal,
            interval=tuple(tuple(ci.get((c, g)) for c in crits) for g in groups), counts=counts,
            faint=tuple(tuple(few(x, min_tables) for x in row) for row in counts))
    else:
        counts = tuple(tuple(tables_n.get(c, {}).get(g) for g in groups) for c in crits)
        spec = HeatmapSpec(title, tuple(names), tuple(groups),
                           tuple(tuple(means.get(c, {}).get(g) for g in groups) for c in crits), "{:.1f}",
                           w("legend.mean"), float(low), float(high), decimal=w.decimal, counts=counts,
                           faint=tuple(tuple(few(x, min_tables) for x in row) for row in counts))
    cells = {(r["criterion"], r["group"]): w.mean_sd(r["mean"], r["sd"]) + interval(w, r["ci_low"], r["ci_high"])
             + behind(w, r["tables"], r["participants"], min_tables) for r in records}
    blocks: list[Block] = [
        Chart("criteria-bars", title, spec, "criteria_summary.csv"),
        side_by_side(w("t.criteria"), (w("col.criterion"),),
                      [((name,), {g: cells[(c, g)] for g in groups if (c, g) in cells})
                       for c, name in zip(crits, names, strict=True)], groups, "criteria_summary.csv",
                      note(w, cmp.bootstrap, min_tables)),
    ]
    dcells = {(r["domain"], r["criterion"], r["group"]): w.mean_sd(r["mean"], r["sd"])
              + interval(w, r["ci_low"], r["ci_high"]) + behind(w, r["tables"], r["participants"], min_tables)
              for r in cmp.tables["domain_criteria"].records()}
    rows = [((domain_name(cmp, w, d), n), {g: dcells[(d, c, g)] for g in groups if (d, c, g) in dcells})
            for d in cmp.domains for c, n in zip(crits, names, strict=True) if any((d, c, g) in dcells for g in groups)]
    if rows:
        blocks.append(side_by_side(w("t.domain_criteria"), (w("col.domain"), w("col.criterion")), rows, groups,
                                    "domain_criteria.csv", note(w, cmp.bootstrap, min_tables)))
    return Section("feasibility", w("s.feasibility"), w("s.feasibility.intro", low=low, high=high), tuple(blocks))


def rankings_section(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    every = cmp.tables["feasibility_ranking"].records()
    records = [r for r in every if not few(r["tables_scored"], min_tables)]  # top lists: enough tables only
    rank: dict[str, dict[str, int]] = defaultdict(dict)
    cell: dict[str, dict[str, str]] = defaultdict(dict)
    n: dict[str, dict[str, int]] = defaultdict(dict)
    for r in records:
        rank[r["card"]][r["group"]] = r["rank"]
        n[r["card"]][r["group"]] = r["tables_scored"]
        cell[r["card"]][r["group"]] = f"{r['rank']} · {w.num(r['mean_weighted'])}" + \
            interval(w, r["ci_low"], r["ci_high"]) + behind(w, r["tables_scored"], r["participants"], min_tables)

    def best(card: str) -> tuple:
        ranks = list(rank[card].values())
        return (-len(ranks) if len(groups) > 1 else 0, mean(ranks), card)

    # The lines: the union of every group's top k (report_rank_leaders), so every group's leaders show.
    ranked_in = by_group(records)  # the CSV rows are in rank order
    chosen, k = leaders({g: [r["card"] for r in rows] for g, rows in ranked_in.items()}, groups)
    max_rank = max((rank[c][g] for c in chosen for g in rank[c]), default=1)
    sentence = _ranking_sentence(w, every, groups, min_tables)
    blocks: list[Block] = [Paragraph(sentence)] if sentence else []
    if chosen:
        spec = SlopeSpec(w("c.slope"), tuple(groups),
                         tuple((card_label(cmp, w, c), tuple(rank[c].get(g) for g in groups)) for c in chosen),
                         max_rank, w("axis.rank"), counts=tuple(tuple(n[c].get(g) for g in groups) for c in chosen))
        blocks.append(Chart("rank-slope", w("c.slope"), spec, "feasibility_ranking.csv", leaders_sentence(
            w, len(chosen), k, min_tables, [g for g in groups if g not in ranked_in], len(groups))))
    shown = sorted(rank, key=best)[:40]
    if not shown and every:  # all of it rests on too few tables: the sentence above says so, no empty table
        return Section("rankings", w("s.rankings"), w("s.rankings.intro"), tuple(blocks))
    blocks.append(side_by_side(
        w("t.rankings"), (w("col.card"), w("col.title")),
        [((c, w.pick(cmp.cards[c].title)), cell[c]) for c in shown], groups, "feasibility_ranking.csv",
        note(w, cmp.bootstrap, min_tables)))
    return Section("rankings", w("s.rankings"), w("s.rankings.intro"), tuple(blocks))


def _ranking_sentence(w: Words, every: list[dict], groups: Sequence[str], min_tables: int) -> str:
    """Says plainly how much of the ranking rests on one table, and how much is left out of the top lists."""
    if not every:
        return ""
    one = sum(1 for r in every if r["tables_scored"] == 1)
    left = sum(1 for r in every if few(r["tables_scored"], min_tables))
    parts = []
    if one:
        parts.append(w("numbers.ranking_one_left_out" if left == one else "numbers.ranking_one", one=one,
                       total=len(every)))  # --min-tables 2: the positions on one table are the ones left out
        in_group = by_group(every)
        alone = [g for g in groups if in_group.get(g) and all(r["tables_scored"] == 1 for r in in_group[g])]
        if len(alone) > 8:  # a list nobody reads: the count
            parts.append(w("numbers.ranking_groups_one_n", n=len(alone), total=len(groups)))
        elif alone:
            parts.append(w("numbers.ranking_groups_one", groups=", ".join(alone)))
    # With --min-tables 1 nothing is ever left out: 'at least 1 table' would say nothing (and badly).
    if (left != one or not one) and (left or min_tables > 1):
        parts.append(w("numbers.ranking_left_out", left=left, total=len(every), min=min_tables) if left
                     else w("numbers.ranking_none_left_out", min=min_tables))
    return " ".join(parts)
