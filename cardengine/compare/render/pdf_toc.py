"""A table of contents laid out in one pass: the report PDF is laid out once, not twice.

reportlab's `multiBuild` lays the whole story out twice (three times if the contents change its page count):
the first pass only learns on which page each heading falls. At 1,000 workshops that doubled the PDF's cost.
Here the contents know their entries before the layout (the headings are in the story, so their text and
order are known: only the page numbers are not), so the first pass already has the final height and lines.
Each entry's dot leader and page number are drawn as a PDF form XObject that the title page refers to and
that is written after the layout, when the page is known (PDF allows a form to be used before it is
defined). Text extraction and viewers see the numbers as ordinary text.
"""

from __future__ import annotations

from ast import literal_eval
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable
from reportlab.platypus.tableofcontents import TableOfContents

DOT = " . "


class OnePassContents(TableOfContents):
    """Contents whose entries (level, text, key) are given up front; `finish` writes their page numbers."""

    _one_pass = False  # until `prefill`: the usual reportlab contents (multiBuild)

    def prefill(self, entries: Sequence[tuple[int, str, str]]) -> None:
        self._lastEntries = [(level, text, 0, key) for level, text, key in entries]
        self._ends: dict[str, tuple[float, float, Any]] = {}  # key -> (room for dots and number, leading, style)
        self._one_pass = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size = super().wrap(availWidth, availHeight)
        if not self._one_pass:
            return size

        def entry_end(canvas: Canvas, kind: str | None, label: str) -> None:  # where reportlab draws dots and number
            _, level, key = label.split(",")
            key = literal_eval(key)
            style = self.getLevelStyle(int(level))
            cursor = vars(canvas)["_curr_tx_info"]  # where reportlab's text stands (private: not in its stubs)
            x, y = cursor["cur_x"], cursor["cur_y"]
            room = availWidth - x
            self._ends[key] = (room, style.leading, style)
            canvas.saveState()
            canvas.translate(x, y)
            canvas.doForm(_form(key))
            canvas.restoreState()
            canvas.linkRect("", key, (x, y, availWidth, y + style.leading), relative=1)

        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)
        return size

    def finish(self, canvas: Canvas, pages: dict[str, int]) -> None:
        """Write the form of every entry drawn: dots and its page number, right-aligned, as reportlab's
        `drawPageNumbers` draws them (shrunk in steps of 10 % if the number does not fit)."""
        for key, (room, leading, style) in self._ends.items():
            text = str(pages[key])
            size = style.fontSize
            width = stringWidth(text, style.fontName, size)
            while width > room and size >= 1.0:
                size *= 0.9
                width = stringWidth(text, style.fontName, size)
            dot_w = stringWidth(DOT, style.fontName, size)
            dots = int((room - width) / dot_w) if dot_w else 0
            # any number makes a form's box: the stubs guess int from the defaults
            canvas.beginForm(_form(key), lowerx=0, lowery=-leading,  # type: ignore[arg-type]
                             upperx=max(room, width), uppery=2 * leading)
            tx = canvas.beginText(room - dots * dot_w - width, 0)
            tx.setFont(style.fontName, size)
            tx.setFillColor(style.textColor)
            tx.textLine(dots * DOT + text)
            canvas.drawText(tx)
            canvas.endForm()


class OnePassDoc(BaseDocTemplate):
    """A document `build_once` can lay out: reportlab's own flag that saves the canvas after `build` is declared
    here (the stubs leave it out)."""

    _doSave: int


def _form(key: str) -> str:
    return "toc-" + "".join(c if c.isalnum() else "-" for c in key)


def build_once(doc: OnePassDoc, story: list[Flowable], contents: OnePassContents,
               headings: Sequence[tuple[int, str, str]], placed: list[tuple[str, str, int]]) -> bool:
    """Lay `story` out once into `doc` and save it, the contents' page numbers filled in. `headings` are the
    (level, text, key) of the contents, in story order; `placed` collects (key, text, page) as the document
    places each heading (the document's `afterFlowable` appends to it). False, with nothing saved, when the
    headings placed are not those announced (the caller then lays out the usual way)."""
    contents.prefill(headings)
    doc._doSave = 0  # keep the canvas open after the layout: the forms are written into it
    doc.build(list(story))  # (build consumes the list it is given)
    if [(key, text) for key, text, _ in placed] != [(key, text) for _, text, key in headings]:
        contents._lastEntries, contents._one_pass = [], False
        return False
    contents.finish(doc.canv, {key: page for key, _, page in placed})
    doc.canv.save()
    return True
