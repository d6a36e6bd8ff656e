"""WCAG 2 contrast: the engine chooses text colours by measured contrast against the fill they sit on.

Pure colour maths on "#RRGGBB" strings. The tests measure contrast again from the built PDF with their own
code (tests/pdf_read.py), so a mistake here cannot hide itself.
"""

from __future__ import annotations

from functools import cache

NORMAL = 4.5  # WCAG AA for body text
LARGE = 3.0  # WCAG AA for bold text of 14 pt and over
LARGE_BOLD_PT = 14.0
INK = "#1A1A1A"  # the engine's near-black: softer than #000 on white, still 17:1
WHITE = "#FFFFFF"
BLACK = "#000000"


@cache
def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def needed(size_pt: float, bold: bool) -> float:
    return LARGE if bold and size_pt >= LARGE_BOLD_PT else NORMAL


def mix(a: str, b: str, amount: float) -> str:
    """`a` moved `amount` (0..1) of the way towards `b`."""
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02X}" for x, y in zip(ca, cb, strict=False))


MARGIN = 0.3  # print is not a screen: keep clear of the threshold rather than land on it


@cache
def ink_on(fill: str) -> str:
    """Near-black or white, whichever reads better on `fill`; pure black when neither clears 4.5:1 with a margin
    (on a mid-tone such as waste's #D55E00 near-black gives 4.50 exactly and white 3.9, black 5.4)."""
    best = max((INK, WHITE), key=lambda c: ratio(c, fill))
    if ratio(best, fill) >= NORMAL + MARGIN:
        return best
    return max((INK, WHITE, BLACK), key=lambda c: ratio(c, fill))


@cache
def readable(colour: str, fill: str, size_pt: float = 0.0, bold: bool = False) -> str:
    """`colour`, or the nearest shade of it that reaches the WCAG ratio on `fill`: darkened towards black on a
    light fill, lightened towards white on a dark one. Keeps a domain-coloured heading in its hue."""
    target = needed(size_pt, bold) + MARGIN
    if ratio(colour, fill) >= target:
        return colour
    towards = BLACK if ratio(BLACK, fill) >= ratio(WHITE, fill) else WHITE
    for step in range(1, 21):
        shade = mix(colour, towards, step / 20)
        if ratio(shade, fill) >= target:
            return shade
    return ink_on(fill)
