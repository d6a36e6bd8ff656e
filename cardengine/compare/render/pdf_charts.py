"""The report's charts in the PDF: each chart's Drawing scaled to the page, and a tall chart split over as many
pages as keep its text full size, with its caption, note and data line kept beside it."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from cardengine.compare.charts.draw import draw, split_chart
from cardengine.compare.render.pdf_style import (
    CHART_MAX_W_MM,
    CHART_RESERVE,
    FRAME_H,
    FRAME_W,
    Labels,
    Styles,
    note_and_data,
    para,
)
from cardengine.compare.report.model import Chart, ChartSpec


def chart_drawing(chart: Chart, spec: ChartSpec | None = None) -> Drawing:
    """The chart's Drawing, scaled down (aspect kept) when it would not fit one page with its caption."""
    drawing = draw(spec or chart.spec, width_mm=min(CHART_MAX_W_MM, FRAME_W / mm))
    scale = min(1.0, FRAME_W / drawing.width if drawing.width else 1.0,
                (FRAME_H - CHART_RESERVE) / drawing.height if drawing.height else 1.0)
    if scale < 1.0:
        drawing.renderScale = scale  # platypus asks wrap() for the scaled size
    drawing.hAlign = "LEFT"
    # renderPDF would otherwise start from Helvetica, adding it to the PDF (a Drawing keyword, set afterwards)
    drawing.setProperties({"initialFontName": "CardSans"})
    return drawing


def chart_flowables(chart: Chart, styles: Styles, t: Labels) -> list[Flowable]:
    # The drawing carries its own title; a caption that only repeats it is left out.
    parts: list[Flowable] = [para(chart.caption, styles.caption)] if chart.caption != chart.spec.title else []
    # A tall heatmap or rank grid goes on as many pages as keep its text full size (split_chart).
    try:
        pieces = split_chart(chart.spec, min(CHART_MAX_W_MM, FRAME_W / mm), (FRAME_H - CHART_RESERVE) / mm)
    except ValueError:  # not even one row fits a page: the whole chart, scaled down
        pieces = [chart.spec]
    drawings: list[Flowable] = [chart_drawing(chart, piece) for piece in pieces]
    note = note_and_data(chart.note, chart.csv, styles, t)
    if len(drawings) == 1:
        return [KeepTogether([*parts, drawings[0], *note])]
    return [KeepTogether([*parts, drawings[0]]), *drawings[1:-1], KeepTogether([drawings[-1], *note])]
