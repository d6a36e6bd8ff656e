"""Domain patterns: simple vector textures that tell decks apart at a glance, in colour and in greyscale.

Which pattern a deck wears is data (the deck's `pattern:`, else one chosen from its domain); where it goes is
data too (a `kind: pattern` box in the layout). This module turns a pattern name into shapes in box
millimetres (pure) and draws them on a reportlab canvas (no reportlab import here: the canvas is passed in).
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the types only: the canvas is passed in
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

PATTERNS = ("bricks", "waves", "stripes", "chevrons", "dots", "crosses", "checks", "grid")
PT_PER_MM = 72 / 25.4
# reportlab's canvas.FILL_NON_ZERO (missing from its stubs): overlapping bars (crosses, bricks) stay filled
_FILL_NON_ZERO = 1

# A shape: ("poly", ((x, y), ...)) or ("circle", (cx, cy, r)); mm from the box's top-left, y down.
Shape = tuple[str, tuple]


@dataclass(frozen=True)
class PatternOp:
    x: float
    y: float
    w: float
    h: float
    pattern: str
    colour: str
    period: float  # mm between repeats


def pattern_for(domain: str, chosen: str | None) -> str:
    """The deck's own choice, else a stable one from the domain's name (the same on every run and machine)."""
    if chosen in PATTERNS:
        return chosen
    return PATTERNS[zlib.crc32(domain.encode()) % len(PATTERNS)]


def _rect(x: float, y: float, w: float, h: float) -> Shape:
    return ("poly", ((x, y), (x + w, y), (x + w, y + h), (x, y + h)))


def shapes(pattern: str, w: float, h: float, p: float) -> list[Shape]:
    """The pattern's shapes covering a w x h mm box (a little beyond it: the painter clips)."""
    p = max(p, 0.5)  # a hostile period of 0.001 mm would be millions of shapes
    cols, rows = int(w / p) + 2, int(h / (p * 0.6)) + 2  # 0.6: the tightest row pitch below (bricks)
    t = p * 0.16  # line weight
    out: list[Shape] = []
    if pattern == "stripes":  # 45 degree bands
        for i in range(-rows - 1, cols + 1):
            x0 = i * p
            out.append(("poly", ((x0, 0), (x0 + p * 0.4, 0), (x0 + p * 0.4 + h, h), (x0 + h, h))))
    elif pattern == "dots":
        for r in range(rows):
            for c in range(cols):
                out.append(("circle", ((c + (r % 2) * 0.5) * p, r * p, p * 0.2)))
    elif pattern == "grid":
        out += [_rect(c * p, 0, t, h) for c in range(cols)] + [_rect(0, r * p, w, t) for r in range(rows)]
    elif pattern == "bricks":  # running bond
        for r in range(rows):
            out.append(_rect(0, r * p * 0.6, w, t))
            for c in range(cols):
                out.append(_rect((c + (r % 2) * 0.5) * p, r * p * 0.6, t, p * 0.6))
    elif pattern == "checks":
        for r in range(rows * 2):
            for c in range(cols * 2):
                if (r + c) % 2 == 0:
                    out.append(_rect(c * p / 2, r * p / 2, p / 2, p / 2))
    elif pattern == "crosses":  # plus signs on a square grid (dots sit on a staggered one): care, health
        for r in range(rows):
            for c in range(cols):
                cx, cy, arm, bar = (c + 0.5) * p, (r + 0.5) * p, p * 0.3, p * 0.22
                out += [_rect(cx - arm, cy - bar / 2, 2 * arm, bar), _rect(cx - bar / 2, cy - arm, bar, 2 * arm)]
    elif pattern == "waves":  # zigzag bands: two corners a period keep the PDF light
        steps = int(w / p * 2) + 2
        for r in range(rows):
            y0 = r * p * 0.7
            top = [(i * p / 2, y0 + (p * 0.2 if i % 2 else -p * 0.2)) for i in range(steps + 1)]
            out.append(("poly", (*top, *[(x, y + t * 1.4) for x, y in reversed(top)])))
    elif pattern == "chevrons":  # arrows pointing right: movement
        for r in range(rows):
            for c in range(cols):
                x0, y0 = c * p, r * p
                out.append(("poly", ((x0, y0), (x0 + t * 1.6, y0), (x0 + p * 0.45 + t * 1.6, y0 + p / 2),
                                     (x0 + t * 1.6, y0 + p), (x0, y0 + p), (x0 + p * 0.45, y0 + p / 2))))
    return out


def _clip(points: tuple, w: float, h: float) -> tuple:
    """The polygon cut to the box 0..w x 0..h (Sutherland-Hodgman): no shape reaches past its box, so the PDF
    holds only what shows, whatever a preflight or text extractor makes of clipping paths."""
    pts = list(points)
    for axis, limit, keep_below in ((0, 0.0, False), (0, w, True), (1, 0.0, False), (1, h, True)):
        if not pts:
            break
        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            cur_in = cur[axis] <= limit if keep_below else cur[axis] >= limit
            prev_in = prev[axis] <= limit if keep_below else prev[axis] >= limit
            if cur_in != prev_in:
                t = (limit - prev[axis]) / (cur[axis] - prev[axis])
                out.append((prev[0] + (cur[0] - prev[0]) * t, prev[1] + (cur[1] - prev[1]) * t))
            if cur_in:
                out.append(cur)
        pts = out
    return tuple(pts)


def clipped_shapes(pattern: str, w: float, h: float, p: float) -> list[tuple]:
    """The pattern as polygons inside the box only (circles as octagons: round at this size)."""
    out = []
    for kind, data in shapes(pattern, w, h, p):
        if kind == "circle":
            cx, cy, r = data
            if cx + r < 0 or cy + r < 0 or cx - r > w or cy - r > h:
                continue
            data = tuple((cx + r * math.cos(a * math.pi / 4), cy + r * math.sin(a * math.pi / 4)) for a in range(8))
        poly = _clip(data, w, h)
        if len(poly) >= 3:
            out.append(poly)
    return out


def draw_pattern(canvas: Canvas, op: PatternOp, colour: Color) -> None:
    """Paint `op` on a canvas whose origin is the card's top-left in points, y up (as CardPainter sets it).

    Each pattern is written once per file as a form (XObject) and placed on every card: a deck's bands cost one
    set of shapes, not one per card, in bytes and in time."""
    mm = PT_PER_MM
    forms = canvas.__dict__.setdefault("_cardengine_patterns", {})
    key = (op.pattern, round(op.w, 3), round(op.h, 3), round(op.period, 3), repr(colour))
    name = forms.get(key)
    if name is None:
        name = forms[key] = f"Pattern{len(forms)}"
        canvas.beginForm(name, lowerx=0, lowery=-op.h * mm,  # type: ignore[arg-type]  # types-reportlab: int, really any number
                         upperx=op.w * mm, uppery=0)
        canvas.setFillColor(colour)
        path = canvas.beginPath()
        for (x0, y0), *rest in clipped_shapes(op.pattern, op.w, op.h, op.period):
            path.moveTo(x0 * mm, -y0 * mm)
            for x, y in rest:
                path.lineTo(x * mm, -y * mm)
            path.close()
        canvas.drawPath(path, stroke=0, fill=1, fillMode=_FILL_NON_ZERO)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(op.x * mm, -op.y * mm)
    canvas.doForm(name)
    canvas.restoreState()
