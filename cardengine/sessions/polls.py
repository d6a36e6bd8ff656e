"""The plenary's polls: what a poll is, which options each kind of poll may offer, how its votes fold into the
workshop state and what its results are. Pure: no file, no clock, no messages (the checks that word a refusal
are in payload_checks.py; the actions that record a poll in poll_actions.py).

A poll is workshop-level (its events belong to no table) and is not undoable: a vote cast is part of the
record. Three kinds:
- goals: choose up to `max_choices` of the 17 Sustainable Development Goals (options "1".."17");
- dots: put `max_choices` dots on the tables' favoured cards and proposals (a card id, or "TABLE/P1"), several
  on one option if you like;
- domains: rank up to `max_choices` of the workshop's domains (Borda count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cardengine.sessions.events import Event

if TYPE_CHECKING:
    from cardengine.sessions.state import WorkshopState

POLL_KINDS = ("goals", "dots", "domains")
POLL_EVENTS = frozenset({"poll.opened", "poll.closed", "vote"})
SDGS = tuple(str(n) for n in range(1, 18))  # the goals' options: SDG numbers as text
MAX_DOTS = 10  # dots per participant in a dot vote: a handful is what a sticky-dot sheet gives
POLL_ID = re.compile(r"Q[1-9][0-9]{0,5}")
VOTER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_OPTIONS = 500  # a poll a phone can show; far more than the cards of four tables
MAX_OPTION_LENGTH = 200
MAX_QUESTION_LENGTH = 500


@dataclass
class Poll:
    """One poll as the events so far made it: `votes` maps a voter to their choices, in the order they voted."""

    id: str
    kind: str
    question: dict[str, str]
    max_choices: int
    options: tuple[str, ...]
    opened_at: str
    closed_at: str | None = None
    votes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def voters(self) -> int:
        return len(self.votes)


@dataclass(frozen=True)
class PollResult:
    option: str
    votes: int  # voters who chose it (a voter who put three dots on it counts once)
    points: int  # goals: voters; dots: dots; domains: Borda points


def poll_results(poll: Poll) -> list[PollResult]:
    """Every option of the poll with its votes and points, most points first (ties in the options' order).
    Domains are ranked by a Borda count: on each ballot the first choice gets `max_choices` points, the next one
    less, down to 1."""
    votes = dict.fromkeys(poll.options, 0)
    points = dict.fromkeys(poll.options, 0)
    for choices in poll.votes.values():
        for rank, option in enumerate(choices):
            if option not in points:  # not an option: the checks refuse it; a hand-made state is not trusted
                continue
            if poll.kind == "domains":
                points[option] += max(poll.max_choices - rank, 0)
            else:
                points[option] += 1
        for option in set(choices):
            if option in votes:
                votes[option] += 1
    order = {option: i for i, option in enumerate(poll.options)}
    return sorted((PollResult(o, votes[o], points[o]) for o in poll.options),
                  key=lambda r: (-r.points, order[r.option]))


# ---------------------------------------------------------------- the options a kind may offer

def proposal_key(table: str, ref: str) -> str:
    """A proposal as a dot-vote option: "TABLE/P1"."""
    return f"{table}/{ref}"


def poll_options(state: WorkshopState, kind: str) -> list[str]:
    """The options a new poll of `kind` offers by default: goals, the 17 SDGs; dots, every card picked as a
    favourite at any table (first table first) and then every proposal as "TABLE/P1"; domains, the domains of
    the workshop's decks in deck order. ValueError for another kind."""
    if kind == "goals":
        return list(SDGS)
    if kind == "dots":
        cards = [p.card for t in state.tables.values() for p in t.picks.values() if p.kind == "favourite"]
        proposals = [proposal_key(t.id, ref) for t in state.tables.values() for ref in t.proposals]
        return list(dict.fromkeys(cards)) + proposals
    if kind == "domains":
        return list(dict.fromkeys(d.domain for d in state.decks.values()))
    raise ValueError(f"unknown poll kind {kind!r} (kinds: {', '.join(POLL_KINDS)})")


def option_allowed(state: WorkshopState, kind: str, option: str) -> bool:
    """May a poll of `kind` offer `option` in this workshop? Dots accept any card of the workshop's decks and any
    proposal ever made at a table (a favourite may be un-picked later; the poll keeps what it asked)."""
    if kind == "goals":
        return option in SDGS
    if kind == "domains":
        return any(d.domain == option for d in state.decks.values())
    if kind == "dots":
        if option in state.cards:
            return True
        table, _, ref = option.rpartition("/")
        return bool(table) and (table, ref) in state.known.proposals
    return False


def max_choices_limit(kind: str, options: int) -> int:
    """The most choices a poll of `kind` with this many options may ask for: a dot vote gives up to MAX_DOTS
    dots whatever the options; the others choose distinct options."""
    return MAX_DOTS if kind == "dots" else options


def option_label(state: WorkshopState, kind: str, option: str, lang: str) -> str:
    """An option as people read it: a goal's name, a card's or a proposal's title, a domain's deck name, in
    `lang` where there is one (else English or the first language); an unknown option as it is."""
    if kind == "goals" and option in SDGS:
        from cardengine.decks.vocabulary import SDG_NAMES, word_in  # the engine's words: loaded when asked

        return word_in(SDG_NAMES[int(option)], lang)
    if kind == "dots":
        card = state.cards.get(option)
        if card is not None:
            return _text_in(card.title, lang) or option
        table, _, ref = option.rpartition("/")
        proposal = state.tables[table].proposals.get(ref) if table in state.tables else None
        return proposal.title if proposal else option
    if kind == "domains":
        deck = next((d for d in state.decks.values() if d.domain == option), None)
        return (_text_in(deck.name, lang) or option) if deck else option
    return option


def _text_in(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")


# ---------------------------------------------------------------- the fold

def apply_poll_event(polls: dict[str, Poll], e: Event) -> None:
    """Fold one checked poll event into `polls` (in place)."""
    p: dict[str, Any] = e.payload
    if e.kind == "poll.opened":
        polls[p["poll"]] = Poll(p["poll"], p["kind"], dict(p.get("question", {})), p["max_choices"],
                                tuple(p["options"]), e.at)
    elif e.kind == "poll.closed":
        polls[p["poll"]].closed_at = e.at
    elif e.kind == "vote":
        polls[p["poll"]].votes[p["voter"]] = tuple(p["choices"])


def open_poll_of(polls: dict[str, Poll]) -> Poll | None:
    """The poll open now, if any (at most one is)."""
    return next((poll for poll in reversed(polls.values()) if poll.is_open), None)


def next_poll_id(polls: dict[str, Poll]) -> str:
    number = len(polls) + 1
    while f"Q{number}" in polls:
        number += 1
    return f"Q{number}"


__all__ = ["MAX_DOTS", "POLL_EVENTS", "POLL_KINDS", "SDGS", "Poll", "PollResult", "apply_poll_event",
           "max_choices_limit", "next_poll_id", "open_poll_of", "option_allowed", "option_label", "poll_options",
           "poll_results", "proposal_key"]
