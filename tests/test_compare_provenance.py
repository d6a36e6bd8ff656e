"""Provenance of `cardengine compare`: every CSV row joins back to the session exports by workshop id, the
sources table identifies each file as `sha256sum` does (also when a write-ahead log was left beside it), and the
report and data say which tool, command and time made them (SOURCE_DATE_EPOCH honoured)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from cardengine.compare.run import CompareError, load_facts, write_report
from cardengine.sessions import Workshop, WorkshopInfo

from .conftest import run_here
from .lazy_import import lazy
from .test_compare_report import pdf_text
from .test_comparison import bundled  # noqa: F401  (fixture)

pd = lazy("pandas")

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
WHEN = "2023-11-14T22:13:20Z"


def _three_workshops(folder: Path, decks, criteria) -> list[Path]:
    """Alfa holds two workshops (one with a table that picked nothing), Beta one."""
    alfa1, alfa2, beta = folder / "alfa-2021.db", folder / "alfa-2022.db", folder / "beta.db"
    with Workshop.create(alfa1, WorkshopInfo("Alfa 2021", "Alfa", "2021-06-10"), decks, criteria) as w:
        w.add_table("T1")
        w.add_table("T2")
        w.add_participant("Anna", "company", table="T1")
        w.pick("T1", "EN-01")
        w.pick("T1", "MO-01", "favourite")
        w.score("T1", "EN-01", "technical", 4)
        w.score("T1", "MO-01", "technical", 2)
        w.pick("T2", "EN-01")
        w.score("T2", "EN-01", "technical", 3)
        w.propose("T1", "=HYPERLINK(\"x\") navetta", ["EN-01", "MO-01"])
        w.comment("T1", "barrier", "costi", card="EN-01")
    with Workshop.create(alfa2, WorkshopInfo("Alfa 2022", "Alfa", "2022-05-01"), decks, criteria) as w:
        w.add_table("T9")  # a table that picked nothing
        w.add_participant("Bice", "citizen", table="T9")
    with Workshop.create(beta, WorkshopInfo("Beta 2022", "Beta", "2022-03-01"), decks, criteria) as w:
        w.add_table("T3")
        w.add_participant("Dario", "expert", table="T3")
        w.pick("T3", "EN-01")
        w.score("T3", "EN-01", "technical", 5)
    return [alfa1, alfa2, beta]


@pytest.fixture(scope="module")
def made(bundled, tmp_path_factory):  # noqa: F811
    decks, criteria = bundled
    root = tmp_path_factory.mktemp("provenance")
    files = _three_workshops(root, decks, criteria)
    out = root / "report"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run_here("compare", *files, "-o", out, "--lang", "en")
    assert result.returncode == 0, result.output
    exports = {}
    for f in files:
        done = run_here("export", f, "--format", "csv", "-o", root / f"export-{f.stem}")
        assert done.returncode == 0, done.output
        done = run_here("export", f, "--format", "json", "-o", root / f"json-{f.stem}")
        assert done.returncode == 0, done.output
        exports[f.name] = (root / f"export-{f.stem}", root / f"json-{f.stem}" / "workshop.json")
    return root, files, out, exports


def _csvs(folder: Path) -> dict[str, pd.DataFrame]:
    return {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(folder.glob("*.csv"))}


def test_every_row_of_every_csv_joins_to_the_session_exports_by_workshop_id(made):
    _root, _files, out, exports = made
    export_ids: dict[str, set[str]] = {}  # file name -> ids in the `workshop` column of its export's rows
    for name, (folder, _) in exports.items():
        export_ids[name] = {i for frame in _csvs(folder).values() for i in frame.get("workshop", [])}
        assert len(export_ids[name]) == 1, (name, export_ids[name])  # one workshop per export, on every row
    id_of = {name: next(iter(ids)) for name, ids in export_ids.items()}
    every = set(id_of.values())
    tables = _csvs(out)
    assert len(tables) >= 19
    for name, frame in tables.items():
        assert "workshop_id" in frame.columns, name
        for cell in frame["workshop_id"]:
            ids = cell.split(" ")
            assert ids and ids == sorted(ids) and set(ids) <= every, (name, cell)  # each joins an export row
    # a row about a group names its workshops: Alfa both of its files, Beta its one
    alfa = " ".join(sorted([id_of["alfa-2021.db"], id_of["alfa-2022.db"]]))
    picks = tables["card_picks"]
    assert set(picks[picks.group == "Alfa"].workshop_id) == {alfa}
    assert set(picks[picks.group == "Beta"].workshop_id) == {id_of["beta.db"]}
    # a row about one workshop names that workshop only
    assert set(tables["proposals"].workshop_id) == {id_of["alfa-2021.db"]}
    agreement = tables["agreement"]
    assert set(agreement[agreement.scope == "tables"].workshop_id) == every
    # the bridge: one row per group and workshop, so a row's group joins to one id at a time
    bridge = tables["group_workshops"]
    assert sorted(zip(bridge.group, bridge.workshop_id, strict=False)) == sorted(
        [("Alfa", id_of["alfa-2021.db"]), ("Alfa", id_of["alfa-2022.db"]), ("Beta", id_of["beta.db"])])
    joined = picks.merge(bridge[["group", "workshop_id"]], on="group", suffixes=("", "_one"))
    assert len(joined) == len(picks[picks.group == "Alfa"]) * 2 + len(picks[picks.group == "Beta"])
    assert all(one in ids.split(" ") for one, ids in zip(joined.workshop_id_one, joined.workshop_id, strict=False))


def test_sources_identify_each_file_as_sha256sum_and_the_export_do(made):
    _root, files, out, exports = made
    sources = pd.read_csv(out / "sources.csv", dtype={"events": "Int64", "tables": "Int64"},
                          keep_default_na=False)
    assert list(sources.columns) == ["workshop_id", "file", "sha256", "events", "last_event", "title", "territory",
                                     "date", "tables", ]
    by_file = sources.set_index("file")
    for f in files:
        row = by_file.loc[f.name]
        doc = json.loads(exports[f.name][1].read_text(encoding="utf-8"))
        assert row.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
        assert row.workshop_id == doc["workshop"]["id"]
        assert row.events == len(doc["events"])
        assert row.last_event == max(e["at"] for e in doc["events"])
        assert row.tables == len({e.get("table") for e in doc["events"] if e.get("table")})
    assert by_file.loc["alfa-2022.db", "title"] == "Alfa 2022"


def test_the_hash_is_of_the_file_with_its_left_over_log_written_in(bundled, tmp_path):  # noqa: F811
    """A workshop file copied with its -wal while the app had it open (or left by a crash): reading it applies
    the log, and closing writes it into the file; the hash must be of that file, the one `sha256sum` sees."""
    decks, criteria = bundled
    live = tmp_path / "live.db"
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    with Workshop.create(live, WorkshopInfo("Live", "Alfa", "2024-01-01"), decks, criteria) as w:
        w.add_table("T1")
        w.pick("T1", "EN-01")
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{live}{suffix}", crashed / f"w.db{suffix}")
    assert (crashed / "w.db-wal").stat().st_size > 0
    facts = load_facts([crashed / "w.db"])[0]
    assert facts.origin.events == 3
    assert facts.origin.sha256 == hashlib.sha256((crashed / "w.db").read_bytes()).hexdigest()


def test_a_file_another_program_has_open_is_named_in_a_warning(bundled, tmp_path):  # noqa: F811
    decks, criteria = bundled
    path = tmp_path / "open.db"
    with Workshop.create(path, WorkshopInfo("Aperto", "Alfa", "2024-01-01"), decks, criteria) as w:
        w.add_table("T1")
        w.pick("T1", "EN-01")  # in the -wal until the file is closed
        written = write_report(load_facts([path]), tmp_path / "out", formats=("csv",))
    assert [x for x in written.warnings if "open.db is open in another program" in x and "SHA-256" in x]
    closed = write_report(load_facts([path]), tmp_path / "out2", formats=("csv",))
    assert not [x for x in closed.warnings if "another program" in x]


def test_tool_command_and_time_are_in_the_report_and_the_data(made):
    _root, files, out, _exports = made
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["created"] == WHEN
    run = package["cardengine"]
    from cardengine import __version__

    assert run["version"] == __version__ and run["generated"] == WHEN
    assert run["command"][:2] == ["cardengine", "compare"] and str(files[0]) in run["command"]
    html = (out / "report.html").read_text(encoding="utf-8")
    pages = " ".join(pdf_text(out / "report.pdf")).replace("\r", " ").replace("\n", " ")
    for text in (html, pages):
        assert f"cardengine {__version__} on {WHEN}" in text  # footer (HTML) / title page (PDF)
        assert WHEN in text and "cardengine compare" in text
        for f in files:
            assert hashlib.sha256(f.read_bytes()).hexdigest()[:32] in text.replace(" ", "")
    assert str(files[2]) in html  # the command line as typed, every file of it
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert WHEN in readme and f"cardengine {__version__}" in readme and str(files[0]) in readme


def test_same_files_command_and_epoch_give_the_same_bytes(made, monkeypatch):
    root, files, _out, _exports = made
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    facts = load_facts(files)
    command = ["cardengine", "compare", *map(str, files), "-o", "x"]
    for folder in ("a", "b"):
        write_report(facts, root / folder, formats=("html", "csv"), command=command)
    names = sorted(p.name for p in (root / "a").iterdir())
    assert "datapackage.json" in names and "README.md" in names and "report.html" in names
    for name in names:
        assert (root / "a" / name).read_bytes() == (root / "b" / name).read_bytes(), name
    assert WHEN in (root / "a" / "report.html").read_text(encoding="utf-8")


def test_a_malformed_epoch_or_licence_is_a_clear_error_and_nothing_is_written(made, tmp_path):
    _root, files, _out, _exports = made
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "yesterday")
        result = run_here("compare", files[2], "-o", tmp_path / "out")
    assert result.returncode != 0 and "SOURCE_DATE_EPOCH" in result.stderr and "nothing was written" in result.stderr
    result = run_here("compare", files[2], "-o", tmp_path / "out", "--licence", "CC BY 4.0")
    assert result.returncode != 0 and "--licence" in result.stderr and "SPDX" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_licence_chosen_by_the_owner_is_recorded(made, tmp_path):
    _root, files, out, _exports = made
    default = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["licenses"]
    assert [x["name"] for x in default] == ["CC-BY-4.0"] and "default" in default[0]["title"]
    write_report(load_facts(files[2:]), tmp_path / "out", formats=("csv",), licence="CC0-1.0", lang="it")
    chosen = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert [x["name"] for x in chosen["licenses"]] == ["CC0-1.0"]
    assert "scelta dal titolare dei dati" in chosen["licenses"][0]["title"]
    assert chosen["cardengine"]["licence_chosen_by_owner"] is True
    with pytest.raises(CompareError, match="SPDX"):
        write_report(load_facts(files[2:]), tmp_path / "bad", formats=("csv",), licence="CC BY")


def test_many_files_are_shortened_in_the_report_only(made, monkeypatch):
    """A shell's *.db can name a thousand files: the report's command line counts those past the first few and
    its sources table lists the first rows with a sentence saying so; the CSV and the package keep everything."""
    root, files, _out, _exports = made
    monkeypatch.setattr("cardengine.compare.report.provenance.SHOWN_FILES", 1)
    monkeypatch.setattr("cardengine.compare.report.provenance.MAX_SOURCE_ROWS", 2)
    command = ["cardengine", "compare", *map(str, files), "-o", "out"]
    write_report(load_facts(files), root / "short", formats=("html", "csv"), command=command, lang="en")
    html = (root / "short" / "report.html").read_text(encoding="utf-8")
    assert f"cardengine compare {files[0]} [… 2 more workshop files, all listed in sources.csv] -o out" in html
    assert str(files[2]) not in html
    assert "The table below lists the first 2 of the 3 files; sources.csv lists them all" in html
    table = html[html.index('id="report-sources-table"'):]
    assert table[:table.index("</table>")].count("<tr>") == 3  # the header and two files
    assert len(pd.read_csv(root / "short" / "sources.csv")) == 3
    package = json.loads((root / "short" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["cardengine"]["command"] == command  # the data keep the whole line


def test_someone_elses_readme_in_the_folder_is_never_replaced(made, tmp_path):
    _root, files, _out, _exports = made
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.md").write_text("# My notes on the 2022 workshops\n", encoding="utf-8")
    with pytest.raises(CompareError, match=r"README\.md was not written by cardengine compare"):
        write_report(load_facts(files[2:]), folder, formats=("csv",))
    assert (folder / "README.md").read_text(encoding="utf-8") == "# My notes on the 2022 workshops\n"
    assert [p.name for p in folder.iterdir()] == ["README.md"]  # nothing was written
    again = tmp_path / "again"  # the data card of an earlier run is replaced like every other output
    write_report(load_facts(files[2:]), again, formats=("csv",))
    write_report(load_facts(files[1:]), again, formats=("csv",), lang="en")
    assert "`sources.csv` (2 rows)" in (again / "README.md").read_text(encoding="utf-8")
