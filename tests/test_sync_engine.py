"""Several programs on one workshop file: Workshop.refresh, and undo/redo following the file's order.

Two Workshop objects on one file stand for two laptops sharing it; `session` commands run as real processes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cardengine.sessions import Workshop, WorkshopInfo

from .conftest import run_cli
from .tui_support import bundled, laptop_clock


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), *bundled()) as w:
        w.add_table("Nord")
        w.add_table("Sud")
    return path


def test_refresh_takes_in_another_process_s_events_and_only_when_there_are_any(path):
    with Workshop.open(path) as w:
        assert w.refresh() == []
        w.pick("Nord", "EN-01")
        assert w.refresh() == []  # its own action is no news
        assert run_cli("session", "pick", path, "--table", "Sud", "EN-02", "EN-03").returncode == 0
        assert [e.payload["card"] for e in w.refresh()] == ["EN-02", "EN-03"]
        assert list(w.state.tables["sud"].picks) == ["EN-02", "EN-03"] and w.state.events == 6
        assert w.refresh() == []
        # Undo here takes back this table's last action, not the other table's later ones.
        undo = w.undo("Nord")
        assert w.event(undo.payload["target"]).payload["card"] == "EN-01"
        assert w.state.tables["nord"].picks == {} and list(w.state.tables["sud"].picks) == ["EN-02", "EN-03"]
    with Workshop.open(path) as reopened:
        assert reopened.state.tables["nord"].picks == {} and len(reopened.state.tables["sud"].picks) == 2


def test_two_laptops_at_one_table_undo_and_redo_in_the_file_s_order(path):
    with Workshop.open(path) as a, Workshop.open(path) as b:
        a.pick("Nord", "EN-01")
        b.pick("Nord", "EN-02")  # later, on the other laptop
        undone = a.undo("Nord")  # a has not refreshed: the engine decides on the file as it is
        assert a.event(undone.payload["target"]).payload["card"] == "EN-02"
        assert list(a.state.tables["nord"].picks) == ["EN-01"]
        assert b.refresh() and list(b.state.tables["nord"].picks) == ["EN-01"]
        b.redo("Nord")
        assert a.refresh() and list(a.state.tables["nord"].picks) == ["EN-01", "EN-02"]
        for w in (a, b):
            with Workshop.open(path) as reopened:
                assert w.state.undo_stacks == reopened.state.undo_stacks
                assert w.state.redo_stacks == reopened.state.redo_stacks


def test_a_laptop_whose_clock_is_behind_keeps_every_action_it_recorded(path):
    """Its pick used to be timed before the table it was at had been added (by a laptop whose clock is ahead),
    so reopening the file left it out; and its undo came before the action it undid."""
    with Workshop.open(path, clock=laptop_clock(0)) as ahead, Workshop.open(path, clock=laptop_clock(-600)) as behind:
        ahead.add_table("Est")
        ahead.pick("Est", "EN-01")
        behind.pick("Est", "EN-02")
        behind.undo("Est")  # EN-02, its own action, the last in the file
        behind.redo("Est")
        behind.pick("Est", "EN-03", kind="favourite")
        with Workshop.open(path) as reopened:
            assert reopened.state.skipped == []
            assert {c: p.kind for c, p in reopened.state.tables["est"].picks.items()} == {
                "EN-01": "selected", "EN-02": "selected", "EN-03": "favourite"}
            ahead.refresh()
            for w in (ahead, behind):
                assert w.state.tables["est"].picks == reopened.state.tables["est"].picks
                assert w.state.undo_stacks == reopened.state.undo_stacks


def test_refresh_of_a_file_whose_disk_went_away_is_a_store_error(path, tmp_path):
    from cardengine.sessions import StoreError

    with Workshop.open(path) as w:
        w.store._conn.close()  # as when the USB stick is pulled: the connection cannot read any more
        with pytest.raises(StoreError):
            w.refresh()


def test_every_kind_of_action_is_described_for_undo_in_the_app_s_languages_and_the_cli(path):
    from cardengine_tui.describe import describe

    with Workshop.open(path) as w:
        w.add_participant("Azienda A", "company", table="Nord")
        events = [w.pick("Nord", "EN-10", kind="discarded"), w.score("Nord", "EN-10", "technical", 4, by="Azienda A"),
                  w.score("Nord", "EN-10", "time", None), w.comment("Nord", "barrier", "costa", card="EN-10"),
                  w.comment("Nord", "quote", "bello"), w.update_proposal("Nord", w.propose("Nord", "Sole", ["EN-10"]),
                                                                         title="Sole condiviso"),
                  w.set_priorities("Nord", domains=["mobility", "energy"], cards=["EN-10"])]
        events.insert(0, w.events[-len(events) - 2])  # the participant
        proposal = w.events[-3]
        said = {lang: [describe(w.state, e, lang) for e in [*events, proposal]] for lang in ("it", "en")}
        assert said["it"] == ["Partecipante Azienda A aggiunto", "EN-10 scartata",
                              "EN-10 Fattibilità tecnica = 4 (Azienda A)", "EN-10 Tempi di attuazione = non valutato",
                              "Commento (Ostacolo) su EN-10", "Commento (Citazione) sul tavolo",
                              "Proposta P1 modificata", "Priorità: 1 Mobilità · 2 Energia · carte EN-10",
                              "Proposta P1 «Sole»"]
        assert said["en"][:3] == ["Participant Azienda A added", "EN-10 discarded",
                                  "EN-10 Technical feasibility = 4 (Azienda A)"]
        assert [w.describe(e.id) for e in events[1:3]] == ["pick EN-10 discarded", "score EN-10 technical=4"]


def test_an_invalid_event_from_another_program_is_left_out_and_does_not_move_the_clock(path):
    import json
    import sqlite3
    import uuid

    with Workshop.open(path) as w:
        raw = sqlite3.connect(path)  # an older or broken program writing to the same file
        raw.execute("INSERT INTO events (id, at, origin, kind, tbl, payload) VALUES (?, ?, ?, ?, ?, ?)",
                    (str(uuid.uuid4()), "2030-01-01T00:00:00.000000+00:00", "old", "pick", "nord",
                     json.dumps({"card": "ZZ-99", "kind": "selected"})))
        raw.commit()
        raw.close()
        assert w.refresh() and [s.kind for s in w.state.skipped] == ["pick"]
        event = w.pick("Nord", "EN-02")
        assert event.at < "2030"  # timed by this laptop's clock, not after the left-out event
        with Workshop.open(path) as reopened:
            assert list(reopened.state.tables["nord"].picks) == ["EN-02"] == list(w.state.tables["nord"].picks)
