"""The comparison's open data: datapackage.json passes `frictionless validate` (tabular profiles, keys, licence),
every column is described in the report's language, README.md is a data card whose instructions work, and
DuckDB and pandas read every column of every CSV with its declared type, also when it is empty (a workshop
with no picks)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.run import load_facts, write_report

from .conftest import run_here
from .data_words import LANGUAGES, SAME_AS_ENGLISH, undescribed
from .lazy_import import lazy
from .test_compare_provenance import _three_workshops
from .test_comparison import bundled  # noqa: F401  (fixture)

frictionless = lazy("frictionless")
duckdb = lazy("duckdb")
pd = lazy("pandas")


DUCKDB_TYPE = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}
PANDAS_DTYPE = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


@pytest.fixture(scope="module")
def made(bundled, tmp_path_factory):  # noqa: F811
    """The real command over three workshops by workshop (one of them picked nothing), in Italian; and the
    data alone of the workshop with no picks, where whole tables and columns are empty."""
    decks, criteria = bundled
    root = tmp_path_factory.mktemp("package")
    files = _three_workshops(root, decks, criteria)
    out = root / "report"
    result = run_here("compare", *files, "-o", out, "--by", "workshop", "--lang", "it")
    assert result.returncode == 0, result.output
    empty = root / "empty"
    write_report(load_facts(files[1:2]), empty, formats=("csv",), lang="en")
    return files, out, empty


def _package(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("which", ["out", "empty"])
def test_the_package_passes_frictionless_validate(made, which):
    folder = made[1] if which == "out" else made[2]
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:10]
    package = _package(folder)
    assert package["profile"] == "tabular-data-package"
    assert {r["profile"] for r in package["resources"]} == {"tabular-data-resource"}
    assert package["licenses"] and package["licenses"][0]["name"] == "CC-BY-4.0"


def test_a_broken_key_or_changed_file_fails_validation(made, tmp_path):
    """The keys and hashes are checked, not decoration: a row pointing at no group, or a CSV changed after
    writing, makes the package invalid."""
    folder = tmp_path / "copy"
    folder.mkdir()
    for p in made[1].iterdir():
        if p.suffix in (".csv", ".json"):
            (folder / p.name).write_bytes(p.read_bytes())
    text = (folder / "card_picks.csv").read_text(encoding="utf-8-sig").splitlines()
    text[1] = "Nowhere" + text[1][text[1].index(","):]
    (folder / "card_picks.csv").write_text("\ufeff" + "\n".join(text) + "\n", encoding="utf-8")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert not report.valid
    assert {"foreign-key", "hash-count"} <= {e[0] for e in report.flatten(["type"])}


def test_keys_are_declared_and_hold(made):
    package = _package(made[1])
    schemas = {r["path"][:-4]: r["schema"] for r in package["resources"]}
    assert schemas["groups"]["primaryKey"] == ["group"]
    assert schemas["sources"]["primaryKey"] == ["workshop_id"]
    assert schemas["group_workshops"]["primaryKey"] == ["group", "workshop_id"]
    assert schemas["card_picks"]["primaryKey"] == ["group", "card"]
    assert schemas["proposals"]["primaryKey"] == ["workshop_id", "table", "proposal"]
    refs = {(name, tuple(fk["fields"]), fk["reference"]["resource"])
            for name, s in schemas.items() for fk in s.get("foreignKeys", [])}
    assert {("card_picks", ("group",), "groups"), ("group_workshops", ("group",), "groups"),
            ("group_workshops", ("workshop_id",), "sources"), ("proposals", ("workshop_id",), "sources"),
            ("disagreement_between", ("lowest_group",), "groups")} <= refs
    known = ("groups", "participants", "card_picks", "domain_picks", "never_picked", "card_criteria",
             "domain_criteria", "criteria_summary", "feasibility_ranking", "disagreement_within",
             "disagreement_between", "pick_overlap", "agreement", "proposals", "proposal_cards", "domain_proposals",
             "domain_priorities", "sources", "group_workshops")
    assert not [name for name in known if "primaryKey" not in schemas[name]]


def test_every_column_is_described_in_the_reports_language(made):
    from cardengine.compare.render.package import datapackage
    from cardengine.compare.report.provenance import run_info

    files, out, _empty = made
    cmp = compare(load_facts(files), "workshop")
    described = sorted({d for t in cmp.tables.values() for d in (t.description, *(c.description for c in t.columns))})
    for lang in LANGUAGES:  # every column of every table, also of tables other parts add, in the catalogue
        assert undescribed(described, lang) == [], lang
    italian = _package(out)
    english = json.loads(datapackage(list(cmp.tables.values()), "t", "en", run_info((), {})))
    for it, en in zip(italian["resources"], english["resources"], strict=False):
        assert it["path"] == en["path"]
        assert it["description"] != en["description"], it["path"]
        for fi, fe in zip(it["schema"]["fields"], en["schema"]["fields"], strict=False):
            assert fi["description"] and fe["description"]
            assert fi["description"] != fe["description"] or fe["description"] in SAME_AS_ENGLISH["it"], fi["name"]
    fields = {(r["path"], f["name"]): f["description"] for r in italian["resources"] for f in r["schema"]["fields"]}
    assert fields[("card_picks.csv", "tables_available")] == "tavoli il cui workshop aveva il mazzo della carta"
    assert fields[("card_picks.csv", "workshop_id")].startswith("id (UUID) dei workshop")
    assert italian["description"].startswith("Confronto di workshop")


def _python_block(readme: str) -> str:
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) == 1
    return blocks[0]


@pytest.mark.parametrize("which", ["out", "empty"])
def test_readme_is_a_data_card_whose_pandas_recipe_reads_every_declared_type(made, which, monkeypatch):
    folder = made[1] if which == "out" else made[2]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    package = _package(folder)
    for r in package["resources"]:
        assert f"`{r['path']}`" in readme, r["path"]
    assert "cardengine compare" in readme and "load.sql" in readme and "CC-BY-4.0" in readme
    monkeypatch.chdir(folder)
    scope: dict = {}
    exec(_python_block(readme), scope)  # exactly what the README tells a researcher to run
    tables = scope["tables"]
    empty_columns = 0
    for r in package["resources"]:
        frame = tables[r["path"][:-4]]
        assert len(frame) == len(pd.read_csv(r["path"], dtype=str, keep_default_na=False)), r["path"]
        for f in r["schema"]["fields"]:
            assert str(frame[f["name"]].dtype) == PANDAS_DTYPE[f["type"]], (r["path"], f["name"])
            empty_columns += frame[f["name"]].isna().all()
    assert empty_columns > (20 if which == "empty" else 0)


@pytest.mark.parametrize("which", ["out", "empty"])
def test_duckdb_reads_every_column_with_its_declared_type(made, which, monkeypatch):
    folder = made[1] if which == "out" else made[2]
    package = _package(folder)
    monkeypatch.chdir(folder)
    con = duckdb.connect()
    con.execute((folder / "load.sql").read_text(encoding="utf-8"))
    empty_columns = 0
    for r in package["resources"]:
        name = r["path"][:-4]
        described = {row[0]: row[1] for row in con.execute(f'DESCRIBE "{name}"').fetchall()}
        assert list(described) == [f["name"] for f in r["schema"]["fields"]], name
        for f in r["schema"]["fields"]:
            assert described[f["name"]] == DUCKDB_TYPE[f["type"]], (name, f["name"], described[f["name"]])
        rows = pd.read_csv(r["path"], dtype=str, keep_default_na=False)
        assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(rows), name
        for f in r["schema"]["fields"]:
            if f["type"] != "string":
                nulls = con.execute(f'SELECT count(*) FROM "{name}" WHERE "{f["name"]}" IS NULL').fetchone()[0]
                assert nulls == (rows[f["name"]] == "").sum(), (name, f["name"])  # empty cells are NULLs
                empty_columns += nulls == len(rows)
    if which == "empty":  # why load.sql: guessing gives text for a column with nothing in it
        assert empty_columns > 20
        header_only = [r["path"] for r in package["resources"]
                       if len((folder / r["path"]).read_text(encoding="utf-8-sig").splitlines()) == 1]
        assert "feasibility_ranking.csv" in header_only and "proposals.csv" in header_only
        guessed = duckdb.read_csv(str(folder / "feasibility_ranking.csv")).types
        assert "VARCHAR" in {str(t) for t in guessed[1:]}
    # the values survive: the workshop ids in DuckDB are those of the sources
    ids = {row[0] for row in con.execute('SELECT workshop_id FROM "sources"').fetchall()}
    joined = con.execute('SELECT DISTINCT unnest(string_split(workshop_id, \' \')) FROM "card_picks"').fetchall()
    assert {row[0] for row in joined} <= ids and joined



def test_two_workshops_with_one_label_get_their_own_ids_and_no_false_key(made, tmp_path):
    """Same territory, date and title: the `workshop` column cannot tell them apart; by table each row's group
    does, so each row names its own workshop; by territory it cannot, so the row names both and the key
    that would repeat is not declared. The package is valid either way."""
    import dataclasses

    files, _out, _empty = made
    first = load_facts(files[:1])[0]
    twin = dataclasses.replace(first, id="twin-of-alfa", source="twin.db",
                               tables=tuple(dataclasses.replace(t, workshop="twin-of-alfa") for t in first.tables))
    for by in ("table", "territory"):
        folder = tmp_path / by
        written = write_report([first, twin], folder, by=by, formats=("csv",))
        report = frictionless.validate(str(folder / "datapackage.json"))
        assert report.valid, report.flatten(["type", "note"])[:5]
        proposals = written.comparison.tables["proposals"].records()
        keys = {r["path"]: r["schema"].get("primaryKey") for r in _package(folder)["resources"]}
        assert len(proposals) == 2
        if by == "table":
            assert sorted(r["workshop_id"] for r in proposals) == sorted([first.id, "twin-of-alfa"])
            assert keys["proposals.csv"] == ["workshop_id", "table", "proposal"]
        else:
            assert {r["workshop_id"] for r in proposals} == {" ".join(sorted([first.id, "twin-of-alfa"]))}
            assert keys["proposals.csv"] is None
