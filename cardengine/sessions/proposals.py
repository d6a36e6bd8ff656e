"""A workshop's proposals as a deck the next workshop can print and play with.

Text comes from the proposal; what a proposal does not say is derived from the cards it combines
(documented in docs/sessions.md): scales = union, cost and horizon = the highest, SDGs = the most
frequent six. The deck is validated like any other before it is written.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from cardengine.decks.load import deck_from_data
from cardengine.decks.model import Deck
from cardengine.decks.yaml_source import Positions
from cardengine.i18n import catalogue, is_language_code, tr, tr_later
from cardengine.problems import Problem
from cardengine.sessions.state import WorkshopState

COSTS = ("low", "medium", "high", "very-high")
HORIZONS = ("short", "medium", "long")
SCALES = ("building", "company", "district", "municipality")
PROPOSALS_COLOUR = "#6A3D9A"
# The words a proposals deck is written with, in the workshop's language (the `cli` catalogue; English where
# a language has no translation).
WORDS = {"name": tr_later("Proposals"), "combines": tr_later("Combines {cards}"),
         "table": tr_later("table {name}"), "no_actors": tr_later("to be decided")}


def _code(text: str, length: int = 3) -> str:
    letters = re.sub(r"[^A-Za-z0-9]", "", text.upper())
    return letters[:length] or "WS"


def proposals_data(state: WorkshopState, deck_id: str) -> dict[str, Any]:
    lang = state.language if is_language_code(state.language) else "en"
    words = {key: catalogue(lang, "cli").gettext(english) for key, english in WORDS.items()}
    cards: list[dict[str, Any]] = []
    # Short ids fit the card's corner: territory code, year, number (PR-TRE21-01); the table is in `origin`.
    prefix = f"PR-{_code(state.territory)}{state.date[2:4]}"
    for table in state.tables.values():
        for p in table.proposals.values():
            sources = [state.cards[c["card"]] for c in p.cards if c["card"] in state.cards]
            sdgs = [goal for goal, _ in Counter(g for s in sources for g in s.sdgs).most_common(6)] or [11]
            scales = [s for s in SCALES if any(s in src.scale for src in sources)] or ["district"]
            ids = [c["card"] for c in p.cards]
            card: dict[str, Any] = {
                "id": f"{prefix}-{len(cards) + 1:02d}",
                "title": p.title,
                "summary": words["combines"].format(cards=" + ".join(ids)) + " · "
                           + words["table"].format(name=table.name),
                "description": p.description or p.title,
                # "Chi:" names who leads it; a deck card needs one actor, so an open question says so plainly
                # (the table that made it is in the summary and the origin, never passed off as an actor).
                "actors": p.lead_actors[:5] or [words["no_actors"]],
                "scale": scales,
                "cost": max((s.cost for s in sources), key=COSTS.index, default="medium"),
                "horizon": max((s.horizon for s in sources), key=HORIZONS.index, default="medium"),
                "sdgs": sdgs,
                "tags": ["proposal"],
                "origin": {"workshop": state.title, "workshop_id": state.id, "territory": state.territory,
                           "date": state.date, "table": table.name, "proposal": p.id, "cards": ids},
            }
            cards.append(card)
    return {
        "id": deck_id, "domain": "proposals", "name": words["name"],
        "description": f"{state.title}, {state.territory}, {state.date}",
        "colour": PROPOSALS_COLOUR, "version": "1.0", "languages": [lang], "licence": "CC-BY-SA-4.0",
        "authors": [state.facilitator or state.title], "cards": cards,
    }


# The second line of every proposals deck (the first is the schema comment editors read): it says which
# workshop the deck comes from, so `cardengine proposals` replaces its own output and nothing else.
MARK = "# made by `cardengine proposals` from workshop {id}; running it again replaces this file\n"
_MARK = re.compile(r"^# made by `cardengine proposals` from workshop (\S+);", re.MULTILINE)


def marked(text: str, workshop_id: str) -> str:
    """The deck's YAML with the mark after its first line."""
    first, _, rest = text.partition("\n")
    return f"{first}\n{MARK.format(id=workshop_id)}{rest}"


def marked_for(path: Path) -> str | None:
    """The workshop id a proposals deck at `path` was made from (from its mark), None for any other file."""
    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = _MARK.search("\n".join(head.split("\n")[:3]))
    return match.group(1) if match else None


def proposals_deck(state: WorkshopState, output: Path) -> tuple[Deck | None, list[Problem]]:
    deck_id = re.sub(r"[^a-z0-9]+", "-", output.stem.lower()).strip("-") or "proposals"
    data = proposals_data(state, deck_id)
    if not data["cards"]:
        return None, [Problem(output, 0, 0, (), tr("the workshop has no proposals yet"),
                              tr("record one with `cardengine session propose`"))]
    deck, problems = deck_from_data(data, output, Positions(), base=output.parent)
    # Name the proposal rather than a YAML line that does not exist yet.
    named = []
    for p in problems:
        if len(p.path) >= 2 and p.path[0] == "cards":
            origin = data["cards"][p.path[1]]["origin"]
            p = Problem(tr("proposal {ref} of table {table}").format(ref=origin["proposal"], table=origin["table"]),
                        0, 0, p.path[2:], p.message,
                        p.hint)
        named.append(p)
    return deck, named
