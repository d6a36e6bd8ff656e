"""Scoring that follows the card, and columns and counts that tell the truth (issue 11, parts 2 and 3).

Pilot drives the app at 80x24 over a real workshop file; what the screen shows is read from the rendered
screen, what was saved from `Workshop.open`. The fast-typing case runs in a real pseudo-terminal.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from textual.widgets import DataTable, Static

from cardengine.sessions import Workshop, WorkshopInfo
from cardengine.text import Text
from cardengine_tui.app import make_app

from .conftest import DECKS
from .terminal import AppInTerminal
from .tui_support import bundled

FIXED = datetime(2021, 7, 27, 10, 30, 0)
CRITERIA = ("technical", "economic", "regulatory", "social", "time")


def workshop(tmp_path: Path, picks: list[str], lang: str = "it", scores: dict[str, list] | None = None,
             criteria=None) -> Path:
    path = tmp_path / "w.db"
    decks, default = bundled()  # read once per test process
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27", language=lang), decks,
                         criteria or default) as w:
        w.add_table("Nord")
        for card in picks:
            w.pick("Nord", card)
        for card, values in (scores or {}).items():
            for criterion, value in zip(CRITERIA, values, strict=False):
                w.score("Nord", card, criterion, value)
    return path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "settings.yaml").write_text(yaml.safe_dump({"language": "it", "decks": str(DECKS)}))
    return folder


def screen_lines(app) -> list[str]:
    """The screen as the terminal shows it, one string per line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def saved_scores(path: Path, card: str) -> list:
    with Workshop.open(path) as w:
        scores = w.state.tables["nord"].scores
        return [scores.get((card, c, "consensus")) for c in CRITERIA]


def row_of(lines: list[str], card: str) -> str:
    return next(line for line in lines if card in line and "│" in line.split(card)[0])


async def open_picks(pilot) -> None:
    pilot.app.screen.query_one("#picks", DataTable).focus()
    await pilot.pause()


# ---------------------------------------------------------------- scoring that follows the card

async def test_a_second_card_is_scored_from_its_first_criterion(tmp_path, config):
    """Issue: Enter then `3 4 3 4 3` on a second card kept one value, on the last criterion."""
    path = workshop(tmp_path, ["EN-01", "EN-02"])
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picks(pilot)
        await pilot.press("enter", *"43522")  # EN-01, the first row
        await pilot.pause()
        await open_picks(pilot)
        await pilot.press("down", "enter", *"34343")
        await pilot.pause()
        lines = screen_lines(app)
    assert saved_scores(path, "EN-01") == [4, 3, 5, 2, 2]
    assert saved_scores(path, "EN-02") == [3, 4, 3, 4, 3]
    labels = ("Fattibilità tecnica", "Sostenibilità economica", "Fattibilità normativa", "Accettabilità sociale",
              "Tempi di attuazione")
    assert [re.search(rf"{label}\s+(\S+)", "\n".join(lines)).group(1) for label in labels] == list("34343")
    assert any("EN-02 · " in line for line in lines)


async def test_opening_a_card_starts_at_its_first_unscored_criterion(tmp_path, config):
    path = workshop(tmp_path, ["EN-01", "EN-02"], scores={"EN-01": [4, 3], "EN-02": [1, 2, 3, 4, 5]})
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picks(pilot)
        await pilot.press("enter", "5")  # EN-01: technical and economic done, so regulatory
        await pilot.pause()
        await open_picks(pilot)
        await pilot.press("down")  # moving to a card is enough: EN-02 is all scored, so its first criterion
        await pilot.pause()
        assert app.screen.query_one("#criteria", DataTable).cursor_row == 0
        await pilot.press("enter", "2")
        await pilot.pause()
    assert saved_scores(path, "EN-01") == [4, 3, 5, None, None]
    assert saved_scores(path, "EN-02") == [2, 2, 3, 4, 5]


async def test_a_digit_off_the_scale_is_refused_with_a_notice(tmp_path, config):
    path = workshop(tmp_path, ["EN-01"])
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picks(pilot)
        events = app.workshop.state.events
        await pilot.press("enter", "9")
        await pilot.pause()
        assert app.workshop.state.events == events  # nothing saved
        assert any("9 non è sulla scala di «Fattibilità tecnica» (1, 2, 3, 4, 5)" in n.message
                   for n in app._notifications)
        assert app.screen.query_one("#criteria", DataTable).cursor_row == 0  # still waiting for its value
        await pilot.press("4", "n")
        await pilot.pause()
    assert saved_scores(path, "EN-01")[:2] == [4, None]
    with Workshop.open(path) as w:
        assert ("EN-01", "economic", "consensus") in w.state.tables["nord"].scores  # n: explicitly not assessed


@pytest.mark.parametrize("lang", ["it", "en"])
async def test_every_criterion_shows_its_whole_question_levels_and_direction_at_80x24(tmp_path, config, lang):
    path = workshop(tmp_path, ["EN-01"], lang=lang, scores={"EN-01": [4, 3, 5, 2, 2]})
    app = make_app(path, table="Nord", config_dir=config, language=lang, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picks(pilot)
        await pilot.press("enter")
        criteria = app.workshop.state.criteria.criteria
        for index, criterion in enumerate(criteria):
            app.screen.query_one("#criteria", DataTable).move_cursor(row=index)
            await pilot.pause()
            lines = screen_lines(app)
            panel = " ".join(line[40:].strip() for line in lines)  # the right-hand column, lines joined
            panel = re.sub(r"\s+", " ", panel)
            assert criterion.question[lang] in panel
            for level in criterion.scale:
                assert f"{level.value} {level.label[lang]}" in panel
            best = {"it": "migliore", "en": "best"}[lang]
            if criterion.id == "time":
                assert f"1 = {best}" in panel and {"it": "al contrario", "en": "reversed"}[lang] in panel
            else:
                assert f"5 = {best}" in panel


# ---------------------------------------------------------------- columns and counts that tell the truth

async def test_scores_and_ranks_are_never_cut_during_a_session(tmp_path, config):
    """Issue: 65 showed as "6" and rank 10 as "1" (column widths measured from the first rows)."""
    path = workshop(tmp_path, [f"EN-0{n}" for n in range(1, 10)])  # ranks 1-9: one digit at the start
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picks(pilot)
        await pilot.press("enter", *"43522")  # EN-01 scores 65
        await pilot.pause()
        await pilot.press("shift+tab", "shift+tab")
        for ch in "BE-01":  # sorts before every EN card: EN-09 moves to rank 10 in its row
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.pause()
        await open_picks(pilot)
        picks = app.screen.query_one("#picks", DataTable)
        picks.move_cursor(row=picks.get_row_index("EN-02"))
        await pilot.press("enter", *"55551")  # EN-02 scores 100
        await pilot.pause()
        lines = screen_lines(app)
        assert re.search(r"EN-01\s+65\s+2\s", row_of(lines, "EN-01"))
        assert re.search(r"EN-02\s+100\s+1\s", row_of(lines, "EN-02"))
        assert re.search(r"EN-09\s+10\s", row_of(lines, "EN-09"))
    with Workshop.open(path) as w:
        assert list(w.state.tables["nord"].picks)[-1] == "BE-01"


async def test_the_counts_of_picks_and_scored_cards_agree_in_number(tmp_path, config):
    path = workshop(tmp_path, ["EN-01"])
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "1 scelta " in text and "0 valutate · 1 da valutare" in text
        await open_picks(pilot)
        await pilot.press("enter", *"4352")
        await pilot.pause()
        assert "0 valutate · 1 da valutare" in "\n".join(screen_lines(app))  # four of five: not yet scored
        await pilot.press("2")
        await pilot.pause()
        assert "1 valutata · 0 da valutare" in "\n".join(screen_lines(app))
        await pilot.press("shift+tab", "shift+tab", *"EN-02", "enter", *"WA-01", "enter")
        await pilot.pause()
        await open_picks(pilot)
        await pilot.press("x")  # WA-01, the last picked, discarded
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "2 scelte · 1 scartata" in text and "1 valutata · 1 da valutare" in text


async def test_the_glyphs_are_explained_in_the_help_and_under_the_panels(tmp_path, config):
    path = workshop(tmp_path, ["EN-01"], lang="en")
    app = make_app(path, table="Nord", config_dir=config, language="en", clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "· selected  ★ favourite  ✗ discarded  ▶ marked  P proposal" in "\n".join(screen_lines(app))
        await open_picks(pilot)
        await pilot.press("f1")
        await pilot.pause()
        body = str(app.screen.query_one("#dialog-body", Static).render())
        for glyph, meaning in (("·", "card picked"), ("★", "favourite"), ("✗", "discarded (not ranked)"),
                               ("▶", "marked for a proposal"), ("P", "proposal"), ("%", "weighted feasibility"),
                               ("#", "rank")):
            assert re.search(rf"^{re.escape(glyph)}\s+.*{re.escape(meaning)}", body, re.M), glyph


async def test_titles_in_the_panels_are_text_not_markup(tmp_path, config):
    """A proposal's title is typed at the table: "[b]" or "[/x]" in it is shown as typed, never read."""
    path = workshop(tmp_path, ["EN-01"])
    with Workshop.open(path) as w:
        w.propose("Nord", "[/x] tetti [b]100%[/b]", ["EN-01"])
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picks(pilot)
        await pilot.press("down")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "P1 · [/x] tetti [b]100%[/b]" in text
        assert re.search(r"P1\s+2\s+\[/x\] tetti", text)


async def test_a_long_criterion_label_never_hides_its_value(tmp_path, config):
    default = bundled()[1]
    long = replace(default.criteria[0], label=Text({"it": "Fattibilità tecnica " + "e" * 30, "en": "x" * 40}))
    criteria = replace(default, criteria=(long, *default.criteria[1:]))
    path = workshop(tmp_path, ["EN-01"], criteria=criteria, scores={"EN-01": [4]})
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = next(line for line in screen_lines(app) if "Fattibilità tecnica" in line)
        assert re.search(r"Fattibilità tecnica e+…\s+4\s", row)


# ---------------------------------------------------------------- the real terminal

def test_scores_typed_fast_after_enter_land_on_five_criteria_in_order(tmp_path):
    """Enter and `34343` in one burst, as a quick note-taker types them, in a real pseudo-terminal."""
    path = workshop(tmp_path, ["EN-01", "EN-02"], scores={"EN-01": [4, 3, 5, 2, 2]})
    app = AppInTerminal([str(path), "--table", "Nord", "--lang", "it"], tmp_path / "xdg", size=(80, 24))
    try:
        app.wait_for("Codice carta")
        mark = app.mark()
        app.type("\t")  # to the picks
        app.wait_for("Comunità energetica", mark)  # EN-01's panel (it is highlighted)
        mark = app.mark()
        app.type("\x1b[B")  # down to EN-02
        app.wait_for("EN-02 · ", mark)
        mark = app.mark()
        app.type("\r34343")
        app.wait_for("EN-02 Tempi di attuazione = 3", mark)
    finally:
        app.close()
    assert saved_scores(path, "EN-02") == [3, 4, 3, 4, 3]
