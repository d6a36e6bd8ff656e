"""Several apps, one file; status that says what happened; priorities by name. Pilot at 80x24 over real files,
with a second real process (the `cardengine session` CLI) writing to the same file; `Workshop.open` reads back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from cardengine.sessions import Workshop, WorkshopInfo
from cardengine_tui import modals
from cardengine_tui.app import CardEngineApp, make_app

from .conftest import run_cli
from .tui_support import FIXED, app_config, bundled, type_text


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return app_config(tmp_path)


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), *bundled()) as w:
        w.add_table("Nord")
        w.add_table("Sud")
    return path


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def pick(pilot, *cards: str) -> None:
    for card in cards:
        await type_text(pilot, card)
        await pilot.press("enter")
    await pilot.pause()


async def until(pilot, condition, seconds: float = 4.0) -> None:
    """Let the app run (its timer looks at the file every second) until `condition` holds."""
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    assert condition()


async def test_another_process_s_actions_show_without_disturbing_what_is_typed(workshop, config):
    assert CardEngineApp.REFRESH_SECONDS <= 1.0  # seen within 2 s
    app = make_app(workshop, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, "EN-01", "EN-02", "EN-03")
        screen = app.screen
        grid = screen.query_one("#picks", DataTable)
        grid.focus()
        await pilot.press("up")  # EN-02 highlighted
        screen.query_one("#criteria", DataTable).focus()
        await pilot.press("down", "down")  # on the third criterion
        await pilot.pause()
        field = screen.query_one("#card-input", Input)
        field.focus()
        await type_text(pilot, "EN-0")
        await pilot.press("left")
        # Another program undoes at this table (EN-03 goes) and picks; a third one records at another table.
        assert run_cli("session", "undo", workshop, "--table", "Nord").returncode == 0
        assert run_cli("session", "pick", workshop, "--table", "Nord", "EN-05").returncode == 0
        assert run_cli("session", "pick", workshop, "--table", "Sud", "EN-06").returncode == 0
        await until(pilot, lambda: "EN-05" in [k.value for k in grid.rows])
        await until(pilot, lambda: app.workshop.state.events == 9)  # created, two tables, three picks, undo, two picks
        assert [k.value for k in grid.rows] == ["EN-01", "EN-02", "EN-05"]
        status = text(app, "#status")
        assert "da un altro programma" in status and f"{app.workshop.state.events} azioni" in status
        # What the note-taker was doing is as it was.
        assert app.screen is screen and screen.focused is field
        assert (field.value, field.cursor_position) == ("EN-0", 3)
        assert screen.selected_target() == "EN-02"
        assert screen.query_one("#criteria", DataTable).cursor_row == 2
        # A dialog open while another program writes stays open, with its text.
        grid.focus()
        await pilot.press("c")
        await pilot.pause()
        await type_text(pilot, "serve un accordo")
        assert run_cli("session", "pick", workshop, "--table", "Nord", "EN-07").returncode == 0
        await until(pilot, lambda: "EN-07" in [k.value for k in grid.rows])
        assert isinstance(app.screen, modals.CommentDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    with Workshop.open(workshop) as w:
        nord = w.state.tables["nord"]
        assert list(nord.picks) == ["EN-01", "EN-02", "EN-05", "EN-07"]
        assert [(c.text, c.card) for c in nord.comments] == [("serve un accordo", "EN-02")]
        assert list(w.state.tables["sud"].picks) == ["EN-06"]


async def test_the_status_says_what_was_done_undone_and_redone(workshop, config):
    app = make_app(workshop, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, "EN-10")
        assert "EN-10 scelta" in text(app, "#status")
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("f")
        await pilot.pause()
        assert "EN-10 preferita" in text(app, "#status")
        await pilot.press("x")
        await pilot.pause()
        assert "EN-10 scartata" in text(app, "#status")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Annullato: EN-10 scartata" in text(app, "#status")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Ripristinato: EN-10 scartata" in text(app, "#status")
        await pilot.press("enter", "4")  # score the first criterion
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Annullato: EN-10 Fattibilità tecnica = 4" in text(app, "#status")
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("c")
        await pilot.pause()
        await type_text(pilot, "costa troppo")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Annullato: Commento (Ostacolo) su EN-10" in text(app, "#status")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Azienda A")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Annullato: Partecipante Azienda A aggiunto" in text(app, "#status")
        for _ in range(3):  # undo the redone discard, the favourite and the pick; then nothing is left
            await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Annullato: EN-10 scelta" in text(app, "#status")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any("Niente da annullare" in n.message for n in app._notifications)
    with Workshop.open(workshop) as w:
        assert w.state.tables["nord"].picks == {} and w.state.tables["nord"].comments == []
        assert w.state.participants == {}
        assert len(w.state.redo_stacks["nord"]) == 4  # participant, discard, favourite, pick


async def test_the_status_in_english(workshop, config):
    app = make_app(workshop, table="Nord", config_dir=config, language="en", clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, "EN-10")
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("f")
        await pilot.pause()
        assert "EN-10 favourite" in text(app, "#status")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undone: EN-10 favourite" in text(app, "#status")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Redone: EN-10 favourite" in text(app, "#status")


async def test_the_priorities_dialog_shows_the_saved_order_by_name_and_keeps_it(workshop, config):
    with Workshop.open(workshop) as w:  # not the decks' order (built environment, climate, energy, mobility, ...)
        w.set_priorities("Nord", domains=["mobility", "energy", "waste"])
    app = make_app(workshop, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")  # saved unchanged
        await pilot.pause()
        with Workshop.open(workshop) as w:
            assert w.state.tables["nord"].priority_domains == ["mobility", "energy", "waste"]
        assert text(app, "#priorities").startswith("Priorità: 1 Mobilità · 2 Energia · 3 Rifiuti")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, modals.PrioritiesDialog)
        shown = [str(o.prompt) for o in app.screen.query_one("#priorities-domains", modals.OrderList).options]
        assert shown[:3] == ["1. Mobilità", "2. Energia", "3. Rifiuti ed economia circolare"]
        await pilot.press("escape")
        await pilot.pause()
        # Reorder: energy up, then climate included (last of the priorities), waste left out.
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "shift+up")
        await pilot.press("down", "down", "down", "down", "space")  # climate, after built environment
        await pilot.press("up", "space")  # waste
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text(app, "#priorities").startswith("Priorità: 1 Energia · 2 Mobilità · 3 Clima")
    with Workshop.open(workshop) as w:
        assert w.state.tables["nord"].priority_domains == ["energy", "mobility", "climate"]


async def test_priority_cards_are_set_in_the_app_and_shown_on_the_table(workshop, config):
    app = make_app(workshop, table="Nord", config_dir=config, language="en", clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick(pilot, "EN-01", "WA-02")
        assert text(app, "#priorities") == "Priorities: none (o to order them)"
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("exclamation_mark", "up", "exclamation_mark")
        await pilot.pause()
        assert text(app, "#priorities") == "Priorities: cards WA-02 EN-01"
        with Workshop.open(workshop) as w:
            assert w.state.tables["nord"].priority_cards == ["WA-02", "EN-01"]
        await pilot.press("exclamation_mark")  # EN-01 out again
        await pilot.pause()
        assert "EN-01 is no longer a priority card" in text(app, "#status")
    with Workshop.open(workshop) as w:
        assert w.state.tables["nord"].priority_cards == ["WA-02"]


async def test_undo_right_after_another_laptop_s_action_takes_it_back(workshop, config):
    app = make_app(workshop, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with Workshop.open(workshop) as other:  # the second laptop at this table, before the app's timer runs
            other.pick("Nord", "EN-05", kind="favourite")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Annullato: EN-05 preferita" in text(app, "#status")
    with Workshop.open(workshop) as w:
        assert w.state.tables["nord"].picks == {}
