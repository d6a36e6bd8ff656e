"""The comparison report speaks any language: French from its catalogue (headings, methods, numbers with a
decimal comma), a language without a catalogue in English without a crash; every key the report looks up is a
catalogue entry, whatever module was imported first."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

from cardengine.compare.run import load_facts, write_report

from .test_comparison import bundled, small_set  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "cardengine" / "compare" / "report"


def pdf_text(path: Path) -> str:
    doc = pypdfium2.PdfDocument(path)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in doc).replace("\r\n", " ").replace("\n", " ")
    finally:
        doc.close()


@pytest.fixture(scope="module")
def written(small_set, tmp_path_factory) -> dict[str, Path]:  # noqa: F811
    facts = load_facts(small_set, jobs=1)
    out = {}
    for lang in ("fr", "de"):
        out[lang] = tmp_path_factory.mktemp(lang) / "report"
        write_report(facts, out[lang], lang=lang, bootstrap=50)
    return out


def test_a_french_report_has_french_headings_words_and_numbers(written):
    html = (written["fr"] / "report.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in html
    for heading in ("Comparaison d'ateliers de co-conception", "Sommaire", "Faisabilité par critère",
                    "Classements de faisabilité", "Accord entre tables", "Méthodes", "Sources",
                    "Unité d'analyse.", "Commentaires\u00a0: le compte rendu qualitatif"):
        assert heading.replace("'", "&#39;") in html, heading
    for english in ("Comparing co-design workshops", "Feasibility by criterion", "Contents", "Unit of analysis"):
        assert english not in html, english
    assert "ODD " in html  # the goals as French readers name them
    text = pdf_text(written["fr"] / "report.pdf")
    assert "Comparaison d'ateliers de co-conception" in text and "Faisabilité par critère" in text
    assert "Sommaire" in text and "Méthodes" in text
    readme = (written["fr"] / "README.md").read_text(encoding="utf-8")
    assert "Qui a produit les données" in readme and "en regroupant par territoire" in readme


def test_french_numbers_have_a_decimal_comma(written):
    html = (written["fr"] / "report.html").read_text(encoding="utf-8")
    start = html.index('id="feasibility"')
    section = html[start:html.index("</section>", start)]
    cells = re.findall(r'<td class="r">(\d+[.,]\d) ± (\d+[.,]\d)', section)  # mean ± standard deviation
    assert cells and all("," in mean and "," in sd for mean, sd in cells), cells


def test_a_language_without_a_catalogue_gets_english_words(written):
    html = (written["de"] / "report.html").read_text(encoding="utf-8")
    assert 'lang="de"' in html
    for heading in ("Comparing co-design workshops", "Contents", "Feasibility by criterion", "Methods",
                    "Unit of analysis."):
        assert heading in html, heading
    assert "Confronto tra workshop" not in html
    text = pdf_text(written["de"] / "report.pdf")
    assert "Comparing co-design workshops" in text and "Feasibility by criterion" in text


def _looked_up_keys() -> set[str]:
    """Every literal key handed to a Words call `w("key", ...)` in the report's modules."""
    keys = set()
    for path in REPORT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "w"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                keys.add(node.args[0].value)
    return keys


def test_every_key_the_report_looks_up_is_a_catalogue_entry_whatever_was_imported_first():
    # A fresh interpreter that imports only the words: nothing else may be needed to hold every key.
    run = subprocess.run([sys.executable, "-c", "from cardengine.compare.report.words import CATALOGUE_ENTRIES as C;"
                          "print('\\n'.join(C))"], capture_output=True, text=True, check=True, cwd=ROOT)
    entries = set(run.stdout.split("\n")) - {""}
    keys = _looked_up_keys()
    assert len(keys) > 150
    assert keys - entries == set()


def test_words_follow_the_language_not_the_region():
    from cardengine.compare.report.words import GROUP_NOUN, STAKEHOLDERS, Words, ui_labels

    assert Words("fr-CA")("title") == Words("fr")("title") == "Comparaison d'ateliers de co-conception"
    assert Words("fr_FR").num(0.25, 2) == "0,25" and Words("de").num(0.25, 2) == "0.25"
    assert ui_labels("it")["contents"] == "Indice" and ui_labels("xx")["contents"] == "Contents"
    assert STAKEHOLDERS["citizen"]["fr"] == "Citoyens" and STAKEHOLDERS["citizen"].get("de") == "Citizens"
    assert GROUP_NOUN["territory"]["it"] == ("territorio", "territori")
