"""Print: card layouts as data, box templates in a sandbox, text fitting, laying cards out, imposition on
sheets, rendering to PDF (PDF/X for print shops), previews, the calibration page and `build --watch`.

May import cardengine.decks and the shared basics; never sessions, compare or the CLI. The CLI and the
comparison report (its fonts) use only the names below. Importing this package loads nothing: each name loads
its module on first use, so a command that prints nothing never loads reportlab, Pillow or Jinja2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.printing.build import id_clash, lay_out, other_file
    from cardengine.printing.build_stream import build_decks
    from cardengine.printing.calibrate import cmd_calibrate
    from cardengine.printing.compose import ImageOp, LaidDeck, LayoutProblem, lay_out_deck
    from cardengine.printing.fitcheck import check_layout, problem_lines
    from cardengine.printing.imposition import SheetPlan, Size
    from cardengine.printing.layout import Layout, load_layout
    from cardengine.printing.pdfx import OutputProfile, PdfxProblem, make_pdfx, read_output_profile
    from cardengine.printing.preview import render_pages
    from cardengine.printing.render import PrintOptions, write_cards, write_sheets
    from cardengine.printing.sheets import plan_for, sheet_summary
    from cardengine.printing.textfit import HYPHENATION_DICTS, register_fonts
    from cardengine.printing.watch import watch

__all__ = [
    "HYPHENATION_DICTS", "ImageOp", "LaidDeck", "Layout", "LayoutProblem", "OutputProfile", "PdfxProblem",
    "PrintOptions", "SheetPlan", "Size", "build_decks", "check_layout", "cmd_calibrate", "id_clash", "lay_out",
    "lay_out_deck", "load_layout", "make_pdfx", "other_file", "plan_for", "problem_lines", "read_output_profile",
    "register_fonts", "render_pages", "sheet_summary", "watch", "write_cards", "write_sheets",
]

_HOME = {
    "id_clash": "build", "lay_out": "build", "other_file": "build", "build_decks": "build_stream",
    "cmd_calibrate": "calibrate", "ImageOp": "compose", "LaidDeck": "compose", "LayoutProblem": "compose",
    "lay_out_deck": "compose", "check_layout": "fitcheck", "problem_lines": "fitcheck", "SheetPlan": "imposition",
    "Size": "imposition", "Layout": "layout", "load_layout": "layout", "OutputProfile": "pdfx",
    "PdfxProblem": "pdfx", "make_pdfx": "pdfx", "read_output_profile": "pdfx", "render_pages": "preview",
    "PrintOptions": "render", "write_cards": "render", "write_sheets": "render", "plan_for": "sheets",
    "sheet_summary": "sheets", "HYPHENATION_DICTS": "textfit", "register_fonts": "textfit", "watch": "watch",
}


__getattr__ = lazy_names(__name__, _HOME)
