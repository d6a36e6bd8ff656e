"""PDF pages to PNG pictures with pdfium (pypdfium2): the previews people look at before printing."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


def render_pages(pdf: Path, folder: Path, names: list[str], dpi: int) -> list[Path]:
    """Render the first len(names) pages of `pdf` to `folder/NAME.png`."""
    written = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for index, name in enumerate(names[: len(doc)]):
            page = doc[index]
            image = page.render(scale=dpi / 72).to_pil()
            out = folder / f"{name}.png"
            image.save(out)
            written.append(out)
    finally:
        doc.close()
    return written
