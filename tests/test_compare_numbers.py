"""n beside every figure, bootstrap intervals, Kendall's W test and exact values, recomputed independently.

A hand-made set of real workshop files. Every figure is recomputed here from what the test itself recorded
(the `SCORES` below), with pandas and numpy written the plain way, never from the comparison's own helpers:

    Alfa  A1 (2021-05-01): T1, T2, T3     A2 (2021-09-01): U1, U2      -> 5 tables
    Beta  B1 (2022-01-01): V1                                          -> 1 table (no intervals)
    Gamma G1 (2022-02-01): X1, X2, X3 score the same four cards        -> Kendall's W with its test

A value is an int (by consensus), a list of (participant, value) (scored individually: the table's value is
their mean), or ("both", consensus, [(participant, value)]) (the consensus wins; nobody stands behind it).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.report.build import build_report
from cardengine.compare.report.model import Chart, HeatmapSpec, Paragraph, Table
from cardengine.compare.run import load_facts
from cardengine.sessions import Workshop, WorkshopInfo

from .conftest import run_here
from .data_words import LANGUAGES, undescribed
from .lazy_import import lazy
from .tui_support import bundled as bundled_decks

np = lazy("numpy")
pd = lazy("pandas")
stats = lazy("scipy.stats")

WORKSHOPS = [  # (file, title, territory, date, {table: [participants]})
    ("a1.db", "A1", "Alfa", "2021-05-01", {"T1": ["Anna"], "T2": ["Bruno", "Carla"], "T3": ["Dora", "Ezio"]}),
    ("a2.db", "A2", "Alfa", "2021-09-01", {"U1": ["Fabio"], "U2": ["Gina"]}),
    ("b1.db", "B1", "Beta", "2022-01-01", {"V1": ["Ivo"]}),
    ("g1.db", "G1", "Gamma", "2022-02-01", {"X1": [], "X2": [], "X3": []}),
]
BOTH = "both"
SCORES: dict[str, dict[str, dict[str, object]]] = {
    "T1": {"EN-01": {"technical": 4, "time": 2, "economic": ("both", 3, [("Anna", 1)])},
           "EN-02": {"technical": 2, "time": 4}, "MO-01": {"technical": 5, "time": 1, "social": 4}},
    "T2": {"EN-01": {"technical": [("Bruno", 2), ("Carla", 5)], "time": 2},
           "MO-01": {"technical": 3, "time": [("Bruno", 2), ("Carla", 5)]}, "CL-01": {"technical": 4}},
    "T3": {"EN-01": {"technical": [("Dora", 3), ("Ezio", 4)], "time": [("Dora", 1), ("Ezio", 2)]},
           "CL-01": {"technical": 2, "time": 5}},
    "U1": {"EN-01": {"technical": 5, "time": 3}, "MO-01": {"technical": 1, "time": 1}},
    "U2": {"EN-01": {"technical": 3, "time": 3}, "MO-01": {"technical": [("Gina", 2)], "time": 4},
           "EN-02": {"technical": 5}},
    "V1": {"EN-01": {"technical": 5, "time": 1}, "EN-02": {"technical": 3, "time": 3}},
    "X1": {c: {"technical": v} for c, v in zip(["EN-01", "EN-02", "MO-01", "CL-01"], [5, 4, 2, 1], strict=False)},
    "X2": {c: {"technical": v} for c, v in zip(["EN-01", "EN-02", "MO-01", "CL-01"], [4, 4, 3, 1], strict=False)},
    "X3": {c: {"technical": v} for c, v in zip(["EN-01", "EN-02", "MO-01", "CL-01"], [5, 2, 3, 2], strict=False)},
}
EXTRA_PICKS = {"T1": ["WA-01"], "T3": ["MO-01"], "U1": ["CL-01"], "V1": ["MO-01"]}  # picked, never scored


@pytest.fixture(scope="module")
def bundled():
    return bundled_decks()


@pytest.fixture(scope="module")
def files(tmp_path_factory, bundled) -> list[Path]:
    decks, criteria = bundled
    folder = tmp_path_factory.mktemp("numbers")
    paths = []
    for name, title, territory, date, tables in WORKSHOPS:
        path = folder / name
        with Workshop.create(path, WorkshopInfo(title, territory, date), decks, criteria) as w:
            for table, people in tables.items():
                w.add_table(table)
                for person in people:
                    w.add_participant(person, "citizen", table=table)
                for card in [*SCORES[table], *EXTRA_PICKS.get(table, [])]:
                    w.pick(table, card)
                for card, values in SCORES[table].items():
                    for crit, v in values.items():
                        if isinstance(v, int):
                            w.score(table, card, crit, v)
                        elif isinstance(v, tuple):
                            w.score(table, card, crit, v[1])
                            for person, pv in v[2]:
                                w.score(table, card, crit, pv, by=person)
                        else:
                            for person, pv in v:  # type: ignore[attr-defined]
                                w.score(table, card, crit, pv, by=person)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def facts(files):
    return load_facts(files)


@pytest.fixture(scope="module")
def cmp(facts):
    return compare(facts, "territory", bootstrap=300, seed=7)


def frame(cmp, name: str) -> pd.DataFrame:
    return pd.DataFrame(cmp.tables[name].records())


# ---------------------------------------------------------------- the plain recomputation

def territory_of(table: str) -> str:
    for _, _, territory, _, tables in WORKSHOPS:
        if table in tables:
            return territory
    raise KeyError(table)


def values_frame(criteria) -> pd.DataFrame:
    """One row per table, card and criterion: the table's value and the participants behind it."""
    rows = []
    for table, cards in SCORES.items():
        for card, values in cards.items():
            for crit, v in values.items():
                if isinstance(v, int):
                    value, who = float(v), ()
                elif isinstance(v, tuple):
                    value, who = float(v[1]), ()
                else:
                    value, who = float(np.mean([pv for _, pv in v])), tuple(p for p, _ in v)  # type: ignore
                rows.append((territory_of(table), table, card, crit, value, len(who), who))
    return pd.DataFrame(rows, columns=["group", "table", "card", "criterion", "value", "people", "who"])


def distinct(who: pd.Series) -> int:
    """Participants behind a pooled figure, each counted once (names are unique across this set)."""
    return len(set().union(*who))


def weighted_frame(criteria, values: pd.DataFrame) -> pd.DataFrame:
    """Each table's weighted feasibility 0-100 of each card, from the criteria's scales, directions, weights."""
    info = {c.id: c for c in criteria.criteria}

    def score(part: pd.DataFrame) -> float:
        total = weight = 0.0
        for crit, v in zip(part.criterion, part.value, strict=False):
            c = info[crit]
            share = (v - c.lowest) / (c.highest - c.lowest)
            total += c.weight * (1 - share if c.direction.value == "lower-is-better" else share)
            weight += c.weight
        return 100 * total / weight

    out = values.groupby(["group", "table", "card"]).apply(score, include_groups=False)
    return out.rename("weighted").reset_index()


def group_tables(territory: str) -> list[str]:
    """The group's tables in report order: its workshops by date, each workshop's tables as recorded."""
    return [t for _, _, terr, _, tables in sorted(WORKSHOPS, key=lambda w: w[3]) if terr == territory
            for t in tables]


def plain_interval(stat_of_sample, tables: list[str], b: int, seed: int, label: str) -> tuple[float, float] | None:
    """Percentile bootstrap the plain way: draw the tables with replacement, recompute, drop undefined."""
    rng = np.random.default_rng([seed, zlib.crc32(label.encode("utf-8", "surrogatepass"))])
    idx = rng.integers(0, len(tables), size=(b, len(tables)))
    found = [stat_of_sample([tables[i] for i in row]) for row in idx]
    kept = [x for x in found if x is not None and not np.isnan(x)]
    return (float(np.percentile(kept, 2.5)), float(np.percentile(kept, 97.5))) if kept else None


def ratio(sample: list[str], per_table: dict[str, tuple[float, float]]) -> float | None:
    """sum of numerators / sum of denominators over the drawn tables (each draw counts)."""
    num = sum(per_table[t][0] for t in sample if t in per_table)
    den = sum(per_table[t][1] for t in sample if t in per_table)
    return num / den if den else None


def ratio_over(per_table: dict[str, tuple[float, float]]) -> Callable[[list[str]], float | None]:
    """The ratio statistic bound to one card's or criterion's tables (a loop's lambda would see the last one)."""
    return lambda sample: ratio(sample, per_table)


# ---------------------------------------------------------------- n beside every figure

def test_tables_and_participants_behind_each_mean(cmp, bundled):
    values = values_frame(bundled[1])
    expected = values.groupby(["group", "card", "criterion"]).agg(
        n=("value", "size"), mean=("value", "mean"), sd=("value", "std"), participants=("people", "sum"))
    got = frame(cmp, "card_criteria").set_index(["group", "card", "criterion"]).sort_index()
    expected = expected.loc[got.index]
    assert got["n"].tolist() == expected["n"].tolist()
    assert got["participants"].tolist() == expected["participants"].tolist()
    assert np.allclose(got["mean"], expected["mean"], rtol=0, atol=1e-9)
    assert np.allclose(got["sd"].astype(float), expected["sd"], rtol=0, atol=1e-9, equal_nan=True)
    # EN-01 economic at T1: a consensus 3 beats Anna's 1, so nobody stands behind it individually.
    row = got.loc[("Alfa", "EN-01", "economic")]
    assert (row["n"], row["mean"], row["participants"]) == (1, 3.0, 0)

    pooled = values.groupby(["group", "criterion"]).agg(
        n=("value", "size"), mean=("value", "mean"), tables=("table", "nunique"), participants=("who", distinct))
    summary = frame(cmp, "criteria_summary").set_index(["group", "criterion"]).sort_index()
    pooled = pooled.loc[summary.index]
    assert summary["tables"].tolist() == pooled["tables"].tolist()
    assert summary["participants"].tolist() == pooled["participants"].tolist()
    assert np.allclose(summary["mean"], pooled["mean"], rtol=0, atol=1e-9)


def test_pick_rates_and_rankings_carry_their_tables(cmp, bundled):
    values = values_frame(bundled[1])
    weighted = weighted_frame(bundled[1], values)
    ranking = frame(cmp, "feasibility_ranking").set_index(["group", "card"]).sort_index()
    expected = weighted.groupby(["group", "card"]).weighted.agg(["size", "mean", "std"]).loc[ranking.index]
    assert ranking["tables_scored"].tolist() == expected["size"].tolist()
    assert np.allclose(ranking["mean_weighted"], expected["mean"], rtol=0, atol=1e-9)
    people = values.groupby(["group", "card"]).who.agg(distinct).loc[ranking.index]
    assert ranking["participants"].tolist() == people.tolist()
    picks = frame(cmp, "card_picks").set_index(["group", "card"])
    for territory in ("Alfa", "Beta", "Gamma"):
        tables = group_tables(territory)
        for card in ("EN-01", "MO-01", "CL-01", "WA-01"):
            picked = sum(1 for t in tables if card in SCORES[t] or card in EXTRA_PICKS.get(t, []))
            row = picks.loc[(territory, card)]
            assert (row["tables_available"], row["tables_picked"]) == (len(tables), picked)
            assert row["pick_rate"] == pytest.approx(picked / len(tables), abs=1e-12)
    between = frame(cmp, "disagreement_between")
    en01 = between[(between.card == "EN-01") & (between.measure == "weighted")].iloc[0]
    n = weighted[weighted.card == "EN-01"].groupby("group").size()
    assert (en01["tables"], en01["lowest_tables"], en01["highest_tables"]) == (
        n.sum(), n[en01["lowest_group"]], n[en01["highest_group"]])


def test_values_are_exact_not_rounded(cmp, bundled):
    # T2's EN-01: technical is the mean of 2 and 5 (3.5), time 2: weighted (0.625 + 0.75) / 2 = 68.75;
    # T3's EN-01: technical 3.5, time 1.5: (0.625 + 0.875) / 2 = 75. Alfa's MO-01 over T1, T2, U1, U2 gives
    # thirds; no figure may be cut to 2 or 4 decimals on its way to the CSV.
    weighted = weighted_frame(bundled[1], values_frame(bundled[1]))
    ranking = frame(cmp, "feasibility_ranking").set_index(["group", "card"])
    mo01 = weighted[(weighted.group == "Alfa") & (weighted.card == "MO-01")].weighted
    assert ranking.loc[("Alfa", "MO-01"), "mean_weighted"] == pytest.approx(mo01.mean(), abs=1e-9)
    assert round(mo01.mean(), 4) != mo01.mean()  # the case really has more than four decimals
    for table in cmp.groups[0].tables:  # each table's weighted score, before any average, unrounded
        for card, score in table.weighted.items():
            expect = weighted[(weighted.table == table.table_name) & (weighted.card == card)].weighted.iloc[0]
            assert score == pytest.approx(expect, abs=1e-12)
    criteria = frame(cmp, "card_criteria").set_index(["group", "card", "criterion"])
    assert criteria.loc[("Alfa", "MO-01", "time"), "mean"] == pytest.approx((1 + 3.5 + 1 + 4) / 4, abs=1e-12)
    assert criteria.loc[("Alfa", "MO-01", "technical"), "mean"] == pytest.approx((5 + 3 + 1 + 2) / 4, abs=1e-12)
    assert criteria.loc[("Alfa", "EN-01", "technical"), "sd"] == pytest.approx(
        np.std([4, 3.5, 3.5, 5, 3], ddof=1), abs=1e-9)


# ---------------------------------------------------------------- bootstrap intervals

def test_intervals_match_a_plain_bootstrap(cmp, bundled):
    b, seed = 300, 7
    alfa = group_tables("Alfa")
    values = values_frame(bundled[1])
    weighted = weighted_frame(bundled[1], values)
    picks = frame(cmp, "card_picks").set_index(["group", "card"])
    for card in ("EN-01", "MO-01", "EN-02", "WA-01"):
        per_table = {t: (1.0 if card in SCORES[t] or card in EXTRA_PICKS.get(t, []) else 0.0, 1.0) for t in alfa}
        expect = plain_interval(ratio_over(per_table), alfa, b, seed, "Alfa")
        assert (picks.loc[("Alfa", card), "ci_low"], picks.loc[("Alfa", card), "ci_high"]) == \
            pytest.approx(expect, abs=1e-9), card
    cells = frame(cmp, "card_criteria").set_index(["group", "card", "criterion"])
    mine = values[values.group == "Alfa"]
    for (card, crit), part in mine.groupby(["card", "criterion"]):
        per_table = {t: (v, 1.0) for t, v in zip(part.table, part.value, strict=False)}
        expect = plain_interval(ratio_over(per_table), alfa, b, seed, "Alfa") if len(part) >= 2 else None
        got = cells.loc[("Alfa", card, crit)]
        if expect is None:  # one table behind it: no interval
            assert pd.isna(got["ci_low"]) and pd.isna(got["ci_high"]), (card, crit)
        else:
            assert (got["ci_low"], got["ci_high"]) == pytest.approx(expect, abs=1e-9), (card, crit)
    summary = frame(cmp, "criteria_summary").set_index(["group", "criterion"])
    for crit, part in mine.groupby("criterion"):
        per_table = {t: (p.value.sum(), float(len(p))) for t, p in part.groupby("table")}
        expect = plain_interval(ratio_over(per_table), alfa, b, seed, "Alfa") if len(per_table) >= 2 \
            else None
        got = summary.loc[("Alfa", crit)]
        if expect is None:
            assert pd.isna(got["ci_low"])
        else:
            assert (got["ci_low"], got["ci_high"]) == pytest.approx(expect, abs=1e-9), crit
    ranking = frame(cmp, "feasibility_ranking").set_index(["group", "card"])
    for card, part in weighted[weighted.group == "Alfa"].groupby("card"):
        per_table = {t: (v, 1.0) for t, v in zip(part.table, part.weighted, strict=False)}
        if len(part) >= 2:
            expect = plain_interval(ratio_over(per_table), alfa, b, seed, "Alfa")
            got = ranking.loc[("Alfa", card)]
            assert (got["ci_low"], got["ci_high"]) == pytest.approx(expect, abs=1e-9), card
            assert got["ci_low"] <= got["mean_weighted"] <= got["ci_high"]


def test_intervals_are_reproducible_and_absent_for_one_table(facts, cmp):
    again = compare(facts, "territory", bootstrap=300, seed=7)
    other = compare(facts, "territory", bootstrap=300, seed=8)
    for name in ("card_picks", "card_criteria", "criteria_summary", "feasibility_ranking", "domain_criteria"):
        assert cmp.tables[name].rows == again.tables[name].rows, name
    assert frame(cmp, "feasibility_ranking")[["ci_low", "ci_high"]].fillna(-1).values.tolist() != \
        frame(other, "feasibility_ranking")[["ci_low", "ci_high"]].fillna(-1).values.tolist()
    beta = frame(cmp, "card_criteria")
    assert beta[beta.group == "Beta"][["ci_low", "ci_high"]].isna().all().all()  # one table: no interval
    off = compare(facts, "territory", bootstrap=0)
    assert frame(off, "card_picks")[["ci_low", "ci_high"]].isna().all().all()
    described = {c.name: c for c in cmp.tables["card_picks"].columns}
    for lang in LANGUAGES:  # in Italian (and French) through the report catalogue
        assert not undescribed([described["ci_low"].description, described["ci_high"].description], lang), lang


# ---------------------------------------------------------------- Kendall's W test

def test_kendalls_w_chi_square_and_p_against_scipy(cmp, bundled):
    weighted = weighted_frame(bundled[1], values_frame(bundled[1]))
    gamma = weighted[weighted.group == "Gamma"].pivot(index="card", columns="table", values="weighted")
    friedman = stats.friedmanchisquare(*gamma.values)  # one argument per card: its scores by every table
    m, n = gamma.shape[1], gamma.shape[0]
    agreement = frame(cmp, "agreement")
    row = agreement[(agreement.scope == "tables") & (agreement.group == "Gamma")].iloc[0]
    assert (row["raters"], row["items"], row["df"]) == (m, n, n - 1)
    assert row["chi2"] == pytest.approx(friedman.statistic, abs=1e-9)
    assert row["chi2"] == pytest.approx(m * (n - 1) * row["kendalls_w"], abs=1e-9)
    assert row["p_value"] == pytest.approx(friedman.pvalue, rel=1e-9)
    assert row["p_value"] == pytest.approx(stats.chi2.sf(row["chi2"], n - 1), rel=1e-9)
    # A2's two tables share only EN-01 and MO-01: W is computed but not tested, and the comparison warns.
    a2 = agreement[agreement.workshop.str.contains("A2")].iloc[0]
    assert a2["items"] == 2 and a2["kendalls_w"] is not None and pd.isna(a2["chi2"]) and pd.isna(a2["p_value"])
    assert any("fewer than 3 cards" in warning and "A2" in warning for warning in cmp.warnings)


def test_chi_square_tail_against_scipy():
    # The comparison's own chi-square survival function (closed forms for whole df) against scipy's.
    from cardengine.compare.measures.stats import chi2_sf

    for df in (1, 2, 3, 4, 7, 10, 31, 64, 99):
        for x in (1e-6, 0.3, 1.0, df - 0.5, float(df), 2.0 * df, 5.0 * df + 20, 400.0):
            assert chi2_sf(x, df) == pytest.approx(stats.chi2.sf(x, df), rel=1e-10, abs=1e-300), (x, df)
    assert chi2_sf(0.0, 3) == 1.0


# ---------------------------------------------------------------- --min-tables in the report

def test_min_tables_greys_marks_and_leaves_out(cmp):
    report = build_report(cmp, "en", min_tables=2)
    section = next(s for s in report.sections if s.id == "rankings")
    ranking = frame(cmp, "feasibility_ranking")
    one = int((ranking.tables_scored == 1).sum())
    text = " ".join(b.text for b in section.blocks if isinstance(b, Paragraph))
    assert f"{one} of the {len(ranking)} ranking positions rest on a single table" in text
    table = next(b for b in section.blocks if isinstance(b, Table))
    listed = {row[0] for row in table.rows}
    enough = set(ranking[ranking.tables_scored >= 2].card)
    assert listed == enough  # every card on two tables or more somewhere, none that rests only on one
    beta_column = table.columns.index("Beta")
    assert all(row[beta_column] == "–" for row in table.rows)  # Beta's ranking is all one table: left out
    assert "Beta" in text and "single table" in text
    cards = next(s for s in report.sections if s.id == "cards")
    heatmap = next(b for b in cards.blocks if isinstance(b, Chart)).spec
    assert isinstance(heatmap, HeatmapSpec) and heatmap.counts is not None and heatmap.faint is not None
    col = heatmap.col_labels.index("Beta")
    assert all(row[col] == 1 for row in heatmap.counts) and all(row[col] for row in heatmap.faint)
    assert not any(row[heatmap.col_labels.index("Alfa")] for row in heatmap.faint)
    bars = next(b for s in report.sections if s.id == "feasibility" for b in s.blocks if isinstance(b, Chart)).spec
    assert bars.interval is not None and bars.counts is not None  # type: ignore[union-attr]
    everything = build_report(cmp, "en", min_tables=1)
    table = next(b for s in everything.sections if s.id == "rankings" for b in s.blocks if isinstance(b, Table))
    assert {row[0] for row in table.rows} == set(ranking.card)


def test_cli_writes_intervals_marks_and_tests(files, facts, tmp_path):
    out = tmp_path / "out"
    run = run_here("compare", *files, "-o", out, "--lang", "it", "--bootstrap", "200", "--seed", "3",
                   "--min-tables", "3")
    assert run.returncode == 0, run.output
    assert "fewer than 3 cards" in run.stderr  # W over two common cards: warned on stderr too
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "su meno di 3 tavoli" in html or "meno di 3 tavoli" in html
    assert "†" in html and "poggiano su un solo tavolo" in html
    assert "La W di Kendall poggia su meno di 3 carte" in html and "Kendall's W rests" not in html  # said in Italian
    picks = pd.read_csv(out / "card_picks.csv")
    same = frame(compare(facts, "territory", bootstrap=200, seed=3), "card_picks")  # --bootstrap, --seed passed on
    assert np.allclose(picks[["ci_low", "ci_high"]].astype(float), same[["ci_low", "ci_high"]].astype(float),
                       rtol=0, atol=1e-9, equal_nan=True)
    assert picks.ci_low.notna().any()
    assert run_here("compare", *files, "-o", tmp_path / "x", "--bootstrap", "-1").returncode == 2
    assert run_here("compare", *files, "-o", tmp_path / "x", "--min-tables", "0").returncode == 2
