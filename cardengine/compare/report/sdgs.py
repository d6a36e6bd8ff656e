"""Report sections on the SDGs the picks address and on feasibility by stakeholder type, in the report's language.

Pure: made from the tidy tables `sdg_coverage` and `stakeholder_criteria` (see `comparison_sdgs`).
Goals are named by number and the UN's official short name in the report's language (`vocabulary`, the
names the decks print).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.measures.sdgs import GOALS, UNKNOWN_TYPE
from cardengine.compare.report.blocks import aligned
from cardengine.compare.report.model import Block, Chart, HeatmapSpec, Paragraph, Section, Table
from cardengine.compare.report.words import Words
from cardengine.decks.vocabulary import SDG_NAMES
from cardengine.sessions.state import STAKEHOLDER_TYPES

TOP_GOALS = 3  # goals named in the findings
MAX_NAMED_GROUPS = 8  # beyond, a sentence naming each group is a list nobody reads: the CSV has them
MAX_ROWS = 120  # as report_build.MAX_LIST_ROWS: the stakeholder table is read, the CSV is searched



def sdg_sections(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 1
                 ) -> tuple[Section, Section]:
    """`min_tables`: columns resting on fewer tables are greyed in the heatmap (--min-tables)."""
    return _coverage(cmp, w, groups, min_tables), _stakeholders(cmp, w, groups)


# ---------------------------------------------------------------- SDG coverage

def goal_label(goal: int, w: Words) -> str:
    """'7 · Affordable and clean energy': the number, which every language shares, and the UN short name."""
    return f"{goal} · {goal_name(goal, w)}"


def goal_named(goal: int, w: Words) -> str:
    """'SDG 7 Affordable and clean energy', for sentences."""
    return w("sdg.named", goal=goal, name=goal_name(goal, w))


def goal_name(goal: int, w: Words) -> str:
    """A goal's UN short name in the report's language: the decks' vocabulary's where it has that language,
    else the report's words (`sdg.goal.N`, English where not translated)."""
    return SDG_NAMES[goal].get(w.base) or w(f"sdg.goal.{goal}")


def _pct(value: float | None, w: Words) -> str:
    """A share in whole percent; one that would round to 0% or 100% without being so says so."""
    if value is None:
        return "–"
    text = w.pct(value)
    if value > 0 and text == w.pct(0.0):
        return w("sdg.below_one")
    return w("sdg.above_99") if value < 1 and text == w.pct(1.0) else text


def _coverage(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 1) -> Section:
    records = cmp.tables["sdg_coverage"].records()
    by = {(r["goal"], r["group"]): r for r in records}
    base = {r["group"]: r for r in records if r["goal"] == GOALS[0]}
    shown = [g for g in groups if g in base]
    labels = [goal_label(goal, w) for goal in GOALS]
    blocks: list[Block] = [Paragraph(_findings(records, w, shown))]
    if any(base[g]["group_picks"] for g in shown):
        values = tuple(tuple(by[(goal, g)]["share"] for g in shown) for goal in GOALS)
        top = max((v for row in values for v in row if v is not None), default=0.0)
        counts = tuple(tuple(base[g]["tables"] for g in shown) for _ in GOALS)
        title = w("sdg.chart")
        spec = HeatmapSpec(title, tuple(labels), tuple(shown), values, "{:.0%}", w("sdg.legend"), 0.0,
                           top or 1.0, decimal=w.decimal, counts=counts,
                           faint=tuple(tuple(n < min_tables for n in row) for row in counts))
        sizes = {base[g]["tables"] for g in shown}
        note = w("sdg.chart_same", n=sizes.pop()) if len(sizes) == 1 else \
            w("sdg.chart_note", tables=", ".join(f"{g} {base[g]['tables']}" for g in shown))
        blocks.append(Chart("sdg-heatmap", title, spec, "sdg_coverage.csv", note))
    rows = [(w("sdg.row.all"), *(f"{base[g]['group_picks']} · {base[g]['group_proposals']} ({base[g]['tables']})"
                                 for g in shown))]
    for goal, label in zip(GOALS, labels, strict=True):
        rows.append((label, *(f"{by[(goal, g)]['picks']} ({_pct(by[(goal, g)]['share'], w)}) · "
                              f"{by[(goal, g)]['proposals']}" for g in shown)))
    blocks.append(Table(w("sdg.table"), (w("sdg.col.goal"), *shown), tuple(rows), aligned(1, len(shown)),
                        "sdg_coverage.csv", w("sdg.table_note")))
    return Section("sdgs", w("sdg.s"), w("sdg.intro"), tuple(blocks))


def _findings(records: list[dict], w: Words, groups: Sequence[str]) -> str:
    """Most and least addressed goals over all groups pooled, each group's leader, proposals' leader."""
    picks: dict[int, int] = defaultdict(int)
    proposals: dict[int, int] = defaultdict(int)
    total_picks = total_proposals = 0
    leaders = []
    for r in records:
        picks[r["goal"]] += r["picks"]
        proposals[r["goal"]] += r["proposals"]
        if r["goal"] == GOALS[0]:
            total_picks += r["group_picks"]
            total_proposals += r["group_proposals"]
    if not total_picks:
        return w("sdg.none")
    if not any(picks.values()):
        return w("sdg.no_goals", n=total_picks)
    ranked = sorted(GOALS, key=lambda goal: (-picks[goal], goal))
    most = [f"{goal_named(goal, w)} ({_pct(picks[goal] / total_picks, w)}"  # "of picks" said once, first
            + (f" {w('sdg.of_picks')})" if not i else ")")
            for i, goal in enumerate(g for g in ranked[:TOP_GOALS] if picks[g])]
    sentences = [w("sdg.most", goals=_join(most, w))]
    zero = [goal_named(goal, w) for goal in GOALS if not picks[goal]]
    if zero:
        sentences.append(w("sdg.zero", goals=_join(zero, w)))
    else:
        least = [f"{goal_named(goal, w)} ({_pct(picks[goal] / total_picks, w)})"
                 for goal in sorted(ranked[-TOP_GOALS:], key=lambda goal: (picks[goal], goal))]
        sentences.append(w("sdg.least", goals=_join(least, w)))
    if 1 < len(groups) <= MAX_NAMED_GROUPS:
        for g in groups:
            mine = [r for r in records if r["group"] == g and r["picks"]]
            if mine:
                top = max(r["picks"] for r in mine)
                tied = [r for r in mine if r["picks"] == top]  # ties are named together, none picked at random
                leaders.append(w("sdg.leader", group=g, goals=", ".join(str(r["goal"]) for r in tied),
                                 share=_pct(tied[0]["share"], w)))
        if leaders:
            sentences.append(w("sdg.per_group", groups="; ".join(leaders)))
    if total_proposals and any(proposals.values()):
        goal = min(GOALS, key=lambda goal: (-proposals[goal], goal))
        sentences.append(w("sdg.proposals", goal=goal_named(goal, w), n=proposals[goal], total=total_proposals))
    return " ".join(sentences)


def _join(items: Sequence[str], w: Words) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {w('sdg.and')} {items[-1]}"


# ---------------------------------------------------------------- stakeholders

def _type_name(kind: str, w: Words) -> str:
    if kind == UNKNOWN_TYPE:
        return w("sdg.st.unknown")
    return w.stakeholder(kind)


def _stakeholders(cmp: Comparison, w: Words, groups: Sequence[str]) -> Section:
    records = cmp.tables["stakeholder_criteria"].records()
    title, intro = w("sdg.st.s"), w("sdg.st.intro")
    if not records:
        return Section("stakeholders", title, intro, (Paragraph(w("sdg.st.none")),))
    known = {k: i for i, k in enumerate(STAKEHOLDER_TYPES)}
    kinds = sorted({r["stakeholder_type"] for r in records},
                   key=lambda k: (known.get(k, len(known) + (k == UNKNOWN_TYPE)), k))
    # Rows in the table's order: groups as compared, criteria as the criteria set lists them.
    cells: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for r in records:
        cells[(r["group"], r["criterion"])][r["stakeholder_type"]] = (
            f"{w.mean_sd(r['mean'], r['sd'])} ({r['participants']} · {r['tables']})")
    rows = tuple((g, w.criterion(cmp.criteria, crit), *(found.get(k, "–") for k in kinds))
                 for (g, crit), found in cells.items())
    low, high = (min(c.low for c in cmp.criteria), max(c.high for c in cmp.criteria)) if cmp.criteria else (1, 5)
    note = w("sdg.st.note", low=low, high=high)
    if len(rows) > MAX_ROWS:
        note += " " + w("sdg.st.capped", shown=MAX_ROWS, total=len(rows), csv="stakeholder_criteria.csv")
        rows = rows[:MAX_ROWS]
    blocks: list[Block] = [Table(w("sdg.st.table"), (w("col.group"), w("col.criterion"),
                                                      *(_type_name(k, w) for k in kinds)),
                                 rows, aligned(2, len(kinds)), "stakeholder_criteria.csv", note)]
    scored = {r["group"] for r in records}
    missing = [g for g in groups if g not in scored]
    if missing:
        blocks.append(Paragraph(w("sdg.st.missing", groups=", ".join(missing)) if len(missing) <= MAX_NAMED_GROUPS
                                else w("sdg.st.missing_count", n=len(missing), total=len(groups))))
    return Section("stakeholders", title, intro, tuple(blocks))
