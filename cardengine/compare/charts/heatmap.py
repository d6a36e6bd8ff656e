"""The heatmap: rows (domains, cards, criteria) against columns (groups), one coloured cell per value.

Every number is printed whole: when the columns are too many for their numbers to fit side by side, the
columns are split into stacked blocks (small multiples) that repeat the row labels. A cell also prints the
tables behind it (n) when the spec has counts, and a cell resting on too few tables is drawn pale.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from cardengine.compare.charts.base import (
    FONT,
    LABEL_SHARE,
    LABEL_SIZE,
    MISSING_FILL,
    MUTED,
    PAD,
    RULE,
    SMALL_SIZE,
    Shapes,
    baseline,
    column_labels,
    faded,
    ink_on,
    label_height,
    label_lines,
    panels,
    rect,
    row_label,
    sequential_colour,
    text,
    title,
    truncate,
    width_of,
)
from cardengine.compare.charts.words import chart_word
from cardengine.compare.report.model import BarsSpec, HeatmapSpec

HEAT_ROW = 4.5 * mm  # readable down to ~80 rows on a page
HEAT_ROW_FEW = 6 * mm  # a short table gets roomier rows
HEAT_MAX_CELL = 28 * mm  # few columns: cells stop growing, the grid stays compact at the left
VALUE_SIZE = 7.0
PANEL_GAP = 4 * mm


def number(spec: HeatmapSpec | BarsSpec, value: float) -> str:
    """A value as the spec formats it, with the report language's decimal separator."""
    return spec.value_format.format(value).replace(".", spec.decimal)


def n_text(n: int | None) -> str:
    return "" if n is None else f"n={n}"


def _check_heatmap(spec: HeatmapSpec) -> None:
    if not spec.row_labels or not spec.col_labels:
        raise ValueError(f"heatmap {spec.title!r} needs at least one row and one column")
    shape = f"{len(spec.row_labels)} rows of {len(spec.col_labels)} columns"
    if len(spec.values) != len(spec.row_labels) or any(len(r) != len(spec.col_labels) for r in spec.values):
        raise ValueError(f"heatmap {spec.title!r}: values must be {shape}")
    for name in ("counts", "faint"):
        grid = getattr(spec, name)
        if grid is not None and (len(grid) != len(spec.row_labels) or any(len(r) != len(spec.col_labels)
                                                                           for r in grid)):
            raise ValueError(f"heatmap {spec.title!r}: {name} must be {shape}, like values")
    if spec.high < spec.low:
        raise ValueError(f"heatmap {spec.title!r}: high {spec.high} is below low {spec.low}")


def _legend_scale(spec: HeatmapSpec, width: float, top: float) -> tuple[Shapes, float]:
    """`legend_label  low [gradient] high`, then the key to n and pale cells where the chart has them."""
    shapes: Shapes = []
    bar_w, bar_h, steps = 32 * mm, 3 * mm, 32
    low_text, high_text = number(spec, spec.low), number(spec, spec.high)
    fixed = bar_w + width_of(low_text, SMALL_SIZE) + width_of(high_text, SMALL_SIZE) + 12
    label = truncate(spec.legend_label, max(0.0, width - 2 * PAD - fixed - 6), SMALL_SIZE)
    line_top, base = top, baseline(top, bar_h, SMALL_SIZE)
    x = PAD
    if label:
        shapes.append(text(x, base, label, SMALL_SIZE, colour=MUTED, tip=spec.legend_label))
        x += width_of(label, SMALL_SIZE) + 6
    shapes.append(text(x, base, low_text, SMALL_SIZE, colour=MUTED))
    x += width_of(low_text, SMALL_SIZE) + 3
    step_w = bar_w / steps
    for i in range(steps):
        colour = sequential_colour(spec.low + (spec.high - spec.low) * (i + 0.5) / steps, spec.low, spec.high)
        # Each step overlaps the next a little: abutting rectangles leave hairline gaps in some viewers.
        shapes.append(rect(x + i * step_w, -(line_top + bar_h), step_w + (0.4 if i < steps - 1 else 0), bar_h,
                           fillColor=colour, strokeColor=None))
    shapes.append(rect(x, -(line_top + bar_h), bar_w, bar_h, fillColor=None, strokeColor=RULE, strokeWidth=0.4))
    x += bar_w + 3
    shapes.append(text(x, base, high_text, SMALL_SIZE, colour=MUTED))
    x += width_of(high_text, SMALL_SIZE) + 12
    notes = []
    if spec.counts is not None:
        notes.append(("", chart_word("charts.n", spec.lang)))
    if spec.faint is not None and any(any(row) for row in spec.faint):
        notes.append(("faint", chart_word("charts.faint", spec.lang)))
    for kind, words in notes:
        need = (bar_h + 3 if kind else 0) + width_of(words, SMALL_SIZE)
        if x + need > width - PAD:  # no room left on the line: the key goes on the next one
            x, line_top = PAD, line_top + bar_h + 3
            base = baseline(line_top, bar_h, SMALL_SIZE)
        if kind:
            shapes.append(rect(x, -(line_top + bar_h), bar_h, bar_h, fillColor=faded(sequential_colour(
                spec.high, spec.low, spec.high)), strokeColor=RULE, strokeWidth=0.4, strokeDashArray=(1.2, 0.8)))
            x += bar_h + 3
        shapes.append(text(x, base, truncate(words, width - PAD - x, SMALL_SIZE), SMALL_SIZE, colour=MUTED))
        x += width_of(words, SMALL_SIZE) + 12
    return shapes, line_top + bar_h + 5


def _cell_texts(spec: HeatmapSpec, i: int, j: int) -> tuple[str, str]:
    value = spec.values[i][j]
    shown = spec.missing_label if value is None else number(spec, value)
    n = spec.counts[i][j] if spec.counts is not None else None
    return shown, n_text(n)


def _layout(spec: HeatmapSpec, width: float) -> tuple[float, float, list[range]]:
    """Row label width, the grid's left edge, and the column blocks (one, unless the numbers need more room)."""
    label_w = min(max(width_of(r, LABEL_SIZE) for r in spec.row_labels), LABEL_SHARE * width)
    grid_x = PAD + label_w + 4
    texts = [_cell_texts(spec, i, j) for i in range(len(spec.row_labels)) for j in range(len(spec.col_labels))]
    # The widest number or n a cell must hold whole, with a little air on each side.
    need = max(max(width_of(v, VALUE_SIZE), width_of(n, SMALL_SIZE)) for v, n in texts) + 4
    return label_w, grid_x, panels(len(spec.col_labels), width - PAD - grid_x, need)


def heatmap_blocks(spec: HeatmapSpec, width: float) -> list[range]:
    """The column blocks the heatmap is drawn in at `width` points (see `panels`)."""
    _check_heatmap(spec)
    return _layout(spec, width)[2]


def heatmap(spec: HeatmapSpec, width: float) -> tuple[Shapes, float]:
    _check_heatmap(spec)
    shapes, top = title(spec.title, width, PAD)
    legend, top = _legend_scale(spec, width, top)
    shapes += legend

    n_rows, n_cols = len(spec.row_labels), len(spec.col_labels)
    label_w, grid_x, blocks = _layout(spec, width)
    two_lines = spec.counts is not None
    texts = [[_cell_texts(spec, i, j) for j in range(n_cols)] for i in range(n_rows)]
    per = max(len(b) for b in blocks)
    cell_w = min((width - PAD - grid_x) / per, HEAT_MAX_CELL)
    base_h = HEAT_ROW_FEW if n_rows <= 15 or two_lines else HEAT_ROW
    if two_lines:
        base_h = max(base_h, VALUE_SIZE * 1.15 + SMALL_SIZE * 1.15 + 3)
    heights = [max(base_h, label_height(label_lines(r, label_w))) for r in spec.row_labels]

    gap = 0.5  # half of the white line between cells
    for b, block in enumerate(blocks):
        if b:
            top += PANEL_GAP
        centres = [grid_x + (k + 0.5) * cell_w for k in range(len(block))]
        headings, top = column_labels([spec.col_labels[j] for j in block], centres, cell_w, top)
        shapes += headings
        for i, (label, _row) in enumerate(zip(spec.row_labels, spec.values, strict=False)):
            row_h = heights[i]
            labels, _ = row_label(grid_x - 4, top, row_h, label, label_w)
            shapes += labels
            for k, j in enumerate(block):
                shapes += _cell(spec, i, j, texts[i][j], grid_x + k * cell_w, top, cell_w, row_h, gap)
            top += row_h
    return shapes, top + PAD


def _cell(spec: HeatmapSpec, i: int, j: int, texts: tuple[str, str], x: float, top: float, cell_w: float,
          row_h: float, gap: float) -> Shapes:
    value = spec.values[i][j]
    faint = bool(spec.faint and spec.faint[i][j])
    shown, n = texts
    if value is None:
        fill, ink = MISSING_FILL, MUTED
    else:
        fill = sequential_colour(value, spec.low, spec.high)
        if faint:
            fill = faded(fill)
        ink = MUTED if faint else ink_on(fill)
    tip = f"{spec.row_labels[i]} · {spec.col_labels[j]}: {shown}" + (f" ({n})" if n else "")
    out: Shapes = [rect(x + gap, -(top + row_h - gap), cell_w - 2 * gap, row_h - 2 * gap, fillColor=fill,
                      strokeColor=MUTED if faint else None, strokeWidth=0.5, strokeDashArray=(1.2, 0.8))]
    centre = x + cell_w / 2
    font = FONT
    if n:
        block_h = VALUE_SIZE * 1.15 + SMALL_SIZE * 1.15
        first = top + (row_h - block_h) / 2
        out.append(text(centre, first + VALUE_SIZE * 0.95, shown, VALUE_SIZE, font, anchor="middle", colour=ink,
                        tip=tip))
        out.append(text(centre, first + VALUE_SIZE * 1.15 + SMALL_SIZE * 0.95, n, SMALL_SIZE, anchor="middle",
                        colour=ink, tip=tip))
    else:
        out.append(text(centre, baseline(top, row_h, VALUE_SIZE), shown, VALUE_SIZE, font, anchor="middle",
                        colour=ink, tip=tip))
    return out
