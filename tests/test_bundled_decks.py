"""The seven bundled decks: complete, bilingual, real, sourced, and valid against the shipped JSON Schema."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from cardengine.decks.load import load_paths
from cardengine.text import Text

from .conftest import DECKS, run_here

DOMAINS = {"energy", "climate", "built-environment", "mobility", "waste", "welfare", "governance"}
DECK_FILES = sorted(p for p in DECKS.glob("*.yaml") if p.name != "criteria.yaml")


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they do and say is tested, not Python's start-up."""
    return run_here


@pytest.fixture(scope="module")
def loaded():
    result = load_paths([DECKS])
    assert result.ok, "\n".join(map(str, result.problems))
    return result


def test_validate_exits_zero(cli):
    run = cli("validate", "decks")
    assert run.returncode == 0, run.output
    assert f"{len(DOMAINS)} deck(s)" in run.stdout and "1 criteria set(s) valid" in run.stdout
    assert "warning" not in run.stdout, run.stdout  # every example has its source


def test_seven_domains_each_with_twelve_or_more_cards(loaded):
    assert {d.domain for d in loaded.decks} == DOMAINS
    for deck in loaded.decks:
        assert len(deck.cards) >= 12, deck.id
        assert deck.languages == ("it", "en")


def test_card_ids_unique_and_prefixed_per_deck(loaded):
    ids = Counter(c.id for d in loaded.decks for c in d.cards)
    assert all(n == 1 for n in ids.values())
    for deck in loaded.decks:
        assert len({c.id.split("-")[0] for c in deck.cards}) == 1, deck.id


def _texts(card) -> list[tuple[str, Text]]:
    out = [("title", card.title), ("summary", card.summary), ("description", card.description)]
    out += [("actor", t) for t in card.actors] + [("co-benefit", t) for t in card.co_benefits]
    out += [("barrier", t) for t in card.barriers] + [("example", e.text) for e in card.examples]
    return out


def test_every_text_in_both_languages_and_actually_translated(loaded):
    for deck in loaded.decks:
        for card in deck.cards:
            for name, text in _texts(card):
                assert text["it"].strip() and text["en"].strip(), (card.id, name)
            # Long texts are translated, not copied across.
            assert card.description["it"] != card.description["en"], card.id
            assert card.summary["it"] != card.summary["en"], card.id


def test_cards_are_rich_enough_to_discuss(loaded):
    for deck in loaded.decks:
        for card in deck.cards:
            assert len(card.description["en"]) >= 150, card.id
            assert card.actors and card.sdgs and card.tags, card.id
            assert card.co_benefits and card.barriers, card.id
        # Varied, not one kind of intervention: several scales, costs and horizons per deck.
        assert len({s for c in deck.cards for s in c.scale}) >= 3, deck.id
        assert len({c.cost for c in deck.cards}) >= 3, deck.id
        assert len({c.horizon for c in deck.cards}) >= 2, deck.id


def test_descriptions_are_not_stamped_from_one_template(loaded):
    for lang in ("it", "en"):
        openings = Counter(" ".join(c.description[lang].split()[:4]).lower()
                           for d in loaded.decks for c in d.cards)
        common, count = openings.most_common(1)[0]
        assert count <= 3, (lang, common, count)


def test_most_cards_cite_a_real_example(loaded):
    cards = [c for d in loaded.decks for c in d.cards]
    assert sum(bool(c.examples) for c in cards) >= 0.8 * len(cards)


def test_every_example_names_its_source_and_checked_dates_are_real(loaded):
    """A facilitator asked "where does this come from?" can answer from the card's own file."""
    from datetime import date

    for deck in loaded.decks:
        for card in deck.cards:
            for example in card.examples:
                assert example.source and example.source.strip(), (card.id, example.text["en"])
                if example.checked:
                    assert date.fromisoformat(example.checked) <= date.today(), (card.id, example.checked)


def test_the_governance_deck_has_its_own_colour_icon_and_pattern(loaded):
    decks = {d.domain: d for d in loaded.decks}
    governance = decks.pop("governance")
    assert governance.colour not in {d.colour for d in decks.values()}
    assert governance.icon not in {d.icon for d in decks.values()}
    assert governance.pattern not in {d.pattern for d in decks.values()}
    assert governance.id == governance.domain == "governance"


@pytest.mark.parametrize("path", DECK_FILES, ids=lambda p: p.stem)
def test_deck_validates_against_shipped_json_schema(cli, path: Path):
    schema = json.loads(cli("schema", "deck").stdout)
    Draft7Validator.check_schema(schema)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(Draft7Validator(schema).iter_errors(data))
    assert not errors, [e.message for e in errors]


def test_criteria_validate_against_shipped_json_schema(cli):
    schema = json.loads(cli("schema", "criteria").stdout)
    Draft7Validator.check_schema(schema)
    data = yaml.safe_load((DECKS / "criteria.yaml").read_text(encoding="utf-8"))
    assert not list(Draft7Validator(schema).iter_errors(data))


def test_criteria_have_questions_and_a_meaning_for_every_level(loaded):
    (crit,) = loaded.criteria
    assert {c.id for c in crit.criteria} >= {"technical", "economic", "regulatory", "social", "time"}
    for c in crit.criteria:
        assert c.question["it"].endswith("?") and c.question["en"].endswith("?")
        assert c.values == tuple(range(1, 6))
        assert all(level.meaning["it"] and level.meaning["en"] for level in c.scale)
    assert crit.criterion("time").direction.value == "lower-is-better"


def test_list_shows_decks_and_cards(cli, loaded):
    run = cli("list", "--lang", "it")
    assert run.returncode == 0, run.output
    for deck in loaded.decks:
        assert deck.id in run.stdout
        assert deck.cards[0].id in run.stdout
    assert "Energia" in run.stdout


@pytest.mark.parametrize("path", [*DECK_FILES, DECKS / "criteria.yaml"], ids=lambda p: p.stem)
def test_editor_schema_comment_points_at_the_shipped_schema(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target.is_file()
    kind = "criteria" if path.stem == "criteria" else "deck"
    assert target.name == f"{kind}.schema.json"


def test_schema_command_prints_the_shipped_file(cli):
    from cardengine.schemas import schema_text

    for kind in ("deck", "criteria"):
        run = cli("schema", kind)
        assert run.returncode == 0
        assert run.stdout == schema_text(kind)
        assert json.loads(run.stdout)["title"].startswith("cardengine")
    assert cli("schema", "nonsense").returncode == 2


EXAMPLES = """    sdgs: [6, 13]
    examples:
      - text: {it: "UNI/TS 11445:2012, raccolta dell'acqua piovana", en: "UNI/TS 11445:2012, rainwater systems"}
        source: "UNI/TS 11445:2012"
        checked: "2026-02-30"
      - text: {it: Un polo logistico raccoglie la pioggia dei tetti, en: A logistics hub collects roof rain}
"""


def test_validate_warns_about_an_example_without_a_source_and_refuses_a_date_not_in_the_calendar(cli, tmp_path):
    from .conftest import SMALL_DECK

    deck = tmp_path / "water.yaml"
    text = SMALL_DECK.replace("    sdgs: [6, 13]\n", EXAMPLES, 1)
    deck.write_text(text, encoding="utf-8")
    line = {key: n for n, line in enumerate(text.splitlines(), 1) for key in ("logistics hub", "checked:")
            if key in line}
    run = cli("validate", deck)
    assert run.returncode == 1, run.output
    lines = run.stdout.splitlines()
    [warning] = [line for line in lines if "warning:" in line]
    assert f":{line['logistics hub']}:9:" in warning and "cards[0].examples[1]" in warning, warning
    assert "card 'WT-01': example 2 has no source" in warning and "add source:" in warning, warning
    [error] = [line for line in lines if "examples[0].checked" in line]
    assert f":{line['checked:']}:" in error and "2026-02-30 is not a date in the calendar" in error, error
    deck.write_text(deck.read_text(encoding="utf-8").replace("2026-02-30", "2026-02-28"), encoding="utf-8")
    run = cli("validate", deck)
    assert run.returncode == 0 and run.stdout.splitlines()[-1].endswith("valid (1 warning(s))"), run.output


def test_list_sources_prints_every_example_with_its_source_and_date(cli, loaded):
    run = cli("list", "--sources", "--lang", "it")
    assert run.returncode == 0, run.output
    examples = [e for d in loaded.decks for c in d.cards for e in c.examples]
    checked = sum(bool(e.checked) for e in examples)
    assert run.stdout.splitlines()[-1] == (f"{len(examples)} example(s): {len(examples)} with a source, {checked} "
                                           "with a checked date")
    assert "Sources: Governance condivisa (governance)" in run.stdout
    flat = " ".join(run.stdout.split())
    assert "D.Lgs. 31 marzo 1998, n. 112, art. 26" in flat and "2026-12-02" in flat
    assert "(not checked)" in run.stdout  # the examples whose facts the citation alone cannot confirm
    assert "GO-01" in run.stdout and "title" not in run.stdout  # sources instead of the card tables


def test_the_comparison_counts_the_governance_domain_like_the_others(cli, tmp_path):
    """Two workshops that pick and prioritise governance cards: the report's domain tables carry the seventh
    domain beside the six, by its name in the report's language."""
    import csv

    files = []
    for territory in ("Trezzano", "Seregno"):
        w = tmp_path / f"{territory}.db"
        steps = [("new", w, "--title", f"Atelier {territory}", "--territory", territory, "--date", "2021-11-22")]
        for table in ("Nord", "Sud"):
            steps += [("add-table", w, table), ("pick", w, "--table", table, "GO-05", "GO-10", "EN-01"),
                      ("priorities", w, "--table", table, "--domains", "governance,energy", "--cards", "GO-05")]
        for step in steps:
            run = cli("session", *map(str, step))
            assert run.returncode == 0, run.output
        files.append(w)
    run = cli("compare", *files, "-o", tmp_path / "out", "--lang", "en")
    assert run.returncode == 0, run.output
    with (tmp_path / "out" / "domain_picks.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert {r["domain"] for r in rows} == DOMAINS
    assert {r["group"]: r["picks_per_table"] for r in rows if r["domain"] == "governance"} == {
        "Trezzano": "2.0", "Seregno": "2.0"}
    with (tmp_path / "out" / "domain_priorities.csv").open(encoding="utf-8-sig") as f:
        first = {r["group"]: r["first_choice"] for r in csv.DictReader(f) if r["domain"] == "governance"}
    assert first == {"Trezzano": "2", "Seregno": "2"}
    assert "Shared governance" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
