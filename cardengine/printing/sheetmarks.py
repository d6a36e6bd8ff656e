"""Marks a sheet needs besides crop marks: the fold line of `--duplex fold`. Drawn with reportlab."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from cardengine.printing.imposition import SheetPlan, fold_line

FOLD_WORDS = {"it": "piegare qui · fold here", "en": "fold here · piegare qui"}
FOLD_SIZE = 6  # pt: the label sits on the line, inside the gap between the crop marks of the two halves


def draw_fold(c: Canvas, plan: SheetPlan, lang: str, cmyk: bool) -> None:
    """A dashed line across the paper where it folds, labelled on the line (the line breaks for the label)."""
    x1, y1, x2, y2 = fold_line(plan)
    ink = CMYKColor(0, 0, 0, 1) if cmyk else Color(0, 0, 0)
    c.saveState()
    c.setStrokeColor(ink)
    c.setLineWidth(0.35)
    c.setDash(3 * mm, 1.5 * mm)
    c.line(x1 * mm, y1 * mm, x2 * mm, y2 * mm)
    c.translate((x1 + x2) / 2 * mm, (y1 + y2) / 2 * mm)
    if plan.fold == "vertical":
        c.rotate(90)
    text = FOLD_WORDS.get(lang, FOLD_WORDS["en"])
    width = c.stringWidth(text, "CardSans", FOLD_SIZE)
    c.setFillColor(CMYKColor(0, 0, 0, 0) if cmyk else Color(1, 1, 1))
    c.rect(-width / 2 - 1 * mm, -1.2 * mm, width + 2 * mm, 2.4 * mm, stroke=0, fill=1)
    c.setFillColor(ink)
    c.setFont("CardSans", FOLD_SIZE)
    c.drawCentredString(0, -0.36 * FOLD_SIZE, text)
    c.restoreState()
