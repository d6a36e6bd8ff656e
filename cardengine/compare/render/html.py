"""Render a comparison Report as one self-contained HTML file: inline CSS and SVG, no scripts, no web fonts.

The page reads offline and prints on A4 landscape; the CSV tables behind each table and chart are linked
by relative file name, so they must sit in the same folder as the HTML file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from reportlab.lib.units import mm

from cardengine.compare.charts.base import xml_safe
from cardengine.compare.charts.draw import draw, split_chart, to_svg
from cardengine.compare.report.math import formula_html
from cardengine.compare.report.model import Chart, Formula, Paragraph, Report, Table
from cardengine.compare.report.words import ui_labels

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
CHART_WIDTH_MM = 260.0  # the same drawing as in the PDF; CSS scales it down to the window width
SMALL_TABLE_ROWS = 25  # tables up to this many rows are kept on one printed page
# Printed (the template's @page: A4 landscape, 12 mm margins), a chart spans the 273 mm of the page's width,
# 1.05 times its drawn size, so its text is at least as large as in the PDF. A chart taller than a page
# is cut into pieces (split_chart, as in the PDF) that each fit a page with its caption and data line,
# instead of being shrunk by the browser until its text is too small to read.
PRINT_PAGE_MM = (297.0 - 2 * 12, 210.0 - 2 * 12)
PRINT_RESERVE_MM = 24.0  # caption, note and data line printed with a piece
PRINT_PIECE_MM = (PRINT_PAGE_MM[1] - PRINT_RESERVE_MM) * CHART_WIDTH_MM / PRINT_PAGE_MM[0]


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside a <style> element (every non-alphanumeric escaped)."""
    out = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{out}"')


def _printable(value: object) -> object:
    """Every text a template prints, without the control characters HTML forbids (an old workshop file's
    title may hold ESC or NUL) and bidi overrides (a label made to read backwards), as U+FFFD (`xml_safe`).
    Markup (the charts' SVG) is already clean."""
    return xml_safe(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, finalize=_printable)
    env.filters["css_string"] = css_string
    return env


def _svgs(chart: Chart) -> list[Markup]:
    """The chart as one <svg>, or as several when it is taller than a printed page (each piece prints on a
    page of its own, at full size; on screen the pieces follow one another)."""
    whole = draw(chart.spec, width_mm=CHART_WIDTH_MM)
    if whole.height <= PRINT_PIECE_MM * mm:  # fits a printed page: one drawing, even with column blocks
        return [Markup(to_svg(whole))]
    try:
        pieces = split_chart(chart.spec, CHART_WIDTH_MM, PRINT_PIECE_MM)
    except ValueError:  # not even one row fits a page: the whole chart, which print CSS scales down
        pieces = [chart.spec]
    return [Markup(to_svg(draw(piece, width_mm=CHART_WIDTH_MM))) for piece in pieces]


def render_html(report: Report) -> str:
    """The whole report as one HTML document (str); charts are inline SVG."""
    sections = []
    for s_index, section in enumerate(report.sections):
        blocks = []
        for b_index, block in enumerate(section.blocks):
            if isinstance(block, Table):
                blocks.append({"kind": "table", "block": block, "anchor": f"{section.id}-t{b_index + 1}",
                               "small": len(block.rows) <= SMALL_TABLE_ROWS})
            elif isinstance(block, Chart):
                blocks.append({"kind": "chart", "block": block, "anchor": block.id, "svgs": _svgs(block)})
            elif isinstance(block, Paragraph):
                blocks.append({"kind": "paragraph", "block": block})
            elif isinstance(block, Formula):  # MathML: browsers set it natively, no script
                blocks.append({"kind": "formula", "block": block, "html": Markup(formula_html(block))})
            else:  # pragma: no cover - the model has four block kinds
                raise TypeError(f"unknown report block {type(block).__name__}")
        sections.append({"section": section, "number": s_index + 1, "blocks": blocks})
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, sections=sections, t=ui_labels(report.lang))
