"""Draw laid-out cards into a PDF with reportlab: home-printer sheets or one card per page for print shops.

Imported only by the commands that print, because reportlab is slow to import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from cardengine import __version__
from cardengine.decks.images import prepared_image
from cardengine.decks.patterns import PatternOp, draw_pattern
from cardengine.i18n import catalogue, tr_later
from cardengine.printing.compose import ImageOp, LaidDeck, LaidSide, QrOp, RectOp, TextOp
from cardengine.printing.imposition import PAPERS, Placement, SheetPlan, Size, back_placements, crop_marks, plan_sheet
from cardengine.printing.qr import qr_runs
from cardengine.printing.textfit import register_fonts

rl_config.useA85 = 0  # binary streams: a quarter smaller than ASCII85 and readable by any PDF tool

CAP_HEIGHT = 0.73  # DejaVu Sans cap height in em: used to centre text in its line slot
MARK_WIDTH = 0.25  # pt; print shops need lines of at least 0.2 pt


@dataclass(frozen=True)
class PrintOptions:
    sheet: str = "a4"  # a4, a3, letter or none (one card per page)
    duplex: str = "long-edge"
    bleed: float = 3.0
    crop_marks: bool = True
    cmyk: bool = False
    back_offset: tuple[float, float] = (0.0, 0.0)
    profile: bytes | None = None  # with --icc: the CMYK output profile photos are converted through
    backs: str = "details"  # behind each card: its own details side where the layout has one, or "deck" (common back)


@cache
def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


NEUTRAL = 0.06  # largest spread of r, g, b (0-1) still read as a grey: a design's #1A1A1C is meant grey
NEAR_BLACK = 0.85  # a grey at least this dark is the design's black: printed as 100% K, not 90% K


@cache
def make_colour(hex_colour: str, cmyk: bool) -> Color:
    r, g, b = _rgb(hex_colour)
    if not cmyk:
        return Color(r, g, b)
    k = 1 - max(r, g, b)
    if max(r, g, b) - min(r, g, b) <= NEUTRAL:
        # Greys on K alone: text and thin rules in CMY would show misregistration as coloured fringes, and
        # near-black text in 90% K looks grey and screened; print shops ask for 100% K (no rich black).
        return CMYKColor(0, 0, 0, 1 if k >= NEAR_BLACK else round(1 - (r + g + b) / 3, 4))
    return CMYKColor((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)


class CardPainter:
    """Draws one side of a card at a placement on the current page."""

    def __init__(self, canvas: Canvas, width: float, height: float, cmyk: bool, profile: bytes | None = None):
        self.c, self.w, self.h, self.cmyk, self.profile = canvas, width, height, cmyk, profile

    def colour(self, hex_colour: str) -> Color:
        return make_colour(hex_colour, self.cmyk)

    def draw(self, side: LaidSide, place: Placement, bleed: float) -> None:
        c = self.c
        c.saveState()
        # Move to the card's centre on paper, turn the artwork, then work in card mm from the top-left.
        c.translate((place.x + place.width / 2) * mm, (place.y + place.height / 2) * mm)
        if place.rotation:
            c.rotate(place.rotation)
        c.translate(-self.w / 2 * mm, self.h / 2 * mm)
        clip = c.beginPath()
        clip.rect(-bleed * mm, -(self.h + bleed) * mm, (self.w + 2 * bleed) * mm, (self.h + 2 * bleed) * mm)
        c.clipPath(clip, stroke=0, fill=0)
        for op in side.ops:
            if isinstance(op, RectOp):
                self._rect(op)
            elif isinstance(op, TextOp):
                self._text(op)
            elif isinstance(op, QrOp):
                self._qr(op)
            elif isinstance(op, ImageOp):
                self._image(op)
            elif isinstance(op, PatternOp):
                draw_pattern(c, op, self.colour(op.colour))
        c.restoreState()

    def _rect(self, op: RectOp) -> None:
        c = self.c
        if op.fill:
            c.setFillColor(self.colour(op.fill))
        if op.stroke:
            c.setStrokeColor(self.colour(op.stroke))
            c.setLineWidth(op.stroke_width)
        args = (op.x * mm, -(op.y + op.h) * mm, op.w * mm, op.h * mm)
        if op.radius:
            c.roundRect(*args, op.radius * mm, stroke=int(bool(op.stroke)), fill=int(bool(op.fill)))
        else:
            c.rect(*args, stroke=int(bool(op.stroke)), fill=int(bool(op.fill)))

    def _text(self, op: TextOp) -> None:
        c = self.c
        c.setFillColor(self.colour(op.colour))
        c.setFont(op.font, op.size)
        top = -op.y * mm
        for i, line in enumerate(op.lines):
            if op.gaps:  # a markup box (markup.py): per-line font, space above and hanging indent
                top -= op.gaps[i]
                c.setFont(op.fonts[i], op.size)
            baseline = top - i * op.leading - (op.leading + CAP_HEIGHT * op.size) / 2
            if op.align == "center":
                c.drawCentredString((op.x + op.w / 2) * mm, baseline, line)
            elif op.align == "right":
                c.drawRightString((op.x + op.w) * mm, baseline, line)
            else:
                c.drawString(op.x * mm + (op.indents[i] if op.indents else 0), baseline, line)

    def _qr(self, op: QrOp) -> None:
        c = self.c
        modules, runs = qr_runs(op.data)
        m = op.size / modules * mm
        x0, y0 = op.x * mm, -op.y * mm
        c.setFillColor(self.colour("#FFFFFF"))
        c.rect(x0, y0 - op.size * mm, op.size * mm, op.size * mm, stroke=0, fill=1)
        path = c.beginPath()
        for row, col, length in runs:
            path.rect(x0 + col * m, y0 - (row + 1) * m, length * m, m)
        c.setFillColor(self.colour(op.colour))
        c.drawPath(path, stroke=0, fill=1)

    def _image(self, op: ImageOp) -> None:
        reader = prepared_image(op.path, op.w, op.h, self.cmyk, self.profile)
        self.c.drawImage(reader, op.x * mm, -(op.y + op.h) * mm, op.w * mm, op.h * mm)


PageBox = tuple[float, float, float, float]  # x1, y1, x2, y2 in points


def _new_canvas(path: Path | BinaryIO, size: tuple[float, float], title: str, trim: PageBox | None = None,
                bleed: PageBox | None = None, art: PageBox | None = None) -> Canvas:
    register_fonts()
    # A sheet is trimmed (if at all) to its paper: trim and bleed boxes are the page, as preflights expect both.
    page = (0, 0, *size)
    # reportlab writes the whole PDF in one go on save(), to the path or into the file object
    c = Canvas(path if not isinstance(path, Path) else str(path), pagesize=size,
               initialFontName="CardSans",  # type: ignore[arg-type]  # types-reportlab: float | None, really a name
               initialFontSize=8, invariant=1, pageCompression=1, trimBox=trim or page, bleedBox=bleed or page,
               artBox=art)
    c.setTitle(title)
    c.setAuthor("cardengine")
    c.setCreator(f"cardengine {__version__}")
    c.setViewerPreference("PrintScaling", "None")  # print at actual size, never "fit to page"
    return c


def _expand(laid: LaidDeck, backs: str = "details") -> list[tuple[LaidSide, LaidSide]]:
    """(front, back) of every copy: a card's own details side, or else (or when asked) the deck's common back."""
    own = backs == "details"
    out = []
    for card in laid.cards:
        back = (card.back if own else None) or laid.back
        if back is None:  # lay_out_deck stopped early (its time budget spent): such a deck is never printed
            raise ValueError(f"deck {laid.deck.id} was not laid out to its common back")
        out += [(card.front, back)] * card.copies
    return out


def plan_for(laid: LaidDeck, options: PrintOptions) -> SheetPlan:
    return plan_sheet(PAPERS[options.sheet], Size(laid.layout.width, laid.layout.height), options.bleed)


def write_sheets(laid: LaidDeck, plan: SheetPlan, out: Path | BinaryIO, options: PrintOptions,
                 progress: Callable[[int], None] = lambda n: None) -> int:
    """Fronts page, then its backs page (mirrored for the duplex flip); returns the number of pages."""
    paper = plan.paper
    c = _new_canvas(out, (paper.width * mm, paper.height * mm), f"{laid.deck.name[laid.lang]} ({laid.layout.name})")
    painter = CardPainter(c, laid.layout.width, laid.layout.height, options.cmyk, options.profile)
    backs = back_placements(plan, options.duplex, options.back_offset)
    fronts = _expand(laid, options.backs)
    sheets = max(1, -(-len(fronts) // plan.per_sheet))
    pages = 0
    for sheet in range(sheets):
        chunk = fronts[sheet * plan.per_sheet:(sheet + 1) * plan.per_sheet]
        for kind, places in (("fronts", plan.fronts), ("backs", backs)):
            used = places[:len(chunk)]
            for (front, back), place in zip(chunk, used, strict=False):
                painter.draw(front if kind == "fronts" else back, place, plan.bleed)
            if options.crop_marks:
                _marks(c, crop_marks(plan, used), options.cmyk)
            if plan.fold and kind == "fronts":
                continue  # folding: the backs go on this same page, on its other half
            if plan.fold:
                from cardengine.printing.sheetmarks import draw_fold

                draw_fold(c, plan, laid.lang, options.cmyk)
            _footer(c, _footer_text(laid, plan, kind, options.duplex, sheet + 1, sheets), options.cmyk)
            c.showPage()
            pages += 1
        progress(len(chunk))
    c.save()
    return pages


def write_cards(laid: LaidDeck, out: Path | BinaryIO, options: PrintOptions,
                progress: Callable[[int], None] = lambda n: None) -> int:
    """One card per page, page = card + bleed; each front followed by its back. Returns pages."""
    w, h, b = laid.layout.width, laid.layout.height, options.bleed
    page = ((w + 2 * b) * mm, (h + 2 * b) * mm)
    trim = (b * mm, b * mm, (w + b) * mm, (h + b) * mm)
    c = _new_canvas(out, page, f"{laid.deck.name[laid.lang]} ({laid.layout.name})",
                    trim=trim, bleed=(0, 0, *page), art=trim)
    painter = CardPainter(c, w, h, options.cmyk, options.profile)
    place = Placement(slot=0, x=b, y=b, width=w, height=h, rotation=0)
    pages = 0
    for front, back in _expand(laid, options.backs):
        for drawn in (front, back):
            painter.draw(drawn, place, b)
            c.showPage()
            pages += 1
        progress(1)
    c.save()
    return pages


def _marks(c: Canvas, segments: Iterable[tuple[float, float, float, float]], cmyk: bool) -> None:
    # 100% K, not registration (400%): the marks guide the guillotine on a sheet printed in one pass, and
    # 400% ink inside the trimmed paper is what a preflight flags as over the total ink limit.
    c.setStrokeColor(CMYKColor(0, 0, 0, 1) if cmyk else Color(0, 0, 0))
    c.setLineWidth(MARK_WIDTH)
    for x1, y1, x2, y2 in segments:
        c.line(x1 * mm, y1 * mm, x2 * mm, y2 * mm)


# The sheet's footer, for whoever prints it, in the language of the cards on it.
_FOOTER = {"fronts": tr_later("fronts"), "backs": tr_later("backs · duplex {mode}"),
           "fold": tr_later("fronts and backs · fold"), "sheet": tr_later("sheet {n}/{total}")}


def _footer_text(laid: LaidDeck, plan: SheetPlan, kind: str, duplex: str, n: int, total: int) -> str:
    words = catalogue(laid.lang, "cli")
    what = words.gettext(_FOOTER["fold" if plan.fold else kind]).format(mode=duplex)
    sheet = words.gettext(_FOOTER["sheet"]).format(n=n, total=total)
    return f"{laid.deck.id} · {laid.layout.id} · {laid.lang} · {sheet} · {what}"


def _footer(c: Canvas, text: str, cmyk: bool) -> None:
    c.setFillColor(make_colour("#666666", cmyk))
    c.setFont("CardSans", 6)
    c.drawString(4 * mm, 2.5 * mm, text)
