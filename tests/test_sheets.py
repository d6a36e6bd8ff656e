"""Sheets: templates as data (bundled and given by path), rotated imposition read back from the PDF,
--back-offset through the CLI, --duplex fold. PDFs are read with pdfplumber (text with its matrix)."""

from __future__ import annotations

import math
from pathlib import Path

import pdfplumber
import pytest

from cardengine.printing.imposition import PAPERS, Size, back_placements, plan_sheet
from cardengine.printing.sheets import available_sheets, load_sheet, plan_template
from cardengine.problems import InputError
from tests.conftest import SMALL_DECK, run_here

PT = 72 / 25.4
LAYOUT_SIZES = {"poker": Size(63, 88), "poker-photo": Size(63, 88), "tarot": Size(70, 120), "a6": Size(105, 148)}


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they do and say is tested, not Python's start-up."""
    return run_here


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "water.yaml"
    path.write_text(SMALL_DECK, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory, deck):
    """build with the given arguments, once per argument list for the whole module."""
    cache: dict[tuple[str, ...], Path] = {}

    def build(*args: str) -> Path:
        if args not in cache:
            out = tmp_path_factory.mktemp("out")
            run = run_here("build", deck, *args, "-o", out)
            assert run.returncode == 0, run.output
            (pdf,) = out.glob("*.pdf")
            cache[args] = pdf
        return cache[args]

    return build


def _chars(page) -> list[dict]:
    """Each glyph: centre in mm (PDF axes: y up), its 'up' direction (unit vector) and text."""
    h = page.height
    out = []
    for c in page.chars:
        _a, _b, cc, d, _e, _f = c["matrix"]
        n = math.hypot(cc, d)
        out.append({"x": (c["x0"] + c["x1"]) / 2 / PT, "y": (h - (c["top"] + c["bottom"]) / 2) / PT,
                    "up": (round(cc / n), round(d / n)), "text": c["text"]})
    return out


def _inside(ch, p) -> bool:
    return p.x <= ch["x"] <= p.x + p.width and p.y <= ch["y"] <= p.y + p.height


def _up_of(rotation: int) -> tuple[int, int]:
    """The paper direction of the card's top, for artwork turned `rotation` degrees counter-clockwise."""
    r = math.radians(rotation)
    return round(-math.sin(r)), round(math.cos(r))


# ------------------------------------------------------------------ rotated imposition


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
def test_rotated_a6_on_a4_reads_upright_on_front_and_back(built, duplex):
    """A6 on A4 is turned (two to a side). On the front every glyph's top points the way the plan turns the
    card, and the card id of the header band sits on that side of the slot (a header drawn at the card's
    foot, or artwork turned upside down, fails). Carried through the paper, the back's top points at the
    same physical edge as its front's top, so a card turned over in the hand reads upright on both sides."""
    plan = plan_sheet(PAPERS["a4"], LAYOUT_SIZES["a6"], 3.0, min_margin=7.5)
    assert plan.rotated and plan.per_sheet == 2
    pdf = built("--layout", "a6", "--duplex", duplex)
    backs = back_placements(plan, duplex)
    w, h = PAPERS["a4"].width, PAPERS["a4"].height
    with pdfplumber.open(pdf) as doc:
        front_chars, back_chars = _chars(doc.pages[0]), _chars(doc.pages[1])
    for card_id, front, back in zip(("WT-01", "WT-02"), plan.fronts, backs, strict=False):
        up = _up_of(front.rotation)
        assert up == (-1, 0)  # turned counter-clockwise: the card's top at the paper's left
        mine = [c for c in front_chars if _inside(c, front)]
        assert len(mine) > 50
        assert all(c["up"] == up for c in mine), {c["up"] for c in mine}
        text = "".join(c["text"] for c in mine)
        assert card_id in text
        start = text.index(card_id)
        header = mine[start:start + len(card_id)]
        cx, cy = front.x + front.width / 2, front.y + front.height / 2
        # Projected on the card's up direction, the id sits in the top fifth of the card.
        reach = (sum(c["x"] for c in header) / len(header) - cx) * up[0] + \
                (sum(c["y"] for c in header) / len(header) - cy) * up[1]
        assert reach > 0.3 * LAYOUT_SIZES["a6"].height, reach
        theirs = [c for c in back_chars if _inside(c, back)]
        assert theirs, "the back is empty"
        for c in theirs:
            ux, uy = c["up"]
            seen = (-ux, uy) if duplex == "long-edge" else (ux, -uy)  # through the paper, from the front
            assert seen == up, (duplex, c["text"], c["up"])
            # ... and the back lies behind its own front.
            x, y = (w - c["x"], c["y"]) if duplex == "long-edge" else (c["x"], h - c["y"])
            assert front.x - 0.01 <= x <= front.x + front.width + 0.01 and front.y - 0.01 <= y <= front.y + \
                front.height + 0.01


# ------------------------------------------------------------------ --back-offset through the CLI


def test_back_offset_moves_the_backs_by_exactly_that_much(built):
    """--back-offset=1.5,-2.5 moves every glyph of the backs page by (+1.5, -2.5) mm, and nothing on the fronts.
    X and Y differ in size and sign, so swapping them, or a sign error, fails."""
    plain, moved = built(), built("--back-offset", "1.5,-2.5")
    with pdfplumber.open(plain) as a, pdfplumber.open(moved) as b:
        front_a, front_b = _chars(a.pages[0]), _chars(b.pages[0])
        # The footer (sheet number, under the cards) stays where it is.
        back_a, back_b = ([c for c in _chars(d.pages[1]) if c["y"] > 7] for d in (a, b))
    assert [(c["x"], c["y"]) for c in front_a] == [(c["x"], c["y"]) for c in front_b]
    assert len(back_a) == len(back_b) > 10
    for c, d in zip(back_a, back_b, strict=False):
        assert c["text"] == d["text"]
        assert d["x"] - c["x"] == pytest.approx(1.5, abs=0.01)
        assert d["y"] - c["y"] == pytest.approx(-2.5, abs=0.01)


def test_back_offset_takes_a_negative_x_as_calibrate_prints_it(built):
    """`--back-offset -1.5,2` (a space, a leading minus: what people type) is the offset, not an unknown option."""
    spaced, joined = built("--back-offset", "-1.5,2"), built("--back-offset=-1.5,2")
    with pdfplumber.open(spaced) as a, pdfplumber.open(joined) as b:
        assert [(c["x"], c["y"]) for c in _chars(a.pages[1])] == [(c["x"], c["y"]) for c in _chars(b.pages[1])]


# ------------------------------------------------------------------ templates


def test_bundled_grid_templates_make_todays_sheets():
    """a4, a3 and letter as templates give exactly the plans build has always made (scripts rely on them)."""
    for name in ("a4", "a3", "letter"):
        template = load_sheet(name)
        for card in LAYOUT_SIZES.values():
            for bleed in (0.0, 1.5, 3.0, 10.0):
                old = plan_sheet(PAPERS[name], card, bleed, min_margin=7.5)
                new = plan_template(template, card, bleed)
                assert (new.fronts, new.bleed, new.cols, new.rows, new.rotated) == \
                       (old.fronts, old.bleed, old.cols, old.rows, old.rotated), (name, card, bleed)
    assert {"a4", "a3", "letter", "sra3", "avery-5388", "avery-5371"} <= set(available_sheets())


def test_sra3_gang_sheet_keeps_full_bleed(built):
    template = load_sheet("sra3")
    assert (template.paper.width, template.paper.height) == (320, 450)
    counts = {name: plan_template(template, size, 3.0) for name, size in LAYOUT_SIZES.items()}
    assert {n: p.per_sheet for n, p in counts.items()} == {"poker": 18, "poker-photo": 18, "tarot": 10, "a6": 4}
    assert all(p.bleed == 3.0 for p in counts.values())  # a print shop's 3 mm, never shrunk to fit one more
    pdf = built("--sheet", "sra3")
    assert pdf.name == "water-poker-it-sra3.pdf"
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        assert (page.width / PT, page.height / PT) == pytest.approx((320, 450), abs=0.01)
        assert len(page.lines) > 0  # crop marks


def test_die_cut_stock_puts_each_card_in_its_slot(built):
    """Avery 5388 (3 x 5 in index cards, 3 a Letter sheet): tarot cards turned into the measured slots,
    no crop marks (the stock is die-cut), the bleed kept inside the slot."""
    template = load_sheet("avery-5388")
    plan = plan_template(template, LAYOUT_SIZES["tarot"], 3.0)
    pdf = built("--layout", "tarot", "--sheet", "avery-5388")
    assert pdf.name == "water-tarot-it-avery-5388.pdf"
    letter_h = PAPERS["letter"].height
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        assert (page.width / PT, page.height / PT) == pytest.approx((215.9, 279.4), abs=0.01)
        assert not page.lines  # no crop marks on die-cut stock
        chars = _chars(page)
    for i, slot in enumerate(template.cards[:2]):  # the deck has two cards
        # The slot as measured: 1.75 in from the left, 1 in + i * 3 in from the top, 5 x 3 in.
        assert (slot.x, slot.y) == pytest.approx((44.45, 25.4 + i * 76.2))
        left, right = slot.x, slot.x + 127.0
        top, bottom = letter_h - slot.y, letter_h - slot.y - 76.2
        mine = [c for c in chars if _inside(c, plan.fronts[i])]
        assert mine and all(left < c["x"] < right and bottom < c["y"] < top for c in mine)
        assert all(c["up"] == (-1, 0) for c in mine)
    assert plan.bleed <= (76.2 - 70) / 2


HOSTILE = {
    "overlap": ("name: t\npaper: a4\nslot: {width: 63, height: 88}\ncards:\n  - {x: 10, y: 10}\n"
                "  - {x: 50, y: 10}\n", 6, "cards[1]", "overlaps slot 1"),
    "off the paper": ("name: t\npaper: a4\nslot: {width: 63, height: 88}\ncards:\n  - {x: 200, y: 10}\n",
                      5, "cards[0]", "runs off"),
    "grid and cards": ("name: t\npaper: a4\ngrid: {margin: 5}\nslot: {width: 63, height: 88}\ncards:\n"
                       "  - {x: 10, y: 10}\n", 3, "grid", "not both"),
    "neither": ("name: t\npaper: a4\n", 1, "", "not neither"),
    # A slot: beside grid: was once looked up as a text key among the field paths, so it passed unremarked.
    "grid and slot": ("name: t\npaper: a4\ngrid: {margin: 5}\nslot: {width: 63, height: 88}\n", 3, "grid",
                      "places its cards itself"),
    "backs count": ("name: t\npaper: a4\nslot: {width: 63, height: 88}\ncards:\n  - {x: 10, y: 10}\n"
                    "  - {x: 80, y: 10}\nbacks:\n  - {x: 10, y: 10}\n", 8, "backs", "1 back(s) for 2 card(s)"),
    "unit": ("name: t\npaper: a4\ngrid: {margin: 3 inches}\n", 3, "grid.margin", ""),
    "rotate": ("name: t\npaper: a4\nslot: {width: 63, height: 88}\ncards:\n  - {x: 10, y: 10, rotate: 45}\n",
               5, "cards[0].rotate", ""),
    "typo": ("name: t\npaper: a4\ngrid: {margin: 5}\ncrop_mark: false\n", 4, "crop_mark", ""),
    "huge paper": ("name: t\npaper: {width: 21000, height: 297}\ngrid: {margin: 5}\n", 2, "paper.width",
                   "above the maximum 2000"),
    "tiny paper": ("name: t\npaper: {width: 5, height: 297}\ngrid: {margin: 1}\n", 2, "paper",
                   "not a printable size"),
    "paper name": ("name: t\npaper: a5\ngrid: {margin: 5}\n", 2, "paper", ""),
    "not a mapping": ("- a4\n", 1, "", "mapping"),
    "negative bleed": ("name: t\npaper: a4\ngrid: {margin: 5}\nbleed: -3\n", 4, "bleed", "below the minimum 0"),
    "margin too wide": ("name: t\npaper: a4\ngrid: {margin: 200mm}\n", 3, "grid.margin", "no room"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_bad_template_is_refused_naming_file_line_and_field(tmp_path, case):
    text, line, field, words = HOSTILE[case]
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_sheet(path)
    shown = [str(p) for p in caught.value.problems]
    assert any(p.line == line and p.field == field and words in p.message for p in caught.value.problems), shown
    assert all(str(path) in s for s in shown)


def test_a_slot_too_small_for_the_card_is_refused_through_the_cli(cli, tmp_path, deck):
    """Avery 5371 business-card stock cannot take a poker card: said per slot, nothing written."""
    run = cli("build", deck, "--sheet", "avery-5371", "-o", tmp_path)
    assert run.returncode == 1
    assert "avery-5371.yaml:11:5: cards[0]: slot 88.9x50.8 mm cannot hold a 63x88 mm card" in run.output
    assert "7 more slot(s) too small" in run.output
    assert not list(tmp_path.glob("*.pdf"))
    missing = cli("build", deck, "--sheet", "a5", "-o", tmp_path)
    assert missing.returncode == 1 and "no sheet named 'a5'; choose one of: a3, a4," in missing.output
    gone = cli("build", deck, "--sheet", tmp_path / "nowhere.yaml", "-o", tmp_path)
    assert gone.returncode == 1 and "no such sheet template" in gone.output


def test_a_template_file_given_by_path_with_its_own_backs(cli, tmp_path, deck):
    """A sheet of the user's own (inches, like a stock's spec sheet) with backs placed by hand."""
    path = tmp_path / "two-up.yaml"
    path.write_text("name: Two up\nstock: hand-cut\npaper: {width: 8.5in, height: 11in}\n"
                    "slot: {width: 2.75in, height: 3.75in}\nbleed: 0.1in\n"
                    "cards:\n  - {x: 1in, y: 1in}\n  - {x: 4in, y: 1in}\n"
                    "backs:\n  - {x: 1in, y: 6in}\n  - {x: 4in, y: 6in}\n", encoding="utf-8")
    run = cli("build", deck, "--sheet", path, "-o", tmp_path / "out")
    assert run.returncode == 0, run.output
    pdf = tmp_path / "out" / "water-poker-it-two-up.pdf"
    with pdfplumber.open(pdf) as doc:
        backs = _chars(doc.pages[1])
    lower_half = 279.4 / 2
    assert backs and all(c["y"] < lower_half for c in backs)  # where the template put them, not mirrored


# ------------------------------------------------------------------ --duplex fold


@pytest.mark.parametrize("layout", sorted(LAYOUT_SIZES))
@pytest.mark.parametrize("sheet", ["a4", "letter", "a3", "sra3"])
def test_fold_works_with_every_bundled_layout(layout, sheet):
    plan = plan_template(load_sheet(sheet), LAYOUT_SIZES[layout], 3.0, "fold")
    backs = back_placements(plan, "fold")
    w, h = plan.paper.width, plan.paper.height
    assert plan.per_sheet >= 1
    for f, b in zip(plan.fronts, backs, strict=False):
        assert b.rotation == ((-f.rotation) % 360 if plan.fold == "vertical" else (180 - f.rotation) % 360)
        if plan.fold == "horizontal":
            assert f.y - plan.bleed >= h / 2 and b.y + b.height + plan.bleed <= h / 2  # fronts above the fold
            assert (b.x, b.y) == pytest.approx((f.x, h - f.y - f.height))  # mirrored about the fold line
        else:
            assert f.x + f.width + plan.bleed <= w / 2 and b.x - plan.bleed >= w / 2  # fronts left of the fold
            assert (b.x, b.y) == pytest.approx((w - f.x - f.width, f.y))


def test_fold_puts_each_back_behind_its_front_once_folded(built):
    pdf = built("--duplex", "fold")
    assert pdf.name == "water-poker-it-a4-fold.pdf"
    plan = plan_template(load_sheet("a4"), LAYOUT_SIZES["poker"], 3.0, "fold")
    h = PAPERS["a4"].height
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 1  # fronts and backs on one side of one sheet
        page = doc.pages[0]
        chars = _chars(page)
        # The fold line: dashed, across the page at half its height.
        fold = [ln for ln in page.lines if abs((page.height - ln["top"]) / PT - h / 2) < 0.01 and ln["width"] > 500]
        assert fold and fold[0]["dash"] is not None
        assert "fold here" in page.extract_text()
    for front, back in zip(plan.fronts[:2], back_placements(plan, "fold"), strict=False):
        up = _up_of(front.rotation)
        theirs = [c for c in chars if _inside(c, back)]
        assert theirs
        for c in theirs:
            folded = (c["x"], h - c["y"])  # folding along y = h/2 carries the back onto the front's place
            assert front.x <= folded[0] <= front.x + front.width and front.y <= folded[1] <= front.y + front.height
            assert (c["up"][0], -c["up"][1]) == up  # and its top to the front's top edge


def test_fold_is_refused_where_it_cannot_work(cli, tmp_path, deck):
    for args, words in ((("--sheet", "avery-5388", "--layout", "tarot"), "--duplex fold needs a grid template"),
                        (("--sheet", "none"), "--duplex fold puts fronts and backs side by side"),
                        (("--back-offset", "1,1"), "no duplex offset to correct")):
        run = cli("build", deck, "--duplex", "fold", *args, "-o", tmp_path)
        assert run.returncode == 1 and words in run.output, run.output
    assert not list(tmp_path.glob("*.pdf"))
