"""`cardengine build` one deck at a time (cardengine/printing/build_stream.py): a problem met late, in the last deck,
still leaves no file at all; every deck's problems are still reported; a deck's laid-out cards are dropped
once drawn, so memory stays flat as decks grow."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from .conftest import SMALL_DECK


def _deck(folder: Path, name: str, *, italian_only: bool = False, bad_cost: bool = False) -> Path:
    """The small water deck as deck `name` (ids of its own); Italian only (no English text), or with a cost
    the schema refuses."""
    text = SMALL_DECK.replace("id: water", f"id: water-{name}").replace("WT-", f"W{name.upper()}-")
    if italian_only:
        text = text.replace("languages: [it, en]", "languages: [it]")
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("en: "))
        text = text.replace(", en: Rainwater reuse}", "}").replace(", en: Rain gardens}", "}")
        text = text.replace(", en: Water}", "}").replace(", en: Companies}", "}").replace(", en: Municipality}", "}")
    if bad_cost:
        text = text.replace("cost: medium\n    horizon: short", "cost: priceless\n    horizon: short")
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _files(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*")) if out.exists() else []  # temporary files too (dot names)


def test_a_load_problem_in_the_last_deck_of_three_writes_no_file(cmd, tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    _deck(decks, "a")
    _deck(decks, "b")
    last = _deck(decks, "c", bad_cost=True)
    out = tmp_path / "out"
    run = cmd("build", decks, "-o", out, "--sheet", "none")
    assert run.returncode == 1
    line = last.read_text(encoding="utf-8").splitlines().index("    cost: priceless") + 1
    assert f"{last}:{line}:" in run.stderr and "priceless" in run.stderr
    assert "cardengine: nothing built; fix the deck problems above" in run.stderr
    assert "wrote" not in run.stdout
    assert _files(out) == []


def test_a_layout_problem_in_the_last_deck_of_three_writes_no_file(cmd, tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    _deck(decks, "a")
    _deck(decks, "b")
    last = _deck(decks, "c", italian_only=True)
    out = tmp_path / "out"
    run = cmd("build", decks, "--lang", "en", "-o", out, "--sheet", "none")
    assert run.returncode == 1
    assert f"{last}: deck water-c" in run.stderr and "the deck has no 'en' text" in run.stderr
    assert "cardengine: nothing built; 1 problem(s) above" in run.stderr
    assert "wrote" not in run.stdout
    assert _files(out) == []  # decks a and b were drawn before c was met: their files are gone too


def test_problems_in_two_decks_are_both_reported(cmd, tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    first = _deck(decks, "a", italian_only=True)
    _deck(decks, "b")
    last = _deck(decks, "c", italian_only=True)
    out = tmp_path / "out"
    run = cmd("build", decks, "--lang", "en", "-o", out, "--sheet", "none")
    assert run.returncode == 1
    assert f"{first}: deck water-a" in run.stderr and f"{last}: deck water-c" in run.stderr
    assert "cardengine: nothing built; 2 problem(s) above" in run.stderr
    assert _files(out) == []


def test_the_three_decks_build_when_all_are_good(cmd, tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    for name in "abc":
        _deck(decks, name)
    out = tmp_path / "out"
    run = cmd("build", decks, "-o", out, "--sheet", "none")
    assert run.returncode == 0, run.stderr
    names = [f"water-{n}-poker-it-cards.pdf" for n in "abc"]
    assert _files(out) == names
    assert [line.split(" (")[0] for line in run.stdout.splitlines() if line.startswith("wrote")] == \
        [f"wrote {out / n}" for n in names]


def test_a_decks_cards_and_model_are_dropped_once_drawn(tmp_path):
    """Memory stays flat: once the next deck file is loaded (when its output is claimed, before it is laid out),
    the previous deck's LaidDeck and Deck are gone."""
    from cardengine.printing.build_stream import stream_decks

    decks = tmp_path / "decks"
    decks.mkdir()
    for name in "abc":
        _deck(decks, name)
    drawn: list[tuple[weakref.ref, weakref.ref]] = []
    alive_when_next_loaded: list[bool] = []

    def claim(deck, layout, lang) -> None:
        gc.collect()
        alive_when_next_loaded.extend(laid() is not None or model() is not None for laid, model in drawn)

    def draw(laid) -> None:
        drawn.append((weakref.ref(laid), weakref.ref(laid.deck)))

    outcome = stream_decks([decks], "poker", None, 3.0, claim, draw)
    assert outcome.decks == 3 and outcome.drawable and not outcome.lines
    assert len(drawn) == 3
    assert alive_when_next_loaded == [False, False, False]  # a (when b is loaded), a and b (when c is)


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_refused_output_stops_the_build_and_writes_nothing(cmd, tmp_path, where):
    """An output that is an input (here a deck file named as another deck's PDF) is refused even when the
    deck it belongs to was loaded after the deck whose PDF would replace it."""
    decks = tmp_path / "decks"
    decks.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    _deck(decks, "a")
    _deck(decks, "b")
    # The other deck's file, given as a file in the output folder under the name of deck a's PDF.
    victim = out / "water-a-poker-it-cards.pdf"
    other = _deck(tmp_path, "z")
    other.rename(victim)
    paths = [decks, victim] if where == "last" else [victim, decks]
    before = victim.read_bytes()
    run = cmd("build", *paths, "-o", out, "--sheet", "none")
    assert run.returncode == 1
    assert "is an input of this command" in run.stderr
    assert victim.read_bytes() == before
    assert _files(out) == [victim.name]
