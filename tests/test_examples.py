"""The example workshops (examples/): reproducible, marked as example data, and complete at every table."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cardengine.sessions.workshop import Workshop

from .conftest import ROOT, run_here

SCRIPT = ROOT / "examples" / "make_examples.py"
COMMITTED = ROOT / "examples"


def make(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), *extra], capture_output=True,
                          text=True, timeout=300)


def events(path: Path) -> list[tuple]:
    with Workshop.open(path) as w:
        return [(e.id, e.at, e.origin, e.kind, e.table, e.payload) for e in w.events]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("examples")
    run = make(out)
    assert run.returncode == 0, run.stderr
    return sorted(out.glob("*.db"))


def test_the_script_makes_the_same_workshops_every_time(generated, tmp_path):
    run = make(tmp_path)
    assert run.returncode == 0, run.stderr
    again = sorted(tmp_path.glob("*.db"))
    assert [p.name for p in again] == [p.name for p in generated]
    for first, second in zip(generated, again, strict=False):
        assert events(first) == events(second), first.name


def test_the_committed_files_are_what_the_script_makes_now(generated):
    committed = sorted(COMMITTED.glob("*.db"))
    assert [p.name for p in committed] == [p.name for p in generated], \
        "examples/ is stale: run `python examples/make_examples.py --force` and commit the files"
    for mine, theirs in zip(generated, committed, strict=False):
        assert events(mine) == events(theirs), \
            f"examples/{theirs.name} is stale: run `python examples/make_examples.py --force` and commit it"
    leftovers = [p.name for p in COMMITTED.iterdir() if p.name.endswith(("-wal", "-shm", ".tmp"))]
    assert not leftovers


def test_every_example_is_marked_and_there_are_three_territories_of_two_workshops(generated):
    territories: dict[str, int] = {}
    for path in generated:
        with Workshop.open(path) as w:
            s = w.state
            assert s.example is True
            assert s.title.startswith("ESEMPIO – ")
            assert s.language == "it"
            assert w.events[0].payload["example"] is True
            territories[s.territory] = territories.get(s.territory, 0) + 1
    assert len(generated) == 6
    assert territories == {"Trezzano sul Naviglio": 2, "Abbiategrasso": 2, "Milano periferie": 2}


def test_every_table_has_participants_picks_scores_comments_and_proposals(generated):
    for path in generated:
        with Workshop.open(path) as w:
            s = w.state
            criteria = [c.id for c in s.criteria.criteria]
            assert 2 <= len(s.tables) <= 3, path.name
            for t in s.tables.values():
                where = f"{path.name}, {t.name}"
                people = [p for p in s.participants.values() if p.table == t.id]
                assert 4 <= len(people) <= 7, where
                kinds = [p.kind for p in t.picks.values()]
                assert 8 <= len(kinds) <= 14, where
                assert 1 <= kinds.count("favourite") <= 3 and 1 <= kinds.count("discarded") <= 3, where
                assert 1 <= len(t.proposals) <= 2, where
                assert t.comments and t.priority_domains, where
                scored = {(target, crit) for target, crit, _ in t.scores}
                for target in [c for c, p in t.picks.items() if p.kind != "discarded"] + list(t.proposals):
                    assert all((target, crit) in scored for crit in criteria), f"{where}: {target}"
                for p in t.proposals.values():
                    assert 2 <= len(p.cards) <= 3, where
                    assert all(c["card"] in t.picks and t.picks[c["card"]].kind != "discarded" for c in p.cards)
                assert all(v is None or v in s.criteria.criterion(c).values for (_, c, _), v in t.scores.items())


def test_the_script_does_not_overwrite_without_force(generated, tmp_path):
    for path in generated:  # the script's own six files, as its first run left them (one run fewer to wait for)
        shutil.copy2(path, tmp_path / path.name)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.db")}
    run = make(tmp_path)
    assert run.returncode == 1 and "--force" in run.stderr
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.db")} == before
    mine = tmp_path / "notes.db"
    mine.write_bytes(b"someone else's file")
    run = make(tmp_path, "--force")
    assert run.returncode == 0, run.stderr
    assert mine.read_bytes() == b"someone else's file"  # --force only replaces the script's own files
    assert len(list(tmp_path.glob("*.db"))) == 7
    for first in generated:  # and what it made again is the same
        assert events(tmp_path / first.name) == events(first), first.name


def test_session_new_example_flag_round_trips(tmp_path):
    path = tmp_path / "demo.db"
    run = run_here("session", "new", path, "--title", "Prova", "--territory", "Demo", "--date", "2024-05-02",
                   "--example")
    assert run.returncode == 0, run.output
    assert "example data" in run.stdout
    with Workshop.open(path) as w:
        assert w.state.example is True
        assert w.events[0].payload["example"] is True
    assert "EXAMPLE DATA" in run_here("session", "show", path).stdout
    show = json.loads(run_here("session", "show", path, "--json").stdout)
    assert show["workshop"]["example"] is True


def test_a_normal_workshop_is_not_marked_as_example(tmp_path):
    path = tmp_path / "real.db"
    run = run_here("session", "new", path, "--title", "Workshop 3", "--territory", "Trezzano sul Naviglio",
                   "--date", "2021-07-27")
    assert run.returncode == 0, run.output
    with Workshop.open(path) as w:
        assert w.state.example is False
        assert "example" not in w.events[0].payload  # files without the flag are as they always were
    assert "EXAMPLE" not in run_here("session", "show", path).stdout
    assert json.loads(run_here("session", "show", path, "--json").stdout)["workshop"]["example"] is False
