"""Cards people can read across a table (issue 12, deliverables 1 and 3): on every bundled layout, in both
languages, the printed body text is at least 8 pt (7.5 pt where the layout sets that floor) and titles at
least 11 pt; each card's co-benefits, barriers and first example are printed (on its details side); a QR box
too small for a phone, or whose quiet zone leaves the safe area, is an error naming the file, line and box.

Sizes and texts are read from the built PDFs with pdfium (pypdfium2): each text object's font, size and
bounds, and each page's text. pdfplumber reads the same, but its characters take about a minute over these
48 decks (1.4 s a deck here) where pdfium's text objects take a second, and the suite must stay fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cardengine.decks.load import load_paths
from cardengine.printing.layout import Box, Layout, load_layout

from .conftest import DECKS, run_here
from .pdf_runs import text_runs


def build(*args: str | Path) -> None:
    """`cardengine build` run in this process (conftest's run_here): the same command without a Python start
    per build."""
    run = run_here("build", *args)
    assert run.returncode == 0, run.output

LAYOUTS = ("poker", "poker-photo", "tarot", "a6")
BODY_MIN, BODY_FLOOR, TITLE_MIN = 8.0, 7.5, 11.0
BLEED = 3.0
MM = 72 / 25.4


@dataclass(frozen=True)
class Char:
    """One run of text as drawn (a line of a box): its size, font and where its centre lies."""

    text: str
    size: float
    font: str
    x: float  # centre, mm from the trimmed card's left edge
    y: float  # centre, mm from the trimmed card's top edge


def _chars(page: pdfium.PdfPage) -> list[Char]:
    """The page's text runs, read from its text objects (one per line drawn: fast, sizes exact; tests/pdf_runs.py)."""
    return [Char("", run.size, run.font, (run.x0 + run.x1) / 2 / MM - BLEED, (run.top + run.bottom) / 2 / MM - BLEED)
            for run in text_runs(page)]


@dataclass
class Built:
    layout: Layout
    lang: str
    # deck id -> one (front chars, back chars, back text) per card, in deck order
    cards: dict[str, list[tuple[list[Char], list[Char], str]]]


@pytest.fixture(scope="module")
def decks():
    result = load_paths([DECKS])
    assert result.ok
    return {deck.id: deck for deck in result.decks}


@pytest.fixture(scope="module", params=[(layout, lang) for layout in LAYOUTS for lang in ("it", "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def built(request, tmp_path_factory) -> Built:
    """The bundled decks built once per layout and language, one card per page (front, back, ...)."""
    layout, lang = request.param
    out = tmp_path_factory.mktemp(f"{layout}-{lang}")
    build(DECKS, "--layout", layout, "--lang", lang, "--sheet", "none", "--bleed", str(BLEED), "-o", out)
    cards = {}
    for pdf in sorted(out.glob("*.pdf")):
        doc = pdfium.PdfDocument(str(pdf))
        try:
            pages = []
            for i in range(0, len(doc), 2):
                front, back = doc[i], doc[i + 1]
                text = back.get_textpage()
                pages.append((_chars(front), _chars(back), text.get_text_range()))
                text.close()
        finally:
            doc.close()
        cards[pdf.name.split(f"-{layout}-")[0]] = pages
    return Built(load_layout(layout), lang, cards)


def _box_of(char: Char, boxes: tuple[Box, ...]) -> Box | None:
    slack = 0.5  # mm: a glyph's box may overhang its text box by a hair (accents, descenders)
    for box in boxes:
        if box.kind == "text" and box.x - slack <= char.x <= box.x + box.w + slack \
                and box.y - slack <= char.y <= box.y + box.h + slack:
            return box
    return None


def _header(layout: Layout) -> set[str]:
    """Text boxes inside the header band (deck name, card id): labels, not body text."""
    band = next((b for b in layout.front if b.name == "band"), None)
    return {b.name for b in layout.front if band and b.kind == "text" and b.y + b.h <= band.y + band.h + 0.01}


def _floor(box: Box) -> float:
    if box.name == "title":
        return TITLE_MIN
    return BODY_MIN if box.min_size >= BODY_MIN else BODY_FLOOR


@pytest.mark.parametrize("name", LAYOUTS)
def test_bundled_layouts_set_legible_sizes(name):
    layout = load_layout(name)
    assert layout.details, f"{name} has no details side"
    header = _header(layout)
    for box in (*layout.front, *layout.details):
        if box.kind != "text" or box.name in header:
            continue
        assert box.min_size >= (TITLE_MIN if box.name == "title" else BODY_FLOOR), (name, box.name, box.min_size)
        assert box.size >= (TITLE_MIN if box.name == "title" else BODY_MIN), (name, box.name, box.size)


def test_printed_sizes_are_legible(built):
    """Every character of every body box on every card is at least 8 pt (7.5 where the layout says so),
    every title character at least 11 pt, measured in the PDF."""
    layout, header = built.layout, _header(built.layout)
    smallest: dict[str, tuple[float, str]] = {}
    for deck, cards in built.cards.items():
        for front, back, _ in cards:
            for chars, boxes in ((front, layout.front), (back, layout.details)):
                for char in chars:
                    box = _box_of(char, boxes)
                    if box is None or box.name in header:
                        continue
                    if char.size < smallest.get(box.name, (99.0, ""))[0]:
                        smallest[box.name] = (char.size, deck)
    required = {"title", "actors", "facts", "details"} | ({"summary"} if layout.id != "poker-photo" else set())
    assert required <= set(smallest), (layout.id, sorted(smallest))
    too_small = {name: found for name, found in smallest.items()
                 if found[0] < _floor(next(b for b in (*layout.front, *layout.details) if b.name == name)) - 0.01}
    assert not too_small, (layout.id, built.lang, too_small)
    titles = [c for cards in built.cards.values() for front, _, _ in cards for c in front
              if (b := _box_of(c, layout.front)) is not None and b.name == "title"]
    assert all("Bold" in c.font for c in titles)


# pdfium reports a hyphen that ends a line as U+FFFE (it takes it for a soft hyphen).
_LOOSE = re.compile(r"[\s\-\u00ad\u2010\u2022\ufffe]+")


def _loose(text: str) -> str:
    """Text as compared: no spaces, line breaks, bullets or hyphens (wrapping adds and moves them)."""
    return _LOOSE.sub("", text).casefold()


def test_every_cards_knowledge_is_printed(built, decks):
    """Each card's back carries its co-benefits, barriers and first example, under headings in its language."""
    lang = built.lang
    headings = {"it": ("CO-BENEFICI", "OSTACOLI", "ESEMPIO"), "en": ("CO-BENEFITS", "BARRIERS", "EXAMPLE")}[lang]
    assert set(built.cards) == set(decks)
    for deck_id, cards in built.cards.items():
        deck = decks[deck_id]
        assert len(cards) == sum(c.quantity for c in deck.cards)
        for card, (_, _, back) in zip(deck.cards, cards, strict=False):
            printed = _loose(back)
            wanted = [t[lang] for t in (*card.co_benefits, *card.barriers)] + [card.examples[0].text[lang]]
            wanted += [card.description[lang], *headings]
            missing = [t for t in wanted if _loose(t) not in printed]
            assert not missing, (built.layout.id, lang, card.id, missing)


def _layout(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "custom.yaml"
    path.write_text("id: custom\nname: Custom\nextends: poker\n" + text, encoding="utf-8")
    return path


@pytest.mark.parametrize("qr, message", [
    ("{name: qr, w: 12, h: 12}", r"box 'qr': the QR code would be 8\.7 mm across .* at least 12 mm"),
    ("{name: qr, x: 45, y: 70}", r"box 'qr': the QR code and its quiet zone run from 45 to 61\.6 mm, outside "
                                  r"the safe area \(4 to 59 mm\)"),
])
def test_a_qr_box_a_phone_cannot_read_is_an_error(tmp_path, small_deck, qr, message):
    layout = _layout(tmp_path, f"front:\n  - {qr}\n")
    run = run_here("build", small_deck, "--layout", layout, "-o", tmp_path / "out")
    assert run.returncode == 1
    assert re.search(rf"custom\.yaml:5:.*{message}", run.stderr), run.stderr
    assert not (tmp_path / "out").exists()


def test_a_layout_without_details_prints_the_common_back(tmp_path, small_deck):
    layout = _layout(tmp_path, "details:\n  - {name: background, remove: true}\n  - {name: edge, remove: true}\n"
                               "  - {name: details, remove: true}\n  - {name: details-id, remove: true}\n")
    run = run_here("build", small_deck, "--layout", layout, "--sheet", "none", "-o", tmp_path / "out")
    assert run.returncode == 0, run.output
    doc = pdfium.PdfDocument(str(tmp_path / "out" / "water-custom-it-cards.pdf"))
    try:
        backs = [doc[i].get_textpage().get_text_range() for i in (1, 3)]
    finally:
        doc.close()
    assert all("ACQUA" in back and "Cisterna" not in back for back in backs)


def test_backs_deck_prints_the_common_back_beside_the_details_build(tmp_path, small_deck):
    """Cards drawn face down need the common back: `--backs deck` asks for it, into its own file."""
    out = tmp_path / "out"
    for extra in ((), ("--backs", "deck")):
        run = run_here("build", small_deck, "--layout", "poker", "--sheet", "none", *extra, "-o", out)
        assert run.returncode == 0, run.output
    texts = {}
    for name in ("water-poker-it-cards.pdf", "water-poker-it-cards-common-back.pdf"):
        doc = pdfium.PdfDocument(str(out / name))
        try:
            texts[name] = [doc[i].get_textpage().get_text_range() for i in (1, 3)]
        finally:
            doc.close()
    assert all("Cisterna" not in back and "ACQUA" in back for back in texts["water-poker-it-cards-common-back.pdf"])
    assert not any("ACQUA" in back for back in texts["water-poker-it-cards.pdf"])


def test_the_details_side_names_its_card(tmp_path, small_deck):
    """A card lying details-up is known without turning it over: its id is at the foot of the details side."""
    from cardengine.decks.load import load_deck

    deck, _ = load_deck(small_deck)
    assert deck is not None
    run = run_here("build", small_deck, "--layout", "poker", "--sheet", "none", "-o", tmp_path)
    assert run.returncode == 0, run.output
    doc = pdfium.PdfDocument(str(tmp_path / "water-poker-it-cards.pdf"))
    try:
        backs = [doc[2 * i + 1].get_textpage().get_text_range() for i in range(len(deck.cards))]
    finally:
        doc.close()
    assert all(card.id in back for card, back in zip(deck.cards, backs, strict=False))
