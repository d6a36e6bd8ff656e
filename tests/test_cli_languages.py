"""The command line takes any language a deck may declare, refuses what is not a language code, and `validate`
lists the words that would show in English for the languages the decks declare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import SMALL_DECK, run_here


def test_a_workshop_may_speak_a_language_beyond_italian_and_english(tmp_path: Path) -> None:
    run = run_here("session", "new", "w.db", "--title", "Atelier", "--territory", "Paris", "--date", "2026-03-01",
                   "--lang", "fr", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    shown = run_here("session", "show", "w.db", "--json", cwd=tmp_path)
    assert json.loads(shown.stdout)["workshop"]["language"] == "fr"


@pytest.mark.parametrize("args", [
    ["session", "new", "w.db", "--title", "T", "--territory", "X", "--date", "2026-03-01", "--lang", "fr_FR"],
    ["tui", "w.db", "--lang", "english"],
    ["compare", "w.db", "-o", "report", "--lang", "EN"],
    ["compare", "w.db", "-o", "report", "--lang", ""],
], ids=["underscore", "a-word", "capitals", "empty"])
def test_a_language_that_is_not_a_code_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    run = run_here(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert "argument --lang: takes a language code such as it, en, fr or pt-BR, not " in run.stderr
    assert not list(tmp_path.iterdir())  # nothing was made


def test_validate_lists_the_untranslated_words_of_a_declared_language_as_warnings(tmp_path: Path) -> None:
    deck = tmp_path / "water.yaml"
    deck.write_text(SMALL_DECK.replace("it:", "xq:").replace("[it, en]", "[xq, en]"), encoding="utf-8")
    run = run_here("validate", deck, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    warnings = [line for line in run.stdout.splitlines() if line.startswith("warning: xq: ")]
    assert "cli" in {line.split()[5] for line in warnings}, run.stdout  # the app and report too, once keyed
    assert run.stdout.splitlines()[-1] == "1 deck(s), 2 card(s), 0 criteria set(s) valid"


def test_validate_lists_nothing_for_languages_with_complete_catalogues(small_deck: Path) -> None:
    run = run_here("validate", small_deck, cwd=small_deck.parent)
    assert run.returncode == 0
    assert "warning" not in run.stdout
