"""One size per text box across a deck (issue 12): shrink-to-fit chooses a box's size for the whole deck, and only
a card whose text cannot fit at all is reported. Read from the built PDFs with pdfium (tests/pdf_runs.py)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cardengine.printing.layout import Box, load_layout

from .conftest import DECKS, SMALL_DECK, run_here
from .pdf_runs import text_runs

MM = 72 / 25.4
BLEED = 3.0  # --sheet none: each page is the card with 3 mm of bleed all round

# One bundled deck per bundled layout, so each layout is built once and the suite stays fast.
BUILDS = [("poker", "mobility", "it"), ("poker", "welfare", "en"), ("poker-photo", "mobility", "en"),
          ("tarot", "waste", "en"), ("a6", "climate", "it"), ("poker", "governance", "it")]


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they do and say is tested, not Python's start-up."""
    return run_here


def sizes_by_box(pdf_path: Path, boxes: tuple[Box, ...], cards: int, side: int = 0
                 ) -> dict[str, dict[float, set[int]]]:
    """For each text box of a side (0 the front, 1 the card's own back): the sizes its text is set at, and on which
    cards. Read per text run (one line of one box, at one size: pdf_runs), placed by its centre."""
    text_boxes = [b for b in boxes if b.kind == "text"]
    found: dict[str, dict[float, set[int]]] = defaultdict(lambda: defaultdict(set))
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        per_card = len(doc) // cards  # the front first, then its back (and any other side)
        for card, number in enumerate(range(side, len(doc), per_card)):
            page = doc[number]
            textpage = page.get_textpage()
            for run in text_runs(page, textpage):
                if not run.text.strip():
                    continue
                x = (run.x0 + run.x1) / 2 / MM - BLEED
                y = (run.top + run.bottom) / 2 / MM - BLEED
                inside = [b for b in text_boxes if b.x <= x <= b.x + b.w and b.y <= y <= b.y + b.h]
                if inside:  # the smallest box holding the run: boxes may lie on bigger ones
                    box = min(inside, key=lambda b: b.w * b.h)
                    found[box.name][run.size].add(card)
            textpage.close()
    finally:
        doc.close()
    return found


@pytest.fixture(scope="module", params=BUILDS, ids=["-".join(b) for b in BUILDS])
def built(request, tmp_path_factory):
    layout_id, deck, lang = request.param
    out = tmp_path_factory.mktemp(f"fit-{layout_id}-{deck}-{lang}")
    run = run_here("build", DECKS / f"{deck}.yaml", "--layout", layout_id, "--lang", lang, "--sheet", "none",
                   "-o", out)
    assert run.returncode == 0, run.output
    pdf = next(out.glob("*.pdf"))
    from cardengine.decks.load import load_deck

    loaded, _ = load_deck(DECKS / f"{deck}.yaml")
    assert loaded is not None
    return load_layout(layout_id), pdf, len(loaded.cards)


def test_every_text_box_has_one_size_across_the_deck(built):
    layout, pdf, cards = built
    sides = [(0, layout.front, {"title", "actors"})]
    if layout.details:  # the description, co-benefits, barriers and example: each card's own back
        sides.append((1, layout.details, {"details"}))
    for side, boxes, expected in sides:
        found = sizes_by_box(pdf, boxes, cards, side)
        assert expected <= set(found), f"{expected} not read from side {side} of {pdf.name}: {dict(found)}"
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
    title: {{it: Tetti verdi, en: Green roofs}}
    summary:
      it: I tetti verdi trattengono la pioggia dove cade.
      en: Green roofs hold rain where it falls.
    description:
      it: "{}"
      en: The flat roofs of factories are covered with sedum and hold back the rain.
    actors:
      - {{it: Aziende, en: Companies}}
    scale: [company]
    cost: medium
    horizon: short
    sdgs: [11, 13]
""".format(("I tetti piani dei capannoni si coprono di sedum, trattengono la pioggia dove cade e rinfrescano "
     "gli uffici d'estate. " * 4).strip())


def lay_out(tmp_path: Path, deck_text: str):
    from cardengine.decks.load import load_deck
    from cardengine.printing.compose import TextOp, lay_out_deck

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


# ---------------------------------------------------------------- validate --layout: what build would refuse

def test_validate_reports_each_fit_problem_of_every_language_as_build_does(tmp_path, cli):
    """Build prints one language per run, any of them: validate checks them all, with build's own lines."""
    (tmp_path / "fit-test.yaml").write_text(LAYOUT, encoding="utf-8")
    deck = tmp_path / "water.yaml"
    too_long = ("Flat factory roofs are covered with sedum, hold the rain where it falls and cool the offices in "
                "summer. " * 4).strip()
    english_only = HOPELESS.replace(
        "      en: The flat roofs of factories are covered with sedum and hold back the rain.",
        f'      en: "{too_long}"')
    italian = english_only.replace(HOPELESS.split('it: "')[1].split('"')[0], "I tetti piani si coprono di sedum.")
    deck.write_text(SMALL_DECK + italian, encoding="utf-8")
    build = cli("build", deck, "--layout", tmp_path / "fit-test.yaml", "--lang", "en", "-o", tmp_path / "out")
    assert build.returncode == 1
    reported = [line for line in build.stderr.splitlines() if "does not fit" in line]
    assert len(reported) == 1 and "card WT-03, box 'description'" in reported[0], build.stderr
    run = cli("validate", deck, "--layout", tmp_path / "fit-test.yaml")
    assert run.returncode == 1, run.output
    assert reported[0] in run.stdout.splitlines(), run.stdout
    # The line starts where the English text is written, so an editor opens the file there.
    text_line = next(i for i, line in enumerate(deck.read_text().splitlines(), 1) if "Flat factory roofs" in line)
    assert reported[0].startswith(f"{deck}:{text_line}: deck water, card WT-03, box 'description': text does not "
                                  "fit"), reported[0]
    assert "shorten it (en)" in reported[0]
    assert "build would print nothing" in run.stdout


def test_validate_lays_out_the_good_decks_when_another_file_has_errors(tmp_path, cli):
    (tmp_path / "fit-test.yaml").write_text(LAYOUT, encoding="utf-8")
    (tmp_path / "water.yaml").write_text(SMALL_DECK + HOPELESS, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(SMALL_DECK.replace("id: water", "id: broken").replace("WT-0", "BR-0")
                      .replace("cost: medium", "cost: enormous", 1), encoding="utf-8")
    run = cli("validate", tmp_path / "water.yaml", broken, "--layout", tmp_path / "fit-test.yaml")
    assert run.returncode == 1
    assert "cost: 'enormous' is not one of" in run.stdout or "enormous" in run.stdout, run.stdout
    assert "deck water, card WT-03, box 'description': text does not fit" in run.stdout, run.stdout


def test_validate_layout_passes_a_deck_that_builds(small_deck, cli):
    run = cli("validate", small_deck, "--layout", "poker")
    assert run.returncode == 0, run.output
    assert "layout poker: valid, 2 card(s) of 1 deck(s) laid out in every language" in run.stdout


# ---------------------------------------------------------------- card ids across the decks of a folder

OTHER_DECK = SMALL_DECK.replace("id: water", "id: rain").replace("- id: WT-01", "- id: RN-01")


def test_a_card_id_of_another_deck_in_the_folder_is_caught_when_checking_one_file(tmp_path, cli):
    deck = tmp_path / "water.yaml"
    deck.write_text(SMALL_DECK, encoding="utf-8")
    other = tmp_path / "rain.yaml"
    other.write_text(OTHER_DECK, encoding="utf-8")  # RN-01 is new, WT-02 is the water deck's
    line = next(i for i, text in enumerate(SMALL_DECK.splitlines(), 1) if "- id: WT-02" in text)
    run = cli("validate", deck)
    assert run.returncode == 1, run.output
    assert (f"{deck}:{line}:9: cards[1].id: card id 'WT-02' is already used in {other}:{line}; the decks of a "
            "folder are used together") in run.stdout, run.stdout
    assert "WT-01" not in run.stdout
    build = cli("build", deck, "-o", tmp_path / "out")
    assert build.returncode == 1 and f"card id 'WT-02' is already used in {other}:{line}" in build.stderr
    # Checking the folder says it once, on the second file, as it always has.
    whole = cli("validate", tmp_path)
    assert whole.returncode == 1 and whole.stdout.count("card id 'WT-02' is already used") == 1


def test_a_deck_alone_in_its_folder_or_beside_other_files_is_fine(tmp_path, cli):
    deck = tmp_path / "water.yaml"
    deck.write_text(SMALL_DECK, encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("cards: [1, 2\n", encoding="utf-8")  # broken, and not a deck
    (tmp_path / "criteria.yaml").write_text("criteria: []\n", encoding="utf-8")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    run = cli("validate", deck)
    assert run.returncode == 0, run.output


def test_validate_reports_missing_glyphs_and_badges_in_build_s_words(tmp_path, cli):
    layout = tmp_path / "badges.yaml"
    layout.write_text(LAYOUT.replace("back:", "  - {name: sdgs, kind: sdgs, x: 4, y: 70, w: 10, h: 6, badge: 5, "
                                              "gap: 1}\nback:"), encoding="utf-8")
    deck = tmp_path / "water.yaml"
    deck.write_text(SMALL_DECK.replace("en: Rain gardens", "en: Rain gardens \u6c34"), encoding="utf-8")
    build = cli("build", deck, "--layout", layout, "--lang", "en", "-o", tmp_path / "out")
    assert build.returncode == 1
    reported = [line for line in build.stderr.splitlines() if "deck water, card" in line]
    assert any("card WT-02, box 'title': the font has no glyph for '\u6c34'" in line for line in reported), reported
    assert any("card WT-02, box 'sdgs': 2 SDG badges do not fit in 10 mm" in line for line in reported), reported
    run = cli("validate", deck, "--layout", layout)
    assert run.returncode == 1
    for line in reported:
        assert line in run.stdout.splitlines(), f"validate did not say {line!r}:\n{run.stdout}"


def test_validate_names_the_text_that_makes_a_box_small_on_the_whole_deck(tmp_path, cli):
    (tmp_path / "fit-test.yaml").write_text(LAYOUT, encoding="utf-8")
    deck = tmp_path / "water.yaml"
    deck.write_text(SMALL_DECK, encoding="utf-8")
    run = cli("validate", deck, "--layout", tmp_path / "fit-test.yaml")
    assert run.returncode == 0, run.output  # a note, not a problem
    line = next(i for i, text in enumerate(SMALL_DECK.splitlines(), 1) if "it: Il Comune sostituisce" in text)
    assert (f"{deck}:{line}: note: deck water, card WT-02, box 'description': this text sets the box at 7.25 pt on "
            "every card of the deck in it; shortened, the box would print at 8 pt (the layout allows 10 pt)"
            ) in run.stdout.splitlines(), run.stdout
