"""The comparison's numbers, checked against values worked out by hand on a small set of real workshop files.

Two territories. Alfa: one workshop, tables T1 and T2. Beta: one workshop, table T3. Only two criteria
are scored: technical (1-5, higher is better) and time (1-5, lower is better); weights are 1, so a
card's weighted feasibility is the mean of (tech-1)/4 and 1-(time-1)/4, times 100.

    T1: EN-01 tech 4 time 2 -> 75    EN-02 tech 2 time 4 -> 25   MO-01 tech 5 time 1 -> 100   WA-01 discarded
    T2: EN-01 tech 2 time 2 -> 50    MO-01 tech 3, time by participants 2 and 4 (mean 3) -> 50
        CL-01 tech 4, time not assessed -> 75
    T3: EN-01 tech 5 time 1 -> 100   EN-02 tech 3 time 3 -> 50
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.measures.stats import average_ranks, competition_ranks, jaccard, kendalls_w, sample_sd, spearman
from cardengine.compare.render.csv import csv_bytes
from cardengine.compare.run import CompareError, load_facts
from cardengine.sessions import Workshop, WorkshopInfo

from .tui_support import bundled as bundled_decks


@pytest.fixture(scope="module")
def bundled():
    return bundled_decks()  # read once per test process


def _score(w: Workshop, table: str, card: str, tech: int | None, time: int | None) -> None:
    if tech is not None:
        w.score(table, card, "technical", tech)
    if time is not None:
        w.score(table, card, "time", time)


@pytest.fixture(scope="module")
def small_set(tmp_path_factory, bundled) -> list[Path]:
    decks, criteria = bundled
    folder = tmp_path_factory.mktemp("workshops")
    alfa = folder / "alfa.db"
    with Workshop.create(alfa, WorkshopInfo("Alfa 2021", "Alfa", "2021-06-10"), decks, criteria) as w:
        w.add_table("T1")
        w.add_table("T2")
        w.add_participant("Anna", "company", table="T1")
        w.add_participant("Bruno", "company", table="T2")
        w.add_participant("Carla", "public-authority", table="T2")
        w.pick("T1", "EN-01")
        w.pick("T1", "EN-02", "favourite")
        w.pick("T1", "MO-01")
        w.pick("T1", "WA-01", "discarded")
        _score(w, "T1", "EN-01", 4, 2)
        _score(w, "T1", "EN-02", 2, 4)
        _score(w, "T1", "MO-01", 5, 1)
        w.pick("T2", "EN-01")
        w.pick("T2", "CL-01")
        w.pick("T2", "MO-01", "favourite")
        _score(w, "T2", "EN-01", 2, 2)
        _score(w, "T2", "MO-01", 3, None)
        w.score("T2", "MO-01", "time", 2, by="Bruno")
        w.score("T2", "MO-01", "time", 4, by="Carla")
        _score(w, "T2", "CL-01", 4, None)
        ref = w.propose("T1", "Comunità energetica con navetta", ["EN-01", "MO-01"])
        _score(w, "T1", ref, 3, 3)
        w.set_priorities("T1", ["energy", "mobility"])
        w.set_priorities("T2", ["mobility"])
    beta = folder / "beta.db"
    with Workshop.create(beta, WorkshopInfo("Beta 2022", "Beta", "2022-03-01"), decks, criteria) as w:
        w.add_table("T3")
        w.add_participant("Dario", "citizen", table="T3")
        w.pick("T3", "EN-01")
        w.pick("T3", "EN-02")
        _score(w, "T3", "EN-01", 5, 1)
        _score(w, "T3", "EN-02", 3, 3)
        w.set_priorities("T3", ["energy", "climate"])
    return [alfa, beta]


@pytest.fixture(scope="module")
def by_territory(small_set):
    return compare(load_facts(small_set), "territory")


def rows(cmp, table: str, **where) -> list[dict]:
    return [r for r in cmp.tables[table].records() if all(r[k] == v for k, v in where.items())]


def one(cmp, table: str, **where) -> dict:
    found = rows(cmp, table, **where)
    assert len(found) == 1, (table, where, found)
    return found[0]


# ---------------------------------------------------------------- statistics

def test_kendalls_w_textbook_case():
    # Ranks 1234 / 2134 / 1324: rank sums 4, 6, 8, 12 around 7.5, S = 35, W = 12*35 / (9*60) = 0.7778.
    scores = [[4, 3, 2, 1], [3, 4, 2, 1], [4, 2, 3, 1]]
    assert kendalls_w(scores) == pytest.approx(420 / 540)
    assert kendalls_w([[1, 2, 3], [1, 2, 3]]) == pytest.approx(1.0)
    assert kendalls_w([[1, 2], [2, 1]]) == pytest.approx(0.0)
    assert kendalls_w([[1, 2, 3]]) is None  # one rater: nothing to agree with
    assert kendalls_w([[2, 2], [2, 2]]) is None  # every item tied for every rater


def test_kendalls_w_corrects_for_ties():
    # Rater 2 ties both items: sums 3.5 and 2.5, S = 0.5, T = 6, W = 12*0.5 / (4*6 - 2*6) = 0.5.
    assert kendalls_w([[75, 100], [50, 50]]) == pytest.approx(0.5)


def test_ranks_spread_and_overlap():
    assert average_ranks([10, 30, 30, 5]) == [3.0, 1.5, 1.5, 4.0]
    assert competition_ranks([75, 75, 62.5, 25]) == [1, 1, 3, 4]
    assert sample_sd([4, 2, 5, 2, 3, 4]) == pytest.approx(math.sqrt(7.3333333 / 5))
    assert sample_sd([3]) is None
    assert jaccard({"a", "b", "c"}, {"a", "c", "d"}) == 0.5
    assert jaccard(set(), set()) is None
    assert spearman([1, 2, 3], [1, 2, 3]) == pytest.approx(1.0)
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2], [1, 2]) is None


# ---------------------------------------------------------------- the small set, by hand

def test_groups_and_participants(by_territory):
    assert [g.label for g in by_territory.groups] == ["Alfa", "Beta"]
    alfa = next(w.id for w in by_territory.workshops if w.territory == "Alfa")
    assert one(by_territory, "groups", group="Alfa") == {
        "group": "Alfa", "workshops": 1, "tables": 2, "participants": 3, "picks": 6, "proposals": 1,
        "workshop_id": alfa}
    assert one(by_territory, "participants", group="Alfa", stakeholder_type="company")["share"] == \
        pytest.approx(2 / 3)
    assert one(by_territory, "participants", group="Beta", stakeholder_type="citizen")["participants"] == 1


def test_pick_rates_are_normalised_by_tables(by_territory):
    assert one(by_territory, "card_picks", group="Alfa", card="EN-01")["pick_rate"] == 1.0
    assert one(by_territory, "card_picks", group="Alfa", card="EN-02")["pick_rate"] == 0.5
    assert one(by_territory, "card_picks", group="Beta", card="EN-02")["pick_rate"] == 1.0
    wa = one(by_territory, "card_picks", group="Alfa", card="WA-01")
    assert (wa["tables_picked"], wa["discarded"], wa["pick_rate"]) == (0, 1, 0.0)
    energy = one(by_territory, "domain_picks", group="Alfa", domain="energy")
    assert (energy["picks"], energy["picks_per_table"], energy["share_of_tables"]) == (3, 1.5, 1.0)
    assert energy["pick_rate"] == pytest.approx(3 / 26)
    assert one(by_territory, "domain_picks", group="Beta", domain="energy")["picks_per_table"] == 2.0


def test_never_picked(by_territory):
    alfa = rows(by_territory, "never_picked", group="Alfa")
    beta = rows(by_territory, "never_picked", group="Beta")
    cards = sum(len(deck.cards) for deck in bundled_decks()[0])  # every card of the decks the workshops held
    assert len(alfa) == cards - 4 and len(beta) == cards - 2
    assert one(by_territory, "never_picked", group="Alfa", card="WA-01")["picked_elsewhere"] is False
    assert one(by_territory, "never_picked", group="Beta", card="MO-01")["picked_elsewhere"] is True


def test_criterion_mean_and_spread(by_territory):
    tech = one(by_territory, "card_criteria", group="Alfa", card="EN-01", criterion="technical")
    assert (tech["n"], tech["mean"], tech["min"], tech["max"]) == (2, 3.0, 2.0, 4.0)
    assert tech["sd"] == pytest.approx(math.sqrt(2), abs=1e-4)
    # T2's MO-01 time is the mean of its participants' 2 and 4.
    assert one(by_territory, "card_criteria", group="Alfa", card="MO-01", criterion="time")["mean"] == 2.0
    # CL-01's time was not assessed: no row, not a zero.
    assert not rows(by_territory, "card_criteria", group="Alfa", card="CL-01", criterion="time")
    energy = one(by_territory, "domain_criteria", group="Alfa", domain="energy", criterion="technical")
    assert (energy["n"], energy["mean"]) == (3, pytest.approx(8 / 3))
    assert energy["sd"] == pytest.approx(1.1547, abs=1e-4)
    summary = one(by_territory, "criteria_summary", group="Alfa", criterion="technical")
    assert (summary["n"], summary["mean"]) == (6, pytest.approx(10 / 3))
    assert summary["sd"] == pytest.approx(1.2111, abs=1e-4)
    assert (summary["cards_compared"], summary["mean_card_sd"]) == (2, pytest.approx(1.4142, abs=1e-4))


def test_weighted_feasibility_ranking(by_territory):
    alfa = [(r["rank"], r["card"], r["mean_weighted"]) for r in rows(by_territory, "feasibility_ranking",
                                                                      group="Alfa")]
    assert alfa == [(1, "MO-01", 75.0), (1, "CL-01", 75.0), (3, "EN-01", 62.5), (4, "EN-02", 25.0)]
    assert one(by_territory, "feasibility_ranking", group="Alfa", card="EN-01")["sd_weighted"] == \
        pytest.approx(17.68, abs=0.01)
    beta = [(r["rank"], r["card"], r["mean_weighted"]) for r in rows(by_territory, "feasibility_ranking",
                                                                      group="Beta")]
    assert beta == [(1, "EN-01", 100.0), (2, "EN-02", 50.0)]


def test_disagreement(by_territory):
    between = list(rows(by_territory, "disagreement_between", measure="weighted"))
    assert [r["card"] for r in between] == ["EN-01", "EN-02"]  # largest spread first
    en01 = between[0]
    assert en01["sd"] == pytest.approx(37.5 / math.sqrt(2), abs=1e-4)
    assert (en01["range"], en01["lowest_group"], en01["highest_group"]) == (37.5, "Alfa", "Beta")
    within = rows(by_territory, "disagreement_within", group="Alfa")
    assert {(r["card"], r["criterion"]) for r in within[:2]} == {("EN-01", "technical"), ("MO-01", "technical")}
    assert within[0]["sd"] == pytest.approx(math.sqrt(2), abs=1e-4)


def test_agreement_and_overlap(by_territory):
    workshop = one(by_territory, "agreement", scope="tables", group="Alfa")
    # Common scored cards EN-01 and MO-01; T2 ties them: W = 0.5 (see test_kendalls_w_corrects_for_ties).
    assert (workshop["raters"], workshop["items"], workshop["kendalls_w"]) == (2, 2, 0.5)
    assert (workshop["pairs"], workshop["mean_spearman"]) == (0, None)  # two common cards: too few
    assert workshop["mean_jaccard"] == 0.5
    groups = one(by_territory, "agreement", scope="groups")
    assert (groups["raters"], groups["items"], groups["kendalls_w"]) == (2, 2, 1.0)
    pair = one(by_territory, "pick_overlap", scope="tables")
    assert (pair["a"], pair["b"], pair["shared"], pair["union"], pair["jaccard"]) == ("T1", "T2", 2, 4, 0.5)
    assert one(by_territory, "pick_overlap", scope="groups")["jaccard"] == 0.5


def test_proposals_and_priorities(by_territory):
    proposal = one(by_territory, "proposals", group="Alfa")
    assert (proposal["cards"], proposal["domains"], proposal["weighted"]) == ("EN-01 MO-01", "energy mobility", 50.0)
    assert [r["card"] for r in rows(by_territory, "proposal_cards", group="Alfa")] == ["EN-01", "MO-01"]
    assert one(by_territory, "domain_proposals", group="Alfa", domain="mobility")["proposals"] == 1
    assert one(by_territory, "domain_proposals", group="Beta", domain="energy")["proposals"] == 0
    mobility = one(by_territory, "domain_priorities", group="Alfa", domain="mobility")
    assert (mobility["tables_naming"], mobility["first_choice"], mobility["mean_position"]) == (2, 1, 1.5)


def test_group_by_workshop_and_table(small_set):
    facts = load_facts(small_set)
    assert [g.label for g in compare(facts, "workshop").groups] == ["Alfa", "Beta"]
    tables = compare(facts, "table")
    assert [g.label for g in tables.groups] == ["Alfa · T1", "Alfa · T2", "Beta · T3"]
    assert one(tables, "card_picks", group="Alfa · T2", card="CL-01")["pick_rate"] == 1.0
    assert one(tables, "participants", group="Alfa · T2", stakeholder_type="company")["participants"] == 1


def test_the_same_workshop_twice_is_refused(small_set, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(small_set[0].read_bytes())
    with pytest.raises(CompareError, match="merge"):
        load_facts([small_set[0], copy])


def test_csv_cells_have_declared_types(by_territory):
    for table in by_territory.tables.values():
        text = csv_bytes(table).decode("utf-8")
        assert text.startswith("\ufeff")
        reader = csv.reader(io.StringIO(text[1:]))
        header = next(reader)
        assert header == [c.name for c in table.columns]
        for row in reader:
            for cell, column in zip(row, table.columns, strict=False):
                if cell == "":
                    assert column.type in (float, str), (table.name, column.name)  # counts are never missing
                elif column.type is int:
                    int(cell)
                elif column.type is float:
                    float(cell)
                elif column.type is bool:
                    assert cell in ("true", "false")
