"""`cardengine calibrate`: a two-sided page that measures a printer's front-to-back offset for --back-offset.

The front carries millimetre rulers at the four edges (X along the top and bottom, Y down the sides); the
back carries, behind each ruler's zero, a red arrow and a vernier of ten lines 0.9 mm apart. Held up to
the light, each arrow points at the offset on its ruler (whole mm), and the red line that meets a black
tick gives the tenths. The numbers on the rulers already carry the sign build's --back-offset takes: the
back page is placed with the very transform build uses for the backs of cards (imposition.back_placements),
so printing this page again with the --back-offset read puts every arrow on 0.

The artwork is built as card drawing operations (pure data) in page millimetres from the top-left corner;
only `write_calibration` touches reportlab.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cardengine.printing.compose import LaidSide, RectOp, TextOp
from cardengine.printing.imposition import PAPERS, Placement, SheetPlan, Size, back_placements

CALIBRATE_SHEETS = ("a4", "letter")
CALIBRATE_DUPLEX = ("long-edge", "short-edge")
TITLE = "cardengine calibration"  # also how an earlier calibration file is recognised (may be replaced)
INK, BACK_INK = "#000000", "#D6004C"  # the back's marks in a colour that tells them apart through the paper
REACH = 20  # mm of ruler either side of zero: a 10 mm offset plus the 9 mm vernier still lands on ticks
EDGE = 16.0  # mm from the paper edge to a ruler's zero line: arrowheads stay inside any printer's printable area
TICK_W = 0.15  # mm: thin enough to see a 0.1 mm vernier match, thick enough to print
VERNIER = 0.9  # mm between the back's vernier lines: ten of them span nine front ticks, reading tenths


@dataclass(frozen=True)
class Ruler:
    """One scale: along x (read X) or y (read Y), its zero at (x, y) page mm from the top-left.

    `sign` turns a position on the front into the --back-offset to pass: +1 when the number grows the way
    the page's own axis does (right for x, down for y), -1 the other way. `side` points from the zero line
    towards the paper's middle, where the ticks grow."""

    axis: str
    x: float
    y: float
    sign: int
    side: int


def page_plan(sheet: str) -> SheetPlan:
    """The whole page as one 'card', so the back goes through the same placement as cards' backs."""
    paper = PAPERS[sheet]
    front = Placement(0, 0.0, 0.0, paper.width, paper.height, 0)
    return SheetPlan(paper=paper, card=paper, cols=1, rows=1, rotated=False, bleed=0.0, gap=0.0, fronts=(front,),
                     margin_x=0.0, margin_y=0.0, name=sheet)


def back_place(sheet: str, duplex: str, offset: tuple[float, float] = (0.0, 0.0)) -> Placement:
    return back_placements(page_plan(sheet), duplex, offset)[0]


def to_front(u: float, v: float, place: Placement, paper: Size, duplex: str) -> tuple[float, float]:
    """Where a point of the back's artwork (u, v mm from its top-left, as seen from behind) lands on the
    front page (x right, y down from the top-left), for a back drawn at `place` and flipped by `duplex`."""
    import math

    dx, dy = u - paper.width / 2, -(v - paper.height / 2)  # from the artwork's centre, y up (as PDF)
    a = math.radians(place.rotation)
    px = place.x + place.width / 2 + dx * math.cos(a) - dy * math.sin(a)  # on the back page, PDF axes
    py = place.y + place.height / 2 + dx * math.sin(a) + dy * math.cos(a)
    if duplex == "long-edge":  # the sheet turns about its vertical middle: x mirrors
        px = paper.width - px
    else:  # short-edge: about its horizontal middle
        py = paper.height - py
    return px, paper.height - py


def rulers(sheet: str, duplex: str) -> tuple[Ruler, ...]:
    """The four rulers, each signed so that its reading is the correction build needs.

    The sign is measured, not assumed: shift the back by +1 mm and see which way its zero moves on the
    front; the correction is the opposite shift."""
    paper = PAPERS[sheet]
    w, h = paper.width, paper.height
    still = back_place(sheet, duplex)
    moved_x, moved_y = back_place(sheet, duplex, (1.0, 0.0)), back_place(sheet, duplex, (0.0, 1.0))
    x0 = to_front(w / 2, h / 2, still, paper, duplex)
    sx = -round(to_front(w / 2, h / 2, moved_x, paper, duplex)[0] - x0[0])
    sy = -round(to_front(w / 2, h / 2, moved_y, paper, duplex)[1] - x0[1])
    return (Ruler("x", w / 2, EDGE, sx, 1), Ruler("x", w / 2, h - EDGE, sx, -1),
            Ruler("y", EDGE, h / 2, sy, 1), Ruler("y", w - EDGE, h / 2, sy, -1))


def _line(r: Ruler, at: float, length: float, start: float, colour: str, width: float = TICK_W) -> RectOp:
    """A tick `at` mm along the ruler, from `start` to `start + length` mm across it (towards the middle;
    a negative length runs towards the paper's edge)."""
    a, b = r.side * start, r.side * (start + length)
    lo, size = min(a, b), abs(b - a)
    if r.axis == "x":
        return RectOp(r.x + at - width / 2, r.y + lo, width, size, colour)
    return RectOp(r.x + lo, r.y + at - width / 2, size, width, colour)


def _label(r: Ruler, at: float, across: float, text: str, colour: str, size: float = 6.0) -> TextOp:
    box, em = 10.0, size * 25.4 / 72
    if r.axis == "x":  # centred on the tick; beyond `across` away from the zero line
        top = r.y + across - (em if r.side < 0 else 0.0)
        return TextOp(r.x + at - box / 2, top, box, (text,), "CardSans", size, size, colour, "center")
    return TextOp(r.x + across - box / 2, r.y + at - em / 2, box, (text,), "CardSans", size, size, colour, "center")


def front_side(sheet: str, duplex: str) -> LaidSide:
    ops: list = []
    for r in rulers(sheet, duplex):
        # A tick each mm, longer each 5 mm and at 0 (no half-mm ticks: the vernier would meet those too).
        for at in range(-REACH, REACH + 1):
            ops.append(_line(r, at, 7.0 if at == 0 else 5.5 if at % 5 == 0 else 4.0, 0.0, INK))
            if at % 5 == 0:
                ops.append(_label(r, at, r.side * 8.0, f"{r.sign * at:d}", INK, 5.5))
    return LaidSide(tuple(ops) + _words(sheet, duplex, front=True))


def back_side(sheet: str, duplex: str) -> LaidSide:
    """The back as seen from behind: every mark sits behind its ruler's zero. Seen from behind, the
    front's left is on the right, so x positions and the sideways direction of the y rulers mirror."""
    w = PAPERS[sheet].width
    ops: list = []
    for r in rulers(sheet, duplex):
        m = Ruler(r.axis, w - r.x, r.y, r.sign, r.side if r.axis == "x" else -r.side)
        grow = r.sign * (-1 if r.axis == "x" else 1)  # a reading growing to the front's right grows left here
        ops.append(_line(m, 0.0, 10.0, -5.0, BACK_INK, 0.25))  # the arrow's shaft, across the front's zero tick
        head = ("▼" if m.side > 0 else "▲") if r.axis == "x" else ("▶" if m.side > 0 else "◀")
        ops.append(_label(m, 0.0, -7.5 * m.side, head, BACK_INK, 8))
        for k in range(1, 11):  # the vernier, outside the zero line where the front's ticks end: tenths of a mm
            ops.append(_line(m, grow * k * VERNIER, -(4.5 if k in (5, 10) else 3.5), 0.0, BACK_INK))
    return LaidSide(tuple(ops) + _words(sheet, duplex, front=False))


def _words(sheet: str, duplex: str, front: bool) -> tuple:
    from cardengine.printing.calibrate_words import instructions

    paper = PAPERS[sheet]
    ops = []
    y = 42.0 if front else paper.height - 62.0  # the back's words below the front's, not through them
    for size, bold, lines in instructions(sheet, duplex, front):
        ops.append(TextOp(32.0, y, paper.width - 64.0, lines, "CardSans-Bold" if bold else "CardSans",
                          size, size * 1.35, INK if front else BACK_INK, "left"))
        y += len(lines) * size * 1.35 * 25.4 / 72 + 2.5
    return tuple(ops)


def write_calibration(sheet: str, duplex: str, out: Path | BinaryIO, offset: tuple[float, float] = (0.0, 0.0)) -> int:
    """Front then back page; `offset` shifts the back as build's --back-offset does. Returns pages."""
    from reportlab.lib.units import mm

    from cardengine.printing.render import CardPainter, _new_canvas

    paper = PAPERS[sheet]
    c = _new_canvas(out, (paper.width * mm, paper.height * mm), f"{TITLE} ({sheet}, {duplex})")
    painter = CardPainter(c, paper.width, paper.height, cmyk=False)
    painter.draw(front_side(sheet, duplex), page_plan(sheet).fronts[0], 0.0)
    c.showPage()
    painter.draw(back_side(sheet, duplex), back_place(sheet, duplex, offset), 0.0)
    c.showPage()
    c.save()
    return 2


def _is_calibration(path: Path) -> bool:
    """An existing file this command wrote (so -o may replace it): a PDF whose title says so."""
    try:
        with path.open("rb") as f:
            data = f.read(2 * 1024 * 1024)  # the page is ~40 kB; a larger file is not one of ours
    except OSError:
        return False
    head = data[:5]
    tail = data if len(data) < 2 * 1024 * 1024 else b""
    return head == b"%PDF-" and TITLE.encode() in tail


def cmd_calibrate(args: argparse.Namespace) -> int:
    """`cardengine calibrate`: write the page (through OutputSet: never over an input or a workshop file)."""
    import sys

    from cardengine.i18n import tr
    from cardengine.outputs import OutputSet
    from cardengine.printing.offsets import parse_offset

    offset = parse_offset(args.back_offset)
    if isinstance(offset, str):
        print(tr("cardengine: error: {message}").format(message=offset), file=sys.stderr)
        return 2
    target = args.output or Path(f"calibrate-{args.sheet}-{args.duplex}.pdf")
    if target.suffix.lower() != ".pdf":
        print(tr("cardengine: error: {path} does not end in .pdf; give a PDF file name").format(path=target),
              file=sys.stderr)
        return 2
    with OutputSet(owned=_is_calibration, force=args.force, command="cardengine calibrate") as files:
        files.claim(target, follow_links=True)
        with files.file(target, follow_links=True) as tmp:
            write_calibration(args.sheet, args.duplex, tmp, offset)
    print(tr("wrote {path}: print it on both sides of one {sheet} sheet ({duplex}) at actual size, hold it against "
             "the light and read the rulers (instructions on the page)").format(
        path=target, sheet=args.sheet.upper(), duplex=args.duplex))
    return 0
