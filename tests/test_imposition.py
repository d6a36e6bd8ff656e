"""Imposition geometry: plans, duplex backs and crop marks, checked against numbers worked by hand."""

from __future__ import annotations

import pytest

from cardengine.printing.imposition import (
    PAPERS,
    Placement,
    SheetPlan,
    Size,
    back_placements,
    crop_marks,
    mirror_placement,
    plan_sheet,
)

A4, A3, LETTER = PAPERS["a4"], PAPERS["a3"], PAPERS["letter"]
POKER, TAROT, A6 = Size(63, 88), Size(70, 120), Size(105, 148)

# Every plan the brief names, plus a rotated letter plan; all with 3 mm bleed asked.
EXAMPLES = {
    "poker-a4": (A4, POKER),
    "tarot-a4": (A4, TAROT),
    "a6-a4": (A4, A6),
    "a6-a3": (A3, A6),
    "poker-letter": (LETTER, POKER),
}


def approx_placement(p: Placement, slot: int, x: float, y: float, w: float, h: float, rotation: int) -> None:
    assert (p.slot, p.width, p.height, p.rotation) == (slot, w, h, rotation)
    assert p.x == pytest.approx(x) and p.y == pytest.approx(y)


def bleed_box(p: Placement, bleed: float) -> tuple[float, float, float, float]:
    return p.x - bleed, p.y - bleed, p.x + p.width + bleed, p.y + p.height + bleed


def touches(segment, box) -> bool:
    """Closed-set overlap of an axis-aligned segment and a box: touching the edge counts."""
    x1, y1, x2, y2 = segment
    left, bottom, right, top = box
    return min(x1, x2) <= right and max(x1, x2) >= left and min(y1, y2) <= top and max(y1, y2) >= bottom


def check_grid_invariants(plan: SheetPlan, min_margin: float = 10.0) -> None:
    """Properties every plan must have, whatever the numbers."""
    assert plan.per_sheet == plan.cols * plan.rows == len(plan.fronts)
    assert plan.gap == pytest.approx(2 * plan.bleed)
    assert [p.slot for p in plan.fronts] == list(range(plan.per_sheet))
    boxes = [bleed_box(p, plan.bleed) for p in plan.fronts]
    # Inside the margins and centred: the same free space on opposite sides.
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    assert left == pytest.approx(plan.margin_x) and plan.paper.width - right == pytest.approx(plan.margin_x)
    assert bottom == pytest.approx(plan.margin_y) and plan.paper.height - top == pytest.approx(plan.margin_y)
    assert plan.margin_x >= min_margin - 1e-9 and plan.margin_y >= min_margin - 1e-9
    # Bleed areas never overlap (they may just touch: that is what gap = 2 * bleed means).
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] + 1e-9 or b[2] <= a[0] + 1e-9 or a[3] <= b[1] + 1e-9 or b[3] <= a[1] + 1e-9


# ---------------------------------------------------------------- plan_sheet


def test_papers():
    assert Size(210, 297) == A4 and Size(297, 420) == A3 and Size(215.9, 279.4) == LETTER


def test_poker_on_a4_is_3x3_with_bleed_shrunk():
    # Usable area 210-20 = 190 by 297-20 = 277.
    # Upright 63x88: butted 3 cols (189 <= 190) x 3 rows (264 <= 277) = 9.
    # Rotated 88x63: 2 cols x 4 rows = 8, so upright wins.
    # With the full 3 mm bleed a column of cards needs 3 x 69 = 207 > 190, i.e. only 2 cols:
    # the bleed shrinks to the largest that keeps 3 cols and 3 rows:
    #   cols: (190/3 - 63)/2 = 1/6 ; rows: (277/3 - 88)/2 = 13/6 ; so bleed = 1/6 mm, gap 1/3 mm.
    plan = plan_sheet(A4, POKER, bleed=3)
    assert (plan.cols, plan.rows, plan.per_sheet, plan.rotated) == (3, 3, 9, False)
    assert plan.bleed == pytest.approx(1 / 6) and plan.gap == pytest.approx(1 / 3)
    # Pitch 63 + 1/3 across and 88 + 1/3 down: grid 190 x 265, so margins (210-190)/2 = 10, (297-265)/2 = 16.
    assert plan.margin_x == pytest.approx(10) and plan.margin_y == pytest.approx(16)
    # x: 10 + 1/6 = 10.1667, + 63.3333 = 73.5, + 63.3333 = 136.8333.
    # y (top row first): 297 - 16 - 1/6 - 88 = 192.8333, - 88.3333 = 104.5, - 88.3333 = 16.1667.
    xs, ys = [10 + 1 / 6, 73.5, 136 + 5 / 6], [192 + 5 / 6, 104.5, 16 + 1 / 6]
    for p in plan.fronts:
        r, c = divmod(p.slot, 3)
        approx_placement(p, p.slot, xs[c], ys[r], 63, 88, 0)
    check_grid_invariants(plan)


def test_tarot_on_a4_keeps_full_bleed():
    # Upright 70x120: 2 cols x 2 rows = 4; rotated 120x70: 1 x 3 = 3.
    # Full bleed fits: 2 x 76 = 152 <= 190 and 2 x 126 = 252 <= 277.
    # Margins (210-152)/2 = 29 and (297-252)/2 = 22.5.
    # x: 29 + 3 = 32, 32 + 76 = 108 ; y: 297 - 22.5 - 3 - 120 = 151.5, 151.5 - 126 = 25.5.
    plan = plan_sheet(A4, TAROT, bleed=3)
    assert (plan.cols, plan.rows, plan.rotated, plan.bleed, plan.gap) == (2, 2, False, 3, 6)
    assert (plan.margin_x, plan.margin_y) == pytest.approx((29, 22.5))
    expected = [(32, 151.5), (108, 151.5), (32, 25.5), (108, 25.5)]
    for p, (x, y) in zip(plan.fronts, expected, strict=True):
        approx_placement(p, p.slot, x, y, 70, 120, 0)
    check_grid_invariants(plan)


def test_a6_on_a4_is_rotated():
    # Upright 105x148: 1 x 1 = 1. Rotated 148x105: 1 col (148 <= 190) x 2 rows (210 <= 277) = 2.
    # Full bleed fits: 154 <= 190, 2 x 111 = 222 <= 277. Margins (210-154)/2 = 28, (297-222)/2 = 37.5.
    # x = 28 + 3 = 31 ; y: 297 - 37.5 - 3 - 105 = 151.5, 151.5 - 111 = 40.5.
    plan = plan_sheet(A4, A6, bleed=3)
    assert (plan.cols, plan.rows, plan.per_sheet, plan.rotated, plan.bleed) == (1, 2, 2, True, 3)
    assert plan.card == A6  # the plan keeps the card's own size; placements carry the swapped one
    assert (plan.margin_x, plan.margin_y) == pytest.approx((28, 37.5))
    approx_placement(plan.fronts[0], 0, 31, 151.5, 148, 105, 90)
    approx_placement(plan.fronts[1], 1, 31, 40.5, 148, 105, 90)
    check_grid_invariants(plan)


def test_a6_on_a3_is_2x2_upright():
    # Usable 277 x 400. Upright 105x148: 2 x 2 = 4; rotated 148x105: 1 x 3 = 3.
    # Full bleed: 2 x 111 = 222, 2 x 154 = 308. Margins (297-222)/2 = 37.5, (420-308)/2 = 56.
    # x: 40.5, 151.5 ; y: 420 - 56 - 3 - 148 = 213, 213 - 154 = 59.
    plan = plan_sheet(A3, A6, bleed=3)
    assert (plan.cols, plan.rows, plan.rotated, plan.bleed) == (2, 2, False, 3)
    assert (plan.margin_x, plan.margin_y) == pytest.approx((37.5, 56))
    expected = [(40.5, 213), (151.5, 213), (40.5, 59), (151.5, 59)]
    for p, (x, y) in zip(plan.fronts, expected, strict=True):
        approx_placement(p, p.slot, x, y, 105, 148, 0)
    check_grid_invariants(plan)


def test_poker_on_letter_rotates_and_shrinks_bleed():
    # Usable 195.9 x 259.4. Upright 63x88: 3 x 2 = 6. Rotated 88x63: 2 x 4 = 8 -> rotated.
    # Full bleed would give only 2 x 3 (4 x 69 = 276 > 259.4): shrink to
    #   min((195.9/2 - 88)/2, (259.4/4 - 63)/2) = min(4.975, 0.925) = 0.925.
    # Pitch 89.85 x 64.85: grid 179.7 x 259.4, margins 18.1 and 10.
    # x: 18.1 + 0.925 = 19.025, + 89.85 = 108.875 ; top y: 279.4 - 10 - 0.925 - 63 = 205.475.
    plan = plan_sheet(LETTER, POKER, bleed=3)
    assert (plan.cols, plan.rows, plan.per_sheet, plan.rotated) == (2, 4, 8, True)
    assert plan.bleed == pytest.approx(0.925)
    assert (plan.margin_x, plan.margin_y) == pytest.approx((18.1, 10))
    approx_placement(plan.fronts[0], 0, 19.025, 205.475, 88, 63, 90)
    approx_placement(plan.fronts[1], 1, 108.875, 205.475, 88, 63, 90)
    approx_placement(plan.fronts[7], 7, 108.875, 205.475 - 3 * 64.85, 88, 63, 90)
    check_grid_invariants(plan)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_plans_are_consistent(name):
    paper, card = EXAMPLES[name]
    check_grid_invariants(plan_sheet(paper, card, bleed=3))


def test_smaller_bleed_asked_is_kept():
    # Poker on A4 with 0.1 mm asked: 0.1 < 1/6, so it is kept; grid 3 x 63.2 = 189.6, margin 10.2.
    plan = plan_sheet(A4, POKER, bleed=0.1)
    assert plan.bleed == pytest.approx(0.1) and plan.per_sheet == 9
    assert plan.margin_x == pytest.approx(10.2)


def test_zero_bleed_butts_cards():
    # A card that exactly fills the usable width: 2 x 95 = 190, bleed must become 0.
    plan = plan_sheet(A4, Size(95, 100), bleed=2)
    assert (plan.cols, plan.rows, plan.bleed, plan.gap) == (2, 2, 0, 0)
    assert plan.fronts[1].x == pytest.approx(plan.fronts[0].x + 95)  # butted: right edge = next left edge
    check_grid_invariants(plan)


def test_tie_prefers_upright():
    # A square card fits the same count both ways, so it stays upright.
    plan = plan_sheet(A4, Size(60, 60), bleed=1)
    assert not plan.rotated and all(p.rotation == 0 for p in plan.fronts)


def test_card_that_only_fits_rotated():
    # 250x150 is wider than A4's usable 190 mm, but 150x250 fits once.
    plan = plan_sheet(A4, Size(250, 150), bleed=3)
    assert (plan.per_sheet, plan.rotated) == (1, True)
    approx_placement(plan.fronts[0], 0, 30, 23.5, 150, 250, 90)  # (210-150)/2, (297-250)/2


def test_min_margin_is_respected():
    # With a 0 margin poker on A4 gets 3 x 3 still (usable 210 x 297), but with 20 mm only 2 x 2:
    # usable 170 x 257 -> 2 cols (126), 2 rows (176).
    assert plan_sheet(A4, POKER, 3, min_margin=20).per_sheet == 4
    check_grid_invariants(plan_sheet(A4, POKER, 3, min_margin=20), min_margin=20)
    wide = plan_sheet(A4, POKER, 3, min_margin=0)
    assert wide.per_sheet == 9 and wide.bleed == 3  # 3 x 69 = 207 <= 210, 3 x 94 = 282 <= 297


def test_card_too_big_raises_naming_sizes():
    with pytest.raises(ValueError, match=r"300x400 mm.*210x297 mm"):
        plan_sheet(A4, Size(300, 400), bleed=3)
    with pytest.raises(ValueError, match=r"215\.9x279\.4"):
        plan_sheet(LETTER, Size(200, 200), bleed=0)  # usable 195.9 x 259.4


@pytest.mark.parametrize("card, bleed, margin", [(Size(0, 10), 0, 10), (Size(10, 10), -1, 10),
                                                 (Size(10, 10), 0, -1)])
def test_bad_inputs_raise(card, bleed, margin):
    with pytest.raises(ValueError):
        plan_sheet(A4, card, bleed, margin)


def test_dataclasses_are_frozen():
    plan = plan_sheet(A4, POKER, 3)
    with pytest.raises(AttributeError):
        plan.cols = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        plan.fronts[0].x = 0  # type: ignore[misc]


# ---------------------------------------------------------------- duplex backs


def test_long_edge_backs_for_poker_on_a4():
    # Mirror about the vertical axis: x_back = 210 - x - 63, same y, rotation 0.
    # Slot 0 (top-left front, x 10.1667) sits behind at x 210 - 10.1667 - 63 = 136.8333, i.e. top-right.
    plan = plan_sheet(A4, POKER, 3)
    backs = back_placements(plan, "long-edge")
    approx_placement(backs[0], 0, 136 + 5 / 6, 192 + 5 / 6, 63, 88, 0)
    approx_placement(backs[2], 2, 10 + 1 / 6, 192 + 5 / 6, 63, 88, 0)
    approx_placement(backs[4], 4, 73.5, 104.5, 63, 88, 0)  # the centre stays the centre


def test_short_edge_backs_for_poker_on_a4():
    # Mirror about the horizontal axis: y_back = 297 - y - 88, same x, rotation 180.
    # Slot 0 (y 192.8333) goes to 297 - 192.8333 - 88 = 16.1667, the bottom row.
    plan = plan_sheet(A4, POKER, 3)
    backs = back_placements(plan, "short-edge")
    approx_placement(backs[0], 0, 10 + 1 / 6, 16 + 1 / 6, 63, 88, 180)
    approx_placement(backs[8], 8, 136 + 5 / 6, 192 + 5 / 6, 63, 88, 180)


def test_rotated_backs_for_a6_on_a4():
    # Fronts at x 31, rotation 90 (148 wide). Long edge: x = 210 - 31 - 148 = 31 (centred single column),
    # rotation -90 mod 360 = 270. Short edge: y of slot 0 = 297 - 151.5 - 105 = 40.5, rotation 180-90 = 90.
    plan = plan_sheet(A4, A6, 3)
    long_backs = back_placements(plan, "long-edge")
    approx_placement(long_backs[0], 0, 31, 151.5, 148, 105, 270)
    short_backs = back_placements(plan, "short-edge")
    approx_placement(short_backs[0], 0, 31, 40.5, 148, 105, 90)
    approx_placement(short_backs[1], 1, 31, 151.5, 148, 105, 90)


def test_offset_shifts_every_back():
    # Calibration (dx, dy) = (0.5, -1.2) moves each back by exactly that much.
    plan = plan_sheet(A4, TAROT, 3)
    plain = back_placements(plan, "long-edge")
    shifted = back_placements(plan, "long-edge", offset=(0.5, -1.2))
    for a, b in zip(plain, shifted, strict=True):
        assert (b.x - a.x, b.y - a.y) == pytest.approx((0.5, -1.2))
        assert (a.slot, a.width, a.height, a.rotation) == (b.slot, b.width, b.height, b.rotation)


def test_off_returns_fronts_unchanged():
    plan = plan_sheet(A4, POKER, 3)
    assert back_placements(plan, "off") == plan.fronts
    assert back_placements(plan, "off", offset=(2, 2)) == plan.fronts


def test_unknown_duplex_raises():
    plan = plan_sheet(A4, POKER, 3)
    with pytest.raises(ValueError, match="sideways"):
        back_placements(plan, "sideways")


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
def test_backs_are_mirror_images_of_fronts(name, duplex):
    paper, card = EXAMPLES[name]
    plan = plan_sheet(paper, card, 3)
    backs = back_placements(plan, duplex)
    assert [b.slot for b in backs] == [f.slot for f in plan.fronts]
    for front, back in zip(plan.fronts, backs, strict=True):
        assert (back.width, back.height) == (front.width, front.height)
        if duplex == "long-edge":
            # The two rectangles are symmetric about x = W/2: left edge of one = W - right edge of the other.
            assert back.x == pytest.approx(paper.width - (front.x + front.width))
            assert back.y == pytest.approx(front.y)
            assert back.rotation == (-front.rotation) % 360
        else:
            assert back.y == pytest.approx(paper.height - (front.y + front.height))
            assert back.x == pytest.approx(front.x)
            assert back.rotation == (180 - front.rotation) % 360
        # Mirroring the back again gives the front back: the same spot on the same side.
        again = mirror_placement(back, paper, duplex)
        approx_placement(again, front.slot, front.x, front.y, front.width, front.height, front.rotation)
    # A centred grid mirrors onto itself, so the backs keep the same margins as the fronts.
    check_grid_invariants(SheetPlan(**{**plan.__dict__, "fronts": backs}))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
def test_mirror_twice_is_identity_for_any_rotation(rotation, duplex):
    p = Placement(slot=3, x=12.5, y=40.25, width=30, height=50, rotation=rotation)
    assert mirror_placement(p, A4, duplex).rotation in (0, 90, 180, 270)
    back = mirror_placement(mirror_placement(p, A4, duplex), A4, duplex)
    approx_placement(back, 3, 12.5, 40.25, 30, 50, rotation)


# ---------------------------------------------------------------- crop marks


def test_crop_marks_for_poker_on_a4():
    # Bleed edges of the grid: left 10, right 200, bottom 16, top 281 (margins 10 and 16).
    # Vertical marks at the 6 trim x (10.1667, 73.1667, 73.5, 136.5, 136.8333, 199.8333):
    #   above from 281 + 1 = 282 to 287, below from 16 - 1 = 15 to 10.
    # Horizontal marks at the 6 trim y (16.1667, 104.1667, 104.5, 192.5, 192.8333, 280.8333):
    #   left from 10 - 1 = 9 to 4, right from 200 + 1 = 201 to 206.
    plan = plan_sheet(A4, POKER, 3)
    marks = crop_marks(plan, plan.fronts)
    assert len(marks) == 6 * 2 + 6 * 2
    vertical = [m for m in marks if m[0] == m[2]]
    horizontal = [m for m in marks if m[1] == m[3]]
    assert len(vertical) == len(horizontal) == 12
    xs = sorted({round(m[0], 4) for m in vertical})
    assert xs == pytest.approx([10.1667, 73.1667, 73.5, 136.5, 136.8333, 199.8333], abs=1e-4)
    ys = sorted({round(m[1], 4) for m in horizontal})
    assert ys == pytest.approx([16.1667, 104.1667, 104.5, 192.5, 192.8333, 280.8333], abs=1e-4)
    for _x1, y1, _x2, y2 in vertical:
        assert (y1, y2) in [pytest.approx((282, 287)), pytest.approx((15, 10))]
    for x1, _y1, x2, _y2 in horizontal:
        assert (x1, x2) in [pytest.approx((9, 4)), pytest.approx((201, 206))]


def test_butted_cards_share_one_mark_per_edge():
    # 95x100 on A4 with bleed 0: x edges 10, 105, 200 (3, not 4); rows of 100 in 277 -> 2 rows,
    # grid height 200, margin 48.5, y edges 48.5, 148.5, 248.5 -> 3 x 2 + 3 x 2 = 12 marks.
    plan = plan_sheet(A4, Size(95, 100), bleed=2)
    marks = crop_marks(plan, plan.fronts)
    assert len(marks) == 12
    assert sorted({m[0] for m in marks if m[0] == m[2]}) == pytest.approx([10, 105, 200])
    assert sorted({m[1] for m in marks if m[1] == m[3]}) == pytest.approx([48.5, 148.5, 248.5])


def test_crop_marks_are_clipped_at_paper_edge():
    # Paper 100x100, card 47x47, no bleed, margin 3: grid 94 x 94 from 3 to 97.
    # Top marks start at 98 and would end at 103: clipped to 100 (2 mm long). Same on every side.
    paper = Size(100, 100)
    plan = plan_sheet(paper, Size(47, 47), bleed=0, min_margin=3)
    marks = crop_marks(plan, plan.fronts)
    assert len(marks) == 3 * 4  # 3 distinct edges each way, marks on 4 sides
    for x1, y1, x2, y2 in marks:
        assert abs(x2 - x1) + abs(y2 - y1) == pytest.approx(2)
        assert all(0 <= v <= 100 for v in (x1, y1, x2, y2))


def test_no_room_means_no_marks():
    # A card filling the paper leaves no margin: every mark would start off the paper.
    plan = plan_sheet(A4, Size(210, 297), bleed=0, min_margin=0)
    assert crop_marks(plan, plan.fronts) == ()


def test_crop_mark_arguments():
    plan = plan_sheet(A4, TAROT, 3)
    assert crop_marks(plan, ()) == ()
    # Tarot bleed edge top is 297 - 22.5 = 274.5: with clearance 2 and length 3 marks run 276.5 -> 279.5.
    top = [m for m in crop_marks(plan, plan.fronts, length=3, clearance=2) if m[0] == m[2] and m[1] > 200]
    assert top and all((m[1], m[3]) == pytest.approx((276.5, 279.5)) for m in top)
    for length, clearance in [(0, 1), (5, 0)]:
        with pytest.raises(ValueError):
            crop_marks(plan, plan.fronts, length=length, clearance=clearance)


def sides(plan: SheetPlan):
    yield "fronts", plan.fronts
    for duplex in ("long-edge", "short-edge"):
        yield duplex, back_placements(plan, duplex)
        yield f"{duplex}+offset", back_placements(plan, duplex, offset=(0.7, -0.4))


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_mark_touches_any_bleed_area(name):
    paper, card = EXAMPLES[name]
    plan = plan_sheet(paper, card, 3)
    for side, placements in sides(plan):
        marks = crop_marks(plan, placements)
        assert marks, side
        for mark in marks:
            x1, y1, x2, y2 = mark
            assert x1 == x2 or y1 == y2, (side, mark)  # axis-aligned
            assert all(0 <= x <= paper.width for x in (x1, x2)) and all(0 <= y <= paper.height for y in (y1, y2))
            assert abs(x2 - x1) + abs(y2 - y1) <= 5 + 1e-9
            for p in placements:
                assert not touches(mark, bleed_box(p, plan.bleed)), (side, mark, p)


@pytest.mark.parametrize("name", EXAMPLES)
def test_marks_line_up_with_trim_edges(name):
    # Every vertical mark sits on some card's left or right trim edge, every horizontal one on a bottom/top.
    paper, card = EXAMPLES[name]
    plan = plan_sheet(paper, card, 3)
    edges_x = {round(v, 6) for p in plan.fronts for v in (p.x, p.x + p.width)}
    edges_y = {round(v, 6) for p in plan.fronts for v in (p.y, p.y + p.height)}
    marks = crop_marks(plan, plan.fronts)
    assert {round(m[0], 6) for m in marks if m[0] == m[2]} == edges_x
    assert {round(m[1], 6) for m in marks if m[1] == m[3]} == edges_y
