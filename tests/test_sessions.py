"""A whole workshop recorded through the real command line on real SQLite files.

The commands run in this process (`run_here`: `cardengine.cli.main.main` with its argv, streams and exit code), not
as child processes: what is tested is what each command records and says, not Python's start-up."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cardengine.sessions.scoring import table_ranking
from cardengine.sessions.workshop import Workshop

from .conftest import run_here


@pytest.fixture
def cli():
    return run_here


def session(cli, *args):
    run = cli("session", *map(str, args))
    assert run.returncode == 0, run.output
    return run


@pytest.fixture
def workshop_file(recorded_workshop: Path, tmp_path: Path) -> Path:
    """A private copy of the recorded workshop: each test may change its own file."""
    w = tmp_path / recorded_workshop.name
    shutil.copyfile(recorded_workshop, w)
    return w


@pytest.fixture(scope="module")
def recorded_workshop(tmp_path_factory) -> Path:
    """The workshop recorded once for the module through the real command line (about 25 runs)."""
    cli = run_here
    w = tmp_path_factory.mktemp("recorded") / "trezzano.db"
    session(cli, "new", w, "--title", "Atelier di co-design", "--territory", "Trezzano sul Naviglio",
            "--date", "2021-07-27", "--place", "Trezzano", "--facilitator", "Politecnico di Milano")
    session(cli, "add-table", w, "Nord", "--area", "Area nord")
    session(cli, "add-table", w, "Sud", "--area", "Area sud")
    session(cli, "add-participant", w, "Azienda A", "--type", "company", "--table", "Nord")
    session(cli, "add-participant", w, "Comune", "--type", "public-authority", "--table", "Nord")
    # Table Nord: two cards scored by consensus, a favourite, a discard, a comment, a proposal.
    session(cli, "pick", w, "--table", "Nord", "EN-01", "CL-01")
    session(cli, "pick", w, "--table", "Nord", "MO-02", "--kind", "favourite")
    session(cli, "pick", w, "--table", "Nord", "WA-10", "--kind", "discarded")
    session(cli, "score", w, "--table", "Nord", "EN-01", "technical=4", "economic=3", "regulatory=5", "social=2",
            "time=2")
    session(cli, "score", w, "--table", "Nord", "CL-01", "technical=5", "economic=4", "regulatory=4", "social=5",
            "time=1")
    # MO-02 scored by two participants, not by consensus; regulatory not assessed.
    session(cli, "score", w, "--table", "Nord", "MO-02", "technical=3", "economic=2", "regulatory=na", "--by",
            "Azienda A")
    session(cli, "score", w, "--table", "Nord", "MO-02", "technical=5", "economic=4", "--by", "Comune")
    session(cli, "comment", w, "--table", "Nord", "EN-01", "--kind", "barrier", "=cmd|' /C calc'!A0 servono accordi")
    session(cli, "propose", w, "--table", "Nord", "--title", "Parcheggi solari con ricarica", "--cards",
            "EN-11,MO-06", "--description", "Pensiline fotovoltaiche alimentano colonnine di ricarica condivise.",
            "--lead", "Aziende,Comune")
    session(cli, "score", w, "--table", "Nord", "P1", "technical=4", "economic=4", "regulatory=3", "social=4",
            "time=3")
    # Table Sud: a pick, a score, then a mistaken pick that is undone.
    session(cli, "pick", w, "--table", "Sud", "WW-01", "EN-01")
    session(cli, "score", w, "--table", "Sud", "EN-01", "technical=2", "economic=2", "regulatory=3", "social=3",
            "time=4")
    session(cli, "pick", w, "--table", "Sud", "BE-05")
    session(cli, "undo", w, "--table", "Sud")
    session(cli, "priorities", w, "--table", "Sud", "--domains", "welfare,energy", "--cards", "WW-01,EN-01")
    return w


def test_rankings_match_values_worked_out_by_hand(workshop_file):
    with Workshop.open(workshop_file) as w:
        state = w.state
        nord = {r.target: (r.rank, r.score) for r in table_ranking(state.tables["nord"], state.criteria)}
        sud = [(r.target, r.score) for r in table_ranking(state.tables["sud"], state.criteria)]
    # EN-01: technical (4-1)/4=.75, economic .5, regulatory 1, social .25, time lower-is-better 1-(2-1)/4=.75
    #        -> (0.75+0.5+1+0.25+0.75)/5 = 0.65 -> 65.0
    # CL-01: 1, .75, .75, 1, time 1-(1-1)/4=1 -> 4.5/5 = 90.0
    # MO-02: participants' means: technical (3+5)/2=4 -> .75, economic (2+4)/2=3 -> .5; regulatory n/a,
    #        social and time unscored -> weights renormalised over two criteria: (0.75+0.5)/2 = 62.5
    # P1: .75, .75, .5, .75, time 1-(3-1)/4=.5 -> 3.25/5 = 65.0
    assert nord == {"CL-01": (1, 90.0), "EN-01": (2, 65.0), "P1": (3, 65.0), "MO-02": (4, 62.5)}
    # Sud EN-01: .25, .25, .5, .5, time 1-(4-1)/4=.25 -> 1.75/5 = 35.0; WW-01 unscored last; BE-05 undone.
    assert sud == [("EN-01", 35.0), ("WW-01", None)]


def test_show_reads_back_what_was_recorded(cli, workshop_file):
    run = cli("session", "show", workshop_file, "--json")
    data = json.loads(run.stdout)
    nord, sud = data["tables"]
    assert [p["card"] for p in nord["picks"]] == ["EN-01", "CL-01", "MO-02", "WA-10"]
    assert [p["kind"] for p in nord["picks"]][2:] == ["favourite", "discarded"]
    assert nord["scores"]["MO-02"]["regulatory"] is None
    assert nord["proposals"][0]["cards"] == [{"card": "EN-11", "how": ""}, {"card": "MO-06", "how": ""}]
    assert sud["priorities"] == {"domains": ["welfare", "energy"], "cards": ["WW-01", "EN-01"]}
    assert "BE-05" not in [p["card"] for p in sud["picks"]]
    text = cli("session", "show", workshop_file).stdout
    assert "CL-01" in text and "90.0" in text and "discarded: WA-10" in text


def test_undo_and_redo_survive_reopening(cli, workshop_file):
    run = cli("session", "redo", workshop_file, "--table", "Sud")  # the priorities came after the undo
    assert run.returncode == 1 and "nothing to redo at table 'Sud'" in run.stderr
    with Workshop.open(workshop_file) as w:
        assert "BE-05" not in w.state.tables["sud"].picks
    session(cli, "undo", workshop_file, "--table", "Sud")  # undoes the priorities
    session(cli, "redo", workshop_file, "--table", "Sud")
    with Workshop.open(workshop_file) as w:
        assert w.state.tables["sud"].priority_domains == ["welfare", "energy"]


def test_bad_actions_are_refused_with_a_clear_message(cli, workshop_file):
    before = sqlite3.connect(workshop_file).execute("select count(*) from events").fetchone()[0]
    cases = [
        (("pick", workshop_file, "--table", "Nord", "XX-99"), "no card 'XX-99'"),
        (("pick", workshop_file, "--table", "Ovest", "EN-01"), "no table 'Ovest'"),
        (("score", workshop_file, "--table", "Nord", "EN-01", "technical=9"), "9 is not on the scale of 'technical'"),
        (("score", workshop_file, "--table", "Nord", "EN-01", "feasible=3"), "no criterion 'feasible'"),
        (("score", workshop_file, "--table", "Nord", "EN-01", "technical"), "is not CRITERION=VALUE"),
    ]
    for args, message in cases:
        run = cli("session", *map(str, args))
        assert run.returncode == 1, args
        assert message in run.stderr
    after = sqlite3.connect(workshop_file).execute("select count(*) from events").fetchone()[0]
    assert after == before


def test_merge_combines_tables_without_duplicates_and_is_idempotent(cli, tmp_path, workshop_file):
    laptop_a, laptop_b = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(workshop_file, laptop_a)
    shutil.copy(workshop_file, laptop_b)
    session(cli, "pick", laptop_a, "--table", "Nord", "BE-01")
    session(cli, "pick", laptop_b, "--table", "Sud", "MO-13")
    session(cli, "comment", laptop_b, "--table", "Sud", "MO-13", "--kind", "enabler", "Percorso già previsto")
    merged = tmp_path / "workshop.db"
    run = cli("merge", laptop_a, laptop_b, "-o", merged)
    assert run.returncode == 0, run.output
    with Workshop.open(merged) as w, Workshop.open(laptop_a) as a, Workshop.open(laptop_b) as b:
        ids = [e.id for e in w.events]
        assert len(ids) == len(set(ids)) == len({e.id for e in a.events} | {e.id for e in b.events})
        assert "BE-01" in w.state.tables["nord"].picks and "MO-13" in w.state.tables["sud"].picks
    first = json.dumps(cli("session", "show", merged, "--json").stdout)
    # Merging the same files again, or the merged file into itself, adds nothing.
    assert "0 new event(s)" in cli("merge", laptop_a, laptop_b, "-o", merged).stdout
    assert "0 new event(s)" in cli("merge", merged, laptop_a, "-o", merged).stdout
    assert json.dumps(cli("session", "show", merged, "--json").stdout) == first


def test_merge_refuses_different_workshops(cli, tmp_path, workshop_file):
    other = tmp_path / "other.db"
    session(cli, "new", other, "--title", "Altro", "--territory", "Seregno", "--date", "2022-06-01")
    run = cli("merge", workshop_file, other, "-o", tmp_path / "x.db")
    assert run.returncode == 1 and "hold different workshops" in run.stderr


def test_json_export_then_import_round_trips(cli, tmp_path, workshop_file):
    assert cli("export", workshop_file, "--format", "json", "-o", tmp_path / "json").returncode == 0
    copy = tmp_path / "copy.db"
    run = cli("import", tmp_path / "json" / "workshop.json", "-o", copy)
    assert run.returncode == 0, run.output
    with Workshop.open(workshop_file) as a, Workshop.open(copy) as b:
        assert [e.as_dict() for e in a.events] == [e.as_dict() for e in b.events]
    assert cli("session", "show", copy, "--json").stdout == cli("session", "show", workshop_file, "--json").stdout


def test_csv_tables_are_tidy_and_safe(cli, tmp_path, workshop_file):
    assert cli("export", workshop_file, "--format", "csv", "-o", tmp_path / "csv").returncode == 0
    tables = {p.stem: list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8"))))
              for p in (tmp_path / "csv").glob("*.csv")}
    assert set(tables) >= {"picks", "scores", "comments", "proposals", "participants", "proposal_cards", "rankings"}
    picks = tables["picks"]
    assert len(picks) == 6 and {r["territory"] for r in picks} == {"Trezzano sul Naviglio"}
    assert {(r["table"], r["card"], r["domain"]) for r in picks} >= {("nord", "EN-01", "energy"),
                                                                      ("sud", "WW-01", "welfare")}
    scores = tables["scores"]
    mo02 = [r for r in scores if r["target"] == "MO-02" and r["criterion"] == "regulatory"]
    assert mo02 == [{**mo02[0], "value": "", "assessed": "false", "by": "azienda-a"}]
    assert all(r["value"] == "" or r["value"].isdigit() for r in scores)
    comment = tables["comments"][0]["text"]
    assert comment.startswith("'=cmd")  # would run as a formula in a spreadsheet without the quote
    for rows in tables.values():
        for row in rows:
            assert not any(v.startswith(("=", "+", "@")) for v in row.values()), row
    assert [r["card"] for r in tables["proposal_cards"]] == ["EN-11", "MO-06"]


def test_proposals_become_a_deck_that_validates_and_prints(cli, tmp_path, workshop_file):
    deck = tmp_path / "decks" / "proposals-trezzano.yaml"
    run = cli("proposals", workshop_file, "-o", deck)
    assert run.returncode == 0, run.output
    assert cli("validate", deck).returncode == 0
    from cardengine.decks.load import load_deck

    loaded, _ = load_deck(deck)
    (card,) = loaded.cards
    assert card.id == "PR-TRE21-01" and card.title["it"] == "Parcheggi solari con ricarica"
    assert card.origin.table == "Nord" and card.origin.cards == ("EN-11", "MO-06")
    assert card.origin.workshop == "Atelier di co-design"
    build = cli("build", deck, "-o", tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (tmp_path / "out" / "proposals-trezzano-poker-it-a4.pdf").is_file()


def test_workshop_file_problems_are_one_line_errors(cli, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    run = cli("session", "show", junk)
    assert run.returncode == 1 and "damaged or not a workshop file" in run.stderr
    assert junk.read_bytes() == b"not a database" * 100
    run = cli("session", "show", tmp_path / "missing.db")
    assert run.returncode == 1 and "does not exist" in run.stderr


def test_a_clock_that_steps_back_cannot_reorder_one_laptops_actions(tmp_path, workshop_file):
    from cardengine.sessions import Event

    with Workshop.open(workshop_file) as w:
        pick = w.pick("Nord", "BE-02")
        # The laptop's clock jumps back an hour before the note-taker undoes that pick.
        earlier = (datetime.fromisoformat(pick.at) - timedelta(hours=1)).isoformat(timespec="microseconds")
        undo = Event("undo-" + pick.id, earlier, w.store.origin, "undo", "nord", {"target": pick.id})
        w.store.insert([undo])
        w.reload()
        assert "BE-02" not in w.state.tables["nord"].picks
    with Workshop.open(workshop_file) as w:
        assert "BE-02" not in w.state.tables["nord"].picks
