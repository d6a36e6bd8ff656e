"""The plenary's polls in the engine (issue 15): a facilitator opens a poll, participants vote, the poll closes, and
the workshop file keeps every ballot; the rules refuse what would make the record wrong (two open polls, a vote
after the close, a second vote by one voter, a choice that is no option, too many choices), whether the event
comes from an action, a merge or a file another program wrote. Real workshop files on the bundled decks."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardengine.sessions import (
    ActionError,
    Event,
    Poll,
    PollResult,
    StoreError,
    Workshop,
    WorkshopInfo,
    check_event,
    fold,
    merge_files,
    poll_options,
    poll_results,
)

from .conftest import run_here
from .tui_support import bundled, laptop_clock


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A workshop with two tables, favourites at both and a proposal at one."""
    path = tmp_path / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), *bundled()) as w:
        w.add_table("Nord")
        w.add_table("Sud")
        w.pick("Nord", "EN-01", "favourite")
        w.pick("Nord", "MO-02", "selected")
        w.pick("Sud", "WA-10", "favourite")
        w.pick("Sud", "EN-01", "favourite")
        w.propose("Sud", "Parcheggi solari", ["EN-11", "MO-06"])
    return path


# ---------------------------------------------------------------- results

def test_goals_count_voters_and_ties_keep_the_options_order():
    poll = Poll("Q1", "goals", {}, 3, tuple(str(n) for n in range(1, 18)), "t",
                votes={"a": ("7", "13"), "b": ("13",), "c": ("3", "7", "13")})
    results = poll_results(poll)
    assert results[:3] == [PollResult("13", 3, 3), PollResult("7", 2, 2), PollResult("3", 1, 1)]
    assert [r.option for r in results[3:5]] == ["1", "2"] and all(r.points == 0 for r in results[3:])
    assert len(results) == 17 and poll.voters == 3


def test_dots_count_every_dot_and_each_voter_once():
    poll = Poll("Q1", "dots", {}, 3, ("EN-01", "WA-10", "sud/P1"), "t",
                votes={"a": ("WA-10", "WA-10", "WA-10"), "b": ("EN-01", "WA-10", "sud/P1"), "c": ("EN-01",)})
    assert poll_results(poll) == [PollResult("WA-10", 2, 4), PollResult("EN-01", 2, 2), PollResult("sud/P1", 1, 1)]


def test_domains_are_ranked_by_a_borda_count():
    poll = Poll("Q1", "domains", {}, 3, ("energy", "mobility", "waste", "welfare"), "t",
                votes={"a": ("energy", "waste", "mobility"), "b": ("waste", "energy"), "c": ("welfare",)})
    # energy 3+2, waste 2+3, welfare 3, mobility 1: a tie keeps the options' order
    assert poll_results(poll) == [PollResult("energy", 2, 5), PollResult("waste", 2, 5), PollResult("welfare", 1, 3),
                                  PollResult("mobility", 1, 1)]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4, unique=True), max_size=12))
def test_borda_points_add_up_to_what_the_ballots_give(ballots):
    poll = Poll("Q1", "domains", {}, 4, ("a", "b", "c", "d"), "t", votes={f"v{i}": tuple(b) for i, b in
                                                                           enumerate(ballots)})
    results = poll_results(poll)
    assert sum(r.points for r in results) == sum(4 - rank for b in ballots for rank in range(len(b)))
    assert sum(r.votes for r in results) == sum(len(b) for b in ballots)
    assert [r.points for r in results] == sorted((r.points for r in results), reverse=True)


def test_default_options_of_each_kind(path):
    with Workshop.open(path) as w:
        assert poll_options(w.state, "goals") == [str(n) for n in range(1, 18)]
        # favourites of every table once (EN-01 is a favourite at both), then the proposals; not the selected MO-02
        assert poll_options(w.state, "dots") == ["EN-01", "WA-10", "sud/P1"]
        assert poll_options(w.state, "domains") == list(dict.fromkeys(d.domain for d in bundled()[0]))
        with pytest.raises(ValueError, match="unknown poll kind"):
            poll_options(w.state, "colours")


# ---------------------------------------------------------------- actions

def test_a_poll_is_opened_voted_closed_and_kept_in_the_file(path):
    with Workshop.open(path) as w:
        opened = w.open_poll("dots", None, 3, {"it": "Dove mettete i vostri punti?", "en": "Where do your dots go?"})
        assert opened.table is None and opened.payload["poll"] == "Q1"
        assert opened.payload["options"] == ["EN-01", "WA-10", "sud/P1"]
        w.vote("Q1", "phone-1", ["WA-10", "WA-10", "sud/P1"])
        w.vote("q1", "phone-2", ["EN-01"])  # the id as a person types it
        assert w.state.polls["Q1"].is_open
        w.close_poll("Q1")
        second = w.open_poll("goals", None, 3).payload["poll"]
    with Workshop.open(path) as w:
        q1, q2 = w.state.polls["Q1"], w.state.polls[second]
        assert second == "Q2" and list(w.state.polls) == ["Q1", "Q2"]
        assert not q1.is_open and q1.closed_at and q2.is_open
        assert q1.votes == {"phone-1": ("WA-10", "WA-10", "sud/P1"), "phone-2": ("EN-01",)}
        assert q1.question["en"] == "Where do your dots go?" and q1.max_choices == 3
        assert poll_results(q1)[0] == PollResult("WA-10", 1, 2)
        assert not w.state.skipped


@pytest.mark.parametrize(("action", "message"), [
    (lambda w: w.open_poll("goals", None, 2), "poll Q1 is still open; close it before opening another"),
    (lambda w: w.vote("Q1", "phone-1", ["13"]), "you have already voted in poll Q1"),
    (lambda w: w.vote("Q1", "phone-2", ["18"]), "'18' is not an option of poll Q1"),
    (lambda w: w.vote("Q1", "phone-2", ["1", "2", "3"]), "choose 1 to 2 options in poll Q1"),
    (lambda w: w.vote("Q1", "phone-2", []), "choose 1 to 2 options in poll Q1"),
    (lambda w: w.vote("Q1", "phone-2", ["7", "7"]), "choose each option of poll Q1 once"),
    (lambda w: w.vote("Q1", "phone 2", ["7"]), "the voter id must be 1-64 letters, digits"),
    (lambda w: w.vote("Q9", "phone-2", ["7"]), "no poll Q9 in this workshop"),
    (lambda w: w.close_poll("Q2"), "no poll Q2 in this workshop"),
])
def test_a_poll_action_that_would_make_the_record_wrong_is_refused_and_nothing_is_saved(path, action, message):
    with Workshop.open(path) as w:
        w.open_poll("goals", None, 2)
        w.vote("Q1", "phone-1", ["13"])
        before = w.store.count()
        with pytest.raises(ActionError, match=message) as refused:
            action(w)
        assert refused.value.code and w.store.count() == before


def test_a_closed_poll_takes_no_vote_and_no_second_close(path):
    with Workshop.open(path) as w:
        w.open_poll("domains", None, 2)
        w.vote("Q1", "a", ["energy", "waste"])
        w.close_poll("Q1")
        for action in (lambda: w.vote("Q1", "b", ["energy"]), lambda: w.close_poll("Q1")):
            with pytest.raises(ActionError, match="poll Q1 is closed") as refused:
                action()
            assert refused.value.code == "poll_closed"


@pytest.mark.parametrize(("kind", "options", "max_choices", "message"), [
    ("colours", None, 1, "poll kind 'colours' is not one of goals, dots, domains"),
    ("goals", ["0", "1"], 1, "'0' cannot be an option of a goals poll"),
    ("goals", None, 18, "a goals poll with these options takes 1 to 17 choices, not 18"),
    ("dots", ["EN-01", "nord/P1"], 2, "'nord/P1' cannot be an option of a dots poll"),  # Nord made no proposal
    ("dots", None, 11, "a dots poll with these options takes 1 to 10 choices, not 11"),
    ("domains", ["energy", "space"], 1, "'space' cannot be an option"),
    ("domains", ["energy", "waste"], 3, "a domains poll with these options takes 1 to 2 choices, not 3"),
    ("goals", ["1", "1"], 1, "distinct options"),
    ("goals", [], 1, "a poll offers 1 to 500 distinct options"),
])
def test_a_poll_that_cannot_be_asked_is_refused(path, kind, options, max_choices, message):
    with Workshop.open(path) as w, pytest.raises(ActionError, match=message):
        w.open_poll(kind, options, max_choices)


def test_a_dot_vote_before_anyone_favoured_a_card_says_there_is_nothing_to_offer(tmp_path):
    with Workshop.create(tmp_path / "e.db", WorkshopInfo("Atelier", "Trezzano", "2021-07-27"),
                         *bundled()) as w, pytest.raises(ActionError, match="nothing to offer yet"):
        w.open_poll("dots", None, 3)


def test_a_poll_event_at_a_table_is_refused(path):
    with Workshop.open(path) as w:
        event = Event("x", "2021-07-27T10:00:00+00:00", "o", "poll.opened", "nord",
                      {"poll": "Q1", "kind": "goals", "max_choices": 1, "options": ["1"]})
        assert check_event(w.state, event).code == "poll_at_table"


# ---------------------------------------------------------------- merge and check

def _copies(path: Path, tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copyfile(path, a)
    shutil.copyfile(path, b)
    return a, b


def test_merging_two_laptops_votes_of_one_voter_is_refused(path, tmp_path):
    with Workshop.open(path) as w:
        w.open_poll("goals", None, 3)
    a, b = _copies(path, tmp_path)
    with Workshop.open(a) as w:
        w.vote("Q1", "phone-1", ["13"])
    with Workshop.open(b, clock=laptop_clock(1)) as w:
        w.vote("Q1", "phone-1", ["7"])
    with pytest.raises(StoreError, match="you have already voted in poll Q1") as refused:
        merge_files([a, b], tmp_path / "out.db")
    assert refused.value.code == "merge_invalid" and not (tmp_path / "out.db").exists()


def test_merging_a_vote_cast_after_the_close_is_refused_and_one_before_it_is_kept(path, tmp_path):
    with Workshop.open(path) as w:
        w.open_poll("goals", None, 3)
    a, b = _copies(path, tmp_path)
    with Workshop.open(a) as w:
        w.close_poll("Q1")
    with Workshop.open(b, clock=laptop_clock(-5)) as w:  # before the close: it counts
        w.vote("Q1", "early", ["13"])
    assert merge_files([a, b], tmp_path / "ok.db") > 0
    with Workshop.open(tmp_path / "ok.db") as w:
        assert w.state.polls["Q1"].votes == {"early": ("13",)} and not w.state.polls["Q1"].is_open
    with Workshop.open(b, clock=laptop_clock(5)) as w:  # after the close
        w.vote("Q1", "late", ["7"])
    with pytest.raises(StoreError, match="poll Q1 is closed"):
        merge_files([a, b], tmp_path / "late.db")


def test_merging_two_polls_opened_at_once_is_refused(path, tmp_path):
    a, b = _copies(path, tmp_path)
    with Workshop.open(a) as w:
        w.open_poll("goals", None, 3)
    with Workshop.open(b, clock=laptop_clock(1)) as w:
        w.open_poll("domains", None, 2)
    with pytest.raises(StoreError, match="poll Q1 was opened before"):
        merge_files([a, b], tmp_path / "out.db")


def _insert(path: Path, kind: str, payload: dict, at: str) -> None:
    """An event written by another program (an older version, a hand edit), bypassing the actions."""
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO events (id, at, origin, kind, tbl, payload) VALUES (?, ?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), at, "hand", kind, None, json.dumps(payload)))
    raw.commit()
    raw.close()


def test_session_check_lists_every_invalid_poll_event_and_the_fold_leaves_them_out(path):
    with Workshop.open(path) as w:
        w.open_poll("dots", None, 2)
        w.vote("Q1", "phone-1", ["EN-01", "EN-01"])
    later = (datetime.now(UTC) + timedelta(seconds=10)).isoformat()
    _insert(path, "vote", {"poll": "Q1", "voter": "phone-1", "choices": ["WA-10"]}, later)
    _insert(path, "vote", {"poll": "Q1", "voter": "phone-2", "choices": ["ZZ-99"]}, later)
    _insert(path, "vote", {"poll": "Q1", "voter": "phone-3", "choices": ["EN-01", "WA-10", "WA-10"]}, later)
    _insert(path, "poll.opened", {"poll": "Q2", "kind": "goals", "max_choices": 1, "options": ["1"]}, later)
    run = run_here("session", "check", path)
    assert run.returncode == 1, run.output
    for reason in ("you have already voted in poll Q1", "'ZZ-99' is not an option of poll Q1",
                   "choose 1 to 2 options in poll Q1", "poll Q1 is still open"):
        assert reason in run.stdout
    with Workshop.open(path) as w:
        assert w.state.polls["Q1"].votes == {"phone-1": ("EN-01", "EN-01")} and list(w.state.polls) == ["Q1"]
        assert len(w.state.skipped) == 4


def test_poll_events_fold_the_same_from_the_file_and_one_by_one(path):
    with Workshop.open(path) as w:
        w.open_poll("goals", None, 2)
        for i in range(5):
            w.vote("Q1", f"v{i}", [str(i + 1), "13"])
        w.close_poll("Q1")
        live = w.state.polls
        again = fold(w.events).polls
    assert again == live and poll_results(again["Q1"])[0] == PollResult("13", 5, 5)


# ---------------------------------------------------------------- any sequence of poll events

_OPTIONS = {"goals": ["1", "7", "13", "18"], "domains": ["energy", "waste", "space"], "dots": ["EN-01", "ZZ-99"]}
_STEP = st.one_of(
    st.tuples(st.just("poll.opened"), st.sampled_from(["Q1", "Q2", "Q3", "X"]), st.sampled_from(sorted(_OPTIONS)),
              st.integers(0, 4)),
    st.tuples(st.just("poll.closed"), st.sampled_from(["Q1", "Q2", "Q3"])),
    st.tuples(st.just("vote"), st.sampled_from(["Q1", "Q2", "Q3"]), st.sampled_from(["a", "b", "c", "d e"]),
              st.lists(st.sampled_from(["1", "7", "13", "energy", "waste", "EN-01"]), max_size=4)))


def _events(created: Event, steps: list[tuple]) -> list[Event]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    events = [created]
    for i, step in enumerate(steps, 1):
        if step[0] == "poll.opened":
            _, poll, kind, n = step
            options = _OPTIONS[kind][:2] if n % 2 else _OPTIONS[kind]
            payload: dict = {"poll": poll, "kind": kind, "max_choices": n, "options": options}
        elif step[0] == "poll.closed":
            payload = {"poll": step[1]}
        else:
            payload = {"poll": step[1], "voter": step[2], "choices": step[3]}
        events.append(Event(f"e{i}", (start + timedelta(seconds=i)).isoformat(), "o", step[0], None, payload))
    return events


_CREATED: dict = {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_STEP, max_size=25))
def test_whatever_the_events_the_folded_polls_keep_every_rule(path, steps):
    if path not in _CREATED:  # the fixture is made once for all examples: open the file once too
        with Workshop.open(path) as w:
            _CREATED[path] = w.events[0]
    events = _events(_CREATED[path], steps)
    state = fold(events)
    kept = [e for e in events if e.id not in {s.id for s in state.skipped}]
    assert fold(kept).polls == state.polls and not fold(kept).skipped  # what was left out changed nothing
    assert sum(p.is_open for p in state.polls.values()) <= 1
    for poll in state.polls.values():
        assert 1 <= poll.max_choices <= (10 if poll.kind == "dots" else len(poll.options))
        for choices in poll.votes.values():
            assert 1 <= len(choices) <= poll.max_choices and set(choices) <= set(poll.options)
            assert poll.kind == "dots" or len(set(choices)) == len(choices)
        results = poll_results(poll)
        assert all(r.votes <= poll.voters for r in results)
