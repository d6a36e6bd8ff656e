"""Render a comparison Report as an A4 landscape PDF with reportlab platypus.

Every page carries the example banner (when any input is example data), the report title and its page
number. Each section starts a page and has an outline bookmark; the title page lists the sections with
their pages. Tables repeat their header row on every page, wrap long cell text instead of clipping it,
and a table too wide for the page is cut into column chunks that each repeat the label columns.
Only the bundled DejaVu fonts (CardSans) are used, embedded as subsets; characters they lack are replaced
visibly (report_glyphs), never drawn as empty boxes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape, quoteattr

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily, stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from cardengine import __version__
from cardengine.compare.charts.draw import draw, split_chart
from cardengine.compare.render.pdf_toc import OnePassContents, build_once
from cardengine.compare.report.math import formula_flowables
from cardengine.compare.report.model import Chart, ChartSpec, Formula, Paragraph, Report, Section, Table
from cardengine.compare.report.words import ui_labels
from cardengine.printing.textfit import HYPHENATION_DICTS, register_fonts

rl_config.useA85 = 0  # binary streams, as in pdfrender: smaller and readable by any PDF tool

PAGE = landscape(A4)
MARGIN_X = 10 * mm
MARGIN_TOP = 19 * mm  # room for the banner strip
MARGIN_BOTTOM = 14 * mm  # room for the title and page number
FRAME_W = PAGE[0] - 2 * MARGIN_X  # 277 mm
FRAME_H = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM
CHART_MAX_W_MM = 260.0
CHART_RESERVE = 24 * mm  # caption, note and data line kept on the chart's page
SMALL_TABLE_ROWS = 25  # kept on one page with its caption
TOC_WIDTH = 190 * mm
LONG_TABLE_START = 35 * mm  # a long table needs this much room left on the page, or starts on the next

CELL_SIZE, CELL_LEADING = 7.5, 9.2
CELL_PAD = 3.0  # pt, left and right
CELL_NAT_CAP = 85 * mm  # a column never asks for more than this before wrapping
CELL_WORD_CAP = 40 * mm  # a single word longer than this is split rather than widening the column
LABEL_SHARE = 0.4  # label columns repeated in every chunk take at most this share of the width

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#4f5863")
LINE = colors.HexColor("#c9cfd6")
HEAD_BG = colors.HexColor("#e6eaef")
ZEBRA = colors.HexColor("#f3f5f7")
BANNER_BG = colors.HexColor("#fff1c2")
BANNER_LINE = colors.HexColor("#c08a00")
BANNER_INK = colors.HexColor("#4a3200")


@cache
def _fonts() -> None:
    register_fonts()
    registerFontFamily("CardSans", normal="CardSans", bold="CardSans-Bold", italic="CardSans-Italic",
                       boldItalic="CardSans-Bold")


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    banner: ParagraphStyle
    h1: ParagraphStyle
    body: ParagraphStyle
    caption: ParagraphStyle
    caption_free: ParagraphStyle
    note: ParagraphStyle
    data: ParagraphStyle
    toc: ParagraphStyle
    cell_l: ParagraphStyle
    cell_r: ParagraphStyle
    head_l: ParagraphStyle
    head_r: ParagraphStyle


@cache
def _hyphenator(dictionary: str):
    """The hyphenation reportlab would look up for every paragraph it wraps (a new `pyphen.Pyphen` each time,
    a tenth of the PDF's time): made once, and given to the styles as the callable reportlab accepts."""
    import pyphen

    return pyphen.Pyphen(lang=dictionary).iterate if dictionary else ""


def _styles(lang: str) -> _Styles:
    hyphenation = _hyphenator(HYPHENATION_DICTS.get(lang.split("-")[0].lower(), ""))

    def style(name: str, font: str = "CardSans", size: float = 10, leading: float | None = None, **kw):
        return ParagraphStyle(name, fontName=font, bulletFontName=font, fontSize=size,
                              leading=leading or size * 1.3, textColor=kw.pop("textColor", INK),
                              hyphenationLang=hyphenation, **kw)

    return _Styles(
        title=style("title", "CardSans-Bold", 26, 31, spaceAfter=6),
        subtitle=style("subtitle", size=14, textColor=MUTED, spaceAfter=10),
        banner=style("banner", "CardSans-Bold", 12, 15, textColor=BANNER_INK),
        h1=style("h1", "CardSans-Bold", 16, 20, spaceAfter=6, keepWithNext=1),
        body=style("body", size=9.5, leading=12.5, spaceAfter=5),
        caption=style("caption", "CardSans-Bold", 9.5, 12, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        # keepWithNext would move a long table to a new page (a KeepTogether taller than the space left)
        caption_free=style("caption_free", "CardSans-Bold", 9.5, 12, spaceBefore=8, spaceAfter=3),
        note=style("note", "CardSans-Italic", 8, 10, textColor=MUTED, spaceBefore=2),
        data=style("data", size=7, leading=9, textColor=MUTED, spaceBefore=2, spaceAfter=6),
        toc=style("toc", size=11, leading=16),
        cell_l=style("cell_l", size=CELL_SIZE, leading=CELL_LEADING, alignment=TA_LEFT),
        cell_r=style("cell_r", size=CELL_SIZE, leading=CELL_LEADING, alignment=TA_RIGHT),
        head_l=style("head_l", "CardSans-Bold", CELL_SIZE, CELL_LEADING, alignment=TA_LEFT),
        head_r=style("head_r", "CardSans-Bold", CELL_SIZE, CELL_LEADING, alignment=TA_RIGHT),
    )


def _table_style(commands: list[tuple]) -> TableStyle:
    """A TableStyle in the bundled font: platypus sets each cell's font even for Paragraph cells, and its
    default would bring Helvetica into the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), "CardSans"), *commands])


def _p(text: str, style: ParagraphStyle) -> RLParagraph:
    return RLParagraph(escape(text), style)


class _Doc(BaseDocTemplate):
    """Bookmarks, outline entries and TOC entries for the headings marked with `_outline`."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.placed: list[tuple[str, str, int]] = []  # (key, title, page) of each heading laid out

    def afterFlowable(self, flowable: Flowable) -> None:
        mark = getattr(flowable, "_outline", None)
        if mark:
            key, title = mark
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0)
            self.notify("TOCEntry", (0, escape(title), self.page, key))
            self.placed.append((key, escape(title), self.page))  # for the one-pass contents (report_pdf_toc)


class _Contents(OnePassContents):
    """The section list of the title page, no wider than a comfortable reading width."""

    def wrap(self, availWidth, availHeight):
        return super().wrap(min(availWidth, TOC_WIDTH), availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        super().drawOn(canvas, x, y, 0)  # flush left, not centred in the spare width


def _heading(text: str, key: str, styles: _Styles) -> RLParagraph:
    p = _p(text, styles.h1)
    p._outline = (key, text)
    return p


# ---------------------------------------------------------------------------------------------- tables

def _words_width(text: str, font: str) -> tuple[float, float]:
    """(single-line width, widest word) of `text` in `font` at the cell size."""
    whole = stringWidth(text, font, CELL_SIZE)
    widest = max((stringWidth(w, font, CELL_SIZE) for w in text.split()), default=0.0)
    return whole, widest


@dataclass(frozen=True)
class _Needs:
    """Per column widths (pt): without wrapping (full), the most it asks for before others wrap (natural,
    full capped), and the least it needs (its widest word, capped: longer words are split)."""

    full: list[float]
    natural: list[float]
    least: list[float]

    def pick(self, cols: list[int]) -> _Needs:
        return _Needs([self.full[c] for c in cols], [self.natural[c] for c in cols], [self.least[c] for c in cols])


def _column_needs(table: Table) -> _Needs:
    pad = 2 * CELL_PAD + 1
    full, natural, least = [], [], []
    for c, header in enumerate(table.columns):
        nat, word = _words_width(header, "CardSans-Bold")
        for row in table.rows:
            if c < len(row):
                n, w = _words_width(row[c], "CardSans")
                nat, word = max(nat, n), max(word, w)
        full.append(nat + pad)
        natural.append(min(nat + pad, CELL_NAT_CAP))
        least.append(min(word + pad, CELL_WORD_CAP, natural[-1]))
    return _Needs(full, natural, least)


def _share(base: list[float], target: list[float], spare: float) -> list[float]:
    """`base` widths grown towards `target` by `spare` points in all, in proportion to what each lacks."""
    lacking = [max(0.0, t - b) for b, t in zip(base, target, strict=False)]
    total = sum(lacking)
    if total <= 0:
        return list(base)
    k = min(1.0, spare / total)
    return [b + k * lack for b, lack in zip(base, lacking, strict=False)]


def _fit(needs: _Needs, avail: float) -> list[float] | None:
    """Widths of columns sharing `avail`: natural widths if they fit (long text columns then take the spare
    room), else wrapped proportionally; None if even their widest words do not fit."""
    if sum(needs.natural) <= avail:
        return _share(needs.natural, needs.full, avail - sum(needs.natural))
    if sum(needs.least) > avail:
        return None
    return _share(needs.least, needs.natural, avail - sum(needs.least))


def _squeeze(needs: _Needs, avail: float) -> list[float]:
    """Widths for columns that must share `avail` whatever happens (long words get split)."""
    fitted = _fit(needs, avail)
    if fitted is not None:
        return fitted
    return [w * avail / sum(needs.least) for w in needs.least]


def _chunks(data_cols: list[int], least: list[float], avail: float) -> list[list[int]]:
    """Consecutive groups of data columns whose least widths fit `avail`, as even in size as possible."""
    greedy: list[list[int]] = [[]]
    used = 0.0
    for c in data_cols:
        if greedy[-1] and used + least[c] > avail:
            greedy.append([])
            used = 0.0
        greedy[-1].append(c)
        used += least[c]
    n = len(greedy)
    size, extra = divmod(len(data_cols), n)
    even, start = [], 0
    for i in range(n):
        stop = start + size + (1 if i < extra else 0)
        even.append(data_cols[start:stop])
        start = stop
    if all(sum(least[c] for c in chunk) <= avail for chunk in even):
        return even
    return greedy


def _table_layout(table: Table, avail: float) -> list[tuple[list[int], list[float]]]:
    """The column chunks a table is printed in: (column indices, widths) each; one chunk if it fits."""
    needs = _column_needs(table)
    ncols = len(table.columns)
    widths = _fit(needs, avail)
    if widths is not None:
        return [(list(range(ncols)), widths)]
    n_labels = _label_count(_align(table))
    if n_labels == ncols:  # text only: nothing to repeat, so wrap everything into the page width
        return [(list(range(ncols)), _squeeze(needs, avail))]
    labels = list(range(n_labels))
    label_needs = needs.pick(labels)
    # Label columns take the room they need (at most a share of the page); data columns share the rest.
    label_widths = [min(w, n) for w, n in zip(_squeeze(label_needs, avail * LABEL_SHARE), label_needs.natural, strict=False)]
    rest = avail - sum(label_widths)
    layout = []
    for chunk in _chunks(list(range(n_labels, ncols)), needs.least, rest):
        data = needs.pick(chunk)
        chunk_widths = _squeeze(_Needs(data.natural, data.natural, data.least), rest)  # numbers do not stretch
        layout.append((labels + chunk, label_widths + chunk_widths))
    return layout


def _align(table: Table) -> list[str]:
    return [table.align[c] if c < len(table.align) else "l" for c in range(len(table.columns))]


def _label_count(align: list[str]) -> int:
    """How many leading columns are labels (left-aligned): they repeat in every column chunk."""
    return next((i for i, a in enumerate(align) if a != "l"), len(align))


def _table_flowables(table: Table, styles: _Styles, t: dict[str, str]) -> list[Flowable]:
    if not table.columns:
        return []
    align = _align(table)
    layout = _table_layout(table, FRAME_W)
    small = len(table.rows) <= SMALL_TABLE_ROWS
    out: list[Flowable] = []
    for n, (cols, widths) in enumerate(layout):
        caption = table.caption
        if len(layout) > 1:
            data = [c for c in cols if c >= _label_count(align)]  # the label columns repeat in every chunk
            caption = f"{caption} ({t['columns']} {data[0] + 1}–{data[-1] + 1} {t['of']} {len(table.columns)})"
        head = [_p(table.columns[c], styles.head_r if align[c] == "r" else styles.head_l) for c in cols]
        body = [[_p(row[c] if c < len(row) else "", styles.cell_r if align[c] == "r" else styles.cell_l)
                 for c in cols] for row in table.rows]
        # splitInRow: a row taller than a page (very long text) continues on the next page
        grid = RLTable([head, *body], colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
        grid.setStyle(_table_style([
            ("FONTNAME", (0, 0), (-1, 0), "CardSans-Bold"),
            ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, LINE),
        ]))
        parts: list[Flowable] = []
        if not small:  # a long table starts right here when its caption, header and a few rows fit
            parts.append(CondPageBreak(LONG_TABLE_START))
        if caption:
            parts.append(_p(caption, styles.caption if small else styles.caption_free))
        parts.append(grid)
        if n == len(layout) - 1:
            parts.extend(_note_and_data(table.note, table.csv, styles, t))
        else:
            parts.append(Spacer(1, 4 * mm))
        out.extend([KeepTogether(parts)] if small else parts)
    return out


def _note_and_data(note: str, csv: str | None, styles: _Styles, t: dict[str, str]) -> list[Flowable]:
    out: list[Flowable] = []
    if note:
        out.append(_p(note, styles.note))
    if csv:
        out.append(RLParagraph(f"<a href={quoteattr(csv)}>{escape(t['data'])}: {escape(csv)}</a>", styles.data))
    else:
        out.append(Spacer(1, 4))
    return out


# ---------------------------------------------------------------------------------------------- charts

def _chart_drawing(chart: Chart, spec: ChartSpec | None = None) -> Drawing:
    """The chart's Drawing, scaled down (aspect kept) when it would not fit one page with its caption."""
    drawing = draw(spec or chart.spec, width_mm=min(CHART_MAX_W_MM, FRAME_W / mm))
    scale = min(1.0, FRAME_W / drawing.width if drawing.width else 1.0,
                (FRAME_H - CHART_RESERVE) / drawing.height if drawing.height else 1.0)
    if scale < 1.0:
        drawing.renderScale = scale  # platypus asks wrap() for the scaled size
    drawing.hAlign = "LEFT"
    drawing.initialFontName = "CardSans"  # renderPDF would otherwise start from Helvetica, adding it to the PDF
    return drawing


def _chart_flowables(chart: Chart, styles: _Styles, t: dict[str, str]) -> list[Flowable]:
    # The drawing carries its own title; a caption that only repeats it is left out.
    parts: list[Flowable] = [_p(chart.caption, styles.caption)] if chart.caption != chart.spec.title else []
    # A tall heatmap or rank grid goes on as many pages as keep its text full size (split_chart).
    try:
        pieces = split_chart(chart.spec, min(CHART_MAX_W_MM, FRAME_W / mm), (FRAME_H - CHART_RESERVE) / mm)
    except ValueError:  # not even one row fits a page: the whole chart, scaled down
        pieces = [chart.spec]
    drawings: list[Flowable] = [_chart_drawing(chart, piece) for piece in pieces]
    note = _note_and_data(chart.note, chart.csv, styles, t)
    if len(drawings) == 1:
        return [KeepTogether([*parts, drawings[0], *note])]
    return [KeepTogether([*parts, drawings[0]]), *drawings[1:-1], KeepTogether([drawings[-1], *note])]


# ---------------------------------------------------------------------------------------------- pages

def _page_decoration(report: Report, t: dict[str, str]):
    def decorate(canvas, doc) -> None:
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


def _title_page(report: Report, styles: _Styles, t: dict[str, str]) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 8 * mm), _p(report.title, styles.title)]
    if report.subtitle:
        out.append(_p(report.subtitle, styles.subtitle))
    if report.example_banner:
        banner = RLTable([[_p(report.example_banner, styles.banner)]], colWidths=[FRAME_W])
        banner.setStyle(_table_style([
            ("BACKGROUND", (0, 0), (-1, -1), BANNER_BG), ("BOX", (0, 0), (-1, -1), 1.5, BANNER_LINE),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
        out += [Spacer(1, 2 * mm), banner, Spacer(1, 4 * mm)]
    if report.groups:
        label = t.get(report.group_by, report.group_by)
        out.append(RLParagraph(f"<b>{escape(label)}:</b> {escape(' · '.join(report.groups))}", styles.body))
    if report.warnings:
        out.append(_p(f"{t['warnings']}: {len(report.warnings)}", styles.body))
    toc = _Contents(levelStyles=[styles.toc], dotsMinLevel=0, rightColumnWidth=20 * mm,
                    tableStyle=_table_style([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    out += [Spacer(1, 6 * mm), _p(t["contents"], styles.h1), toc]
    if report.generated_by:
        out += [Spacer(1, 6 * mm), _p(report.generated_by, styles.data)]
    return out


def _section(section: Section, number: int, styles: _Styles, t: dict[str, str]) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), _heading(f"{number}. {section.title}", f"section-{number}", styles)]
    if section.intro:
        out.append(_p(section.intro, styles.body))
    for block in section.blocks:
        if isinstance(block, Table):
            out += _table_flowables(block, styles, t)
        elif isinstance(block, Chart):
            out += _chart_flowables(block, styles, t)
        elif isinstance(block, Paragraph):
            lead = f"<b>{escape(block.lead)}</b> " if block.lead else ""
            out.append(RLParagraph(lead + escape(block.text), styles.body))
        elif isinstance(block, Formula):  # kept on one page with the paragraph that introduces it
            lead = [out.pop()] if isinstance(out[-1], RLParagraph) else []
            out.append(KeepTogether(lead + formula_flowables(block, styles.body, FRAME_W)))
        else:  # pragma: no cover - the model has four block kinds
            raise TypeError(f"unknown report block {type(block).__name__}")
    return out


def _appendix(report: Report, styles: _Styles, t: dict[str, str]) -> list[Flowable]:
    out: list[Flowable] = []
    if report.sources:
        out += [_heading(t["sources"], "report-sources", styles)]
        out += [RLParagraph(f"<b>{escape(label)}:</b> {escape(text)}", styles.body)
                for label, text in report.provenance]
        sources = Table(caption="", columns=report.source_columns, rows=report.sources,
                        align=tuple("l" for _ in report.source_columns))
        out += _table_flowables(sources, styles, t)
    if report.methods:
        out += [Spacer(1, 4 * mm), _heading(t["methods"], "report-methods", styles)]
        out += [_p(text, styles.body) for text in report.methods]
    if report.warnings:
        out += [Spacer(1, 4 * mm), _heading(t["warnings"], "report-warnings", styles)]
        out += [_p(f"• {text}", styles.body) for text in report.warnings]
    return [PageBreak(), *out] if out else []


def render_pdf(report: Report) -> bytes:
    """The whole report as PDF bytes: A4 landscape, outline per section, fonts embedded. Characters the fonts
    lack are printed as U+FFFD and listed among the report's warnings (see report_glyphs)."""
    from cardengine.compare.render.glyphs import pdf_text

    _fonts()
    report, _ = pdf_text(report)
    t = ui_labels(report.lang)
    styles = _styles(report.lang)
    buffer = io.BytesIO()
    doc_args = {"pagesize": PAGE, "leftMargin": MARGIN_X, "rightMargin": MARGIN_X, "topMargin": MARGIN_TOP,
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
    headings = [(0, escape(mark[1]), mark[0]) for f in story if (mark := getattr(f, "_outline", None))]
    if not build_once(doc, story, contents, headings, doc.placed):  # a heading split or lost: lay out twice
        buffer = io.BytesIO()
        doc = _Doc(buffer, **doc_args)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_decoration(report, t))])
        doc.multiBuild(story)
    return buffer.getvalue()
