"""Report sections on what the tables chose: who took part, the domains and the cards picked.

Pure: comparison tables -> `Section`s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.report.blocks import (
    capped,
    card_label,
    count_grid,
    domain_name,
    heatmap,
    side_by_side,
    value_grid,
)
from cardengine.compare.report.model import Block, Chart, Paragraph, Section, Table
from cardengine.compare.report.numbers import behind, interval, note
from cardengine.compare.report.words import Words

CARD_HEATMAP_ROWS = 25


def participation_section(cmp: Comparison, w: Words, groups: Sequence[str], sizes: dict[str, dict]) -> Section:
    measures = [("workshops", "row.workshops"), ("tables", "row.tables"), ("participants", "row.participants"),
                ("picks", "row.picks"), ("proposals", "row.proposals")]
    size_rows = [((w(label),), {g: str(sizes[g][key]) for g in groups}) for key, label in measures]
    by_type: dict[str, dict[str, str]] = defaultdict(dict)
    present = set()
    for r in cmp.tables["participants"].records():
        by_type[r["stakeholder_type"]][r["group"]] = f"{r['participants']} ({w.pct(r['share'])})" \
            if r["share"] is not None else "0"
        if r["participants"]:
            present.add(r["stakeholder_type"])
    type_rows = [((w.stakeholder(kind),), by_type[kind])
                 for kind in by_type if kind in present]
    return Section("participation", w("s.participation"), w("s.participation.intro"), (
        side_by_side(w("t.size"), (w("col.measure"),), size_rows, groups, "groups.csv"),
        side_by_side(w("t.stakeholders"), (w("col.type"),), type_rows, groups, "participants.csv"),
    ))


def domains_section(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    records = cmp.tables["domain_picks"].records()
    grid = value_grid(records, "domain", "picks_per_table")
    n = count_grid(records, "domain", "tables_available")
    domains = [d for d in cmp.domains if d in grid]
    top = max((v for row in grid.values() for v in row.values() if v is not None), default=1.0)
    chart = Chart("domain-heatmap", w("c.domain_heatmap"),
                  heatmap(w("c.domain_heatmap"), domains, [domain_name(cmp, w, d) for d in domains], groups,
                           grid, "{:.1f}", w("legend.picks_per_table"), top, w, n, min_tables), "domain_picks.csv")
    cells = {(r["domain"], r["group"]): f"{w.num(r['picks_per_table'])} · {w.pct(r['share_of_tables'])}"
             + behind(w, r["tables_available"], 0, min_tables) for r in records}
    table = side_by_side(w("t.domains"), (w("col.domain"),),
                          [((domain_name(cmp, w, d),), {g: cells[(d, g)] for g in groups if (d, g) in cells})
                           for d in domains], groups, "domain_picks.csv", note(w, 0, min_tables, intervals=False))
    blocks: list[Block] = [chart, table]
    prio = [r for r in cmp.tables["domain_priorities"].records() if r["tables_with_priorities"]]
    if prio:
        pcells = {(r["domain"], r["group"]): f"{r['first_choice']} / {r['tables_naming']}" for r in prio}
        blocks.append(side_by_side(
            w("t.priorities"), (w("col.domain"),),
            [((domain_name(cmp, w, d),), {g: pcells[(d, g)] for g in groups if (d, g) in pcells})
             for d in cmp.domains if any((d, g) in pcells for g in groups)], groups, "domain_priorities.csv"))
    return Section("domains", w("s.domains"), w("s.domains.intro"), tuple(blocks))


def cards_section(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    records = cmp.tables["card_picks"].records()
    grid = value_grid(records, "card", "pick_rate")
    n = count_grid(records, "card", "tables_available")
    shown = {(r["card"], r["group"]): w.pct(r["pick_rate"]) + interval(w, r["ci_low"], r["ci_high"], percent=True)
             + behind(w, r["tables_available"], 0, min_tables) for r in records}
    picked: dict[str, int] = defaultdict(int)
    offered: dict[str, int] = defaultdict(int)
    for r in records:
        picked[r["card"]] += r["tables_picked"]
        offered[r["card"]] += r["tables_available"]
    ever = [c for c in grid if picked[c]]
    by_rate = sorted(ever, key=lambda c: (-picked[c] / offered[c], c))
    top = by_rate[:CARD_HEATMAP_ROWS]
    title = w("c.card_heatmap", n=len(top))
    blocks: list[Block] = [
        Chart("card-heatmap", title, heatmap(title, top, [card_label(cmp, w, c) for c in top], groups, grid,
                                              "{:.0%}", w("legend.pick_rate"), 1.0, w, n, min_tables),
              "card_picks.csv"),
        side_by_side(w("t.cards"), (w("col.card"), w("col.title"), w("col.domain")),
                      [((c, w.pick(cmp.cards[c].title), domain_name(cmp, w, cmp.cards[c].domain)),
                        {g: shown[(c, g)] for g in grid[c]}) for c in by_rate], groups, "card_picks.csv",
                      note(w, cmp.bootstrap, min_tables)),
    ]
    never: dict[str, list[str]] = defaultdict(list)
    for r in cmp.tables["never_picked"].records():
        never[r["card"]].append(r["group"])
    if never:
        rows = []
        for card in sorted(never, key=lambda c: (picked[c] > 0, cmp.cards[c].domain, c)):
            missing = never[card]
            missing_set = set(missing)
            picked_in = [g for g in groups if g not in missing_set]
            if not picked[card]:
                where = w("never.everywhere")
            elif min(len(missing), len(picked_in)) > 8:  # a list nobody reads: the count, the CSV has names
                where = w("never.count", n=len(missing), total=len(groups))
            elif len(missing) > len(picked_in):  # name the fewer: where it was picked
                where = w("never.all_but", groups=", ".join(picked_in))
            else:
                where = ", ".join(missing)
            rows.append((card, w.pick(cmp.cards[card].title), domain_name(cmp, w, cmp.cards[card].domain), where))
        blocks.append(capped(Table(w("t.never"), (w("col.card"), w("col.title"), w("col.domain"),
                                                   w("col.never_in")),
                                    tuple(rows), ("l", "l", "l", "l"), "never_picked.csv"), w))
    else:
        blocks.append(Paragraph(w("never.none")))
    return Section("cards", w("s.cards"), w("s.cards.intro"), tuple(blocks))
