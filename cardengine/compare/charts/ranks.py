"""The rank comparison (a SlopeSpec) as a dot grid: one row per card, one column per group, a dot with the
card's rank in that group (darker = higher), and the tables behind it (n) under the dot.

A slope chart joins ranks with lines; beyond a handful of groups the lines and their labels overprint.
The grid scales instead: each label has a row or a column of its own, and when the groups are too many
for one row of columns, the columns are split into stacked blocks (small multiples) that repeat the cards.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm

from cardengine.compare.charts.base import (
    BAND,
    BOLD,
    LABEL_SHARE,
    LABEL_SIZE,
    LEADING,
    MUTED,
    PAD,
    SMALL_SIZE,
    Shapes,
    baseline,
    column_labels,
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
from cardengine.compare.charts.heatmap import n_text
from cardengine.compare.charts.words import chart_word
from cardengine.compare.report.model import SlopeSpec

RANK_SIZE = 6.5  # the rank printed in its dot
MIN_RADIUS = 5.0
MAX_CELL = 24 * mm  # few groups: columns stop growing, the grid stays compact at the left
PANEL_GAP = 4 * mm
RING = HexColor("#6BAED6")


def check_ranks(spec: SlopeSpec) -> None:
    if not spec.columns or not spec.lines:
        raise ValueError(f"rank chart {spec.title!r} needs at least one column and one line")
    if spec.max_rank < 1:
        raise ValueError(f"rank chart {spec.title!r}: max_rank must be at least 1")
    for label, ranks in spec.lines:
        if len(ranks) != len(spec.columns):
            raise ValueError(f"rank chart {spec.title!r}: {label!r} needs {len(spec.columns)} ranks")
        bad = [r for r in ranks if r is not None and not 1 <= r <= spec.max_rank]
        if bad:
            raise ValueError(f"rank chart {spec.title!r}: {label!r} has rank {bad[0]} outside 1..{spec.max_rank}")
    if spec.counts is not None and (len(spec.counts) != len(spec.lines)
                                    or any(len(c) != len(spec.columns) for c in spec.counts)):
        raise ValueError(f"rank chart {spec.title!r}: counts must be one per line per column, like the ranks")


def rank_colour(rank: int, max_rank: int) -> Color:
    """Rank 1 darkest: the eye finds each group's leaders first."""
    return sequential_colour(max_rank - rank, 0, max(1, max_rank - 1))


def _key(spec: SlopeSpec, width: float, top: float, radius: float) -> tuple[Shapes, float]:
    """The axis label, a few example dots from rank 1 down, and what '–' and n mean."""
    shapes: Shapes = []
    lead = max(2 * radius + 2, SMALL_SIZE * LEADING + 3)
    x, line_top = PAD, top
    items: list[tuple[str, object]] = [("text", spec.axis_label)]
    examples = sorted({1, (spec.max_rank + 1) // 2, spec.max_rank})
    items += [("dot", r) for r in examples]
    items.append(("text", chart_word("charts.rank_key", spec.lang)))
    items.append(("text", chart_word("charts.not_ranked", spec.lang)))
    if spec.counts is not None:
        items.append(("text", chart_word("charts.n", spec.lang)))
    for kind, item in items:
        if kind == "dot":
            assert isinstance(item, int)
            if x + 2 * radius > width - PAD:
                x, line_top = PAD, line_top + lead
            shapes += _dot(x + radius, line_top + lead / 2, radius, item, spec.max_rank, "")
            x += 2 * radius + 3
            continue
        words = str(item)
        need = width_of(words, SMALL_SIZE)
        if x > PAD and x + need > width - PAD:
            x, line_top = PAD, line_top + lead
        shown = truncate(words, width - PAD - x, SMALL_SIZE)
        shapes.append(text(x, baseline(line_top, lead, SMALL_SIZE), shown, SMALL_SIZE, colour=MUTED,
                           tip=words if shown != words else ""))
        x += width_of(shown, SMALL_SIZE) + 10
    return shapes, line_top + lead + 4


def _dot(cx: float, cy: float, radius: float, rank: int, max_rank: int, tip: str) -> Shapes:
    fill = rank_colour(rank, max_rank)
    # A mid-blue ring keeps the palest dots (the lowest ranks) visible on the zebra band.
    return [Circle(cx, -cy, radius, fillColor=fill, strokeColor=RING, strokeWidth=0.6),
            text(cx, cy + RANK_SIZE * 0.36, str(rank), RANK_SIZE, BOLD, anchor="middle", colour=ink_on(fill),
                 tip=tip)]


def _radius(spec: SlopeSpec) -> float:
    return max(MIN_RADIUS, (width_of(str(spec.max_rank), RANK_SIZE, BOLD) + 3) / 2)


def _layout(spec: SlopeSpec, width: float, radius: float) -> tuple[float, float, list[range]]:
    """Row label width, the grid's left edge, and the column blocks (one, unless the dots need more room)."""
    label_w = min(max(width_of(label, LABEL_SIZE) for label, _ in spec.lines), LABEL_SHARE * width)
    grid_x = PAD + label_w + 4
    n_w = max((width_of(n_text(n), SMALL_SIZE) for row in spec.counts or () for n in row if n is not None),
              default=0.0)
    return label_w, grid_x, panels(len(spec.columns), width - PAD - grid_x, max(2 * radius + 4, n_w + 4))


def rank_blocks(spec: SlopeSpec, width: float) -> list[range]:
    """The column blocks the rank grid is drawn in at `width` points (see `panels`)."""
    check_ranks(spec)
    return _layout(spec, width, _radius(spec))[2]


def ranks(spec: SlopeSpec, width: float) -> tuple[Shapes, float]:
    check_ranks(spec)
    radius = _radius(spec)
    shapes, top = title(spec.title, width, PAD)
    key, top = _key(spec, width, top, radius)
    shapes += key

    names = [label for label, _ in spec.lines]
    label_w, grid_x, blocks = _layout(spec, width, radius)
    counts = spec.counts
    cell_w = min((width - PAD - grid_x) / max(len(b) for b in blocks), MAX_CELL)
    dot_h = 2 * radius + 3 + (SMALL_SIZE * 1.15 if counts is not None else 0)
    heights = [max(dot_h + 3, label_height(label_lines(n, label_w))) for n in names]

    for b, block in enumerate(blocks):
        if b:
            top += PANEL_GAP
        centres = [grid_x + (k + 0.5) * cell_w for k in range(len(block))]
        headings, top = column_labels([spec.columns[j] for j in block], centres, cell_w, top)
        shapes += headings
        grid_w = len(block) * cell_w
        for i, (name, ranked) in enumerate(spec.lines):
            row_h = heights[i]
            if i % 2 == 0:  # zebra bands lead the eye along a row across many columns
                shapes.append(rect(PAD, -(top + row_h), grid_x - PAD + grid_w, row_h, fillColor=BAND,
                                   strokeColor=None))
            labels, _ = row_label(grid_x - 4, top, row_h, name, label_w)
            shapes += labels
            dot_top = top + (row_h - dot_h) / 2
            for k, j in enumerate(block):
                rank = ranked[j]
                n = n_text(counts[i][j]) if counts is not None else ""
                if rank is None:
                    shapes.append(text(centres[k], baseline(dot_top, 2 * radius, LABEL_SIZE), "\u2013", LABEL_SIZE,
                                       colour=MUTED, tip=f"{name} · {spec.columns[j]}: \u2013"))
                    continue
                tip = f"{name} · {spec.columns[j]}: {rank}" + (f" ({n})" if n else "")
                shapes += _dot(centres[k], dot_top + radius, radius, rank, spec.max_rank, tip)
                if n:
                    shapes.append(text(centres[k], dot_top + 2 * radius + 2 + SMALL_SIZE * 0.9, n, SMALL_SIZE,
                                       anchor="middle", colour=MUTED, tip=tip))
            top += row_h
    return shapes, top + PAD
