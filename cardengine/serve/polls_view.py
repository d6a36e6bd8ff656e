"""Polls as the pages show them (pure): the current or last poll with its options and result bars, the options a
new poll of each kind offers, and a phone's form read back into the choices of a vote.

Built on `cardengine.sessions.polls` (the Poll state and `poll_results`); colours: the UN's SDG colours for goals,
the decks' domain colours for domains and cards, grey for proposals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cardengine.decks.vocabulary import SDG_COLOURS
from cardengine.serve.view import GREY, HEX, Namer, domain_colours, localised
from cardengine.serve.words import Words
from cardengine.sessions import Poll, WorkshopState, poll_options, poll_results
from cardengine.sessions.polls import POLL_KINDS, max_choices_limit, open_poll_of

KINDS = POLL_KINDS


class VoteError(ValueError):
    """A phone's form that is not a vote of this poll: `key` names the words saying why."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Option:
    value: str  # as stored in the poll: "7", "EN-04", "area-nord/P1", "energy"
    label: str  # short: the goal's number, the card id, the proposal's ref
    text: str  # long: the goal's, card's, proposal's or domain's name
    colour: str  # #RRGGBB


@dataclass(frozen=True)
class Bar:
    option: Option
    votes: int
    points: int
    share: float  # 0..100, of the leading option's points


@dataclass(frozen=True)
class PollView:
    id: str
    kind: str
    title: str  # the kind's name
    ask: str  # what to do: "Choose up to 3 goals"
    question: str  # the facilitator's own question, in the page's language ('' if none)
    is_open: bool
    max_choices: int
    voters: int
    options: list[Option]
    bars: list[Bar]


def current_poll(state: WorkshopState) -> Poll | None:
    """The open poll, else the last one closed, else None."""
    polls = list(state.polls.values())
    return next((p for p in polls if p.is_open), polls[-1] if polls else None)


def open_poll(state: WorkshopState) -> Poll | None:
    return open_poll_of(state.polls)


def describe(state: WorkshopState, option: str, kind: str, names: Namer, words: Words) -> Option:
    colours = {domain: fill for domain, fill, _ in domain_colours(state)}
    if kind == "goals" and option.isdigit() and int(option) in SDG_COLOURS:
        return Option(option, option, words.sdg(int(option)), SDG_COLOURS[int(option)])
    if kind == "domains":
        chip = names.domain(option)
        return Option(option, chip.label, chip.text, colours.get(option, GREY))
    if "/" in option:  # a proposal: TABLEID/P1
        table, _, ref = option.partition("/")
        chip = names.proposal(table, ref)
        where = state.tables[table].name if table in state.tables else table
        return Option(option, f"{where} {ref}", chip.text, GREY)
    card = state.cards.get(option)
    colour = colours.get(card.domain, GREY) if card else GREY
    return Option(option, option, names.card(option).text, colour if HEX.fullmatch(colour) else GREY)


def poll_view(state: WorkshopState, poll: Poll, lang: str) -> PollView:
    names = Namer(state, lang)
    words = Words(lang)
    options = {o: describe(state, o, poll.kind, names, words) for o in poll.options}
    results = poll_results(poll)
    top = max((r.points for r in results), default=0)
    bars = [Bar(options[r.option], r.votes, r.points, 100 * r.points / top if top else 0.0)
            for r in results if r.option in options]
    ask = f"poll.ask.{poll.kind}" + (".one" if poll.max_choices == 1 else "")  # "Choose one goal", not "up to 1"
    return PollView(poll.id, poll.kind, words(f"poll.{poll.kind}"), words(ask, n=poll.max_choices),
                    localised(poll.question, lang) if poll.question else "", poll.is_open, poll.max_choices,
                    len(poll.votes), list(options.values()), bars)


def new_options(state: WorkshopState, kind: str) -> list[str]:
    """What a new poll of `kind` offers: the 17 goals; the tables' favoured cards and their proposals; the
    domains of the workshop's decks (the engine's `poll_options`)."""
    return poll_options(state, kind)


def most_choices(state: WorkshopState, kind: str) -> int:
    """The largest 'up to' a new poll of `kind` may ask for."""
    return max_choices_limit(kind, len(new_options(state, kind)))


def choices_of(poll: Poll, form: Mapping[str, str], chosen: list[str]) -> list[str]:
    """The choices of a phone's vote from its form (`chosen`: the values of its checkboxes); VoteError if it is
    not a valid vote of `poll` (nothing is saved then)."""
    allowed = set(poll.options)
    if poll.kind == "goals":
        picked = list(dict.fromkeys(chosen))
        if any(c not in allowed for c in picked):
            raise VoteError("err.bad_form")
    elif poll.kind == "dots":
        picked = []
        for option in poll.options:
            raw = form.get(f"dots:{option}", "0").strip() or "0"
            if not raw.isdigit() or int(raw) > poll.max_choices:
                raise VoteError("err.bad_form")
            picked += [option] * int(raw)
    else:
        ranks: dict[int, str] = {}
        for option in poll.options:
            raw = form.get(f"rank:{option}", "").strip()
            if not raw:
                continue
            if not raw.isdigit() or int(raw) in ranks or not 1 <= int(raw) <= poll.max_choices:
                raise VoteError("vote.rank_gap")
            ranks[int(raw)] = option
        if sorted(ranks) != list(range(1, len(ranks) + 1)):
            raise VoteError("vote.rank_gap")
        picked = [ranks[r] for r in sorted(ranks)]
    if not picked:
        raise VoteError("vote.none_chosen")
    if len(picked) > poll.max_choices:
        raise VoteError("vote.too_many", chosen=len(picked), n=poll.max_choices)
    return picked
