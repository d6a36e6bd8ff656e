"""Drawing ops for the boxes of a deck's identity: its pattern, its icon, its logo, and the stand-in for a card's
missing photo. Called by cardlayout.lay_out_side for these kinds; pure, like it."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from cardengine.contrast import ink_on
from cardengine.decks.identity import Painted, fallback_parts, icon_for, logo_rect, logo_size, pattern_ops, text_colour
from cardengine.decks.model import Card, Deck
from cardengine.i18n import tr
from cardengine.printing.compose import FONTS, PT_PER_MM, ImageOp, LayoutProblem, RectOp, TextOp, _box_rect
from cardengine.printing.layout import Box, Layout
from cardengine.printing.textfit import missing_glyphs


def identity_ops(box: Box, layout: Layout, deck: Deck, card: Card | None, lang: str, bleed: float,
                 fill: str | None, colour: str, painted: Painted, problems: list[LayoutProblem]) -> list:
    """The ops of one box of kind pattern, icon or logo, or of an image box on a card without an image."""
    ops: list = []
    card_id = card.id if card else ""
    if box.kind == "image":
        if card is not None and box.fallback == "pattern":
            ops += _photo_fallback(box, layout, deck, card, lang, bleed, painted)
        return ops
    if box.kind == "pattern":
        x, y, w, h = _box_rect(box, layout, bleed)
        base = fill or painted.under(x, y, w, h)
        if fill:
            ops.append(RectOp(x, y, w, h, fill))
            painted.add(x, y, w, h, fill)
        ops += pattern_ops(x, y, w, h, base, deck.domain, deck.pattern)
    elif box.kind == "icon":
        glyph = icon_for(deck.icon, deck.name[lang])
        if missing_glyphs(glyph, FONTS["bold"]):
            problems.append(LayoutProblem(deck.id, card_id, box.name, tr("the font has no glyph for the deck's icon "
                                                                         "{icon}; choose another icon in the deck "
                                                                         "file").format(icon=repr(glyph))))
            return ops
        size = min(box.size, box.h * PT_PER_MM / 1.2)
        if size < 6:
            problems.append(LayoutProblem(deck.id, card_id, box.name, tr("the icon box is {height} mm high, too small "
                                                                         "for a 6 pt icon; make h at least 2.6 mm")
                                          .format(height=f"{box.h:g}")))
            return ops
        ink = text_colour(box.colour, colour, painted.under(box.x, box.y, box.w, box.h), size, True)
        ops.append(TextOp(box.x, box.y, box.w, (glyph,), FONTS["bold"], size, box.h * PT_PER_MM, ink,
                          box.align))
    elif box.kind == "logo":
        logo = deck.logo_path()
        found = logo_size(logo)
        if deck.logo and not found:  # validated, then moved or spoilt before the build
            problems.append(LayoutProblem(deck.id, "", box.name, tr("the logo {path} cannot be read; check the "
                                                                    "file, or remove logo: from the deck").format(
                                                                        path=deck.logo_path())))
        if found and logo is not None:
            if fill:
                ops.append(RectOp(box.x, box.y, box.w, box.h, fill, radius=box.radius))
                painted.add(box.x, box.y, box.w, box.h, fill)
            pad = box.gap
            if box.w - 2 * pad <= 0 or box.h - 2 * pad <= 0:
                message = tr("gap {gap} mm leaves no room for the logo in a {width} x {height} mm box; make gap "
                             "smaller").format(gap=f"{pad:g}", width=f"{box.w:g}", height=f"{box.h:g}")
                problems.append(LayoutProblem(deck.id, card_id, box.name, message))
                return ops
            ops.append(ImageOp(*logo_rect(box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad, found),
                               logo))
    return ops


def _photo_fallback(box: Box, layout: Layout, deck: Deck, card: Card, lang: str, bleed: float,
                    painted: Painted) -> list:
    """A photo box without a photo: the domain colour, its pattern, and a plate with the icon and card id."""
    x, y, w, h = _box_rect(box, layout, bleed)
    ops: list = [RectOp(x, y, w, h, deck.colour), *pattern_ops(x, y, w, h, deck.colour, deck.domain, deck.pattern)]
    parts = fallback_parts(box.x, box.y, box.w, box.h)
    ops.append(RectOp(*parts["plate"], deck.colour, radius=1.5))
    painted.add(*parts["plate"], deck.colour)
    ink = ink_on(deck.colour)
    for key, text in (("icon", icon_for(deck.icon, deck.name[lang])), ("id", card.id)):
        px, py, pw, ph = parts[key]
        size = ph * PT_PER_MM / 1.25
        if stringWidth(text, FONTS["bold"], size) > pw * PT_PER_MM:
            size = pw * PT_PER_MM / max(stringWidth(text, FONTS["bold"], 1), 1e-6)
        if not missing_glyphs(text, FONTS["bold"]):
            ops.append(TextOp(px, py, pw, (text,), FONTS["bold"], size, ph * PT_PER_MM, ink, "center"))
    return ops
