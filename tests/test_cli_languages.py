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


def _run_in(env: dict[str, str], *args: str | Path, cwd: Path) -> tuple[int, str, str]:
    from .cli_here import run_in_process

    return run_in_process([str(a) for a in args], cwd=cwd, input=None, env={"PYTHONIOENCODING": "utf-8", **env})


@pytest.mark.parametrize(("lang", "error", "summary"), [
    ("fr", "cardengine : erreur : fichier ou dossier introuvable : {path}",
     "1\u00a0jeu, 2\u00a0cartes, 0\u00a0ensemble de critères : tout est valide"),
    ("it", "cardengine: errore: file o cartella inesistente: {path}",
     "1 mazzo, 2 carte, 0 insiemi di criteri: tutto valido"),
    ("en", "cardengine: error: no such file or folder: {path}", "1 deck(s), 2 card(s), 0 criteria set(s) valid"),
])
def test_cardengine_lang_picks_the_language_of_the_messages(small_deck: Path, lang: str, error: str,
                                                             summary: str) -> None:
    missing = small_deck.parent / "nope.yaml"
    code, out, err = _run_in({"CARDENGINE_LANG": lang}, "validate", missing, cwd=small_deck.parent)
    assert code == 2
    assert err.strip() == error.format(path=missing)  # the file named as given, in every language
    code, out, err = _run_in({"CARDENGINE_LANG": lang}, "validate", small_deck, cwd=small_deck.parent)
    assert code == 0
    assert out.splitlines()[-1] == summary


def test_the_help_speaks_the_chosen_language(tmp_path: Path) -> None:
    code, out, _ = _run_in({"CARDENGINE_LANG": "fr"}, "session", "--help", cwd=tmp_path)
    assert code == 0 and "créer un fichier d'atelier" in out
    code, out, _ = _run_in({"CARDENGINE_LANG": "it"}, "session", "--help", cwd=tmp_path)
    assert code == 0 and "crea un file del laboratorio" in out


def test_a_language_without_a_catalogue_speaks_english(small_deck: Path) -> None:
    code, out, _ = _run_in({"CARDENGINE_LANG": "pt-BR"}, "validate", small_deck, cwd=small_deck.parent)
    assert code == 0 and out.splitlines()[-1] == "1 deck(s), 2 card(s), 0 criteria set(s) valid"


def test_a_cardengine_lang_that_is_not_a_code_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run_in({"CARDENGINE_LANG": "français"}, "validate", cwd=tmp_path)
    assert code == 2
    assert "CARDENGINE_LANG takes a language code such as it, en, fr or pt-BR, not 'français'" in err


@pytest.mark.parametrize(("environ", "chosen"), [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "it_IT.UTF-8"}, "it"),
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "it_IT.UTF-8"}, "it"),
    ({"LANGUAGE": "fr:en", "LANG": "it_IT.UTF-8"}, "fr"),
    ({"CARDENGINE_LANG": "it", "LC_ALL": "fr_FR.UTF-8"}, "it"),
    ({"CARDENGINE_LANG": "it_IT"}, None),
])
def test_the_language_comes_from_cardengine_lang_then_the_locale(environ: dict[str, str], chosen: str | None) -> None:
    from cardengine.cli.main import language

    assert language(environ) == chosen


def test_argparse_speaks_the_language_too_and_is_put_back(tmp_path: Path) -> None:
    import argparse
    import gettext

    code, _, err = _run_in({"CARDENGINE_LANG": "fr"}, "build", "--duplex", "nope", cwd=tmp_path)
    assert code == 2
    assert err.startswith("utilisation : cardengine build")
    assert "cardengine build : erreur : argument --duplex : choix non valide : 'nope'" in err
    code, _, err = _run_in({"CARDENGINE_LANG": "it"}, "compare", cwd=tmp_path)
    assert code == 2
    assert "cardengine compare: errore: mancano questi argomenti obbligatori: WORKSHOP.db, -o/--output" in err
    assert vars(argparse)["_"] is gettext.gettext  # the host's lookup again, once the command is done
    code, _, err = _run_in({"CARDENGINE_LANG": "en"}, "compare", cwd=tmp_path)
    assert "cardengine compare: error: the following arguments are required: WORKSHOP.db, -o/--output" in err


@pytest.mark.parametrize(("lang", "shown"), [
    ("en", "deck.yaml:3:5: warning: cards[0].title: no 'fr' text; add fr: to the title"),
    ("fr", "deck.yaml:3:5: avertissement: cards[0].title: no 'fr' text ; add fr: to the title"),
    ("it", "deck.yaml:3:5: avviso: cards[0].title: no 'fr' text; add fr: to the title"),
])
def test_a_problem_line_joins_its_parts_as_the_language_does(lang: str, shown: str) -> None:
    from cardengine.i18n import language, set_language
    from cardengine.problems import Problem, Severity

    before = language()
    set_language(lang)
    try:
        problem = Problem("deck.yaml", 3, 5, ("cards", 0, "title"), "no 'fr' text", "add fr: to the title",
                          Severity.WARNING)
        assert str(problem) == shown
    finally:
        set_language(before)


@pytest.mark.parametrize("lang", ["fr", "it", "en"])
@pytest.mark.parametrize("columns", ["80", "120"])
def test_list_cuts_no_id_name_or_number_in_any_language_at_any_width(lang: str, columns: str) -> None:
    """French headers are longer than English ones: at 80 columns rich would end ids with "…" and drop columns to
    make the decks table fit; the list shows every value whole, as a table or, when none fits, one record a row."""
    from cardengine.decks.load import load_paths

    root = Path(__file__).resolve().parent.parent
    code, out, err = _run_in({"CARDENGINE_LANG": lang, "COLUMNS": columns}, "list", "decks", cwd=root)
    assert code == 0, err
    assert "…" not in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= int(columns)
    words = set(out.split())
    for deck in load_paths([root / "decks"]).decks:
        assert deck.id in words and deck.domain in words
        for card in deck.cards:
            assert card.id in words and card.cost.value in words and card.horizon.value in words
            assert all(str(goal) in words for goal in card.sdgs)


@pytest.mark.parametrize(("lang", "hint"), [
    ("it", "18 è sopra il massimo 17; usa un numero di obiettivo da 1 a 17"),
    ("fr", "18 est au-dessus du maximum 17 ; utilisez un numéro d'objectif de 1 à 17"),
    ("en", "18 is above the maximum 17; use a goal number from 1 to 17")])
def test_the_schemas_fix_hints_speak_the_language_of_the_messages(small_deck: Path, lang: str, hint: str) -> None:
    """The schemas keep their hints in English (editors read them there); a problem line shows them translated."""
    text = small_deck.read_text(encoding="utf-8").replace("sdgs: [6, 13]", "sdgs: [6, 18]")
    small_deck.write_text(text, encoding="utf-8")
    code, out, _ = _run_in({"CARDENGINE_LANG": lang}, "validate", small_deck, cwd=small_deck.parent)
    assert code == 1
    assert hint in out


def test_every_hint_of_every_shipped_schema_is_a_catalogue_message() -> None:
    from cardengine.decks.schema_hints import CATALOGUE_ENTRIES
    from cardengine.i18n import missing

    assert len(CATALOGUE_ENTRIES) >= 30
    untranslated = set(missing("it")) | set(missing("fr"))
    assert not untranslated & set(CATALOGUE_ENTRIES.values())


# Hand-edited YAML that PyYAML refuses, and the problem PyYAML words in English.
_BROKEN_YAML = {
    "a: b: c\n": "mapping values are not allowed here",
    "a: {b: c\nd: e\n": "expected ',' or '}', but got ':'",
    "a: [b, c\nd: e\n": "expected ',' or ']', but got ':'",
    "a: 1\n\tb: x\n": "found character '\\t' that cannot start any token",
    "a:\n  - b\n c: d\n": "expected <block end>, but found '<block mapping start>'",
    "a: *nope\n": "found undefined alias 'nope'",
    'a: "abc\n': "found unexpected end of stream",
    'a: "\\q"\n': "found unknown escape character 'q'",
    "a: & x\n": "expected alphabetic or numeric character, but found ' '",
    "a: b\n---\nc: d\n": "but found another document",
    "a: &x 1\nb: &x 2\n": "second occurrence",
}


@pytest.mark.parametrize("text", list(_BROKEN_YAML))
def test_pyyaml_s_syntax_problems_are_said_in_the_language_of_the_messages(tmp_path: Path, text: str) -> None:
    import yaml

    with pytest.raises(yaml.MarkedYAMLError) as refused:
        yaml.safe_load(text)
    assert refused.value.problem == _BROKEN_YAML[text]  # PyYAML still words it so: the catalogue's pattern holds
    deck = tmp_path / "broken.yaml"
    deck.write_text(text, encoding="utf-8")
    for lang in ("it", "fr", "en"):
        _, out, _ = _run_in({"CARDENGINE_LANG": lang}, "validate", deck, cwd=tmp_path)
        problem = out.splitlines()[0]
        assert problem.startswith("broken.yaml:") or "broken.yaml:" in problem
        assert _BROKEN_YAML[text] not in problem, problem
        assert "YAML" in problem
