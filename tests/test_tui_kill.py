"""The app as a separate process in a terminal: type card ids, kill it with SIGKILL, find every saved pick."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time

from cardengine.workshop import Workshop

from .conftest import DECKS, ROOT

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P^_].*?(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def test_every_pick_shown_as_saved_survives_sigkill(cli, tmp_path):
    workshop = tmp_path / "w.db"
    cli("session", "new", workshop, "--title", "Atelier", "--territory", "Trezzano", "--date", "2021-07-27",
        "--lang", "en", "--decks", DECKS)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.Popen([sys.executable, "-m", "cardengine", "tui", str(workshop), "--table", "Nord"],
                            stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True)
    os.close(slave)
    screen = bytearray()

    def reader() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    threading.Thread(target=reader, daemon=True).start()

    def wait_for(text: str, start: int, timeout: float = 20) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text.encode() in ANSI.sub(b"", bytes(screen[start:])):
                return True
            time.sleep(0.02)
        return False

    shown: list[str] = []
    try:
        assert wait_for("Card id", 0), ANSI.sub(b"", bytes(screen))[-2000:]
        for card in ("EN-01", "CL-03", "MO-05", "WA-02", "WW-07", "BE-11", "EN-09", "CL-12"):
            mark = len(screen)
            os.write(master, card.encode() + b"\r")
            assert wait_for(f"{card} picked", mark), f"{card} never shown as saved"
            shown.append(card)
        os.write(master, b"MO-13\r")  # typed, then the lid slams before the screen answers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)

    with Workshop.open(workshop) as w:
        picks = w.state.tables["nord"].picks
        assert all(card in picks for card in shown)
        assert set(picks) - set(shown) <= {"MO-13"}  # at most the one not yet acknowledged
    assert sqlite3.connect(workshop).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
