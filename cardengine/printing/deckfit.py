"""One size per text box across a deck: shrink-to-fit chooses the size for the whole deck, not card by card.

A box whose size changes from card to card (summaries at 6.25, 6.75 and 7.5 pt on one sheet) reads as a
mistake. So each per-card side is measured first: every card's largest size on the box's grid at which its
text fits. The deck's size for the box is the smallest of those, over the cards whose text fits at all; a
card that cannot fit even at the box's min_size is left out (the layout pass reports it, naming the card)
so it does not drag the others down. Then every card is laid out at exactly that size.

Pure: deck + boxes + language -> {box name: size}. textfit caches the fits, so measuring is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from jinja2 import TemplateError

from cardengine.decks.model import Deck
from cardengine.printing.layout import Box
from cardengine.printing.markup import fit_box_text, template_source, visible
from cardengine.printing.template_limits import BudgetExceeded, CardClock
from cardengine.printing.templating import card_context, render
from cardengine.printing.textfit import TextOverflow

PT_PER_MM = 72 / 25.4


def best_size(text: str, box: Box, lang: str) -> float | None:
    """The largest size on the box's grid at which `text` fits the box; None when it cannot fit at all,
    which the layout pass reports with the card's name. (Missing glyphs are left to the layout pass too: such a
    card stops the build whatever its size.)"""
    from cardengine.printing.compose import FONTS, far_too_long  # cardlayout calls this module: import when first used

    if not text:
        return None
    font = FONTS[box.font]
    # wrapping 64 KiB of text to learn that would take seconds
    if far_too_long(visible(text) if box.markup == "lines" else text, font, box):
        return None
    try:
        return fit_box_text(text, font, FONTS["bold"], box.w * PT_PER_MM, box.h * PT_PER_MM, box.size,
                            box.min_size, box.leading, lang, box.markup, box.heading_space).size
    except (TextOverflow, ValueError):  # too much text, or a box narrower than one letter
        return None


@dataclass
class DeckFit:
    """The deck's size for each text box of one per-card side, and each card's box texts (or the template's
    error) as measured, so the layout pass does not render the templates twice: rendering costs as much as
    fitting."""

    sizes: dict[str, float] = field(default_factory=dict)
    texts: list[dict[str, str | TemplateError]] = field(default_factory=list)
    # Per box, the two smallest (best size, card id): the card that sets the deck's size, and the size the box
    # would have without it (validate tells a facilitator which text makes a whole deck small).
    smallest: dict[str, list[tuple[float, str]]] = field(default_factory=dict)

    def texts_of(self, index: int) -> dict[str, str | TemplateError] | None:
        """Card `index`'s texts, handed over once (then dropped, so a big deck does not hold them twice)."""
        if index >= len(self.texts):
            return None
        texts, self.texts[index] = self.texts[index], {}
        return texts


def fit_deck(boxes: Sequence[Box], deck: Deck, lang: str) -> DeckFit:
    """For each text box of a per-card side, the one size all the deck's cards are laid out at: the
    smallest of the cards' best sizes, over the cards whose text fits. Boxes where no card's text fits
    (or that print nothing) are left out, so they keep their own size and report every card."""
    text_boxes = [box for box in boxes if box.kind == "text" and box.template]
    found = DeckFit()
    if not text_boxes:
        return found
    sizes = found.sizes
    for card in deck.cards:
        context = card_context(deck, card, lang)
        clock = CardClock()
        texts: dict[str, str | TemplateError] = {}
        found.texts.append(texts)
        for box in text_boxes:
            try:
                text = render(template_source(box.template, box.markup), context, clock)
            except TemplateError as exc:  # the layout pass reports it, naming the card and box, without
                texts[box.name] = exc     # running the template again (a time budget costs a second)
                if isinstance(exc, BudgetExceeded):
                    return found  # the layout pass stops at this card too
                continue
            texts[box.name] = text
            size = best_size(text, box, lang)
            if size is not None and size < sizes.get(box.name, box.size + 1):
                sizes[box.name] = size
            if size is not None and size < box.size:
                low = found.smallest.setdefault(box.name, [])
                if len(low) < 2 or size < low[-1][0]:
                    low.append((size, card.id))
                    low.sort()
                    del low[2:]
    return found
