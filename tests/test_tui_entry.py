"""The id field never jams or guesses (issue 11, deliverable 1), driven by Pilot over real workshop files.

Each test reads back what `Workshop.open` finds in the file: the pick events, in order, and nothing else.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml
from textual import events
from textual.widgets import DataTable, Input, OptionList

from cardengine.sessions import Workshop, WorkshopInfo
from cardengine_tui.app import make_app

from .conftest import DECKS
from .tui_support import bundled

FIXED = datetime(2021, 7, 27, 10, 30, 0)


@pytest.fixture(scope="module")
def decks():
    return bundled()  # read once per test process


@pytest.fixture
def workshop(tmp_path: Path, decks) -> tuple[Path, Path]:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(yaml.safe_dump({"language": "it", "decks": str(DECKS)}))
    path = tmp_path / "atelier.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano sul Naviglio", "2021-07-27"), *decks) as w:
        w.add_table("Nord")
    return path, config


def pick_events(path: Path) -> list[tuple[str, str]]:
    """(card, kind) of every pick event in the file, in the order written."""
    with Workshop.open(path) as w:
        return [(e.payload["card"], e.payload["kind"]) for e in w.store.events() if e.kind == "pick"]


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def keys(pilot, text: str) -> None:
    """Type `text` as a scanner would, without waiting for the screen: \\r is Enter."""
    await pilot.press(*["enter" if ch == "\r" else "space" if ch == " " else ch for ch in text])


def field(app) -> Input:
    return app.screen.query_one("#card-input", Input)


async def test_a_refused_id_is_named_and_cleared_so_the_next_scans_are_logged(workshop):
    # Issue: `EN-05` then `EN-06` gave "No card 'EN-06EN-05XX-99'" after one refused id.
    path, config = workshop
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "XX-99\rEN-05\rEN-06\r")
        await pilot.pause()
        assert field(app).value == "" and field(app).cursor_position == 0
        assert [n for n in notices(app) if "XX-99" in n] == ["Nessuna carta 'XX-99' nei mazzi di questo workshop"]
        assert not any("EN-05" in n and "XX" in n for n in notices(app))  # nothing glued
    assert pick_events(path) == [("EN-05", "selected"), ("EN-06", "selected")]


async def test_harmless_forms_of_an_id_are_that_id_and_a_repeat_is_no_second_pick(workshop):
    path, config = workshop
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "en 01\rEN02\r  en-03 \rEN 04\r")
        await pilot.pause()
        await keys(pilot, "en01\r")  # scanned again
        await pilot.pause()
        assert any("EN-01 è già tra le carte" in n for n in notices(app))
        grid = app.screen.query_one("#picks", DataTable)
        assert grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value == "EN-01"  # shown, not re-logged
        assert field(app).value == ""
    assert pick_events(path) == [("EN-01", "selected"), ("EN-02", "selected"), ("EN-03", "selected"),
                                 ("EN-04", "selected")]


async def test_en_1_is_no_card_never_en_10(workshop):
    # Issue: `EN-1` logged EN-10 and `en 01` logged BE-01 (the first search result).
    path, config = workshop
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "EN-1\r")
        await pilot.pause()
        assert any("'EN-1'" in n and "forse EN-01?" in n for n in notices(app))
        assert field(app).value == ""
        assert not app.screen.query_one("#search-results", OptionList).display
    assert pick_events(path) == []


async def test_words_open_the_results_and_only_a_choice_logs_a_card(workshop):
    path, config = workshop
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        results = app.screen.query_one("#search-results", OptionList)
        await keys(pilot, "parcheggi fotovoltaiche\r")
        await pilot.pause()
        assert pick_events(path) == []  # Enter on words logs nothing by itself
        assert results.display and results.highlighted == 0 and app.focused is results
        assert field(app).value == ""
        first = results.get_option_at_index(0).id
        await pilot.press("enter")  # the explicit choice: Enter on the highlighted result
        await pilot.pause()
        assert pick_events(path) == [(first, "selected")]
        assert not results.display and app.focused is field(app)
        # Arrows from the field, then Enter: the second result of a search.
        await keys(pilot, "tetti")
        await pilot.pause()
        assert results.display and results.highlighted is None  # shown while typing, nothing chosen yet
        second = results.get_option_at_index(1).id
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert pick_events(path)[-1] == (second, "selected")
        # Escape closes the results and logs nothing.
        await keys(pilot, "tetti\r")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not results.display and app.focused is field(app)
        await pilot.press("escape")  # and again, with no results: the app goes on
        await pilot.pause()
    assert len(pick_events(path)) == 2


async def test_a_scan_while_the_results_have_the_focus_is_an_entry_not_a_choice(workshop):
    path, config = workshop
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "tetti\rEN-05\r")
        await pilot.pause()
        assert field(app).value == ""
    assert pick_events(path) == [("EN-05", "selected")]


async def test_the_results_show_which_cards_are_already_at_the_table(workshop):
    path, config = workshop
    with Workshop.open(path) as w:
        w.pick("Nord", "EN-11", kind="favourite")
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "parcheggi fotovoltaiche")
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        labels = {results.get_option_at_index(i).id: str(results.get_option_at_index(i).prompt)
                  for i in range(results.option_count)}
        assert labels["EN-11"].startswith("★ EN-11")
        assert all(label.startswith("  ") for card, label in labels.items() if card != "EN-11")
        await pilot.press("enter", "enter")  # choosing it again shows it, it is not logged twice
        await pilot.pause()
    assert pick_events(path) == [("EN-11", "favourite")]


async def test_pasted_lines_are_entries_each_and_none_is_lost(workshop):
    path, config = workshop
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "EN-")
        field(app).post_message(events.Paste("01\r\nXX-1\nCL-02\nMO-0"))
        await pilot.pause()
        assert field(app).value == "MO-0" and field(app).cursor_position == 4  # the unfinished last line
        await keys(pilot, "3\r")
        await pilot.pause()
        assert any("'XX-1'" in n for n in notices(app))
    assert pick_events(path) == [("EN-01", "selected"), ("CL-02", "selected"), ("MO-03", "selected")]


async def test_hostile_text_is_quoted_as_typed_not_read_as_markup(workshop):
    path, config = workshop
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "[bold]EN-99[/]\r")
        await pilot.pause()
        assert "Nessuna carta per '[bold]EN-99[/]'" in notices(app)
        await keys(pilot, "[red]x\r")
        await pilot.pause()
        assert "Nessuna carta per '[red]x'" in notices(app)
        field(app).post_message(events.Paste("EN-\x1b]0;pwned\x0701\n"))  # pasted with control characters
        await pilot.pause()
        assert "Nessuna carta per 'EN-\\x1b]0;pwned\\x0701'" in notices(app)
        assert not any("\x1b" in n or "\x07" in n for n in notices(app))
    assert pick_events(path) == []


async def test_a_proposal_ref_typed_in_the_field_shows_it(workshop):
    path, config = workshop
    with Workshop.open(path) as w:
        w.pick("Nord", "EN-01")
        w.propose("Nord", "Parcheggi solari", ["EN-01"])
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "p 1\r")
        await pilot.pause()
        grid = app.screen.query_one("#picks", DataTable)
        assert grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value == "P1"
    assert pick_events(path) == [("EN-01", "selected")]


async def test_keys_typed_on_the_results_are_typing_not_actions(workshop):
    path, config = workshop
    with Workshop.open(path) as w:
        w.pick("Nord", "EN-01")
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "tetti\r")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#search-results", OptionList)
        shown = {b.binding.key for b in app.active_bindings.values() if b.binding.show}
        assert "f" not in shown and "c" not in shown  # the footer offers no key that would be typing here
        await keys(pilot, "f")  # typed, not a favourite
        await pilot.pause()
        assert field(app).value == "f" and app.focused is field(app)
    assert pick_events(path) == [("EN-01", "selected")]


async def test_slash_and_escape_bring_the_focus_back_to_the_id_field(workshop):
    path, config = workshop
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("slash", "escape"):
            app.screen.query_one("#picks", DataTable).focus()
            await pilot.press(key)
            await pilot.pause()
            assert app.focused is field(app)
        await keys(pilot, "EN-02\r")
        await pilot.pause()
    assert pick_events(path) == [("EN-02", "selected")]
