"""The report's charts as reportlab Drawings, and as inline SVG for the HTML: one drawing per chart spec, so
the PDF and the HTML show the same chart, drawn by one code path.

- draw: the entry point (`draw`, `split_chart`); one module per chart kind: heatmap, bars, ranks (a rank
  comparison drawn as a dot grid); base (fonts, text fitting, colours, shared headings); svg (`to_svg`);
  words (the few words charts print, in the report's language).

May import the report's model (chart specs), printing (fonts) and the shared basics. The names below load on
first use (reportlab loads with them; `words` alone does not load it). `draw` itself is imported from
`charts.draw`: the package's attribute of that name is the module once it is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.compare.charts.draw import split_chart
    from cardengine.compare.charts.svg import to_svg

__all__ = ["split_chart", "to_svg"]

_HOMES = {"split_chart": "draw", "to_svg": "svg"}


__getattr__ = lazy_names(__name__, _HOMES)
