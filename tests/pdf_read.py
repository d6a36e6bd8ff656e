"""Reading built PDFs back for the print tests: text runs with size, font and fill colour, filled shapes and
images in painting order, the fill under each character, and WCAG contrast computed here, from the PDF's own
numbers (never with the engine's code, so a mistake there cannot hide itself).

Coordinates are pdfplumber's: points from the page's top-left corner, y down.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.layout import LTContainer
from pdfplumber.utils.pdfinternals import resolve_all

WHITE = (1.0, 1.0, 1.0)
MM = 72 / 25.4


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    colour: tuple[float, float, float]
    z: int  # painting order on the page

    @property
    def bold(self) -> bool:
        return "Bold" in self.font


@dataclass(frozen=True)
class Fill:
    """A filled rectangle, path or image; colour None for an image."""

    kind: str  # rect, curve or image
    x0: float
    top: float
    x1: float
    bottom: float
    colour: tuple[float, float, float] | None
    z: int

    def contains(self, c: Char, eps: float = 0.1) -> bool:
        return (self.x0 - eps <= c.x0 and c.x1 <= self.x1 + eps and self.top - eps <= c.top
                and c.bottom <= self.bottom + eps)

    def overlaps(self, c: Char) -> bool:
        return self.x0 < c.x1 and c.x0 < self.x1 and self.top < c.bottom and c.top < self.bottom


def rgb(colour) -> tuple[float, float, float] | None:
    """A PDF fill colour (grey, RGB or CMYK numbers) as RGB 0..1; None when there is none."""
    if colour is None:
        return None
    if isinstance(colour, (int, float)):
        colour = (colour,)
    values = tuple(float(v) for v in colour)
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return values  # type: ignore[return-value]
    if len(values) == 4:  # naive CMYK -> RGB, as a viewer without a profile shows it
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


CELL = 24.0  # pt: fills are filed by grid cell, so each character is checked against its neighbours only


@dataclass
class PageContent:
    width: float
    height: float
    chars: list[Char]
    fills: list[Fill]  # in painting order
    cells: dict[tuple[int, int], list[Fill]] = field(default_factory=dict)

    def index(self) -> None:
        for fill in self.fills:
            for cx in range(int(fill.x0 // CELL), int(fill.x1 // CELL) + 1):
                for cy in range(int(fill.top // CELL), int(fill.bottom // CELL) + 1):
                    self.cells.setdefault((cx, cy), []).append(fill)

    def near(self, c: Char) -> list[Fill]:
        """Fills filed in any cell the character touches, in painting order."""
        found = {id(f): f for cx in range(int(c.x0 // CELL), int(c.x1 // CELL) + 1)
                 for cy in range(int(c.top // CELL), int(c.bottom // CELL) + 1) for f in self.cells.get((cx, cy), [])}
        return sorted(found.values(), key=lambda f: f.z)


def read_pages(pdf_path: Path, numbers: range | None = None) -> list[PageContent]:
    """The pages' characters and filled shapes (pages `numbers`, from 1; all by default), each with its place in
    the painting order."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            if numbers is not None and page.page_number not in numbers:
                continue
            chars, fills = [], []
            for z, obj in enumerate(_leaves(page.layout._objs)):
                kind = type(obj).__name__[2:].lower()  # as pdfplumber names them: LTChar -> char, LTRect -> rect
                box = _box(page, obj)
                if kind == "char":
                    gs = obj.graphicstate
                    colour = rgb(gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,))
                    chars.append(Char(obj.get_text(), *box, obj.size, obj.fontname, colour or (0, 0, 0), z))
                elif kind in ("rect", "curve") and obj.fill:
                    colour = rgb(resolve_all(obj.non_stroking_color))
                    if colour is not None:
                        fills.append(Fill(kind, *box, colour, z))
                elif kind == "image":
                    fills.append(Fill("image", *box, None, z))
            content = PageContent(float(page.width), float(page.height), chars, fills)
            content.index()
            pages.append(content)
    return pages


# pdfplumber's page.chars, rects, curves and images are these pdfminer objects turned into dicts of every
# attribute, resolved one by one: two fifths of the reading time over the bundled decks. The few values read
# here are taken from the same objects with pdfplumber's own arithmetic (Page.iter_layout_objects and
# Page.process_object, pdfplumber 0.11), so the numbers are the same, in the same painting order.

def _leaves(objs: list) -> Iterator:
    """The page's objects in painting order, figures (form XObjects) opened, as pdfplumber iterates them."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _leaves(obj._objs)
        else:
            yield obj


def _box(page: pdfplumber.page.Page, obj) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) in pdfplumber's coordinates: from the page's top-left corner, y down."""
    mb_x0, mb_top = page.mediabox[:2]
    x0, x1 = obj.x0, obj.x1
    if mb_x0 != 0:
        x0, x1 = x0 + mb_x0, x1 + mb_x0
    return x0, (page.height - obj.y1) + mb_top, x1, (page.height - obj.y0) + mb_top


def fill_under(page: PageContent, char: Char) -> Fill | None:
    """The topmost fill painted before `char` whose area contains the char's box; None means the white page."""
    for fill in reversed(page.near(char)):
        if fill.z < char.z and fill.contains(char):
            return fill
    return None


def partly_covering(page: PageContent, char: Char, under: Fill | None) -> list[Fill]:
    """Fills painted between the one under `char` and the char that cover part of it: a pattern or shape under
    the text, against which no single contrast can be measured."""
    low = under.z if under else -1
    return [f for f in page.near(char) if low < f.z < char.z and f.overlaps(char) and not f.contains(char)
            and f.colour != (under.colour if under else WHITE)]


def luminance(colour: tuple[float, float, float]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour given as 0..1 numbers."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def required(char: Char) -> float:
    """WCAG AA: 4.5:1, or 3:1 for bold text of 14 pt and over."""
    return 3.0 if char.bold and char.size >= 14 - 0.01 else 4.5


def words(page: PageContent) -> list[list[Char]]:
    """Characters grouped into runs: same line, colour and size, next to each other (for readable messages)."""
    runs: list[list[Char]] = []
    for c in sorted(page.chars, key=lambda c: (round(c.top, 1), c.x0)):
        last = runs[-1][-1] if runs else None
        if (last and abs(last.top - c.top) < 0.5 and last.colour == c.colour and abs(last.size - c.size) < 0.01
                and c.x0 - last.x1 < c.size):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def hexcolour(colour: tuple[float, float, float] | None) -> str:
    if colour is None:
        return "image"
    return "#" + "".join(f"{round(v * 255):02X}" for v in colour)


def contrast_failures(pdf_path: Path, pages: range | None = None) -> list[str]:
    """Every text run whose contrast against the fill under it is below WCAG AA, as readable lines."""
    out = []
    numbers = pages if pages is not None else range(1, 1 << 30)
    for number, page in zip(numbers, read_pages(pdf_path, pages), strict=False):
        for run in words(page):
            text = "".join(c.text for c in run)
            for c in run:
                if not c.text.strip():
                    continue
                under = fill_under(page, c)
                if under is not None and under.colour is None:
                    out.append(f"{pdf_path.name} p{number}: '{text}' sits on an image")
                    break
                covering = partly_covering(page, c, under)
                if covering:
                    out.append(f"{pdf_path.name} p{number}: '{text}' sits partly on a {covering[0].kind} in "
                               f"{hexcolour(covering[0].colour)}")
                    break
                ground = under.colour if under else WHITE
                got = contrast(c.colour, ground)
                if got < required(c):
                    out.append(f"{pdf_path.name} p{number}: '{text}' {hexcolour(c.colour)} on {hexcolour(ground)} "
                               f"at {c.size:.1f} pt: {got:.2f}:1 < {required(c):g}:1")
                    break
    return out


def grey_render(pdf_path: Path, page: int = 0, dpi: int = 150):
    """A page rendered to a greyscale Pillow image with pdfium (as `pdftoppm -gray` would)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return doc[page].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()


def colour_render(pdf_path: Path, page: int = 0, dpi: int = 150):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return doc[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        doc.close()


def images(pdf_path: Path, page: int = 0) -> tuple[list[dict[str, float]], tuple[float, float]]:
    """pdfplumber's image boxes on a page (x0, top, x1, bottom in points) and the page's size."""
    with pdfplumber.open(pdf_path) as pdf:
        p = pdf.pages[page]
        return ([{k: float(img[k]) for k in ("x0", "top", "x1", "bottom")} for img in p.images],
                (float(p.width), float(p.height)))
