"""Report sections on how far judgements differ (between tables, between groups) and agree (Kendall's W,
Spearman, Jaccard).

Pure: comparison tables -> `Section`s.
"""

from __future__ import annotations

from collections.abc import Sequence

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.measures.stats import mean
from cardengine.compare.report.blocks import MAX_LIST_ROWS, by_group, capped, card_label, side_by_side
from cardengine.compare.report.model import Block, Paragraph, Section, Table
from cardengine.compare.report.numbers import behind, few, note, p_value, with_note
from cardengine.compare.report.words import Words

TOP_DISAGREEMENTS = 10


def disagreement_section(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    crits = [c.id for c in cmp.criteria]
    summary = {(r["criterion"], r["group"]): r for r in cmp.tables["criteria_summary"].records()}
    rows = [((w.criterion(cmp.criteria, c),),
             {g: f"{w.num(summary[(c, g)]['mean_card_sd'], 2)} ({summary[(c, g)]['cards_compared']})"
              for g in groups if (c, g) in summary and summary[(c, g)]["mean_card_sd"] is not None})
            for c in crits]
    blocks: list[Block] = [side_by_side(w("t.criterion_disagreement"), (w("col.criterion"),), rows, groups,
                                         "criteria_summary.csv")]
    weighted = [r for r in cmp.tables["disagreement_between"].records() if r["measure"] == "weighted"]
    between = [r for r in weighted if not few(min(r["lowest_tables"], r["highest_tables"]), min_tables)]
    if len(groups) > 1 and between:
        blocks.append(Table(
            w("t.between"), (w("col.card"), w("col.title"), w("col.sd"), w("col.lowest"), w("col.highest")),
            tuple((r["card"], w.pick(cmp.cards[r["card"]].title), w.num(r["sd"]),
                   f"{r['lowest_group']}: {w.num(r['lowest'])}" + behind(w, r["lowest_tables"], 0, min_tables),
                   f"{r['highest_group']}: {w.num(r['highest'])}" + behind(w, r["highest_tables"], 0, min_tables))
                  for r in between[:TOP_DISAGREEMENTS]),
            ("l", "l", "r", "l", "l"), "disagreement_between.csv",
            with_note(note(w, 0, min_tables, intervals=False),
                      w("numbers.between_left_out", left=len(weighted) - len(between), min=min_tables)
                      if len(weighted) > len(between) else "")))
    elif len(groups) > 1 and weighted:  # every difference rests on too few tables to list
        blocks.append(Paragraph(w("numbers.between_left_out", left=len(weighted), min=min_tables)))
    elif len(groups) > 1:
        blocks.append(Paragraph(w("between.none")))
    within = cmp.tables["disagreement_within"].records()
    top: list[dict] = []
    per_group = min(TOP_DISAGREEMENTS, max(3, MAX_LIST_ROWS // max(1, len(groups))))
    within_by = by_group(within)
    for g in groups:
        top += within_by.get(g, [])[:per_group]
    if top:
        blocks.append(capped(Table(
            w("t.within", n=per_group),
            (w("col.group"), w("col.card"), w("col.criterion"), w("col.n"), w("col.sd"), w("col.range")),
            tuple((r["group"], card_label(cmp, w, r["card"]), w.criterion(cmp.criteria, r["criterion"]),
                   str(r["n"]), w.num(r["sd"], 2), f"{w.num(r['min'])}–{w.num(r['max'])}") for r in top),
            ("l", "l", "l", "r", "r", "r"), "disagreement_within.csv"), w))
    else:
        blocks.append(Paragraph(w("within.none")))
    return Section("disagreement", w("s.disagreement"), w("s.disagreement.intro"), tuple(blocks))


def agreement_section(cmp: Comparison, w: Words, groups: Sequence[str]) -> Section:
    records = cmp.tables["agreement"].records()
    per_workshop = [r for r in records if r["scope"] == "tables"]
    summary_rows = []
    per_workshop_by = by_group(per_workshop)
    for g in groups:
        mine = per_workshop_by.get(g, [])
        ws = [r["kendalls_w"] for r in mine if r["kendalls_w"] is not None]
        rhos = [r["mean_spearman"] for r in mine if r["mean_spearman"] is not None]
        jac = [r["mean_jaccard"] for r in mine if r["mean_jaccard"] is not None]
        summary_rows.append((g, str(len(mine)), f"{w.num(mean(ws), 2)} ({len(ws)})",
                             f"{w.num(mean(rhos), 2)} ({len(rhos)})", w.num(mean(jac), 2)))
    between = next((r for r in records if r["scope"] == "groups"), None)
    if len(groups) > 1 and between:
        summary_rows.append((w("between.groups"), "", f"{w.num(between['kendalls_w'], 2)} ({between['items']})"
                             + ("" if between["p_value"] is None else f", p {p_value(w, between['p_value'])}"),
                             f"{w.num(between['mean_spearman'], 2)} ({between['pairs']})",
                             w.num(between["mean_jaccard"], 2)))
    blocks: list[Block] = []
    if cmp.group_by != "table":
        blocks.append(capped(Table(w("t.agreement_groups"), (w("col.group"), w("col.workshops"), w("col.w_mean"),
                                                       w("col.spearman_mean"), w("col.jaccard")),
                            tuple(summary_rows), ("l", "r", "r", "r", "r"), "agreement.csv",
                            w("agreement.groups_note")), w))
    rows = [(r["workshop"], str(r["raters"]), str(r["items"]), w.num(r["kendalls_w"], 2), _chi2(w, r),
             p_value(w, r["p_value"]), f"{w.num(r['mean_spearman'], 2)} ({r['pairs']})", w.num(r["mean_jaccard"], 2))
            for r in per_workshop]
    blocks.append(capped(Table(w("t.agreement"), (w("col.workshop"), w("col.raters"), w("col.items"), w("col.w"),
                                                   w("numbers.col.chi2"), w("numbers.col.p"),
                                                   w("col.spearman"), w("col.jaccard")),
                                tuple(rows), ("l", "r", "r", "r", "r", "r", "r", "r"), "agreement.csv",
                                w("agreement.note")), w))
    untested = [r for r in records if r["kendalls_w"] is not None and r["chi2"] is None
                and (r["scope"] == "tables" or len(groups) > 1)]
    if untested:
        blocks.append(Paragraph(w("numbers.w_untested", n=len(untested))))
    return Section("agreement", w("s.agreement"), w("s.agreement.intro"), tuple(blocks))


def _chi2(w: Words, r: dict) -> str:
    return "–" if r["chi2"] is None else f"{w.num(r['chi2'], 2)} ({r['df']})"
