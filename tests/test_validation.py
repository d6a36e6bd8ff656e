"""`cardengine validate`: every mistake named with file, line, field path and a fix; exit codes."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from .conftest import DECKS, SMALL_DECK, run_cli, run_here


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they do and say is tested, not Python's start-up."""
    return run_here


def write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


def test_valid_small_deck_passes(cli, small_deck):
    run = cli("validate", small_deck)
    assert run.returncode == 0, run.output
    assert "1 deck(s), 2 card(s)" in run.stdout


def test_each_mistake_is_reported_with_line_field_and_fix(cli, tmp_path):
    text = (SMALL_DECK
            .replace('colour: "#0072B2"', 'colour: "#00GG2"')
            .replace("sdgs: [6, 13]", "sdgs: [6, 18]")
            .replace("    cost: medium\n    horizon: short", "    cost: medum\n    horizon: short\n    titel: x")
            .replace("{it: Giardini della pioggia, en: Rain gardens}", "{it: Giardini della pioggia}"))
    path = write(tmp_path, text)
    run = cli("validate", path)
    assert run.returncode == 1
    out = run.stdout
    expected = [
        (line_of(text, "colour:"), "colour", "#RRGGBB"),
        (line_of(text, "sdgs: [6, 18]"), "cards[0].sdgs[1]", "from 1 to 17"),
        (line_of(text, "cost: medum"), "cards[0].cost", "did you mean 'medium'?"),
        (line_of(text, "titel:"), "cards[0].titel", "did you mean 'title'?"),
        # A missing translation is a warning (the build prints the other language's text): tests/test_deck_languages.py
        (line_of(text, "Giardini della pioggia"), "warning: cards[1].title", "add en:"),
    ]
    for line, field, fix in expected:
        pattern = rf"^{re.escape(str(path))}:{line}:\d+: {re.escape(field)}: .*{re.escape(fix)}"
        assert re.search(pattern, out, re.MULTILINE), f"no report for {field} on line {line}:\n{out}"
    assert "4 error(s)" in out and "(1 warning(s))" in out


def test_unquoted_colour_and_version_get_specific_advice(cli, tmp_path):
    text = SMALL_DECK.replace('colour: "#0072B2"', "colour: #0072B2").replace('version: "1.0"', "version: 1.0")
    run = cli("validate", write(tmp_path, text))
    assert run.returncode == 1
    assert 'colour: is empty' in run.stdout and 'quote the colour' in run.stdout
    assert "version: is the number 1.0, expected text" in run.stdout and 'version: "1.0"' in run.stdout


def test_undeclared_language_placeholder_and_duplicate_key(cli, tmp_path):
    text = (SMALL_DECK
            .replace("en: Companies collect roof rainwater for toilet flushing.",
                     "en: TODO\n      de: Regenwasser")
            .replace("    horizon: medium\n", "    horizon: medium\n    horizon: long\n"))
    run = cli("validate", write(tmp_path, text))
    assert run.returncode == 1
    assert "cards[0].summary.en: looks like placeholder text ('TODO')" in run.stdout
    assert "cards[0].summary.de: language 'de' is not among the deck's languages" in run.stdout
    assert re.search(r"cards\[1\]\.horizon: field 'horizon' appears twice \(first on line \d+\)", run.stdout)


def test_duplicate_card_id_across_decks_names_both_files(cli, tmp_path):
    first = write(tmp_path, SMALL_DECK, "a.yaml")
    second = write(tmp_path, SMALL_DECK.replace("id: water", "id: water-two").replace("WT-02", "WT-03"), "b.yaml")
    run = cli("validate", tmp_path)
    assert run.returncode == 1
    assert f"{second}:{line_of(SMALL_DECK, 'WT-01')}:" in run.stdout
    assert f"card id 'WT-01' is already used in {first}:{line_of(SMALL_DECK, 'WT-01')}" in run.stdout


def test_yaml_syntax_error_names_the_line(cli, tmp_path):
    text = SMALL_DECK.replace("scale: [company]", "scale: [company")
    run = cli("validate", write(tmp_path, text))
    assert run.returncode == 1
    assert re.search(rf"deck.yaml:{line_of(text, 'scale: [company') + 1}:\d+: YAML syntax error", run.stdout)


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    # A real process: a regression would take memory and time without end; the child is stopped at 120 s.
    run = run_cli("validate", write(tmp_path, "\n".join(lines) + "\n"))
    assert run.returncode == 1
    assert "expands to more than" in run.stdout
    assert time.perf_counter() - start < 20  # a billion-laughs expansion would never finish


def test_recursive_alias_is_refused(cli, tmp_path):
    run = cli("validate", write(tmp_path, "cards: &c [*c]\n"))
    assert run.returncode == 1 and "expands to more than" in run.stdout


def test_python_tags_are_not_executed(cli, tmp_path):
    marker = tmp_path / "pwned"
    text = f"id: !!python/object/apply:os.system ['touch {marker}']\n"
    run = cli("validate", write(tmp_path, text))
    assert run.returncode == 1
    assert not marker.exists()
    assert "deck.yaml:1:5: id: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'" in run.stdout


def test_image_outside_the_deck_folder_is_refused(cli, tmp_path):
    text = SMALL_DECK.replace("    sdgs: [6, 13]\n", "    sdgs: [6, 13]\n    image: ../../etc/secret.png\n")
    run = cli("validate", write(tmp_path, text))
    assert run.returncode == 1
    assert "cards[0].image: image '../../etc/secret.png' lies outside the deck's folder" in run.stdout


def test_text_too_long_for_a_card_says_by_how_much(cli, tmp_path):
    text = SMALL_DECK.replace("en: Rainwater reuse}", "en: " + "Rainwater " * 7 + "}")
    run = cli("validate", write(tmp_path, text))
    assert run.returncode == 1
    assert "cards[0].title.en: is 69 characters long, at most 60 fit; shorten it by 9 characters" in run.stdout


def test_missing_path_is_a_usage_error(cli, tmp_path):
    run = cli("validate", tmp_path / "nope.yaml")
    assert run.returncode == 2
    assert "no such file or folder" in run.stderr


def test_not_utf8_is_reported(cli, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(SMALL_DECK.replace("Riuso", "Riusò").encode("latin-1"))
    run = cli("validate", path)
    assert run.returncode == 1 and "not valid UTF-8" in run.stdout


def test_bundled_decks_still_validate_beside_a_broken_one(cli, tmp_path):
    broken = write(tmp_path, SMALL_DECK.replace("sdgs: [6, 13]", "sdgs: [0]"))
    run = cli("validate", DECKS, broken)
    assert run.returncode == 1
    assert all(str(DECKS) not in line for line in run.stdout.splitlines() if "error" in line.lower()
               and line.startswith(str(DECKS)))
    assert cli("validate", DECKS).returncode == 0


def test_criteria_mistakes_are_reported(cli, tmp_path):
    text = (DECKS / "criteria.yaml").read_text(encoding="utf-8")
    text = text.replace("direction: lower-is-better", "direction: lower-better", 1)
    text = text.replace("weight: 1\n", "weight: 11\n", 1)
    run = cli("validate", write(tmp_path, text, "criteria.yaml"))
    assert run.returncode == 1
    assert re.search(r"criteria\[4\]\.direction: 'lower-better' is not allowed here; did you mean "
                     r"'lower-is-better'\?", run.stdout)
    assert re.search(r"criteria\[0\]\.weight: 11 is above the maximum 10", run.stdout)


def test_reading_a_deck_leaves_no_cycle_holding_its_node_graph(tmp_path, monkeypatch):
    """Loading pauses the garbage collector (gcpause), so whatever reading a file leaves in a reference cycle
    stays until the next collection: a folder of five 1,000-card decks once kept all five node graphs (60 MB
    each). The converter and the YAML loader must go as soon as the file is read, by reference counting alone."""
    import gc
    import weakref

    from cardengine.decks import yaml_source

    seen: list[weakref.ref] = []
    original = yaml_source._Converter.__init__

    def spy(self, loader, path):
        original(self, loader, path)
        seen.extend((weakref.ref(self), weakref.ref(loader)))

    monkeypatch.setattr(yaml_source._Converter, "__init__", spy)
    path = write(tmp_path, SMALL_DECK)
    gc.disable()
    try:
        doc, problems = yaml_source.read_yaml(path)
        assert doc is not None and not problems and len(seen) == 2
        assert [ref() for ref in seen] == [None, None]
    finally:
        gc.enable()
