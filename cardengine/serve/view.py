"""The plenary's view model: what the projector shows, computed from a WorkshopState (pure, no I/O).

Per table: picks, favourites, the weighted feasibility ranking (`table_ranking`), proposals with their cards and
the priority domains; across tables: the most favoured cards, the overall ranking (a card's mean score over the
tables that scored it) and the priority domains by how many tables chose them. Lists are cut to what fits a
1280x720 projector for four tables; each cut list says how many more there are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from cardengine.contrast import ink_on
from cardengine.sessions import Ranked, WorkshopState, table_ranking

HEX = re.compile(r"#[0-9A-Fa-f]{6}")
GREY = "#767676"
FAVOURITES, PROPOSAL_CARDS, TOP = 4, 4, 6
# Ranked rows a table always shows; the ones after may give way on a small projector (live.js), counted in "+N".
KEEP_RANKED = 3


def room(tables: int) -> tuple[int, int]:
    """How many ranked items and proposals each table shows: fewer with four tables, whose columns are narrow
    (titles wrap to two lines rather than being cut)."""
    return (4, 2) if tables >= 4 else (5, 3)


@dataclass(frozen=True)
class Chip:
    label: str  # short: a card id, a domain's name
    text: str  # long: the card's title
    domain: int  # index of its domain colour class (d-N in /colours.css); -1: none


@dataclass(frozen=True)
class Row:
    rank: int
    chip: Chip
    score: float | None  # 0..100
    proposal: bool = False
    tables: int = 1  # how many tables' scores stand behind it (the overall ranking: their mean)


@dataclass(frozen=True)
class ProposalView:
    ref: str
    title: str
    cards: list[Chip]


@dataclass
class TableView:
    id: str
    name: str
    area: str
    picks: int
    favourites: list[Chip]
    more_favourites: int
    ranking: list[Row]
    more_ranking: int
    proposals: list[ProposalView]
    more_proposals: int
    priorities: list[Chip]


@dataclass
class Overall:
    picks: int
    favourites: int
    proposals: int
    top: list[tuple[Chip, int]] = field(default_factory=list)  # (card, tables favouring it)
    ranking: list[Row] = field(default_factory=list)
    priorities: list[tuple[Chip, int]] = field(default_factory=list)  # (domain, tables choosing it)


@dataclass
class PlenaryView:
    title: str
    territory: str
    date: str
    place: str
    example: bool
    tables: list[TableView]
    overall: Overall


def domain_colours(state: WorkshopState) -> list[tuple[str, str, str]]:
    """(domain, fill, ink) of each domain of the workshop's decks, in a fixed order: index i is class d-i. A
    colour that is not #RRGGBB (a hand-edited file) shows grey rather than reaching the stylesheet."""
    seen: dict[str, str] = {}
    for deck in state.decks.values():
        seen.setdefault(deck.domain, deck.colour if HEX.fullmatch(deck.colour or "") else GREY)
    return [(domain, colour, ink_on(colour.upper())) for domain, colour in sorted(seen.items())]


def localised(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text.get("en") or text.get("it") or next(iter(text.values()), "")


class Namer:
    """Chips for cards, proposals and domains of one workshop in one language."""

    def __init__(self, state: WorkshopState, lang: str):
        self.state = state
        self.lang = lang
        self.index = {domain: i for i, (domain, _, _) in enumerate(domain_colours(state))}
        self.domain_names = {d.domain: localised(d.name, lang) for d in state.decks.values()}

    def card(self, card_id: str) -> Chip:
        card = self.state.cards.get(card_id)
        if card is None:
            return Chip(card_id, card_id, -1)
        return Chip(card_id, localised(card.title, self.lang), self.index.get(card.domain, -1))

    def domain(self, domain: str) -> Chip:
        name = self.domain_names.get(domain, domain)
        return Chip(name, name, self.index.get(domain, -1))

    def proposal(self, table: str, ref: str) -> Chip:
        proposal = self.state.tables[table].proposals.get(ref) if table in self.state.tables else None
        return Chip(ref, proposal.title if proposal else ref, -1)


def plenary(state: WorkshopState, lang: str) -> PlenaryView:
    names = Namer(state, lang)
    rankings = {key: table_ranking(table, state.criteria) for key, table in state.tables.items() if key}
    ranked, proposals = room(len(rankings))
    tables = [_table(state, names, table_id, rankings[table_id], ranked, proposals) for table_id in rankings]
    return PlenaryView(state.title, state.territory, state.date, state.place, state.example, tables,
                       _overall(state, names, rankings))


def _table(state: WorkshopState, names: Namer, table_id: str, ranking: list[Ranked], most: int,
           shown: int) -> TableView:
    table = state.tables[table_id]
    kept = [card for card, pick in table.picks.items() if pick.kind != "discarded"]
    favourites = [names.card(card) for card, pick in table.picks.items() if pick.kind == "favourite"]
    ranked = [Row(r.rank, names.proposal(table_id, r.target) if r.kind == "proposal" else names.card(r.target),
                  r.score, r.kind == "proposal") for r in ranking]
    scored = [r for r in ranked if r.score is not None]
    proposals = [ProposalView(p.id, p.title, [names.card(c["card"]) for c in p.cards][:PROPOSAL_CARDS])
                 for p in table.proposals.values()]
    return TableView(table_id, table.name, table.area, len(kept), favourites[:FAVOURITES],
                     max(0, len(favourites) - FAVOURITES), scored[:most], max(0, len(scored) - most),
                     proposals[:shown], max(0, len(proposals) - shown),
                     [names.domain(d) for d in table.priority_domains])


def _overall(state: WorkshopState, names: Namer, rankings: dict[str, list[Ranked]]) -> Overall:
    favoured: Counter[str] = Counter()
    domains: Counter[str] = Counter()
    scores: dict[str, list[float]] = {}
    picks = proposals = 0
    for key, table in state.tables.items():
        if not key:
            continue
        picks += sum(1 for p in table.picks.values() if p.kind != "discarded")
        proposals += len(table.proposals)
        favoured.update(card for card, p in table.picks.items() if p.kind == "favourite")
        domains.update(table.priority_domains)
        for r in rankings[key]:
            if r.kind != "proposal" and r.score is not None:
                scores.setdefault(r.target, []).append(r.score)
    means = sorted(((sum(v) / len(v), card) for card, v in scores.items()), key=lambda m: (-round(m[0], 2), m[1]))
    order = list(state.cards)  # ties in the order of the decks

    def place(card: str) -> int:
        return order.index(card) if card in state.cards else len(order)

    top = sorted(favoured.items(), key=lambda item: (-item[1], place(item[0])))[:TOP]
    return Overall(picks, sum(favoured.values()), proposals,
                   [(names.card(card), n) for card, n in top],
                   [Row(i + 1, names.card(card), score, tables=len(scores[card]))
                    for i, (score, card) in enumerate(means[:TOP])],
                   [(names.domain(d), n) for d, n in sorted(domains.items(), key=lambda item: (-item[1], item[0]))])
