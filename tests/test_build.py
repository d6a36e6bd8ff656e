"""`cardengine build`: real PDFs opened and inspected, pages rendered and looked at pixel by pixel."""

from __future__ import annotations

import contextlib
import re
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from cardengine.printing.imposition import PAPERS, Size, back_placements, plan_sheet

from .conftest import SMALL_DECK, run_here

MM = 72 / 25.4
DOMAIN = (0x00, 0x72, 0xB2)  # SMALL_DECK's colour


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they do and say is tested, not Python's start-up."""
    return run_here


def streams(pdf: bytes) -> list[bytes]:
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompress(raw))
    return out


def render(pdf: Path, page: int, dpi: int = 40) -> Image.Image:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        doc.close()


def close(a, b, tol=40) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=False))


def test_sheet_pdf_is_print_ready(cli, tmp_path, small_deck):
    run = cli("build", small_deck, "-o", tmp_path)
    assert run.returncode == 0, run.output
    pdf = tmp_path / "water-poker-it-a4.pdf"
    assert f"wrote {pdf} (2 cards, 2 pages)" in run.stdout
    data = pdf.read_bytes()
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == 2  # fronts page, then its backs page
    w, h = doc[0].get_size()
    assert (round(w / MM), round(h / MM)) == (210, 297)
    doc.close()
    assert b"/PrintScaling /None" in data
    # Every font embedded (subset), none of the 14 standard fonts that viewers substitute.
    assert data.count(b"/FontFile2") >= 2
    assert b"/Helvetica" not in data and b"/Times" not in data


def _page_colour(img: Image.Image, x_mm: float, y_mm: float, dpi: int) -> tuple:
    px = round(x_mm / 25.4 * dpi)
    py = img.height - round(y_mm / 25.4 * dpi)  # PDF y grows upwards, pixels downwards
    return img.getpixel((px, py))


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
def test_every_back_lands_behind_its_front(cli, tmp_path, small_deck, duplex):
    run = cli("build", small_deck, "--duplex", duplex, "-o", tmp_path)
    assert run.returncode == 0, run.output
    pdf = tmp_path / "water-poker-it-a4.pdf"
    dpi = 40
    fronts, backs = render(pdf, 0, dpi), render(pdf, 1, dpi)
    plan = plan_sheet(PAPERS["a4"], Size(63, 88), 3.0, min_margin=7.5)
    mirrored = back_placements(plan, duplex)
    for slot, (front, back) in enumerate(zip(plan.fronts, mirrored, strict=False)):
        # The header band of the front (domain colour) and the domain-coloured edge along the top of the card's
        # own back (its details side), 1 mm inside the trim (turned over on the short edge, the top is at the
        # bottom of the sheet's slot).
        band = (front.x + front.width / 2, front.y + front.height - 5)
        edge = (back.x + back.width / 2, back.y + 1 if back.rotation == 180 else back.y + back.height - 1)
        if slot < 2:
            assert close(_page_colour(fronts, *band, dpi), DOMAIN), slot
            assert close(_page_colour(backs, *edge, dpi), DOMAIN), (slot, duplex)
        else:  # empty slots stay blank on both sides
            assert close(_page_colour(fronts, *band, dpi), (255, 255, 255)), slot
            assert close(_page_colour(backs, *edge, dpi), (255, 255, 255)), (slot, duplex)
    # Turned over on the long edge, the first card's back is at the top right.
    if duplex == "long-edge":
        assert mirrored[0].x > PAPERS["a4"].width / 2 and mirrored[0].y > PAPERS["a4"].height / 2


def test_print_shop_cards_have_trim_and_bleed_boxes(cli, tmp_path, small_deck):
    run = cli("build", small_deck, "--sheet", "none", "--bleed", "3", "--lang", "en", "-o", tmp_path)
    assert run.returncode == 0, run.output
    pdf = tmp_path / "water-poker-en-cards.pdf"
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == 4  # front, back, front, back
    page = doc[0]
    w, h = page.get_size()
    assert (round(w / MM, 2), round(h / MM, 2)) == (69.0, 94.0)
    trim = [round(v / MM, 2) for v in page.get_trimbox()]
    bleed = [round(v / MM, 2) for v in page.get_bleedbox()]
    doc.close()
    assert trim == [3.0, 3.0, 66.0, 91.0]
    assert bleed == [0.0, 0.0, 69.0, 94.0]
    # The header band runs into the bleed: its left edge in the bleed, below the band's pattern strip, is domain
    # colour (the strip above it holds the deck's pattern).
    img = render(pdf, 0, 100)
    assert close(img.getpixel((2, round(11 * 100 / 25.4))), DOMAIN)


def test_cmyk_makes_every_colour_cmyk(cli, tmp_path, small_deck):
    assert cli("build", small_deck, "--cmyk", "-o", tmp_path).returncode == 0
    content = b"\n".join(streams((tmp_path / "water-poker-it-a4-cmyk.pdf").read_bytes()))
    assert re.search(rb"[\d.]+ [\d.]+ [\d.]+ [\d.]+ k\b", content)
    assert not re.search(rb"\b(rg|RG)\b", content)
    assert cli("build", small_deck, "-o", tmp_path / "rgb").returncode == 0
    rgb = b"\n".join(streams((tmp_path / "rgb" / "water-poker-it-a4.pdf").read_bytes()))
    assert re.search(rb"\brg\b", rgb)


def _layout(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "layouts"
    folder.mkdir(exist_ok=True)
    path = folder / "custom.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_that_does_not_fit_fails_the_build_and_says_where(cli, tmp_path, small_deck):
    layout = _layout(tmp_path, "id: custom\nname: Tiny description\nextends: poker\n"
                               "front:\n  - {name: summary, h: 4}\n")
    out = tmp_path / "out"
    run = cli("build", small_deck, "--layout", layout, "-o", out)
    assert run.returncode == 1
    assert re.search(r"deck water, card WT-01, box 'summary': text does not fit: needs [\d.]+ pt of height "
                     r"at 8 pt, the box has 11.3 pt \(\d+% too much text\)", run.stderr)
    assert "nothing built" in run.stderr
    assert not out.exists() or not list(out.iterdir())


def test_character_missing_from_the_font_is_an_error(cli, tmp_path, small_deck):
    small_deck.write_text(SMALL_DECK.replace("Riuso delle acque piovane", "Riuso delle acque 雨水"), encoding="utf-8")
    run = cli("build", small_deck, "-o", tmp_path)
    assert run.returncode == 1
    assert "deck water, card WT-01, box 'title': the font has no glyph for '雨', '水'" in run.stderr


def test_layout_extends_and_removes_boxes(tmp_path):
    from cardengine.printing.layout import load_layout

    poker, tarot, a6 = load_layout("poker"), load_layout("tarot"), load_layout("a6")
    assert (poker.width, poker.height, tarot.width, tarot.height, a6.width, a6.height) == (63, 88, 70, 120, 105, 148)
    names = [b.name for b in poker.front]
    assert [b.name for b in tarot.front] == names  # inherited in order
    band = {b.name: b for b in tarot.front}["band"]
    assert band.w == 70 and band.h == 13  # "100%" of the tarot card; height overridden
    photo = load_layout("poker-photo")
    assert "summary" not in [b.name for b in photo.front] and "photo" in [b.name for b in photo.front]


def test_layout_cannot_run_code(cli, tmp_path, small_deck):
    layout = _layout(tmp_path, "id: custom\nname: Evil\nextends: poker\nfront:\n"
                               "  - {name: title, template: \"{{ card.__class__.__mro__[1].__subclasses__() }}\"}\n")
    run = cli("build", small_deck, "--layout", layout, "-o", tmp_path / "out")
    assert run.returncode == 1
    assert "box 'title': template failed" in run.stderr


def test_layout_mistakes_are_reported(cli, tmp_path, small_deck):
    layout = _layout(tmp_path, "id: custom\nname: Broken\nextends: pokr\n")
    run = cli("build", small_deck, "--layout", layout, "-o", tmp_path / "out")
    assert run.returncode == 1 and "extends 'pokr', which does not exist; choose one of: a6, poker" in run.stderr
    layout = _layout(tmp_path, "id: custom\nname: Broken\nextends: poker\nfront:\n  - {name: title, size: 4}\n"
                               "  - {name: sticker, x: 1}\n")
    run = cli("build", small_deck, "--layout", layout, "-o", tmp_path / "out")
    assert run.returncode == 1
    assert re.search(r"custom.yaml:5:\d+: front\[0\]\.size: 4 is below the minimum 6", run.stderr)
    assert cli("build", small_deck, "--layout", "nonexistent").returncode == 1


def _png(path: Path, size: tuple[int, int]) -> None:
    Image.new("RGB", size, (200, 80, 40)).save(path)


def test_card_images_are_embedded_and_checked(cli, tmp_path, small_deck):
    (tmp_path / "img").mkdir()
    _png(tmp_path / "img" / "sharp.png", (830, 260))  # 63 x 20 mm and 3 mm of bleed each side at >= 300 dpi
    _png(tmp_path / "img" / "blurry.png", (120, 40))
    text = SMALL_DECK.replace("    sdgs: [6, 13]\n", "    sdgs: [6, 13]\n    image: img/sharp.png\n")
    text = text.replace("    sdgs: [11, 13]\n", "    sdgs: [11, 13]\n    image: img/blurry.png\n")
    small_deck.write_text(text, encoding="utf-8")
    layout = "poker-photo"
    run = cli("build", small_deck, "--layout", layout, "--sheet", "none", "-o", tmp_path / "out")
    assert run.returncode == 0, run.output
    assert "warning: deck water, card WT-02, box 'image': blurry.png prints at 44 dpi, below 300" in run.stderr
    pdf = (tmp_path / "out" / "water-poker-photo-it-cards.pdf").read_bytes()
    assert pdf.count(b"/Subtype /Image") == 2  # each image once, however many pages use it
    (tmp_path / "img" / "sharp.png").write_text("not an image")
    run = cli("build", small_deck, "--layout", layout, "--sheet", "none", "-o", tmp_path / "out2")
    assert run.returncode == 1 and "sharp.png is not a readable image" in run.stderr


def test_decompression_bomb_is_refused(cli, tmp_path, small_deck):
    (tmp_path / "img").mkdir()
    Image.new("1", (10_000, 8_000)).save(tmp_path / "img" / "bomb.png")  # tiny file, 80 million pixels
    text = SMALL_DECK.replace("    sdgs: [6, 13]\n", "    sdgs: [6, 13]\n    image: img/bomb.png\n")
    small_deck.write_text(text, encoding="utf-8")
    run = cli("build", small_deck, "--layout", "poker-photo", "--sheet", "none", "-o", tmp_path / "out")
    assert run.returncode == 1
    # Found by the deck checks now, before anything is laid out: file, line and field.
    assert "water.yaml:24:12: cards[0].image: image img/bomb.png is too large to be a card image" in run.stderr


def test_schema_layout_is_valid_json_schema(cli):
    import json

    from jsonschema import Draft7Validator

    Draft7Validator.check_schema(json.loads(cli("schema", "layout").stdout))


def test_preview_writes_pictures_of_cards_and_a_sheet(cli, tmp_path, small_deck):
    run = cli("preview", small_deck, "--cards", "WT-02", "-o", tmp_path, "--dpi", "100")
    assert run.returncode == 0, run.output
    front = Image.open(tmp_path / "WT-02-front.png")
    expected = (69 / 25.4 * 100, 94 / 25.4 * 100)  # card + 3 mm bleed each side, at 100 dpi
    assert all(abs(got - want) <= 1 for got, want in zip(front.size, expected, strict=False))
    assert close(front.convert("RGB").getpixel((front.width // 2, 8)), DOMAIN)  # header band
    assert (tmp_path / "WT-02-back.png").is_file() and (tmp_path / "water-sheet1-fronts.png").is_file()
    assert cli("preview", small_deck, "--cards", "XX-99", "-o", tmp_path).returncode == 1


@pytest.mark.parametrize(("lang", "fronts", "backs"), [
    ("it", "foglio 1/1 · fronti", "foglio 1/1 · retri · fronte-retro long-edge"),
    ("en", "sheet 1/1 · fronts", "sheet 1/1 · backs · duplex long-edge")])
def test_the_sheet_footer_speaks_the_language_of_the_cards(cli, tmp_path, small_deck, lang, fronts, backs):
    import pdfplumber

    run = cli("build", small_deck, "--lang", lang, "-o", tmp_path)
    assert run.returncode == 0, run.output
    with pdfplumber.open(tmp_path / f"water-poker-{lang}-a4.pdf") as pdf:
        footers = [pdf.pages[i].extract_text().splitlines()[-1] for i in range(2)]
    assert footers == [f"water · poker · {lang} · {fronts}", f"water · poker · {lang} · {backs}"]
