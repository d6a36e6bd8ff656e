"""A phone reads every card's QR code: whole A4 sheets of the bundled decks, rendered at 150 dpi as a cheap
scan would, decoded by a real decoder (zxing-cpp); each code at least 12 mm across with a light 4-module quiet
zone around it (issue 12, deliverable 4)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import segno
import zxingcpp
from PIL import Image

from cardengine.decks.load import load_paths

from .conftest import DECKS, run_here


def build(*args: str | Path) -> None:
    """`cardengine build` run in this process (conftest's run_here): the same command without a Python start
    per build."""
    run = run_here("build", *args)
    assert run.returncode == 0, run.output

DPI = 150
MIN_CODE_MM = 12.0
QUIET = 4
# zxing's corners sit on the finder patterns' outer edges to within a pixel (0.17 mm at 150 dpi).
CORNER_SLACK_MM = 0.4


@pytest.fixture(scope="module")
def decks():
    result = load_paths([DECKS])
    assert result.ok
    return {deck.id: deck for deck in result.decks}


@pytest.fixture(scope="module")
def poker_sheets(tmp_path_factory) -> Path:
    """Every bundled deck on poker A4 sheets, built once (the QR does not depend on the language)."""
    out = tmp_path_factory.mktemp("poker")
    build(DECKS, "--layout", "poker", "--lang", "it", "-o", out)
    return out


def _front_pages(pdf: Path, first_only: bool = False) -> list[Image.Image]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        indices = range(0, 1 if first_only else len(doc), 2)  # fronts, backs, fronts, backs...
        return [doc[i].render(scale=DPI / 72).to_pil().convert("L") for i in indices]
    finally:
        doc.close()


def _mm(px: float) -> float:
    return px / DPI * 25.4


def _check_code(image: Image.Image, code: zxingcpp.Barcode) -> None:
    """The code is at least 12 mm across and nothing dark lies within 4 modules of it."""
    corners = [code.position.top_left, code.position.top_right, code.position.bottom_right,
               code.position.bottom_left]
    xs, ys = [p.x for p in corners], [p.y for p in corners]
    side_px = min(max(xs) - min(xs), max(ys) - min(ys))
    assert _mm(side_px) >= MIN_CODE_MM - CORNER_SLACK_MM, (code.text, f"{_mm(side_px):.1f} mm")
    modules = segno.make(code.text, error="m", micro=False).symbol_size(border=0)[0]
    module = side_px / modules
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    # A ring from 1 to 3.8 modules outside the code (1 module of slack for the corners' rounding).
    outer = (round(left - 3.8 * module), round(top - 3.8 * module), round(right + 3.8 * module),
             round(bottom + 3.8 * module))
    inner = (left - module, top - module, right + module, bottom + module)
    ring = [image.getpixel((x, y)) for y in range(outer[1], outer[3] + 1) for x in range(outer[0], outer[2] + 1)
            if not (inner[0] <= x <= inner[2] and inner[1] <= y <= inner[3])]
    darkest = min(ring)
    assert darkest >= 200, (code.text, f"a pixel of grey {darkest} within the quiet zone")


def test_every_card_of_every_bundled_deck_decodes_from_a_150_dpi_sheet(poker_sheets, decks):
    pdfs = sorted(poker_sheets.glob("*.pdf"))
    assert len(pdfs) == len(decks) == len(list(DECKS.glob("*.yaml"))) - 1  # every deck but the criteria
    for pdf in pdfs:
        deck = decks[pdf.name.split("-poker-")[0]]
        found: list[str] = []
        for image in _front_pages(pdf):
            codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            for code in codes:
                _check_code(image, code)
            found += [code.text for code in codes]
        assert sorted(found) == sorted(card.id for card in deck.cards), pdf.name  # each once, no stranger


@pytest.mark.parametrize("layout", ["poker-photo", "tarot", "a6"])
def test_codes_on_the_other_bundled_layouts_decode(tmp_path, layout, decks):
    build(DECKS / "energy.yaml", "--layout", layout, "--lang", "en", "-o", tmp_path)
    (pdf,) = tmp_path.glob("*.pdf")
    (image,) = _front_pages(pdf, first_only=True)
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    for code in codes:
        _check_code(image, code)
    per_sheet = {"poker-photo": 9, "tarot": 4, "a6": 2}[layout]
    assert [c.text for c in sorted(codes, key=lambda c: c.text)] == [c.id for c in decks["energy"].cards][:per_sheet]
