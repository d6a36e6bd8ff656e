"""The server's words said with a count take the count's plural form in every language of the pages: a table
with one more favoured card says "+1 altra" in Italian, not "+1 altre", and a phone with one dot is told "Hai 1
bollino". The forms come from the `serve` catalogues (tools/catalogues.py keeps them complete)."""

from __future__ import annotations

import pytest

from cardengine.serve.words import CATALOGUE_ENTRIES, Words, in_english

PLURAL_KEYS = sorted(key for key, english in CATALOGUE_ENTRIES.items() if isinstance(english, tuple))


@pytest.mark.parametrize("lang, key, one, two", [
    ("it", "plenary.more", "+1 altra", "+2 altre"),
    ("fr", "plenary.more", "+1 autre", "+2 autres"),
    ("en", "plenary.more", "+1 more", "+2 more"),
    ("it", "poll.points", "1 punto", "2 punti"),
    ("en", "poll.points", "1 pt", "2 pts"),
    ("it", "vote.dots", "Hai 1 bollino: mettilo sull'opzione che preferisci.",
     "Hai 2 bollini: mettine uno o più su ogni opzione che preferisci."),
    ("fr", "vote.dots", "Vous avez 1 gommette : placez-la sur l'option que vous préférez.",
     "Vous avez 2 gommettes : placez-en une ou plusieurs sur chaque option que vous préférez."),
])
def test_a_count_of_one_is_said_in_the_singular(lang: str, key: str, one: str, two: str) -> None:
    words = Words(lang)
    assert words(key, n=1) == one
    assert words(key, n=2) == two


@pytest.mark.parametrize("lang", ["it", "fr"])
def test_every_counted_word_is_translated_in_each_form(lang: str) -> None:
    words = Words(lang)
    assert PLURAL_KEYS
    for key in PLURAL_KEYS:
        for n in (0, 1, 2, 5, 1_000_000):  # French takes 0 as singular; Italian and French have a form for millions
            said = words(key, n=n)
            assert said and str(n) in said, (lang, key, n, said)
            # Translated, not English fallen back to (French keeps "pt" as English has it).
            assert said != in_english(key, n=n) or key == "poll.points", (lang, key, n, said)
