"""Issue 13 review: what a reviewer reading the merged report found, each pinned by a test.

One hand-made comparison (tests/test_comparison.py's small set) built in memory, rendered to HTML once per
language; the CLI is not the subject here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.render.html import render_html
from cardengine.compare.report.build import build_report
from cardengine.compare.run import load_facts

from .lazy_import import lazy
from .test_comparison import bundled, small_set  # noqa: F401  (fixtures)

pd = lazy("pandas")


@pytest.fixture(scope="module")
def facts(small_set):  # noqa: F811
    return load_facts(small_set)


@pytest.fixture(scope="module")
def methods(facts) -> dict[str, str]:
    """The raw HTML of the Methods section, per language."""
    cmp = compare(facts, "territory")
    out = {}
    for lang in ("en", "it"):
        html = render_html(build_report(cmp, lang))
        start = html.index('<section id="methods"')
        out[lang] = html[start:html.index("</section>", start)]
    return out


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_ties_within_float_noise_put_the_card_on_more_tables_first(facts):
    """Two cards at 55 on two tables each and one at 55 + float noise on one table share rank 1; the
    Methods section promises the cards on more tables first, which an order on the unrounded means broke."""
    alfa = facts[0]
    t1, t2 = alfa.tables
    t1 = replace(t1, weighted={"EN-01": 50.0, "MO-01": 60.0, "EN-02": 55.00000000000001})
    t2 = replace(t2, weighted={"EN-01": 60.0, "MO-01": 50.0})
    cmp = compare([replace(alfa, tables=(t1, t2)), *facts[1:]], "territory", bootstrap=0)
    table = cmp.tables["feasibility_ranking"]
    frame = pd.DataFrame(table.rows, columns=[c.name for c in table.columns])
    alfa_rows = frame[frame["group"] == alfa.territory]
    assert alfa_rows["rank"].tolist() == [1, 1, 1]
    assert alfa_rows["card"].tolist() == ["EN-01", "MO-01", "EN-02"]
    assert alfa_rows["tables_scored"].tolist() == [2, 2, 1]


@pytest.mark.parametrize("lang, seeded, one_table", [
    ("en", "seeded with [1, CRC-32 of the group's label in UTF-8]", "nor for a figure that rests on one table"),
    ("it", "seme [1, CRC-32 del nome del gruppo in UTF-8]", "né per un valore che poggia su un solo tavolo"),
])
def test_methods_state_the_bootstrap_seed_as_the_code_uses_it(methods, lang, seeded, one_table):
    """The generator is numpy.random.default_rng([seed, crc32(label)]) (comparison_bootstrap); a reviewer
    redoing the intervals with default_rng(seed), as the section said, gets other numbers. One-table figures
    have no interval either (the ranking shows many), which the section did not say."""
    text = _text(methods[lang])
    assert seeded in text
    assert one_table in text
    # The draws and the tables' order, without which the same generator gives other intervals.
    assert "rng.integers(0, k, size=(B, k))" in text and "group_workshops.csv" in text and "tables.csv" in text


def test_italian_formulas_have_no_english_name(methods):
    """Formula (7) named the rank 'rank' in the Italian report too."""
    assert "<mi>rank</mi>" in methods["en"]
    assert "<mi>rank</mi>" not in methods["it"] and "<mi>pos</mi>" in methods["it"]


@pytest.mark.parametrize("lang, vacuous, one_table", [
    ("en", "at least 1 table", "ranking positions rest on a single table"),
    ("it", "almeno 1 tavol", "posizioni in classifica poggiano su un solo tavolo"),
])
def test_min_tables_one_says_how_many_rest_on_one_table_and_nothing_vacuous(facts, lang, vacuous, one_table):
    """--min-tables 1 leaves nothing out; the section said 'Every ranking position rests on at least 1
    tables' beside 'N of the M positions rest on a single table'."""
    html = render_html(build_report(compare(facts, "territory", bootstrap=0), lang, min_tables=1))
    start = html.index('<section id="rankings"')
    text = _text(html[start:html.index("</section>", start)])
    assert one_table in text
    assert vacuous not in text
