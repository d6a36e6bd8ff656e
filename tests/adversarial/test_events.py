"""Issue 10, every event checked before it is stored; races closed; names and dates that make sense.

Each test drives the real command line (or the Workshop API where that is the way in) on real files and
compares the folder byte for byte before and after a refused command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from cardengine.decks.load import load_paths
from cardengine.sessions import ActionError, Event, Store, StoreError, Workshop, WorkshopInfo, now
from cardengine.sessions.exports import import_json, to_json
from tests.conftest import ROOT, run_here

from .conftest import assert_unchanged, tree

DATE = "2021-07-27"


@pytest.fixture(scope="module")
def template(decks_dir, tmp_path_factory) -> Path:
    """A workshop with table Nord, a participant, two picks, a score and a proposal (Workshop API)."""
    result = load_paths([decks_dir])
    path = tmp_path_factory.mktemp("template") / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", DATE), result.decks, result.criteria[0]) as w:
        w.add_table("Nord")
        w.add_participant("Comune", "public-authority", table="Nord")
        w.pick("Nord", "WT-01")
        w.pick("Nord", "WT-02")
        w.score("Nord", "WT-01", "technical", 4)
        w.propose("Nord", "Acqua", ["WT-01"])
    return path


@pytest.fixture
def folder(tmp_path, template) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(template, work / "w.db")
    return work


def export_doc(path: Path) -> dict:
    with Workshop.open(path) as w:
        return json.loads(to_json(w))


def write_json(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def bad_event(doc: dict, kind: str, payload: dict, table: str | None = "nord", **fields) -> dict:
    """An event as a hand edit would add it: the last event's origin, a later time, a new id."""
    last = doc["events"][-1]
    return {"id": fields.get("id", f"edit-{len(doc['events'])}"), "at": fields.get("at", last["at"][:-6] + "9+00:00"),
            "origin": last["origin"], "kind": kind, "table": table, "payload": payload}


def old_version_insert(path: Path, kind: str, payload: dict, table: str | None = "nord") -> Event:
    """Store an event without any check, as cardengine before this change let `import` and `merge` do."""
    with Store.open(path) as store:
        event = Event(str(uuid.uuid4()), now(), store.origin, kind, table, payload)
        store.insert([event])
    return event


# ---------------------------------------------------------------- import refuses invalid events

BAD_EVENTS = [
    ("pick", {"card": "ZZ-99", "kind": "selected", "round": 1}, "no card 'ZZ-99'"),
    ("score", {"target": "WT-01", "criterion": "technical", "value": "abc", "by": "consensus"},
     "'abc' is not on the scale of 'technical'"),
    ("score", {"target": "WT-01", "criterion": "technical", "value": 9, "by": "consensus"}, "9 is not on the scale"),
    ("score", {"target": "WT-01", "criterion": "beauty", "value": 1}, "no criterion 'beauty'"),
    ("pick", {"card": "WT-01", "kind": "stolen"}, "pick kind 'stolen'"),
    ("undo", {"target": "no-such-event"}, "undo of 'no-such-event', which is no earlier action that can be undone"),
]


def test_import_refuses_an_export_with_invalid_events_naming_each_and_writes_nothing(folder):
    doc = export_doc(folder / "w.db")
    first = len(doc["events"])
    for kind, payload, _ in BAD_EVENTS:
        doc["events"].append(bad_event(doc, kind, payload))
    source = write_json(folder / "edited.json", doc)
    before = tree(folder)
    run = run_here("import", source, "-o", folder / "new.db")
    assert run.returncode == 1, run.output
    for n, (kind, _, reason) in enumerate(BAD_EVENTS, start=first + 1):
        assert f"edited.json: event {n} (id edit-{n - 1}, {kind}): {reason}" in run.stderr
    assert "nothing was written to" in run.stderr and run.stdout == ""
    assert_unchanged(before, folder)  # no new.db, no temporary file, no -wal or -shm


def test_import_refuses_files_no_command_could_open(folder):
    doc = export_doc(folder / "w.db")
    created = doc["events"][0]
    second = dict(created, id="second-creation", at=doc["events"][-1]["at"][:-6] + "9+00:00",
                  payload=dict(created["payload"], title="Renamed"))
    cases = {
        "no-creation.json": (dict(doc, events=doc["events"][1:]), "no 'workshop.created' event"),
        "empty.json": (dict(doc, events=[]), "holds no events"),
        "wrong-types.json": (dict(doc, events=[dict(e, payload=[1, 2]) if i == 2 else e
                                               for i, e in enumerate(doc["events"])]),
                             f"event 3 (id {doc['events'][2]['id']}, participant.added): 'payload' must be a mapping"),
        "list-id.json": (dict(doc, events=[dict(created, id=[1, 2]), *doc["events"][1:]]),
                         "event 1 (id [1, 2], workshop.created): 'id' must be non-empty text"),
        "second-creation.json": (dict(doc, events=doc["events"] + [second]), "a second 'workshop.created'"),
    }
    for name, (content, _) in cases.items():
        write_json(folder / name, content)
    before = tree(folder)
    for name, (_, message) in cases.items():
        run = run_here("import", folder / name, "-o", folder / "new.db")
        assert run.returncode == 1 and message in run.stderr, (name, run.output)
        assert "wrote" not in run.stdout
    assert_unchanged(before, folder)  # not even an empty new.db


def test_import_refuses_repeated_ids_and_bad_times(folder):
    doc = export_doc(folder / "w.db")
    cases = {
        "same-id.json": (dict(doc, events=doc["events"] + [doc["events"][3]]), "has the same id as event 4"),
        "bad-time.json": (dict(doc, events=[dict(e, at="yesterday") if i == 1 else e
                                            for i, e in enumerate(doc["events"])]), "is not an ISO 8601 time"),
        "no-origin.json": (dict(doc, events=[{k: v for k, v in e.items() if k != "origin"} for e in doc["events"]]),
                           "event 1 lacks one of id, at, origin, kind, payload"),
    }
    for name, (content, _) in cases.items():
        write_json(folder / name, content)
    before = tree(folder)
    for name, (_, message) in cases.items():
        with pytest.raises(StoreError, match=re.escape(message)):
            import_json(folder / name, folder / "new.db")
    assert_unchanged(before, folder)


def test_a_valid_export_still_round_trips(folder):
    doc = export_doc(folder / "w.db")
    source = write_json(folder / "w.json", doc)
    run = run_here("import", source, "-o", folder / "back.db")
    assert run.returncode == 0 and f"({len(doc['events'])} events)" in run.stdout
    assert export_doc(folder / "back.db")["events"] == doc["events"]
    assert sorted(p.name for p in folder.iterdir()) == ["back.db", "w.db", "w.json"]


def test_import_onto_an_existing_file_is_refused_and_it_stays_byte_identical(folder):
    source = write_json(folder / "w.json", export_doc(folder / "w.db"))
    before = tree(folder)
    run = run_here("import", source, "-o", folder / "w.db")
    assert run.returncode == 1 and "already exists" in run.stderr
    assert_unchanged(before, folder)


# ---------------------------------------------------------------- merge, and files written by older versions

def test_a_file_with_an_invalid_event_opens_is_listed_by_check_and_cannot_be_merged(folder):
    """The issue's path: a bad event got in (old `import`); `show` failed with an internal error."""
    old = folder / "old.db"
    shutil.copy(folder / "w.db", old)
    bad = old_version_insert(old, "pick", {"card": "ZZ-99", "kind": "selected", "round": 1})
    worse = old_version_insert(old, "score", {"target": "WT-01", "criterion": "technical", "value": "abc"})
    before = tree(folder)
    show = run_here("session", "show", old)
    assert show.returncode == 0, show.output
    assert "WT-01" in show.stdout and "2 invalid event(s) left out" in show.stderr
    check = run_here("session", "check", old)
    assert check.returncode == 1
    assert f"(id {bad.id}, pick): no card 'ZZ-99'" in check.stdout
    assert f"(id {worse.id}, score): 'abc' is not on the scale" in check.stdout
    merge = run_here("merge", old, "-o", folder / "w.db")
    assert merge.returncode == 1 and "no card 'ZZ-99'" in merge.stderr and "nothing was merged" in merge.stderr
    merge = run_here("merge", old, "-o", folder / "fresh.db")
    assert merge.returncode == 1
    assert_unchanged(before, folder)  # w.db byte-identical, no fresh.db, no -wal/-shm
    with Workshop.open(folder / "w.db") as w:
        assert w.state.skipped == []


def test_merge_refuses_a_second_workshop_created_that_would_rename_the_workshop(folder):
    copy = folder / "copy.db"
    shutil.copy(folder / "w.db", copy)
    with Store.open(copy) as store:
        created = next(e for e in store.events() if e.kind == "workshop.created")
    old_version_insert(copy, "workshop.created", dict(created.payload, title="Renamed"), table=None)
    before = tree(folder)
    run = run_here("merge", copy, "-o", folder / "w.db")
    assert run.returncode == 1 and "a second 'workshop.created'" in run.stderr
    assert_unchanged(before, folder)
    with Workshop.open(copy) as w:  # the older file still opens, under its first title
        assert w.state.title == "Atelier" and len(w.state.skipped) == 1


def test_the_fold_skips_what_it_cannot_use_and_keeps_the_rest(folder):
    path = folder / "w.db"
    old_version_insert(path, "pick", {"card": "WT-02", "kind": "favourite", "round": "two"})
    old_version_insert(path, "comment", {"kind": "barrier", "text": "ok"}, table="no-such-table")
    old_version_insert(path, "priorities.set", "not a mapping")
    with Workshop.open(path) as w:
        assert [s.kind for s in w.state.skipped] == ["pick", "comment", "priorities.set"]
        assert w.state.tables["nord"].picks["WT-02"].kind == "selected"
        w.pick("Nord", "WT-02", kind="favourite")  # the file is still usable
    with Workshop.open(path) as w:
        assert w.state.tables["nord"].picks["WT-02"].kind == "favourite"


# ---------------------------------------------------------------- names, dates, rounds

def test_bad_names_dates_and_rounds_are_refused(folder, decks_dir):
    w = folder / "w.db"
    before = tree(folder)
    new = ("session", "new", folder / "n.db", "--territory", "X", "--decks", decks_dir,
           "--criteria", decks_dir / "criteria.yaml")
    cases = [
        ((*new, "--title", "T", "--date", "2021-02-30"), "date '2021-02-30' is not a real date"),
        ((*new, "--title", "  ", "--date", DATE), "the workshop title is empty"),
        (("session", "add-table", w, ""), "the table name is empty"),
        (("session", "add-table", w, "Sud\x1b]0;pwned\x07"), "the table name 'Sud\\x1b]0;pwned\\x07' holds the "
                                                             "control character \\x1b"),
        (("session", "pick", w, "--table", "Nord", "WT-02", "--round", "2021"), "2021"),
    ]
    for args, message in cases:
        run = run_here(*args)
        # --round may be refused as a bad argument (exit 2) before the engine's own check (exit 1) sees it
        assert run.returncode in ((1, 2) if "--round" in args else (1,)) and message in run.stderr, (args, run.output)
        assert "\x1b" not in run.output
    assert_unchanged(before, folder)


def test_bad_names_and_rounds_through_the_workshop_api(folder):
    before = tree(folder)
    with Workshop.open(folder / "w.db") as w:
        for call, message in [
            (lambda: w.add_participant("\u202eevil", "citizen"), "control character \\u202e"),
            (lambda: w.add_participant("", "citizen"), "the participant label is empty"),
            (lambda: w.add_participant("Ada", "alien"), "stakeholder type 'alien'"),
            (lambda: w.pick("Nord", "WT-02", round=0), "round 0 is out of range (1-99)"),
            (lambda: w.pick("Nord", "WT-02", round=2021), "round 2021 is out of range (1-99)"),
            (lambda: w.pick("Nord", "WT-02", round=True), "'round' must be a whole number, not True"),
            (lambda: w.propose("Nord", " ", ["WT-01"]), "the proposal title is empty"),
            (lambda: w.update_proposal("Nord", "P1", title="a\nb"), "control character \\n"),
            (lambda: w.score("Nord", "WT-01", "technical", True), "True is not on the scale"),
            (lambda: w.comment("Nord", "barrier", "   "), "the comment is empty"),
            (lambda: w.set_priorities("Nord", domains=["moon"]), "no domain 'moon'"),
        ]:
            with pytest.raises(ActionError, match=re.escape(message)):
                call()
    assert_unchanged(before, folder)


def test_control_characters_stored_by_an_older_version_are_never_printed_raw(folder):
    path = folder / "w.db"
    old_version_insert(path, "table.added", {"table": "sud", "name": "Sud\x1b[31m\x9b2J", "area": "\u202eevil"},
                       table=None)
    old_version_insert(path, "pick", {"card": "WT-01", "kind": "selected", "round": 1}, table="sud")
    run = run_here("session", "show", path)
    assert run.returncode == 0
    assert "table Sud\\x1b[31m\\x9b2J (\\u202eevil)" in run.stdout
    assert "\x1b" not in run.output and "\x9b" not in run.output and "\u202e" not in run.output
    run = run_here("session", "show", path, "--json")
    assert run.returncode == 0 and "\x1b" not in run.stdout and "\x9b" not in run.stdout
    assert json.loads(run.stdout)["tables"][1]["name"] == "Sud\x1b[31m\x9b2J"  # escaped, not lost
    check = run_here("session", "check", path)  # kept (it is usable), but listed
    assert check.returncode == 1 and "kept, but refused as a new record" in check.stdout
    assert "\x1b" not in check.output


def test_workshop_api_refuses_a_date_that_does_not_exist(tmp_path, decks_dir):
    result = load_paths([decks_dir])
    with pytest.raises(ActionError, match="not a real date"):
        Workshop.create(tmp_path / "w.db", WorkshopInfo("T", "X", "2021-02-30"), result.decks, result.criteria[0])
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- races between processes

def _racers(script: str, count: int, *args: str) -> list[subprocess.CompletedProcess]:
    """Start `count` Python processes running `script`; each does its setup, then waits for the others at a
    barrier (a file appearing) before the racing step."""
    signals = Path(tempfile.mkdtemp(prefix="barrier-"))  # outside the folder the test compares
    go = signals / "go"
    prelude = (f"import os, sys, time\nsys.path.insert(0, {str(ROOT)!r})\n"
               + f"def barrier():\n    open(os.path.join({str(signals)!r}, str(os.getpid())), 'w').close()\n"
               + f"    while not os.path.exists({str(go)!r}):\n        time.sleep(0.0005)\n")
    procs = [subprocess.Popen([sys.executable, "-c", prelude + script, *args], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"}) for _ in range(count)]
    deadline = time.monotonic() + 60
    while len(list(signals.iterdir())) < count and time.monotonic() < deadline:  # all at the barrier
        if any(p.poll() is not None for p in procs):
            break
        time.sleep(0.005)
    go.touch()
    try:
        outs = [p.communicate(timeout=60) for p in procs]
    finally:
        shutil.rmtree(signals)
    return [subprocess.CompletedProcess(p.args, p.returncode, o, e) for p, (o, e) in zip(procs, outs, strict=False)]


SESSION_NEW = """
from cardengine.cli.main import main
barrier()
sys.exit(main(["session", "new", sys.argv[1], "--title", "T", "--territory", "X", "--date", "2021-07-27",
               "--decks", sys.argv[2], "--criteria", sys.argv[2] + "/criteria.yaml"]))
"""

CREATE = """
from pathlib import Path
from cardengine.decks.load import load_paths
from cardengine.sessions import StoreError, Workshop, WorkshopInfo
result = load_paths([Path(sys.argv[2])])
barrier()  # decks loaded: the racing step is the creation itself
try:
    Workshop.create(Path(sys.argv[1]), WorkshopInfo("T", "X", "2021-07-27"), result.decks, result.criteria[0]).close()
    print("created")
except StoreError as exc:
    print("refused:", exc)
"""


@pytest.mark.parametrize("script", [SESSION_NEW, CREATE], ids=["cli", "api"])
def test_two_session_new_on_one_path_one_wins_the_other_is_told_it_exists(tmp_path, decks_dir, script):
    path = tmp_path / "w.db"
    runs = _racers(script, 3, str(path), str(decks_dir))
    assert "Traceback" not in "".join(r.stderr for r in runs)
    outcomes = sorted("created" if r.returncode == 0 and "refused" not in r.stdout else "refused" for r in runs)
    assert outcomes == ["created", "refused", "refused"], [r.stdout + r.stderr for r in runs]
    assert all("already exists" in r.stdout + r.stderr for r in runs if "created" not in r.stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.db"]  # no temporary file, -wal or -shm
    with Workshop.open(path) as w:
        assert w.state.title == "T" and len(w.events) == 1


UNDO = """
from cardengine.sessions import ActionError, Workshop
with Workshop.open(__import__("pathlib").Path(sys.argv[1])) as w:
    barrier()
    for _ in range(int(sys.argv[2])):
        try:
            print(w.undo("Nord").payload["target"], flush=True)
        except ActionError as exc:
            print("refused", exc, flush=True)
"""


def test_two_processes_undoing_at_one_table_never_undo_the_same_action(folder):
    path = folder / "w.db"
    with Workshop.open(path) as w:
        before = set(w.state.undo_stacks["nord"])
        for card in ["WT-01", "WT-02"] * 10:  # 20 more actions at Nord
            w.pick("Nord", card, kind="favourite" if card == "WT-01" else "discarded")
        picks = [i for i in w.state.undo_stacks["nord"] if i not in before]
    runs = _racers(UNDO, 2, str(path), "10")
    targets = [line for r in runs for line in r.stdout.split()]
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert len(targets) == 20 and len(set(targets)) == 20  # 20 acknowledgements, 20 different actions
    assert set(targets) == set(picks)
    with Workshop.open(path) as w:
        assert set(w.state.undo_stacks["nord"]) == before  # exactly those 20 undone
        assert sorted(w.state.redo_stacks["nord"]) == sorted(picks)


ADD_TABLE = """
from cardengine.sessions import ActionError, Workshop
with Workshop.open(__import__("pathlib").Path(sys.argv[1])) as w:
    barrier()
    try:
        w.add_table("Ovest")
        print("added")
    except ActionError as exc:
        print("refused:", exc)
"""


def test_two_processes_adding_one_table_name_cannot_both_succeed(folder):
    path = folder / "w.db"
    runs = _racers(ADD_TABLE, 2, str(path))
    assert sorted(r.stdout.strip() for r in runs) == ["added", "refused: table 'Ovest' already exists"]
    with Store.open(path) as store:
        assert sum(e.kind == "table.added" for e in store.events()) == 2  # Nord, and Ovest once


# ---------------------------------------------------------------- a full disk

@pytest.mark.disk_free(256 * 1024)
def test_session_new_on_a_full_disk_leaves_nothing_and_the_next_attempt_works(small_disk, decks_dir):
    filler = small_disk.path / "filler"
    free = shutil.disk_usage(small_disk.path).free if small_disk.tmpfs else small_disk.free
    if small_disk.tmpfs:
        filler.write_bytes(b"\0" * max(0, free - 16 * 1024))  # leave 16 KiB: too little for a workshop
    before = tree(small_disk.path)
    args = ("session", "new", small_disk.path / "w.db", "--title", "T", "--territory", "X", "--date", DATE,
            "--decks", decks_dir, "--criteria", decks_dir / "criteria.yaml")
    if not small_disk.tmpfs:  # under RLIMIT_FSIZE: a limit smaller than the file
        small_disk.free = 16 * 1024
    run = small_disk.run(*args)
    assert run.returncode == 1, run.output
    assert "disk full" in run.stderr and "w.db" in run.stderr and "internal error" not in run.stderr
    assert_unchanged(before, small_disk.path)  # no temporary file, no -wal, no -shm
    filler.unlink(missing_ok=True)
    small_disk.free = 256 * 1024
    run = small_disk.run(*args)
    assert run.returncode == 0, run.output
    assert sorted(p.name for p in small_disk.path.iterdir()) == ["w.db"]


@pytest.mark.disk_free(256 * 1024)
def test_import_on_a_full_disk_leaves_nothing(small_disk, folder):
    source = write_json(folder / "w.json", export_doc(folder / "w.db"))
    if small_disk.tmpfs:
        (small_disk.path / "filler").write_bytes(b"\0" * (shutil.disk_usage(small_disk.path).free - 16 * 1024))
    else:
        small_disk.free = 16 * 1024
    before = tree(small_disk.path)
    run = small_disk.run("import", source, "-o", small_disk.path / "w.db")
    assert run.returncode == 1 and "disk full" in run.stderr, run.output
    assert_unchanged(before, small_disk.path)


# ---------------------------------------------------------------- the app

async def test_the_app_opens_a_workshop_with_invalid_events_and_warns(folder, decks_dir):
    import yaml
    from textual.widgets import DataTable

    from cardengine_tui.app import make_app

    path = folder / "w.db"
    old_version_insert(path, "pick", {"card": "ZZ-99", "kind": "selected", "round": 1})
    old_version_insert(path, "score", {"target": "WT-01", "criterion": "technical", "value": "abc"})
    old_version_insert(path, "table.added", {"table": "evil", "name": "[b]Evil\x1b[31m[/i]"}, table=None)
    config = folder / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(yaml.safe_dump({"language": "en", "decks": str(decks_dir),
                                                          "criteria": str(decks_dir / "criteria.yaml")}))
    app = make_app(path, table="Nord", config_dir=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picks = app.screen.query_one("#picks", DataTable)
        assert sorted(row.value for row in picks.rows) == ["P1", "WT-01", "WT-02"]  # not ZZ-99
        (note,) = [n for n in app._notifications if "cardengine session check" in n.message]
        # In the workshop's language (Italian here), agreeing with the number.
        assert note.severity == "warning" and note.message.startswith("2 azioni non valide")
        await pilot.press("ctrl+q")
    # The same file from the start screen (open a recent file).
    app = make_app(config_dir=config)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_workshop(path)
        await pilot.pause()
        assert any("cardengine session check" in n.message for n in app._notifications)
        from textual.widgets import OptionList

        tables = app.screen.query_one("#tables", OptionList)  # the chooser lists the hostile name, inert
        assert tables.option_count == 2
        await pilot.press("ctrl+q")


def test_a_refused_card_or_value_in_one_command_saves_none_of_it(folder):
    w = folder / "w.db"
    before = tree(folder)
    run = run_here("session", "pick", w, "--table", "Nord", "WT-02", "ZZ-99", "--kind", "discarded")
    assert run.returncode == 1 and "no card 'ZZ-99'" in run.stderr and "saved" not in run.stdout
    with Workshop.open(w) as workshop, pytest.raises(ActionError, match="9 is not on the scale of 'economic'"):
        workshop.score_all("Nord", "WT-02", [("technical", 4), ("economic", 9)])
    assert_unchanged(before, folder)


def test_import_of_a_json_with_a_huge_number_is_a_clear_error(folder):
    source = folder / "big.json"
    source.write_text('{"format": "cardengine-workshop", "events": [' + "9" * 5000 + "]}", encoding="utf-8")
    before = tree(folder)
    with pytest.raises(StoreError, match="is not a readable JSON export"):
        import_json(source, folder / "new.db")
    assert_unchanged(before, folder)


def test_check_lists_a_broken_workshop_created_that_keeps_the_file_from_opening(folder):
    path = folder / "w.db"
    with Store.open(path) as store:
        store._conn.execute("UPDATE events SET payload = json_set(payload, '$.decks', 'none') "
                            "WHERE kind = 'workshop.created'")
    run = run_here("session", "check", path)
    assert run.returncode == 1
    assert "workshop.created): 'decks' must be a list" in run.stdout
    assert "no 'workshop.created' event: the file holds no workshop" in run.stdout  # what depended on it
