"""The data package describes every table and column from one source, the report's catalogue, in every language,
Italian included: the measures write English only, and one English description has one meaning, so one
translation per language whatever table it describes (a per-table Italian, as `measures/italian.py` and the
Italian beside each column once gave, said 'card id' three ways)."""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.measures.tidy import Column, TidyTable
from cardengine.compare.render.package import datapackage, readme
from cardengine.compare.report.provenance import run_info
from cardengine.compare.report.words import Words, base_language
from cardengine.compare.report.words_data import DESCRIPTIONS
from cardengine.compare.run import load_facts

from .comment_set import make_set
from .data_words import LANGUAGES, undescribed
from .tui_support import bundled

ROOT = Path(__file__).resolve().parent.parent
MEASURES = ROOT / "cardengine" / "compare" / "measures"


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory):
    """The example workshops compared by territory, by workshop and by table; and the comment set (comments on
    cards, on a proposal and on nothing; a table with no picks) by territory."""
    facts = load_facts(sorted((ROOT / "examples").glob("*.db")))
    comments = load_facts(make_set(tmp_path_factory.mktemp("comments"), *bundled()))
    return [*(compare(facts, by, bootstrap=0) for by in ("territory", "workshop", "table")),
            compare(comments, "territory", bootstrap=0)]


def _literals(source: str) -> set[str]:
    """Every string constant of a module (implicitly joined literals as one; the text parts of f-strings)."""
    return {node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_the_measures_describe_in_english_only():
    assert [f.name for f in dataclasses.fields(Column)] == ["name", "type", "description"]
    assert [f.name for f in dataclasses.fields(TidyTable)] == ["name", "description", "columns", "rows"]
    assert importlib.util.find_spec("cardengine.compare.measures.italian") is None
    literals = set().union(*(_literals(p.read_text(encoding="utf-8")) for p in MEASURES.rglob("*.py")))
    for lang in LANGUAGES:  # no copy of a translation in the measures, to be read beside the catalogue's
        words = Words(lang)
        translations = {words.description(d) for d in DESCRIPTIONS} - set(DESCRIPTIONS)
        assert sorted(translations & literals) == [], lang


@pytest.mark.parametrize("lang", ["it", "fr", "en", "it-CH"])
def test_the_package_and_data_card_say_each_description_as_the_catalogue_does_one_way(comparisons, lang):
    words = Words(lang)
    said: dict[str, set[str]] = defaultdict(set)  # English -> what the package says for it
    for cmp in comparisons:
        tables = list(cmp.tables.values())
        package = json.loads(datapackage(tables, "t", lang, run_info((), {})))
        card = readme(tables, "t", lang, run_info((), {}), cmp.group_by, len(cmp.workshops)).decode("utf-8")
        listed = dict(re.findall(r"^- `([^`]+)\.csv` \([^)]*\): (.*)$", card, re.M))
        for t, resource in zip(tables, package["resources"], strict=True):
            assert resource["description"] == words.description(t.description) == listed[t.name], t.name
            said[t.description].add(resource["description"])
            for c, field in zip(t.columns, resource["schema"]["fields"], strict=True):
                assert field["description"] == words.description(c.description), (t.name, c.name)
                said[c.description].add(field["description"])
    assert {english: texts for english, texts in said.items() if len(texts) > 1} == {}
    if base_language(lang) != "en":
        assert undescribed(sorted(said), base_language(lang)) == []
    # Two English texts that read the same in a language say one thing: one English would do.
    read_as: dict[str, list[str]] = defaultdict(list)
    for english, texts in said.items():
        read_as[next(iter(texts))].append(english)
    assert {text: found for text, found in read_as.items() if len(found) > 1} == {}


def test_a_description_shared_by_tables_means_one_thing_in_all_of_them(comparisons):
    """The columns one English text describes hold one type, and where the English does not say when a column is
    empty, either all of them have empty cells or none does: a comment's card, empty for a comment about no card,
    was 'card id' as in card_picks, where a card is never missing (now its own English says so)."""
    uses: dict[str, dict[str, tuple[type, bool]]] = defaultdict(dict)  # English -> table.column -> (type, empty)
    for cmp in comparisons:
        for t in cmp.tables.values():
            for i, c in enumerate(t.columns):
                where = f"{t.name}.{c.name}"
                before = uses[c.description].get(where, (c.type, False))[1]
                empty = before or any(row[i] in (None, "") for row in t.rows)
                uses[c.description][where] = (c.type, empty)
    assert {english: found for english, found in uses.items() if len({kind for kind, _ in found.values()}) > 1} == {}
    mixed = {english: sorted(where for where, (_, empty) in found.items() if empty)
             for english, found in uses.items()
             if "empty" not in english and len({empty for _, empty in found.values()}) > 1}
    assert mixed == {}
    described = {t.description for cmp in comparisons for t in cmp.tables.values()} | set(uses)
    assert sorted(set(DESCRIPTIONS) - described) == []  # no description left in the catalogue that nothing says
    assert len(DESCRIPTIONS) == len(set(DESCRIPTIONS))
