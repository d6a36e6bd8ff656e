"""Domain patterns: simple vector textures that tell decks apart at a glance, in colour and in greyscale.

Which pattern a deck wears is data (the deck's `pattern:`, else one chosen from its domain); where it goes is
data too (a `kind: pattern` box in the layout). This module turns a pattern name into shapes in box
millimetres (pure) and draws them on a reportlab canvas (no reportlab import here: the canvas is passed in).
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

PATTERNS = ("bricks", "waves", "stripes", "chevrons", "dots", "crosses", "checks", "grid")
PT_PER_MM = 72 / 25.4

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
        return chosen  # type: ignore[return-value]
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
    elif pattern == "crosses":  # plus signs: care, health
        for r in range(rows):
            for c in range(cols):
                cx, cy = (c + (r % 2) * 0.5) * p, r * p
                out += [_rect(cx - p * 0.25, cy - t / 2, p * 0.5, t), _rect(cx - t / 2, cy - p * 0.25, t, p * 0.5)]
    elif pattern == "waves":  # sine bands
        steps = max(8, int(w / p * 8))
        for r in range(rows):
            y0 = r * p * 0.7
            top = [(i * w / steps, y0 + math.sin(i * w / steps / p * 2 * math.pi) * p * 0.2) for i in range(steps + 1)]
            out.append(("poly", (*top, *[(x, y + t * 1.4) for x, y in reversed(top)])))
    elif pattern == "chevrons":  # arrows pointing right: movement
        for r in range(rows):
            for c in range(cols):
                x0, y0 = c * p, r * p
                out.append(("poly", ((x0, y0), (x0 + t * 1.6, y0), (x0 + p * 0.45 + t * 1.6, y0 + p / 2),
                                     (x0 + t * 1.6, y0 + p), (x0, y0 + p), (x0 + p * 0.45, y0 + p / 2))))
    return out


def draw_pattern(canvas, op: PatternOp, colour) -> None:
    """Paint `op` on a canvas whose origin is the card's top-left in points, y up (as CardPainter sets it)."""
    mm = PT_PER_MM
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(op.x * mm, -(op.y + op.h) * mm, op.w * mm, op.h * mm)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.setFillColor(colour)
    path = canvas.beginPath()
    for kind, data in shapes(op.pattern, op.w, op.h, op.period):
        if kind == "circle":
            cx, cy, r = data
            path.circle((op.x + cx) * mm, -(op.y + cy) * mm, r * mm)
        else:
            (x0, y0), *rest = data
            path.moveTo((op.x + x0) * mm, -(op.y + y0) * mm)
            for x, y in rest:
                path.lineTo((op.x + x) * mm, -(op.y + y) * mm)
            path.close()
    from reportlab.pdfgen.canvas import FILL_NON_ZERO  # overlapping bars (crosses, bricks) stay filled

    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()
