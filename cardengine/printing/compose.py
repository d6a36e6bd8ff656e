"""Lay out cards: deck + layout + language -> drawing operations per card side, in card millimetres.

Pure: no PDF here. Every text is fitted to its box now, so a build fails before writing anything
when a text does not fit, naming the deck, card and box and by how much.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError
from reportlab.pdfbase import pdfmetrics

from cardengine.contrast import ink_on
from cardengine.decks.identity import Painted, text_colour, weak_contrast
from cardengine.decks.model import Card, Deck
from cardengine.decks.vocabulary import SDG_COLOURS
from cardengine.i18n import tr
from cardengine.printing.cardsides import DETAILS, FRONT, per_card_sides
from cardengine.printing.deckfit import fit_deck
from cardengine.printing.layout import Box, Layout
from cardengine.printing.markup import fit_box_text, line_styles, template_source, visible
from cardengine.printing.template_limits import BudgetExceeded, CardClock
from cardengine.printing.templating import card_context, clean_message, render
from cardengine.printing.textfit import TextOverflow, missing_glyphs, register_fonts

# Texts needing this many times their box's height are reported without being wrapped (see far_too_long).
FAR_TOO_LONG = 4
_WHITESPACE = re.compile(r"\s+")
FONTS = {"regular": "CardSans", "bold": "CardSans-Bold", "italic": "CardSans-Italic"}
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class RectOp:
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.5
    radius: float = 0.0


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float  # top of the first line's em box, mm from the card's top
    w: float
    lines: tuple[str, ...]
    font: str
    size: float  # pt
    leading: float  # pt between baselines
    colour: str
    align: str
    # Per line, under a box's `markup: lines` (markup.py): font, left indent (pt), space above (pt).
    fonts: tuple[str, ...] = ()
    indents: tuple[float, ...] = ()
    gaps: tuple[float, ...] = ()


@dataclass(frozen=True)
class QrOp:
    x: float
    y: float
    size: float
    data: str
    colour: str


@dataclass(frozen=True)
class ImageOp:
    x: float
    y: float
    w: float
    h: float
    path: Path


@dataclass(frozen=True)
class LaidSide:
    ops: tuple


@dataclass(frozen=True)
class LaidCard:
    deck_id: str
    card_id: str
    front: LaidSide
    copies: int = 1
    back: LaidSide | None = None  # the card's own details side; None: the deck's common back is printed


@dataclass
class LayoutProblem:
    deck: str
    card: str
    box: str
    message: str
    severity: str = "error"
    budget: bool = False  # a template passed a limit: the same box would on every card, so stop there

    def __str__(self) -> str:
        where = (tr("deck {deck}, card {card}, box '{box}': {message}") if self.card else
                 tr("deck {deck}, box '{box}': {message}"))
        return where.format(deck=self.deck, card=self.card, box=self.box, message=self.message)


@dataclass
class LaidDeck:
    deck: Deck
    layout: Layout
    lang: str
    cards: list[LaidCard] = field(default_factory=list)
    back: LaidSide | None = None
    problems: list[LayoutProblem] = field(default_factory=list)


def tint(hex_colour: str, amount: float = 0.85) -> str:
    """Mix a colour with white: a pale version for backgrounds."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def resolve_colour(name: str, domain: str) -> str | None:
    if name == "none":
        return None
    if name == "domain":
        return domain
    if name == "domain-tint":
        return tint(domain)
    if name == "on-domain":
        # On the domain colour: white or near-black, whichever has the higher measured contrast (contrast.py).
        return ink_on(domain)
    return {"white": "#FFFFFF", "black": "#000000", "ink": "#1A1A1A"}.get(name, name)


def _box_rect(box: Box, layout: Layout, bleed: float) -> tuple[float, float, float, float]:
    x, y, w, h = box.x, box.y, box.w, box.h
    if box.bleed:
        eps = 0.01
        if x <= eps:
            x, w = x - bleed, w + bleed
        if y <= eps:
            y, h = y - bleed, h + bleed
        if box.x + box.w >= layout.width - eps:
            w += bleed
        if box.y + box.h >= layout.height - eps:
            h += bleed
    return x, y, w, h


def far_too_long(text: str, font: str, box: Box) -> str | None:
    """Say so when a text needs several times its box at the smallest size, without wrapping it.

    Wrapping costs far more than measuring, and a template can print 64 KiB: every line is at most the box
    wide, so the glyphs' total width over the box's width bounds the number of lines from below."""
    width, height = box.w * PT_PER_MM, box.h * PT_PER_MM
    if width <= 0:
        return None
    ink = pdfmetrics.stringWidth(_WHITESPACE.sub("", text), font, box.min_size)
    needed = max(1, math.ceil(ink / width - 1e-9)) * box.min_size * box.leading
    if needed <= FAR_TOO_LONG * max(height, 1.0):
        return None
    return tr("needs at least {needed} pt of height at {size} pt, the box has {height} pt (far too much text)").format(
        needed=f"{needed:.1f}", size=f"{box.min_size:g}", height=f"{height:.1f}")


def _does_not_fit(problem: str, lang: str) -> str:
    return tr("text does not fit: {problem}; shorten it ({lang}) or give the box more room").format(
        problem=problem, lang=lang)


def lay_out_side(boxes: tuple[Box, ...], layout: Layout, deck: Deck, card: Card | None, lang: str,
                 bleed: float, problems: list[LayoutProblem], sizes: Mapping[str, float] | None = None,
                 texts: Mapping[str, str | TemplateError] | None = None) -> LaidSide:
    """`sizes`: the deck's size for each text box and `texts` the card's box texts, as deckfit.fit_deck found
    them; a box not in `sizes` shrinks on its own, one not in `texts` renders its template here."""
    ctx = card_context(deck, card, lang)
    clock = CardClock()  # template time of this card, all its boxes together
    ops: list = []
    painted = Painted()  # fills so far: each text's ink is chosen against the one under it
    card_id = card.id if card else ""
    for box in boxes:
        fill = resolve_colour(box.fill, deck.colour)
        stroke = resolve_colour(box.stroke, deck.colour)
        colour = resolve_colour(box.colour, deck.colour) or "#1A1A1A"
        if box.kind == "rect":
            x, y, w, h = _box_rect(box, layout, bleed)
            ops.append(RectOp(x, y, w, h, fill, stroke, box.stroke_width, box.radius))
            painted.add(x, y, w, h, fill)
        elif box.kind == "line":
            ops.append(RectOp(box.x, box.y, box.w, max(box.h, box.stroke_width / PT_PER_MM), colour))
        elif box.kind == "text":
            try:
                text = texts[box.name] if texts and box.name in texts \
                    else render(template_source(box.template, box.markup), ctx, clock)
                if isinstance(text, TemplateError):
                    raise text  # the template's error as deckfit met it: reported below like any other
            except BudgetExceeded as exc:
                problems.append(LayoutProblem(deck.id, card_id, box.name,
                                              tr("{problem}; make the template do less (box '{box}' in {layout})")
                                              .format(problem=exc, box=box.name, layout=layout.source or layout.id),
                                              budget=True))
                break
            except TemplateError as exc:
                problems.append(LayoutProblem(deck.id, card_id, box.name,
                                              tr("template failed: {problem}; check the box's template in {layout}")
                                              .format(problem=clean_message(str(exc)),
                                                      layout=layout.source or layout.id)))
                continue
            if not text:
                continue
            font = FONTS[box.font]
            shown = visible(text) if box.markup == "lines" else text
            missing = missing_glyphs(shown, font)
            if missing:
                problems.append(LayoutProblem(deck.id, card_id, box.name,
                                              tr("the font has no glyph for {characters}; replace those characters")
                                              .format(characters=", ".join(map(repr, missing)))))
                continue
            hopeless = far_too_long(shown, font, box)
            if hopeless:
                problems.append(LayoutProblem(deck.id, card_id, box.name, _does_not_fit(hopeless, lang)))
                continue
            try:
                size = sizes.get(box.name, box.size) if sizes else box.size
                fit = fit_box_text(text, font, FONTS["bold"], box.w * PT_PER_MM, box.h * PT_PER_MM, size,
                                   box.min_size, box.leading, lang, box.markup, box.heading_space)
            except TextOverflow as exc:
                problems.append(LayoutProblem(deck.id, card_id, box.name,
                                              _does_not_fit(exc.message, lang)))
                continue
            except ValueError as exc:  # the box is narrower than a single letter
                problems.append(LayoutProblem(deck.id, card_id, box.name,
                                              tr("text does not fit: {problem}; make the box wider").format(
                                                  problem=exc)))
                continue
            block = fit.height / PT_PER_MM
            top = box.y
            if box.valign == "middle":
                top += (box.h - block) / 2
            elif box.valign == "bottom":
                top += box.h - block
            under = painted.under(box.x, top, box.w, block)
            weak = weak_contrast(box.colour, colour, under, fit.size, box.font == "bold")
            if weak and not any(p.box == box.name and p.message.startswith(weak) for p in problems):
                problems.append(LayoutProblem(deck.id, "", box.name, f"{weak} ({box.where or layout.source})",
                                              severity="warning"))
            colour = text_colour(box.colour, colour, under, fit.size, box.font == "bold")
            ops.append(TextOp(box.x, top, box.w, fit.lines, font, fit.size, fit.leading, colour, box.align,
                              **line_styles(fit)))
        elif box.kind == "sdgs" and card is not None:
            size, x = box.badge, box.x
            for goal in card.sdgs:
                if x + size > box.x + box.w + 0.01:
                    problems.append(LayoutProblem(deck.id, card_id, box.name,
                                                  tr("{count} SDG badges do not fit in {width} mm").format(
                                                      count=len(card.sdgs), width=f"{box.w:g}")))
                    break
                ops.append(RectOp(x, box.y, size, size, SDG_COLOURS[goal], radius=size * 0.12))
                # One line whose slot is the badge's height: the renderer centres caps in the slot. The number
                # is white or black, whichever reads on the goal's colour (white on SDG 7's yellow is 1.6:1).
                ops.append(TextOp(x, box.y, size, (str(goal),), FONTS["bold"], size * PT_PER_MM * 0.5,
                                  size * PT_PER_MM, ink_on(SDG_COLOURS[goal]), "center"))
                x += size + box.gap
        elif box.kind == "qr" and card is not None:
            side = min(box.w, box.h)
            ops.append(QrOp(box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, card.id, colour))
        elif box.kind == "image" and card is not None and card.image and (path := deck.image_path(card)):
            ops.append(ImageOp(*_box_rect(box, layout, bleed), path))
            painted.add(*_box_rect(box, layout, bleed), "image")
        elif box.kind in ("pattern", "icon", "logo") or (box.kind == "image" and card is not None):
            from cardengine.printing.identity_ops import (
                identity_ops,  # the deck's icon, pattern, logo; the stand-in for a photo
            )

            ops += identity_ops(box, layout, deck, card, lang, bleed, fill, colour, painted, problems)
    return LaidSide(tuple(ops))


def lay_out_deck(deck: Deck, layout: Layout, lang: str, bleed: float) -> LaidDeck:
    register_fonts()
    laid = LaidDeck(deck, layout, lang)
    # One size per text box for the whole deck, on every per-card side (front, details).
    fits = {name: fit_deck(boxes, deck, lang) for name, boxes in per_card_sides(layout)}
    for i, card in enumerate(deck.cards):
        sides = {name: lay_out_side(boxes, layout, deck, card, lang, bleed, laid.problems, fits[name].sizes,
                                    fits[name].texts_of(i))
                 for name, boxes in per_card_sides(layout)}
        laid.cards.append(LaidCard(deck.id, card.id, sides[FRONT], card.quantity, sides.get(DETAILS)))
        if any(p.budget for p in laid.problems):
            return laid  # each further card could cost the whole time budget again
    laid.back = lay_out_side(layout.back, layout, deck, None, lang, bleed, laid.problems)
    return laid  # QR codes are made while drawing (qr.py keeps a few): kept for every card, they grew memory
