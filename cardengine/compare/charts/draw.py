"""Charts of the comparison report: one reportlab Drawing per chart spec, for both renderers.

`draw(spec, width_mm)` lays a HeatmapSpec, BarsSpec or SlopeSpec out into a Drawing whose width is
exactly `width_mm` and whose height follows from the content; the PDF uses it directly as a flowable,
and `to_svg(drawing)` turns the same Drawing into an inline <svg> element for the HTML. So both
formats show the same chart, drawn by one code path.

Each chart kind has its module (heatmap, bars, ranks: a SlopeSpec is drawn as a rank dot grid, which
scales to many groups), sharing base; svg writes the SVG. This module is the entry point the renderers
import.
"""

from __future__ import annotations

import math
from dataclasses import replace

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.units import mm

from cardengine.compare.charts.bars import bars
from cardengine.compare.charts.base import OKABE_ITO, SEQUENTIAL, sequential_colour
from cardengine.compare.charts.heatmap import heatmap, heatmap_blocks
from cardengine.compare.charts.ranks import rank_blocks, ranks
from cardengine.compare.charts.svg import SVG_FONT_STACK, to_svg
from cardengine.compare.report.model import BarsSpec, ChartSpec, HeatmapSpec, SlopeSpec
from cardengine.printing.textfit import register_fonts

__all__ = ["OKABE_ITO", "SEQUENTIAL", "SVG_FONT_STACK", "draw", "sequential_colour", "split_chart", "split_heatmap",
           "to_svg"]


def draw(spec: ChartSpec, width_mm: float) -> Drawing:
    """The chart as a Drawing exactly `width_mm` wide; its height follows from the content."""
    register_fonts()
    width = width_mm * mm
    # reportlab validates every attribute of every shape as it is set: half the time of a large heatmap.
    # Our shapes are made by this code alone, so the check is left off while they are made.
    checking, rl_config.shapeChecking = rl_config.shapeChecking, 0
    try:
        if isinstance(spec, HeatmapSpec):
            shapes, height = heatmap(spec, width)
        elif isinstance(spec, BarsSpec):
            shapes, height = bars(spec, width)
        elif isinstance(spec, SlopeSpec):
            shapes, height = ranks(spec, width)
        else:
            raise TypeError(f"not a chart spec: {type(spec).__name__}")
    finally:
        rl_config.shapeChecking = checking
    drawing = Drawing(width, height)
    # Shapes were laid out downwards from y = 0; lift them so the top edge is the drawing's top.
    drawing.add(Group(*shapes, transform=(1, 0, 0, 1, 0, height)))
    drawing.setProperties({"_chart_title": spec.title})  # for to_svg's accessible name (reportlab's own setter)
    return drawing


def split_heatmap(spec: HeatmapSpec, width_mm: float, max_height_mm: float) -> list[HeatmapSpec]:
    """The heatmap cut into pieces whose drawings are at most `max_height_mm` tall (see split_chart).

    A Drawing cannot break across PDF pages, and ~80 readable rows are taller than an A4 frame. Every
    block keeps the title, legend and column headings; with more than one block the title gains " (i/n)"."""
    return [part for part in split_chart(spec, width_mm, max_height_mm) if isinstance(part, HeatmapSpec)]


def _rows_of(spec: ChartSpec, start: int, stop: int) -> ChartSpec:
    def cut(grid):
        return None if grid is None else grid[start:stop]
    if isinstance(spec, HeatmapSpec):
        return replace(spec, row_labels=spec.row_labels[start:stop], values=spec.values[start:stop],
                       counts=cut(spec.counts), faint=cut(spec.faint))
    assert isinstance(spec, SlopeSpec)
    return replace(spec, lines=spec.lines[start:stop], counts=cut(spec.counts))


def _columns_of(spec: ChartSpec, cols: range) -> ChartSpec:
    def cut(grid):
        return None if grid is None else tuple(tuple(row[j] for j in cols) for row in grid)
    if isinstance(spec, HeatmapSpec):
        return replace(spec, col_labels=tuple(spec.col_labels[j] for j in cols), values=cut(spec.values),
                       counts=cut(spec.counts), faint=cut(spec.faint))
    assert isinstance(spec, SlopeSpec)
    return replace(spec, columns=tuple(spec.columns[j] for j in cols),
                   lines=tuple((label, tuple(ranked[j] for j in cols)) for label, ranked in spec.lines),
                   counts=cut(spec.counts))


def _row_split(spec: ChartSpec, width_mm: float, limit: float) -> list[ChartSpec]:
    """As few consecutive row blocks of nearly equal size as keep each drawing within `limit` points."""
    n_rows = len(spec.row_labels) if isinstance(spec, HeatmapSpec) else len(spec.lines)  # type: ignore[union-attr]
    # The whole chart's height over the limit underestimates the count (each block repeats the headings).
    count = max(1, min(n_rows, math.ceil(draw(spec, width_mm).height / limit)))
    while count <= n_rows:
        size = math.ceil(n_rows / count)
        parts = [_rows_of(spec, s, s + size) for s in range(0, n_rows, size)] if count > 1 else [spec]
        # Measured, not computed: row height and label widths depend on each block's own rows.
        if all(draw(part, width_mm).height <= limit for part in parts):
            return parts
        count += 1
    raise ValueError(f"chart {spec.title!r}: not even one row fits in {limit / mm:.0f} mm")


def split_chart(spec: ChartSpec, width_mm: float, max_height_mm: float) -> list[ChartSpec]:
    """A heatmap or rank grid cut into pieces that each fit `max_height_mm`, so the PDF prints every piece at
    full size on its page instead of shrinking the whole chart until its text is too small to read.

    Groups too many for one row of columns are drawn in stacked column blocks; here each block becomes a
    piece of its own first, then a piece still too tall is cut into consecutive row blocks of nearly equal
    size. Every piece keeps the title, key and column headings; with more than one the title gains " (i/n)".
    Bar charts stay whole."""
    if not isinstance(spec, (HeatmapSpec, SlopeSpec)):
        return [spec]
    register_fonts()  # the blocks are measured before anything is drawn
    width = width_mm * mm
    blocks = heatmap_blocks(spec, width) if isinstance(spec, HeatmapSpec) else rank_blocks(spec, width)
    pieces = [spec] if len(blocks) == 1 else [_columns_of(spec, block) for block in blocks]
    parts = [part for piece in pieces for part in _row_split(piece, width_mm, max_height_mm * mm)]
    if len(parts) == 1:
        return [spec]
    return [replace(part, title=f"{spec.title} ({i + 1}/{len(parts)})") for i, part in enumerate(parts)]
