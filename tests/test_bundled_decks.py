"""The six bundled decks: complete, bilingual, real, and valid against the shipped JSON Schema."""

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

DOMAINS = {"energy", "climate", "built-environment", "mobility", "waste", "welfare"}
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
    assert "6 deck(s)" in run.stdout and "1 criteria set(s) valid" in run.stdout


def test_six_domains_each_with_twelve_or_more_cards(loaded):
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
