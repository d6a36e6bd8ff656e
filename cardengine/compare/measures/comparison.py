"""Workshops -> tidy comparison tables: what each territory (workshop, table) picked, scored and proposed.

Pure: takes derived workshop states, returns typed long tables (one row per group and card, per group,
card and criterion, ...). The report's charts and tables and the CSV files are all made from these
tables, so every number a reader sees has a row behind it.

Units. A *table instance* (one table of one workshop) is the unit: a card's pick rate is the share of
table instances, among those whose workshop had the card's deck, that picked it (selected or favourite;
a discard is not a pick). A table's value for a criterion is its consensus value or, without one, the
mean of its participants' values (as in `scoring`); spreads are between table instances.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from cardengine.compare.measures.stats import (
    competition_ranks,
    jaccard,
    kendalls_w,
    kendalls_w_test,
    mean,
    sample_sd,
    spearman,
)
from cardengine.compare.measures.tidy import CARD, CRITERION, DOMAIN, Column, G, TidyTable, _r, _table  # noqa: F401 (re-exported)
from cardengine.sessions.scoring import all_criterion_values, weighted_score
from cardengine.sessions.state import CONSENSUS, STAKEHOLDER_TYPES, WorkshopState

GROUP_BY = ("territory", "workshop", "table")
MAX_PAIRWISE_GROUPS = 100  # pairwise measures between groups grow with the square of their number
PICKED = ("selected", "favourite")
W_MIN_ITEMS = 3  # Kendall's W over fewer common cards is not tested (and the report says so)


# ---------------------------------------------------------------- facts per table instance

@dataclass(frozen=True)
class CardInfo:
    id: str
    domain: str
    title: dict[str, str]
    sdgs: tuple[int, ...] = ()  # the UN Sustainable Development Goals the card addresses


@dataclass(frozen=True)
class DomainInfo:
    id: str
    name: dict[str, str]
    colour: str


@dataclass(frozen=True)
class CriterionInfo:
    id: str
    name: dict[str, str]
    low: int
    high: int
    lower_is_better: bool


@dataclass(frozen=True)
class ProposalFacts:
    ref: str
    title: str
    cards: tuple[tuple[str, str], ...]  # (card id, how)
    weighted: float | None


@dataclass(frozen=True)
class CommentFacts:
    """One comment as the table left it (edits applied), with who said it by stakeholder type, not by name."""

    event: str  # the comment's event id (stable across exports and merges)
    at: str  # ISO time it was made
    kind: str  # barrier, enabler, question or quote
    text: str
    card: str  # the card it is about ("" when none)
    proposal: str  # the proposal it is about ("" when none)
    stakeholder_type: str  # of the participant credited with it ("" when nobody)


@dataclass(frozen=True)
class IndividualScore:
    """A value one participant gave (scored individually, not by consensus); unrounded."""

    participant: str  # participant id
    stakeholder_type: str
    target: str  # card id or proposal ref
    criterion: str
    value: float


@dataclass(frozen=True)
class TableFacts:
    """Everything the comparison needs from one table of one workshop (small, so it pickles cheaply)."""

    workshop: str  # workshop id
    table: str
    table_name: str
    available: frozenset[str]  # card ids of the workshop's decks
    picked: frozenset[str]
    favourites: frozenset[str]
    discarded: frozenset[str]
    values: dict[str, dict[str, float | None]]  # picked card -> criterion -> value (None: not assessed)
    weighted: dict[str, float]  # picked card -> weighted feasibility 0-100 (only cards with a score)
    proposals: tuple[ProposalFacts, ...]
    priority_domains: tuple[str, ...]
    participants: dict[str, int]  # stakeholder type -> participants seated at this table
    comments: tuple[CommentFacts, ...] = ()  # in the order they were made
    individual: tuple[IndividualScore, ...] = ()  # participants' own values (not assessed left out)
    # (target, criterion) where a consensus value overrules participants' own values (they are not behind it);
    # only those, not every consensus value: facts travel between processes, and most values are consensus
    overruled: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class SourceFacts:
    """Where a workshop's facts come from: enough to check later that a report was made from these files."""

    path: str  # as given on the command line
    sha256: str  # of the workshop file's bytes as read
    events: int  # events in the file
    last_event: str  # ISO time of the latest event ("" when none)


@dataclass(frozen=True)
class WorkshopFacts:
    id: str
    source: str  # file name
    title: str
    territory: str
    date: str
    language: str
    example: bool
    tables: tuple[TableFacts, ...]
    participants: dict[str, int]  # stakeholder type -> participants (whole workshop)
    cards: dict[str, CardInfo]
    domains: dict[str, DomainInfo]
    criteria: tuple[CriterionInfo, ...]
    criteria_id: str
    origin: SourceFacts | None = None  # filled by the reader (compare_run); None for facts built in memory


def workshop_facts(state: WorkshopState, source: str, origin: SourceFacts | None = None) -> WorkshopFacts:
    """The facts of one workshop, from its derived state."""
    crits = state.criteria
    available = frozenset(state.cards)
    tables = []
    scored: dict[tuple, float | None] = {}  # values -> weighted score: a workshop repeats a few combinations
    for t in state.tables.values():
        if t.id == "":  # actions without a table (a partial merge) have no table to compare
            continue
        values = all_criterion_values(t, crits) if crits else {}
        picked = frozenset(c for c, p in t.picks.items() if p.kind in PICKED)
        card_values = {c: values[c] for c in picked if c in values}
        weighted = {}
        for card, vals in card_values.items():
            key = tuple(vals.values())  # in the criteria's order: the score depends on nothing else here
            score = scored[key] if key in scored else scored.setdefault(key, weighted_score(vals, crits))
            if score is not None:
                weighted[card] = score
        proposals = tuple(
            ProposalFacts(p.id, p.title, tuple((c["card"], c.get("how", "")) for c in p.cards),
                          weighted_score(values[p.id], crits) if p.id in values else None)
            for p in t.proposals.values())
        seated = Counter(p.stakeholder_type for p in state.participants.values() if p.table == t.id)
        comments = tuple(CommentFacts(c.event, c.at, c.kind, c.text, c.card or "", c.proposal or "",
                                      _type_of(state, c.by)) for c in t.comments)
        individual = tuple(IndividualScore(by, _type_of(state, by), target, crit, float(v))
                           for (target, crit, by), v in t.scores.items() if by != CONSENSUS and v is not None)
        tables.append(TableFacts(
            workshop=state.id, table=t.id, table_name=t.name, available=available, picked=picked,
            favourites=frozenset(c for c, p in t.picks.items() if p.kind == "favourite"),
            discarded=frozenset(c for c, p in t.picks.items() if p.kind == "discarded"),
            values=card_values, weighted=weighted, proposals=proposals,
            priority_domains=tuple(t.priority_domains), participants=dict(seated), comments=comments,
            individual=individual,
            overruled=frozenset((s.target, s.criterion) for s in individual
                                if (s.target, s.criterion, CONSENSUS) in t.scores)))
    cards = {c.id: CardInfo(c.id, c.domain, dict(c.title), tuple(c.sdgs)) for c in state.cards.values()}
    domains = {}
    for d in state.decks.values():
        domains.setdefault(d.domain, DomainInfo(d.domain, dict(d.name), d.colour))
    criteria = tuple(CriterionInfo(c.id, dict(c.label), c.lowest, c.highest,
                                   c.direction.value == "lower-is-better")
                     for c in (crits.criteria if crits else ()))
    return WorkshopFacts(
        id=state.id, source=source, title=state.title, territory=state.territory, date=state.date,
        language=state.language, example=getattr(state, "example", False), tables=tuple(tables),
        participants=dict(Counter(p.stakeholder_type for p in state.participants.values())),
        cards=cards, domains=domains, criteria=criteria, criteria_id=crits.id if crits else "", origin=origin)


def _type_of(state: WorkshopState, participant: str | None) -> str:
    found = state.participants.get(participant or "")
    return found.stakeholder_type if found else ""


# ---------------------------------------------------------------- grouping

@dataclass(frozen=True)
class Group:
    label: str
    workshops: tuple[WorkshopFacts, ...]
    tables: tuple[TableFacts, ...]


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
    pairs = [(f"{wl} · {t.table_name}", w, t) for wl, w in zip(workshop_labels, ordered, strict=False) for t in w.tables]
    labels = _unique([p[0] for p in pairs])
    return [Group(label, (w,), (t,)) for label, (_, w, t) in zip(labels, pairs, strict=False)]


# ---------------------------------------------------------------- the comparison

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
    _memo: dict = field(default_factory=dict, repr=False)  # per-group intermediate results, built once
    bootstrap: int = 0  # resamples for the confidence intervals (0: none)
    seed: int = 1  # of the resampling: the same seed gives the same intervals

    @property
    def example(self) -> bool:
        return any(w.example for w in self.workshops)


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
        out.warnings.append("the workshops used different criteria sets (" + ", ".join(sorted(ids)) +
                            "); criteria are compared by id and weighted scores each with its own weights")
    builders = (_groups_table, _participants_table, _card_picks, _domain_picks, _never_picked, _card_criteria,
                _domain_criteria, _criteria_summary, _feasibility_ranking, _disagreement_within,
                _disagreement_between, _pick_overlap, _agreement, _proposals, _proposal_cards,
                _domain_proposals, _domain_priorities)
    for build in builders:
        table = build(out)
        out.tables[table.name] = table
    from cardengine.compare.measures.sdgs import sdg_tables  # local: comparison_sdgs needs this module's types
    out.tables.update((t.name, t) for t in sdg_tables(out))
    from cardengine.compare.measures.comments import comment_tables  # local: it imports this module
    out.tables.update((t.name, t) for t in comment_tables(out))
    from cardengine.compare.measures.provenance import (
        with_provenance,  # last: it gives every table above its workshop ids
    )

    out.tables = with_provenance(out)
    return out


def _criteria(workshops: Sequence[WorkshopFacts]) -> tuple[CriterionInfo, ...]:
    seen: dict[str, CriterionInfo] = {}
    for w in workshops:
        for c in w.criteria:
            seen.setdefault(c.id, c)
    return tuple(seen.values())




def _groups_table(cmp: Comparison) -> TidyTable:
    rows = [(g.label, len(g.workshops), len(g.tables), sum(sum(t.participants.values()) for t in g.tables)
             if cmp.group_by == "table" else sum(sum(w.participants.values()) for w in g.workshops),
             sum(len(t.picked) for t in g.tables), sum(len(t.proposals) for t in g.tables))
            for g in cmp.groups]
    return _table("groups", "Size of each group", [
        G, ("workshops", int, "workshops in the group"), ("tables", int, "tables in the group"),
        ("participants", int, "participants registered"), ("picks", int, "cards picked (selected or favourite)"),
        ("proposals", int, "proposals made")], rows)


def _participants_table(cmp: Comparison) -> TidyTable:
    rows = []
    for g in cmp.groups:
        counts: Counter[str] = Counter()
        if cmp.group_by == "table":
            for t in g.tables:
                counts.update(t.participants)
        else:
            for w in g.workshops:
                counts.update(w.participants)
        total = sum(counts.values())
        kinds = list(STAKEHOLDER_TYPES) + sorted(set(counts) - set(STAKEHOLDER_TYPES))
        for kind in kinds:
            rows.append((g.label, kind, counts.get(kind, 0), _r(counts[kind] / total) if total else None,
                         len(g.tables)))
    return _table("participants", "Participants by stakeholder type", [
        G, ("stakeholder_type", str, "company, public-authority, utility, association, expert, citizen, other"),
        ("participants", int, "participants of that type"),
        ("share", float, "share of the group's participants (empty when the group has none)"),
        ("tables", int, "tables of the group (n)", "tavoli del gruppo (n)")], rows)


def _card_counts(g: Group) -> tuple[Counter, Counter, Counter, Counter]:
    available: Counter[str] = Counter()
    picked: Counter[str] = Counter()
    favourites: Counter[str] = Counter()
    discarded: Counter[str] = Counter()
    for t in g.tables:
        available.update(t.available)
        picked.update(t.picked)
        favourites.update(t.favourites)
        discarded.update(t.discarded)
    return available, picked, favourites, discarded


def _card_picks(cmp: Comparison) -> TidyTable:
    rows = []
    for g in cmp.groups:
        available, picked, favourites, discarded = _card_counts(g)
        ci = _intervals(cmp, g)
        for card in sorted(available, key=_card_order(cmp)):
            rows.append((g.label, card, cmp.cards[card].domain, available[card], picked[card], favourites[card],
                         discarded[card], _r(picked[card] / available[card]), *_ci(ci.pick_rate.get(card))))
    return _table("card_picks", "How often each card was picked, per group", [
        G, CARD, DOMAIN, ("tables_available", int, "tables whose workshop had the card's deck"),
        ("tables_picked", int, "of those, tables that picked it (selected or favourite)"),
        ("favourites", int, "tables that marked it favourite"),
        ("discarded", int, "tables that discussed and discarded it"),
        ("pick_rate", float, "tables_picked / tables_available (n = tables_available)"), *CI], rows)


def _card_order(cmp: Comparison):
    domain_order = {d: i for i, d in enumerate(cmp.domains)}
    return lambda card: (domain_order.get(cmp.cards[card].domain, len(domain_order)), card)


def _domain_picks(cmp: Comparison) -> TidyTable:
    rows = []
    domain_cards_of = {d: frozenset(c for c, info in cmp.cards.items() if info.domain == d) for d in cmp.domains}
    for g in cmp.groups:
        for domain, domain_cards in domain_cards_of.items():
            tables = [t for t in g.tables if t.available & domain_cards]
            if not tables:
                continue
            picks = sum(len(t.picked & domain_cards) for t in tables)
            picking = sum(1 for t in tables if t.picked & domain_cards)
            favourites = sum(len(t.favourites & domain_cards) for t in tables)
            offered = sum(len(t.available & domain_cards) for t in tables)
            rows.append((g.label, domain, len(tables), picks, favourites, _r(picks / len(tables)), picking,
                         _r(picking / len(tables)), _r(picks / offered)))
    return _table("domain_picks", "How often each domain was picked, per group", [
        G, DOMAIN, ("tables_available", int, "tables whose workshop had the domain's deck"),
        ("picks", int, "cards of the domain picked, over those tables"),
        ("favourites", int, "cards of the domain marked favourite"),
        ("picks_per_table", float, "picks / tables_available"),
        ("tables_picking", int, "tables that picked at least one card of the domain"),
        ("share_of_tables", float, "tables_picking / tables_available"),
        ("pick_rate", float, "picks / (cards of the domain offered to those tables): mean card pick rate")], rows)


def _never_picked(cmp: Comparison) -> TidyTable:
    picked_in: dict[str, set[str]] = defaultdict(set)
    for g in cmp.groups:
        for t in g.tables:
            for card in t.picked:
                picked_in[card].add(g.label)
    rows = []
    for g in cmp.groups:
        available, picked, _, discarded = _card_counts(g)
        for card in sorted(available, key=_card_order(cmp)):
            if not picked[card]:
                rows.append((g.label, card, cmp.cards[card].domain, discarded[card], bool(picked_in[card])))
    return _table("never_picked", "Cards no table of the group picked", [
        G, CARD, DOMAIN, ("discarded", int, "tables that discussed and discarded it"),
        ("picked_elsewhere", bool, "true when a table of another group picked it")], rows)


def _values_by(cmp: Comparison, g: Group) -> dict[tuple[str, str], list[float]]:
    """(card, criterion) -> the values of the group's tables that assessed it."""
    key = ("values", g.label)
    if key in cmp._memo:
        return cmp._memo[key]
    out: dict[tuple[str, str], list[float]] = defaultdict(list)
    rows: dict[tuple[str, str], array] = defaultdict(lambda: array("i"))  # positions in g.tables, value by value
    cmp._memo[key] = out
    cmp._memo[("rows", g.label)] = rows
    for i, t in enumerate(g.tables):
        for card, vals in t.values.items():
            for crit, v in vals.items():
                if v is not None:
                    out[(card, crit)].append(v)
                    rows[(card, crit)].append(i)
    return out


def _behind_by(cmp: Comparison, g: Group) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(card, criterion) -> the participants (workshop, participant) whose own values make the group's tables'
    values (where a table scored individually, without a consensus value); only cells that have any."""
    key = ("behind", g.label)
    if key in cmp._memo:
        return cmp._memo[key]
    out: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    cmp._memo[key] = out
    for t in g.tables:
        for s in t.individual:
            if (s.target, s.criterion) not in t.overruled and t.values.get(s.target, {}).get(s.criterion) is not None:
                out[(s.target, s.criterion)].add((t.workshop, s.participant))
    return out


def _pooled_tables(cmp: Comparison, g: Group, pool_of: Callable[[str, str], Hashable]) -> Counter:
    """pool -> the group's tables that gave at least one value pooled into it (each table counted once)."""
    _values_by(cmp, g)  # notes, per (card, criterion), the positions of the tables that gave a value
    pooled: dict[Hashable, set[int]] = {}
    for (card, crit), positions in cmp._memo[("rows", g.label)].items():
        pooled.setdefault(pool_of(card, crit), set()).update(positions)
    return Counter({pool: len(positions) for pool, positions in pooled.items()})


def _pooled_people(behind: dict[tuple[str, str], set[tuple[str, str]]], pool_of: Callable[[str, str], Hashable],
                   pool: Hashable) -> int:
    """Distinct participants behind the cells pooled into `pool`."""
    return len(set().union(*(who for (card, crit), who in behind.items() if pool_of(card, crit) == pool)))


def _criterion_of(card: str, crit: str) -> str:
    return crit


def _intervals(cmp: Comparison, g: Group):
    """The group's bootstrap intervals (`comparison_bootstrap.GroupIntervals`), computed once."""
    key = ("intervals", g.label)
    if key not in cmp._memo:
        from cardengine.compare.measures.bootstrap import GroupIntervals, group_intervals  # numpy: only when comparing

        if cmp.bootstrap and len(g.tables) >= 2:
            values, weighted = _values_by(cmp, g), _weighted_by_card(cmp, g)
            cmp._memo[key] = group_intervals(
                g.tables, {k: (cmp._memo[("rows", g.label)][k], v) for k, v in values.items()},
                {k: (cmp._memo[("weighted rows", g.label)][k], v) for k, v in weighted.items()},
                {c: i.domain for c, i in cmp.cards.items()}, cmp.bootstrap, cmp.seed, g.label)
        else:
            cmp._memo[key] = GroupIntervals()
    return cmp._memo[key]


def _ci(interval: tuple[float, float] | None) -> tuple[float | None, float | None]:
    return (None, None) if interval is None else (_r(interval[0]), _r(interval[1]))


CI = [("ci_low", float, "lower end of the 95 % bootstrap confidence interval over the group's tables (empty: "
                        "bootstrap off, or fewer than two tables behind the figure)",
       "estremo inferiore dell'intervallo di confidenza bootstrap al 95 % sui tavoli del gruppo (vuoto: bootstrap "
       "disattivato, o meno di due tavoli dietro il valore)"),
      ("ci_high", float, "upper end of that interval",
       "estremo superiore di quell'intervallo")]


def _stats_row(values: list[float], interval: tuple[float, float] | None = None) -> tuple:
    return (len(values), _r(mean(values)), *_ci(interval), _r(sample_sd(values)), _r(min(values)),
            _r(max(values)))


STATS = [("n", int, "values (one per table that assessed it)"), ("mean", float, "mean value"), *CI,
         ("sd", float, "sample standard deviation between tables (empty below two values)"),
         ("min", float, "lowest value"), ("max", float, "highest value")]
PARTICIPANTS = ("participants", int, "participants whose own values make the tables' values (tables that scored "
                                     "individually, without a consensus value); 0 when every value is by consensus",
                "partecipanti i cui valori individuali formano i valori dei tavoli (tavoli che hanno valutato "
                "individualmente, senza un valore di consenso); 0 quando ogni valore è di consenso")
TABLES = ("tables", int, "tables behind the figure (n)", "tavoli dietro il valore (n)")


def _card_criteria(cmp: Comparison) -> TidyTable:
    rows = []
    crit_order = {c.id: i for i, c in enumerate(cmp.criteria)}
    card_order = _card_order(cmp)
    for g in cmp.groups:
        values = _values_by(cmp, g)
        behind = _behind_by(cmp, g)
        ci = _intervals(cmp, g).card_mean
        for (card, crit) in sorted(values, key=lambda k: (card_order(k[0]), crit_order.get(k[1], 99))):
            rows.append((g.label, card, cmp.cards[card].domain, crit,
                         *_stats_row(values[(card, crit)], ci.get((card, crit))), len(behind.get((card, crit), ()))))
    return _table("card_criteria", "Feasibility per card and criterion, per group", [
        G, CARD, DOMAIN, CRITERION, *STATS, PARTICIPANTS], rows)


def _domain_criteria(cmp: Comparison) -> TidyTable:
    rows = []

    def pool_of(card: str, crit: str) -> tuple[str, str]:
        return (cmp.cards[card].domain, crit)

    for g in cmp.groups:
        values = _values_by(cmp, g)
        behind = _behind_by(cmp, g)
        ci = _intervals(cmp, g).domain_mean
        pooled: dict[tuple[str, str], list[float]] = defaultdict(list)
        for (card, crit), vs in values.items():
            pooled[(cmp.cards[card].domain, crit)].extend(vs)
        tables = _pooled_tables(cmp, g, pool_of)
        for domain in cmp.domains:
            for c in cmp.criteria:
                vs = pooled.get((domain, c.id))
                if vs:
                    rows.append((g.label, domain, c.id, *_stats_row(vs, ci.get((domain, c.id))),
                                 tables[(domain, c.id)], _pooled_people(behind, pool_of, (domain, c.id))))
    return _table("domain_criteria", "Feasibility per domain and criterion, per group (all values of the "
                  "domain's cards pooled)", [G, DOMAIN, CRITERION, *STATS, TABLES, PARTICIPANTS], rows)


def _criteria_summary(cmp: Comparison) -> TidyTable:
    rows = []
    for g in cmp.groups:
        values = _values_by(cmp, g)
        behind = _behind_by(cmp, g)
        ci = _intervals(cmp, g).criterion_mean
        tables = _pooled_tables(cmp, g, _criterion_of)
        for c in cmp.criteria:
            pooled = [v for (card, crit), vs in values.items() if crit == c.id for v in vs]
            card_sds = [sd for (card, crit), vs in values.items() if crit == c.id
                        for sd in [sample_sd(vs)] if sd is not None]
            if pooled:
                rows.append((g.label, c.id, *_stats_row(pooled, ci.get(c.id)), len(card_sds), _r(mean(card_sds)),
                             tables[c.id], _pooled_people(behind, _criterion_of, c.id)))
    return _table("criteria_summary", "Feasibility per criterion, per group (all scored cards pooled)", [
        G, CRITERION, *STATS,
        ("cards_compared", int, "cards assessed on this criterion by two or more of the group's tables"),
        ("mean_card_sd", float, "mean, over those cards, of the spread between tables: how much tables "
                                "disagree on this criterion"), TABLES, PARTICIPANTS], rows)


def _weighted_by_card(cmp: Comparison, g: Group) -> dict[str, list[float]]:
    key = ("weighted", g.label)
    if key in cmp._memo:
        return cmp._memo[key]
    out: dict[str, list[float]] = defaultdict(list)
    rows: dict[str, array] = defaultdict(lambda: array("i"))  # positions in g.tables, score by score
    cmp._memo[key] = out
    cmp._memo[("weighted rows", g.label)] = rows
    for i, t in enumerate(g.tables):
        for card, score in t.weighted.items():
            out[card].append(score)
            rows[card].append(i)
    return out


def _group_rankings(cmp: Comparison) -> dict[str, list[tuple[int, str, list[float]]]]:
    """Per group: (rank, card, weighted scores) ordered by mean weighted feasibility, best first."""
    out = {}
    for g in cmp.groups:
        scores = _weighted_by_card(cmp, g)
        # Ordered on the same rounded means the ranks tie on, so float noise never puts a card scored by
        # fewer tables ahead of an equal one scored by more.
        means = {c: round(sum(v) / len(v), 6) for c, v in scores.items()}  # every card here has a score
        items = sorted(scores, key=lambda c: (-means[c], -len(scores[c]), c))
        ranks = competition_ranks([means[c] for c in items])
        out[g.label] = [(rank, card, scores[card]) for rank, card in zip(ranks, items, strict=False)]
    return out


def _feasibility_ranking(cmp: Comparison) -> TidyTable:
    rows = []
    groups = {g.label: g for g in cmp.groups}
    for label, ranking in _group_rankings(cmp).items():
        ci = _intervals(cmp, groups[label]).weighted
        people: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for (card, _), who in _behind_by(cmp, groups[label]).items():
            people[card] |= who
        for rank, card, scores in ranking:
            rows.append((label, rank, card, cmp.cards[card].domain, len(scores), _r(mean(scores)),
                         *_ci(ci.get(card)), _r(sample_sd(scores)), len(people[card])))
    return _table("feasibility_ranking", "Cards ranked by weighted feasibility (0-100), per group", [
        G, ("rank", int, "1 = most feasible; tied scores share a rank"), CARD, DOMAIN,
        ("tables_scored", int, "tables that scored the card (n)"),
        ("mean_weighted", float, "mean of the tables' weighted feasibility, 0-100"), *CI,
        ("sd_weighted", float, "sample standard deviation between tables (empty below two)"), PARTICIPANTS], rows)


def _disagreement_within(cmp: Comparison) -> TidyTable:
    rows = []
    for g in cmp.groups:
        values = _values_by(cmp, g)
        behind = _behind_by(cmp, g)
        spread = [(sample_sd(vs), card, crit, vs) for (card, crit), vs in values.items() if len(vs) >= 2]
        spread.sort(key=lambda s: (-s[0], s[1], s[2]))
        for sd, card, crit, vs in spread:
            rows.append((g.label, card, cmp.cards[card].domain, crit, len(vs), _r(sd), _r(min(vs)), _r(max(vs)),
                         len(behind.get((card, crit), ()))))
    return _table("disagreement_within", "Where a group's tables disagree: spread of each card's criterion "
                  "values between tables, largest first", [
        G, CARD, DOMAIN, CRITERION, ("n", int, "tables that assessed it"),
        ("sd", float, "sample standard deviation between tables"), ("min", float, "lowest value"),
        ("max", float, "highest value"), PARTICIPANTS], rows)


def _disagreement_between(cmp: Comparison) -> TidyTable:
    """Per card and measure (each criterion, and the weighted score): spread of the group means."""
    means: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    behind: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)  # tables behind each group mean
    for g in cmp.groups:
        for (card, crit), vs in _values_by(cmp, g).items():
            means[(card, crit)][g.label] = mean(vs)
            behind[(card, crit)][g.label] = len(vs)
        for card, scores in _weighted_by_card(cmp, g).items():
            means[(card, "weighted")][g.label] = mean(scores)
            behind[(card, "weighted")][g.label] = len(scores)
    rows = []
    for (card, measure), by_group in means.items():
        if len(by_group) < 2:
            continue
        vals = list(by_group.values())
        lo = min(by_group, key=lambda k: (by_group[k], k))
        hi = max(by_group, key=lambda k: (by_group[k], k))
        n = behind[(card, measure)]
        rows.append((card, cmp.cards[card].domain, measure, len(vals), _r(sample_sd(vals)),
                     _r(by_group[hi] - by_group[lo]), lo, _r(by_group[lo]), hi, _r(by_group[hi]),
                     sum(n.values()), n[lo], n[hi]))
    rows.sort(key=lambda r: (r[2] != "weighted", -r[4], r[0], r[2]))
    return _table("disagreement_between", "Where groups disagree: spread of the group means of each card, per "
                  "criterion and for the weighted score (0-100), largest first", [
        CARD, DOMAIN, ("measure", str, "a criterion id, or 'weighted' for the weighted feasibility 0-100"),
        ("groups", int, "groups whose tables scored the card"),
        ("sd", float, "sample standard deviation of the group means"),
        ("range", float, "highest group mean minus lowest"),
        ("lowest_group", str, "group with the lowest mean"), ("lowest", float, "its mean"),
        ("highest_group", str, "group with the highest mean"), ("highest", float, "its mean"),
        ("tables", int, "tables behind all the group means", "tavoli dietro tutte le medie dei gruppi"),
        ("lowest_tables", int, "tables behind the lowest mean", "tavoli dietro la media più bassa"),
        ("highest_tables", int, "tables behind the highest mean", "tavoli dietro la media più alta")], rows)


def _workshop_label(cmp: Comparison, w: WorkshopFacts) -> str:
    return f"{w.territory} {w.date} · {w.title}"


def _pick_overlap(cmp: Comparison) -> TidyTable:
    rows = []
    for w in cmp.workshops:
        for a, b in combinations(w.tables, 2):
            j = jaccard(set(a.picked), set(b.picked))
            rows.append(("tables", _workshop_label(cmp, w), a.table_name, b.table_name, len(a.picked & b.picked),
                         len(a.picked | b.picked), _r(j), 2))
    picked = {g.label: {c for t in g.tables for c in t.picked} for g in cmp.groups}
    for ga, gb in combinations(cmp.groups if len(cmp.groups) <= MAX_PAIRWISE_GROUPS else (), 2):
        pa, pb = picked[ga.label], picked[gb.label]
        rows.append(("groups", "", ga.label, gb.label, len(pa & pb), len(pa | pb), _r(jaccard(pa, pb)),
                     len(ga.tables) + len(gb.tables)))
    return _table("pick_overlap", "Overlap of picks (Jaccard): between the tables of each workshop, and between "
                  "groups (cards picked by any of their tables)", [
        ("scope", str, "'tables' (two tables of one workshop) or 'groups' (two groups compared)"),
        ("workshop", str, "territory, date and title of the workshop (empty for groups)"),
        ("a", str, "first table or group"), ("b", str, "second table or group"),
        ("shared", int, "cards both picked"), ("union", int, "cards either picked"),
        ("jaccard", float, "shared / union (empty when neither picked anything)"),
        ("tables", int, "tables behind the two pick sets (2 for two tables)",
         "tavoli dietro i due insiemi di scelte (2 per due tavoli)")], rows)


def _agreement(cmp: Comparison) -> TidyTable:
    """How far the tables of each workshop (and the groups) rank cards alike, and overlap in their picks.

    Kendall's W needs every rater to score the same cards, so it is computed over the cards all of them
    scored; tables rarely score exactly the same cards, so the mean Spearman correlation over each pair's
    common cards (three or more) is given as well."""
    rows = []
    group_of = {w.id: g.label for g in cmp.groups for w in g.workshops} if cmp.group_by != "table" else {}
    untested = []  # W computed over fewer than three common cards: not tested
    for w in cmp.workshops:
        raters = [t.weighted for t in w.tables if t.weighted]
        pairs = [jaccard(set(a.picked), set(b.picked)) for a, b in combinations(w.tables, 2)]
        found = _concordance(raters)
        if found[2] is not None and found[1] < W_MIN_ITEMS:
            untested.append(_workshop_label(cmp, w))
        rows.append(("tables", group_of.get(w.id, _workshop_label(cmp, w)), _workshop_label(cmp, w),
                     *found, _r(mean([p for p in pairs if p is not None])), len(raters)))
    if len(cmp.groups) <= MAX_PAIRWISE_GROUPS:
        scored = [g for g in cmp.groups if _weighted_by_card(cmp, g)]
        raters = [{c: mean(s) for c, s in _weighted_by_card(cmp, g).items()} for g in scored]
        picked = [{c for t in g.tables for c in t.picked} for g in cmp.groups]
        pairs = [jaccard(a, b) for a, b in combinations(picked, 2)]
        found = _concordance(raters)
        if found[2] is not None and found[1] < W_MIN_ITEMS and len(cmp.groups) > 1:
            untested.append("between groups")
        rows.append(("groups", "", "", *found, _r(mean([p for p in pairs if p is not None])),
                     sum(len([t for t in g.tables if t.weighted]) for g in scored)))
    else:
        cmp.warnings.append(f"{len(cmp.groups)} groups: agreement and pick overlap between groups are left out "
                            f"(more than {MAX_PAIRWISE_GROUPS}); group by territory to compare them")
    if untested:
        shown = "; ".join(untested[:5]) + (f" and {len(untested) - 5} more" if len(untested) > 5 else "")
        cmp.warnings.append(f"Kendall's W rests on fewer than {W_MIN_ITEMS} cards scored by every rater, so it is "
                            f"not tested and says little: {shown}")
        cmp._memo["w untested"] = (cmp.warnings[-1], untested)  # the report says it in its own language
    return _table("agreement", "Agreement between the rankings of tables (per workshop) and of groups, and the "
                  "overlap of their picks", [
        ("scope", str, "'tables' (the tables of one workshop) or 'groups' (the groups compared)"),
        G, ("workshop", str, "territory, date and title (empty for groups)"),
        ("raters", int, "tables (or groups) with at least one scored card"),
        ("items", int, "cards every one of those raters scored"),
        ("kendalls_w", float, "Kendall's W over those cards: 0 = no agreement, 1 = identical rankings; "
                              "empty below 2 raters or 2 cards"),
        ("chi2", float, "Friedman's chi-square of W: raters x (items - 1) x W; empty below 3 items (W not tested)",
         "chi quadrato di Friedman di W: valutatori x (carte - 1) x W; vuoto sotto le 3 carte (W non verificata)"),
        ("df", int, "degrees of freedom of that test: items - 1 (given also where W is not tested, where chi2 "
                    "and p_value are empty)",
         "gradi di libertà del test: carte - 1 (dati anche dove W non è verificata: lì chi2 e p_value sono vuoti)"),
        ("p_value", float, "P(chi-square with df degrees of freedom >= chi2): the chance of agreement at least this "
                           "strong if the raters ranked at random",
         "P(chi quadrato con df gradi di libertà >= chi2): la probabilità di un accordo almeno così forte se i "
         "valutatori ordinassero a caso"),
        ("pairs", int, "pairs of raters whose rankings could be compared: three or more cards in common, "
                              "not all tied"),
        ("mean_spearman", float, "mean Spearman correlation of those pairs' rankings over their common cards "
                                 "(-1 = opposite, 0 = unrelated, 1 = identical)"),
        ("mean_jaccard", float, "mean pick overlap over all pairs of raters"),
        ("tables", int, "tables behind the raters' rankings (for groups: all their tables that scored a card)",
         "tavoli dietro le classifiche dei valutatori (per i gruppi: tutti i loro tavoli che hanno valutato una "
         "carta)")], rows)


def _concordance(raters: list[dict[str, float]]) -> tuple:
    """raters, common items, Kendall's W over them, its chi-square, df and p-value, comparable pairs, mean
    pairwise Spearman."""
    common = sorted(set.intersection(*(set(r) for r in raters))) if raters else []
    w = kendalls_w([[r[c] for c in common] for r in raters]) if len(raters) >= 2 else None
    test = kendalls_w_test(w, len(raters), len(common))
    chi2, df, p = test if test else (None, max(len(common) - 1, 0), None)  # counts are never missing
    rhos = []
    for a, b in combinations(raters, 2):
        shared = sorted(set(a) & set(b))
        rho = spearman([a[c] for c in shared], [b[c] for c in shared])
        if rho is not None:
            rhos.append(rho)
    return len(raters), len(common), _r(w), _r(chi2), df, p, len(rhos), _r(mean(rhos))


def _tables_with_workshops(cmp: Comparison) -> Iterable[tuple[Group, WorkshopFacts, TableFacts]]:
    workshops = {w.id: w for w in cmp.workshops}
    for g in cmp.groups:
        for t in g.tables:
            yield g, workshops[t.workshop], t


def _proposals(cmp: Comparison) -> TidyTable:
    rows = []
    for g, w, t in _tables_with_workshops(cmp):
        for p in t.proposals:
            cards = [c for c, _ in p.cards]
            domains = list(dict.fromkeys(cmp.cards[c].domain for c in cards if c in cmp.cards))
            rows.append((g.label, _workshop_label(cmp, w), t.table_name, p.ref, p.title, " ".join(cards),
                         " ".join(domains), _r(p.weighted)))
    return _table("proposals", "Proposals made at the tables", [
        G, ("workshop", str, "territory, date and title"), ("table", str, "table name"),
        ("proposal", str, "the table's proposal reference, e.g. P1"), ("title", str, "proposal title"),
        ("cards", str, "source card ids, space-separated"), ("domains", str, "domains of the source cards"),
        ("weighted", float, "weighted feasibility 0-100 the table gave it (empty if not scored)")], rows)


def _proposal_cards(cmp: Comparison) -> TidyTable:
    rows = []
    for g, w, t in _tables_with_workshops(cmp):
        for p in t.proposals:
            for card, how in p.cards:
                domain = cmp.cards[card].domain if card in cmp.cards else ""
                rows.append((g.label, _workshop_label(cmp, w), t.table_name, p.ref, card, domain, how))
    return _table("proposal_cards", "The cards each proposal was built from (one row per card)", [
        G, ("workshop", str, "territory, date and title"), ("table", str, "table name"),
        ("proposal", str, "proposal reference"), CARD, DOMAIN,
        ("how", str, "how the card is used in the proposal")], rows)


def _domain_proposals(cmp: Comparison) -> TidyTable:
    rows = []
    for g in cmp.groups:
        proposals: Counter[str] = Counter()
        uses: Counter[str] = Counter()
        for t in g.tables:
            for p in t.proposals:
                domains = [cmp.cards[c].domain for c, _ in p.cards if c in cmp.cards]
                uses.update(domains)
                proposals.update(set(domains))
        for domain in cmp.domains:
            rows.append((g.label, domain, proposals[domain], uses[domain]))
    return _table("domain_proposals", "Proposals per domain: proposals drawing on at least one card of the domain "
                  "(a proposal spanning two domains counts in both)", [
        G, DOMAIN, ("proposals", int, "proposals using a card of the domain"),
        ("cards_used", int, "cards of the domain used across those proposals")], rows)


def _domain_priorities(cmp: Comparison) -> TidyTable:
    rows = []
    for g in cmp.groups:
        with_priorities = [t for t in g.tables if t.priority_domains]
        for domain in cmp.domains:
            positions = [t.priority_domains.index(domain) + 1 for t in with_priorities
                         if domain in t.priority_domains]
            first = sum(1 for t in with_priorities if t.priority_domains[0] == domain)
            rows.append((g.label, domain, len(with_priorities), len(positions), first, _r(mean(positions))))
    return _table("domain_priorities", "Priority domains the tables named, in order", [
        G, DOMAIN, ("tables_with_priorities", int, "tables of the group that set priority domains"),
        ("tables_naming", int, "of those, tables that named this domain"),
        ("first_choice", int, "tables that put it first"),
        ("mean_position", float, "mean position where named (1 = first; n = tables_naming); empty if never named")],
                  rows)


def iter_tables(cmp: Comparison) -> Iterable[TidyTable]:
    return cmp.tables.values()
