"""Imposition: where cards go on printer paper, as pure geometry.

All lengths are millimetres, the origin is the bottom-left corner of the paper (as in PDF) and paper
is always portrait. Nothing here draws or reads files, so the PDF writer and the tests share the
same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from cardengine.i18n import tr

# Float slack for "does it fit": 3 x 63 mm must fit in 190 mm even after rounding noise.
_EPS = 1e-9
DUPLEX_MODES = ("off", "long-edge", "short-edge", "fold")

Segment = tuple[float, float, float, float]


@dataclass(frozen=True)
class Size:
    width: float
    height: float

    def __str__(self) -> str:
        return f"{self.width:g}x{self.height:g} mm"


PAPERS: dict[str, Size] = {
    "a4": Size(210.0, 297.0),
    "a3": Size(297.0, 420.0),
    "letter": Size(215.9, 279.4),
}


@dataclass(frozen=True)
class Placement:
    """One card on one side of a sheet."""

    slot: int  # index of the card on the sheet, row-major from the top-left of the fronts page
    x: float  # bottom-left corner of the trim box on the paper
    y: float
    width: float  # trim size as placed on paper (swapped when rotated)
    height: float
    rotation: int  # 0, 90, 180 or 270: degrees counter-clockwise the artwork is turned


@dataclass(frozen=True)
class SheetPlan:
    paper: Size
    card: Size  # the card's own (upright) trim size
    cols: int
    rows: int
    rotated: bool
    bleed: float  # bleed drawn around each card; less than asked when that fits more cards
    gap: float  # space between neighbouring trim boxes (= 2 * bleed)
    fronts: tuple[Placement, ...]
    margin_x: float  # paper edge to the grid's outer bleed edge, the same on both sides
    margin_y: float
    backs: tuple[Placement, ...] | None = None  # back places a sheet template gives; None: mirror the fronts
    fold: str | None = None  # "horizontal" or "vertical": fronts and backs share a page, folded along its middle
    marks: bool = True  # crop marks wanted (die-cut stock has none)
    name: str = ""  # the sheet template's id, for messages and file names

    @property
    def per_sheet(self) -> int:
        return len(self.fronts)


def _fit(avail: float, pitch: float) -> int:
    return max(0, math.floor(avail / pitch + _EPS))


def plan_sheet(paper: Size, card: Size, bleed: float, min_margin: float = 10.0, min_bleed: float = 0.0
               ) -> SheetPlan:
    """Fit as many cards as possible on one side of `paper`, keeping `min_margin` free on every side.

    `min_bleed` is the bleed a print shop insists on: cards are counted with it, never shrunk below it."""
    if card.width <= 0 or card.height <= 0 or paper.width <= 0 or paper.height <= 0:
        raise ValueError(f"sizes must be positive: paper {paper}, card {card}")
    if bleed < 0 or min_margin < 0 or min_bleed < 0:
        raise ValueError(f"bleed and margin must not be negative: bleed {bleed:g}, margin {min_margin:g}")
    avail_w, avail_h = paper.width - 2 * min_margin, paper.height - 2 * min_margin

    # The most cards always come from butting them (bleed 0); the bleed is shrunk afterwards.
    best: tuple[int, int, int, bool, float, float] | None = None
    for rotated in (False, True):  # upright first, so it wins ties
        w, h = (card.height, card.width) if rotated else (card.width, card.height)
        cols, rows = _fit(avail_w, w + 2 * min_bleed), _fit(avail_h, h + 2 * min_bleed)
        if best is None or cols * rows > best[0]:
            best = (cols * rows, cols, rows, rotated, w, h)
    assert best is not None  # the loop ran at least once
    count, cols, rows, rotated, w, h = best
    if count == 0:
        message = (tr("card {card} does not fit on paper {paper} with {margin} mm margins and {bleed} mm bleed")
                   if min_bleed else tr("card {card} does not fit on paper {paper} with {margin} mm margins"))
        raise ValueError(message.format(card=card, paper=paper, margin=f"{min_margin:g}", bleed=f"{min_bleed:g}"))

    # n cards with their own bleed take n * (w + 2b); keep the asked bleed unless that loses a card.
    # Cols and rows only shrink as the bleed grows, so the count holds exactly when both fit.
    fit_bleed = min((avail_w / cols - w) / 2, (avail_h / rows - h) / 2)
    bleed = max(min_bleed, min(bleed, fit_bleed))
    pitch_x, pitch_y = w + 2 * bleed, h + 2 * bleed
    margin_x = (paper.width - cols * pitch_x) / 2
    margin_y = (paper.height - rows * pitch_y) / 2

    top = paper.height - margin_y  # slots count from the top row down, as people read a sheet
    fronts = tuple(
        Placement(slot=r * cols + c, x=margin_x + bleed + c * pitch_x, y=top - (r + 1) * pitch_y + bleed,
                  width=w, height=h, rotation=90 if rotated else 0)
        for r in range(rows) for c in range(cols))
    return SheetPlan(paper=paper, card=card, cols=cols, rows=rows, rotated=rotated, bleed=bleed, gap=2 * bleed,
                     fronts=fronts, margin_x=margin_x, margin_y=margin_y)


def mirror_placement(p: Placement, paper: Size, duplex: str) -> Placement:
    """The placement on the other side of the paper, directly behind `p`.

    Long edge flips about the vertical axis, short edge about the horizontal one; applying the same
    mirror twice gives `p` back.
    """
    if duplex == "long-edge":
        return Placement(p.slot, paper.width - p.x - p.width, p.y, p.width, p.height, (-p.rotation) % 360)
    if duplex == "short-edge":
        return Placement(p.slot, p.x, paper.height - p.y - p.height, p.width, p.height, (180 - p.rotation) % 360)
    raise ValueError(f"unknown duplex mode {duplex!r}; expected one of {', '.join(DUPLEX_MODES)}")


def back_placements(plan: SheetPlan, duplex: str, offset: tuple[float, float] = (0.0, 0.0)
                    ) -> tuple[Placement, ...]:
    """Where to print the backs so slot i's back lands behind slot i's front.

    "off" means backs go on separate sheets in the same positions, so the fronts come back unchanged
    (no offset: there is no duplex registration to calibrate).
    """
    if duplex == "off":
        return plan.fronts
    if duplex == "fold" or plan.fold:
        if not plan.fold:
            raise ValueError("this sheet was not planned for folding; plan it with fold_plan")
        # Folding along the middle is the duplex flip about that line, on one side of the paper: no offset.
        flip = "short-edge" if plan.fold == "horizontal" else "long-edge"
        return tuple(mirror_placement(f, plan.paper, flip) for f in plan.fronts)
    dx, dy = offset
    backs = []
    for front, given in zip(plan.fronts, plan.backs or (None,) * len(plan.fronts), strict=False):
        b = given or mirror_placement(front, plan.paper, duplex)
        backs.append(Placement(b.slot, b.x + dx, b.y + dy, b.width, b.height, b.rotation))
    return tuple(backs)


def fold_plan(paper: Size, card: Size, bleed: float, min_margin: float = 10.0) -> SheetPlan:
    """Fronts on one half of the paper, their backs on the other, so folding along the middle puts each
    back behind its front: duplex without a duplex printer's drift.

    Each half is planned as its own sheet (margins on the fold side too, so crop marks stay off the fold);
    the fold across the long side (fronts on top) wins ties, as a sheet folds more neatly that way."""
    options = []
    for fold, half, shift in (("horizontal", Size(paper.width, paper.height / 2), (0.0, paper.height / 2)),
                              ("vertical", Size(paper.width / 2, paper.height), (0.0, 0.0))):
        try:
            plan = plan_sheet(half, card, bleed, min_margin)
        except ValueError:
            continue
        options.append((plan.per_sheet, fold, plan, shift))
    if not options:
        raise ValueError(tr("card {card} does not fit on half of paper {paper} with {margin} mm margins, so it "
                            "cannot be folded; use a larger sheet or --duplex long-edge").format(
                                card=card, paper=paper, margin=f"{min_margin:g}"))
    _count, fold, plan, (sx, sy) = max(options, key=lambda o: o[0])  # max keeps the first of equals
    fronts = tuple(Placement(p.slot, p.x + sx, p.y + sy, p.width, p.height, p.rotation) for p in plan.fronts)
    return SheetPlan(paper=paper, card=card, cols=plan.cols, rows=plan.rows, rotated=plan.rotated, bleed=plan.bleed,
                     gap=plan.gap, fronts=fronts, margin_x=plan.margin_x, margin_y=plan.margin_y, fold=fold)


def fold_line(plan: SheetPlan) -> Segment:
    """The line to fold along, across the whole paper, midway between the fronts and the backs."""
    w, h = plan.paper.width, plan.paper.height
    return (0.0, h / 2, w, h / 2) if plan.fold == "horizontal" else (w / 2, 0.0, w / 2, h)


def _distinct(values: Iterable[float]) -> list[float]:
    """Sorted values with float noise merged, so butted cards share one mark."""
    seen: dict[float, float] = {}
    for v in values:
        seen.setdefault(round(v, 6), v)
    return sorted(seen.values())


def crop_marks(plan: SheetPlan, placements: Iterable[Placement], length: float = 5.0, clearance: float = 1.0
               ) -> tuple[Segment, ...]:
    """Crop-mark segments (x1, y1, x2, y2) in the margin around the grid of `placements`.

    Each mark starts `clearance` beyond the grid's outer bleed edge, so it never touches a card,
    and runs `length` outward, clipped at the paper edge (dropped when nothing is left).
    Works for fronts and for (possibly offset) backs alike, since the grid is taken from `placements`.
    """
    if length <= 0 or clearance <= 0:
        raise ValueError(f"crop mark length and clearance must be positive: {length:g}, {clearance:g}")
    cards = tuple(placements)
    if not cards or not plan.marks:
        return ()
    b, paper = plan.bleed, plan.paper
    left = min(p.x for p in cards) - b
    right = max(p.x + p.width for p in cards) + b
    bottom = min(p.y for p in cards) - b
    top = max(p.y + p.height for p in cards) + b
    xs = _distinct(v for p in cards for v in (p.x, p.x + p.width))
    ys = _distinct(v for p in cards for v in (p.y, p.y + p.height))

    marks: list[Segment] = []
    for x in xs:
        if not 0 <= x <= paper.width:
            continue
        start, end = top + clearance, min(top + clearance + length, paper.height)
        if end > start:
            marks.append((x, start, x, end))
        start, end = bottom - clearance, max(bottom - clearance - length, 0.0)
        if end < start:
            marks.append((x, start, x, end))
    for y in ys:
        if not 0 <= y <= paper.height:
            continue
        start, end = left - clearance, max(left - clearance - length, 0.0)
        if end < start:
            marks.append((start, y, end, y))
        start, end = right + clearance, min(right + clearance + length, paper.width)
        if end > start:
            marks.append((start, y, end, y))
    return tuple(marks)
