"""The facts the comparison reads from each workshop: cards, domains, criteria and, per table, what it picked,
scored, proposed and said. Small frozen records, so they pickle cheaply between the reader's processes.

Pure: a derived `WorkshopState` in, a `WorkshopFacts` out (`workshop_facts`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cardengine.decks.model import CriteriaSet
from cardengine.sessions.polls import Poll, poll_results
from cardengine.sessions.scoring import all_criterion_values, weighted_score
from cardengine.sessions.state import CONSENSUS, WorkshopState

PICKED = ("selected", "favourite")


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
class PollFacts:
    """One plenary poll of a workshop with its results (option, voters who chose it, points), most points
    first; `titles` names the proposals among a dot vote's options ("TABLE/P1" -> title)."""

    id: str  # Q1, Q2, ...
    kind: str  # goals, dots or domains
    question: dict[str, str]
    max_choices: int
    voters: int
    closed: bool
    results: tuple[tuple[str, int, int], ...]
    titles: dict[str, str] = field(default_factory=dict)


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
    origin: SourceFacts | None = None  # filled by the reader (`run`); None for facts built in memory
    polls: tuple[PollFacts, ...] = ()  # the plenary's polls, in the order they were opened


def workshop_facts(state: WorkshopState, source: str, origin: SourceFacts | None = None) -> WorkshopFacts:
    """The facts of one workshop, from its derived state."""
    crits = state.criteria
    available = frozenset(state.cards)
    tables = []
    scored: dict[tuple[float | None, ...], float | None] = {}  # values -> score: a workshop repeats a few
    for t in state.tables.values():
        if t.id == "":  # actions without a table (a partial merge) have no table to compare
            continue
        values = all_criterion_values(t, crits) if crits else {}
        picked = frozenset(c for c, p in t.picks.items() if p.kind in PICKED)
        card_values = {c: values[c] for c in picked if c in values}
        weighted = {}
        if crits:  # without criteria nothing was scored: `values` is empty
            for card, vals in card_values.items():
                key = tuple(vals.values())  # in the criteria's order: the score depends on nothing else here
                score = scored[key] if key in scored else scored.setdefault(key, weighted_score(vals, crits))
                if score is not None:
                    weighted[card] = score
        proposals = tuple(
            ProposalFacts(p.id, p.title, tuple((c["card"], c.get("how", "")) for c in p.cards),
                          _score(values.get(p.id), crits))
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
    domains: dict[str, DomainInfo] = {}
    for d in state.decks.values():
        domains.setdefault(d.domain, DomainInfo(d.domain, dict(d.name), d.colour))
    criteria = tuple(CriterionInfo(c.id, dict(c.label), c.lowest, c.highest,
                                   c.direction.value == "lower-is-better")
                     for c in (crits.criteria if crits else ()))
    return WorkshopFacts(
        id=state.id, source=source, title=state.title, territory=state.territory, date=state.date,
        language=state.language, example=getattr(state, "example", False), tables=tuple(tables),
        participants=dict(Counter(p.stakeholder_type for p in state.participants.values())),
        cards=cards, domains=domains, criteria=criteria, criteria_id=crits.id if crits else "", origin=origin,
        polls=tuple(_poll(state, poll) for poll in state.polls.values()))


def _poll(state: WorkshopState, poll: Poll) -> PollFacts:
    titles = {}
    if poll.kind == "dots":
        for option in poll.options:
            table, _, ref = option.rpartition("/")
            if table in state.tables and ref in state.tables[table].proposals:
                titles[option] = state.tables[table].proposals[ref].title
    return PollFacts(poll.id, poll.kind, dict(poll.question), poll.max_choices, poll.voters, not poll.is_open,
                     tuple((r.option, r.votes, r.points) for r in poll_results(poll)), titles)


def _score(values: dict[str, float | None] | None, crits: CriteriaSet | None) -> float | None:
    """A proposal's weighted score: None when it was not scored."""
    return weighted_score(values, crits) if values is not None and crits else None


def _type_of(state: WorkshopState, participant: str | None) -> str:
    found = state.participants.get(participant or "")
    return found.stakeholder_type if found else ""
