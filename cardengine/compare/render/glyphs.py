"""Text the PDF report's fonts cannot draw: replaced visibly, never printed as silent boxes.

The PDF embeds only the bundled DejaVu fonts (a reproducible file on every machine, no system fonts), which
lack CJK and some other scripts and symbols. A character none of them has would come out as an empty box
(.notdef) that no reader can tell from a real symbol, so it is printed as U+FFFD (the replacement character,
which the fonts have), invisible formatting characters the fonts lack (zero-width no-break space, variation
selectors) are left out, and a warning names the characters. report.html and the CSV tables keep the text
as it is.
"""

from __future__ import annotations

import unicodedata
from dataclasses import fields, is_dataclass, replace
from functools import cache
from typing import Any, TypeVar

from cardengine.compare.report.model import Report
from cardengine.i18n import ntr, tr
from cardengine.textcheck import describe_char

REPLACEMENT = "\ufffd"
PDF_FONTS = ("CardSans", "CardSans-Bold", "CardSans-Italic")
SHOWN_IN_WARNING = 8  # distinct characters listed in the warning

T = TypeVar("T")


@cache
def _covered() -> frozenset[int]:
    """Code points every PDF font has a glyph for (a text may be set in any of them)."""
    from cardengine.printing.textfit import register_fonts

    register_fonts()
    maps = [_glyphs_of(name) for name in PDF_FONTS]
    return frozenset(code for code, glyph in maps[0].items() if glyph and all(m.get(code) for m in maps[1:]))


def _glyphs_of(font_name: str) -> dict[int, int]:
    """Code point -> glyph of a registered font: the PDF fonts are the bundled TrueType fonts."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        raise TypeError(f"{font_name} is not a TrueType font")
    return font.face.charToGlyph


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F


class _Fixer:
    """Replaces what the fonts lack in each text it is given, remembering what and where."""

    def __init__(self, covered: frozenset[int]):
        self.covered = covered
        self.lost: dict[str, None] = {}  # first-seen order
        self.texts: list[str] = []

    def __call__(self, text: str) -> str:
        if text.isascii() and text.isprintable():
            return text
        out, changed = [], False
        for char in text:
            if char in " \t\r\n" or ord(char) in self.covered:
                out.append(char)
                continue
            changed = True
            if not _invisible(char):
                out.append(REPLACEMENT)
                self.lost.setdefault(char)
        if not changed:
            return text
        fixed = "".join(out)
        if fixed != text.translate({ord(c): None for c in text if _invisible(c)}):
            self.texts.append(text)
        return fixed


def _walk(value: T, fix: _Fixer) -> T:
    if isinstance(value, str):
        return fix(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_walk(v, fix) for v in value)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {f.name: _walk(getattr(value, f.name), fix) for f in fields(value)}
        return replace(value, **changes)
    return value


def pdf_text(report: Report) -> tuple[Report, str | None]:
    """`report` with every text drawable in the PDF fonts, and a warning when something was replaced (also
    added to the report's own warnings, so the PDF says it too)."""
    fix = _Fixer(_covered())
    fixed = _walk(report, fix)
    if not fix.lost:
        return fixed, None
    chars = list(fix.lost)
    listing = ", ".join(f"{c} {describe_char(c)}" if c.isprintable() else describe_char(c)
                        for c in chars[:SHOWN_IN_WARNING])
    if len(chars) > SHOWN_IN_WARNING:
        listing += tr(" and {n} more").format(n=len(chars) - SHOWN_IN_WARNING)
    example = fix.texts[0] if fix.texts else ""
    example = example if len(example) <= 60 else example[:57] + "..."
    # Said in the command line's language, on the terminal and among the report's warnings alike.
    warning = ntr("report.pdf: its fonts have no glyph for {listing}, in {n} text(s) such as {example!r}; the PDF "
                  "prints each as {replacement} (report.html and the CSV tables keep the text as written)",
                  "report.pdf: its fonts have no glyph for {listing}, in {n} text(s) such as {example!r}; the PDF "
                  "prints each as {replacement} (report.html and the CSV tables keep the text as written)",
                  len(fix.texts)).format(listing=listing, n=len(fix.texts), example=example,
                                         replacement=REPLACEMENT)
    return replace(fixed, warnings=(*fixed.warnings, warning)), warning
