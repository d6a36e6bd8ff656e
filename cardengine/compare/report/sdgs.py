"""Report sections on the SDGs the picks address and on feasibility by stakeholder type, in Italian or English.

Pure: made from the tidy tables `sdg_coverage` and `stakeholder_criteria` (see `comparison_sdgs`).
Goals are named by number and the UN's official short name in the report's language (`vocabulary`, the
names the decks print).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.measures.sdgs import GOALS, UNKNOWN_TYPE
from cardengine.compare.report.model import Block, Chart, HeatmapSpec, Paragraph, Section, Table
from cardengine.compare.report.words import Words, register
from cardengine.sessions.state import STAKEHOLDER_TYPES
from cardengine.decks.vocabulary import SDG_NAMES

TOP_GOALS = 3  # goals named in the findings
MAX_NAMED_GROUPS = 8  # beyond, a sentence naming each group is a list nobody reads: the CSV has them
MAX_ROWS = 120  # as report_build.MAX_LIST_ROWS: the stakeholder table is read, the CSV is searched

SDG_TEXT: dict[str, dict[str, str]] = {
    "sdg.s": {"it": "Obiettivi di sviluppo sostenibile", "en": "Sustainable Development Goals"},
    "sdg.intro": {
        "it": "Quali dei 17 Obiettivi di sviluppo sostenibile (SDG) dell'ONU riguardano le carte scelte. Ogni "
              "scelta (un tavolo che sceglie una carta) conta per ogni obiettivo riportato sulla carta; la quota "
              "è sul totale delle scelte del gruppo. Una carta riporta più obiettivi, quindi le quote di un "
              "gruppo, sommate, superano il 100%. Una proposta riguarda un obiettivo se almeno una delle sue carte di "
              "partenza lo riporta.",
        "en": "Which of the UN's 17 Sustainable Development Goals (SDGs) the chosen cards address. Each pick (a "
              "table picking a card) counts for every goal the card lists; the share is of all the group's "
              "picks. A card lists several goals, so a group's shares add up to more than 100%. A proposal "
              "addresses a goal when at least one of its source cards lists it."},
    "sdg.chart": {"it": "Quota delle scelte che riguardano ogni obiettivo, per gruppo",
                  "en": "Share of picks addressing each goal, per group"},
    "sdg.legend": {"it": "quota delle scelte del gruppo", "en": "share of the group's picks"},
    "sdg.chart_note": {"it": "Tavoli dietro ogni colonna: {tables}.", "en": "Tables behind each column: {tables}."},
    "sdg.chart_same": {"it": "Tavoli dietro ogni colonna: {n} per ciascuna.",
                       "en": "Tables behind each column: {n} in each."},
    "sdg.table": {"it": "Scelte che riguardano ogni obiettivo (quota delle scelte del gruppo) · proposte",
                  "en": "Picks addressing each goal (share of the group's picks) · proposals"},
    "sdg.table_note": {
        "it": "Prima riga: tutte le scelte · tutte le proposte del gruppo (tavoli). Una proposta conta per ogni "
              "obiettivo delle sue carte di partenza.",
        "en": "First row: all picks · all proposals of the group (tables). A proposal counts for every goal of "
              "its source cards."},
    "sdg.col.goal": {"it": "Obiettivo", "en": "Goal"},
    "sdg.row.all": {"it": "Totale del gruppo", "en": "Group total"},
    "sdg.none": {"it": "Nessuna carta è stata ancora scelta: nessun obiettivo è toccato.",
                 "en": "No card has been picked yet, so no goal is addressed."},
    "sdg.no_goals": {"it": "Nessuna carta scelta riporta un obiettivo (scelte: {n}).",
                     "en": "No card picked lists a goal (picks: {n})."},
    "sdg.most": {"it": "Considerando tutti i gruppi insieme, gli obiettivi più presenti nelle scelte sono {goals}.",
                 "en": "Across all groups, the goals the picks address most are {goals}."},
    "sdg.zero": {"it": "Nessuna carta scelta riguarda {goals}.", "en": "No pick addresses {goals}."},
    "sdg.least": {"it": "I meno presenti sono {goals}.", "en": "The least addressed are {goals}."},
    "sdg.per_group": {"it": "Obiettivo più presente in ogni gruppo: {groups}.",
                      "en": "Most addressed goal in each group: {groups}."},
    "sdg.proposals": {"it": "Le proposte attingono soprattutto a {goal}: {n} proposte su {total}.",
                      "en": "Proposals draw most on {goal}: {n} of {total} proposals."},
    "sdg.and": {"it": "e", "en": "and"},
    "sdg.of_picks": {"it": "delle scelte", "en": "of picks"},
    "sdg.below_one": {"it": "<1%", "en": "<1%"},
    "sdg.above_99": {"it": ">99%", "en": ">99%"},
    # stakeholders
    "sdg.st.s": {"it": "Fattibilità per tipo di portatore di interesse",
                 "en": "Feasibility by stakeholder type"},
    "sdg.st.intro": {
        "it": "Dove i partecipanti hanno dato valori individuali (non di consenso), la media per criterio dei "
              "valori dati da ogni tipo di portatore di interesse, sulle carte scelte dal loro tavolo. I valori "
              "di consenso sono del tavolo, non di un partecipante, e restano fuori.",
        "en": "Where participants gave their own values (not by consensus), the mean per criterion of the values "
              "each type of stakeholder gave, over the cards their table picked. Consensus values belong to the "
              "table, not to a participant, and stay out."},
    "sdg.st.table": {"it": "Media ± deviazione standard dei valori individuali (partecipanti · tavoli)",
                     "en": "Mean ± standard deviation of the individual values (participants · tables)"},
    "sdg.st.note": {
        "it": "Tra parentesi: partecipanti di quel tipo che hanno dato valori · tavoli a cui li hanno dati. "
              "– = nessun partecipante di quel tipo ha dato valori su quel criterio. Scala {low}–{high}.",
        "en": "In brackets: participants of that type who gave values · tables where they gave them. "
              "– = no participant of that type gave values on that criterion. Scale {low}–{high}."},
    "sdg.st.none": {
        "it": "Nessun tavolo ha dato valori individuali: tutti i valori sono di consenso, quindi non ci sono "
              "medie per tipo di portatore di interesse.",
        "en": "No table scored individually: every value was given by consensus, so there are no means by "
              "stakeholder type."},
    "sdg.st.missing": {"it": "Nessun partecipante ha dato valori individuali in: {groups}.",
                       "en": "No participant gave individual values in: {groups}."},
    "sdg.st.missing_count": {"it": "In {n} gruppi su {total} nessun partecipante ha dato valori individuali.",
                             "en": "In {n} of {total} groups no participant gave individual values."},
    "sdg.st.unknown": {"it": "Tipo non registrato", "en": "Type not recorded"},
    "sdg.st.capped": {"it": "Sono mostrate le prime {shown} righe di {total}; tutte sono in {csv}.",
                      "en": "The first {shown} of {total} rows are shown; all are in {csv}."},
}
register(SDG_TEXT)


def sdg_sections(cmp: Comparison, w: Words, groups: Sequence[str], min_tables: int = 1
                 ) -> tuple[Section, Section]:
    """`min_tables`: columns resting on fewer tables are greyed in the heatmap (--min-tables)."""
    return _coverage(cmp, w, groups, min_tables), _stakeholders(cmp, w, groups)


# ---------------------------------------------------------------- SDG coverage

def goal_label(goal: int, w: Words) -> str:
    """'7 · Affordable and clean energy': the number, which every language shares, and the UN short name."""
    return f"{goal} · {SDG_NAMES[goal].get_text(w.lang)}"


def goal_named(goal: int, w: Words) -> str:
    """'SDG 7 Affordable and clean energy', for sentences."""
    return f"SDG {goal} {SDG_NAMES[goal].get_text(w.lang)}"


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
    for goal, label in zip(GOALS, labels):
        rows.append((label, *(f"{by[(goal, g)]['picks']} ({_pct(by[(goal, g)]['share'], w)}) · "
                              f"{by[(goal, g)]['proposals']}" for g in shown)))
    blocks.append(Table(w("sdg.table"), (w("sdg.col.goal"), *shown), tuple(rows), _align(1, len(shown)),
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
                leaders.append(f"{g}: SDG {', '.join(str(r['goal']) for r in tied)} ({_pct(tied[0]['share'], w)})")
        if leaders:
            sentences.append(w("sdg.per_group", groups="; ".join(leaders)))
    if total_proposals and any(proposals.values()):
        goal = min(GOALS, key=lambda goal: (-proposals[goal], goal))
        sentences.append(w("sdg.proposals", goal=goal_named(goal, w), n=proposals[goal], total=total_proposals))
    return " ".join(sentences)


def _align(labels: int, numbers: int) -> tuple[Literal["l", "r"], ...]:
    l_: Literal["l", "r"] = "l"
    r_: Literal["l", "r"] = "r"
    return (l_,) * labels + (r_,) * numbers


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
                                 rows, _align(2, len(kinds)), "stakeholder_criteria.csv", note)]
    scored = {r["group"] for r in records}
    missing = [g for g in groups if g not in scored]
    if missing:
        blocks.append(Paragraph(w("sdg.st.missing", groups=", ".join(missing)) if len(missing) <= MAX_NAMED_GROUPS
                                else w("sdg.st.missing_count", n=len(missing), total=len(groups))))
    return Section("stakeholders", title, intro, tuple(blocks))
