"""`compare` reads workshop files without building a `Workshop` (compare_read), and lays the PDF out once.

The reference is `compare_run._facts_of` (`workshop_facts(Workshop.open(p).state, ...)`): on every example, on
hand-made workshops with every kind of action, edits, undo and redo, merged laptops and stored events the fold
must skip, and on random event sequences, the fast facts are exactly the reference facts (order of every
list and mapping, int or float, included), and the fast reader really took them (no silent fallback). Every
file that is not safe to read gives the reference reader's error, word for word.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardengine.compare.measures.comparison import compare
from cardengine.compare.measures.facts import workshop_facts
from cardengine.compare.measures.read import fold_rows, read_state
from cardengine.compare.render import pdf as report_pdf
from cardengine.compare.run import _facts_of, _fast_facts_of, _sha256, load_facts
from cardengine.sessions import Event, Workshop, WorkshopInfo, workshop_order
from cardengine.sessions.merge import merge_files
from cardengine.sessions.state import fold

from .conftest import ROOT, run_here
from .tui_support import bundled

EXAMPLES = sorted((ROOT / "examples").glob("*.db"))


def deep(x: Any) -> Any:
    """A value's full shape: types, and the order of every list, tuple and mapping (== on dicts ignores it)."""
    if dataclasses.is_dataclass(x):
        return type(x).__name__, [(f.name, deep(getattr(x, f.name))) for f in dataclasses.fields(x)]
    if isinstance(x, dict):
        return "dict", [(deep(k), deep(v)) for k, v in x.items()]
    if isinstance(x, (set, frozenset)):
        return "set", sorted(repr(deep(v)) for v in x)
    if isinstance(x, (list, tuple)):
        return type(x).__name__, [deep(v) for v in x]
    if isinstance(x, float):
        return "float", x.hex()
    return type(x).__name__, x


def assert_same_facts(path: Path) -> None:
    assert read_state(path, _sha256) is not None, f"{path.name}: the fast reader fell back"
    fast, reference = _fast_facts_of(str(path)), _facts_of(str(path))
    assert not isinstance(reference, str), reference
    assert deep(fast) == deep(reference)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_read_fast_give_the_reference_facts(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    assert_same_facts(copy)


def _raw(w: Workshop, origin: str, rows: list[tuple[str, str, str | None, dict]]) -> None:
    """Store events as another laptop (or an older version, or a hand edit) would have: (at, kind, table,
    payload), unchecked."""
    w.store.insert([Event(f"{origin}-{n}", at, origin, kind, table, payload)
                    for n, (at, kind, table, payload) in enumerate(rows)])


@pytest.fixture(scope="module")
def workshops(tmp_path_factory) -> dict[str, Path]:
    decks, criteria = bundled()
    folder = tmp_path_factory.mktemp("fast-read")
    out = {}
    path = out["edits"] = folder / "edits.db"
    with Workshop.create(path, WorkshopInfo("Edits", "Alfa", "2024-05-16"), decks, criteria) as w:
        w.store._conn.execute("PRAGMA synchronous = OFF")  # test setup: no need to wait for the disk
        w.add_table("Nord", area="centro", note_taker="Ada")
        w.add_table("Sud")
        w.add_participant("Anna", "company", table="Nord")
        w.add_participant("Bruno", "citizen", table="Nord")
        w.add_participant("Carla", "expert")
        w.pick_all("Nord", ["EN-01", "EN-02", "MO-01"])
        w.pick("Nord", "WA-01", "discarded")
        w.pick("Nord", "EN-02", "favourite")  # picked again: the last kind counts
        w.score_all("Nord", "EN-01", [("technical", 4), ("time", 2), ("economic", None)])
        w.score("Nord", "EN-02", "technical", 3, by="Anna")
        w.score("Nord", "EN-02", "technical", 4, by="Bruno")
        w.score("Nord", "EN-02", "time", None, by="Bruno")
        w.score("Nord", "EN-02", "technical", 2)  # consensus beside individual values
        w.comment("Nord", "barrier", "Manca il <b>budget</b> =1+1", card="EN-01", by="Anna")
        w.comment("Nord", "quote", "«Si può fare»")
        w.edit_comment("Nord", "1", text="Manca il budget comunale", kind="enabler")
        w.edit_comment("Nord", "2", by="Bruno")
        ref = w.propose("Nord", "Comunità energetica", ["EN-01", "MO-01"], how={"EN-01": "pannelli"})
        w.update_proposal("Nord", ref, title="Comunità energetica solare", cards=[{"card": "EN-02", "how": ""}])
        w.score("Nord", ref, "technical", 5)
        w.comment("Nord", "question", "Chi paga?", card=ref)
        w.set_priorities("Nord", ["energy", "mobility"], ["EN-01"])
        w.update_table("Nord", area="periferia")
        w.pick("Sud", "CL-01")
        w.score("Sud", "CL-01", "technical", 1)
        w.undo("Sud")  # the score
        w.undo("Sud")  # the pick
        w.redo("Sud")  # the pick again
        w.pick("Sud", "MO-01")
        w.undo("Sud")
        w.score("Sud", "CL-01", "time", 3)  # a new action: MO-01 can no longer be redone
    path = out["raw"] = folder / "raw.db"
    with Workshop.create(path, WorkshopInfo("Raw", "Beta", "2024-06-01"), decks, criteria) as w:
        w.add_table("T1")
        w.add_participant("Dario", "utility", table="T1")
        created = w.state.id
        _raw(w, "laptop-b", [  # a laptop whose clock stepped back, events the fold skips, a participant moved
            ("2024-06-01T10:00:05", "table.added", None, {"table": "t2", "name": "T2"}),
            ("2024-06-01T10:00:03", "pick", "t2", {"card": "EN-01", "kind": "selected"}),
            ("2024-06-01T10:00:04", "score", "t2", {"target": "EN-01", "criterion": "technical", "value": 3}),
            ("2024-06-01T10:00:06", "score", "t2", {"target": "EN-01", "criterion": "time", "value": 9}),
            ("2024-06-01T10:00:06", "score", "t2", {"target": "EN-01", "criterion": "time", "value": True}),
            ("2024-06-01T10:00:06", "score", "t2", {"target": "EN-01", "criterion": "nope", "value": 1}),
            ("2024-06-01T10:00:06", "score", "t2", {"target": "XX-99", "criterion": "time", "value": 1}),
            ("2024-06-01T10:00:06", "score", "t2", {"target": "EN-01", "criterion": "time", "value": 2,
                                                    "by": "ghost"}),
            ("2024-06-01T10:00:06", "score", "t2", {"target": "EN-01", "criterion": "time", "value": 2,
                                                    "by": None}),
            ("2024-06-01T10:00:06", "score", "t2", {"target": "EN-01", "criterion": "time", "value": 2.0}),
            ("2024-06-01T10:00:07", "score", "t2", {"target": "EN-01", "criterion": "economic", "value": 4,
                                                    "by": ""}),
            ("2024-06-01T10:00:07", "pick", "t2", {"card": "EN-02", "kind": "selected", "round": True}),
            ("2024-06-01T10:00:07", "pick", "t2", {"card": "EN-02", "kind": "maybe"}),
            ("2024-06-01T10:00:07", "pick", "nowhere", {"card": "EN-02", "kind": "selected"}),
            ("2024-06-01T10:00:07", "pick", None, {"card": "EN-02", "kind": "selected"}),
            ("2024-06-01T10:00:08", "pick", "t2", {"card": "EN-02", "kind": "favourite", "round": 250}),
            ("2024-06-01T10:00:08", "participant.added", "t2", {"participant": "dario", "label": "Dario",
                                                                "stakeholder_type": "utility"}),
            ("2024-06-01T10:00:09", "score", "t2", {"target": "EN-01", "criterion": "economic", "value": 2,
                                                    "by": "dario"}),
            ("2024-06-01T10:00:09", "mystery", "t2", {}),
            ("2024-06-01T10:00:09", "workshop.created", None, {"workshop_id": "other"}),
            ("2024-06-01T10:00:10", "undo", "t2", {"target": "laptop-b-2"}),
            ("2024-06-01T10:00:10", "undo", "t1", {"target": "laptop-b-1"}),  # an action of another table
        ])
        _raw(w, "early", [("2000-01-01T00:00:00", "pick", "t1", {"card": "MO-01", "kind": "selected"})])
        assert created == w.state.id
    # Two laptops' copies of one workshop, merged
    base = folder / "base.db"
    with Workshop.create(base, WorkshopInfo("Merged", "Gamma", "2024-07-01"), decks, criteria) as w:
        w.add_table("A")
        w.add_table("B")
    a, b = folder / "a.db", folder / "b.db"
    shutil.copy(base, a)
    shutil.copy(base, b)
    with Workshop.open(a) as w:
        w.pick("A", "EN-01")
        w.score("A", "EN-01", "technical", 5)
    with Workshop.open(b) as w:
        w.add_participant("Elena", "association", table="B")
        w.pick("B", "EN-01", "favourite")
        w.score("B", "EN-01", "technical", 2, by="Elena")
        w.comment("B", "enabler", "Bando regionale", card="EN-01", by="Elena")
        w.undo("B")
    out["merged"] = folder / "merged.db"
    merge_files([a, b], out["merged"])
    out["empty"] = folder / "empty.db"
    Workshop.create(out["empty"], WorkshopInfo("Empty", "Delta", "2024-08-01"), decks, criteria).close()
    return out


@pytest.mark.parametrize("name", ["edits", "raw", "merged", "empty"])
def test_hand_made_workshops_read_fast_give_the_reference_facts(workshops, name) -> None:
    assert_same_facts(workshops[name])


def test_the_reference_facts_really_hold_what_the_workshops_did(workshops) -> None:
    """The reference itself read the edge cases as intended (else equal facts would prove little)."""
    edits = _facts_of(str(workshops["edits"]))
    nord, sud = edits.tables
    assert nord.picked == {"EN-01", "EN-02", "MO-01"} and nord.favourites == {"EN-02"}
    assert [(c.kind, c.text, c.stakeholder_type) for c in nord.comments][:2] == [
        ("enabler", "Manca il budget comunale", "company"), ("quote", "«Si può fare»", "citizen")]
    assert [p.title for p in nord.proposals] == ["Comunità energetica solare"]
    assert {(s.participant, s.value) for s in nord.individual} == {("anna", 3.0), ("bruno", 4.0)}
    assert sud.picked == {"CL-01"}  # picked, undone, redone; MO-01 undone
    assert sud.values["CL-01"]["technical"] is None and sud.values["CL-01"]["time"] == 3  # the score undone
    raw = _facts_of(str(workshops["raw"]))
    t2, t1 = raw.tables  # laptop b's clock says 2024: its table comes first, its early pick finds no table
    assert t1.picked == frozenset() and t2.picked == {"EN-01", "EN-02"} and t2.favourites == {"EN-02"}
    assert t2.values["EN-01"]["technical"] is None  # undone
    assert t2.values["EN-01"]["time"] is None  # every time value was invalid (9, true, 2.0, an unknown author)
    assert t2.values["EN-01"]["economic"] == 4  # consensus (by "") beats Dario's 2
    assert [(s.participant, s.value) for s in t2.individual] == [("dario", 2.0)]
    assert t1.participants == {"utility": 1} and t2.participants == {}  # Dario's last seat (recorded later) counts
    merged = _facts_of(str(workshops["merged"]))
    assert [t.picked for t in merged.tables] == [{"EN-01"}, {"EN-01"}]
    assert merged.tables[1].comments == ()  # undone


def _rows(path: Path) -> tuple[list[tuple], list[Any]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT seq, id, at, origin, kind, tbl, payload FROM events ORDER BY seq").fetchall()
    conn.close()
    return rows, [json.loads(r[6]) for r in rows]


@pytest.fixture(scope="module")
def created(workshops) -> tuple[tuple, Any]:
    rows, payloads = _rows(workshops["empty"])
    return rows[0], payloads[0]


CARDS = ["EN-01", "EN-02", "MO-01", "XX-01"]
TABLES = ["t1", "t2", "zz", None]
TIMES = [f"2024-08-01T10:00:0{i}" for i in range(6)] + ["not a time"]
VALUE = st.sampled_from([None, 1, 2, 3, 5, 9, True, 2.0, "3"])
PAYLOADS = {
    "table.added": st.fixed_dictionaries({"table": st.sampled_from(["t1", "t2", " "]), "name": st.just("T")}),
    "participant.added": st.fixed_dictionaries({"participant": st.sampled_from(["p1", "p2"]), "label": st.just("P"),
                                                "stakeholder_type": st.sampled_from(["citizen", "expert", "x"])}),
    "pick": st.fixed_dictionaries({"card": st.sampled_from(CARDS), "kind": st.sampled_from(
        ["selected", "favourite", "discarded", "other"])}, optional={"round": st.sampled_from([1, 2, True, 300])}),
    "score": st.fixed_dictionaries({"target": st.sampled_from([*CARDS, "P1"]), "criterion": st.sampled_from(
        ["technical", "time", "none"]), "value": VALUE}, optional={"by": st.sampled_from(
            ["consensus", "p1", "p2", "ghost", "", None])}),
    "comment": st.fixed_dictionaries({"kind": st.sampled_from(["barrier", "quote", "rant"]), "text": st.just("x")},
                                     optional={"card": st.sampled_from(CARDS), "by": st.sampled_from(["p1", "ghost"])}),
    "proposal.created": st.fixed_dictionaries({"ref": st.sampled_from(["P1", "P2", "Q"]), "title": st.just("T"),
                                               "cards": st.just([{"card": "EN-01", "how": ""}])}),
    "priorities.set": st.fixed_dictionaries({"domains": st.sampled_from([["energy"], ["nowhere"]])}),
    "undo": st.fixed_dictionaries({"target": st.integers(0, 30).map(str)}),
    "redo": st.fixed_dictionaries({"target": st.integers(0, 30).map(str)}),
}
EVENT = st.sampled_from(sorted(PAYLOADS)).flatmap(lambda kind: st.tuples(
    st.just(kind), st.sampled_from(TABLES), PAYLOADS[kind], st.sampled_from(TIMES), st.sampled_from(["o1", "o2"])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(EVENT, max_size=30), created_at=st.sampled_from([0, 3, 30]))
def test_random_event_sequences_fold_to_the_reference_state(created, events, created_at) -> None:
    """Any stored sequence (valid or not, laptops interleaved, undo and redo of anything): where the fast fold
    answers, its facts are the reference fold's; where it cannot vouch for them it raises (the caller then
    reads the file the reference way)."""
    first, first_payload = created
    rows, payloads = [], []
    for n, (kind, table, payload, at, origin) in enumerate(events):
        if kind in ("undo", "redo"):
            payload = {"target": f"e{payload['target']}"}
        table = None if kind == "table.added" else table
        rows.append((n + 2, f"e{n}", at, origin, kind, table, json.dumps(payload)))
        payloads.append(payload)
    at = min(created_at, len(rows))
    rows.insert(at, first)
    payloads.insert(at, first_payload)
    reference_events = workshop_order([Event(r[1], r[2], r[3], r[4], r[5], p, r[0])
                                       for r, p in zip(rows, payloads, strict=True)])
    reference = workshop_facts(fold(reference_events), "w.db")
    try:
        fast = workshop_facts(fold_rows(rows, payloads), "w.db")
    except ValueError:  # only a time that is no time, on a score or pick, makes it give up
        assert any(r[2] == "not a time" and r[4] in ("score", "pick") for r in rows)
        return
    assert deep(fast) == deep(reference)


def _variant(payload: dict, how: str) -> dict:
    p = json.loads(json.dumps(payload))
    card = p["decks"][0]["cards"][0]
    change = {"example": lambda: p.update(example=True), "example 1": lambda: p.update(example=1),
              "place 5": lambda: p.update(place=5), "no title": lambda: p.pop("title"),
              "empty id": lambda: p.update(workshop_id=""), "sdg true": lambda: card.update(sdgs=[True]),
              "sdg 1.0": lambda: card.update(sdgs=[1.0]), "weight 1.0": lambda: p["criteria"]["criteria"][0].update(
                  weight=float(p["criteria"]["criteria"][0]["weight"]) + 0.5),
              "another title": lambda: p.update(title="Altro", territory="Altrove")}
    change.get(how, lambda: None)()
    return p


@pytest.mark.parametrize("how", ["as made", "example", "example 1", "place 5", "no title", "empty id", "sdg true",
                                 "sdg 1.0", "weight 1.0", "another title", "at a table", "twice"])
def test_a_creation_read_again_or_changed_folds_as_the_reference_does(created, how) -> None:
    """The creation's decks and criteria, checked and built once, are reused only for the same snapshot."""
    row, payload = created
    p = _variant(payload, how)
    first = (row[0], row[1], row[2], row[3], row[4], "t1" if how == "at a table" else None, json.dumps(p))
    rows = [first, (5, "e5", "2024-08-01T10:00:01", "o1", "table.added", None, '{"table": "t1", "name": "T1"}'),
            (6, "e6", "2024-08-01T10:00:02", "o1", "pick", "t1", '{"card": "EN-01", "kind": "selected"}')]
    if how == "twice":
        rows.insert(1, (4, "e4", row[2], row[3], row[4], None, json.dumps(_variant(payload, "another title"))))
    payloads = [json.loads(r[6]) for r in rows]
    reference = deep(workshop_facts(fold(workshop_order([Event(r[1], r[2], r[3], r[4], r[5], q, r[0])
                                                         for r, q in zip(rows, payloads, strict=False)])), "w.db"))
    for _ in range(2):  # built, then taken from what was built
        assert deep(workshop_facts(fold_rows(rows, payloads), "w.db")) == reference


# ---------------------------------------------------------------------------------------- files not safe to read

def _hostile(tmp_path: Path, source: Path, how: str) -> Path:
    path = tmp_path / f"{how}.db"
    if how == "empty file":
        path.write_bytes(b"")
        return path
    if how == "random bytes":
        path.write_bytes(bytes(range(256)) * 8)
        return path
    shutil.copy(source, path)
    conn = sqlite3.connect(path, isolation_level=None)
    sql = {"newer format": "PRAGMA user_version = 99",
           "another program's database": "PRAGMA application_id = 7",
           "damaged payload": "UPDATE events SET payload = '{\"card\": ' WHERE seq = 3",
           "payload as bytes": "UPDATE events SET payload = X'7B7D' WHERE seq = 3",
           "time as bytes": "UPDATE events SET at = X'00' WHERE seq = 3",
           "no workshop": "DELETE FROM events WHERE kind = 'workshop.created'",
           "a time that is no time": "UPDATE events SET at = 'soon' WHERE kind = 'pick'",
           "deep payload": "UPDATE events SET payload = '" + "[" * 100000 + "]" * 100000 + "' WHERE seq = 3",
           "two values in one payload": "UPDATE events SET payload = '1,2' WHERE seq = 3"}.get(how)
    if sql:
        conn.execute(sql)
    conn.close()
    if how == "damaged page":
        data = bytearray(path.read_bytes())
        data[4096 + 20: 4096 + 400] = bytes(380)
        path.write_bytes(bytes(data))
    if how == "stray -wal":
        Path(f"{path}-wal").write_bytes(bytes(range(256)) * 40)
    return path


HOSTILE = ["empty file", "random bytes", "newer format", "another program's database", "damaged payload",
           "payload as bytes", "no workshop", "a time that is no time", "two values in one payload",
           "damaged page", "stray -wal", "deep payload", "time as bytes"]


@pytest.mark.parametrize("how", HOSTILE)
def test_a_file_not_safe_to_read_gives_the_reference_error(workshops, tmp_path, how) -> None:
    (tmp_path / "fast").mkdir()
    (tmp_path / "ref").mkdir()
    fast = _fast_facts_of(str(_hostile(tmp_path / "fast", workshops["edits"], how)))
    reference = _facts_of(str(_hostile(tmp_path / "ref", workshops["edits"], how)))
    if isinstance(reference, str):
        assert fast == reference.replace("/ref/", "/fast/")
    else:  # read, rules applied (a pick at no time is skipped): the same facts
        assert deep(dataclasses.replace(fast, origin=None)) == deep(dataclasses.replace(reference, origin=None))
        assert fast.origin.sha256 == reference.origin.sha256


def test_the_command_says_which_file_is_not_safe_and_writes_nothing(workshops, tmp_path) -> None:
    bad = _hostile(tmp_path, workshops["edits"], "stray -wal")
    run = run_here("compare", str(workshops["edits"]), str(bad), "-o", str(tmp_path / "report"))
    assert run.returncode == 1
    assert f"{bad}-wal is not the log of {bad}" in run.stderr and "nothing was written" in run.stderr
    assert not (tmp_path / "report").exists()


def test_many_files_read_in_worker_processes_give_the_reference_facts(workshops, tmp_path) -> None:
    paths = []
    for i in range(30):  # enough for the process pool (compare_run.PARALLEL_FROM)
        source = [workshops["edits"], workshops["raw"], workshops["merged"], workshops["empty"], *EXAMPLES][i % 10]
        if i >= 10:  # copies of one workshop are refused: give each its own id
            path = tmp_path / f"w{i}.db"
            shutil.copy(source, path)
            conn = sqlite3.connect(path, isolation_level=None)
            conn.execute("UPDATE events SET payload = json_set(payload, '$.workshop_id', ?) "
                         "WHERE kind = 'workshop.created'", (f"copy-{i}",))
            conn.close()
            paths.append(path)
        else:
            paths.append(source)
    fast = load_facts(paths, jobs=2)
    assert deep(fast) == deep([_facts_of(str(p)) for p in paths])


# ------------------------------------------------------------------------------------------ the PDF, laid out once

def test_the_pdf_is_laid_out_once_and_its_contents_give_the_right_pages(workshops, monkeypatch) -> None:
    import io

    import pdfplumber

    from cardengine.compare.report.build import build_report

    placed: list[str] = []
    after = report_pdf._Doc.afterFlowable

    def counting(self, flowable):
        if getattr(flowable, "_outline", None):
            placed.append(flowable._outline[0])
        return after(self, flowable)

    monkeypatch.setattr(report_pdf._Doc, "afterFlowable", counting)
    facts = [_facts_of(str(workshops[n])) for n in ("edits", "merged")]
    report = build_report(compare(facts, "workshop"), "en")
    pdf = pdfplumber.open(io.BytesIO(report_pdf.render_pdf(report)))
    assert len(placed) == len(set(placed)) > 5  # each heading placed once: one layout
    pages = [p.extract_text() for p in pdf.pages]
    contents = [line for line in pages[0].splitlines() if " . . . " in line]
    assert len(contents) == len(placed)
    for line in contents:
        title, number = line.split(" . ")[0].strip(), int(line.rsplit(" ", 1)[1].lstrip("."))
        heading_pages = [n for n, text in enumerate(pages, start=1) if (n > 1 and text.startswith(title))
                         or (n > 1 and f"\n{title}\n" in text)]
        assert heading_pages and heading_pages[0] == number, (title, number, heading_pages)



# ------------------------------------------------------------------------------------------ the PDF, on the other core

def _where() -> int:
    return os.getpid()


def _fails() -> None:
    raise ZeroDivisionError("the same error, raised here")


def _dies_in_a_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(9)  # killed, out of memory...
    return "done here"


def test_a_step_run_in_a_forked_process_gives_its_result_or_its_error_here() -> None:
    from cardengine.compare.parallel import in_background

    if (os.cpu_count() or 1) > 1:
        assert in_background(_where)() != os.getpid()  # it did run elsewhere
    assert in_background(_dies_in_a_child, os.getpid())() == "done here"
    with pytest.raises(ZeroDivisionError, match="the same error, raised here"):
        in_background(_fails)()
