"""The engine's refusals and errors met for real in the Italian app, said in Italian (issue 11, deliverable 7).

Each case is driven as it happens at a table: a full disk during a pick and during a comment's edit, a disk
turned read-only, a second program holding the file's write lock, a file holding invalid events, text with a
control character pasted into a proposal, a comment or proposal undone by another laptop while it is being
edited here. Every notice the app shows must hold no English word of tui/i18n.FOREIGN_WORDS, and nothing the
note-taker typed may be lost: what `Workshop.open` reads back is checked."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea

from cardengine.decks.load import load_for_workshop
from cardengine.sessions import Event, Store, Workshop, WorkshopInfo
from cardengine_tui.app import make_app
from cardengine_tui.i18n import FOREIGN_WORDS
from tests.tui_support import enter_id

from .conftest import _can_mount


def _make(path: Path, decks_dir: Path) -> Path:
    result, criteria = load_for_workshop(decks_dir)
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), result.decks, criteria) as w:
        w.add_table("Nord")
        w.pick("Nord", "WT-01")
        w.comment("Nord", "barrier", "costa troppo", card="WT-01")
        w.propose("Nord", "Tetti verdi", ["WT-01"], lead_actors=["Comune"])
    return path


def notices(app, *paths: Path) -> list[str]:
    """The notices shown so far, with the file's folder left out (a path is not a word of either language)."""
    out = []
    for n in app._notifications:
        text = n.message
        for path in paths:
            text = text.replace(str(path), "…")
        out.append(text)
    return out


def english(texts: list[str]) -> dict[str, list[str]]:
    return {text: found for text in texts if (found := [w for w in FOREIGN_WORDS["it"]
                                                        if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)])}



def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # to the last byte
        while os.write(fd, b"\0" * 1024):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


@pytest.mark.skipif(not _can_mount(), reason="needs a tmpfs (root on Linux)")
@pytest.mark.disk_free(1024 * 1024)
async def test_a_full_disk_is_said_in_italian_and_loses_nothing(small_disk, decks_dir, tmp_path):
    path = _make(small_disk.path / "w.db", decks_dir)
    app = make_app(path, table="Nord", config_dir=tmp_path / "config", language="it")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        filler = _fill(small_disk.path)
        await enter_id(app, pilot, "WT-02")  # a pick on a full disk
        full = notices(app, small_disk.path)
        assert any(n.startswith("Non salvato: WT-02 scelta.") and "disco pieno" in n for n in full), full
        # A comment edited on the full disk: refused, and the dialog comes back with the new text.
        table = app.screen
        table.edit_comment(table.table.comments[0].event)
        await pilot.pause()
        app.screen.query_one("#comment-text", Input).value = "costa troppo, dice il Comune"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#comment-text", Input).value == "costa troppo, dice il Comune"
        filler.unlink()
        await pilot.press("enter")  # room again: the edit is saved
        await pilot.pause()
        await enter_id(app, pilot, "WT-02")
        said = notices(app, small_disk.path)
        assert not english(said), english(said)
    with Workshop.open(path) as w:
        nord = w.state.tables["nord"]
        assert [c.text for c in nord.comments] == ["costa troppo, dice il Comune"]
        assert list(nord.picks) == ["WT-01", "WT-02"]


async def test_a_workshop_on_a_read_only_disk_is_refused_in_italian(decks_dir, tmp_path):
    """Opened from the start screen's recent files (a locked USB stick, a read-only share)."""
    if not _can_mount():
        pytest.skip("needs a tmpfs (root on Linux)")
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount a tmpfs")
    try:
        _make(mount / "w.db", decks_dir)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        app = make_app(config_dir=tmp_path / "config", language="it")
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            app.open_workshop(mount / "w.db")  # what choosing it among the recent files does
            await pilot.pause()
            said = notices(app, mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
    assert any("sola lettura" in n for n in said), said
    assert not english(said), english(said)


async def test_a_second_program_holding_the_write_lock_is_said_in_italian(decks_dir, tmp_path):
    path = _make(tmp_path / "w.db", decks_dir)
    app = make_app(path, table="Nord", config_dir=tmp_path / "config", language="it")
    other = sqlite3.connect(path, isolation_level=None)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        other.execute("BEGIN IMMEDIATE")  # another program writing (a long import, a stuck process)
        try:
            await enter_id(app, pilot, "WT-02")  # waits for the lock (5 s), then gives up saving nothing
        finally:
            other.execute("ROLLBACK")
            other.close()
        said = notices(app, tmp_path)
        assert any(n.startswith("Non salvato: WT-02 scelta.") and "un altro programma" in n for n in said), said
        assert app.screen.query_one("#card-input", Input).value == ""
        await enter_id(app, pilot, "WT-02")  # the lock is gone: saved
        said = notices(app, tmp_path)
        assert not english(said), english(said)
    with Workshop.open(path) as w:
        assert list(w.state.tables["nord"].picks) == ["WT-01", "WT-02"]


async def test_a_file_with_invalid_events_says_why_in_italian(decks_dir, tmp_path):
    path = _make(tmp_path / "w.db", decks_dir)
    with Store.open(path) as s:  # a pick of a card no deck has, and a score off the scale (a hand edit)
        s.insert([Event("bad-1", "2030-01-01T10:00:00", "x", "pick", "nord", {"card": "ZZ-99", "kind": "selected"}),
                  Event("bad-2", "2030-01-01T10:00:01", "x", "score", "nord",
                        {"target": "WT-01", "criterion": "technical", "value": 9})])
    app = make_app(path, table="Nord", config_dir=tmp_path / "config", language="it")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        said = notices(app, tmp_path)
    assert any("2 azioni non valide" in n and "(carta scelta: Nessuna carta 'ZZ-99'" in n for n in said), said
    assert not english(said), english(said)


async def test_refusals_of_edits_are_said_in_italian_and_keep_what_was_typed(decks_dir, tmp_path):
    """A lead actor pasted with a bidi override; a comment and a proposal undone by another laptop while
    they are being edited here."""
    path = _make(tmp_path / "w.db", decks_dir)
    app = make_app(path, table="Nord", config_dir=tmp_path / "config", language="it")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        table = app.screen
        grid = table.query_one("#picks", DataTable)
        grid.focus()
        grid.move_cursor(row=grid.get_row_index("P1"))
        await pilot.press("e")
        await pilot.pause()
        lead = app.screen.query_one("#proposal-lead", TextArea)
        lead.text = "Comune\n\u202eAzienda"  # pasted
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("carattere di controllo" in n and "Attore promotore" in n for n in notices(app))
        assert app.screen.query_one("#proposal-lead", TextArea).text == "Comune\n\u202eAzienda"
        with Workshop.open(path) as other:  # another laptop at this table undoes the proposal
            other.undo("Nord")
        app.screen.query_one("#proposal-lead", TextArea).text = "Comune\nAzienda"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Nessuna proposta 'P1'" in n for n in notices(app)), notices(app)
        await pilot.press("escape")
        await pilot.pause()
        table.edit_comment(table.table.comments[0].event)
        await pilot.pause()
        with Workshop.open(path) as other:  # and then the comment
            other.undo("Nord")
        app.screen.query_one("#comment-text", Input).value = "costa troppo?"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#comment-text", Input).value == "costa troppo?"
        said = notices(app)
        assert any("Nessun commento" in n for n in said), said
        assert not english(said), english(said)


async def test_another_programs_action_in_the_second_a_table_is_chosen_does_not_crash_the_app(decks_dir, tmp_path):
    """Found in round 2: the refresh tick that took in another program's action reached the table screen
    just pushed but not yet drawn, and the app died (NoMatches '#picks'). Now that screen draws the file's
    state when it mounts."""
    path = _make(tmp_path / "w.db", decks_dir)
    app = make_app(path, config_dir=tmp_path / "config", language="it")  # no --table: the chooser
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.start_table("nord")  # what Enter on a table does
        with Workshop.open(path) as other:
            other.comment("Nord", "question", "chi paga?")
        app.refresh_from_file()  # the 1-second tick, before the screen is drawn
        await pilot.pause()
        assert [c.text for c in app.screen.table.comments] == ["costa troppo", "chi paga?"]
        assert "WT-01" in str(app.screen.query_one("#picks", DataTable).get_row("WT-01"))
    with Workshop.open(path) as w:
        assert [c.text for c in w.state.tables["nord"].comments] == ["costa troppo", "chi paga?"]


HOSTILE = "A\x1b[2J\x1b[31mROSSO\x07 abc\u202efed [b]x[/b]"  # clears the screen, recolours, rings, reverses


async def test_hostile_text_from_the_file_is_drawn_escaped_never_run_by_the_terminal(decks_dir, tmp_path):
    """Found in round 2: a comment holding an escape sequence (saved by `session comment`, another program or
    an older version) cleared the note-taker's terminal when the comments view drew it, and a bidi override
    reversed the line. The text is kept as stored; the app draws its control characters written out, as
    the command line does. An emoji with joiners (👩‍👧) is text, not a control character."""
    path = _make(tmp_path / "w.db", decks_dir)
    with Workshop.open(path) as w:
        w.comment("Nord", "quote", HOSTILE + "\nseconda riga", card="WT-01")
        w.update_proposal("Nord", "P1", description=HOSTILE)
        w.add_participant("Famiglia 👩\u200d👧", "citizen", organisation="org", table="Nord")
    with Store.open(path) as s:  # a label and an area an older version saved unchecked (kept by the fold)
        s.insert([Event("old-1", "2030-01-01T10:00:00", "x", "participant.added", "nord",
                        {"participant": "p-old", "label": "Vecchio\x1b[2J", "stakeholder_type": "expert"}),
                  Event("old-2", "2030-01-01T10:00:01", "x", "table.updated", "nord", {"area": "Zona\u202eovest"})])
    from tests.test_tui_language import screen_text

    app = make_app(path, table="Nord", config_dir=tmp_path / "config", language="it")
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        grid = app.screen.query_one("#picks", DataTable)
        grid.focus()
        grid.move_cursor(row=grid.get_row_index("WT-01"))
        seen = {}
        for key, name in (("m", "comments"), ("g", "participants")):
            await pilot.press(key)
            await pilot.pause()
            seen[name] = screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
        grid.move_cursor(row=grid.get_row_index("P1"))
        await pilot.press("v")
        await pilot.pause()
        seen["proposal"] = screen_text(app)
    for name, text in seen.items():
        assert not any(ch in text for ch in "\x1b\x07\u202e"), name
    assert "A\\x1b[2J\\x1b[31mROSSO\\x07 abc\\u202efed [b]x[/b]" in seen["comments"]
    assert "seconda riga" in seen["comments"]
    assert "Vecchio\\x1b[2J" in seen["participants"] and "Zona\\u202eovest" in seen["participants"]
    assert "Famiglia 👩\u200d👧" in seen["participants"]
    assert "ROSSO\\x07" in seen["proposal"]
    with Workshop.open(path) as w:  # nothing changed in the file: the text is kept as typed
        assert w.state.tables["nord"].comments[-1].text == HOSTILE + "\nseconda riga"
        assert w.state.tables["nord"].proposals["P1"].description == HOSTILE
