"""Defects found by printing the merged issue-12 decks and reading them as a facilitator and a print shop would."""

from __future__ import annotations

import pytest

from cardengine.printing.textfit import register_fonts, wrap


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts()


@pytest.mark.parametrize("text", [
    "A heat exchanger lifts it to 70-80 °C; a tank covers breaks.",  # energy EN-04, tarot en: "70-80 / °C;"
    "In summer a dark roof easily passes 70 °C while a white one stays cooler.",  # climate, tarot en
    "Consumption falls by 30 % in the first year and 12 ‰ later.",
])
def test_a_unit_sign_never_starts_a_line(text: str) -> None:
    """A degree, percent or per-mille sign stays on the line of its number, at every width the text wraps at."""
    for width in range(40, 260, 2):
        lines = wrap(text, "CardSans", 8.0, float(width), "en")
        assert not any(line.startswith(("°", "%", "‰")) for line in lines), (width, lines)


@pytest.mark.parametrize(("card", "duplex", "count"), [
    ((105.0, 148.0), "fold", "1 card a side"),  # A6 folded on A4: one front above its back
    ((63.0, 88.0), "long-edge", "9 cards a side"),
])
def test_sheet_summary_counts_cards_in_english(card: tuple[float, float], duplex: str, count: str) -> None:
    """The line for the person at the printer said '1 cards a side' for A6 with --duplex fold."""
    from cardengine.printing.imposition import Size
    from cardengine.printing.sheets import plan_for, sheet_summary

    plan = plan_for("a4", Size(*card), 3.0, duplex)
    assert plan is not None
    assert sheet_summary(plan, duplex).startswith(f"sheet a4: {count}")


def _slot_hints(card: tuple[float, float]) -> list[str]:
    from cardengine.printing.imposition import Size
    from cardengine.printing.sheets import load_sheet, plan_template
    from cardengine.problems import InputError

    with pytest.raises(InputError) as caught:
        plan_template(load_sheet("avery-5371"), Size(*card), 3.0)
    return [p.hint for p in caught.value.problems]


def test_a_slot_too_small_either_way_does_not_advise_turning_the_card() -> None:
    """Tarot (70 x 120 mm) on business-card stock (3.5 x 2 in) was told 'or turn it with rotate: 90',
    which cannot help: 120 mm does not fit 88.9 mm either."""
    hints = _slot_hints((70.0, 120.0))
    assert hints and not any("rotate" in h for h in hints), hints


def test_a_slot_that_holds_the_card_turned_still_advises_turning_it() -> None:
    hints = _slot_hints((45.0, 80.0))  # 80 x 45 mm fits a 88.9 x 50.8 mm slot turned
    assert any("rotate: 90" in h for h in hints), hints
