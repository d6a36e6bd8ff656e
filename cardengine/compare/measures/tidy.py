"""Tidy long tables: what every CSV of the comparison is, and the columns many of them share.

A table has a name (the CSV file's stem), a description and typed columns; each column says in English what
it holds. The English is the key of its translations in the report's catalogue (`report.words_data`), through
which the data package describes it in the report's language: one English text, one meaning, so one
translation per language whatever table the column is in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

PLAIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*(?: [0-9A-Za-z][0-9A-Za-z._-]*)*\Z")


class Plain(str):
    """Text that is its own CSV cell: words of letters, digits, . _ - (not first) and single spaces, so nothing
    to quote and no formula start. A group's workshop ids are one per row of every group table: thousands of
    characters a row with a thousand workshops, which the csv module would scan character by character."""

    def __new__(cls, text: str) -> Plain:
        if not PLAIN.match(text):
            raise ValueError(f"not plain CSV text: {text[:40]!r}")
        return super().__new__(cls, text)


@dataclass(frozen=True)
class Column:
    name: str
    type: type  # str, int, float or bool; float columns may hold None (an empty cell)
    description: str  # English: the key of its translations in the report's catalogue


@dataclass(frozen=True)
class TidyTable:
    name: str  # the CSV file's stem
    description: str
    columns: tuple[Column, ...]
    rows: list[tuple]

    def records(self) -> list[dict]:
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=False)) for row in self.rows]


def _table(name: str, description: str, columns: Sequence[tuple], rows: list[tuple]) -> TidyTable:
    """A table from (name, type, English description) column tuples."""
    return TidyTable(name, description, tuple(Column(*c) for c in columns), rows)


@overload
def _r(value: float, digits: int = 10) -> float: ...


@overload
def _r(value: float | None, digits: int = 10) -> float | None: ...


def _r(value: float | None, digits: int = 10) -> float | None:
    """Full precision, less float noise (0.1 + 0.2): figures are rounded only where a report shows them."""
    return None if value is None else round(float(value), digits)


G = ("group", str, "the group compared: a territory, a workshop or a table")
CARD = ("card", str, "card id")
DOMAIN = ("domain", str, "domain id (deck domain)")
CRITERION = ("criterion", str, "criterion id")
