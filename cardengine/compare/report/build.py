"""Comparison -> Report: the sections, tables and charts a researcher reads, in Italian or English.

Pure. Every table and chart is made from one of the comparison's tidy tables and names its CSV file.
Groups (territories, workshops or tables) are always columns, side by side, in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cardengine import __version__
from cardengine.compare.charts.words import in_language
from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.measures.stats import mean
from cardengine.compare.report.methods import methods_section
from cardengine.compare.report.model import BarsSpec, Block, Chart, HeatmapSpec, Paragraph, Report, Section, SlopeSpec, Table
from cardengine.compare.report.numbers import behind, few, interval, note, p_value, with_note
from cardengine.compare.report.numbers import warnings as said_warnings
from cardengine.compare.report.rank_leaders import leaders, leaders_sentence
from cardengine.compare.report.sdgs import sdg_sections
from cardengine.compare.report.words import GROUP_NOUN, STAKEHOLDERS, TEXT, Words, ui_labels  # noqa: F401 (re-exported)

MAX_BAR_SERIES = 8  # the colour-blind-safe palette has eight colours; beyond, a heatmap reads better
CARD_HEATMAP_ROWS = 25
TOP_DISAGREEMENTS = 10
MAX_GROUP_COLUMNS = 40  # beyond this many groups, side-by-side tables and charts are unreadable: CSV only
MAX_LIST_ROWS = 120  # longer lists (proposals, per-workshop agreement, never-picked cards) stay in their CSV


def build_report(cmp: Comparison, lang: str = "it", min_tables: int = 2) -> Report:
    """The report; figures resting on fewer than `min_tables` tables are greyed, marked and left out of top lists."""
    w = Words(lang)
    groups = tuple(g.label for g in cmp.groups)
    sizes = {r["group"]: r for r in cmp.tables["groups"].records()}
    singular, plural = GROUP_NOUN[cmp.group_by][lang]
    subtitle = w("subtitle", groups=len(groups), noun=singular if len(groups) == 1 else plural,
                 workshops=len(cmp.workshops), tables=sum(len(x.tables) for x in cmp.workshops),
                 participants=sum(sum(x.participants.values()) for x in cmp.workshops))
    if cmp.group_by == "workshop":  # "6 workshops · 6 workshops" says nothing twice
        subtitle = subtitle.split(" · ", 1)[1]
    from cardengine.compare.report.comments import comments_section  # local: it uses this module's helpers

    sections = (
        _participation(cmp, w, groups, sizes),
        _domains(cmp, w, groups, min_tables),
        _cards(cmp, w, groups, min_tables),
        _feasibility(cmp, w, groups, min_tables),
        _rankings(cmp, w, groups, min_tables),
        _disagreement(cmp, w, groups, min_tables),
        _agreement(cmp, w, groups),
        _proposals(cmp, w, groups),
        *sdg_sections(cmp, w, groups, min_tables),
        comments_section(cmp, w, groups),
        methods_section(cmp, w, min_tables),  # last: how every figure above is computed
    )
    sections = tuple(_without_empty_charts(section, w) for section in sections)
    sections = tuple(in_language(section, lang) for section in sections)  # the words charts draw
    if len(groups) > MAX_GROUP_COLUMNS:
        sections = tuple(_csv_only(section, len(groups), w) for section in sections)
    sources = tuple((x.source, x.title, x.territory, x.date, str(len(x.tables)))
                    for x in cmp.workshops)
    return Report(
        title=w("title"), subtitle=subtitle, lang=lang, groups=groups, group_by=cmp.group_by,
        sections=sections, sources=sources,
        source_columns=(w("src.file"), w("src.title"), w("src.territory"), w("src.date"), w("src.tables")),
        methods=(),  # the Methods section (report_methods) replaces the short appendix paragraphs
        example_banner=w("example") if cmp.example else "",
        generated_by=w("generated", version=__version__),
        warnings=said_warnings(w, cmp.warnings, cmp._memo.get("w untested")))


# ---------------------------------------------------------------- helpers

def _side_by_side(caption: str, label_columns: Sequence[str], rows: Sequence[tuple[Sequence[str], dict[str, str]]],
                  groups: Sequence[str], csv: str, note: str = "") -> Table:
    """A table with label columns, then one column per group; `rows` give labels and the cell per group."""
    return Table(caption, (*label_columns, *groups),
                 tuple((*labels, *(cells.get(g, "–") for g in groups)) for labels, cells in rows),
                 ("l",) * len(label_columns) + ("r",) * len(groups), csv, note)


def _card_label(cmp: Comparison, w: Words, card: str) -> str:
    info = cmp.cards.get(card)
    return f"{card} {w.pick(info.title)}" if info else card


def _domain_name(cmp: Comparison, w: Words, domain: str) -> str:
    info = cmp.domains.get(domain)
    return w.pick(info.name) if info else domain


def _scale(cmp: Comparison) -> tuple[int, int]:
    if not cmp.criteria:
        return 1, 5
    return min(c.low for c in cmp.criteria), max(c.high for c in cmp.criteria)


def _by_group(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        out[r["group"]].append(r)
    return out


def _grid(records: list[dict], row_key: str, value_key: str) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = defaultdict(dict)
    for r in records:
        out[r[row_key]][r["group"]] = r[value_key]
    return out


def _n_grid(records: list[dict], row_key: str, n_key: str) -> dict[str, dict[str, int]]:
    """The tables behind each figure, by row and group."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for r in records:
        out[r[row_key]][r["group"]] = r[n_key]
    return out


def _heatmap(title: str, rows: Sequence[str], row_labels: Sequence[str], groups: Sequence[str],
             grid: dict[str, dict[str, float | None]], fmt: str, legend: str, high: float, w: Words,
             n: dict[str, dict[str, int]] | None = None, min_tables: int = 1) -> HeatmapSpec:
    """`n`: the tables behind each cell (row, then group): cells on fewer than `min_tables` are drawn faint."""
    values = tuple(tuple(grid.get(r, {}).get(g) for g in groups) for r in rows)
    counts = tuple(tuple((n or {}).get(r, {}).get(g) for g in groups) for r in rows) if n is not None else None
    faint = tuple(tuple(few(c, min_tables) for c in row) for row in counts) if counts is not None else None
    return HeatmapSpec(title, tuple(row_labels), tuple(groups), values, fmt, legend, 0.0, high or 1.0,
                       decimal=w.decimal, counts=counts, faint=faint)


# ---------------------------------------------------------------- sections

def _participation(cmp: Comparison, w: Words, groups: Sequence[str], sizes: dict[str, dict]) -> Section:
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
        _side_by_side(w("t.size"), (w("col.measure"),), size_rows, groups, "groups.csv"),
        _side_by_side(w("t.stakeholders"), (w("col.type"),), type_rows, groups, "participants.csv"),
    ))


def _domains(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    records = cmp.tables["domain_picks"].records()
    grid = _grid(records, "domain", "picks_per_table")
    n = _n_grid(records, "domain", "tables_available")
    domains = [d for d in cmp.domains if d in grid]
    top = max((v for row in grid.values() for v in row.values() if v is not None), default=1.0)
    chart = Chart("domain-heatmap", w("c.domain_heatmap"),
                  _heatmap(w("c.domain_heatmap"), domains, [_domain_name(cmp, w, d) for d in domains], groups,
                           grid, "{:.1f}", w("legend.picks_per_table"), top, w, n, min_tables), "domain_picks.csv")
    cells = {(r["domain"], r["group"]): f"{w.num(r['picks_per_table'])} · {w.pct(r['share_of_tables'])}"
             + behind(w, r["tables_available"], 0, min_tables) for r in records}
    table = _side_by_side(w("t.domains"), (w("col.domain"),),
                          [((_domain_name(cmp, w, d),), {g: cells[(d, g)] for g in groups if (d, g) in cells})
                           for d in domains], groups, "domain_picks.csv", note(w, 0, min_tables, intervals=False))
    blocks: list[Block] = [chart, table]
    prio = [r for r in cmp.tables["domain_priorities"].records() if r["tables_with_priorities"]]
    if prio:
        pcells = {(r["domain"], r["group"]): f"{r['first_choice']} / {r['tables_naming']}" for r in prio}
        blocks.append(_side_by_side(
            w("t.priorities"), (w("col.domain"),),
            [((_domain_name(cmp, w, d),), {g: pcells[(d, g)] for g in groups if (d, g) in pcells})
             for d in cmp.domains if any((d, g) in pcells for g in groups)], groups, "domain_priorities.csv"))
    return Section("domains", w("s.domains"), w("s.domains.intro"), tuple(blocks))


def _cards(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    records = cmp.tables["card_picks"].records()
    grid = _grid(records, "card", "pick_rate")
    n = _n_grid(records, "card", "tables_available")
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
        Chart("card-heatmap", title, _heatmap(title, top, [_card_label(cmp, w, c) for c in top], groups, grid,
                                              "{:.0%}", w("legend.pick_rate"), 1.0, w, n, min_tables),
              "card_picks.csv"),
        _side_by_side(w("t.cards"), (w("col.card"), w("col.title"), w("col.domain")),
                      [((c, w.pick(cmp.cards[c].title), _domain_name(cmp, w, cmp.cards[c].domain)),
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
            rows.append((card, w.pick(cmp.cards[card].title), _domain_name(cmp, w, cmp.cards[card].domain), where))
        blocks.append(_capped(Table(w("t.never"), (w("col.card"), w("col.title"), w("col.domain"),
                                                   w("col.never_in")),
                                    tuple(rows), ("l", "l", "l", "l"), "never_picked.csv"), w))
    else:
        blocks.append(Paragraph(w("never.none")))
    return Section("cards", w("s.cards"), w("s.cards.intro"), tuple(blocks))


def _feasibility(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    low, high = _scale(cmp)
    records = cmp.tables["criteria_summary"].records()
    means = _grid(records, "criterion", "mean")
    sds = _grid(records, "criterion", "sd")
    tables_n = _n_grid(records, "criterion", "tables")
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
        _side_by_side(w("t.criteria"), (w("col.criterion"),),
                      [((name,), {g: cells[(c, g)] for g in groups if (c, g) in cells})
                       for c, name in zip(crits, names)], groups, "criteria_summary.csv",
                      note(w, cmp.bootstrap, min_tables)),
    ]
    dcells = {(r["domain"], r["criterion"], r["group"]): w.mean_sd(r["mean"], r["sd"])
              + interval(w, r["ci_low"], r["ci_high"]) + behind(w, r["tables"], r["participants"], min_tables)
              for r in cmp.tables["domain_criteria"].records()}
    rows = [((_domain_name(cmp, w, d), n), {g: dcells[(d, c, g)] for g in groups if (d, c, g) in dcells})
            for d in cmp.domains for c, n in zip(crits, names) if any((d, c, g) in dcells for g in groups)]
    if rows:
        blocks.append(_side_by_side(w("t.domain_criteria"), (w("col.domain"), w("col.criterion")), rows, groups,
                                    "domain_criteria.csv", note(w, cmp.bootstrap, min_tables)))
    return Section("feasibility", w("s.feasibility"), w("s.feasibility.intro", low=low, high=high), tuple(blocks))


def _rankings(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
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
    ranked_in = _by_group(records)  # the CSV rows are in rank order
    chosen, k = leaders({g: [r["card"] for r in rows] for g, rows in ranked_in.items()}, groups)
    max_rank = max((rank[c][g] for c in chosen for g in rank[c]), default=1)
    sentence = _ranking_sentence(w, every, groups, min_tables)
    blocks: list[Block] = [Paragraph(sentence)] if sentence else []
    if chosen:
        spec = SlopeSpec(w("c.slope"), tuple(groups),
                         tuple((_card_label(cmp, w, c), tuple(rank[c].get(g) for g in groups)) for c in chosen),
                         max_rank, w("axis.rank"), counts=tuple(tuple(n[c].get(g) for g in groups) for c in chosen))
        blocks.append(Chart("rank-slope", w("c.slope"), spec, "feasibility_ranking.csv", leaders_sentence(
            w, len(chosen), k, min_tables, [g for g in groups if g not in ranked_in], len(groups))))
    shown = sorted(rank, key=best)[:40]
    if not shown and every:  # all of it rests on too few tables: the sentence above says so, no empty table
        return Section("rankings", w("s.rankings"), w("s.rankings.intro"), tuple(blocks))
    blocks.append(_side_by_side(
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
        by_group = _by_group(every)
        alone = [g for g in groups if by_group.get(g) and all(r["tables_scored"] == 1 for r in by_group[g])]
        if len(alone) > 8:  # a list nobody reads: the count
            parts.append(w("numbers.ranking_groups_one_n", n=len(alone), total=len(groups)))
        elif alone:
            parts.append(w("numbers.ranking_groups_one", groups=", ".join(alone)))
    # With --min-tables 1 nothing is ever left out: 'at least 1 table' would say nothing (and badly).
    if (left != one or not one) and (left or min_tables > 1):
        parts.append(w("numbers.ranking_left_out", left=left, total=len(every), min=min_tables) if left
                     else w("numbers.ranking_none_left_out", min=min_tables))
    return " ".join(parts)


def _disagreement(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 2) -> Section:
    crits = [c.id for c in cmp.criteria]
    summary = {(r["criterion"], r["group"]): r for r in cmp.tables["criteria_summary"].records()}
    rows = [((w.criterion(cmp.criteria, c),),
             {g: f"{w.num(summary[(c, g)]['mean_card_sd'], 2)} ({summary[(c, g)]['cards_compared']})"
              for g in groups if (c, g) in summary and summary[(c, g)]["mean_card_sd"] is not None})
            for c in crits]
    blocks: list[Block] = [_side_by_side(w("t.criterion_disagreement"), (w("col.criterion"),), rows, groups,
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
    within_by = _by_group(within)
    for g in groups:
        top += within_by.get(g, [])[:per_group]
    if top:
        blocks.append(_capped(Table(
            w("t.within", n=per_group),
            (w("col.group"), w("col.card"), w("col.criterion"), w("col.n"), w("col.sd"), w("col.range")),
            tuple((r["group"], _card_label(cmp, w, r["card"]), w.criterion(cmp.criteria, r["criterion"]),
                   str(r["n"]), w.num(r["sd"], 2), f"{w.num(r['min'])}–{w.num(r['max'])}") for r in top),
            ("l", "l", "l", "r", "r", "r"), "disagreement_within.csv"), w))
    else:
        blocks.append(Paragraph(w("within.none")))
    return Section("disagreement", w("s.disagreement"), w("s.disagreement.intro"), tuple(blocks))


def _agreement(cmp: Comparison, w: Words, groups: Sequence[str]) -> Section:
    records = cmp.tables["agreement"].records()
    per_workshop = [r for r in records if r["scope"] == "tables"]
    summary_rows = []
    per_workshop_by = _by_group(per_workshop)
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
        blocks.append(_capped(Table(w("t.agreement_groups"), (w("col.group"), w("col.workshops"), w("col.w_mean"),
                                                       w("col.spearman_mean"), w("col.jaccard")),
                            tuple(summary_rows), ("l", "r", "r", "r", "r"), "agreement.csv",
                            w("agreement.groups_note")), w))
    rows = [(r["workshop"], str(r["raters"]), str(r["items"]), w.num(r["kendalls_w"], 2), _chi2(w, r),
             p_value(w, r["p_value"]), f"{w.num(r['mean_spearman'], 2)} ({r['pairs']})", w.num(r["mean_jaccard"], 2))
            for r in per_workshop]
    blocks.append(_capped(Table(w("t.agreement"), (w("col.workshop"), w("col.raters"), w("col.items"), w("col.w"),
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


def _empty(spec: HeatmapSpec | BarsSpec | SlopeSpec) -> bool:
    if isinstance(spec, HeatmapSpec):
        return not spec.row_labels or not spec.col_labels
    if isinstance(spec, BarsSpec):
        return not spec.categories or all(v is None for _, values in spec.series for v in values)
    return not spec.lines


def _without_empty_charts(section: Section, w: Words) -> Section:
    """A workshop with nothing picked or scored yet has nothing to draw: say so instead."""
    blocks = tuple(Paragraph(w("chart.empty", caption=b.caption)) if isinstance(b, Chart) and _empty(b.spec) else b
                   for b in section.blocks)
    return Section(section.id, section.title, section.intro, blocks)


def _csv_only(section: Section, groups: int, w: Words) -> Section:
    """Too many groups to set side by side: each wide table or chart becomes a pointer to its CSV."""
    blocks: list[Block] = []
    for b in section.blocks:
        wide = isinstance(b, Chart) or (isinstance(b, Table) and len(b.columns) > MAX_GROUP_COLUMNS)
        blocks.append(Paragraph(w("too_many", caption=b.caption, groups=groups, csv=b.csv)) if wide else b)
    return Section(section.id, section.title, section.intro, tuple(blocks))


def _capped(table: Table, w: Words, limit: int = 0) -> Table:
    """A long list shows its first rows and says where the rest is: a report is read, the CSV is searched."""
    limit = limit or MAX_LIST_ROWS
    if len(table.rows) <= limit:
        return table
    note = w("capped", shown=limit, total=len(table.rows), csv=table.csv)
    return Table(table.caption, table.columns, table.rows[:limit], table.align, table.csv,
                 f"{table.note} {note}".strip())


def _proposals(cmp: Comparison, w: Words, groups: Sequence[str]) -> Section:
    counts = {(r["domain"], r["group"]): r["proposals"] for r in cmp.tables["domain_proposals"].records()}
    plist = cmp.tables["proposals"].records()
    if not plist:
        return Section("proposals", w("s.proposals"), w("s.proposals.intro"), (Paragraph(w("proposals.none")),))
    blocks: list[Block] = [_side_by_side(
        w("t.domain_proposals"), (w("col.domain"),),
        [((_domain_name(cmp, w, d),), {g: str(counts.get((d, g), 0)) for g in groups}) for d in cmp.domains],
        groups, "domain_proposals.csv")]
    note = ""
    if len(plist) > MAX_LIST_ROWS:  # each group's most feasible proposals, so every group is represented
        per = max(3, MAX_LIST_ROWS // len(groups))
        shown = []
        plist_by = _by_group(plist)
        for g in groups:
            mine = plist_by.get(g, [])
            shown += sorted(mine, key=lambda r: (r["weighted"] is None, -(r["weighted"] or 0)))[:per]
        note = w("proposals.capped", per=per, total=len(plist))
        plist = shown
    blocks.append(_capped(Table(
        w("t.proposals"), (w("col.group"), w("col.table"), w("col.proposal"), w("col.cards"), w("col.weighted")),
        tuple((r["group"], r["table"], r["title"], "; ".join(_card_label(cmp, w, c) for c in r["cards"].split()),
               w.num(r["weighted"])) for r in plist),
        ("l", "l", "l", "l", "r"), "proposals.csv", note), w))
    return Section("proposals", w("s.proposals"), w("s.proposals.intro"), tuple(blocks))
