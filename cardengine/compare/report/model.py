"""What a comparison report says, as plain data: sections of tables, charts and paragraphs.

Both renderers (HTML via Jinja2, PDF via reportlab) walk the same Report, so they hold the same content.
Text is already in the report's language and numbers are already formatted; charts are specs that
`report_charts.draw` turns into one reportlab Drawing (SVG for the HTML, vector for the PDF).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class HeatmapSpec:
    """A grid of values: rows (e.g. domains or cards) against columns (groups). None = not applicable."""

    title: str
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]  # values[row][col]
    value_format: str  # a str.format spec for the number printed in each cell, e.g. "{:.0%}" or "{:.1f}"
    legend_label: str  # what the colour means, e.g. "Share of tables that picked the card"
    low: float = 0.0  # the colour scale runs from low to high
    high: float = 1.0
    missing_label: str = "–"  # printed in cells that are None
    decimal: str = "."  # decimal separator of the report's language: "," in Italian and French
    counts: tuple[tuple[int | None, ...], ...] | None = None  # tables behind each cell (n), same shape as values
    faint: tuple[tuple[bool, ...], ...] | None = None  # cells resting on fewer tables than --min-tables: greyed
    lang: str = "en"  # language of the words the chart's key draws (chart_words)


@dataclass(frozen=True)
class BarsSpec:
    """Grouped horizontal bars: one cluster per category (e.g. criterion), one bar per series (e.g. group)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # (series label, value per category)
    axis_label: str
    low: float
    high: float
    value_format: str = "{:.1f}"
    spread: tuple[tuple[float | None, ...], ...] | None = None  # optional ± whisker per series per category
    decimal: str = "."  # decimal separator of the report's language: "," in Italian and French
    # optional confidence interval (low, high) per series per category, drawn as a whisker; None = no interval
    interval: tuple[tuple[tuple[float, float] | None, ...], ...] | None = None
    counts: tuple[tuple[int | None, ...], ...] | None = None  # tables behind each bar (n)
    faint: tuple[tuple[bool, ...], ...] | None = None  # bars resting on fewer tables than --min-tables: greyed
    lang: str = "en"  # language of the words the chart's key draws (chart_words)


@dataclass(frozen=True)
class SlopeSpec:
    """Rank comparison: one column per group, one line per item with its rank in each group (1 = top).
    Drawn as a dot grid (chart_ranks: a row per item, a dot with the rank per group), which scales to 40 groups."""

    title: str
    columns: tuple[str, ...]
    lines: tuple[tuple[str, tuple[int | None, ...]], ...]  # (item label, rank per column; None = not ranked)
    max_rank: int
    axis_label: str
    counts: tuple[tuple[int | None, ...], ...] | None = None  # tables behind each rank, per line per column
    lang: str = "en"  # language of the words the chart's key draws (chart_words)


ChartSpec = HeatmapSpec | BarsSpec | SlopeSpec


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # formatted cell text
    align: tuple[Literal["l", "r"], ...]  # per column; numbers right-aligned
    csv: str | None = None  # file name of the tidy CSV table behind it
    note: str = ""


@dataclass(frozen=True)
class Chart:
    id: str  # stable identifier, e.g. "domain-heatmap"; also the anchor in the HTML
    caption: str
    spec: ChartSpec
    csv: str | None = None  # file name of the tidy CSV table behind it
    note: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""  # a run-in heading set in bold before the text (e.g. "Unit of analysis.")


@dataclass(frozen=True)
class MathNode:
    """A piece of a formula, as a tree both renderers set (MathML in the HTML, reportlab markup in the PDF).

    kind: "i" identifier (italic when one letter), "n" number, "o" operator, "t" upright text (all with
    `text`); "row", "sub" (base, subscript), "sup" (base, superscript), "subsup" (base, sub, super), "frac"
    (numerator, denominator), "sqrt", "bar" (a mean: x with a bar over it), "space" (a gap between two
    formulas on one line), "fence" (`text` = the two
    delimiters, e.g. "()" or "||"), "big" (`text` = the operator, e.g. "∑"; parts: below, above) with `parts`."""

    kind: str
    text: str = ""
    parts: tuple[MathNode, ...] = ()


@dataclass(frozen=True)
class Formula:
    """A displayed, numbered formula and what its symbols mean ("where: n = tables; ...")."""

    number: str  # e.g. "(3)"
    expr: MathNode
    where_label: str = ""  # "where" in the report's language
    where: tuple[tuple[MathNode, str], ...] = ()  # (symbol, meaning)


Block = Table | Chart | Paragraph | Formula


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str  # e.g. "3 territories · 6 workshops · 14 tables"
    lang: str
    groups: tuple[str, ...]  # group labels in report order (territories, workshops or tables)
    group_by: str  # territory, workshop or table
    sections: tuple[Section, ...]
    sources: tuple[tuple[str, ...], ...]  # one row per workshop file: file, title, territory, date, tables
    source_columns: tuple[str, ...]
    methods: tuple[str, ...]  # how each measure is computed, one paragraph each
    example_banner: str = ""  # non-empty when any input is example data: shown prominently on every page
    generated_by: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    provenance: tuple[tuple[str, str], ...] = ()  # (label, text): tool, generation time, command, licence

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]
