"""One rule for what a typed id means (cardengine.decks.card_ids), in the engine and through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardengine.decks.card_ids import looks_like_id, match_id, near_ids
from cardengine.sessions.workshop import Workshop

from .conftest import DECKS, run_here


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they record and say is tested, not Python's start-up."""
    return run_here

IDS = ["BE-01", "EN-01", "EN-10", "CL-03", "AB-1-C"]


@pytest.mark.parametrize("typed", ["EN-01", "en-01", "en01", "en 01", "EN 01", "  en-01 ", "en - 01", "EN--01",
                                   "ＥＮ－０１", "EN\u201301", "EN\u00a001"])
def test_harmless_forms_name_the_id(typed):
    assert match_id(typed, IDS) == "EN-01"


@pytest.mark.parametrize("typed", ["EN-1", "EN-001", "EN0-1", "E N01", "EN-0 1", "en 01x", "EN_01", "EN.01",
                                   "EN-01\x1b[2J", "", "   ", "EN-011"])
def test_anything_else_names_no_id(typed):
    assert match_id(typed, IDS) is None


def test_two_ids_with_the_same_runs_are_a_guess_so_neither():
    assert match_id("a1b", ["A1-B", "A-1B"]) is None
    assert match_id("a-1b", ["A1-B", "A-1B"]) == "A-1B"  # the exact id is still that id


def test_an_unknown_id_is_offered_its_near_ids_not_given_them():
    assert near_ids("EN-1", IDS) == ["EN-01"] and match_id("EN-1", IDS) is None
    assert near_ids("tetti", IDS) == []


@pytest.mark.parametrize("typed,shaped", [("EN-1", True), ("en", True), ("EN-06EN-05", True), ("xx-99", False),
                                          ("tetti verdi", False), ("en energia", False), ("zona 30", False)])
def test_what_is_written_as_an_id(typed, shaped):
    assert looks_like_id(typed, IDS) is shaped


@pytest.fixture
def workshop(cli, tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    for args in (("new", path, "--title", "A", "--territory", "Trezzano", "--date", "2021-07-27", "--decks", DECKS),
                 ("add-table", path, "Nord")):
        assert cli("session", *args).returncode == 0
    return path


def test_the_cli_pick_follows_the_same_rule(cli, workshop):
    run = cli("session", "pick", workshop, "--table", "Nord", "en 01", "en02", "EN-1")
    assert run.returncode == 1 and "no card 'EN-1'" in run.stderr and "did you mean EN-01?" in run.stderr
    with Workshop.open(workshop) as w:
        assert w.state.tables["nord"].picks == {}  # all or none: EN-1 was never EN-10
    run = cli("session", "pick", workshop, "--table", "Nord", "en 01", "en02", " EN-10 ")
    assert run.returncode == 0, run.output
    assert run.stdout.splitlines() == ["saved: EN-01 selected at Nord", "saved: EN-02 selected at Nord",
                                       "saved: EN-10 selected at Nord"]
    run = cli("session", "score", workshop, "--table", "Nord", "en 10", "technical=4")
    assert run.returncode == 0 and "for EN-10 at Nord" in run.stdout
    run = cli("session", "propose", workshop, "--table", "Nord", "--title", "Sole", "--cards", "en01,en 02")
    assert run.returncode == 0, run.output
    run = cli("session", "score", workshop, "--table", "Nord", "p 1", "technical=3")
    assert run.returncode == 0 and "for P1 at Nord" in run.stdout
    with Workshop.open(workshop) as w:
        table = w.state.tables["nord"]
        assert list(table.picks) == ["EN-01", "EN-02", "EN-10"]
        assert [c["card"] for c in table.proposals["P1"].cards] == ["EN-01", "EN-02"]
        assert table.scores[("EN-10", "technical", "consensus")] == 4
        assert table.scores[("P1", "technical", "consensus")] == 3
