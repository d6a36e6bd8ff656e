"""A deck may declare any language, and a lab translating its deck prints what it has translated so far.

Before: a deck declaring a third language (fr) crashed `build --lang fr` with an internal error (the engine's
own labels, "Cost", "Scale", SDG names, exist in Italian and English only), and a text missing in one
declared language was an error that refused the whole deck in every language. Now the engine's labels print in
English where it does not speak the language; a missing translation is a warning of `validate` naming the file,
the line, the card and the field, and the build prints that field's English text.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from cardengine.decks.load import load_deck
from cardengine.problems import Severity
from tests.conftest import SMALL_DECK, run_here

FRENCH = {
    "name: {it: Acqua, en: Water}": "name: {it: Acqua, en: Water, fr: Eau}",
    "title: {it: Riuso delle acque piovane, en: Rainwater reuse}":
        "title: {it: Riuso delle acque piovane, en: Rainwater reuse, fr: Réutilisation de l'eau de pluie}",
    "      en: Companies collect roof rainwater for toilet flushing.\n":
        "      en: Companies collect roof rainwater for toilet flushing.\n"
        "      fr: Les entreprises récupèrent l'eau des toits pour les toilettes.\n",
    "      en: An underground tank collects water from factory roofs and feeds it back to the toilets.\n":
        "      en: An underground tank collects water from factory roofs and feeds it back to the toilets.\n"
        "      fr: Une citerne enterrée recueille l'eau des toits des usines et la renvoie aux toilettes.\n",
    "{it: Aziende, en: Companies}": "{it: Aziende, en: Companies, fr: Entreprises}",
    "title: {it: Giardini della pioggia, en: Rain gardens}":
        "title: {it: Giardini della pioggia, en: Rain gardens, fr: Jardins de pluie}",
    "      en: Sunken flower beds along streets hold back storm water.\n":
        "      en: Sunken flower beds along streets hold back storm water.\n"
        "      fr: Des massifs en creux le long des rues retiennent l'eau des orages.\n",
    "      en: The municipality replaces stretches of pavement with draining beds of perennial plants.\n":
        "      en: The municipality replaces stretches of pavement with draining beds of perennial plants.\n"
        "      fr: La commune remplace des trottoirs par des massifs drainants de plantes vivaces.\n",
    "{it: Comune, en: Municipality}": "{it: Comune, en: Municipality, fr: Commune}",
}


def _deck(tmp_path: Path, untranslated: tuple[str, ...] = ()) -> Path:
    """The small deck in it, en and fr; the French lines of `untranslated` (keys of FRENCH) left out."""
    text = SMALL_DECK.replace("languages: [it, en]", "languages: [it, en, fr]")
    for old, new in FRENCH.items():
        assert old in text, old
        if old not in untranslated:
            text = text.replace(old, new)
    path = tmp_path / "water.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def _build(deck: Path, out: Path, lang: str) -> str:
    run = run_here("build", deck, "--lang", lang, "--sheet", "none", "-o", out)
    assert run.returncode == 0, run.output
    (pdf,) = out.glob(f"*-{lang}-*.pdf")
    return _text(pdf)


def test_build_prints_any_language_the_deck_declares(tmp_path):
    """A fully French deck builds in French (before: an internal error), the deck's texts in French."""
    deck = _deck(tmp_path)
    assert run_here("validate", deck).returncode == 0
    text = _build(deck, tmp_path / "out", "fr")
    assert "Jardins de pluie" in text and "Rain gardens" not in text and "Giardini" not in text


MISSING = ("title: {it: Giardini della pioggia, en: Rain gardens}",
           "      en: Companies collect roof rainwater for toilet flushing.\n")


def test_validate_warns_of_each_missing_translation_naming_file_line_card_and_field(tmp_path):
    deck = _deck(tmp_path, MISSING)
    run = run_here("validate", deck)
    assert run.returncode == 0, run.output  # a warning: the deck still prints
    lines = run.output.splitlines()
    found = [line for line in lines if "has no 'fr' text" in line]
    source = deck.read_text(encoding="utf-8").splitlines()
    title_line = next(i for i, s in enumerate(source, 1) if "Giardini della pioggia" in s)
    summary_line = next(i for i, s in enumerate(source, 1) if "Companies collect" in s) - 1  # the mapping's line
    assert len(found) == 2, lines
    assert any(line.startswith(f"{deck}:{title_line}:") and ": warning: cards[1].title: card 'WT-02' " in line
               and "prints the 'en' text" in line for line in found), found
    assert any(line.startswith(f"{deck}:{summary_line}:") and ": warning: cards[0].summary: card 'WT-01' " in line
               for line in found), found


def test_build_in_that_language_prints_the_english_text_of_that_field_only(tmp_path):
    deck = _deck(tmp_path, MISSING)
    text = _build(deck, tmp_path / "out", "fr")
    assert "Rain gardens" in text and "Jardins de pluie" not in text  # the title missing in French: English
    assert "Réutilisation" in text  # the other card's title is French
    assert "Companies collect" in text.replace("\n", " ")  # its summary missing in French: English
    assert "Des massifs en creux" in text.replace("\n", " ")  # the other card's summary is French
    # The languages the deck has in full are untouched.
    assert "Giardini della pioggia" in _build(deck, tmp_path / "out-it", "it")


@pytest.mark.parametrize("declared", [("fr", "it"), ("it", "fr")])
def test_the_fallback_is_english_else_the_first_language_the_text_has(tmp_path, declared):
    """A deck without English falls back on the first declared language the text has."""
    text = SMALL_DECK.replace("languages: [it, en]", f"languages: [{', '.join(declared)}]")
    text = text.replace(", en: ", ", fr: ").replace("      en: ", "      fr: ")  # every English text is French
    text = text.replace("title: {it: Giardini della pioggia, fr: Rain gardens}", "title: {it: Giardini della pioggia}")
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    deck, problems = load_deck(path)
    assert deck is not None, [str(p) for p in problems]
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert deck.card("WT-02").title["fr"] == "Giardini della pioggia"


def test_the_printed_cards_own_words_are_french_in_a_french_build(tmp_path):
    """The engine's words on the cards (labels, scales, SDG names) come from the catalogue, French included."""
    text = _build(_deck(tmp_path), tmp_path / "out", "fr").replace("\n", " ")
    for french in ("Qui:", "Échelle: Entreprise", "Coût:", "Délai: Court (< 1 an)", "Échelle: Quartier, Commune",
                   "Délai: Moyen (1-3 ans)"):
        assert french in text, (french, text)
    assert "Scale" not in text and "Scala" not in text and "Who:" not in text
