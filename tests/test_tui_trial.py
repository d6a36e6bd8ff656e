"""A note-taker's trial of the merged app: what a fast hand or a scanner types lands where it was aimed.

Keys typed in one burst right after a key that moves the focus (Tab, Enter on a card, `/`) were handled by
the widget that had the focus when they were typed: digits meant for a card's criteria were typed into the
id field, and an id typed after `/` ran the screen's bindings (`e`, `n`, ...).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cardengine.sessions import Workshop, WorkshopInfo

from .terminal import AppInTerminal
from .tui_support import app_config, bundled, new_workshop


def test_keys_typed_right_after_tab_enter_or_slash_land_where_they_were_aimed(tmp_path):
    path = new_workshop(tmp_path, "it")
    app = AppInTerminal([str(path), "--table", "Nord"], tmp_path / "config", size=(80, 24))
    try:
        app.wait_for("Codice carta")
        mark = app.mark()
        app.type("EN-01\r")
        app.wait_for("EN-01 scelta", mark)
        mark = app.mark()
        # One burst: Tab to the picks, Enter opens EN-01's criteria, five values, then `/` and the next id.
        app.type("\t\r34343/EN-02\r")
        app.wait_for("EN-02 scelta", mark)
        lines = app.wait_on_screen("EN-02")
    finally:
        app.close()
    with Workshop.open(path) as w:
        table = w.state.tables["nord"]
        criteria = [c.id for c in w.state.criteria.criteria]
        assert list(table.picks) == ["EN-01", "EN-02"]
        assert {crit: v for (card, crit, _by), v in table.scores.items() if card == "EN-01"} == \
            dict(zip(criteria, [3, 4, 3, 4, 3], strict=False))
        assert [e.kind for e in w.store.events()].count("score") == 5
    assert not any("34343" in line or "EN-02EN" in line for line in lines)  # nothing typed into the field


# ---------------------------------------------------------------- Pilot: the trial's other defects

from dataclasses import replace  # noqa: E402

from textual.widgets import DataTable, Input, OptionList, Static  # noqa: E402

from cardengine_tui.app import make_app  # noqa: E402


def config_for(tmp_path: Path, lang: str) -> Path:
    return app_config(tmp_path, lang, f"config-{lang}")


@pytest.fixture
def table(tmp_path: Path) -> Path:
    """Nord with EN-01 and EN-02 picked and one participant."""
    path = tmp_path / "t.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), *bundled()) as w:
        w.add_table("Nord")
        w.add_participant("Azienda A", "company", table="Nord")
        w.pick_all("Nord", ["EN-01", "EN-02"])
    return path


async def on_picks(app, pilot, row: int = 0) -> None:
    grid = app.screen.query_one("#picks", DataTable)
    grid.focus()
    grid.move_cursor(row=row)
    await pilot.pause()


def pick_kinds(path: Path) -> list[tuple[str, str]]:
    with Workshop.open(path) as w:
        return [(e.payload["card"], e.payload["kind"]) for e in w.store.events() if e.kind == "pick"]


async def test_f_x_s_on_a_card_already_of_that_kind_write_nothing_and_say_so(table, tmp_path):
    app = make_app(table, table="Nord", config_dir=config_for(tmp_path, "it"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_picks(app, pilot)
        await pilot.press("s", "f", "f", "x", "x")
        await pilot.pause()
        assert any("EN-01 è già tra le carte (scartata)" in n.message for n in app._notifications)
    assert pick_kinds(table) == [("EN-01", "selected"), ("EN-02", "selected"), ("EN-01", "favourite"),
                                 ("EN-01", "discarded")]


async def test_the_help_names_the_scales_of_the_workshops_criteria(tmp_path):
    deck_list, criteria = bundled()
    first = criteria.criteria[0]
    short = replace(criteria, criteria=(replace(first, scale=first.scale[:3]), *criteria.criteria[1:]))
    path = tmp_path / "s.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), deck_list, short) as w:
        w.add_table("Nord")
    app = make_app(path, table="Nord", config_dir=config_for(tmp_path, "en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query(Static))
    assert "1-3, 1-5 valore del criterio" in " ".join(text.split())
    assert "1-5      valore" not in text


async def test_a_refused_participant_comes_back_with_what_was_typed(table, tmp_path):
    app = make_app(table, table="Nord", config_dir=config_for(tmp_path, "it"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_picks(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#participant-label", Input).value = "Azienda A"  # already at the workshop
        app.screen.query_one("#participant-organisation", Input).value = "ACME"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#participant-label", Input).value == "Azienda A"
        assert app.screen.query_one("#participant-organisation", Input).value == "ACME"
        app.screen.query_one("#participant-label", Input).value = "Azienda B"
        await pilot.press("enter")
        await pilot.pause()
    with Workshop.open(table) as w:
        assert [(p.label, p.organisation) for p in w.state.participants.values()] == [("Azienda A", ""),
                                                                                    ("Azienda B", "ACME")]


async def test_scoring_as_a_participant_shows_their_own_values_not_the_consensus(table, tmp_path):
    with Workshop.open(table) as w:
        w.score("Nord", "EN-01", "technical", 2)
        w.score("Nord", "EN-01", "technical", 4, by="azienda-a")
    app = make_app(table, table="Nord", config_dir=config_for(tmp_path, "it"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_picks(app, pilot)
        crit = app.screen.query_one("#criteria", DataTable)
        assert str(crit.get_cell("technical", "value")) == "2"
        await pilot.press("b")
        await pilot.pause()
        assert str(crit.get_cell("technical", "value")) == "4"
        assert str(crit.get_cell("economic", "value")) == "–"
        await pilot.press("enter", "3")  # Azienda A's own first unscored criterion... the panel shows who
        await pilot.pause()
        assert "valuta: Azienda A" in str(crit.border_title)
        await pilot.press("b")  # back to the consensus
        await pilot.pause()
        assert str(crit.get_cell("technical", "value")) == "2"


async def test_the_action_count_is_never_cut_at_80_columns(table, tmp_path):
    app = make_app(table, table="Nord", config_dir=config_for(tmp_path, "it"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.set_status("Priorità: " + " > ".join(["Energia e clima"] * 6))
        await pilot.pause()
        line = app.screen.query_one("#status", Static).render_line(0).text
        assert f"{app.workshop.state.events} azioni" in line


async def test_the_table_chooser_lists_a_table_another_app_added(table, tmp_path):
    app = make_app(table, config_dir=config_for(tmp_path, "it"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with Workshop.open(table) as other:
            other.add_table("Sud", area="Centro")
        app.refresh_from_file()
        await pilot.pause()
        listing = app.screen.query_one("#tables", OptionList)
        assert [listing.get_option_at_index(i).id for i in range(listing.option_count)] == ["nord", "sud"]
        assert listing.highlighted == 0
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.table_id == "sud"


async def test_open_comments_and_participants_views_show_what_another_app_saved(table, tmp_path):
    app = make_app(table, table="Nord", config_dir=config_for(tmp_path, "it"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_picks(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        with Workshop.open(table) as other:
            other.comment("Nord", "barrier", "da un altro portatile", card="EN-01")
        app.refresh_from_file()
        await pilot.pause()
        listing = app.screen.query_one("#comments-list", OptionList)
        assert "da un altro portatile" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("escape", "g")
        await pilot.pause()
        with Workshop.open(table) as other:
            other.add_participant("Comune", "public-authority", table="Nord")
        app.refresh_from_file()
        await pilot.pause()
        listing = app.screen.query_one("#participants-list", OptionList)
        assert any("Comune" in str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))


async def test_the_criteria_panel_keeps_the_cards_score_after_an_action(table, tmp_path):
    app = make_app(table, table="Nord", config_dir=config_for(tmp_path, "it"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_picks(app, pilot)
        await pilot.press("enter", "4", "4")
        await pilot.pause()
        crit = app.screen.query_one("#criteria", DataTable)
        assert "Fattibilità" in str(crit.border_title)  # it was wiped by the action's subtitle refresh
        await pilot.press("b", "3")
        await pilot.pause()
        assert str(crit.border_title).startswith("valuta: Azienda A · Fattibilità")


def test_an_id_typed_on_the_search_results_then_enter_tab_and_a_key_keep_their_order(tmp_path):
    path = new_workshop(tmp_path, "en")
    app = AppInTerminal([str(path), "--table", "Nord"], tmp_path / "config", size=(80, 24))
    try:
        app.wait_for("Card id")
        mark = app.mark()
        app.type("solar roof\r")  # words: the results take the focus, waiting for a choice
        app.wait_for("is not an id", mark)
        mark = app.mark()
        app.type("BE-01\r\tf")  # an id instead, then Tab to the picks and f: BE-01 becomes a favourite
        app.wait_for("BE-01 favourite", mark)
        screen = app.text_since(mark)
    finally:
        app.close()
    assert "BE-01f" not in screen
    with Workshop.open(path) as w:
        assert [(e.payload["card"], e.payload["kind"]) for e in w.store.events() if e.kind == "pick"] == [
            ("BE-01", "selected"), ("BE-01", "favourite")]


async def test_the_priorities_saved_unchanged_write_no_event(table, tmp_path):
    with Workshop.open(table) as w:
        w.set_priorities("Nord", domains=["energy", "mobility"], cards=["EN-01"])
        before = w.state.events
    app = make_app(table, table="Nord", config_dir=config_for(tmp_path, "it"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_picks(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert any("nessuna modifica" in n.message for n in app._notifications)
    with Workshop.open(table) as w:
        assert w.state.events == before
        assert w.state.tables["nord"].priority_domains == ["energy", "mobility"]


def test_a_comment_typed_right_after_c_lands_in_the_comment(tmp_path):
    path = new_workshop(tmp_path, "it")
    app = AppInTerminal([str(path), "--table", "Nord"], tmp_path / "config", size=(80, 24))
    try:
        app.wait_for("Codice carta")
        mark = app.mark()
        app.type("EN-01\r\tctroppo caro\r")  # one burst: the id, Tab to the picks, c and the comment
        app.wait_for("Commento (Ostacolo) su EN-01", mark)
    finally:
        app.close()
    with Workshop.open(path) as w:
        assert [(c.kind, c.text, c.card) for c in w.state.tables["nord"].comments] == [
            ("barrier", "troppo caro", "EN-01")]
