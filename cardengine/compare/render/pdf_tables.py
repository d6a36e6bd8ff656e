"""The report's tables in the PDF: column widths that fit the page (long text wraps, numbers do not stretch),
a table too wide for the page cut into column chunks that each repeat the label columns, and the flowables.

Tables repeat their header row on every page; a row taller than a page continues on the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus import Table as RLTable

from cardengine.compare.render.pdf_style import (
    CELL_NAT_CAP,
    CELL_PAD,
    CELL_SIZE,
    CELL_WORD_CAP,
    FRAME_W,
    HEAD_BG,
    LABEL_SHARE,
    LINE,
    LONG_TABLE_START,
    MUTED,
    SMALL_TABLE_ROWS,
    ZEBRA,
    Labels,
    Styles,
    note_and_data,
    para,
    table_style,
)
from cardengine.compare.report.model import Table

Layout = list[tuple[list[int], list[float]]]  # column chunks: (column indices, widths in pt) each


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
    full: list[float] = []
    natural: list[float] = []
    least: list[float] = []
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


def table_layout(table: Table, avail: float) -> Layout:
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
    label_widths = [min(w, n) for w, n in zip(_squeeze(label_needs, avail * LABEL_SHARE), label_needs.natural,
                                              strict=False)]
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


def table_flowables(table: Table, styles: Styles, t: Labels) -> list[Flowable]:
    if not table.columns:
        return []
    align = _align(table)
    layout = table_layout(table, FRAME_W)
    small = len(table.rows) <= SMALL_TABLE_ROWS
    out: list[Flowable] = []
    for n, (cols, widths) in enumerate(layout):
        caption = table.caption
        if len(layout) > 1:
            data = [c for c in cols if c >= _label_count(align)]  # the label columns repeat in every chunk
            caption = f"{caption} ({t['columns']} {data[0] + 1}–{data[-1] + 1} {t['of']} {len(table.columns)})"
        head = [para(table.columns[c], styles.head_r if align[c] == "r" else styles.head_l) for c in cols]
        body = [[para(row[c] if c < len(row) else "", styles.cell_r if align[c] == "r" else styles.cell_l)
                 for c in cols] for row in table.rows]
        # splitInRow: a row taller than a page (very long text) continues on the next page
        grid = RLTable([head, *body], colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
        grid.setStyle(table_style([
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
            parts.append(para(caption, styles.caption if small else styles.caption_free))
        parts.append(grid)
        if n == len(layout) - 1:
            parts.extend(note_and_data(table.note, table.csv, styles, t))
        else:
            parts.append(Spacer(1, 4 * mm))
        out.extend([KeepTogether(parts)] if small else parts)
    return out
