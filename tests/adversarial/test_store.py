"""One workshop, one file (issue 10, part 3): a `-wal` that is not the workshop's own is refused before SQLite
reads the file, with every file byte-identical after; the legitimate logs (a second process writing the file,
an app killed mid-session) still work; `session copy` makes a complete copy of a file in use; the app writes
its log into the file when idle and on exit.

Real SQLite files under tmp_path, the real command line, real second processes.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input

from cardengine.decks.load import load_paths
from cardengine.sessions import StoreError, Workshop, WorkshopInfo
from cardengine_tui.app import make_app
from tests.conftest import DECKS, ROOT, SMALL_DECK

from .conftest import assert_unchanged, tree

TABLE = "Tavolo 1"

# A second program with the workshop open: it records `n` picks, acknowledging each once saved, with
# automatic checkpoints off so that they stay in the write-ahead log (as in an app between checkpoints),
# then keeps the file open until told to stop (a line on stdin) or killed.
HOLDER = r"""
import sys
from pathlib import Path
from cardengine.sessions.workshop import Workshop

ws = Workshop.open(Path(sys.argv[1]))
ws.store._conn.execute("PRAGMA wal_autocheckpoint = 0")
cards = sorted(ws.state.cards)
for i in range(int(sys.argv[2])):
    print("ACK", ws.pick(sys.argv[3], cards[i % len(cards)], ("selected", "favourite")[i % 2]).id, flush=True)
print("READY", flush=True)
sys.stdin.readline()
ws.close()
"""


@dataclass
class Holder:
    proc: subprocess.Popen
    acked: list[str]


@contextmanager
def holding(path: Path, picks: int = 9) -> Iterator[Holder]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(picks), TABLE], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acked: list[str] = []
    try:
        for line in proc.stdout:
            if line.startswith("ACK "):
                acked.append(line.split()[1])
            elif line.startswith("READY"):
                break
        else:
            pytest.fail(f"the holder stopped: {proc.stderr.read()}")
        yield Holder(proc, acked)
    finally:
        if proc.poll() is None:
            proc.stdin.write("\n")
            proc.stdin.flush()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            stream.close()


def ids_in_file_alone(path: Path) -> set[str]:
    """The events the workshop file itself holds, ignoring its -wal (what `cp W.db` would carry)."""
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM events")}
    finally:
        conn.close()


def ids_in(path: Path) -> set[str]:
    with Workshop.open(path) as w:
        return {e.id for e in w.events}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """A small deck (two cards) and the bundled criteria: quick to load, a real workshop all the same."""
    folder = tmp_path_factory.mktemp("decks")
    (folder / "water.yaml").write_text(SMALL_DECK, encoding="utf-8")
    (folder / "criteria.yaml").write_bytes((DECKS / "criteria.yaml").read_bytes())
    result = load_paths([folder])
    assert result.ok, result.problems
    return result.decks, result.criteria[0]


@pytest.fixture(scope="module")
def blank(bundled, tmp_path_factory) -> bytes:
    """A closed workshop file with one table and nothing else, made once."""
    path = tmp_path_factory.mktemp("blank") / "W.db"
    make_workshop(path, bundled)
    return path.read_bytes()


def make_workshop(path: Path, bundled, picks: int = 0, title: str = "Prova", blank: bytes | None = None) -> None:
    """A real workshop file with one table and `picks` picks, closed (no -wal); a copy of `blank` if given."""
    if blank is not None:
        path.write_bytes(blank)
        ws = Workshop.open(path)
    else:
        decks, criteria = bundled
        ws = Workshop.create(path, WorkshopInfo(title, "Distretto", "2024-05-16"), decks, criteria)
        ws.add_table(TABLE)
    with ws:
        ws.store._conn.execute("PRAGMA synchronous = OFF")  # test setup: no need to wait for the disk
        cards = sorted(ws.state.cards)
        for i in range(picks):
            ws.pick(TABLE, cards[i % len(cards)])


def wal_while_open(path: Path, write) -> bytes:
    """The -wal of `path` as it is while a program has the file open and has just written with `write`."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        write(conn)
        return Path(f"{path}-wal").read_bytes()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def stray_wals(tmp_path_factory, bundled) -> dict[str, bytes]:
    """The workshop file A.db (closed: no -wal), and -wal files that are not its own."""
    folder = tmp_path_factory.mktemp("stray")
    make_workshop(folder / "A.db", bundled, picks=5)
    make_workshop(folder / "B.db", bundled, title="Altro laboratorio")

    def other_workshop(conn: sqlite3.Connection) -> None:  # picks of another table of another workshop
        for i in range(9):
            conn.execute("INSERT INTO events (id, at, origin, kind, tbl, payload) VALUES (?, ?, 'b', 'pick', "
                         "'tavolo-1', ?)", (f"b-{i}", f"2024-05-16T10:00:0{i}", '{"card": "WT-02", "kind": '
                                            '"selected", "round": 1}'))

    def notes(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.executemany("INSERT INTO notes VALUES (?)", [("non toccare",)] * 50)

    small_pages = folder / "small-pages.db"
    conn = sqlite3.connect(small_pages)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return {
        "A.db": (folder / "A.db").read_bytes(),
        "another workshop": wal_while_open(folder / "B.db", other_workshop),
        "a non-workshop database": wal_while_open(folder / "notes.db", notes),
        "another page size": wal_while_open(small_pages, lambda c: c.execute("INSERT INTO t VALUES (1)")),
        "random bytes": random.Random(10).randbytes(8192),
        "a cut header": wal_while_open(folder / "cut.db", notes)[:20],
    }


def stray_setup(tmp_path: Path, stray_wals: dict[str, bytes], which: str) -> Path:
    path = tmp_path / "A.db"
    path.write_bytes(stray_wals["A.db"])
    Path(f"{path}-wal").write_bytes(stray_wals[which])
    return path


def assert_refused(run, path: Path) -> None:
    assert run.returncode == 1, run.output
    assert f"{path}-wal is not the log of {path}" in run.stderr
    assert "left untouched" in run.stderr and "move" in run.stderr
    assert "Traceback" not in run.output and "internal error" not in run.output


# ------------------------------------------------------------------------------------------ stray -wal refused


@pytest.mark.parametrize("which, command", [("another workshop", "show"), ("another workshop", "export"),
                                            ("another workshop", "compare"), ("a non-workshop database", "show")])
def test_a_wal_from_another_database_is_refused_and_every_file_kept(cli, tmp_path, stray_wals, which, command):
    path = stray_setup(tmp_path, stray_wals, which)
    before = tree(tmp_path)
    args = {"show": ["session", "show", path],
            "export": ["export", path, "--format", "json", "-o", tmp_path / "out"],
            "compare": ["compare", path, "-o", tmp_path / "report"]}[command]
    run = cli(*args)
    assert_refused(run, path)
    if which == "another workshop":
        assert "belongs to another workshop" in run.stderr
    assert_unchanged(before, tmp_path)


@pytest.mark.parametrize("which", ["another workshop", "a non-workshop database", "another page size",
                                   "random bytes", "a cut header"])
def test_workshop_open_refuses_a_wal_that_is_not_its_own(tmp_path, stray_wals, which):
    path = stray_setup(tmp_path, stray_wals, which)
    before = tree(tmp_path)
    with pytest.raises(StoreError, match="is not the log of") as err:
        Workshop.open(path)
    assert str(path) in str(err.value) and "untouched" in str(err.value)
    assert_unchanged(before, tmp_path)
    # moved away, as the message says: the workshop opens as it was
    Path(f"{path}-wal").rename(tmp_path / "stray-wal")
    with Workshop.open(path) as w:
        assert w.state.title == "Prova" and len(w.events) == 7


def test_a_wal_from_an_older_copy_of_the_same_workshop_is_refused(cli, tmp_path, bundled, blank):
    path = tmp_path / "W.db"
    make_workshop(path, bundled, picks=2, blank=blank)
    ws = Workshop.open(path)
    ws.store._conn.execute("PRAGMA wal_autocheckpoint = 0")
    cards = sorted(ws.state.cards)
    for i in range(3):
        ws.pick(TABLE, cards[i % 2], "favourite")
    old = Path(f"{path}-wal").read_bytes()  # someone copies the file with its log mid-session ...
    for i in range(3):
        ws.pick(TABLE, cards[i % 2], "discarded")
    ws.close()  # ... the session goes on and ends cleanly: no -wal
    Path(f"{path}-wal").write_bytes(old)  # ... and the old log comes back beside it
    before = tree(tmp_path)
    run = cli("session", "show", path)
    assert_refused(run, path)
    assert "would change or remove" in run.stderr
    assert_unchanged(before, tmp_path)


def test_a_new_workshop_is_not_made_beside_a_stray_wal(cli, tmp_path, stray_wals, small_deck):
    stray = tmp_path / "W.db-wal"
    stray.write_bytes(stray_wals["another workshop"])
    (tmp_path / "laptop").mkdir()
    (tmp_path / "laptop" / "A.db").write_bytes(stray_wals["A.db"])
    decks = tmp_path / "decks"
    decks.mkdir()
    small_deck.rename(decks / "water.yaml")
    (decks / "criteria.yaml").write_bytes((DECKS / "criteria.yaml").read_bytes())
    before = tree(tmp_path)
    run = cli("session", "new", tmp_path / "W.db", "--title", "T", "--territory", "X", "--date", "2021-07-27",
              "--decks", decks)
    assert run.returncode == 1, run.output
    assert f"{stray} is left beside {tmp_path / 'W.db'}" in run.stderr
    assert_unchanged(before, tmp_path)
    run = cli("merge", tmp_path / "laptop" / "A.db", "-o", tmp_path / "W.db")
    assert run.returncode == 1, run.output
    assert f"{stray} is left beside" in run.stderr
    assert_unchanged(before, tmp_path)


# ------------------------------------------------------------------------------------------ legitimate logs


def test_the_log_of_a_second_process_writing_the_file_is_read(cli, tmp_path, bundled, blank):
    path = tmp_path / "W.db"
    make_workshop(path, bundled, blank=blank)
    with holding(path) as holder:
        assert len(holder.acked) == 9
        assert not set(holder.acked) & ids_in_file_alone(path)  # all nine are in the holder's -wal only
        run = cli("session", "show", path)
        assert run.returncode == 0, run.output
        assert "(11 events)" in run.stdout
        run = cli("session", "pick", path, "--table", TABLE, "WT-02")
        assert run.returncode == 0, run.output
        assert set(holder.acked) < ids_in(path)
    with Workshop.open(path) as w:
        assert len(w.events) == 12


def test_the_log_of_a_killed_app_is_recovered(cli, tmp_path, bundled, blank):
    path = tmp_path / "W.db"
    make_workshop(path, bundled, blank=blank)
    with holding(path) as holder:
        os.kill(holder.proc.pid, signal.SIGKILL)
        holder.proc.wait(timeout=30)
    assert Path(f"{path}-wal").stat().st_size > 0  # the killed program never checkpointed
    run = cli("session", "show", path)
    assert run.returncode == 0, run.output
    assert "(11 events)" in run.stdout
    assert set(holder.acked) <= ids_in(path)


def test_one_process_can_open_the_same_file_twice(tmp_path, bundled, blank):
    path = tmp_path / "W.db"
    make_workshop(path, bundled, blank=blank)
    with Workshop.open(path) as first:
        first.store._conn.execute("PRAGMA wal_autocheckpoint = 0")
        first.pick(TABLE, "WT-01")
        with Workshop.open(path) as second:
            assert len(second.events) == 3
            second.pick(TABLE, "WT-02")
        first.reload()
        assert len(first.events) == 4
    assert not Path(f"{path}-wal").exists()


# ------------------------------------------------------------------------------------------ session copy


def test_session_copy_of_a_file_in_use_holds_every_acknowledged_event(cli, tmp_path, bundled, blank):
    path, copy = tmp_path / "W.db", tmp_path / "laptop2" / "W.db"
    copy.parent.mkdir()
    make_workshop(path, bundled, blank=blank)
    with holding(path) as holder:
        in_file = ids_in_file_alone(path)
        assert len(in_file) == 2 and not set(holder.acked) & in_file  # `cp W.db` would lose all nine
        run = cli("session", "copy", path, copy)
        assert run.returncode == 0, run.output
        assert "11 events" in run.stdout
        assert set(holder.acked) <= ids_in_file_alone(copy)  # complete on its own, without a -wal
        assert sorted(p.name for p in copy.parent.iterdir()) == ["W.db"]
    with Workshop.open(copy) as w:
        assert len(w.events) == 11 and len(w.state.tables["tavolo-1"].picks) == 2


def copy_target(tmp_path: Path, path: Path, stray_wals: dict[str, bytes], target: str) -> Path:
    other = tmp_path / "other.db"
    if target == "another workshop":
        other.write_bytes(stray_wals["A.db"])
    elif target == "a text file":
        other.write_text("appunti\n")
    elif target == "the source":
        other = path
    elif target == "a dangling link":
        other.symlink_to(tmp_path / "nowhere.db")
    elif target == "a -wal name":
        other = tmp_path / "other.db-wal"
    elif target == "a missing folder":
        other = tmp_path / "missing" / "W.db"
    else:
        Path(f"{other}-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(60))
    return other


@pytest.mark.parametrize("target", ["another workshop", "the source"])
def test_session_copy_never_writes_over_a_file(cli, tmp_path, bundled, blank, stray_wals, target):
    path = tmp_path / "W.db"
    make_workshop(path, bundled, picks=3, blank=blank)
    other = copy_target(tmp_path, path, stray_wals, target)
    before = tree(tmp_path)
    run = cli("session", "copy", path, other)
    assert run.returncode == 1, run.output
    assert run.stderr.startswith("cardengine: error: ") and f"{other} already exists" in run.stderr
    assert_unchanged(before, tmp_path)


@pytest.mark.parametrize("target", ["a text file", "a dangling link", "a -wal name", "a missing folder",
                                    "a stray -wal"])
def test_copy_to_refuses_a_target_it_cannot_own(tmp_path, blank, stray_wals, target):
    from cardengine.sessions.store import Store

    path = tmp_path / "W.db"
    path.write_bytes(blank)
    other = copy_target(tmp_path, path, stray_wals, target)
    before = tree(tmp_path)
    with Store.open(path) as store, pytest.raises(StoreError, match=str(other).replace("?", ".")):
        store.copy_to(other)
    assert_unchanged(before, tmp_path)


@pytest.mark.disk_free(48 * 1024)
def test_session_copy_on_a_full_disk_leaves_nothing(tmp_path, bundled, blank, small_disk):
    path = tmp_path / "W.db"
    make_workshop(path, bundled, picks=600, blank=blank)
    assert path.stat().st_size > 64 * 1024
    source = path.read_bytes()
    before = tree(small_disk.path)
    run = small_disk.run("session", "copy", path, small_disk.path / "W.db")
    assert run.returncode == 1, run.output
    assert "nothing was written" in run.stderr and ("full" in run.stderr or "too large" in run.stderr)
    assert_unchanged(before, small_disk.path)
    assert path.read_bytes() == source and not Path(f"{path}-wal").exists()


# ------------------------------------------------------------------------------------------ the app


@pytest.fixture
def config(tmp_path: Path, small_deck: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    decks = tmp_path / "decks"
    decks.mkdir()
    small_deck.rename(decks / "water.yaml")
    (decks / "criteria.yaml").write_bytes((DECKS / "criteria.yaml").read_bytes())
    (folder / "settings.yaml").write_text(yaml.safe_dump({"language": "it", "decks": str(decks),
                                                          "criteria": str(decks / "criteria.yaml")}))
    return folder


async def test_the_app_writes_its_log_into_the_file_when_idle_and_on_exit(tmp_path, bundled, blank, config):
    path = tmp_path / "W.db"
    make_workshop(path, bundled, blank=blank)
    with holding(path, picks=0):  # another program keeps the file open: closing the app is not the last close
        app = make_app(path, table=TABLE, config_dir=config)
        app.IDLE_CHECKPOINT_SECONDS = 0.2
        async with app.run_test(size=(100, 30)) as pilot:
            card_input = app.screen.query_one("#card-input", Input)
            card_input.focus()
            for card in ("WT-01", "WT-02"):
                card_input.value = card  # as a scanner types it
                await pilot.press("enter")
            await pilot.pause(0.6)  # idle: the two picks move into the file itself
            assert len(ids_in_file_alone(path)) == 4
            await pilot.press("ctrl+z")  # one more action (a card picked again is shown, not logged twice)
            await pilot.pause()
            events = {e.id for e in app.workshop.events}
            assert len(events) == 5
        # quit right after the last action: it is in the file too, and the log is empty
        assert ids_in_file_alone(path) == events
        assert Path(f"{path}-wal").stat().st_size == 0


def test_a_stray_wal_beside_the_real_file_of_a_linked_workshop_is_refused(cli, tmp_path, stray_wals):
    real = stray_setup(tmp_path, stray_wals, "another workshop")  # SQLite reads the log beside the real file
    link = tmp_path / "linked" / "W.db"
    link.parent.mkdir()
    link.symlink_to(real)
    before = tree(tmp_path)
    run = cli("session", "show", link)
    assert run.returncode == 1, run.output
    assert f"{real}-wal is not the log of {link}" in run.stderr
    assert_unchanged(before, tmp_path)


# A writer that never stops, checkpointing (and so restarting its log) every few transactions.
WRITER = r"""
import sys
from pathlib import Path
from cardengine.sessions.workshop import Workshop

ws = Workshop.open(Path(sys.argv[1]))
ws.store._conn.execute("PRAGMA wal_autocheckpoint = 8")
cards = sorted(ws.state.cards)
print("READY", flush=True)
i = 0
while True:
    ws.pick(sys.argv[2], cards[i % len(cards)], ("selected", "favourite")[i % 2])
    i += 1
"""


def test_a_busy_writer_never_gets_its_log_refused_even_without_the_lock_probe(tmp_path, blank, monkeypatch):
    """Where the lock probe is not available, the check runs on copies of a file that is being written: a torn
    copy must never turn into a refusal (nor into a changed file)."""
    from cardengine.sessions import wal_check

    monkeypatch.setattr(wal_check, "held_by_another_process", lambda db: False)
    path = tmp_path / "W.db"
    path.write_bytes(blank)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), TABLE], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith("READY"), proc.stderr.read()
        counts = []
        for _ in range(8):
            with Workshop.open(path) as w:
                counts.append(len(w.events))
        assert counts == sorted(counts) and counts[-1] > counts[0]
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    with Workshop.open(path) as w:
        assert len(w.events) >= counts[-1]


def test_a_folder_named_like_uri_syntax_holds_its_own_workshop(cli, tmp_path, blank):
    """'?' and '#' in a folder name were read as URI syntax: SQLite wrote another file, outside the folder."""
    folder = tmp_path / "atelier?v=2#%20"
    folder.mkdir()
    (folder / "W.db").write_bytes(blank)
    run = cli("session", "copy", folder / "W.db", folder / "C?#.db")
    assert run.returncode == 0, run.output
    with Workshop.open(folder / "C?#.db") as w:
        w.pick(TABLE, "WT-01")
        assert len(w.events) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atelier?v=2#%20"]
    assert sorted(p.name for p in folder.iterdir()) == ["C?#.db", "W.db"]


def test_session_copy_onto_a_file_system_without_hard_links(tmp_path, blank, monkeypatch):
    """FAT on a USB stick has no hard links: the copy is still put in place, complete, and nothing is left."""
    from cardengine.sessions.store import Store

    def no_links(src, dst, *args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    path = tmp_path / "W.db"
    path.write_bytes(blank)
    (tmp_path / "usb").mkdir()
    monkeypatch.setattr(os, "link", no_links)
    with Store.open(path) as store:
        assert store.copy_to(tmp_path / "usb" / "W.db") == 2
    assert sorted(p.name for p in (tmp_path / "usb").iterdir()) == ["W.db"]
    assert len(ids_in_file_alone(tmp_path / "usb" / "W.db")) == 2
