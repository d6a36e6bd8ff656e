"""PDF pages to PNG pictures with pdfium (pypdfium2): the previews people look at before printing."""

from __future__ import annotations

from collections.abc import Iterator

import pypdfium2 as pdfium
from PIL.Image import Image


def render_pages(pdf: bytes, names: list[str], dpi: int) -> Iterator[tuple[str, Image]]:
    """The first len(names) pages of `pdf` as pictures, each with its name; the caller saves them."""
    doc = pdfium.PdfDocument(pdf)
    try:
        for index, name in enumerate(names[: len(doc)]):
            yield name, doc[index].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
