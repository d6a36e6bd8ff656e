"""SDG coverage and criterion means by stakeholder type, recomputed from `cardengine session export` with pandas.

Three territories, made once for the module (two criteria scored: technical and time, 1-5):

    Alfa (2021, bundled decks). T1: Anna (company), Ugo (citizen). T2: Bruno (company), Carla (public-authority).
      T1 picks EN-01, MO-01 (favourite), WW-02; WA-01 discarded (not a pick).
         EN-01 technical: Anna 4, Ugo 2; time: consensus 2 and Anna 3 beside it (the consensus is the
         table's value, not an individual one). MO-01 technical: consensus 5, Anna 1. WA-01 technical:
         Anna 5 (a discarded card: out). Proposal from EN-01 + WW-02; Ugo scores it 5 (a proposal: out).
      T2 picks EN-01, CL-01. EN-01 technical: Bruno 3, Carla 5; time: Carla 4, Bruno not assessed.
         CL-01 technical: consensus 4. Proposal from CL-01.
    Beta (2022, WW-02 has no SDGs in its deck). T3: Dario (citizen) picks WW-02, EN-01; EN-01 technical:
      Dario 3, and (added in memory: the app refuses it) a participant with no type, 1.
    Gamma (2023). T4: Elena (expert); nothing picked.

Goals: EN-01 7 11 13 1 10 · MO-01 11 13 17 3 · WW-02 5 4 8 10 (in Alfa; none in Beta) · CL-01 13 11 6 15.
By hand, Alfa: 5 picks; goal 11 and 13: 4 picks (80 %), 3 cards, 2 tables; goal 10: 3 picks (EN-01 twice,
WW-02), 2 cards, and 1 proposal (its two cards listing 10 count once); goal 5: 1 pick (Alfa's deck lists it,
though Beta's later snapshot does not). Beta: 2 picks, goal 7: 1 (50 %), goal 5: 0. Gamma: 0 picks, no share.
Stakeholders, Alfa technical: companies 4, 1, 3 (Anna twice, Bruno) -> mean 8/3, 2 participants, 2 tables;
time: companies 3 (not the consensus 2), public authorities 4.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.measures.facts import IndividualScore
from cardengine.compare.report.build import build_report
from cardengine.compare.report.model import Chart, Paragraph, Table
from cardengine.compare.report.sdgs import _pct
from cardengine.compare.report.words import Words
from cardengine.compare.run import load_facts
from cardengine.sessions import Workshop, WorkshopInfo

from .conftest import run_here
from .lazy_import import lazy
from .test_compare_report import pdf_text
from .test_comparison import bundled  # noqa: F401  (fixture)

pd = lazy("pandas")

GOALS = range(1, 18)
GHOST = IndividualScore("ghost", "", "EN-01", "technical", 1.0)  # a participant with no recorded type


def _without_goals(decks, card_id: str):
    """The decks with one card listing no SDG (the schema refuses it; an old or hand-made file may have it)."""
    out = []
    for d in decks:
        cards = tuple(dataclasses.replace(c, sdgs=()) if c.id == card_id else c for c in d.cards)
        out.append(dataclasses.replace(d, cards=cards))
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory, bundled):  # noqa: F811
    decks, criteria = bundled
    folder = tmp_path_factory.mktemp("sdgs")
    alfa, beta, gamma = folder / "alfa.db", folder / "beta.db", folder / "gamma.db"
    with Workshop.create(alfa, WorkshopInfo("Alfa 2021", "Alfa", "2021-06-10"), decks, criteria) as w:
        w.add_table("T1")
        w.add_table("T2")
        w.add_participant("Anna", "company", table="T1")
        w.add_participant("Ugo", "citizen", table="T1")
        w.add_participant("Bruno", "company", table="T2")
        w.add_participant("Carla", "public-authority", table="T2")
        w.pick("T1", "EN-01")
        w.pick("T1", "MO-01", "favourite")
        w.pick("T1", "WW-02")
        w.pick("T1", "WA-01", "discarded")
        w.score("T1", "EN-01", "technical", 4, by="Anna")
        w.score("T1", "EN-01", "technical", 2, by="Ugo")
        w.score("T1", "EN-01", "time", 2)
        w.score("T1", "EN-01", "time", 3, by="Anna")
        w.score("T1", "MO-01", "technical", 5)
        w.score("T1", "MO-01", "technical", 1, by="Anna")
        w.score("T1", "WA-01", "technical", 5, by="Anna")
        ref = w.propose("T1", "Energia e welfare", ["EN-01", "WW-02"])
        w.score("T1", ref, "technical", 5, by="Ugo")  # a proposal is the table's own: not compared
        w.pick("T2", "EN-01")
        w.pick("T2", "CL-01")
        w.score("T2", "EN-01", "technical", 3, by="Bruno")
        w.score("T2", "EN-01", "technical", 5, by="Carla")
        w.score("T2", "EN-01", "time", 4, by="Carla")
        w.score("T2", "EN-01", "time", None, by="Bruno")
        w.score("T2", "CL-01", "technical", 4)
        w.propose("T2", "Bosco urbano", ["CL-01"])
    beta_decks = _without_goals(decks, "WW-02")
    with Workshop.create(beta, WorkshopInfo("Beta 2022", "Beta", "2022-03-01"), beta_decks, criteria) as w:
        w.add_table("T3")
        w.add_participant("Dario", "citizen", table="T3")
        w.pick("T3", "WW-02")
        w.pick("T3", "EN-01")
        w.score("T3", "EN-01", "technical", 3, by="Dario")
    with Workshop.create(gamma, WorkshopInfo("Gamma 2023", "Gamma", "2023-01-20"), decks, criteria) as w:
        w.add_table("T4")
        w.add_participant("Elena", "expert", table="T4")
    paths = [alfa, beta, gamma]
    goals = {"alfa": _goals_of(decks), "beta": _goals_of(beta_decks), "gamma": _goals_of(decks)}
    return paths, goals


def _goals_of(decks) -> dict[str, tuple[int, ...]]:
    return {c.id: tuple(c.sdgs) for d in decks for c in d.cards}


@pytest.fixture(scope="module")
def cmp(world):
    facts = load_facts(world[0])
    beta = facts[1]
    t3 = dataclasses.replace(beta.tables[0], individual=(*beta.tables[0].individual, GHOST))
    facts[1] = dataclasses.replace(beta, tables=(t3,))
    return compare(facts, "territory")


@pytest.fixture(scope="module")
def exported(world, tmp_path_factory) -> dict[str, pd.DataFrame]:
    """Every workshop's `session export --format csv` tables, concatenated, with the territory."""
    out = tmp_path_factory.mktemp("exports")
    frames: dict[str, list[pd.DataFrame]] = {}
    for path in world[0]:
        folder = out / path.stem
        result = run_here("export", path, "--format", "csv", "-o", folder)
        assert result.returncode == 0, result.output
        for name in ("picks", "scores", "participants", "proposal_cards", "proposals", "tables"):
            frame = pd.read_csv(folder / f"{name}.csv", dtype={"value": "float"}, keep_default_na=False,
                                na_values={"value": [""]})
            frame["source"] = path.stem
            frames.setdefault(name, []).append(frame)
    return {name: pd.concat(parts, ignore_index=True) for name, parts in frames.items()}


def records(cmp, name: str) -> pd.DataFrame:
    """The table's rows without `workshop_id` (the provenance tests check that column on every table)."""
    return pd.DataFrame(cmp.tables[name].records()).drop(columns="workshop_id")


# ---------------------------------------------------------------- SDG coverage

def _expected_coverage(exported, goals) -> pd.DataFrame:
    """Per territory and goal, from the exported picks and proposals and each workshop's own deck."""
    picks = exported["picks"][exported["picks"]["kind"].isin(["selected", "favourite"])].copy()
    picks["goal"] = [goals[s][c] for s, c in zip(picks["source"], picks["card"], strict=False)]
    picks["tid"] = picks["workshop"] + "/" + picks["table"]
    per_goal = picks.explode("goal").dropna(subset=["goal"]).astype({"goal": int})
    pc = exported["proposal_cards"].copy()
    pc["goal"] = [goals[s][c] for s, c in zip(pc["source"], pc["card"], strict=False)]
    pc["pid"] = pc["workshop"] + "/" + pc["table"] + "/" + pc["proposal"]
    prop_goals = pc.explode("goal").dropna(subset=["goal"]).astype({"goal": int}).drop_duplicates(["pid", "goal"])
    tables = exported["tables"]
    rows = []
    for territory in sorted(tables["territory"].unique()):
        mine = per_goal[per_goal["territory"] == territory]
        total = int((picks["territory"] == territory).sum())
        props = prop_goals[prop_goals["territory"] == territory]
        total_props = int((exported["proposals"]["territory"] == territory).sum())
        for goal in GOALS:
            g = mine[mine["goal"] == goal]
            n_props = int((props["goal"] == goal).sum())
            rows.append({"group": territory, "goal": goal, "picks": len(g),
                         "share": len(g) / total if total else None, "cards": g["card"].nunique(),
                         "tables_picking": g["tid"].nunique(), "proposals": n_props,
                         "proposal_share": n_props / total_props if total_props else None,
                         "group_picks": total, "group_proposals": total_props,
                         "tables": int((tables["territory"] == territory).sum())})
    return pd.DataFrame(rows)


def test_sdg_coverage_matches_the_exports(cmp, exported, world):
    got = records(cmp, "sdg_coverage")
    want = _expected_coverage(exported, world[1])
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)


def test_sdg_coverage_by_hand(cmp):
    got = {(r["group"], r["goal"]): r for r in cmp.tables["sdg_coverage"].records()}
    assert len(got) == 3 * 17  # every goal for every group, zeros included
    assert {k: got[("Alfa", 11)][k] for k in ("picks", "share", "cards", "tables_picking", "proposals")} == \
        {"picks": 4, "share": 0.8, "cards": 3, "tables_picking": 2, "proposals": 2}
    assert (got[("Alfa", 10)]["picks"], got[("Alfa", 10)]["cards"], got[("Alfa", 10)]["proposals"]) == (3, 2, 1)
    assert got[("Alfa", 5)]["picks"] == 1  # the workshop's own deck, not the later snapshot of Beta
    assert got[("Alfa", 2)]["picks"] == 0 and got[("Alfa", 2)]["share"] == 0.0
    # A card with no SDG counts among the picks and addresses no goal.
    assert got[("Beta", 7)]["share"] == 0.5 and got[("Beta", 5)]["picks"] == 0
    assert sum(got[("Beta", g)]["picks"] for g in GOALS) == 5 - 0  # EN-01's five goals; WW-02 none
    # A workshop with no picks: 17 rows of zeros, no share, its one table counted.
    gamma = [got[("Gamma", g)] for g in GOALS]
    assert all(r["picks"] == 0 and r["share"] is None and r["proposal_share"] is None and r["tables"] == 1
               for r in gamma)


# ---------------------------------------------------------------- stakeholder means

def _individual_values(exported) -> pd.DataFrame:
    """Participants' own values on cards their table picked, with their type; the ghost added as in `cmp`."""
    scores = exported["scores"]
    scores = scores[(scores["by"] != "consensus") & scores["value"].notna()]
    picks = exported["picks"][exported["picks"]["kind"].isin(["selected", "favourite"])]
    picked = picks[["workshop", "table", "card"]].rename(columns={"card": "target"})
    scores = scores.merge(picked, on=["workshop", "table", "target"])
    people = exported["participants"][["workshop", "participant", "stakeholder_type"]]
    scores = scores.merge(people, left_on=["workshop", "by"], right_on=["workshop", "participant"], how="left")
    beta = exported["tables"][exported["tables"]["territory"] == "Beta"].iloc[0]
    ghost = {"workshop": beta["workshop"], "territory": "Beta", "table": beta["table"], "target": "EN-01",
             "criterion": "technical", "by": "ghost", "participant": "ghost", "stakeholder_type": "unknown",
             "value": 1.0, "domain": "energy"}
    return pd.concat([scores, pd.DataFrame([ghost])], ignore_index=True)


def _stats(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    frame = frame.assign(pid=frame["workshop"] + "/" + frame["by"], tid=frame["workshop"] + "/" + frame["table"])
    out = frame.groupby(keys).agg(participants=("pid", "nunique"), tables=("tid", "nunique"),
                                  n_values=("value", "size"), mean=("value", "mean"), sd=("value", "std"),
                                  min=("value", "min"), max=("value", "max")).reset_index()
    return out.rename(columns={"territory": "group"})


def _compare_frames(got: pd.DataFrame, want: pd.DataFrame, keys: list[str]) -> None:
    got = got.sort_values(keys).reset_index(drop=True)
    want = want[got.columns].sort_values(keys).reset_index(drop=True)
    got["sd"] = got["sd"].astype(float)  # empty below two values: None -> NaN, as pandas' std
    pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-9)


def test_stakeholder_means_match_the_exports(cmp, exported):
    want = _stats(_individual_values(exported), ["territory", "criterion", "stakeholder_type"])
    _compare_frames(records(cmp, "stakeholder_criteria"), want, ["group", "criterion", "stakeholder_type"])


def test_stakeholder_means_per_card_match_the_exports(cmp, exported):
    values = _individual_values(exported).rename(columns={"target": "card"})
    want = _stats(values, ["territory", "card", "domain", "criterion", "stakeholder_type"])
    _compare_frames(records(cmp, "stakeholder_card_criteria"), want,
                    ["group", "card", "criterion", "stakeholder_type"])


def test_stakeholder_means_by_hand(cmp):
    got = {(r["group"], r["criterion"], r["stakeholder_type"]): r
           for r in cmp.tables["stakeholder_criteria"].records()}
    company = got[("Alfa", "technical", "company")]
    assert (company["participants"], company["tables"], company["n_values"]) == (2, 2, 3)
    assert company["mean"] == pytest.approx(8 / 3, abs=1e-10)  # unrounded, not 2.67
    assert company["sd"] == pytest.approx(math.sqrt(((4 - 8 / 3) ** 2 + (1 - 8 / 3) ** 2 + (3 - 8 / 3) ** 2) / 2))
    # Anna's own 3 beside the table's consensus 2: the consensus is not a participant's value.
    assert got[("Alfa", "time", "company")]["mean"] == 3.0 and got[("Alfa", "time", "company")]["n_values"] == 1
    assert got[("Alfa", "time", "public-authority")]["mean"] == 4.0
    citizen = got[("Alfa", "technical", "citizen")]
    assert citizen["mean"] == 2.0 and citizen["sd"] is None  # Ugo's 2 alone: not his proposal's 5; no spread
    assert got[("Beta", "technical", "unknown")]["mean"] == 1.0  # no type recorded: kept, not dropped
    assert not any(k[0] == "Gamma" for k in got)  # nobody scored there


# ---------------------------------------------------------------- the report

def _section(report, section_id: str):
    return next(s for s in report.sections if s.id == section_id)


def test_report_heatmap_names_goals_in_both_languages(cmp):
    for lang, seven, eleven in (("en", "7 · Affordable and clean energy", "11 · Sustainable cities and communities"),
                                ("it", "7 · Energia pulita e accessibile", "11 · Città e comunità sostenibili")):
        section = _section(build_report(cmp, lang), "sdgs")
        chart = next(b for b in section.blocks if isinstance(b, Chart))
        spec = chart.spec
        assert len(spec.row_labels) == 17 and spec.row_labels[6] == seven and spec.row_labels[10] == eleven
        assert spec.col_labels == ("Alfa", "Beta", "Gamma")
        assert spec.values[10] == (0.8, 0.5, None) and spec.values[1] == (0.0, 0.0, None)
        assert spec.counts is not None and spec.counts[0] == (2, 1, 1)  # tables behind each column
        table = next(b for b in section.blocks if isinstance(b, Table))
        cells = {row[0]: row[1:] for row in table.rows}
        assert cells[eleven] == ("4 (80%) · 2", "1 (50%) · 0", "0 (–) · 0")


def test_report_findings_name_most_and_least_covered_goals(cmp):
    # Pooled: 7 picks. Goals 11 and 13: 5 (71 %), goal 10: 4 (57 %); no pick addresses 2, 9, 12, 14, 16.
    en = next(b for b in _section(build_report(cmp, "en"), "sdgs").blocks if isinstance(b, Paragraph)).text
    assert ("the goals the picks address most are SDG 11 Sustainable cities and communities (71% of picks), "
            "SDG 13 Climate action (71%) and SDG 10 Reduced inequalities (57%).") in en
    assert ("No pick addresses SDG 2 Zero hunger, SDG 9 Industry, innovation and infrastructure, SDG 12 "
            "Responsible consumption and production, SDG 14 Life below water and SDG 16 Peace, justice and "
            "strong institutions.") in en
    assert "Alfa: SDG 11, 13 (80%); Beta: SDG 1, 7, 10, 11, 13 (50%)." in en  # ties named together
    it = next(b for b in _section(build_report(cmp, "it"), "sdgs").blocks if isinstance(b, Paragraph)).text
    assert "SDG 11 Città e comunità sostenibili (71% delle scelte)" in it and "Nessuna carta scelta riguarda SDG 2 " \
        "Sconfiggere la fame" in it
    for english in ("pick", "goal", "most", " and "):
        assert english not in it, english


def test_report_stakeholder_table_with_n(cmp):
    for lang, crit, company, unknown in (("en", "Technical feasibility", "2.7 ± 1.5 (2 · 2)", "Type not recorded"),
                                         ("it", "Fattibilità tecnica", "2,7 ± 1,5 (2 · 2)", "Tipo non registrato")):
        section = _section(build_report(cmp, lang), "stakeholders")
        table = next(b for b in section.blocks if isinstance(b, Table))
        assert table.csv == "stakeholder_criteria.csv"
        assert table.columns[-1] == unknown  # after the app's types
        rows = {(r[0], r[1]): dict(zip(table.columns, r, strict=False)) for r in table.rows}
        assert list(rows[("Alfa", crit)].values())[2] == company  # companies come first
        missing = [b.text for b in section.blocks if isinstance(b, Paragraph)]
        assert missing and "Gamma" in missing[0] and "Alfa" not in missing[0]


def test_no_picks_and_no_individual_scores_say_so_plainly(world):
    gamma = compare(load_facts(world[0][2:]), "territory")
    for lang, picks, scores in (("en", "No card has been picked yet", "No table scored individually"),
                                ("it", "Nessuna carta è stata ancora scelta",
                                 "Nessun tavolo ha dato valori individuali")):
        report = build_report(gamma, lang)
        sdgs, people = _section(report, "sdgs"), _section(report, "stakeholders")
        assert not any(isinstance(b, Chart) for b in sdgs.blocks)
        assert picks in sdgs.blocks[0].text
        assert next(b.text for b in people.blocks if isinstance(b, Paragraph)).startswith(scores)


def test_the_command_writes_the_csvs_and_both_renderings(world, tmp_path):
    out = tmp_path / "it"
    result = run_here("compare", *world[0], "--lang", "it", "-o", out)
    assert result.returncode == 0, result.output
    coverage = pd.read_csv(out / "sdg_coverage.csv")
    assert len(coverage) == 51 and set(coverage["goal"]) == set(GOALS)
    assert coverage.loc[(coverage["group"] == "Alfa") & (coverage["goal"] == 11), "share"].item() == 0.8
    means = pd.read_csv(out / "stakeholder_criteria.csv")
    assert means.loc[(means["group"] == "Alfa") & (means["criterion"] == "technical")
                     & (means["stakeholder_type"] == "company"), "mean"].item() == pytest.approx(8 / 3, abs=1e-9)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="sdg-heatmap"' in html and "Energia pulita e accessibile" in html
    text = " ".join(pdf_text(out / "report.pdf")).replace("\r\n", " ").replace("\n", " ")
    for words in ("Obiettivi di sviluppo sostenibile", "7 · Energia pulita e accessibile",
                  "Fattibilità per tipo di portatore di interesse", "2,7 ± 1,5 (2 · 2)"):
        assert words in text, words


def test_a_share_is_never_shown_as_zero_or_whole_when_it_is_not():
    en = Words("en")
    assert [_pct(v, en) for v in (0.0, 1 / 300, 0.005, 0.5, 0.995, 299 / 300, 1.0, None)] == \
        ["0%", "<1%", "<1%", "50%", ">99%", ">99%", "100%", "–"]


def test_picks_of_cards_listing_no_goal_say_so(world):
    beta = load_facts(world[0][1:2])[0]  # Beta: WW-02 (no goal) and EN-01
    only = dataclasses.replace(beta, tables=tuple(dataclasses.replace(t, picked=frozenset({"WW-02"}))
                                                  for t in beta.tables))
    report = build_report(compare([only]), "en")
    section = _section(report, "sdgs")
    assert section.blocks[0].text == "No card picked lists a goal (picks: 1)."
    shares = next(b for b in section.blocks if isinstance(b, Chart)).spec.values
    assert all(row == (0.0,) for row in shares)  # zeros, drawn: a finding, not missing data
