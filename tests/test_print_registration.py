"""Where the artwork, the backs and the crop marks land on the printed sheet, read back from the PDF.

Each test here kills a one-line mutation of the imposition, sheet and drawing code that the rest of the suite let
pass (issue 14: "a one-line bug that turns a rotated sheet's artwork upside down, and one that swaps
--back-offset X and Y, pass the whole suite"). The mutation pass, each mutation run against test_imposition.py,
test_sheets.py, test_build.py's duplex test, test_calibrate.py and adversarial/test_inputs.py's offset test
(and the survivors against the rest of the print tests), then reverted:

    mutation (one line each)                    file:line          killed by (before -> after)
M1  front rotation 90 -> 270                    imposition.py:110  test_sheets::test_rotated_a6_on_a4_reads_upright...
M2  artwork turned the other way (rotate(-r))   render.py:82       test_sheets::test_rotated_a6_on_a4_reads_upright...
M3  long-edge back keeps the front's rotation   imposition.py:123  test_sheets::test_rotated_a6_on_a4_reads_upright...
M4  short-edge mirror ignores the 180           imposition.py:125  test_sheets::test_rotated_a6_..._upright_...[sho...
M5  --back-offset X and Y swapped               imposition.py:148  test_inputs::test_a_valid_back_offset_still_move...
M6  --back-offset X sign flipped                imposition.py:148  test_sheets::test_back_offset_moves_the_backs_by...
M7  --back-offset Y sign flipped                imposition.py:148  test_sheets::test_back_offset_moves_the_backs_by...
M8  offset ignored on backs a template lists    imposition.py:148  SURVIVED -> test_the_back_offset_moves_backs_...
M9  backs' crop marks at the fronts' places     render.py:201      SURVIVED -> test_the_backs_crop_marks_move_with_...
M10 duplex mirror axis swapped (long <-> short) render.py:190      test_inputs::test_a_valid_back_offset_still_...
M11 bleed ignored (card clipped at its trim)    render.py:85       test_print_look::test_photo_runs_to_the_bleed_edge
M12 gutter one bleed short                      imposition.py:103  test_imposition::test_poker_on_a4_is_3x3_with_bl...
M13 gutter off by 1 mm a column                 imposition.py:109  test_imposition::test_poker_on_a4_is_3x3_with_bl...
M14 a slot of 270 degrees treated as upright    sheets.py:196      SURVIVED -> test_a_slot_turned_270_holds_its_...
M15 crop marks half as long (top)               imposition.py:214  test_imposition::test_crop_marks_for_poker_on_a4
M16 crop marks ignore the bleed (left)          imposition.py:203  test_imposition::test_crop_marks_for_poker_on_a4
M17 card centre y taken from its width          render.py:80       test_sheets::test_rotated_a6_on_a4_reads_upright...
M18 fold label turned 270 instead of 90         sheetmarks.py:26   SURVIVED -> test_the_fold_label_reads_along_...
M19 template slot y measured from the foot      sheets.py:200      test_sheets::test_die_cut_stock_puts_each_card_...
M20 fold: fronts not moved to the top half      imposition.py:159  test_sheets::test_fold_works_with_every_bundled_...
M21 long-edge mirror x off by a card width      imposition.py:123  test_sheets::test_rotated_a6_on_a4_reads_upright...
M22 180 ignored when drawing (rotation % 180)   render.py:82       test_sheets::test_rotated_a6_on_a4_reads_upright...

M11 survived only the first set; test_print_look and test_build kill it. Line numbers as of this commit.
"""

from __future__ import annotations

import math
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import SMALL_DECK, run_here

PT = 72 / 25.4
OFFSET = (1.5, -2.5)  # X and Y differ in size and sign: a swap or a sign error shows


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "water.yaml"
    path.write_text(SMALL_DECK, encoding="utf-8")
    return path


def _build(deck: Path, out: Path, *args: str | Path) -> Path:
    run = run_here("build", deck, *args, "-o", out)
    assert run.returncode == 0, run.output
    (pdf,) = out.glob("*.pdf")
    return pdf


def _chars(page) -> list[dict]:
    """Each glyph: centre in mm (PDF axes: y up), its 'up' direction (unit vector) and text."""
    out = []
    for c in page.chars:
        _a, _b, cc, d, _e, _f = c["matrix"]
        n = math.hypot(cc, d)
        out.append({"x": (c["x0"] + c["x1"]) / 2 / PT, "y": (page.height - (c["top"] + c["bottom"]) / 2) / PT,
                    "up": (round(cc / n), round(d / n)), "text": c["text"]})
    return out


def _marks(page) -> list[tuple[float, float, float, float]]:
    """The crop marks: the page's straight lines, in mm (PDF axes), rounded to a hundredth."""
    return sorted((round(ln["x0"] / PT, 2), round((page.height - ln["bottom"]) / PT, 2), round(ln["x1"] / PT, 2),
                   round((page.height - ln["top"]) / PT, 2)) for ln in page.lines)


# ------------------------------------------------------------------ --back-offset


def test_the_backs_crop_marks_move_with_the_back_offset(deck, tmp_path):
    """The backs page's crop marks guide the guillotine on the back: they move with the backs, by exactly the
    offset, while the fronts' marks stay. (Drawn at the fronts' places they would cut the backs off centre.)"""
    plain = _build(deck, tmp_path / "plain")
    moved = _build(deck, tmp_path / "moved", "--back-offset", ",".join(map(str, OFFSET)))
    with pdfplumber.open(plain) as a, pdfplumber.open(moved) as b:
        assert _marks(a.pages[0]) == _marks(b.pages[0]) and _marks(a.pages[0])
        before, after = _marks(a.pages[1]), _marks(b.pages[1])
    dx, dy = OFFSET
    assert before and len(after) == len(before)
    # A mark clipped at the paper's edge would change length: none of these reaches it.
    assert after == sorted((round(x1 + dx, 2), round(y1 + dy, 2), round(x2 + dx, 2), round(y2 + dy, 2))
                           for x1, y1, x2, y2 in before)


TWO_UP = ("name: Two up\nstock: hand-cut\npaper: {width: 8.5in, height: 11in}\n"
          "slot: {width: 2.75in, height: 3.75in}\nbleed: 0.1in\n"
          "cards:\n  - {x: 1in, y: 1in}\n  - {x: 4in, y: 1in}\n"
          "backs:\n  - {x: 1in, y: 6in}\n  - {x: 4in, y: 6in}\n")


def test_the_back_offset_moves_backs_a_template_places_by_hand(deck, tmp_path):
    """A template that lists its backs is printed duplex too, so the printer's drift is corrected there as well."""
    sheet = tmp_path / "two-up.yaml"
    sheet.write_text(TWO_UP, encoding="utf-8")
    plain = _build(deck, tmp_path / "plain", "--sheet", sheet)
    moved = _build(deck, tmp_path / "moved", "--sheet", sheet, "--back-offset", ",".join(map(str, OFFSET)))
    with pdfplumber.open(plain) as a, pdfplumber.open(moved) as b:
        assert [(c["x"], c["y"]) for c in _chars(a.pages[0])] == [(c["x"], c["y"]) for c in _chars(b.pages[0])]
        # The footer (sheet number, under the cards) stays where it is.
        back_a, back_b = ([c for c in _chars(d.pages[1]) if c["y"] > 7] for d in (a, b))
    assert len(back_a) == len(back_b) > 10
    for c, d in zip(back_a, back_b, strict=True):
        assert c["text"] == d["text"]
        assert (d["x"] - c["x"], d["y"] - c["y"]) == pytest.approx(OFFSET, abs=0.01)


# ------------------------------------------------------------------ turned slots of a template

TURNED = ("name: Turned\npaper: a4\nslot: {width: 94mm, height: 69mm}\n"
          "cards:\n  - {x: 10mm, y: 10mm, rotate: 90}\n  - {x: 10mm, y: 100mm, rotate: 270}\n")


def test_a_slot_turned_270_holds_its_card_turned_the_other_way(deck, tmp_path):
    """A template may turn a card either way in a landscape slot: 90 puts the card's top at the paper's left,
    270 at its right. Each card stays inside its slot, reads along its slot, has its header at the top, and the
    crop marks follow its turned edges (a 270 slot taken as upright put the marks across the card)."""
    sheet = tmp_path / "turned.yaml"
    sheet.write_text(TURNED, encoding="utf-8")
    pdf = _build(deck, tmp_path / "out", "--sheet", sheet)
    paper_h = 297.0
    with pdfplumber.open(pdf) as doc:
        chars = [c for c in _chars(doc.pages[0]) if c["y"] > 7]  # not the footer
        marks = _marks(doc.pages[0])
    # The crop marks run along the cards' trim edges: each card (88 x 63 mm turned) centred in its 94 x 69 mm
    # slot, 3 mm in from each side: x 13 and 101; y 221 and 284 (slot 1), 131 and 194 (slot 2), from the foot.
    assert {x1 for x1, _y1, x2, _y2 in marks if x1 == x2} == {13.0, 101.0}, marks
    assert {y1 for _x1, y1, _x2, y2 in marks if y1 == y2} == {131.0, 194.0, 221.0, 284.0}, marks
    for card_id, top_mm, up in (("WT-01", 10.0, (-1, 0)), ("WT-02", 100.0, (1, 0))):
        left, right, bottom, top = 10.0, 104.0, paper_h - top_mm - 69.0, paper_h - top_mm
        mine = [c for c in chars if left <= c["x"] <= right and bottom <= c["y"] <= top]
        assert len(mine) > 30, card_id
        assert all(c["up"] == up for c in mine), (card_id, {c["up"] for c in mine})
        text = "".join(c["text"] for c in mine)
        assert card_id in text
        header = mine[text.index(card_id):text.index(card_id) + len(card_id)]
        # The id of the header band sits at the card's top: at the slot's left (90) or right (270) end.
        reach = (sum(c["x"] for c in header) / len(header) - (left + right) / 2) * up[0]
        assert reach > 25, (card_id, reach)
    # No glyph of any card lies outside both slots.
    assert all(10.0 <= c["x"] <= 104.0 for c in chars), sorted({round(c["x"]) for c in chars})


# ------------------------------------------------------------------ --duplex fold

NARROW = "name: Narrow\npaper: {width: 160mm, height: 150mm}\ngrid: {margin: 7.5mm}\n"


def test_the_fold_label_reads_along_a_vertical_fold_turned_as_cards_are_turned(deck, tmp_path):
    """On a sheet folded down the middle, the label lies on the dashed line, turned a quarter counter-clockwise
    as the engine turns every card it turns (rotation 90: the text's top at the paper's left, read bottom up)."""
    sheet = tmp_path / "narrow.yaml"
    sheet.write_text(NARROW, encoding="utf-8")
    pdf = _build(deck, tmp_path / "out", "--sheet", sheet, "--duplex", "fold")
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        label = [c for c in _chars(page) if abs(c["x"] - 80) < 2]
        assert "fold here" in "".join(c["text"] for c in label)
    assert label and all(c["up"] == (-1, 0) for c in label), {c["up"] for c in label}
    ys = [c["y"] for c in label]
    assert ys == sorted(ys)  # read from the bottom of the sheet up
