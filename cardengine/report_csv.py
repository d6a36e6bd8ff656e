"""Tidy tables -> CSV files a spreadsheet, pandas or DuckDB reads with the right types, plus a data package.

UTF-8 with a BOM (so spreadsheets show accents right; pandas and DuckDB skip it), comma-separated, a
header row, numbers in plain decimal notation, empty cells for missing values, true/false for flags.
Text that a spreadsheet would run as a formula gets a leading ' (see `spreadsheet.neutralise`).
`comparison_package` describes them: datapackage.json (every column's type and meaning), README.md, load.sql.
"""

from __future__ import annotations

import csv
import io

from .comparison import TidyTable
from .csvcell import csv_cell


def csv_bytes(table: TidyTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

