"""The pieces every report section is made of: side-by-side tables with one column per group, heatmaps, long
lists capped for reading, and the grids and labels they are filled from.

Pure. Groups (territories, workshops or tables) are always columns, side by side, in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.report.model import HeatmapSpec, Table
from cardengine.compare.report.numbers import few
from cardengine.compare.report.words import Words

MAX_GROUP_COLUMNS = 40  # beyond this many groups, side-by-side tables and charts are unreadable: CSV only
MAX_LIST_ROWS = 120  # longer lists (proposals, per-workshop agreement, never-picked cards) stay in their CSV


def aligned(labels: int, numbers: int) -> tuple[Literal["l", "r"], ...]:
    """The alignment of a table's columns: `labels` to the left, then `numbers` to the right."""
    left: Literal["l", "r"] = "l"
    right: Literal["l", "r"] = "r"
    return (left,) * labels + (right,) * numbers


def side_by_side(caption: str, label_columns: Sequence[str], rows: Sequence[tuple[Sequence[str], dict[str, str]]],
                 groups: Sequence[str], csv: str, note: str = "") -> Table:
    """A table with label columns, then one column per group; `rows` give labels and the cell per group."""
    return Table(caption, (*label_columns, *groups),
                 tuple((*labels, *(cells.get(g, "–") for g in groups)) for labels, cells in rows),
                 aligned(len(label_columns), len(groups)), csv, note)


def card_label(cmp: Comparison, w: Words, card: str) -> str:
    info = cmp.cards.get(card)
    return f"{card} {w.pick(info.title)}" if info else card


def domain_name(cmp: Comparison, w: Words, domain: str) -> str:
    info = cmp.domains.get(domain)
    return w.pick(info.name) if info else domain


def scale(cmp: Comparison) -> tuple[int, int]:
    if not cmp.criteria:
        return 1, 5
    return min(c.low for c in cmp.criteria), max(c.high for c in cmp.criteria)


def by_group(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        out[r["group"]].append(r)
    return out


def value_grid(records: list[dict], row_key: str, value_key: str) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = defaultdict(dict)
    for r in records:
        out[r[row_key]][r["group"]] = r[value_key]
    return out


def count_grid(records: list[dict], row_key: str, n_key: str) -> dict[str, dict[str, int]]:
    """The tables behind each figure, by row and group."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for r in records:
        out[r[row_key]][r["group"]] = r[n_key]
    return out


def heatmap(title: str, rows: Sequence[str], row_labels: Sequence[str], groups: Sequence[str],
             grid: dict[str, dict[str, float | None]], fmt: str, legend: str, high: float, w: Words,
             n: dict[str, dict[str, int]] | None = None, min_tables: int = 1) -> HeatmapSpec:
    """`n`: the tables behind each cell (row, then group): cells on fewer than `min_tables` are drawn faint."""
    values = tuple(tuple(grid.get(r, {}).get(g) for g in groups) for r in rows)
    counts = tuple(tuple((n or {}).get(r, {}).get(g) for g in groups) for r in rows) if n is not None else None
    faint = tuple(tuple(few(c, min_tables) for c in row) for row in counts) if counts is not None else None
    return HeatmapSpec(title, tuple(row_labels), tuple(groups), values, fmt, legend, 0.0, high or 1.0,
                       decimal=w.decimal, counts=counts, faint=faint)


def capped(table: Table, w: Words, limit: int = 0) -> Table:
    """A long list shows its first rows and says where the rest is: a report is read, the CSV is searched."""
    limit = limit or MAX_LIST_ROWS
    if len(table.rows) <= limit:
        return table
    note = w("capped", shown=limit, total=len(table.rows), csv=table.csv)
    return Table(table.caption, table.columns, table.rows[:limit], table.align, table.csv,
                 f"{table.note} {note}".strip())
