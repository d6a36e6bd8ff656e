"""Render a comparison Report as an A4 landscape PDF with reportlab platypus.

Every page carries the example banner (when any input is example data), the report title and its page
number. Each section starts a page and has an outline bookmark; the title page lists the sections with
their pages. Tables (pdf_tables) and charts (pdf_charts) are laid out in the page geometry and styles of
pdf_style. Only the bundled DejaVu fonts (CardSans) are used, embedded as subsets; characters they lack are
replaced visibly (glyphs), never drawn as empty boxes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageBreak, PageTemplate, Spacer
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from cardengine import __version__
from cardengine.compare.render.pdf_charts import chart_flowables
from cardengine.compare.render.pdf_style import (
    BANNER_BG,
    BANNER_INK,
    BANNER_LINE,
    FRAME_H,
    FRAME_W,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE,
    TOC_WIDTH,
    Labels,
    Styles,
    fonts,
    para,
    styles_for,
    table_style,
)
from cardengine.compare.render.pdf_tables import table_flowables
from cardengine.compare.render.pdf_toc import OnePassContents, OnePassDoc, build_once
from cardengine.compare.report.math import formula_flowables
from cardengine.compare.report.model import Chart, Formula, Paragraph, Report, Section, Table
from cardengine.compare.report.words import ui_labels

rl_config.useA85 = 0  # binary streams, as in the card PDFs: smaller and readable by any PDF tool

__all__ = ["render_pdf"]

TOC_ENTRY = "TOCEntry"  # the notification reportlab's table of contents listens for (a name, not a word)


class _Heading(RLParagraph):
    """A section heading: the document bookmarks it and lists it in the contents. The parts of a heading split
    over two frames are headings without an outline (reportlab makes them with the class alone)."""

    _outline: tuple[str, str] | None = None  # (bookmark key, title); tests look for it by this name


class _Doc(OnePassDoc):
    """Bookmarks, outline entries and TOC entries for the headings."""

    def __init__(self, filename: IO[bytes], **kw: Any) -> None:
        super().__init__(filename, **kw)
        self.placed: list[tuple[str, str, int]] = []  # (key, title, page) of each heading laid out

    def afterFlowable(self, flowable: Flowable) -> None:
        mark = flowable._outline if isinstance(flowable, _Heading) else None
        if mark:
            key, title = mark
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0)
            self.notify(TOC_ENTRY, (0, escape(title), self.page, key))
            self.placed.append((key, escape(title), self.page))  # for the one-pass contents (pdf_toc)


class _Contents(OnePassContents):
    """The section list of the title page, no wider than a comfortable reading width."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return super().wrap(min(availWidth, TOC_WIDTH), availHeight)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, y)  # flush left (no spare width given), not centred in the spare width


def _heading(text: str, key: str, styles: Styles) -> _Heading:
    heading = _Heading(escape(text), styles.h1)
    heading._outline = (key, text)
    return heading


def _page_decoration(report: Report, t: Labels) -> Callable[[Canvas, BaseDocTemplate], None]:
    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        width, height = PAGE
        if report.example_banner:
            box_h = 8 * mm
            y = height - 6 * mm - box_h
            canvas.setFillColor(BANNER_BG)
            canvas.setStrokeColor(BANNER_LINE)
            canvas.setLineWidth(1)
            canvas.rect(MARGIN_X, y, FRAME_W, box_h, stroke=1, fill=1)
            size = 9.0
            while size > 5 and stringWidth(report.example_banner, "CardSans-Bold", size) > FRAME_W - 6 * mm:
                size -= 0.5
            canvas.setFont("CardSans-Bold", size)
            canvas.setFillColor(BANNER_INK)
            canvas.drawCentredString(width / 2, y + (box_h - size * 0.73) / 2, report.example_banner)
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, 10 * mm, width - MARGIN_X, 10 * mm)
        canvas.setFont("CardSans", 7.5)
        canvas.setFillColor(MUTED)
        page = f"{t['page']} {doc.page}"
        room = FRAME_W - stringWidth(page, "CardSans", 7.5) - 10 * mm
        title = report.title
        while title and stringWidth(title, "CardSans", 7.5) > room:
            title = title[:-2] + "…"
        canvas.drawString(MARGIN_X, 6 * mm, title)
        canvas.drawRightString(width - MARGIN_X, 6 * mm, page)
        canvas.restoreState()
    return decorate


def _title_page(report: Report, styles: Styles, t: Labels) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 8 * mm), para(report.title, styles.title)]
    if report.subtitle:
        out.append(para(report.subtitle, styles.subtitle))
    if report.example_banner:
        banner = RLTable([[para(report.example_banner, styles.banner)]], colWidths=[FRAME_W])
        banner.setStyle(table_style([
            ("BACKGROUND", (0, 0), (-1, -1), BANNER_BG), ("BOX", (0, 0), (-1, -1), 1.5, BANNER_LINE),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
        out += [Spacer(1, 2 * mm), banner, Spacer(1, 4 * mm)]
    if report.groups:
        label = t.get(report.group_by, report.group_by)
        out.append(RLParagraph(f"<b>{escape(label + t['colon'])}</b> {escape(' · '.join(report.groups))}", styles.body))
    if report.warnings:
        out.append(para(f"{t['warnings']}{t['colon']} {len(report.warnings)}", styles.body))
    toc = _Contents(levelStyles=[styles.toc], dotsMinLevel=0, rightColumnWidth=20 * mm,
                    tableStyle=table_style([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    out += [Spacer(1, 6 * mm), para(t["contents"], styles.h1), toc]
    if report.generated_by:
        out += [Spacer(1, 6 * mm), para(report.generated_by, styles.data)]
    return out


def _section(section: Section, number: int, styles: Styles, t: Labels) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), _heading(f"{number}. {section.title}", f"section-{number}", styles)]
    if section.intro:
        out.append(para(section.intro, styles.body))
    for block in section.blocks:
        if isinstance(block, Table):
            out += table_flowables(block, styles, t)
        elif isinstance(block, Chart):
            out += chart_flowables(block, styles, t)
        elif isinstance(block, Paragraph):
            lead = f"<b>{escape(block.lead)}</b> " if block.lead else ""
            out.append(RLParagraph(lead + escape(block.text), styles.body))
        elif isinstance(block, Formula):  # kept on one page with the paragraph that introduces it
            intro = [out.pop()] if isinstance(out[-1], RLParagraph) else []
            out.append(KeepTogether(intro + formula_flowables(block, styles.body, FRAME_W)))
        else:  # pragma: no cover - the model has four block kinds
            raise TypeError(f"unknown report block {type(block).__name__}")
    return out


def _appendix(report: Report, styles: Styles, t: Labels) -> list[Flowable]:
    out: list[Flowable] = []
    if report.sources:
        out += [_heading(t["sources"], "report-sources", styles)]
        out += [RLParagraph(f"<b>{escape(label + t['colon'])}</b> {escape(text)}", styles.body)
                for label, text in report.provenance]
        sources = Table(caption="", columns=report.source_columns, rows=report.sources,
                        align=tuple("l" for _ in report.source_columns))
        out += table_flowables(sources, styles, t)
    if report.methods:
        out += [Spacer(1, 4 * mm), _heading(t["methods"], "report-methods", styles)]
        out += [para(text, styles.body) for text in report.methods]
    if report.warnings:
        out += [Spacer(1, 4 * mm), _heading(t["warnings"], "report-warnings", styles)]
        out += [para(f"• {text}", styles.body) for text in report.warnings]
    return [PageBreak(), *out] if out else []


def render_pdf(report: Report) -> bytes:
    """The whole report as PDF bytes: A4 landscape, outline per section, fonts embedded. Characters the fonts
    lack are printed as U+FFFD and listed among the report's warnings (see glyphs)."""
    from cardengine.compare.render.glyphs import pdf_text

    fonts()
    report, _ = pdf_text(report)
    t = ui_labels(report.lang)
    styles = styles_for(report.lang)
    buffer = io.BytesIO()
    doc_args: dict[str, Any] = {
        "pagesize": PAGE, "leftMargin": MARGIN_X, "rightMargin": MARGIN_X, "topMargin": MARGIN_TOP,
        "bottomMargin": MARGIN_BOTTOM, "title": report.title, "author": "cardengine", "subject": report.subtitle,
        "creator": report.generated_by or f"cardengine {__version__}", "lang": report.lang, "invariant": 1,
        "pageCompression": 1, "initialFontName": "CardSans", "initialFontSize": 10}
    doc = _Doc(buffer, **doc_args)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_decoration(report, t))])
    story = _title_page(report, styles, t)
    for number, section in enumerate(report.sections, start=1):
        story += _section(section, number, styles, t)
    story += _appendix(report, styles, t)
    contents = next(f for f in story if isinstance(f, _Contents))
    headings = [(0, escape(f._outline[1]), f._outline[0]) for f in story if isinstance(f, _Heading) and f._outline]
    if not build_once(doc, story, contents, headings, doc.placed):  # a heading split or lost: lay out twice
        buffer = io.BytesIO()
        doc = _Doc(buffer, **doc_args)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_decoration(report, t))])
        doc.multiBuild(story)
    return buffer.getvalue()
