"""A French comparison of real workshop files speaks French: the command's messages, the chart keys, the data
card and the data package's descriptions; English stays the default of the messages (the other compare tests read
the English and Italian)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.report.words import CATALOGUE_ENTRIES
from cardengine.compare.report.words_data import data_key
from cardengine.compare.run import load_facts
from cardengine.i18n import language, set_language

from .cli_here import run_in_process

ROOT = Path(__file__).resolve().parent.parent
TREZZANO = "examples/trezzano-2021-09-28.db"


@pytest.fixture(autouse=True)
def _language_put_back():
    """The command sets this process's language (French here); the tests after these read English."""
    before = language()
    yield
    set_language(before)


def test_a_french_comparison_says_its_messages_draws_its_chart_keys_and_writes_its_data_card_in_french(tmp_path):
    out = tmp_path / "fr"
    code, stdout, stderr = run_in_process(
        ["compare", TREZZANO, TREZZANO, "examples/abbiategrasso-2022-05-18.db", "--lang", "fr", "--bootstrap", "0",
         "-o", str(out)], cwd=ROOT, input=None, env={"PYTHONIOENCODING": "utf-8", "CARDENGINE_LANG": "fr"})
    assert code == 0, stdout + stderr
    assert f"avertissement : {TREZZANO} est indiqué deux fois ; il n'est comparé qu'une fois" in stderr
    assert "Le W de Kendall repose sur moins de 3 cartes" in stderr  # a warning of the comparison itself
    assert stdout.startswith("comparé : 2\u00a0ateliers, 5\u00a0tables, en 2\u00a0groupes")  # French spacing
    html = (out / "report.html").read_text(encoding="utf-8")
    for key in ("n = tables sur lesquelles repose la valeur", "écart-type entre les tables",
                "plus foncé = rang plus élevé"):
        assert key in html, key  # the words the charts draw themselves
    assert "tables behind the figure" not in html and "standard deviation" not in html
    assert "Énergie propre et d&#x27;un coût abordable" in html or "Énergie propre et d'un coût abordable" in html
    assert "Affordable and clean energy" not in html  # the goals' names (the decks' vocabulary has no French)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "Qui a produit les données" in card and "Who made the data" not in card
    assert "Taille de chaque groupe" in card and "Size of each group" not in card  # the tables' descriptions
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f["description"] for r in package["resources"] for f in r["schema"]["fields"]}
    assert fields["card"] == "identifiant de la carte"
    # French typography: a no-break space before every colon the report sets after a label
    assert "Territoires\u00a0:</strong>" in html and "Territoires:" not in html
    assert "données\u00a0: " in html and "données: " not in html


@pytest.mark.parametrize("by", ["territory", "workshop", "table"])
def test_every_table_and_column_description_is_a_report_word(by):
    facts = load_facts(sorted((ROOT / "examples").glob("*.db")))
    cmp = compare(facts, by, bootstrap=0)
    described = [d for t in cmp.tables.values() for d in (t.description, *(c.description for c in t.columns))]
    assert [d for d in described if data_key(d) not in CATALOGUE_ENTRIES] == []


def test_a_refused_comparison_says_why_in_french(tmp_path):
    code, _stdout, stderr = run_in_process(
        ["compare", TREZZANO, "-o", str(tmp_path / "out")], cwd=ROOT, input=None,
        env={"PYTHONIOENCODING": "utf-8", "CARDENGINE_LANG": "fr", "SOURCE_DATE_EPOCH": "soon"})
    assert code != 0
    assert "SOURCE_DATE_EPOCH='soon' n'est pas un nombre entier de secondes" in stderr
    assert not (tmp_path / "out" / "report.html").exists()
