"""Tidy tables -> CSV files a spreadsheet, pandas or DuckDB reads with the right types, plus a data package.

UTF-8 with a BOM (so spreadsheets show accents right; pandas and DuckDB skip it), comma-separated, a
header row, numbers in plain decimal notation, empty cells for missing values, true/false for flags.
Text that a spreadsheet would run as a formula gets a leading ' (see `spreadsheet.neutralise`).
`datapackage.json` (Frictionless Data) states every column's type and meaning.
"""

from __future__ import annotations

import csv
import io
import json

from .comparison import TidyTable
from .csvcell import csv_cell

FRICTIONLESS_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def csv_bytes(table: TidyTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def datapackage(tables: list[TidyTable], name: str, title: str) -> bytes:
    resources = [{
        "name": t.name.replace("_", "-"), "path": f"{t.name}.csv", "format": "csv", "encoding": "utf-8-sig",
        "description": t.description,
        "schema": {"fields": [{"name": c.name, "type": FRICTIONLESS_TYPES[c.type], "description": c.description}
                              for c in t.columns],
                   "missingValues": [""]},
    } for t in tables]
    package = {"name": name, "title": title, "profile": "tabular-data-package", "resources": resources}
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
