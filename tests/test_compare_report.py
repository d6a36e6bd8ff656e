"""`cardengine compare` end to end: the real command, real workshop files, the CSVs read back with pandas,
the HTML parsed and the PDF opened with pdfium."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2
import pytest

from cardengine.sessions import Workshop, WorkshopInfo

from .conftest import run_here
from .lazy_import import lazy
from .test_comparison import bundled, small_set  # noqa: F401  (fixtures)

pd = lazy("pandas")

CHART_IDS = ("domain-heatmap", "card-heatmap", "criteria-bars", "rank-slope")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def report(small_set, tmp_path_factory) -> Path:  # noqa: F811
    out = tmp_path_factory.mktemp("report") / "report"
    result = run_here("compare", *small_set, "-o", out)
    assert result.returncode == 0, result.output
    assert "compared 2 workshops, 3 tables, in 2 groups by territory" in result.stdout
    return out


def pdf_text(path: Path) -> list[str]:
    doc = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def test_writes_html_pdf_and_every_csv_in_the_data_package(report):
    package = json.loads((report / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["path"] for r in package["resources"]]
    assert len(names) >= 15
    for name in [*names, "report.html", "report.pdf"]:
        assert (report / name).stat().st_size > 0, name
    # Every CSV a table or chart names exists.
    html = (report / "report.html").read_text(encoding="utf-8")
    for name in names:
        if f'href="{name}"' in html:
            assert (report / name).exists()
    assert not [p for p in report.iterdir() if p.name.endswith(".tmp")]


PANDAS_KIND = {"integer": "i", "number": "f", "boolean": "b"}


def test_csvs_load_in_pandas_with_their_declared_types(report):
    package = json.loads((report / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for resource in package["resources"]:
        frame = pd.read_csv(report / resource["path"])
        fields = resource["schema"]["fields"]
        assert list(frame.columns) == [f["name"] for f in fields]  # the BOM is not part of the first name
        if frame.empty:
            continue
        for f in fields:
            column = frame[f["name"]]
            if f["type"] == "string":
                if column.notna().any():
                    assert pd.api.types.is_string_dtype(column) or column.dtype == object, (resource["path"], f)
            elif f["type"] == "number" and column.isna().all():
                continue
            else:
                assert column.dtype.kind == PANDAS_KIND[f["type"]], (resource["path"], f["name"], column.dtype)
            checked += 1
    assert checked > 60


def test_csv_numbers_match_the_hand_computed_values(report):
    picks = pd.read_csv(report / "card_picks.csv")
    en02 = picks[(picks.group == "Alfa") & (picks.card == "EN-02")].iloc[0]
    assert (en02.tables_available, en02.tables_picked, en02.pick_rate) == (2, 1, 0.5)
    ranking = pd.read_csv(report / "feasibility_ranking.csv")
    alfa = ranking[ranking.group == "Alfa"]
    assert list(alfa["card"]) == ["MO-01", "CL-01", "EN-01", "EN-02"]
    assert list(alfa["rank"]) == [1, 1, 3, 4]
    assert list(alfa["mean_weighted"]) == [75.0, 75.0, 62.5, 25.0]
    agreement = pd.read_csv(report / "agreement.csv")
    assert agreement[agreement.scope == "tables"].iloc[0].kendalls_w == 0.5
    assert agreement[agreement.scope == "groups"].iloc[0].kendalls_w == 1.0
    criteria = pd.read_csv(report / "criteria_summary.csv")
    tech = criteria[(criteria.group == "Alfa") & (criteria.criterion == "technical")].iloc[0]
    assert (tech.n, round(tech["mean"], 10), round(tech.sd, 4)) == (6, round(10 / 3, 10), 1.2111)
    never = pd.read_csv(report / "never_picked.csv")
    assert never[never.card == "MO-01"].picked_elsewhere.tolist() == [True]


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.svgs = 0
        self.remote: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        self.svgs += tag == "svg"
        self.scripts += tag == "script"
        for key in ("src", "href"):
            if (a.get(key) or "").startswith(("http:", "https:", "//")):
                self.remote.append(a[key])


def test_html_and_pdf_hold_every_territory_and_chart(report):
    html = (report / "report.html").read_text(encoding="utf-8")
    parsed = _Collect()
    parsed.feed(html)
    assert parsed.remote == [] and parsed.scripts == 0  # self-contained and readable offline
    for chart in CHART_IDS:
        assert chart in parsed.ids, chart
    assert parsed.svgs >= len(CHART_IDS)
    pages = pdf_text(report / "report.pdf")
    text = "\n".join(pages)
    for territory in ("Alfa", "Beta"):
        assert territory in html and territory in text
    # Each chart's title is drawn in both; the PDF holds them as text, not pictures.
    for title in ("Carte scelte per tavolo, per dominio", "Fattibilità per criterio",
                  "Posizione in classifica delle carte di testa"):
        assert title in html, title
        assert title in text.replace("\r\n", " ").replace("\n", " "), title
    assert "Comunità energetica con navetta" in html and "Comunità energetica con navetta" in text


def test_english_report(small_set, tmp_path):  # noqa: F811
    result = run_here("compare", *small_set, "--lang", "en", "--by", "table", "-o", tmp_path / "en")
    assert result.returncode == 0, result.output
    html = (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    assert "Comparing co-design workshops" in html and "Feasibility by criterion" in html
    assert "Alfa · T2" in html and 'lang="en"' in html


def test_no_csv_cell_can_run_as_a_formula(bundled, tmp_path):  # noqa: F811
    decks, criteria = bundled
    path = tmp_path / "formula.db"
    with Workshop.create(path, WorkshopInfo("=HYPERLINK(\"http://x\")", "-Sud", "2021-06-10"), decks,
                         criteria) as w:
        w.add_table("+39 tavolo")
        w.pick("+39 tavolo", "EN-01")
        w.score("+39 tavolo", "EN-01", "technical", 3)
        w.propose("+39 tavolo", "@SUM(A1)", ["EN-01"])
    result = run_here("compare", path, "-o", tmp_path / "out")
    assert result.returncode == 0, result.output
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    seen = 0
    for resource in package["resources"]:
        frame = pd.read_csv(tmp_path / "out" / resource["path"], dtype=str, keep_default_na=False)
        for f in resource["schema"]["fields"]:
            for cell in frame[f["name"]]:
                if f["type"] == "string" and cell:
                    seen += 1
                    assert not cell.startswith(FORMULA_START), (resource["path"], f["name"], cell)
    assert seen
    groups = pd.read_csv(tmp_path / "out" / "groups.csv")
    assert groups.group.tolist() == ["'-Sud"]  # kept as text, readable, never run


def test_bad_inputs_are_one_clear_line_and_nothing_is_written(small_set, tmp_path):  # noqa: F811
    missing = run_here("compare", small_set[0], tmp_path / "nope.db", "-o", tmp_path / "out")
    assert missing.returncode == 2 and "nope.db: no such workshop file" in missing.stderr
    junk = tmp_path / "notes.db"
    junk.write_text("not a workshop", encoding="utf-8")
    bad = run_here("compare", small_set[0], junk, "-o", tmp_path / "out")
    assert bad.returncode == 1 and "notes.db" in bad.stderr and "nothing was written" in bad.stderr
    assert junk.read_text(encoding="utf-8") == "not a workshop"  # left untouched
    copy = tmp_path / "copy.db"
    copy.write_bytes(small_set[0].read_bytes())
    twice = run_here("compare", small_set[0], copy, "-o", tmp_path / "out")
    assert twice.returncode == 1 and "cardengine merge" in twice.stderr
    assert not (tmp_path / "out").exists()
    afile = tmp_path / "file.txt"
    afile.write_text("x", encoding="utf-8")
    assert run_here("compare", small_set[0], "-o", afile).returncode == 2
    assert run_here("compare", small_set[0], "--by", "city", "-o", tmp_path / "out").returncode == 2


def test_the_example_report_shows_every_territory_chart_and_the_example_banner(tmp_path):
    from .conftest import ROOT

    examples = sorted((ROOT / "examples").glob("*.db"))
    result = run_here("compare", *examples, "-o", tmp_path / "report")
    assert result.returncode == 0, result.output
    assert "(example data)" in result.stdout
    html = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    parsed = _Collect()
    parsed.feed(html)
    pages = pdf_text(tmp_path / "report" / "report.pdf")
    territories = ("Abbiategrasso", "Milano periferie", "Trezzano sul Naviglio")
    for territory in territories:
        assert territory in html and territory in "\n".join(pages), territory
    for chart in CHART_IDS:
        assert chart in parsed.ids, chart
    assert all("DATI DI ESEMPIO" in page for page in pages)  # on every page, so no printout loses it
    assert "DATI DI ESEMPIO" in html
    groups = pd.read_csv(tmp_path / "report" / "groups.csv")
    assert groups.group.tolist() == list(territories) and groups.workshops.tolist() == [2, 2, 2]


def test_a_workshop_with_nothing_recorded_yet_still_gives_a_report(bundled, tmp_path):  # noqa: F811
    decks, criteria = bundled
    Workshop.create(tmp_path / "new.db", WorkshopInfo("Appena creato", "Nulla", "2024-01-01"), decks,
                    criteria).close()
    result = run_here("compare", tmp_path / "new.db", "-o", tmp_path / "out")
    assert result.returncode == 0, result.output
    assert "compared 1 workshop, 0 tables, in 1 group" in result.stdout
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "nessun dato ancora" in html  # the charts say why they are missing
    assert "nessun dato ancora" in " ".join(pdf_text(tmp_path / "out" / "report.pdf")).replace("\n", " ")
