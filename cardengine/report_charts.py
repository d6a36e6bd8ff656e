"""Charts of the comparison report: one reportlab Drawing per chart spec, for both renderers.

`draw(spec, width_mm)` lays a HeatmapSpec, BarsSpec or SlopeSpec out into a Drawing whose width is
exactly `width_mm` and whose height follows from the content; the PDF uses it directly as a flowable,
and `to_svg(drawing)` turns the same Drawing into an inline <svg> element for the HTML. So both
formats show the same chart, drawn by one code path.

All sizes are in points. Layout works downwards from the top edge (`top` = distance from the top);
shapes are placed at y = -top inside a group that is shifted up by the final height once it is known.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from .report_model import BarsSpec, ChartSpec, HeatmapSpec, SlopeSpec
from .textfit import register_fonts

FONT = "CardSans"
BOLD = "CardSans-Bold"
# Browsers without DejaVu get the nearest narrow sans; to_svg also pins each text's length, so a
# wider fallback font is squeezed to the measured width instead of overflowing its cell.
SVG_FONT_STACK = "'DejaVu Sans Condensed','DejaVu Sans','Arial Narrow',Arial,sans-serif"

TITLE_SIZE = 9.5
LABEL_SIZE = 7.5
SMALL_SIZE = 6.5
LEADING = 1.2  # line distance as a multiple of the font size
PAD = 2.0  # blank margin inside the drawing's edge, so strokes at the edge are not cut off
ELLIPSIS = "\u2026"
LABEL_SHARE = 0.35  # row / category labels take at most this share of the width

INK = HexColor("#1A1A1A")
MUTED = HexColor("#595959")  # 7:1 on white, for secondary text
RULE = HexColor("#BDBDBD")
GRID = HexColor("#E3E3E3")
WHITE = HexColor("#FFFFFF")
MISSING_FILL = HexColor("#E6E6E6")

# Okabe & Ito (2008). Blue, orange and bluish green first: they differ in both hue and lightness under
# the common colour-vision deficiencies. Yellow late, and black last.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Lines are thin: yellow is unreadable on white and black is kept for the axes.
LINE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
MAX_SERIES = len(OKABE_ITO)

# ColorBrewer "Blues": single hue with monotone lightness, so it reads under any colour-vision deficiency
# and in greyscale print. The near-white first class is dropped so a low cell still looks filled.
SEQUENTIAL = ("#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B")


# ---------------------------------------------------------------------------------------------- text


def _width(text: str, size: float, font: str = FONT) -> float:
    return stringWidth(text, font, size)


def _truncate(text: str, width: float, size: float, font: str = FONT) -> str:
    """The longest prefix of `text` that fits `width` with an ellipsis, or the text itself if it fits."""
    if _width(text, size, font) <= width:
        return text
    lo, hi = 0, len(text)  # binary search: widths grow with the prefix length
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _width(text[:mid].rstrip() + ELLIPSIS, size, font) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS if lo else (ELLIPSIS if _width(ELLIPSIS, size, font) <= width else "")


def _wrap(text: str, width: float, size: float, font: str = FONT, max_lines: int = 2) -> list[str]:
    """Greedy word wrap into at most `max_lines` lines; a word longer than a line, or text left over
    after the last line, is cut with an ellipsis."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if _width(candidate, size, font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if len(lines) == max_lines:
            lines[-1] = _truncate(" ".join([lines[-1], *words[i:]]), width, size, font)
            return lines
        current = word
    if current:
        lines.append(current)
    # A single word wider than the line: cut it rather than let it overflow.
    return [_truncate(line, width, size, font) for line in lines] or [""]


def _fits_unbroken(text: str, width: float, size: float, max_lines: int) -> bool:
    """True when wrapping keeps every word whole within `max_lines` lines."""
    return " ".join(_wrap(text, width, size, FONT, max_lines)).split() == text.split()


def _text(x: float, top: float, text: str, size: float = LABEL_SIZE, font: str = FONT,
          anchor: str = "start", colour: Color = INK) -> String:
    """A string whose baseline is `top` below the drawing's top edge.

    The anchor point and measured width ride along for to_svg, which turns them into SVG's own
    text-anchor and textLength: browsers measure with their own font, so reportlab's pre-shifted x would
    misplace right-aligned and centred text."""
    s = String(x, -top, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)
    s._svgAttrs = {"data-ax": _num(x), "data-anchor": anchor, "data-w": _num(_width(text, size, font))}
    return s


def _baseline(top: float, height: float, size: float) -> float:
    """Baseline that centres a line of digits and capitals (cap height ≈ 0.73 em) in a box."""
    return top + height / 2 + size * 0.36


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _title(spec_title: str, width: float, top: float) -> tuple[list[String], float]:
    """The chart title, wrapped to at most two lines; returns the strings and the top below them."""
    shapes = []
    for line in _wrap(spec_title, width - 2 * PAD, TITLE_SIZE, BOLD, 2):
        shapes.append(_text(PAD, top + TITLE_SIZE * 0.95, line, TITLE_SIZE, BOLD))
        top += TITLE_SIZE * LEADING
    return shapes, top + 3


# --------------------------------------------------------------------------------------------- colour


def _luminance(colour: Color) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)


def _ink_on(fill: Color) -> Color:
    """Black or white text, whichever has the higher WCAG contrast ratio against `fill`."""
    lum = _luminance(fill)
    return WHITE if (1.05 / (lum + 0.05)) > ((lum + 0.05) / (_luminance(INK) + 0.05)) else INK


def _mix(a: Color, b: Color, t: float) -> Color:
    return Color(a.red + (b.red - a.red) * t, a.green + (b.green - a.green) * t, a.blue + (b.blue - a.blue) * t)


def sequential_colour(value: float, low: float, high: float) -> Color:
    """Colour of `value` on the heatmap scale; values outside [low, high] get the end colours."""
    t = 0.0 if high == low else min(1.0, max(0.0, (value - low) / (high - low)))
    stops = [HexColor(c) for c in SEQUENTIAL]
    pos = t * (len(stops) - 1)
    i = min(int(pos), len(stops) - 2)
    return _mix(stops[i], stops[i + 1], pos - i)


# ------------------------------------------------------------------------------------------- heatmap


HEAT_ROW = 4.5 * mm  # readable down to ~80 rows on a page
HEAT_ROW_FEW = 6 * mm  # a short table gets roomier rows
HEAT_MAX_CELL = 28 * mm  # few columns: cells stop growing, the grid stays compact at the left
COL_LABEL_LINES = 3
ROTATED_LABEL_MAX = 30 * mm


def _check_heatmap(spec: HeatmapSpec) -> None:
    if not spec.row_labels or not spec.col_labels:
        raise ValueError(f"heatmap {spec.title!r} needs at least one row and one column")
    if len(spec.values) != len(spec.row_labels) or any(len(r) != len(spec.col_labels) for r in spec.values):
        raise ValueError(f"heatmap {spec.title!r}: values must be {len(spec.row_labels)} rows "
                         f"of {len(spec.col_labels)} columns")
    if spec.high < spec.low:
        raise ValueError(f"heatmap {spec.title!r}: high {spec.high} is below low {spec.low}")


def _legend_scale(spec: HeatmapSpec, width: float, top: float) -> tuple[list, float]:
    """`legend_label  low [gradient] high` on one line."""
    shapes: list = []
    bar_w, bar_h, steps = 32 * mm, 3 * mm, 32
    low_text, high_text = _number(spec, spec.low), _number(spec, spec.high)
    fixed = bar_w + _width(low_text, SMALL_SIZE) + _width(high_text, SMALL_SIZE) + 12
    label = _truncate(spec.legend_label, max(0.0, width - 2 * PAD - fixed - 6), SMALL_SIZE)
    line_top, base = top, _baseline(top, bar_h, SMALL_SIZE)
    x = PAD
    if label:
        shapes.append(_text(x, base, label, SMALL_SIZE, colour=MUTED))
        x += _width(label, SMALL_SIZE) + 6
    shapes.append(_text(x, base, low_text, SMALL_SIZE, colour=MUTED))
    x += _width(low_text, SMALL_SIZE) + 3
    step_w = bar_w / steps
    for i in range(steps):
        colour = sequential_colour(spec.low + (spec.high - spec.low) * (i + 0.5) / steps, spec.low, spec.high)
        # Each step overlaps the next a little: abutting rectangles leave hairline gaps in some viewers.
        shapes.append(Rect(x + i * step_w, -(line_top + bar_h), step_w + (0.4 if i < steps - 1 else 0), bar_h,
                           fillColor=colour, strokeColor=None))
    shapes.append(Rect(x, -(line_top + bar_h), bar_w, bar_h, fillColor=None, strokeColor=RULE, strokeWidth=0.4))
    x += bar_w + 3
    shapes.append(_text(x, base, high_text, SMALL_SIZE, colour=MUTED))
    return shapes, top + bar_h + 5


def _column_labels(labels: Sequence[str], centres: Sequence[float], cell_w: float, top: float) -> tuple[list, float]:
    """Column headings above the grid: wrapped when every word fits its column, otherwise rotated
    to read upwards, so narrow columns still show long names."""
    size = LABEL_SIZE
    room = cell_w - 2
    lead = size * LEADING
    if all(_fits_unbroken(label, room, size, COL_LABEL_LINES) for label in labels):
        wrapped = [_wrap(label, room, size, FONT, COL_LABEL_LINES) for label in labels]
        height = max(len(lines) for lines in wrapped) * lead + 2
        shapes = []
        for cx, lines in zip(centres, wrapped):
            # Bottom-aligned, so one-line headings sit right on the grid.
            first = top + height - 2 - len(lines) * lead
            for i, line in enumerate(lines):
                shapes.append(_text(cx, first + i * lead + size * 0.95, line, size, anchor="middle"))
        return shapes, top + height
    # Rotated, and wrapped onto as many upward lines as the column is wide enough for: long labels such
    # as "Abbiategrasso 2022-05-18 · Centro e stazione" differ at their ends, so cutting them loses the point.
    max_lines = max(1, min(COL_LABEL_LINES, int(room // lead)))
    wrapped = [_wrap(label, ROTATED_LABEL_MAX, size, FONT, max_lines) for label in labels]
    height = max(_width(line, size) for lines in wrapped for line in lines) + 4
    shapes = []
    for cx, lines in zip(centres, wrapped):
        first = cx - (len(lines) - 1) * lead / 2
        for i, line in enumerate(lines):
            # rotate(90) runs the text upwards from the grid; the glyphs sit left of the baseline: +0.36 em.
            s = _text(0, 0, line, size)
            shapes.append(Group(s, transform=(0, 1, -1, 0, first + i * lead + size * 0.36, -(top + height - 2))))
    return shapes, top + height


def _heatmap(spec: HeatmapSpec, width: float) -> tuple[list, float]:
    _check_heatmap(spec)
    shapes, top = _title(spec.title, width, PAD)
    legend, top = _legend_scale(spec, width, top)
    shapes += legend

    n_rows, n_cols = len(spec.row_labels), len(spec.col_labels)
    label_w = min(max(_width(r, LABEL_SIZE) for r in spec.row_labels), LABEL_SHARE * width)
    grid_x = PAD + label_w + 4
    cell_w = min((width - PAD - grid_x) / n_cols, HEAT_MAX_CELL)
    row_h = HEAT_ROW_FEW if n_rows <= 15 else HEAT_ROW
    value_size = min(7.0, row_h * 0.55)
    centres = [grid_x + (j + 0.5) * cell_w for j in range(n_cols)]
    headings, top = _column_labels(spec.col_labels, centres, cell_w, top)
    shapes += headings

    gap = 0.5  # half of the white line between cells
    for i, (label, row) in enumerate(zip(spec.row_labels, spec.values)):
        row_top = top + i * row_h
        base = _baseline(row_top, row_h, LABEL_SIZE)
        shapes.append(_text(grid_x - 4, base, _truncate(label, label_w, LABEL_SIZE), anchor="end"))
        for j, value in enumerate(row):
            x = grid_x + j * cell_w
            if value is None:
                fill, text = MISSING_FILL, spec.missing_label
                ink = MUTED
            else:
                fill, text = sequential_colour(value, spec.low, spec.high), _number(spec, value)
                ink = _ink_on(fill)
            shapes.append(Rect(x + gap, -(row_top + row_h - gap), cell_w - 2 * gap, row_h - 2 * gap,
                               fillColor=fill, strokeColor=None))
            text = _truncate(text, cell_w - 3, value_size)
            shapes.append(_text(centres[j], _baseline(row_top, row_h, value_size), text, value_size,
                                anchor="middle", colour=ink))
    return shapes, top + n_rows * row_h + PAD


# ---------------------------------------------------------------------------------------------- bars


def _nice_ticks(low: float, high: float, max_ticks: int = 6) -> list[float]:
    """Round tick values from low to high: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high <= low:
        return [low]
    raw = (high - low) / max(1, max_ticks - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw - 1e-12)
    first = math.ceil(low / step - 1e-9) * step
    ticks, k = [], 0
    while first + k * step <= high + step * 1e-9:
        ticks.append(round(first + k * step, 10))
        k += 1
    return ticks


def _number(spec: HeatmapSpec | BarsSpec, value: float) -> str:
    """A value as the spec formats it, with the report language's decimal separator."""
    return spec.value_format.format(value).replace(".", spec.decimal)


def _tick_labels(ticks: Sequence[float], value_format: str) -> list[str]:
    """Whole ticks print as whole numbers ("3", not "3.0"), unless the format is a percentage."""
    if "%" not in value_format and all(float(t).is_integer() for t in ticks):
        return [str(int(t)) for t in ticks]
    return [value_format.format(t) for t in ticks]


def _check_bars(spec: BarsSpec) -> None:
    if len(spec.series) > MAX_SERIES:
        raise ValueError(f"bar chart {spec.title!r} has {len(spec.series)} series; "
                         f"at most {MAX_SERIES} have distinguishable colours (use a heatmap)")
    if not spec.series or not spec.categories:
        raise ValueError(f"bar chart {spec.title!r} needs at least one series and one category")
    if any(len(values) != len(spec.categories) for _, values in spec.series):
        raise ValueError(f"bar chart {spec.title!r}: every series needs {len(spec.categories)} values")
    if spec.spread is not None and (len(spec.spread) != len(spec.series)
                                    or any(len(s) != len(spec.categories) for s in spec.spread)):
        raise ValueError(f"bar chart {spec.title!r}: spread must match series × categories")
    if spec.high <= spec.low:
        raise ValueError(f"bar chart {spec.title!r}: high {spec.high} must be above low {spec.low}")


def _series_legend(labels: Sequence[str], width: float, top: float) -> tuple[list, float]:
    """Swatch + label per series, flowing onto more lines when the width runs out."""
    shapes: list = []
    sw, lead = 3 * mm, LABEL_SIZE * LEADING + 2
    x, line_top = PAD, top
    for k, label in enumerate(labels):
        text = _truncate(label, width - 2 * PAD - sw - 4, LABEL_SIZE)
        item_w = sw + 3 + _width(text, LABEL_SIZE)
        if x > PAD and x + item_w > width - PAD:
            x, line_top = PAD, line_top + lead
        shapes.append(Rect(x, -(line_top + (lead - sw) / 2 + sw), sw, sw, fillColor=HexColor(OKABE_ITO[k]),
                           strokeColor=INK, strokeWidth=0.4))
        shapes.append(_text(x + sw + 3, _baseline(line_top, lead, LABEL_SIZE), text))
        x += item_w + 9
    return shapes, line_top + lead + 4


def _whisker(lo_x: float, hi_x: float, mid: float, cap: float, bar_end: float, fill: Color) -> list[Line]:
    """A ± whisker: dark, except where it crosses a bar too dark for it (the black series)."""
    inside = WHITE if _luminance(fill) < 0.05 else INK

    def ink(x: float) -> Color:
        return inside if x < bar_end else INK

    def seg(x1: float, y1: float, x2: float, y2: float, colour: Color) -> Line:
        return Line(x1, -y1, x2, -y2, strokeColor=colour, strokeWidth=0.7)

    lines = [seg(x, mid - cap, x, mid + cap, ink(x)) for x in (lo_x, hi_x)]
    if lo_x < bar_end:
        lines.append(seg(lo_x, mid, min(hi_x, bar_end), mid, inside))
    if hi_x > bar_end:
        lines.append(seg(max(lo_x, bar_end), mid, hi_x, mid, INK))
    return lines


def _bars(spec: BarsSpec, width: float) -> tuple[list, float]:
    _check_bars(spec)
    shapes, top = _title(spec.title, width, PAD)
    legend, top = _series_legend([label for label, _ in spec.series], width, top)
    shapes += legend

    n_series = len(spec.series)
    bar_h = (3.2 if n_series <= 4 else 2.8) * mm
    bar_gap, cluster_gap = 1.0, 2.5 * mm
    value_size = SMALL_SIZE
    label_w = min(max(_width(c, LABEL_SIZE) for c in spec.categories), LABEL_SHARE * width)
    plot_x0 = PAD + label_w + 6

    def text_of(k: int, c: int) -> str:
        value = spec.series[k][1][c]
        return "\u2013" if value is None else _number(spec, value)

    # Room right of the axis for the longest value label of a bar that reaches `high`.
    value_room = max(_width(text_of(k, c), value_size)
                     for k in range(n_series) for c in range(len(spec.categories))) + 4
    plot_x1 = width - PAD - value_room
    span = spec.high - spec.low

    def x_of(value: float) -> float:
        return plot_x0 + (min(spec.high, max(spec.low, value)) - spec.low) / span * (plot_x1 - plot_x0)

    ticks = _nice_ticks(spec.low, spec.high)
    plot_top = top
    bars_h = n_series * bar_h + (n_series - 1) * bar_gap
    lead = LABEL_SIZE * 1.15
    body: list = []
    for c, category in enumerate(spec.categories):
        lines = _wrap(category, label_w, LABEL_SIZE, FONT, 3)
        cluster_h = max(bars_h, len(lines) * lead)
        first = top + (cluster_h - len(lines) * lead) / 2
        for i, line in enumerate(lines):
            body.append(_text(plot_x0 - 6, first + i * lead + LABEL_SIZE * 0.8, line, anchor="end"))
        bars_top = top + (cluster_h - bars_h) / 2
        for k, (_, values) in enumerate(spec.series):
            value = values[c]
            bt = bars_top + k * (bar_h + bar_gap)
            mid = bt + bar_h / 2
            if value is None:
                # No bar: a muted dash at the axis start says "no value" rather than "zero".
                body.append(_text(plot_x0 + 3, _baseline(bt, bar_h, LABEL_SIZE), "\u2013", LABEL_SIZE, BOLD,
                                  colour=MUTED))
                continue
            # A value at `low` keeps a sliver of bar, so its colour still says which series it is.
            end = max(x_of(value), plot_x0 + 1.2)
            fill = HexColor(OKABE_ITO[k])
            # A thin dark outline keeps light colours (yellow) visible against the white page.
            body.append(Rect(plot_x0, -(bt + bar_h), end - plot_x0, bar_h, fillColor=fill,
                             strokeColor=INK, strokeWidth=0.4))
            label_x = end
            spread = spec.spread[k][c] if spec.spread is not None else None
            if spread:
                lo_x, hi_x = x_of(value - abs(spread)), x_of(value + abs(spread))
                body += _whisker(lo_x, hi_x, mid, bar_h * 0.3, end, fill)
                label_x = max(end, hi_x)
            body.append(_text(label_x + 2.5, _baseline(bt, bar_h, value_size), text_of(k, c), value_size))
        top += cluster_h + cluster_gap
    plot_bottom = top - cluster_gap + 3

    # Grid first, so bars and labels are drawn over it.
    for t in ticks:
        x = x_of(t)
        shapes.append(Line(x, -plot_top, x, -plot_bottom, strokeColor=GRID, strokeWidth=0.5))
    shapes.append(Line(plot_x0, -plot_top, plot_x0, -plot_bottom, strokeColor=RULE, strokeWidth=0.6))
    shapes += body
    shapes.append(Line(plot_x0, -plot_bottom, plot_x1, -plot_bottom, strokeColor=INK, strokeWidth=0.5))
    for t, label in zip(ticks, [lbl.replace(".", spec.decimal) for lbl in _tick_labels(ticks, spec.value_format)]):
        x = x_of(t)
        shapes.append(Line(x, -plot_bottom, x, -(plot_bottom + 2.5), strokeColor=INK, strokeWidth=0.5))
        shapes.append(_text(x, plot_bottom + 3 + SMALL_SIZE, label, SMALL_SIZE, anchor="middle", colour=MUTED))
    top = plot_bottom + 5 + SMALL_SIZE * LEADING
    axis_label = _truncate(spec.axis_label, width - 2 * PAD, LABEL_SIZE)
    shapes.append(_text((plot_x0 + plot_x1) / 2, top + LABEL_SIZE, axis_label, anchor="middle", colour=MUTED))
    return shapes, top + LABEL_SIZE * LEADING + PAD


# --------------------------------------------------------------------------------------------- slope


SLOPE_STEP = 5.5 * mm
SLOPE_STEP_MANY = 4.5 * mm  # beyond 15 ranks
POINT_R = 5.0
SLOPE_LABEL_SHARE = 0.28  # each outer label margin


@dataclass(frozen=True)
class _SlopeLabel:
    item: int
    column: int
    side: int  # -1: left of the point, +1: right of it


def _spread_positions(desired: Sequence[float], gap: float, lo: float, hi: float) -> list[float]:
    """Positions as close as possible to `desired`, at least `gap` apart and within [lo, hi] when room
    allows: labels that would collide are spread evenly around their mean position."""
    order = sorted(range(len(desired)), key=lambda i: (desired[i], i))
    clusters: list[tuple[list[int], float]] = []  # (members in order, position of the first)
    for i in order:
        clusters.append(([i], desired[i]))
        while len(clusters) > 1:
            (a, a_top), (b, b_top) = clusters[-2], clusters[-1]
            if a_top + len(a) * gap <= b_top + 1e-9:
                break
            members = a + b
            mean = sum(desired[m] for m in members) / len(members)
            clusters[-2:] = [(members, mean - (len(members) - 1) * gap / 2)]
    placed = [0.0] * len(desired)
    for members, first in clusters:
        for n, m in enumerate(members):
            placed[m] = first + n * gap
    # Keep within bounds, then restore the spacing the shift may have broken. Too many labels for the
    # room run on past `hi`: the caller makes the drawing tall enough.
    in_order = sorted(range(len(desired)), key=lambda i: (placed[i], i))
    overflow = max(0.0, placed[in_order[-1]] - hi) if in_order else 0.0
    previous = -math.inf
    for m in in_order:
        placed[m] = max(lo, placed[m] - overflow, previous + gap)
        previous = placed[m]
    return placed


def _check_slope(spec: SlopeSpec) -> None:
    if not spec.columns or not spec.lines:
        raise ValueError(f"slope chart {spec.title!r} needs at least one column and one line")
    if spec.max_rank < 1:
        raise ValueError(f"slope chart {spec.title!r}: max_rank must be at least 1")
    for label, ranks in spec.lines:
        if len(ranks) != len(spec.columns):
            raise ValueError(f"slope chart {spec.title!r}: {label!r} needs {len(spec.columns)} ranks")
        bad = [r for r in ranks if r is not None and not 1 <= r <= spec.max_rank]
        if bad:
            raise ValueError(f"slope chart {spec.title!r}: {label!r} has rank {bad[0]} outside 1..{spec.max_rank}")


def _slope_labels(spec: SlopeSpec) -> list[_SlopeLabel]:
    """Each item is named left of its first ranked column and right of its last one, so it can be
    followed without relying on colour; an item ranked in one column only is named once."""
    labels = []
    for k, (_, ranks) in enumerate(spec.lines):
        present = [c for c, r in enumerate(ranks) if r is not None]
        if not present:
            continue
        first, final = present[0], present[-1]
        if first != final:
            labels += [_SlopeLabel(k, first, -1), _SlopeLabel(k, final, +1)]
        else:
            # In the first column the left margin is free; elsewhere the right side reads on naturally.
            labels.append(_SlopeLabel(k, first, -1 if first == 0 else +1))
    return labels


def _slope(spec: SlopeSpec, width: float) -> tuple[list, float]:
    _check_slope(spec)
    shapes, top = _title(spec.title, width, PAD)
    n_cols = len(spec.columns)
    labels = _slope_labels(spec)
    names = [label for label, _ in spec.lines]

    def widest(side: int, column: int) -> float:
        return max((_width(names[lab.item], LABEL_SIZE) for lab in labels
                    if lab.side == side and lab.column == column), default=0.0)

    outer = SLOPE_LABEL_SHARE * width
    left_room = min(widest(-1, 0), outer)
    right_room = min(widest(+1, n_cols - 1), outer)
    ax0 = PAD + left_room + POINT_R + 4
    ax1 = width - PAD - right_room - POINT_R - 4
    axes = [ax0 + c * (ax1 - ax0) / (n_cols - 1) for c in range(n_cols)] if n_cols > 1 else [ax0]
    between = (ax1 - ax0) / (n_cols - 1) if n_cols > 1 else 0.0

    axis_label = _truncate(spec.axis_label, width - 2 * PAD, SMALL_SIZE)
    shapes.append(_text(PAD, top + SMALL_SIZE, axis_label, SMALL_SIZE, colour=MUTED))
    top += SMALL_SIZE * LEADING + 4

    # Column headings, centred on their axis, wrapped to the space between axes.
    head_w = min(between - 4 if n_cols > 1 else width - 2 * PAD, 45 * mm)
    wrapped = [_wrap(c, head_w, LABEL_SIZE, BOLD, 2) for c in spec.columns]
    lead = LABEL_SIZE * LEADING
    head_h = max(len(w) for w in wrapped) * lead
    for x, lines in zip(axes, wrapped):
        first = top + head_h - len(lines) * lead
        for i, line in enumerate(lines):
            shapes.append(_text(x, first + i * lead + LABEL_SIZE * 0.95, line, LABEL_SIZE, BOLD, anchor="middle"))
    top += head_h + 4

    step = SLOPE_STEP if spec.max_rank <= 15 else SLOPE_STEP_MANY
    plot_top = top
    plot_bottom = top + spec.max_rank * step

    # Tied items share one point: fanning them out would draw slopes between equal ranks. Their
    # lines still arrive in their own colours, and their labels are spread apart with leaders.
    def y_of(k: int, c: int) -> float:
        return plot_top + (spec.lines[k][1][c] - 0.5) * step

    for x in axes:
        shapes.append(Line(x, -plot_top, x, -plot_bottom, strokeColor=RULE, strokeWidth=0.6))

    colours = [HexColor(LINE_COLOURS[k % len(LINE_COLOURS)]) for k in range(len(spec.lines))]
    for k, (_, ranks) in enumerate(spec.lines):
        for c in range(n_cols - 1):
            # Only neighbours that are both ranked are joined: a gap shows "not ranked there".
            if ranks[c] is not None and ranks[c + 1] is not None:
                shapes.append(Line(axes[c], -y_of(k, c), axes[c + 1], -y_of(k, c + 1),
                                   strokeColor=colours[k], strokeWidth=1.6, strokeLineCap=1))
    for k, (_, ranks) in enumerate(spec.lines):
        for c, rank in enumerate(ranks):
            if rank is None:
                continue
            y = y_of(k, c)
            shapes.append(Circle(axes[c], -y, POINT_R, fillColor=colours[k], strokeColor=WHITE, strokeWidth=0.8))
            number = str(rank)
            size = min(6.0, 6.0 * (2 * POINT_R - 2) / _width(number, 6.0, BOLD))
            shapes.append(_text(axes[c], _baseline(y - POINT_R, 2 * POINT_R, size), number, size, BOLD,
                                anchor="middle", colour=_ink_on(colours[k])))

    # Item labels, nudged apart where they would collide; a short leader joins a nudged label to its point.
    gap = LABEL_SIZE * 1.15
    groups: dict[tuple[int, int], list[_SlopeLabel]] = {}
    for lab in labels:
        groups.setdefault((lab.column, lab.side), []).append(lab)
    placed: dict[tuple[int, int], list[float]] = {
        key: _spread_positions([y_of(lab.item, lab.column) for lab in group], gap,
                              plot_top + gap / 2, plot_bottom - gap / 2)
        for key, group in groups.items()}

    def room(column: int, side: int, y: float) -> float:
        if (side == -1 and column == 0) or (side == +1 and column == n_cols - 1):
            return left_room if side == -1 else right_room
        # Between two axes: the whole gap, unless a label from the facing axis is on the same line.
        facing = placed.get((column + side, -side), [])
        shared = any(abs(other - y) < gap for other in facing)
        # A label starts POINT_R + 4 from its axis and keeps 2 pt clear of the facing point or label.
        return between / 2 - POINT_R - 6 if shared else between - 2 * POINT_R - 6

    lowest = max((y for ys in placed.values() for y in ys), default=plot_top)
    for (column, side), group in groups.items():
        for lab, y in zip(group, placed[(column, side)]):
            is_outer = (side == -1 and column == 0) or (side == +1 and column == n_cols - 1)
            text = _truncate(names[lab.item], max(room(column, side, y), 0.0), LABEL_SIZE)
            if not text:
                continue
            point_y = y_of(lab.item, column)
            x_text = axes[column] + side * (POINT_R + 4)
            if abs(y - point_y) > 0.5:
                shapes.append(Line(axes[column] + side * POINT_R, -point_y, x_text - side, -y,
                                   strokeColor=MUTED, strokeWidth=0.4))
            if not is_outer:
                # Labels between axes sit over the lines there: a white backing keeps them legible.
                w = _width(text, LABEL_SIZE)
                bx = x_text if side == 1 else x_text - w
                shapes.append(Rect(bx - 1, -(y + gap / 2), w + 2, gap, fillColor=WHITE, strokeColor=None))
            shapes.append(_text(x_text, _baseline(y - gap / 2, gap, LABEL_SIZE), text,
                                anchor="start" if side == 1 else "end"))
    return shapes, max(plot_bottom, lowest + gap / 2) + PAD + 2


# ---------------------------------------------------------------------------------------- public API


def draw(spec: ChartSpec, width_mm: float) -> Drawing:
    """The chart as a Drawing exactly `width_mm` wide; its height follows from the content."""
    register_fonts()
    width = width_mm * mm
    if isinstance(spec, HeatmapSpec):
        shapes, height = _heatmap(spec, width)
    elif isinstance(spec, BarsSpec):
        shapes, height = _bars(spec, width)
    elif isinstance(spec, SlopeSpec):
        shapes, height = _slope(spec, width)
    else:
        raise TypeError(f"not a chart spec: {type(spec).__name__}")
    drawing = Drawing(width, height)
    # Shapes were laid out downwards from y = 0; lift them so the top edge is the drawing's top.
    drawing.add(Group(*shapes, transform=(1, 0, 0, 1, 0, height)))
    drawing._chart_title = spec.title  # for to_svg's accessible name
    return drawing


def split_heatmap(spec: HeatmapSpec, width_mm: float, max_height_mm: float) -> list[HeatmapSpec]:
    """The heatmap cut into as few consecutive row blocks of nearly equal size as keep each block's
    drawing at most `max_height_mm` tall.

    A Drawing cannot break across PDF pages, and ~80 readable rows are taller than an A4 frame. Every
    block keeps the title, legend and column headings; with more than one block the title gains " (i/n)"."""
    limit = max_height_mm * mm
    n_rows = len(spec.row_labels)

    def blocks(count: int) -> list[HeatmapSpec]:
        size = math.ceil(n_rows / count)
        starts = range(0, n_rows, size)
        if len(starts) == 1:
            return [spec]
        return [replace(spec, title=f"{spec.title} ({i + 1}/{len(starts)})", row_labels=spec.row_labels[s:s + size],
                        values=spec.values[s:s + size]) for i, s in enumerate(starts)]

    first_height = draw(spec, width_mm).height
    # The whole chart's height over the limit underestimates the count (each block repeats the headings).
    count = max(1, min(n_rows, math.ceil(first_height / limit)))
    while count <= n_rows:
        parts = blocks(count)
        # Measured, not computed: row height and label widths depend on each block's own rows.
        if all(draw(part, width_mm).height <= limit for part in parts):
            return parts
        count += 1
    raise ValueError(f"heatmap {spec.title!r}: not even one row fits in {max_height_mm} mm")


_SVG = "http://www.w3.org/2000/svg"
_DECIMAL = re.compile(r"-?\d+\.\d+(?:[eE]-?\d+)?")
_GEOMETRY = ("x", "y", "width", "height", "cx", "cy", "r")
_STROKE_DETAILS = ("stroke-linecap", "stroke-linejoin", "stroke-width", "stroke-dasharray", "stroke-dashoffset",
                   "stroke-opacity", "stroke-miterlimit")


def _rounded(text: str) -> str:
    """Numbers in an attribute to 2 decimals: a hundredth of a point is invisible, and a large heatmap's
    SVG shrinks by half."""
    return _DECIMAL.sub(lambda m: _num(float(m.group())), text)


def _clean_style(style: str) -> str:
    """reportlab's per-element style without what is implied or inherited: stroke details of unstroked
    shapes, the fill rule (set on <svg>), and the font family (set on <svg> with fallbacks; bold kept)."""
    props: dict[str, str] = {}
    for part in style.split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            props[key.strip()] = value.strip()
    if props.get("stroke") == "none":
        for key in _STROKE_DETAILS:
            props.pop(key, None)
    props.pop("fill-rule", None)
    family = props.pop("font-family", None)
    if family is not None and family.endswith("-Bold"):
        props["font-weight"] = "bold"
    return "; ".join(f"{key}: {_rounded(value)}" for key, value in props.items())


def to_svg(drawing: Drawing, title: str | None = None) -> str:
    """A standalone <svg> element (no XML declaration or DOCTYPE) for inlining in HTML.

    It scales to its container's width (viewBox, width="100%", no fixed height), carries role="img" with
    the chart title (by default the one `draw` was given) as <title> and aria-label, names the bundled
    font with browser fallbacks, and has no id attributes, so several charts can share one page."""
    title = title if title is not None else getattr(drawing, "_chart_title", "")
    ET.register_namespace("", _SVG)
    root = ET.fromstring(renderSVG.drawToString(drawing).encode("utf-8"))

    # reportlab writes the size with %d (cutting off fractions of a point) and a clip path with a fixed
    # id that would clash between charts on one page; the viewBox clips anyway, so the clip path goes.
    height = drawing.height
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    root.set("viewBox", f"0 0 {_num(drawing.width)} {_num(height)}")
    root.set("width", "100%")
    root.set("role", "img")
    root.set("aria-label", title)
    root.set("font-family", SVG_FONT_STACK)
    for child in list(root):
        tag = child.tag.split("}")[-1]
        if tag in ("clipPath", "desc"):
            root.remove(child)
        elif tag == "title":
            child.text = title
        elif tag == "g":
            child.attrib.pop("id", None)
            child.attrib.pop("style", None)
            child.set("transform", f"scale(1,-1) translate(0,-{_num(height)})")

    for node in root.iter():
        tag = node.tag.split("}")[-1]
        if tag == "text":
            anchor_x = node.attrib.pop("data-ax", None)
            anchor = node.attrib.pop("data-anchor", "start")
            measured = node.attrib.pop("data-w", None)
            if anchor_x is not None:
                node.set("x", anchor_x)
                if anchor in ("middle", "end"):
                    node.set("text-anchor", anchor)
            if measured is not None and float(measured) > 0:
                # A browser without DejaVu uses a wider font: pin the length to reportlab's measurement.
                node.set("textLength", measured)
                node.set("lengthAdjust", "spacingAndGlyphs")
        for name in ("d", "points", "transform", *(_GEOMETRY if node is not root else ())):
            if name in node.attrib:
                node.set(name, _rounded(node.get(name)).strip())
        if tag == "text":
            # reportlab flips each text upright about its baseline with translate(0, 2y), written with %d.
            node.set("transform", f"translate(0,{_num(2 * float(node.get('y', '0')))}) scale(1,-1)")
        if "style" in node.attrib:
            node.set("style", _clean_style(node.get("style")))
        if node.get("transform") == "":
            del node.attrib["transform"]
    return ET.tostring(root, encoding="unicode")
