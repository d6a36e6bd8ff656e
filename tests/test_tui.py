"""The note-taker's app driven by Textual's Pilot over real workshop files; the engine reads back the result."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import DataTable, Input, Static

from cardengine.sessions.workshop import Workshop
from cardengine_tui.app import make_app
from cardengine_tui.i18n import t
from cardengine_tui.table_screen import TableScreen

from .conftest import DECKS
from .tui_support import FIXED, app_config, type_text


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return app_config(tmp_path)


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_a_whole_table_session_from_creating_the_workshop_to_reopening(tmp_path, config):
    path = tmp_path / "atelier.db"
    app = make_app(config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        # Start screen: create the workshop.
        for field, value in (("new-file", str(path)), ("new-title", "Atelier"),
                             ("new-territory", "Trezzano sul Naviglio"), ("new-date", "2021-07-27")):
            app.screen.query_one(f"#{field}", Input).value = value
        app.screen.query_one("#new-date", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        # Table chooser: a new table.
        app.screen.query_one("#new-table", Input).focus()
        await type_text(pilot, "Nord")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        # A participant at this table.
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Azienda A")
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#card-input", Input).focus()
        # A pick by id, as typed or scanned.
        await type_text(pilot, "EN-01")
        await pilot.press("enter")
        await pilot.pause()
        assert "EN-01" in status(app) and "Salvato 10:30:00" in status(app)
        # A pick by search words: Enter shows the results, Enter on the highlighted one picks it.
        await type_text(pilot, "parcheggi fotovoltaiche")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # An unknown id: a notice naming it, nothing saved, the field empty for the next one.
        await type_text(pilot, "XX-99")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#card-input", Input).value == ""
        assert any("'XX-99'" in str(n.message) for n in app._notifications)
        # Score the selected pick (EN-11, the last picked) on all five criteria.
        await pilot.press("tab", "enter")
        for key in "43522":
            await pilot.press(key)
        await pilot.pause()
        picks = app.screen.query_one("#picks", DataTable)
        assert picks.get_row("EN-11")[2] == "65"
        # Favourite, comment, mark two cards and propose.
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("f", "space", "up", "space", "c")
        await pilot.pause()
        await type_text(pilot, "serve un accordo con il distributore")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await type_text(pilot, "Parcheggi solari condivisi")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Undo the proposal, then quit.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Annullato" in status(app)
        await pilot.press("ctrl+q")

    with Workshop.open(path) as w:
        table = w.state.tables["nord"]
        assert {c: p.kind for c, p in table.picks.items()} == {"EN-01": "selected", "EN-11": "favourite"}
        assert [table.scores[("EN-11", c, "consensus")] for c in
                ("technical", "economic", "regulatory", "social", "time")] == [4, 3, 5, 2, 2]
        assert [(c.kind, c.text, c.card) for c in table.comments] == [
            ("barrier", "serve un accordo con il distributore", "EN-01")]
        assert table.proposals == {}  # undone
        assert len(w.state.redo_stacks["nord"]) == 1
        assert [(p.label, p.stakeholder_type, p.table) for p in w.state.participants.values()] == [
            ("Azienda A", "company", "nord")]

    # Reopen: everything is there, and redo works across the restart.
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#picks", DataTable).row_count == 2
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.screen.query_one("#picks", DataTable).row_count == 3
    with Workshop.open(path) as w:
        (proposal,) = w.state.tables["nord"].proposals.values()
        assert proposal.title == "Parcheggi solari condivisi"
        assert [c["card"] for c in proposal.cards] == ["EN-11", "EN-01"]


async def test_help_lists_every_key_and_the_palette_reaches_every_action(tmp_path, config, cmd):
    path = tmp_path / "w.db"
    new = cmd("session", "new", path, "--title", "A", "--territory", "Seregno", "--date", "2022-06-01", "--lang", "en",
              "--decks", DECKS)
    assert new.returncode == 0, new.output
    app = make_app(path, table="Centro", config_dir=config, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        actions = {b.action for b in screen.BINDINGS}
        await pilot.press("f1")
        await pilot.pause()
        body = str(app.screen.query_one("#dialog-body", Static).render())
        from cardengine_tui.table_screen import ACTIONS

        for _key, action in ACTIONS:
            assert t(f"action_{action}", "en") in body and action in actions
        commands = [c.title for c in app.get_system_commands(screen)]
        assert all(t(f"action_{action}", "en") in commands for _, action in ACTIONS)
        assert all(b.id and b.description for b in screen.BINDINGS)


def test_a_bad_workshop_file_is_one_line_on_stderr_and_exit_2(cli, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"garbage" * 1000)
    run = cli("tui", junk)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "damaged or not a workshop file" in run.stderr


async def test_a_damaged_recent_file_is_a_notice_inside_the_app(tmp_path, config):
    junk = tmp_path / "old.db"
    junk.write_bytes(b"garbage" * 1000)
    (config / "settings.yaml").write_text(yaml.safe_dump({"language": "en", "decks": str(DECKS),
                                                          "recent": [str(junk)]}))
    app = make_app(config_dir=config)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_workshop(junk)
        await pilot.pause()
        assert any("damaged" in n.message for n in app._notifications)
        assert app.screen.query_one("#create")  # still on the start screen, still running
    assert junk.read_bytes() == b"garbage" * 1000
