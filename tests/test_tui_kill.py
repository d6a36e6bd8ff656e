"""The app as a separate process in a terminal: type card ids, kill it with SIGKILL, find every saved pick."""

from __future__ import annotations

import os
import signal
import sqlite3

from cardengine.sessions.workshop import Workshop

from .conftest import DECKS
from .terminal import AppInTerminal


def test_every_pick_shown_as_saved_survives_sigkill(cmd, tmp_path):
    workshop = tmp_path / "w.db"
    new = cmd("session", "new", workshop, "--title", "Atelier", "--territory", "Trezzano", "--date", "2021-07-27",
              "--lang", "en", "--decks", DECKS)  # in this process: the app is the process under test
    assert new.returncode == 0, new.output
    app = AppInTerminal([str(workshop), "--table", "Nord"], tmp_path / "config")
    shown: list[str] = []
    try:
        app.wait_for("Card id")
        for card in ("EN-01", "CL-03", "MO-05", "WA-02", "WW-07", "BE-11", "EN-09", "CL-12"):
            mark = app.mark()
            app.type(card + "\r")
            app.wait_for(f"{card} picked", mark)
            shown.append(card)
        app.type("MO-13\r")  # typed, then the lid slams before the screen answers
        os.kill(app.proc.pid, signal.SIGKILL)
        app.proc.wait(timeout=10)
    finally:
        app.close()

    with Workshop.open(workshop) as w:
        picks = w.state.tables["nord"].picks
        assert all(card in picks for card in shown)
        assert set(picks) - set(shown) <= {"MO-13"}  # at most the one not yet acknowledged
    assert sqlite3.connect(workshop).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_scanner_burst_of_ids_logs_every_card(cmd, tmp_path):
    workshop = tmp_path / "w.db"
    new = cmd("session", "new", workshop, "--title", "Atelier", "--territory", "Trezzano", "--date", "2021-07-27",
              "--lang", "en", "--decks", DECKS)  # in this process: the app is the process under test
    assert new.returncode == 0, new.output
    app = AppInTerminal([str(workshop), "--table", "Nord"], tmp_path / "config")
    burst = ["EN-01", "CL-03", "MO-05", "WA-02", "WW-07"]
    try:
        app.wait_for("Card id")
        mark = app.mark()
        app.type("".join(card + "\r" for card in burst))  # a scanner types faster than the screen redraws
        app.wait_for(f"{burst[-1]} picked", mark)
    finally:
        app.close()
    with Workshop.open(workshop) as w:
        assert list(w.state.tables["nord"].picks) == burst
