"""Tidy tables -> CSV files a spreadsheet, pandas or DuckDB reads with the right types, plus a data package.

UTF-8 with a BOM (so spreadsheets show accents right; pandas and DuckDB skip it), comma-separated, a
header row, numbers in plain decimal notation, empty cells for missing values, true/false for flags.
Text that a spreadsheet would run as a formula gets a leading ' (see `spreadsheet.neutralise`).
`package` describes them: datapackage.json (every column's type and meaning), README.md, load.sql.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Protocol

from cardengine.compare.measures.tidy import Plain, TidyTable
from cardengine.csvcell import csv_cell


class _RowWriter(Protocol):
    """What `csv.writer` gives (its class is private to `_csv`)."""

    def writerow(self, row: Iterable[object], /) -> object: ...

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8(text: str) -> bytes:
    """`text` as UTF-8; an unpaired surrogate (which UTF-8 cannot hold: a workshop file written from JSON with
    "\\ud800" in a comment or a name) becomes U+FFFD instead of stopping the whole report."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")


def csv_bytes(table: TidyTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    if len(table.columns) > 1 and table.rows and all(isinstance(row[-1], Plain) for row in table.rows):
        return _plain_last(table, out, writer)
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return utf8("\ufeff" + out.getvalue())


def _plain_last(table: TidyTable, out: io.StringIO, writer: _RowWriter) -> bytes:
    """Each row but its last cell through the csv module, then the plain last cell joined in as it is."""
    start = out.tell()
    ends = []
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row[:-1]])
        ends.append(out.tell())
    text = out.getvalue()
    parts = ["\ufeff", text[:start]]
    for row, end in zip(table.rows, ends, strict=False):
        parts += (text[start:end - 1], ",", row[-1], "\n")
        start = end
    return utf8("".join(parts))

