"""Issue 10, the workshop record attacked after the merge: a hostile user, a clumsy note-taker and a second
process on the merged code. Each test drives the real command line on real files and compares the folder byte
for byte before and after a refused command.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cardengine.decks.load import load_paths
from cardengine.sessions import Workshop, WorkshopInfo, now
from tests.conftest import run_cli, run_here

from .conftest import _can_mount, assert_unchanged, tree

DATE = "2021-07-27"


@pytest.fixture(scope="module")
def template(tmp_path_factory, decks_dir) -> Path:
    """A workshop of one small deck with table '北' (a name whose slug is the fallback 'table') and 'Nord'."""
    result = load_paths([decks_dir])
    path = tmp_path_factory.mktemp("template") / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", DATE), result.decks, result.criteria[0]) as w:
        w.add_table("北")
        w.add_table("Nord")
        w.pick("Nord", "WT-01")
    return path


@pytest.fixture
def folder(tmp_path, template) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(template, work / "w.db")
    return work


def picks(path: Path) -> dict[str, list[str]]:
    with Workshop.open(path) as w:
        return {t.name: sorted(t.picks) for t in w.state.tables.values()}


# ---------------------------------------------------------------- table names that share a slug

def test_a_table_that_does_not_exist_is_not_taken_for_another_with_the_same_slug(folder):
    """'南' and '北' both slug to 'table': a pick at '南' (never added) was saved at '北' with exit 0 and
    'saved: ... at 南'. Also the app's --table 南 opened 北's table."""
    before = tree(folder)
    r = run_here("session", "pick", folder / "w.db", "--table", "南", "WT-02")
    assert r.returncode == 1, r.output
    assert "no table '南'" in r.stderr and "add it with add-table" in r.stderr
    assert_unchanged(before, folder)


def test_two_tables_whose_names_share_a_slug_are_kept_apart(folder):
    """Adding '南' beside '北' was refused as "table '南' already exists" (it did not); now it gets an id of its
    own and picks at each stay at each. 'nord!' is still the table 'Nord' (same letters), and says so."""
    w = folder / "w.db"
    r = run_here("session", "add-table", w, "南")
    assert r.returncode == 0, r.output
    assert run_here("session", "pick", w, "--table", "南", "WT-02").returncode == 0
    assert picks(w) == {"北": [], "Nord": ["WT-01"], "南": ["WT-02"]}
    before = tree(folder)
    r = run_here("session", "add-table", w, "nord!")
    assert r.returncode == 1 and "table 'nord!' already exists (as 'Nord')" in r.stderr, r.output
    assert_unchanged(before, folder)
    r = run_here("session", "add-table", w, "Ｎｏｒｄ")  # full-width letters: the same name to a reader
    assert r.returncode == 1 and "already exists (as 'Nord')" in r.stderr, r.output
    assert run_here("session", "pick", w, "--table", " nord ", "WT-02").returncode == 0  # loose typing still works
    assert picks(w)["Nord"] == ["WT-01", "WT-02"]
    # 'table' is the key of '北', but to a user it is the name of the table 'Table': the name wins.
    with Workshop.open(w) as ws:
        ws.add_table("Table")
    assert run_here("session", "pick", w, "--table", "table", "WT-01").returncode == 0
    assert picks(w)["Table"] == ["WT-01"] and picks(w)["北"] == []


# ---------------------------------------------------------------- a disk that cannot take the -wal and -shm

@pytest.mark.skipif(not _can_mount(), reason="needs a tmpfs (root on Linux)")
@pytest.mark.disk_free(96 * 1024)
def test_an_action_on_a_full_disk_says_disk_full_and_leaves_no_wal(folder, small_disk):
    """A workshop file on a disk with no room left for the -shm: every command said 'cannot open W.db: disk I/O
    error' and left an empty W.db-wal and a W.db-shm behind. Now: disk full, nothing new, the file unchanged,
    and the same action works once there is room."""
    w = small_disk.path / "w.db"
    shutil.copy(folder / "w.db", w)
    filler = small_disk.path / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last byte
        while os.write(fd, b"\0" * 1024):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    before = tree(small_disk.path)
    for args in (("session", "pick", w, "--table", "Nord", "WT-02"), ("session", "show", w)):
        r = small_disk.run(*args)
        assert r.returncode == 1, r.output
        assert f"cannot open {w}: disk full" in r.stderr and "left untouched" in r.stderr, r.stderr
        assert_unchanged(before, small_disk.path)
    filler.unlink()
    assert small_disk.run("session", "pick", w, "--table", "Nord", "WT-02").returncode == 0
    assert picks(w)["Nord"] == ["WT-01", "WT-02"]


@pytest.fixture
def read_only_folder(folder, tmp_path):
    """`folder`'s workshop on a file system mounted read-only (a locked USB stick, a read-only share)."""
    if not _can_mount():
        pytest.skip("needs a tmpfs (root on Linux)")
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount a tmpfs")
    try:
        shutil.copy(folder / "w.db", mount / "w.db")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_workshop_on_a_read_only_disk_is_refused_with_the_reason(read_only_folder):
    """Was 'cannot open W.db: unable to open database file' (no cause, no way out) for show, pick, copy."""
    w = read_only_folder / "w.db"
    before = tree(read_only_folder)
    for args in (("session", "show", w), ("session", "pick", w, "--table", "Nord", "WT-02"),
                 ("session", "check", w)):
        r = run_here(*args)
        assert r.returncode == 1, r.output
        assert "the disk is read-only" in r.stderr and "copy the file to a folder you can write to" in r.stderr
        assert "unable to open" not in r.stderr
    assert_unchanged(before, read_only_folder)
    assert os.path.exists(w)


def test_a_score_by_one_participant_is_not_credited_to_another_with_the_same_slug(folder):
    """'李' and '王' both slugged to 'table': adding 王 was refused as existing, and a score --by 王 was saved as
    by 李 with exit 0. Now each has a key of its own, and an unknown participant is refused."""
    w = folder / "w.db"
    with Workshop.open(w) as ws:  # adding 王 used to be refused as existing
        ws.add_participant("李", "citizen")
        ws.add_participant("王", "citizen")
    assert run_here("session", "score", w, "--table", "Nord", "WT-01", "technical=4", "--by", "王").returncode == 0
    before = tree(folder)
    r = run_here("session", "comment", w, "--table", "Nord", "--kind", "quote", "--by", "张", "-", "hi")
    assert r.returncode == 1 and "no participant '张'" in r.stderr, r.output
    assert_unchanged(before, folder)
    with Workshop.open(w) as ws:
        by_label = {p.id: p.label for p in ws.state.participants.values()}
        scores = [e.payload["by"] for e in ws.events if e.kind == "score"]
    assert [by_label[k] for k in scores] == ["王"]


# ---------------------------------------------------------------- one event id, two laptops

def _insert_raw(path: Path, event_id: str, origin: str, card: str) -> None:
    """An event written straight into the file (a laptop with a broken id source, or a hand-edited import)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO events (id, at, origin, kind, tbl, payload) VALUES (?, ?, ?, 'pick', 'nord', ?)",
                     (event_id, now(), origin,
                      json.dumps({"card": card, "kind": "selected", "round": 1})))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_merge_refuses_one_event_id_with_two_contents(folder):
    """Two laptops' files each held an event with one id but another pick: merge kept the first it read and
    dropped the other with exit 0 ('6 new events'), whichever order, also into an existing file."""
    a, b = folder / "a.db", folder / "b.db"
    shutil.move(folder / "w.db", a)
    shutil.copy(a, b)
    _insert_raw(a, "same-id", "laptop-a", "WT-01")
    _insert_raw(b, "same-id", "laptop-b", "WT-02")
    before = tree(folder)
    for args in ((a, b, "-o", folder / "out.db"), (b, "-o", a)):
        r = run_here("merge", *args)
        assert r.returncode == 1, r.output
        assert f"{b}: event " in r.stderr and "(id same-id, pick) has the id of another event in" in r.stderr
        assert "nothing was merged into" in r.stderr
        assert_unchanged(before, folder)
    r = run_here("merge", a, a, "-o", folder / "out.db")  # the same event twice is no clash
    assert r.returncode == 0, r.output


# ---------------------------------------------------------------- the app

@pytest.mark.parametrize("name, message", [("  ", "the table name is empty"),
                                           ("bad\x07name", "holds the control character \\x07")])
def test_the_app_refuses_a_table_name_it_cannot_add_before_it_starts(folder, name, message):
    """`cardengine tui W.db --table '  '` started the app, which died on mount with a Textual traceback and
    exit 0. Now a clear error before the app starts, exit 2 (a bad argument), the file unchanged."""
    before = tree(folder)
    r = run_cli("tui", folder / "w.db", "--table", name, input="")
    assert r.returncode == 2, r.output
    assert r.stderr.startswith("cardengine: error: ") and message in r.stderr, r.stderr
    assert "\x07" not in r.stderr
    assert_unchanged(before, folder)


def test_an_exact_table_name_wins_over_a_loose_match_in_an_older_file(folder):
    """An older version could add both 'a-b' and 'ab' (different slugs): a pick at 'ab' goes to 'ab', never
    to 'a-b', and a loose name matching both is refused rather than guessed."""
    w = folder / "w.db"
    for key, name in (("a-b", "a-b"), ("ab", "ab")):
        conn = sqlite3.connect(w)
        with conn:
            conn.execute("INSERT INTO events (id, at, origin, kind, tbl, payload) VALUES (?, ?, 'old', "
                         "'table.added', NULL, ?)", (f"add-{key}", now(), json.dumps({"table": key, "name": name})))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    assert run_here("session", "pick", w, "--table", "ab", "WT-02").returncode == 0
    assert picks(w)["ab"] == ["WT-02"] and picks(w)["a-b"] == []
    before = tree(folder)
    r = run_here("session", "pick", w, "--table", "A B", "WT-01")
    assert r.returncode == 1 and "no table 'A B'" in r.stderr, r.output
    assert_unchanged(before, folder)


# ---------------------------------------------------------------- outputs named like SQLite's own files

def test_no_new_workshop_is_made_under_a_name_sqlite_keeps_for_another(folder, decks_dir):
    """`merge B.db -o A.db-wal` made a workshop file that then kept A.db from opening; `import -o A.db-shm` and
    `session new A.db-journal` made ones that SQLite replaced or deleted the next time A.db was opened (the
    journal was gone after one `session show A.db`). Refused now, like `session copy`."""
    a, b = folder / "a.db", folder / "b.db"
    shutil.move(folder / "w.db", a)
    shutil.copy(a, b)
    assert run_here("export", b, "--format", "json", "-o", folder / "exp").returncode == 0
    before = tree(folder)
    for args in (("merge", b, "-o", folder / "a.db-wal"),
                 ("import", folder / "exp" / "workshop.json", "-o", folder / "a.db-shm"),
                 ("session", "new", folder / "a.db-journal", "--title", "T", "--territory", "X", "--date", DATE,
                  "--decks", decks_dir, "--criteria", decks_dir / "criteria.yaml")):
        r = run_here(*args)
        assert r.returncode == 1, r.output
        assert f"cannot create {args[-1] if args[0] != 'session' else args[2]}: SQLite keeps its own files" \
            in r.stderr, r.stderr
        assert_unchanged(before, folder)
    assert run_here("session", "show", a).returncode == 0


def test_a_folder_or_fifo_given_as_a_workshop_is_named_as_such(folder):
    """`merge A.db -o FOLDER` (or a FIFO, /dev/null) said 'FOLDER does not exist; create it with session new'."""
    (folder / "out").mkdir()
    os.mkfifo(folder / "fifo")
    before = tree(folder)
    for args, what in ((("merge", folder / "w.db", "-o", folder / "out"), "is a folder"),
                       (("session", "show", folder / "fifo"), "is not a regular file")):
        r = run_here(*args)
        assert r.returncode == 1, r.output
        assert f"{what}, not a workshop file" in r.stderr and "does not exist" not in r.stderr, r.stderr
    assert_unchanged(before, folder)


def test_import_of_a_fifo_or_a_device_is_refused_without_reading_it(folder):
    """`import FIFO -o X.db` hung for ever; `import LINK-TO-/dev/zero` read until memory ran out (exit 3)."""
    os.mkfifo(folder / "fifo.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    before = tree(folder)
    for name in ("fifo.json", "zero.json"):
        proc = subprocess.run([sys.executable, "-m", "cardengine", "import", str(folder / name), "-o",
                               str(folder / "x.db")], capture_output=True, text=True, timeout=20)
        assert proc.returncode == 1, proc.stderr
        assert f"{folder / name} is not a regular file" in proc.stderr and "nothing was written" in proc.stderr
    assert_unchanged(before, folder)


def test_a_file_of_format_0_is_refused_not_an_internal_error(folder):
    """A workshop header with user_version 0 (no cardengine wrote it) made every command fail with
    'internal error (KeyError: 0)', exit 3."""
    w = folder / "w.db"
    data = bytearray(w.read_bytes())
    data[60:64] = (0).to_bytes(4, "big")
    w.write_bytes(bytes(data))
    before = tree(folder)
    for args in (("session", "show", w), ("session", "check", w), ("merge", w, "-o", folder / "out.db")):
        r = run_here(*args)
        assert r.returncode == 1, r.output
        assert "has file format 0, which no cardengine version wrote" in r.stderr, r.stderr
    assert_unchanged(before, folder)


def test_a_confirmation_never_echoes_control_characters_raw(folder):
    """`--table $'Nord\\a\\b\\b\\b\\b'` finds the table Nord by its letters, and the confirmation printed the bell
    and backspaces raw ('saved: WT-02 selected at Nord^G^H^H^H^H', the name erased on screen)."""
    r = run_here("session", "pick", folder / "w.db", "--table", "Nord\a\b\b\b\b", "WT-02")
    assert r.returncode == 0, r.output
    assert r.stdout == "saved: WT-02 selected at Nord\\x07\\x08\\x08\\x08\\x08\n"
