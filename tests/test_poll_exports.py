"""Polls in what researchers take away (issue 15): `session show` lists each poll with its results, the JSON export
re-imports to the same polls, the CSV export has polls.csv and the YAML the results; an export whose poll events
break the rules is refused by `import`. Real workshop files, the real command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from cardengine.sessions import Workshop, WorkshopInfo, poll_results

from .cli_here import run_in_process
from .conftest import run_here
from .tui_support import bundled


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "plenary.db"
    with Workshop.create(path, WorkshopInfo("Plenary", "Trezzano", "2021-07-27", language="en"), *bundled()) as w:
        w.add_table("Nord")
        w.pick("Nord", "EN-01", "favourite")
        w.propose("Nord", "Solar car parks", ["EN-11", "MO-06"])
        w.open_poll("dots", None, 3, {"en": "Where do your dots go?"})
        w.vote("Q1", "phone-1", ["nord/P1", "nord/P1", "EN-01"])
        w.vote("Q1", "phone-2", ["nord/P1"])
        w.close_poll("Q1")
        w.open_poll("goals", None, 2)
        w.vote("Q2", "phone-1", ["13", "7"])
    return path


def test_session_show_lists_each_poll_with_its_results(path):
    with Workshop.open(path) as w:
        title = w.state.cards["EN-01"].title["en"]
    run = run_here("session", "show", path)
    assert run.returncode == 0, run.output
    text = run.stdout[run.stdout.index("poll Q1"):]
    assert text.splitlines()[:4] == [
        "poll Q1: dot vote, closed, 2 voters",
        "  Where do your dots go?",
        "   1. nord/P1  2 votes, 3 dots        Solar car parks",
        f"   2. EN-01    1 vote, 1 dot          {title}"]
    assert "poll Q2: goals, open, 1 voter" in text and "Climate action" in text and "15 options without votes" in text


def test_session_show_speaks_italian(path):
    code, out, err = run_in_process(["session", "show", str(path)], cwd=path.parent, input=None,
                                    env={"PYTHONIOENCODING": "utf-8", "CARDENGINE_LANG": "it"})
    assert code == 0, err
    assert "sondaggio Q1: voto a punti, chiuso, 2 votanti" in out and "2 voti, 3 punti" in out


def test_json_export_round_trip_keeps_every_ballot(path, tmp_path):
    assert run_here("export", path, "--format", "json", "-o", tmp_path / "json").returncode == 0
    doc = json.loads((tmp_path / "json" / "workshop.json").read_text(encoding="utf-8"))
    q1 = doc["state"]["polls"][0]
    assert (q1["poll"], q1["kind"], q1["voters"], q1["closed_at"] is not None) == ("Q1", "dots", 2, True)
    assert q1["results"][0] == {"option": "nord/P1", "votes": 2, "points": 3}
    run = run_here("import", tmp_path / "json" / "workshop.json", "-o", tmp_path / "again.db")
    assert run.returncode == 0, run.output
    with Workshop.open(path) as original, Workshop.open(tmp_path / "again.db") as again:
        assert again.state.polls == original.state.polls
        assert [e.as_dict() for e in again.events] == [e.as_dict() for e in original.events]
        assert poll_results(again.state.polls["Q2"])[:2] == poll_results(original.state.polls["Q2"])[:2]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda events, vote: events.insert(events.index(vote) + 1, {**vote, "id": "again", "payload": {
        **vote["payload"], "choices": ["EN-01"]}}), "you have already voted in poll Q1"),
    (lambda events, vote: events.append({**vote, "id": "late"}), "poll Q1 is closed"),
    (lambda events, vote: vote["payload"].update(choices=["nord/P9"]), "'nord/P9' is not an option of poll Q1"),
    (lambda events, vote: vote["payload"].update(choices=["EN-01"] * 4), "choose 1 to 3 options in poll Q1"),
    (lambda events, vote: vote.update(table="nord"), "'vote' belongs to the whole workshop, not to a table"),
])
def test_an_export_whose_poll_events_break_the_rules_is_refused_by_import(path, tmp_path, change, reason):
    assert run_here("export", path, "--format", "json", "-o", tmp_path / "json").returncode == 0
    source = tmp_path / "json" / "workshop.json"
    doc = json.loads(source.read_text(encoding="utf-8"))
    vote = next(e for e in doc["events"] if e["kind"] == "vote")
    change(doc["events"], vote)
    source.write_text(json.dumps(doc), encoding="utf-8")
    run = run_here("import", source, "-o", tmp_path / "bad.db")
    assert run.returncode != 0 and reason in run.output and not (tmp_path / "bad.db").exists()


def test_csv_export_has_a_polls_table_and_yaml_the_results(path, tmp_path):
    assert run_here("export", path, "--format", "csv", "-o", tmp_path / "csv").returncode == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "polls.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["workshop", "territory", "date", "poll", "kind", "question", "option", "votes", "points",
                             "voters"]
    q1 = [(r["option"], r["votes"], r["points"], r["voters"]) for r in rows if r["poll"] == "Q1"]
    assert q1 == [("nord/P1", "2", "3", "2"), ("EN-01", "1", "1", "2")]
    assert rows[0]["question"] == "Where do your dots go?" and len(rows) == 2 + 17
    assert run_here("export", path, "--format", "yaml", "-o", tmp_path / "yaml").returncode == 0
    state = yaml.safe_load((tmp_path / "yaml" / "workshop.yaml").read_text(encoding="utf-8"))
    assert [(p["poll"], p["voters"]) for p in state["polls"]] == [("Q1", 2), ("Q2", 1)]
    assert state["polls"][1]["results"][0] == {"option": "7", "votes": 1, "points": 1}
