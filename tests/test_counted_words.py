"""Words said with a count take the count's plural form, on the server's pages and in the report, in every
language: a table with one more favoured card says "+1 altra" in Italian, not "+1 altre"; a phone with one dot is
told "Hai 1 bollino"; a data card says "1 row" / "1 riga" / "1 ligne"; one group without leaders "has". The forms
come from the `serve` and `report` catalogues (tools/catalogues.py keeps them complete)."""

from __future__ import annotations

import pytest

from cardengine.compare.report.words import Words as ReportWords
from cardengine.serve.words import CATALOGUE_ENTRIES, Words

PLURAL_KEYS = sorted(key for key, english in CATALOGUE_ENTRIES.items() if isinstance(english, tuple))


@pytest.mark.parametrize("words, lang, key, one, two", [
    (Words, "it", "plenary.more", "+1 altra", "+2 altre"),
    (Words, "fr", "plenary.more", "+1 autre", "+2 autres"),
    (Words, "en", "plenary.more", "+1 more", "+2 more"),
    (Words, "it", "poll.points", "1 punto", "2 punti"),
    (Words, "en", "poll.points", "1 pt", "2 pts"),
    (Words, "it", "vote.dots", "Hai 1 bollino: mettilo sull'opzione che preferisci.",
     "Hai 2 bollini: mettine uno o più su ogni opzione che preferisci."),
    (Words, "fr", "vote.dots", "Vous avez 1 gommette : placez-la sur l'option que vous préférez.",
     "Vous avez 2 gommettes : placez-en une ou plusieurs sur chaque option que vous préférez."),
    (ReportWords, "en", "pkg.rows", "1 row", "2 rows"),
    (ReportWords, "it", "pkg.rows", "1 riga", "2 righe"),
    (ReportWords, "fr", "pkg.rows", "1 ligne", "2 lignes"),
    (ReportWords, "en", "polls.kind.goals", "choose 1 goal", "choose up to 2 goals"),
    (ReportWords, "it", "polls.kind.dots", "voto a punti, 1 punto a testa", "voto a punti, 2 punti a testa"),
    (ReportWords, "fr", "polls.kind.domains", "indiquer 1 domaine (le premier)", "classer jusqu'à 2 domaines"),
])
def test_a_count_of_one_is_said_in_the_singular(words: type, lang: str, key: str, one: str, two: str) -> None:
    said = words(lang)
    assert said(key, n=1) == one
    assert said(key, n=2) == two


def test_a_group_without_leaders_is_said_in_the_singular() -> None:
    assert ReportWords("en")("ranks.no_leaders_n", n=1, total=3, why="x") == \
        "1 of the 3 groups has no card in the chart (x)."
    assert ReportWords("it")("ranks.no_leaders_n", n=2, total=3, why="x") == \
        "2 gruppi su 3 non hanno carte nel grafico (x)."


@pytest.mark.parametrize("lang", ["it", "fr"])
def test_every_counted_word_of_the_pages_is_translated_in_each_form(lang: str) -> None:
    words, english = Words(lang), Words("en")
    assert PLURAL_KEYS
    for key in PLURAL_KEYS:
        for n in (0, 1, 2, 5, 1_000_000):  # French takes 0 as singular; Italian and French have a form for millions
            said = words(key, n=n)
            assert said and str(n) in said, (lang, key, n, said)
            # Translated, not English fallen back to (French keeps "pt" as English has it).
            assert said != english(key, n=n) or key == "poll.points", (lang, key, n, said)
