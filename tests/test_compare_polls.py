"""The plenary's polls in the comparison report (issue 15): each workshop's polls with their results, labelled as
people know the options (SDG names, card and proposal titles, domain names) and with the voters behind every
figure; polls.csv in the data package (valid for frictionless); the fast reader folds polls as the fold does.

Two real workshop files recorded through the engine, compared through the real command."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.report.build import build_report
from cardengine.compare.run import load_facts
from cardengine.sessions import Workshop, WorkshopInfo

from .conftest import run_here
from .lazy_import import lazy
from .test_compare_fast_read import assert_same_facts
from .test_compare_report import pdf_text
from .tui_support import bundled

frictionless = lazy("frictionless")



def _alfa(folder: Path) -> Path:
    """Alfa: two tables, a goals poll (5 voters) and a dot vote still open."""
    path = folder / "alfa.db"
    with Workshop.create(path, WorkshopInfo("Plenaria Alfa", "Alfa", "2024-05-18", language="en"), *bundled()) as w:
        w.add_table("Nord")
        w.add_table("Sud")
        w.pick("Nord", "EN-01", "favourite")
        w.pick("Sud", "MO-02", "favourite")
        w.propose("Sud", "Solar car parks", ["EN-11", "MO-06"])
        w.open_poll("goals", None, 2, {"en": "Which goals matter most for the district?", "it": "Quali obiettivi?"})
        for voter, choices in {"p1": ["7", "13"], "p2": ["13"], "p3": ["13", "11"], "p4": ["7"], "p5": ["13"]}.items():
            w.vote("Q1", voter, choices)
        w.close_poll("Q1")
        w.open_poll("dots", None, 3)
        w.vote("Q2", "p1", ["sud/P1", "sud/P1", "EN-01"])
        w.vote("Q2", "p2", ["sud/P1"])
    return path


def _beta(folder: Path) -> Path:
    """Beta: a domain ranking (Borda) after an undone pick (the fast reader's deferred fold)."""
    path = folder / "beta.db"
    with Workshop.create(path, WorkshopInfo("Plenaria Beta", "Beta", "2024-06-01", language="en"), *bundled()) as w:
        w.add_table("Est")
        w.pick("Est", "WA-10")
        w.undo("Est")
        w.open_poll("domains", ["energy", "mobility", "waste"], 2)
        w.vote("Q1", "a", ["waste", "energy"])
        w.vote("Q1", "b", ["energy", "waste"])
        w.vote("Q1", "c", ["energy"])
        w.close_poll("Q1")
        w.pick("Est", "EN-02", "favourite")
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("plenary")
    return [_alfa(folder), _beta(folder)]


@pytest.fixture(scope="module")
def out(files, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report"
    run = run_here("compare", *files, "--bootstrap", "0", "--lang", "en", "-o", out)
    assert run.returncode == 0, run.output
    return out


def _rows(out: Path) -> list[dict[str, str]]:
    with (out / "polls.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_polls_csv_has_every_option_with_votes_points_and_voters(out):
    rows = _rows(out)
    alfa = [r for r in rows if r["workshop"].startswith("Alfa") and r["poll"] == "Q1"]
    assert len(alfa) == 17 and {r["voters"] for r in alfa} == {"5"} and {r["closed"] for r in alfa} == {"true"}
    assert [(r["rank"], r["option"], r["votes"], r["points"]) for r in alfa[:3]] == [
        ("1", "13", "4", "4"), ("2", "7", "2", "2"), ("3", "11", "1", "1")]
    assert alfa[0]["question"] == "Which goals matter most for the district?" and alfa[0]["group"] == "Alfa"
    dots = {r["option"]: (r["votes"], r["points"]) for r in rows if r["kind"] == "dots"}
    assert dots == {"EN-01": ("1", "1"), "MO-02": ("0", "0"), "sud/P1": ("2", "3")}
    assert {r["closed"] for r in rows if r["kind"] == "dots"} == {"false"}
    borda = [(r["option"], r["votes"], r["points"]) for r in rows if r["kind"] == "domains"]
    assert borda == [("energy", "3", "5"), ("waste", "2", "3"), ("mobility", "0", "0")]


def test_polls_csv_is_a_valid_resource_of_the_data_package(out):
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == "polls.csv")
    assert resource["schema"]["primaryKey"] == ["workshop_id", "poll", "option"]
    assert {f["name"]: f["type"] for f in resource["schema"]["fields"]}["voters"] == "integer"
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_the_report_has_a_poll_section_with_labels_and_the_voters_behind_each_figure(out):
    html = (out / "report.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="polls"'):]
    section = section[:section.index("</section>")]
    for text in ("Plenary polls", "Alfa 2024-05-18 · Plenaria Alfa · Q1: Which goals matter most for the district?",
                 "13 · Climate action", "4 of 5", "2 of 5", "choose up to 2 goals; voters: 5; closed.",
                 "Options nobody chose: 14.",
                 "sud/P1 Solar car parks", "2 of 2", "dot vote, 3 dots each; voters: 2; still open when the file",
                 "Borda points", "3 of 3", "rank up to 2 domains; voters: 3; closed.", 'href="polls.csv"'):
        assert text in section, text
    pdf = " ".join(pdf_text(out / "report.pdf"))
    assert "Plenary polls" in pdf and "13 · Climate action" in pdf and "4 of 5" in pdf


def test_the_section_speaks_the_report_s_language_and_is_left_out_without_polls(files, tmp_path):
    facts = load_facts(files, jobs=1)
    italian = build_report(compare(facts, "territory", bootstrap=0), "it")
    section = next(s for s in italian.sections if s.id == "polls")
    assert section.title == "Sondaggi in plenaria"
    goals = section.blocks[0]
    assert goals.caption.endswith("Q1: Quali obiettivi?") and goals.rows[0][:2] == (
        "13 · Lotta contro il cambiamento climatico", "4 su 5")
    french = build_report(compare(facts, "territory", bootstrap=0), "fr")
    assert next(s for s in french.sections if s.id == "polls").title == "Sondages en plénière"
    plain = tmp_path / "plain.db"
    with Workshop.create(plain, WorkshopInfo("Senza plenaria", "Gamma", "2024-07-01"), *bundled()) as w:
        w.add_table("Nord")
    report = build_report(compare(load_facts([plain], jobs=1), "territory", bootstrap=0), "en")
    assert "polls" not in [s.id for s in report.sections]


def test_by_table_a_poll_names_its_workshop_but_no_group(files):
    table = compare(load_facts(files, jobs=1), "table", bootstrap=0).tables["polls"]
    records = table.records()
    alfa = [r for r in records if r["workshop"].startswith("Alfa")]
    assert alfa and {r["group"] for r in alfa} == {""}  # Alfa has two tables: its polls are the whole room's
    beta = [r for r in records if r["workshop"].startswith("Beta")]
    assert beta and {r["group"] for r in beta} == {"Beta · Est"}


def test_the_fast_reader_folds_polls_as_the_reference_reader_does(files):
    for path in files:
        assert_same_facts(path)
    beta = load_facts([files[1]], jobs=1)[0]
    assert [(p.id, p.voters, p.results[0]) for p in beta.polls] == [("Q1", 3, ("energy", 3, 5))]
