"""One size per text box across a deck (issue 12): shrink-to-fit chooses a box's size for the whole deck, and only
a card whose text cannot fit at all is reported. Read from the built PDFs with pdfplumber."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from cardengine.layout import Box, load_layout

from .conftest import DECKS, SMALL_DECK, run_cli

MM = 72 / 25.4
BLEED = 3.0  # --sheet none: each page is the card with 3 mm of bleed all round

# One bundled deck per bundled layout, so each layout is built once and the suite stays fast.
BUILDS = [("poker", "mobility", "it"), ("poker", "welfare", "en"), ("poker-photo", "mobility", "en"),
          ("tarot", "waste", "en"), ("a6", "climate", "it")]


def sizes_by_box(pdf_path: Path, boxes: tuple[Box, ...], cards: int) -> dict[str, dict[float, set[int]]]:
    """For each text box of the front: the sizes its characters are set at, and on which cards."""
    import pdfplumber

    text_boxes = [b for b in boxes if b.kind == "text"]
    found: dict[str, dict[float, set[int]]] = defaultdict(lambda: defaultdict(set))
    with pdfplumber.open(pdf_path) as pdf:
        per_card = len(pdf.pages) // cards  # the front first, then its back (and any other side)
        for card, page in enumerate(pdf.pages[::per_card]):
            for ch in page.chars:
                if not ch["text"].strip():
                    continue
                x = (ch["x0"] + ch["x1"]) / 2 / MM - BLEED
                y = (ch["top"] + ch["bottom"]) / 2 / MM - BLEED
                inside = [b for b in text_boxes if b.x <= x <= b.x + b.w and b.y <= y <= b.y + b.h]
                if inside:  # the smallest box holding the letter: boxes may lie on bigger ones
                    box = min(inside, key=lambda b: b.w * b.h)
                    found[box.name][round(ch["size"], 2)].add(card)
    return found


@pytest.fixture(scope="module", params=BUILDS, ids=["-".join(b) for b in BUILDS])
def built(request, tmp_path_factory):
    layout_id, deck, lang = request.param
    out = tmp_path_factory.mktemp(f"fit-{layout_id}-{deck}-{lang}")
    run = run_cli("build", DECKS / f"{deck}.yaml", "--layout", layout_id, "--lang", lang, "--sheet", "none",
                  "-o", out)
    assert run.returncode == 0, run.output
    pdf = next(out.glob("*.pdf"))
    from cardengine.deckload import load_deck

    loaded, _ = load_deck(DECKS / f"{deck}.yaml")
    assert loaded is not None
    return load_layout(layout_id), pdf, len(loaded.cards)


def test_every_text_box_has_one_size_across_the_deck(built):
    layout, pdf, cards = built
    found = sizes_by_box(pdf, layout.front, cards)
    assert {"title", "description"} <= set(found), f"no title or description read from {pdf.name}: {dict(found)}"
    mixed = {box: {size: sorted(on) for size, on in by_size.items()}
             for box, by_size in found.items() if len(by_size) > 1}
    assert not mixed, f"{pdf.name}: boxes set at several sizes (size: cards) {mixed}"


# A layout of its own, so the layouts' design can change without changing what this test means.
LAYOUT = """\
id: fit-test
name: Fit test
size: {width: 63, height: 88}
front:
  - {name: title, kind: text, x: 4, y: 4, w: 55, h: 10, template: "{{ card.title }}", font: bold, size: 11, min_size: 8}
  - {name: description, kind: text, x: 4, y: 16, w: 55, h: 9, template: "{{ card.description }}", size: 10, min_size: 6}
back:
  - {name: name, kind: text, x: 4, y: 40, w: 55, h: 10, template: "{{ deck.name }}", size: 12, min_size: 8}
"""

HOPELESS = """\
  - id: WT-03
    title: {it: Tetti verdi, en: Green roofs}
    summary:
      it: I tetti verdi trattengono la pioggia dove cade.
      en: Green roofs hold rain where it falls.
    description:
      it: "%s"
      en: The flat roofs of factories are covered with sedum and hold back the rain.
    actors:
      - {it: Aziende, en: Companies}
    scale: [company]
    cost: medium
    horizon: short
    sdgs: [11, 13]
""" % ("I tetti piani dei capannoni si coprono di sedum, trattengono la pioggia dove cade e rinfrescano "
     "gli uffici d'estate. " * 4).strip()


def lay_out(tmp_path: Path, deck_text: str):
    from cardengine.cardlayout import TextOp, lay_out_deck
    from cardengine.deckload import load_deck

    (tmp_path / "fit-test.yaml").write_text(LAYOUT, encoding="utf-8")
    (tmp_path / "water.yaml").write_text(deck_text, encoding="utf-8")
    deck, problems = load_deck(tmp_path / "water.yaml")
    assert deck is not None, problems
    laid = lay_out_deck(deck, load_layout(tmp_path / "fit-test.yaml"), "it", 3.0)
    # The description's size on each card, from its drawing operation (the title is bold).
    sizes = {card.card_id: op.size for card in laid.cards for op in card.front.ops
             if isinstance(op, TextOp) and op.font == "CardSans"}
    return laid, sizes


def test_a_card_that_cannot_fit_is_reported_alone_and_the_others_keep_the_deck_size(tmp_path):
    # On their own, WT-01's and WT-02's descriptions fit at different sizes.
    laid, sizes = lay_out(tmp_path, SMALL_DECK + HOPELESS)
    _, fitting = lay_out(tmp_path, SMALL_DECK)
    assert [(p.card, p.box) for p in laid.problems] == [("WT-03", "description")], [str(p) for p in laid.problems]
    problem = str(laid.problems[0])
    assert problem.startswith("deck water, card WT-03, box 'description': text does not fit")
    assert "shorten it (it) or give the box more room" in problem
    assert sizes.keys() == {"WT-01", "WT-02"}
    assert len(set(sizes.values())) == 1, f"the descriptions are set at several sizes: {sizes}"
    assert sizes == fitting, "the card that cannot fit changed the size of the others"


def test_the_build_names_only_the_card_that_cannot_fit(tmp_path, cli):
    (tmp_path / "fit-test.yaml").write_text(LAYOUT, encoding="utf-8")
    deck = tmp_path / "water.yaml"
    deck.write_text(SMALL_DECK + HOPELESS, encoding="utf-8")
    run = cli("build", deck, "--layout", tmp_path / "fit-test.yaml", "--lang", "it", "-o", tmp_path / "out")
    assert run.returncode == 1
    lines = [line for line in run.stderr.splitlines() if "does not fit" in line]
    assert len(lines) == 1 and "card WT-03, box 'description'" in lines[0], run.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))
