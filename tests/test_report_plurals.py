"""The report's words said with a count take the count's plural form: a data card says "1 row" / "1 riga" /
"1 ligne", a poll of one goal "choose 1 goal", one group without leaders "has" (not "have")."""

from __future__ import annotations

import pytest

from cardengine.compare.report.words import Words


@pytest.mark.parametrize("lang, key, one, two", [
    ("en", "pkg.rows", "1 row", "2 rows"),
    ("it", "pkg.rows", "1 riga", "2 righe"),
    ("fr", "pkg.rows", "1 ligne", "2 lignes"),
    ("en", "polls.kind.goals", "choose 1 goal", "choose up to 2 goals"),
    ("it", "polls.kind.dots", "voto a punti, 1 punto a testa", "voto a punti, 2 punti a testa"),
    ("fr", "polls.kind.domains", "indiquer 1 domaine (le premier)", "classer jusqu'à 2 domaines"),
])
def test_a_count_of_one_is_said_in_the_singular(lang: str, key: str, one: str, two: str) -> None:
    words = Words(lang)
    assert words(key, n=1) == one
    assert words(key, n=2) == two


def test_a_group_without_leaders_is_said_in_the_singular() -> None:
    assert Words("en")("ranks.no_leaders_n", n=1, total=3, why="x") == "1 of the 3 groups has no card in the chart (x)."
    assert Words("it")("ranks.no_leaders_n", n=2, total=3, why="x") == "2 gruppi su 3 non hanno carte nel grafico (x)."
