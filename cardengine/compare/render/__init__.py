"""The comparison report and its data written out: HTML (html), PDF (pdf, laid out with pdf_style,
pdf_tables, pdf_charts and pdf_toc; glyphs replaces what the fonts lack), CSV (csv), the data package
(package: datapackage.json, README.md, load.sql) and the REFI-QDA project of the comments (qdpx).

May import measures (tidy tables, facts), report (the model and its words), charts, printing (fonts) and
the shared basics. The names below load on first use (reportlab loads only with the PDF).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.compare.render.csv import csv_bytes
    from cardengine.compare.render.html import render_html
    from cardengine.compare.render.package import datapackage, load_sql, readme
    from cardengine.compare.render.pdf import render_pdf
    from cardengine.compare.render.qdpx import qdpx_bytes

__all__ = ["csv_bytes", "datapackage", "load_sql", "qdpx_bytes", "readme", "render_html", "render_pdf"]

_HOMES = {"csv_bytes": "csv", "render_html": "html", "datapackage": "package", "load_sql": "package",
          "readme": "package", "render_pdf": "pdf", "qdpx_bytes": "qdpx"}


__getattr__ = lazy_names(__name__, _HOMES)
