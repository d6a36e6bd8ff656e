"""The report PDF's page geometry, colours, fonts and paragraph styles, shared by the modules that lay it out.

Only the bundled DejaVu fonts (CardSans) are used: every style and table style names them, so reportlab never
brings its own Helvetica into the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import Flowable, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from cardengine.printing.textfit import HYPHENATION_DICTS, register_fonts

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

Labels = dict[str, str]  # the report's interface words in its language (`ui_labels`)
Hyphenator = Callable[[str], Iterator[tuple[str, str]]]  # a word -> its (start, rest) splits, as pyphen gives


@cache
def fonts() -> None:
    register_fonts()
    registerFontFamily("CardSans", normal="CardSans", bold="CardSans-Bold", italic="CardSans-Italic",
                       boldItalic="CardSans-Bold")


@dataclass(frozen=True)
class Styles:
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
def _hyphenator(dictionary: str) -> Hyphenator | str:
    """The hyphenation reportlab would look up for every paragraph it wraps (a new `pyphen.Pyphen` each time,
    a tenth of the PDF's time): made once, and given to the styles as the callable reportlab accepts."""
    import pyphen

    if not dictionary:
        return ""
    iterate: Hyphenator = pyphen.Pyphen(lang=dictionary).iterate
    return iterate


def styles_for(lang: str) -> Styles:
    hyphenation = _hyphenator(HYPHENATION_DICTS.get(lang.split("-")[0].lower(), ""))

    def style(name: str, font: str = "CardSans", size: float = 10, leading: float | None = None,
              **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, bulletFontName=font, fontSize=size,
                              leading=leading or size * 1.3, textColor=kw.pop("textColor", INK),
                              # reportlab takes a callable too (it makes one from a language name); its stubs say str
                              hyphenationLang=hyphenation,  # type: ignore[arg-type]
                              **kw)

    return Styles(
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


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle in the bundled font: platypus sets each cell's font even for Paragraph cells, and its
    default would bring Helvetica into the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), "CardSans"), *commands])


def para(text: str, style: ParagraphStyle) -> RLParagraph:
    """A paragraph of plain text (escaped: a report's texts are never markup)."""
    return RLParagraph(escape(text), style)


def note_and_data(note: str, csv: str | None, styles: Styles, t: Labels) -> list[Flowable]:
    """What follows a table or chart: its note, and a link to the CSV file it was made from."""
    out: list[Flowable] = []
    if note:
        out.append(para(note, styles.note))
    if csv:
        label = escape(t["data"] + t["colon"])
        out.append(RLParagraph(f"<a href={quoteattr(csv)}>{label} {escape(csv)}</a>", styles.data))
    else:
        out.append(Spacer(1, 4))
    return out
