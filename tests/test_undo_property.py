"""One truth for undo: what a running Workshop holds is what the file gives when it is opened again.

Random action sequences (picks of a few cards with kinds, scores, comments, priorities, participants,
proposals, undo, redo, at two tables) are recorded through two Workshop objects on one file, as two laptops
sharing it would, each with its own clock (one may be ahead of or behind the other). After every action the
state of the Workshop that made it, and after `refresh` the other's, must equal the fold of the file.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardengine.decks.load import load_paths
from cardengine.sessions import ActionError, Workshop, WorkshopInfo
from cardengine.sessions.state import WorkshopState

from .conftest import DECKS

_LOADED = load_paths([DECKS])
CARDS = ["EN-01", "EN-02", "WA-01"]
TABLES = ["Nord", "Sud"]


def picture(state: WorkshopState) -> dict[str, Any]:
    """Everything the app shows or undo decides on, in order where order is shown."""
    return {
        "tables": {key: {"picks": [(c, p.kind, p.round, p.event) for c, p in t.picks.items()],
                         "scores": sorted(t.scores.items(), key=repr),
                         "comments": [(c.event, c.kind, c.text, c.card, c.proposal) for c in t.comments],
                         "proposals": [(r, p.event, p.title, p.cards) for r, p in t.proposals.items()],
                         "priorities": (t.priority_domains, t.priority_cards)}
                   for key, t in state.tables.items()},
        "participants": sorted((k, p.label, p.table) for k, p in state.participants.items()),
        "undo": {k: v for k, v in state.undo_stacks.items() if v},
        "redo": {k: v for k, v in state.redo_stacks.items() if v},
        "events": state.events, "skipped": state.skipped}


def clock(offset_seconds: int):
    """A laptop's clock: its own offset from the other's, one millisecond per event."""
    ticks = itertools.count()
    start = datetime(2021, 7, 27, 10, 0, tzinfo=UTC) + timedelta(seconds=offset_seconds)
    return lambda: (start + timedelta(milliseconds=next(ticks))).isoformat(timespec="microseconds")


action = st.one_of(
    st.tuples(st.just("pick"), st.sampled_from(CARDS), st.sampled_from(["selected", "favourite", "discarded"])),
    st.tuples(st.just("score"), st.sampled_from([*CARDS, "P1"]), st.sampled_from([1, 3, 5, None])),
    st.tuples(st.just("comment"), st.sampled_from([*CARDS, None]), st.just(None)),
    st.tuples(st.just("priorities"), st.permutations(["energy", "waste", "climate"]), st.sampled_from([[], ["EN-01"]])),
    st.tuples(st.just("participant"), st.sampled_from(["Azienda A", "Comune"]), st.just(None)),
    st.tuples(st.just("propose"), st.sampled_from(CARDS), st.just(None)),
    st.just(("undo", None, None)), st.just(("undo", None, None)),
    st.just(("redo", None, None)), st.just(("redo", None, None)))
steps = st.lists(st.tuples(st.integers(0, 1), st.sampled_from(TABLES), action), min_size=1, max_size=24)


def act(w: Workshop, table: str, step: tuple) -> None:
    kind, a, b = step
    try:
        if kind == "pick":
            w.pick(table, a, b)
        elif kind == "score":
            w.score(table, a, "technical", b)
        elif kind == "comment":
            w.comment(table, "barrier", "serve un accordo", card=a)
        elif kind == "priorities":
            w.set_priorities(table, domains=list(a[:2]), cards=b)
        elif kind == "participant":
            w.add_participant(a, "company", table=table)
        elif kind == "propose":
            w.propose(table, "Parcheggi solari", [a])
        else:
            getattr(w, kind)(table)
    except ActionError:
        pass  # nothing to undo, a proposal not there, a participant twice: refused, nothing saved


_examples = itertools.count()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=steps, skew=st.sampled_from([0, 90, -90]))
def test_the_running_workshop_holds_what_the_file_gives_when_reopened(tmp_path: Path, sequence, skew):
    path = tmp_path / f"w{next(_examples)}.db"
    Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), _LOADED.decks,
                    _LOADED.criteria[0], clock=clock(-3600)).close()
    laptops = [Workshop.open(path, clock=clock(0)), Workshop.open(path, clock=clock(skew))]
    reader = Workshop.open(path)
    try:
        for name in TABLES:
            laptops[0].add_table(name)
        for who, table, step in sequence:
            act(laptops[who], table, step)
            reader.reload()
            assert picture(laptops[who].state) == picture(reader.state)
            laptops[1 - who].refresh()
            assert picture(laptops[1 - who].state) == picture(reader.state)
    finally:
        for w in (*laptops, reader):
            w.close()
    with Workshop.open(path) as reopened:
        assert picture(reopened.state) == picture(reader.state)
        assert reopened.state.skipped == []  # every action acknowledged counts, whatever the clocks


KEYS = st.sampled_from(["EN-01", "EN-02", "WA-01", "f", "x", "s", "ctrl+z", "ctrl+z", "ctrl+y", "ctrl+y", "up",
                        "score", "other"])


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(KEYS, min_size=1, max_size=10))
def test_the_running_app_holds_what_the_file_gives_when_reopened(tmp_path: Path, keys):
    """The same through the app under Pilot: ids typed, kinds, scores, undo and redo keys, and another laptop at
    the same table (a second Workshop on the file) acting in between."""
    import asyncio

    import yaml
    from textual.widgets import DataTable, Input

    from cardengine_tui.app import make_app

    folder = tmp_path / f"app{next(_examples)}"
    (folder / "config").mkdir(parents=True)
    (folder / "config" / "settings.yaml").write_text(yaml.safe_dump({"language": "it", "decks": str(DECKS)}))
    path = folder / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), _LOADED.decks,
                         _LOADED.criteria[0]) as w:
        w.add_table("Nord")

    async def run() -> dict[str, Any]:
        app = make_app(path, table="Nord", config_dir=folder / "config")
        async with app.run_test(size=(80, 24)) as pilot:
            with Workshop.open(path) as other:
                for key in keys:
                    if key.startswith(("EN", "WA")):
                        app.screen.query_one("#card-input", Input).focus()
                        for ch in key:
                            await pilot.press(ch)
                        await pilot.press("enter")
                    elif key == "other":
                        act(other, "Nord", ("pick", "EN-03", "favourite"))
                        app.refresh_from_file()  # what the app's timer does every second
                    elif key == "score":
                        app.screen.query_one("#criteria", DataTable).focus()
                        await pilot.press("3")
                    else:
                        app.screen.query_one("#picks", DataTable).focus()
                        await pilot.press(key)
                    await pilot.pause()
            app.refresh_from_file()
            held = picture(app.workshop.state)
            shown = [k.value for k in app.screen.query_one("#picks", DataTable).rows]
            assert shown == list(app.workshop.state.tables["nord"].picks) or (shown == ["__empty__"] and not
                                                                             app.workshop.state.tables["nord"].picks)
        return held

    held = asyncio.run(run())
    with Workshop.open(path) as reopened:
        assert held == picture(reopened.state)
        assert reopened.state.skipped == []
