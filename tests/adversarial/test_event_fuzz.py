"""Issue 10, fuzzed: event streams with invalid events mixed in are refused by import and merge, and the fold of
any stored stream never raises (it skips what it cannot use). Hypothesis, few examples: a few seconds in all."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardengine.decks.load import load_paths
from cardengine.sessions import Event, Store, StoreError, Workshop, WorkshopInfo
from cardengine.sessions.exports import FORMAT, import_json, state_summary
from cardengine.sessions.merge import merge_files
from cardengine.sessions.state import fold
from tests.conftest import DECKS, SMALL_DECK

from .conftest import tree

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, list[Event]]:
    """A valid workshop: two tables, a participant, picks, scores, a proposal, an undo."""
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "water.yaml").write_text(SMALL_DECK, encoding="utf-8")
    shutil.copy(DECKS / "criteria.yaml", folder / "criteria.yaml")
    result = load_paths([folder])
    path = folder / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), result.decks,
                         result.criteria[0]) as w:
        w.add_table("Nord")
        w.add_table("Sud")
        w.add_participant("Comune", "public-authority", table="Nord")
        w.pick("Nord", "WT-01")
        w.pick("Sud", "WT-02", kind="favourite", round=2)
        w.score("Nord", "WT-01", "technical", 4, by="Comune")
        w.propose("Nord", "Acqua", ["WT-01", "WT-02"])
        w.score("Nord", "P1", "economic", None)
        w.comment("Nord", "barrier", "costa", card="P1")
        w.set_priorities("Sud", domains=["water"], cards=["WT-02"])
        w.pick("Sud", "WT-01")
        w.undo("Sud")
        return path, w.events


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                         max_size=3),
                           max_leaves=8)


def invalid_event(draw, events: list[Event]) -> Event:
    """An event that is certainly invalid after `events`: one of the issue's kinds of damage."""
    created = events[0]
    last = events[-1]
    picks = [e for e in events if e.kind == "pick"]
    n = draw(st.integers(0, 10**9))
    at = last.at[:-6] + "9+00:00"
    make = lambda kind, payload, table="nord": Event(f"bad-{n}", at, last.origin, kind, table, payload)  # noqa: E731
    choice = draw(st.sampled_from(["card", "value", "created", "undo", "payload", "field", "table", "kind",
                                   "criterion", "redo-other-table"]))
    if choice == "card":
        return make("pick", {"card": draw(st.text(max_size=6).filter(lambda c: c not in ("WT-01", "WT-02"))),
                             "kind": "selected", "round": 1})
    if choice == "value":
        value = draw(json_values.filter(lambda v: v is not None and not (type(v) is int and 1 <= v <= 5)))
        return make("score", {"target": "WT-01", "criterion": "technical", "value": value, "by": "consensus"})
    if choice == "created":
        return Event(f"bad-{n}", at, last.origin, "workshop.created", None,
                     dict(created.payload, title=draw(st.text(min_size=1, max_size=8))))
    if choice == "undo":
        target = draw(st.sampled_from([f"nope-{n}", created.id, events[1].id]))  # unknown, not undoable
        return make("undo", {"target": target})
    if choice == "redo-other-table":
        return make("redo", {"target": picks[0].id if picks[0].table != "sud" else picks[1].id}, table="sud")
    if choice == "payload":
        return make(draw(st.sampled_from(["pick", "score", "comment", "table.added"])),
                    draw(json_values.filter(lambda v: not isinstance(v, dict))))
    if choice == "field":
        payload = dict(picks[0].payload)
        payload[draw(st.sampled_from(["card", "kind", "round"]))] = draw(st.sampled_from([[1], {"a": 1}, 2.5, None]))
        return make("pick", payload)
    if choice == "table":
        return make("pick", {"card": "WT-01", "kind": "selected"}, table=draw(st.sampled_from(["ovest", "", None])))
    if choice == "criterion":
        return make("score", {"target": "WT-01", "criterion": draw(st.text(max_size=6)), "value": 3})
    return make(draw(st.text(max_size=8).filter(lambda k: "." not in k and k not in ("pick", "score", "comment",
                                                                                      "undo", "redo"))), {})


@st.composite
def damaged_streams(draw, events: list[Event]) -> tuple[list[Event], int]:
    """The valid stream with 1-3 invalid events appended (where a hand edit or an older version put them)."""
    bad = [invalid_event(draw, events) for _ in range(draw(st.integers(1, 3)))]
    bad = [Event(f"{e.id}-{i}", e.at, e.origin, e.kind, e.table, e.payload) for i, e in enumerate(bad)]
    return events + bad, len(bad)


def as_export(events: list[Event]) -> str:
    return json.dumps({"format": FORMAT, "version": 1, "events": [e.as_dict() for e in events]})


def test_import_refuses_every_damaged_stream_and_merge_refuses_it_too(base):
    path, events = base

    @FAST
    @given(damaged_streams(events))
    def check(case: tuple[list[Event], int]) -> None:
        stream, count = case
        state = fold(stream, new=True)
        assert len(state.skipped) >= count
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            source = folder / "w.json"
            source.write_text(as_export(stream), encoding="utf-8")
            shutil.copy(path, folder / "old.db")
            with Store.open(folder / "old.db") as store:  # as an older version would have stored them
                store.insert(stream[len(events):])
            shutil.copy(path, folder / "target.db")
            before = tree(folder)
            with pytest.raises(StoreError, match=r"invalid|event"):
                import_json(source, folder / "new.db")
            with pytest.raises(StoreError, match="nothing was merged"):
                merge_files([folder / "old.db"], folder / "target.db")
            assert tree(folder) == before  # nothing written, nothing left behind
            with Workshop.open(folder / "old.db") as w:  # the older file still opens
                assert len(w.state.skipped) >= 1
                state_summary(w.state)

    check()


stored_text = st.none() | st.integers(-5, 5) | st.text(max_size=6)  # what an SQLite TEXT column can give back


@st.composite
def any_stored_event(draw, events: list[Event]) -> Event:
    """Anything a damaged or hand-edited file could hold, often close to a real event."""
    if draw(st.booleans()):
        real = draw(st.sampled_from(events))
        payload = dict(real.payload)
        if payload and draw(st.booleans()):
            payload[draw(st.sampled_from(sorted(payload)))] = draw(json_values)
        return Event(draw(st.text(min_size=1, max_size=6)), real.at, real.origin, real.kind,
                     draw(st.sampled_from([real.table, None, "nord", "sud", ""])), payload)
    return Event(draw(stored_text), draw(stored_text | st.just(events[0].at)), draw(stored_text),
                 draw(st.sampled_from(["pick", "score", "comment", "undo", "redo", "workshop.created", "table.added",
                                       "proposal.created", "proposal.updated", "priorities.set",
                                       "participant.added"]) | st.text(max_size=5)),
                 draw(stored_text), draw(json_values))


def test_the_fold_of_any_stored_stream_never_raises(base):
    _, events = base

    @settings(max_examples=80, deadline=None)
    @given(st.lists(any_stored_event(events), max_size=12), st.data())
    def check(extra: list[Event], data) -> None:
        stream = list(events)
        for e in extra:
            stream.insert(data.draw(st.integers(0, len(stream))), e)
        state = fold(stream)
        if state.id:
            state_summary(state)  # what `session show` and the exports print
        fold(stream, new=True)
        fold(stream, audit=True)

    check()
