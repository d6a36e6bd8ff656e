"""`validate --layout`: every problem `build` would meet laying the cards out, found by the same code, and where.

A facilitator checks a deck before the print shop opens, so validate lays out each deck in each of its
languages (build prints one language per run, any of them) with `build.lay_out`, the function build itself
calls: text that does not fit, missing glyphs, SDG badges, images, template errors and budgets. Each problem
is one line that starts with the deck file and the line of the card's text the box prints, so an editor
jumps there; build prints the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cardengine.decks.model import Deck
from cardengine.i18n import ntr, tr
from cardengine.printing.compose import LayoutProblem
from cardengine.printing.layout import Box, Layout

if TYPE_CHECKING:
    from cardengine.decks.yaml_source import Positions

# The card field a box template prints ("{{ card.description }}"), to point at the deck line that holds it.
_CARD_FIELD = re.compile(r"\bcard\.(\w+)")


def _sides(layout: Layout) -> Iterable[tuple[Box, ...]]:
    return (getattr(layout, name, ()) for name in ("front", "details", "back"))


def _box(layout: Layout, name: str) -> Box | None:
    return next((b for side in _sides(layout) for b in side if b.name == name), None)


class Locator:
    """Deck file and line of the card text behind a layout problem. Reads a deck file again only when one of
    its cards has a problem (the positions are not kept after loading: most builds have no problem)."""

    def __init__(self, decks: Sequence[Deck], layout: Layout):
        self.decks = {d.id: d for d in decks}
        self.layout = layout
        self._positions: dict[Path, Positions | None] = {}

    def _positions_of(self, source: Path) -> Positions | None:
        if source not in self._positions:
            from cardengine.decks.yaml_source import read_yaml

            doc, _ = read_yaml(source)
            self._positions[source] = doc.positions if doc is not None else None
        return self._positions[source]

    def where(self, problem: LayoutProblem, lang: str) -> str:
        deck = self.decks.get(problem.deck)
        if deck is None or deck.source is None:
            return ""
        index = next((i for i, c in enumerate(deck.cards) if c.id == problem.card), None)
        positions = self._positions_of(deck.source) if index is not None else None
        if positions is None:
            return f"{deck.source}: "
        box = _box(self.layout, problem.box)
        fields = set(_CARD_FIELD.findall(box.template)) if box is not None else set()
        path: tuple = ("cards", index, fields.pop(), lang) if len(fields) == 1 else ("cards", index, "id")
        line, _ = positions.of_value(path)
        return f"{deck.source}:{line}: "

    def line(self, problem: LayoutProblem, lang: str) -> str:
        """FILE:LINE: [warning: ]deck D, card C, box 'B': what is wrong; how to fix it."""
        said = tr("warning: {message}").format(message=problem) if problem.severity == "warning" else str(problem)
        return f"{self.where(problem, lang)}{said}"


def problem_lines(problems: Sequence[LayoutProblem], decks: Sequence[Deck], layout: Layout,
                  lang: str | None) -> list[str]:
    """Build's report of its layout problems (`lang`: the language asked for, else each deck's first)."""
    locator = Locator(decks, layout)
    langs = {d.id: lang if lang else d.default_language for d in decks}
    return [locator.line(p, langs.get(p.deck, "")) for p in problems]


def deck_id_clashes(decks: Sequence[Deck]) -> list[str]:
    """Two files that are the same deck id: build refuses them (their PDFs would have one name)."""
    from cardengine.printing.build import other_file

    first: dict[str, Deck] = {}
    lines = []
    for deck in decks:
        seen = first.setdefault(deck.id, deck)
        if seen is not deck and other_file(seen.source, deck.source):
            lines.append(tr("{path}: deck id '{id}' is also the id of {other}, so their printed files would have "
                            "the same name; give one of them another id").format(path=deck.source, id=deck.id,
                                                                                 other=seen.source))
    return lines


def size_notes(deck: Deck, layout: Layout, lang: str, locator: Locator) -> list[str]:
    """Boxes one card's text makes smaller on the whole deck: shortening that text prints every card larger."""
    from cardengine.printing.deckfit import fit_deck

    notes = []
    for boxes in _sides(layout):
        if boxes is getattr(layout, "back", None):
            continue  # the common back is laid out once, not per card
        for name, low in fit_deck(boxes, deck, lang).smallest.items():
            box = _box(layout, name)
            if box is None or (len(low) > 1 and low[1][0] == low[0][0]):
                continue  # several cards need that size: no one text to shorten
            size, card = low[0]
            without = low[1][0] if len(low) > 1 else box.size
            note = LayoutProblem(deck.id, card, name, tr(
                "this text sets the box at {size} pt on every card of the deck in {lang}; shortened, the box would "
                "print at {without} pt (the layout allows {allowed} pt)").format(
                    size=f"{size:g}", lang=lang, without=f"{without:g}", allowed=f"{box.size:g}"))
            notes.append(locator.where(note, lang) + tr("note: {message}").format(message=note))
    return notes


def check_layout(name: str, decks: Sequence[Deck], out: TextIO) -> bool:
    """Lay out every deck in every language as build would; print each problem once. True when build would
    print them all (warnings allowed)."""
    from cardengine.printing.build import lay_out
    from cardengine.printing.layout import load_layout
    from cardengine.problems import InputError, sort_problems

    try:
        layout = load_layout(name)
    except InputError as exc:
        for problem in sort_problems(exc.problems):
            print(problem, file=out)
        count = len(exc.problems)
        print(ntr("layout {name}: {count} error(s): fix them and run cardengine validate again",
                  "layout {name}: {count} error(s): fix them and run cardengine validate again", count).format(
                      name=name, count=count), file=out)
        return False
    lines = deck_id_clashes(decks)
    errors = len(lines)
    locator = Locator(decks, layout)
    shown = set(lines)
    notes: list[str] = []
    stop = False
    for deck in decks:
        for lang in deck.languages:
            _, problems = lay_out([deck], layout, lang, 3.0)
            for problem in problems:
                line = locator.line(problem, lang)
                if line not in shown:  # an image or a badge row is the same problem in every language
                    shown.add(line)
                    lines.append(line)
                    errors += problem.severity == "error"
            if any(p.budget for p in problems):
                stop = True  # a template past its budget would pass it again on every card: once is enough
                break
            if not problems:
                notes += size_notes(deck, layout, lang, locator)
        if stop:
            break
    for line in lines + notes:
        print(line, file=out)
    cards = sum(len(d.cards) for d in decks)
    if errors:
        verdict = ntr("layout {layout}: {count} error(s) on the cards above: build would print nothing; fix them and "
                      "run cardengine validate again", "layout {layout}: {count} error(s) on the cards above: build "
                      "would print nothing; fix them and run cardengine validate again", errors)
    else:
        verdict = tr("layout {layout}: valid, {cards} card(s) of {decks} deck(s) laid out in every language")
    print(verdict.format(layout=layout.id, count=errors, cards=cards, decks=len(decks)), file=out)
    return not errors
