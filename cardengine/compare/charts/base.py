"""What every report chart shares: fonts and sizes, text measured and fitted, colours, and the column
headings of the grid charts (heatmap and ranks).

All sizes are in points. Layout works downwards from the top edge (`top` = distance from the top);
shapes are placed at y = -top inside a group that `draw.draw` shifts up by the final height.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal, TypedDict, Unpack

from reportlab.graphics.shapes import Group, Rect, Shape, String
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from cardengine import contrast
from cardengine.escaping import NOT_IN_XML

FONT = "CardSans"
BOLD = "CardSans-Bold"

TITLE_SIZE = 9.5
LABEL_SIZE = 7.5
SMALL_SIZE = 6.5
# No chart text is smaller: the HTML shows the 260 mm drawing about 1,150 px wide at a 1,400 px window
# (1.56 px a point), so 6.5 pt is 10 px there; the PDF prints it at 6.5 pt.
MIN_SIZE = 6.5
LEADING = 1.2  # line distance as a multiple of the font size
PAD = 2.0  # blank margin inside the drawing's edge, so strokes at the edge are not cut off
ELLIPSIS = "\u2026"
LABEL_SHARE = 0.35  # row / category labels take at most this share of the width
LABEL_LINES = 3  # a long row label wraps onto this many lines before it is cut (its tooltip keeps it whole)

INK = HexColor("#1A1A1A")
MUTED = HexColor("#595959")  # 7:1 on white, for secondary text
RULE = HexColor("#BDBDBD")
GRID = HexColor("#E3E3E3")
WHITE = HexColor("#FFFFFF")
MISSING_FILL = HexColor("#E6E6E6")
BAND = HexColor("#F3F3F3")  # zebra band behind every other row of a wide grid

# Okabe & Ito (2008). Blue, orange and bluish green first: they differ in both hue and lightness under
# the common colour-vision deficiencies. Yellow late, and black last.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
MAX_SERIES = len(OKABE_ITO)

# ColorBrewer "Blues": single hue with monotone lightness, so it reads under any colour-vision deficiency
# and in greyscale print. The near-white first class is dropped so a low cell still looks filled.
SEQUENTIAL = ("#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B")
_STOPS = tuple(HexColor(c) for c in SEQUENTIAL)
FAINT_MIX = 0.7  # a figure on too few tables: its colour moved this far towards white

Shapes = list[Shape]  # what a chart part returns: reportlab shapes laid out downwards from its top
Anchor = Literal["start", "middle", "end"]


class RectStyle(TypedDict, total=False):
    """The style of a rectangle, as the charts give it."""

    fillColor: Color | None
    strokeColor: Color | None
    strokeWidth: float
    strokeDashArray: tuple[float, float] | None


def rect(x: float, y: float, width: float, height: float, **style: Unpack[RectStyle]) -> Rect:
    """A reportlab Rect, its style set as its own constructor would (`setProperties`): the stubs mistype the
    constructor's keywords (`**kw: _SolidShapeKwArgs`, not unpacked)."""
    shape = Rect(x, y, width, height)
    shape.setProperties(style)
    return shape


# ---------------------------------------------------------------------------------------------- text


def width_of(text: str, size: float, font: str = FONT) -> float:
    return stringWidth(text, font, size)


def truncate(text: str, width: float, size: float, font: str = FONT) -> str:
    """The longest prefix of `text` that fits `width` with an ellipsis, or the text itself if it fits."""
    if width_of(text, size, font) <= width:
        return text
    lo, hi = 0, len(text)  # binary search: widths grow with the prefix length
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width_of(text[:mid].rstrip() + ELLIPSIS, size, font) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS if lo else (ELLIPSIS if width_of(ELLIPSIS, size, font) <= width else "")


def wrap(text: str, width: float, size: float, font: str = FONT, max_lines: int = 2) -> list[str]:
    """Greedy word wrap into at most `max_lines` lines; a word longer than a line, or text left over
    after the last line, is cut with an ellipsis."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if width_of(candidate, size, font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if len(lines) == max_lines:
            lines[-1] = truncate(" ".join([lines[-1], *words[i:]]), width, size, font)
            return lines
        current = word
    if current:
        lines.append(current)
    # A single word wider than the line: cut it rather than let it overflow.
    return [truncate(line, width, size, font) for line in lines] or [""]


def fits_unbroken(text: str, width: float, size: float, max_lines: int, font: str = FONT) -> bool:
    """True when wrapping keeps every word whole within `max_lines` lines."""
    return " ".join(wrap(text, width, size, font, max_lines)).split() == text.split()


def num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# What an XML 1.0 document cannot hold (C0 controls, DEL-C1 are allowed but unprintable, unpaired surrogates,
# U+FFFE/U+FFFF): the SVG renderer writes chart text unescaped into XML, so a workshop title holding one
# (an old file, an import) made the HTML report fail. They become U+FFFD, one for one.
# Bidi overrides (U+202A-E, U+2066-9) go too: a U+202E in a territory made its label read backwards (spoofed).
_NOT_XML = re.compile(f"[{NOT_IN_XML}\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def xml_safe(content: str) -> str:
    """`content` with the characters XML cannot hold, C1 controls and bidi overrides as U+FFFD."""
    return _NOT_XML.sub("\ufffd", content)


def text(x: float, top: float, content: str, size: float = LABEL_SIZE, font: str = FONT,
         anchor: Anchor = "start", colour: Color = INK, tip: str = "") -> String:
    """A string whose baseline is `top` below the drawing's top edge.

    The anchor point and measured width ride along for to_svg, which turns them into SVG's own
    text-anchor and textLength: browsers measure with their own font, so reportlab's pre-shifted x would
    misplace right-aligned and centred text. `tip` becomes the SVG text's <title> (a tooltip): the whole
    label where it had to be cut, or what a cell's number rests on."""
    content, tip = xml_safe(content), xml_safe(tip)
    s = String(x, -top, content, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)
    svg_attrs = {"data-ax": num(x), "data-anchor": anchor, "data-w": num(width_of(content, size, font))}
    if tip:
        svg_attrs["data-tip"] = tip
    s.setProperties({"_svgAttrs": svg_attrs})  # a private attribute, which reportlab sets without a check
    return s


def baseline(top: float, height: float, size: float) -> float:
    """Baseline that centres a line of digits and capitals (cap height ≈ 0.73 em) in a box."""
    return top + height / 2 + size * 0.36


def title(spec_title: str, width: float, top: float) -> tuple[Shapes, float]:
    """The chart title, wrapped to at most two lines; returns the strings and the top below them."""
    shapes: Shapes = []
    for line in wrap(spec_title, width - 2 * PAD, TITLE_SIZE, BOLD, 2):
        shapes.append(text(PAD, top + TITLE_SIZE * 0.95, line, TITLE_SIZE, BOLD))
        top += TITLE_SIZE * LEADING
    return shapes, top + 3


def row_label(x: float, top: float, height: float, label: str, room: float) -> tuple[Shapes, int]:
    """A right-aligned row label ending at `x`, wrapped onto up to LABEL_LINES lines of `room` and centred
    in the row; a label still too long is cut with an ellipsis and keeps its whole text as a tooltip."""
    lines = wrap(label, room, LABEL_SIZE, FONT, LABEL_LINES)
    lead = LABEL_SIZE * 1.15
    cut = " ".join(lines).split() != label.split()
    first = top + (height - len(lines) * lead) / 2
    return [text(x, first + i * lead + LABEL_SIZE * 0.8, line, anchor="end", tip=label if cut else "")
            for i, line in enumerate(lines)], len(lines)


def label_lines(label: str, room: float) -> int:
    return len(wrap(label, room, LABEL_SIZE, FONT, LABEL_LINES))


def label_height(lines: int) -> float:
    return lines * LABEL_SIZE * 1.15 + 3


# --------------------------------------------------------------------------------------------- colour


def hex_of(colour: Color) -> str:
    return "#" + colour.hexval()[2:].upper()


def ink_on(fill: Color) -> Color:
    """Black or white text, whichever has the higher WCAG contrast ratio against `fill`."""
    fill_hex = hex_of(fill)
    return WHITE if contrast.ratio("#FFFFFF", fill_hex) > contrast.ratio(hex_of(INK), fill_hex) else INK


def is_dark(fill: Color) -> bool:
    return contrast.luminance(hex_of(fill)) < 0.05


def mix(a: Color, b: Color, t: float) -> Color:
    return Color(a.red + (b.red - a.red) * t, a.green + (b.green - a.green) * t, a.blue + (b.blue - a.blue) * t)


def faded(colour: Color) -> Color:
    """How a figure resting on fewer tables than --min-tables is coloured: the same hue, pale."""
    return mix(colour, WHITE, FAINT_MIX)


def sequential_colour(value: float, low: float, high: float) -> Color:
    """Colour of `value` on the heatmap scale; values outside [low, high] get the end colours."""
    t = 0.0 if high == low else min(1.0, max(0.0, (value - low) / (high - low)))
    stops = _STOPS
    pos = t * (len(stops) - 1)
    i = min(int(pos), len(stops) - 2)
    return mix(stops[i], stops[i + 1], pos - i)


# -------------------------------------------------------------------------------------- grid helpers


COL_LABEL_LINES = 3
ROTATED_LABEL_MAX = 30 * mm
ROTATED_LABEL_LIMIT = 80 * mm  # rotated headings grow up to this long before a name is cut


def panels(n_cols: int, room: float, need: float) -> list[range]:
    """Columns split into as few consecutive blocks of nearly equal size as give each column at least
    `need` points of the `room`: small multiples, stacked, instead of numbers squeezed or cut."""
    per = max(1, int(room // need))
    count = math.ceil(n_cols / per)
    size = math.ceil(n_cols / count)
    return [range(s, min(n_cols, s + size)) for s in range(0, n_cols, size)]


def column_labels(labels: Sequence[str], centres: Sequence[float], cell_w: float, top: float,
                  font: str = FONT) -> tuple[Shapes, float]:
    """Column headings above a grid: wrapped when every word fits its column, otherwise rotated to read
    upwards, so narrow columns still show long names; rotated lines grow longer before a name is cut."""
    size = LABEL_SIZE
    room = cell_w - 2
    lead = size * LEADING
    if all(fits_unbroken(label, room, size, COL_LABEL_LINES, font) for label in labels):
        wrapped = [wrap(label, room, size, font, COL_LABEL_LINES) for label in labels]
        height = max(len(lines) for lines in wrapped) * lead + 2
        shapes: Shapes = []
        for cx, lines in zip(centres, wrapped, strict=False):
            # Bottom-aligned, so one-line headings sit right on the grid.
            first = top + height - 2 - len(lines) * lead
            for i, line in enumerate(lines):
                shapes.append(text(cx, first + i * lead + size * 0.95, line, size, font, anchor="middle"))
        return shapes, top + height
    # Rotated, and wrapped onto as many upward lines as the column is wide enough for: long labels such
    # as "Abbiategrasso 2022-05-18 · Centro e stazione" differ at their ends, so cutting them loses the point.
    max_lines = max(1, min(COL_LABEL_LINES, int(room // lead)))
    length = ROTATED_LABEL_MAX
    while length < ROTATED_LABEL_LIMIT and not all(fits_unbroken(lb, length, size, max_lines, font) for lb in labels):
        length += 5 * mm
    wrapped = [wrap(label, length, size, font, max_lines) for label in labels]
    height = max(width_of(line, size, font) for lines in wrapped for line in lines) + 4
    rotated: Shapes = []
    for cx, label, lines in zip(centres, labels, wrapped, strict=False):
        cut = " ".join(lines).split() != label.split()
        first = cx - (len(lines) - 1) * lead / 2
        for i, line in enumerate(lines):
            # rotate(90) runs the text upwards from the grid; the glyphs sit left of the baseline: +0.36 em.
            s = text(0, 0, line, size, font, tip=label if cut else "")
            rotated.append(Group(s, transform=(0, 1, -1, 0, first + i * lead + size * 0.36, -(top + height - 2))))
    return rotated, top + height
