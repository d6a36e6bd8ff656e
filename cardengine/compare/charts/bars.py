"""Grouped horizontal bars: one cluster per category (criterion), one bar per series (group).

A bar may carry two whiskers that mean different things, so they look different and the key names them:
± SD (`spread`, thin with end caps) and a confidence interval (`interval`, a thick band without caps).
The tables behind a bar (n) follow its value; a bar resting on too few tables is drawn pale and dashed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Line
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm

from cardengine.compare.charts.base import (
    BOLD,
    FONT,
    GRID,
    INK,
    LABEL_SHARE,
    LABEL_SIZE,
    LEADING,
    MAX_SERIES,
    MUTED,
    OKABE_ITO,
    PAD,
    RULE,
    SMALL_SIZE,
    WHITE,
    Shapes,
    baseline,
    faded,
    is_dark,
    rect,
    text,
    title,
    truncate,
    width_of,
    wrap,
)
from cardengine.compare.charts.heatmap import n_text, number
from cardengine.compare.charts.words import chart_word
from cardengine.compare.report.model import BarsSpec

SD_WIDTH = 0.7
CI_WIDTH = 2.2


def nice_ticks(low: float, high: float, max_ticks: int = 6) -> list[float]:
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


def tick_labels(ticks: Sequence[float], value_format: str) -> list[str]:
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
    for name in ("spread", "interval", "counts", "faint"):
        grid = getattr(spec, name)
        if grid is not None and (len(grid) != len(spec.series) or any(len(s) != len(spec.categories) for s in grid)):
            raise ValueError(f"bar chart {spec.title!r}: {name} must match series × categories")
    if spec.high <= spec.low:
        raise ValueError(f"bar chart {spec.title!r}: high {spec.high} must be above low {spec.low}")


def _series_legend(labels: Sequence[str], width: float, top: float) -> tuple[Shapes, float]:
    """Swatch + label per series, flowing onto more lines when the width runs out."""
    shapes: Shapes = []
    sw, lead = 3 * mm, LABEL_SIZE * LEADING + 2
    x, line_top = PAD, top
    for k, label in enumerate(labels):
        shown = truncate(label, width - 2 * PAD - sw - 4, LABEL_SIZE)
        item_w = sw + 3 + width_of(shown, LABEL_SIZE)
        if x > PAD and x + item_w > width - PAD:
            x, line_top = PAD, line_top + lead
        shapes.append(rect(x, -(line_top + (lead - sw) / 2 + sw), sw, sw, fillColor=HexColor(OKABE_ITO[k]),
                           strokeColor=INK, strokeWidth=0.4))
        shapes.append(text(x + sw + 3, baseline(line_top, lead, LABEL_SIZE), shown,
                           tip=label if shown != label else ""))
        x += item_w + 9
    return shapes, line_top + lead + 4


def _key(spec: BarsSpec, width: float, top: float) -> tuple[Shapes, float]:
    """What the whiskers, pale bars and n mean: one entry each, only for what this chart draws."""
    entries: list[tuple[str, str]] = []
    if spec.spread is not None and any(s for row in spec.spread for s in row):
        entries.append(("sd", chart_word("charts.sd", spec.lang)))
    if spec.interval is not None and any(i is not None for row in spec.interval for i in row):
        entries.append(("ci", chart_word("charts.ci", spec.lang)))
    if spec.faint is not None and any(any(row) for row in spec.faint):
        entries.append(("faint", chart_word("charts.faint", spec.lang)))
    if spec.counts is not None:
        entries.append(("n", chart_word("charts.n", spec.lang)))
    if not entries:
        return [], top
    shapes: Shapes = []
    glyph, lead = 5 * mm, SMALL_SIZE * LEADING + 3
    x, line_top = PAD, top
    for kind, words in entries:
        item_w = (glyph + 3 if kind != "n" else 0) + width_of(words, SMALL_SIZE)
        if x > PAD and x + item_w > width - PAD:
            x, line_top = PAD, line_top + lead
        mid = line_top + lead / 2
        if kind == "sd":
            shapes += _whisker(x, x + glyph, mid, 2.0, x, WHITE, SD_WIDTH, caps=True)
        elif kind == "ci":
            shapes += _whisker(x, x + glyph, mid, 0.0, x, WHITE, CI_WIDTH, caps=False)
        elif kind == "faint":
            shapes.append(rect(x, -(mid + 3), glyph, 6, fillColor=faded(HexColor(OKABE_ITO[0])), strokeColor=MUTED,
                               strokeWidth=0.5, strokeDashArray=(1.2, 0.8)))
        if kind != "n":
            x += glyph + 3
        shown = truncate(words, width - PAD - x, SMALL_SIZE)
        shapes.append(text(x, baseline(line_top, lead, SMALL_SIZE), shown, SMALL_SIZE, colour=MUTED))
        x += width_of(shown, SMALL_SIZE) + 12
    return shapes, line_top + lead + 3


def _whisker(lo_x: float, hi_x: float, mid: float, cap: float, bar_end: float, fill: Color, stroke: float,
             caps: bool) -> list[Line]:
    """A whisker from lo_x to hi_x: dark, except where it crosses a bar too dark for it (the black series)."""
    inside = WHITE if is_dark(fill) else INK

    def ink(x: float) -> Color:
        return inside if x < bar_end else INK

    def seg(x1: float, y1: float, x2: float, y2: float, colour: Color) -> Line:
        return Line(x1, -y1, x2, -y2, strokeColor=colour, strokeWidth=stroke, strokeLineCap=0)

    lines = [Line(x, -(mid - cap), x, -(mid + cap), strokeColor=ink(x), strokeWidth=SD_WIDTH)
             for x in (lo_x, hi_x)] if caps else []
    if lo_x < bar_end:
        lines.append(seg(lo_x, mid, min(hi_x, bar_end), mid, inside))
    if hi_x > bar_end:
        lines.append(seg(max(lo_x, bar_end), mid, hi_x, mid, INK))
    return lines


def bars(spec: BarsSpec, width: float) -> tuple[Shapes, float]:
    _check_bars(spec)
    shapes, top = title(spec.title, width, PAD)
    legend, top = _series_legend([label for label, _ in spec.series], width, top)
    shapes += legend
    key, top = _key(spec, width, top)
    shapes += key

    n_series = len(spec.series)
    bar_h = (3.2 if n_series <= 4 else 2.8) * mm
    bar_gap, cluster_gap = 1.0, 2.5 * mm
    value_size = SMALL_SIZE
    label_w = min(max(width_of(c, LABEL_SIZE) for c in spec.categories), LABEL_SHARE * width)
    plot_x0 = PAD + label_w + 6

    def text_of(k: int, c: int) -> str:
        value = spec.series[k][1][c]
        return "\u2013" if value is None else number(spec, value)

    def n_of(k: int, c: int) -> str:
        return n_text(spec.counts[k][c]) if spec.counts is not None else ""

    def label_w_of(k: int, c: int) -> float:
        n = n_of(k, c)
        return width_of(text_of(k, c), value_size) + (width_of(n, value_size) + 3 if n else 0)

    # Room right of the axis for the longest value label of a bar that reaches `high`.
    value_room = max(label_w_of(k, c) for k in range(n_series) for c in range(len(spec.categories))) + 4
    plot_x1 = width - PAD - value_room
    span = spec.high - spec.low

    def x_of(value: float) -> float:
        return plot_x0 + (min(spec.high, max(spec.low, value)) - spec.low) / span * (plot_x1 - plot_x0)

    ticks = nice_ticks(spec.low, spec.high)
    plot_top = top
    bars_h = n_series * bar_h + (n_series - 1) * bar_gap
    lead = LABEL_SIZE * 1.15
    body: Shapes = []
    for c, category in enumerate(spec.categories):
        lines = wrap(category, label_w, LABEL_SIZE, FONT, 3)
        cluster_h = max(bars_h, len(lines) * lead)
        first = top + (cluster_h - len(lines) * lead) / 2
        cut = " ".join(lines).split() != category.split()
        for i, line in enumerate(lines):
            body.append(text(plot_x0 - 6, first + i * lead + LABEL_SIZE * 0.8, line, anchor="end",
                             tip=category if cut else ""))
        bars_top = top + (cluster_h - bars_h) / 2
        for k, (name, _values) in enumerate(spec.series):
            body += _bar(spec, k, c, bars_top + k * (bar_h + bar_gap), bar_h, plot_x0, x_of, text_of(k, c),
                         n_of(k, c), f"{name} · {category}")
        top += cluster_h + cluster_gap
    plot_bottom = top - cluster_gap + 3

    # Grid first, so bars and labels are drawn over it.
    for t in ticks:
        x = x_of(t)
        shapes.append(Line(x, -plot_top, x, -plot_bottom, strokeColor=GRID, strokeWidth=0.5))
    shapes.append(Line(plot_x0, -plot_top, plot_x0, -plot_bottom, strokeColor=RULE, strokeWidth=0.6))
    shapes += body
    shapes.append(Line(plot_x0, -plot_bottom, plot_x1, -plot_bottom, strokeColor=INK, strokeWidth=0.5))
    shown_ticks = [lbl.replace(".", spec.decimal) for lbl in tick_labels(ticks, spec.value_format)]
    for t, label in zip(ticks, shown_ticks, strict=False):
        x = x_of(t)
        shapes.append(Line(x, -plot_bottom, x, -(plot_bottom + 2.5), strokeColor=INK, strokeWidth=0.5))
        shapes.append(text(x, plot_bottom + 3 + SMALL_SIZE, label, SMALL_SIZE, anchor="middle", colour=MUTED))
    top = plot_bottom + 5 + SMALL_SIZE * LEADING
    axis_label = truncate(spec.axis_label, width - 2 * PAD, LABEL_SIZE)
    shapes.append(text((plot_x0 + plot_x1) / 2, top + LABEL_SIZE, axis_label, anchor="middle", colour=MUTED))
    return shapes, top + LABEL_SIZE * LEADING + PAD


def _bar(spec: BarsSpec, k: int, c: int, bt: float, bar_h: float, plot_x0: float, x_of: Callable[[float], float],
         shown: str, n: str, where: str) -> Shapes:
    value = spec.series[k][1][c]
    mid = bt + bar_h / 2
    if value is None:
        # No bar: a muted dash at the axis start says "no value" rather than "zero".
        return [text(plot_x0 + 3, baseline(bt, bar_h, LABEL_SIZE), "\u2013", LABEL_SIZE, BOLD, colour=MUTED)]
    faint = bool(spec.faint and spec.faint[k][c])
    # A value at `low` keeps a sliver of bar, so its colour still says which series it is.
    end = max(x_of(value), plot_x0 + 1.2)
    fill = HexColor(OKABE_ITO[k])
    drawn = faded(fill) if faint else fill
    # A thin dark outline keeps light colours (yellow) visible against the white page; a pale bar's is dashed.
    out: Shapes = [rect(plot_x0, -(bt + bar_h), end - plot_x0, bar_h, fillColor=drawn,
                        strokeColor=MUTED if faint else INK, strokeWidth=0.5 if faint else 0.4,
                        strokeDashArray=(1.2, 0.8) if faint else None)]
    label_x = end
    tip = f"{where}: {shown}"
    spread = spec.spread[k][c] if spec.spread is not None else None
    if spread:
        lo_x, hi_x = x_of(value - abs(spread)), x_of(value + abs(spread))
        out += _whisker(lo_x, hi_x, mid, bar_h * 0.3, end, drawn, SD_WIDTH, caps=True)
        label_x = max(label_x, hi_x)
        tip += f" ± {number(spec, abs(spread))}"
    interval = spec.interval[k][c] if spec.interval is not None else None
    if interval is not None:
        lo, hi = sorted(interval)
        lo_x, hi_x = x_of(lo), x_of(hi)
        out += _whisker(lo_x, hi_x, mid, 0.0, end, drawn, CI_WIDTH, caps=False)
        label_x = max(label_x, hi_x)
        tip += f" [{number(spec, lo)}; {number(spec, hi)}]"
    if n:
        tip += f" ({n})"
    out.append(text(label_x + 2.5, baseline(bt, bar_h, SMALL_SIZE), shown, SMALL_SIZE, colour=MUTED if faint else INK,
                    tip=tip))
    if n:
        out.append(text(label_x + 2.5 + width_of(shown, SMALL_SIZE) + 3, baseline(bt, bar_h, SMALL_SIZE), n,
                        SMALL_SIZE, colour=MUTED, tip=tip))
    return out
