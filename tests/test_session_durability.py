"""Durability of workshop files: an acknowledged action survives a killed process, and files that cannot be
used (newer format, damaged, not a database) are refused with a clear StoreError and left byte-for-byte alone.

Everything is written under pytest's tmp_path.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cardengine.decks.load import load_paths
from cardengine.sessions import StoreError, Workshop, WorkshopInfo
from cardengine.sessions.state import fold

from .conftest import ROOT

ACK = re.compile(r"ACK ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\n")

# The child: opens the workshop file and records actions as fast as it can, acknowledging each one on
# stdout only after the action call has returned (= committed). It never stops by itself.
CHILD = r"""
import sys
from pathlib import Path
from cardengine.sessions.workshop import Workshop

ws = Workshop.open(Path(sys.argv[1]))
cards = sorted(ws.state.cards)
crits = [c.id for c in ws.state.criteria.criteria]
out = sys.stdout
out.write(f"READY {len(ws.events)}\n")
out.flush()
i = 0
while True:
    card = cards[i % len(cards)]
    if i % 3 == 0:
        event = ws.pick("Tavolo 1", card, ("selected", "favourite", "discarded")[(i // 3) % 3])
    elif i % 7 == 0:
        event = ws.comment("Tavolo 1", "barrier", f"ostacolo numero {i}", card=card)
    else:
        event = ws.score("Tavolo 1", card, crits[i % len(crits)], 1 + i % 5)
    out.write(f"ACK {event.id}\n")
    out.flush()
    i += 1
"""


@pytest.fixture(scope="module")
def bundled():
    result = load_paths([ROOT / "decks"])
    return result.decks, result.criteria[0]


def make_workshop(path: Path, bundled, actions: int = 0) -> list[str]:
    """A real workshop file with one table and `actions` picks and scores; returns its event ids."""
    decks, criteria = bundled
    with Workshop.create(path, WorkshopInfo("Prova", "Distretto", "2024-05-16"), decks, criteria) as ws:
        ws.add_table("Tavolo 1", area="nord")
        cards = sorted(ws.state.cards)
        crits = [c.id for c in ws.state.criteria.criteria]
        for i in range(actions):
            if i % 2:
                ws.pick("Tavolo 1", cards[i % len(cards)])
            else:
                ws.score("Tavolo 1", cards[i % len(cards)], crits[i % len(crits)], 1 + i % 5)
        return [e.id for e in ws.events]


def sidecars(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path}


# ------------------------------------------------------------------------------------------ kill -9


# (acks read before the kill, then how long to let the child run on): right after an ACK, within the
# next action, and after a few dozen more actions whose ACKs are still unread in the pipe.
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
@pytest.mark.parametrize("acks_before_kill, delay", [(150, 0.0), (160, 0.0005), (173, 0.005), (211, 0.02)])
def test_acknowledged_actions_survive_sigkill(tmp_path: Path, bundled, acks_before_kill: int, delay: float):
    path = tmp_path / "workshop.cardengine"
    setup_ids = make_workshop(path, bundled)  # workshop.created + table.added, closed cleanly

    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, bufsize=1,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    watchdog = threading.Timer(120, proc.kill)  # never hang the suite if the child stalls
    watchdog.start()
    acked: list[str] = []
    try:
        ready = proc.stdout.readline()
        assert ready.startswith("READY "), f"child did not start: {ready!r} {proc.stderr.read() if not ready else ''}"
        assert int(ready.split()[1]) == len(setup_ids)
        while len(acked) < acks_before_kill:
            line = proc.stdout.readline()
            assert line, f"child stopped early: {proc.stderr.read()}"
            m = ACK.fullmatch(line)
            assert m, f"unexpected line from child: {line!r}"
            acked.append(m.group(1))
        if delay:
            time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)  # mid-stream: the child is busy recording the next action
        proc.wait(timeout=30)
        rest = proc.stdout.read()  # acks written before the kill that we had not read yet
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    # a line cut short cannot happen (one small write per line), but only whole ACK lines count anyway
    acked += [m.group(1) for m in ACK.finditer(rest)]
    assert len(acked) == len(set(acked)) >= acks_before_kill

    with Workshop.open(path) as ws:
        events = ws.events
        ids = [e.id for e in events]
        state = ws.state
        # every acknowledged action is there
        missing = set(acked) - set(ids)
        assert not missing, f"{len(missing)} acknowledged actions lost, e.g. {sorted(missing)[:3]}"
        # ... plus at most one that was committed but killed before its ACK; nothing else
        extra = set(ids) - set(acked) - set(setup_ids)
        assert len(ids) == len(set(ids))
        assert len(setup_ids) + len(acked) <= len(events) <= len(setup_ids) + len(acked) + 1
        assert len(extra) <= 1, extra
        if extra:  # the unacknowledged one can only be the very last action written
            assert max(events, key=lambda e: e.seq).id in extra
        assert state.events == len(events)
        assert state.id and "tavolo-1" in state.tables
        assert fold(events).events == len(events)  # the derived state folds again from scratch
        # and the file is still usable after the crash
        after = ws.pick("Tavolo 1", sorted(ws.state.cards)[0], "favourite")

    # raw check, outside the engine: a sound file whose every row is complete and parses
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT seq, id, at, origin, kind, tbl, payload FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))  # no holes: no half-written transaction
    assert len(rows) == len(events) + 1 and rows[-1][1] == after.id
    for seq, event_id, at, origin, kind, _tbl, payload in rows:
        assert event_id and at and origin and kind
        assert isinstance(json.loads(payload), dict), (seq, payload)


# ------------------------------------------------------------------------------------------ refusals


def test_file_from_newer_version_is_refused(tmp_path: Path, bundled):
    original = tmp_path / "workshop.cardengine"
    make_workshop(original, bundled, actions=20)
    newer = tmp_path / "newer.cardengine"
    shutil.copy(original, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = newer.read_bytes()

    with pytest.raises(StoreError, match="newer") as err:
        Workshop.open(newer)
    assert "99" in str(err.value)
    assert newer.read_bytes() == before
    with Workshop.open(original) as ws:  # the original is fine
        assert ws.state.events == 22


def overwrite_middle(path: Path, length: int = 4096, seed: int = 7) -> None:
    size = path.stat().st_size
    garbage = random.Random(seed).randbytes(length)
    with open(path, "r+b") as f:
        f.seek(size // 2)
        f.write(garbage)


@pytest.fixture(scope="module")
def busy_workshop(tmp_path_factory, bundled) -> Path:
    """A workshop of 600 actions, closed cleanly (everything in the main file), made once for the module."""
    path = tmp_path_factory.mktemp("busy") / "busy.cardengine"
    make_workshop(path, bundled, actions=600)
    assert not sidecars(path)
    return path


@pytest.mark.parametrize("offset_seed", [7, 8])
def test_damaged_workshop_file_is_refused_and_left_untouched(tmp_path: Path, busy_workshop: Path, offset_seed: int):
    path = tmp_path / "damaged.cardengine"
    shutil.copyfile(busy_workshop, path)  # each test damages its own copy
    assert not sidecars(path)  # closed cleanly: everything is in the main file
    overwrite_middle(path, seed=offset_seed)
    before = path.read_bytes()

    with pytest.raises(StoreError, match=r"damaged|not a") as err:
        Workshop.open(path)
    assert "untouched" in str(err.value)
    assert path.read_bytes() == before
    assert not sidecars(path)
    with pytest.raises(StoreError, match=r"damaged|not a"):  # refused again, the same way
        Workshop.open(path)
    assert path.read_bytes() == before


def test_random_bytes_file_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "random.cardengine"
    path.write_bytes(random.Random(3).randbytes(64 * 1024))
    before = path.read_bytes()

    with pytest.raises(StoreError, match=r"damaged|not a"):
        Workshop.open(path)
    assert path.read_bytes() == before
    assert not sidecars(path)


WAL_BEFORE_CHECK = ("Store._connect runs `PRAGMA journal_mode = WAL` before checking the application id, so it "
                    "writes to a file it then refuses")


@pytest.mark.parametrize("content", [
    pytest.param(b"", id="empty"),
    pytest.param(("Tavolo 1: BE-01, BE-02\n" * 200).encode(), id="text"),
])
def test_empty_and_text_files_are_refused_and_left_untouched(tmp_path: Path, content: bytes):
    path = tmp_path / "notes.cardengine"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"damaged|not a|empty"):
        Workshop.open(path)
    assert path.read_bytes() == content
    assert not sidecars(path)


def test_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "someone-elses.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('non toccare')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a cardengine workshop"):
        Workshop.open(path)
    assert path.read_bytes() == before
