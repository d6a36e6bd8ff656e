"""`cardengine compare` and its outputs against hostile workshops and options: every output file stays valid
(HTML and its SVG charts well-formed, without control characters; CSVs UTF-8; the data package validates),
bad options and environment are one clear error, never a traceback.

The hostile set is written once: real workshop files made with the engine, then their stored names and texts
overwritten in SQLite with what only an old file, a hand edit or an import can hold (the fold keeps stored
names whatever they hold): markup, XML breakers, formula starts, C0/C1 controls, bidi overrides, unpaired
surrogates (JSON's "\\ud800"), Markdown, SQL and emoji, in the workshop title and territory, table names,
participant labels, card titles, proposal titles and comment text.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from cardengine.compare.measures.model import make_groups
from cardengine.compare.report.provenance import RunInfoError, run_info
from cardengine.compare.run import load_facts, write_report
from cardengine.sessions import Workshop, WorkshopInfo
from tests.conftest import ROOT, run_here
from tests.tui_support import bundled

NASTY = ("<script>alert('x')</script><img src=x onerror=alert(1)>]]></Project><!DOCTYPE x [<!ENTITY e 'b'>]>&e;"
         "\x00\x07\x1b[31m\x0b\x0c\x7f\x85\u202egnp.exe\u2066\ud800x\udfff\n# Owned\n\n[a](javascript:alert(1)) "
         "x'); DROP TABLE t; -- 🚲")
NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
EXAMPLE = ROOT / "examples" / "trezzano-2021-09-28.db"


def _workshop(folder: Path, name: str, comment: str) -> Path:
    path = folder / f"{name}.db"
    with Workshop.create(path, WorkshopInfo(name, name.upper(), "2021-06-10", language="en"), *bundled()) as w:
        for table in ("T0", "T1"):
            w.add_table(table)
            w.pick(table, "EN-01")
            w.pick(table, "MO-01")
        w.add_participant("Anna", "company", table="T0")
        w.score("T0", "EN-01", "technical", 3, by="Anna")
        w.score("T1", "EN-01", "technical", 2)
        w.comment("T0", "quote", comment, "EN-01", "Anna")
        w.comment("T1", "barrier", comment)
        w.propose("T0", "P", ["EN-01", "MO-01"])
    return path


def _poison(path: Path, start: str) -> None:
    """Every stored name and text the comparison shows, overwritten with NASTY (ASCII JSON, so the unpaired
    surrogates survive as \\ud800 escapes, as a hand-made import would hold them)."""
    db = sqlite3.connect(path)
    for seq, kind, payload in db.execute("SELECT seq, kind, payload FROM events").fetchall():
        p = json.loads(payload)
        if kind == "workshop.created":
            p["title"], p["territory"] = "=" + NASTY, start + NASTY
            for deck in p["decks"]:
                for card in deck["cards"]:
                    card["title"] = dict.fromkeys(card["title"], "@" + NASTY)
        elif kind == "table.added":
            p["name"] = "-" + NASTY + p["name"]
        elif kind == "participant.added":
            p["label"] = "+" + NASTY
        elif kind == "comment":
            p["text"] = "\t=" + NASTY
        elif kind == "proposal.created":
            p["title"] = "=" + NASTY
        db.execute("UPDATE events SET payload = ? WHERE seq = ?", (json.dumps(p), seq))
    db.commit()
    db.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The hostile pair compared by table (every name in a group label), written once: HTML, CSV, package."""
    folder = tmp_path_factory.mktemp("hostile")
    files = [_workshop(folder, name, "x") for name in ("a", "b")]
    for path, start in zip(files, ("=", "+"), strict=False):
        _poison(path, start)
    out = folder / "out"
    write_report(load_facts(files), out, by="table", lang="en", formats=("html", "csv"), bootstrap=20,
                 command=["cardengine", "compare"])  # the outputs read here
    return out


def test_the_html_report_and_its_charts_hold_hostile_names_as_text(hostile: Path) -> None:
    """Controls and unpaired surrogates in a title made the SVG charts unparseable (a traceback) and the HTML
    unencodable; now they are U+FFFD, markup is escaped, and every chart is well-formed XML."""
    from lxml import etree

    html = (hostile / "report.html").read_bytes().decode("utf-8")
    assert not NOT_IN_HTML.search(html)
    assert "\u202e" not in html  # no label made to read backwards
    assert "<script" not in html and "<img" not in html and "]]></Project>" not in html
    assert "&lt;script&gt;alert" in html
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert svgs
    for svg in svgs:
        etree.fromstring(svg.encode("utf-8"))  # raises on anything not well-formed


def test_the_csv_tables_keep_hostile_text_readable_and_inert(hostile: Path) -> None:
    """Every CSV is UTF-8 (an unpaired surrogate is U+FFFD) and no text cell starts a formula."""
    names = sorted(p.name for p in hostile.glob("*.csv"))
    assert "comments.csv" in names
    texts = []
    for name in names:
        for row in csv.reader(io.StringIO((hostile / name).read_bytes().decode("utf-8-sig"))):
            for cell in row:
                texts.append(cell)
                assert not (cell[:1] in "=+@\t\r" and cell) or re.fullmatch(r"[+-]?[\d.e+-]+", cell), (name, cell)
                assert not cell.startswith("-<"), (name, cell)
    assert any("\ufffdx\ufffd" in t for t in texts)


def test_the_package_of_hostile_names_validates(hostile: Path) -> None:
    import frictionless

    report = frictionless.validate(str(hostile / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]
    with zipfile.ZipFile(hostile / "comments.qdpx") as z:
        from lxml import etree

        schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "refi" / "Project.xsd")))
        assert schema.validate(etree.fromstring(z.read("project.qde"))), schema.error_log.last_error


def test_comments_full_of_semicolons_do_not_make_the_package_invalid(tmp_path: Path) -> None:
    """Italian notes are full of ';': with no dialect declared, frictionless guessed ';' as the delimiter of
    comments.csv and found every row broken. datapackage.json now declares how the CSVs are written."""
    import frictionless

    notes = "costi; tempi; vincoli; permessi; gestione; \"manutenzione\"; fondi; bandi"
    files = [_workshop(tmp_path, name, notes) for name in ("c", "d")]
    write_report(load_facts(files), tmp_path / "out", formats=("csv",), bootstrap=0)
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert all(r["dialect"]["delimiter"] == "," for r in package["resources"])
    report = frictionless.validate(str(tmp_path / "out" / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]


def test_group_labels_made_distinct_never_repeat_a_given_one() -> None:
    """Tables named "T", "T" and "T (2)" were labelled T, T (2), T (2): two groups under one key."""
    facts = load_facts([EXAMPLE])[0]
    table = facts.tables[0]
    tables = tuple(dataclasses.replace(table, table=f"id{i}", table_name=name)
                   for i, name in enumerate(("T", "T", "T (2)")))
    labels = [g.label for g in make_groups([dataclasses.replace(facts, tables=tables)], "table")]
    assert len(set(labels)) == 3
    a, b, c = (dataclasses.replace(facts, id=i, territory=t, title="A")
               for i, t in (("a", ""), ("b", "A"), ("c", "A (2)")))
    labels = [g.label for g in make_groups([a, b, c], "workshop")]
    assert len(set(labels)) == 3 and "A (2)" in labels


@pytest.mark.parametrize("epoch", ["99999999999999999999", "253402300800", "²"])
def test_a_source_date_epoch_out_of_range_is_a_clear_error(epoch: str, tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(RunInfoError, match="SOURCE_DATE_EPOCH"):
        run_info(["cardengine"], {"SOURCE_DATE_EPOCH": epoch})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    done = run_here("compare", EXAMPLE, "-o", tmp_path / "out", "--bootstrap", "0")
    assert done.returncode == 1 and "SOURCE_DATE_EPOCH" in done.stderr and "nothing was written" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("licence", ["CC-BY-4.0\n", "CC0-1.0\n"])
def test_a_licence_with_a_line_break_is_refused(licence: str) -> None:
    """`$` let a trailing newline through: the package named the licence "CC-BY-4.0\\n" (unknown, no link)."""
    with pytest.raises(RunInfoError, match="--licence"):
        run_info(["cardengine"], {}, licence=licence)


@pytest.mark.parametrize("name", ["sources.csv", "report.html", "comments.qdpx"])
def test_someone_elses_file_under_an_output_name_is_never_replaced(name: str, tmp_path: Path) -> None:
    """-o the workshops' own folder, where a researcher keeps their sources.csv: compare replaced it silently.
    Only a folder holding an earlier comparison (its datapackage.json) has files compare may replace."""
    from .conftest import assert_unchanged, tree

    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "W.db").write_bytes(EXAMPLE.read_bytes())
    (folder / name).write_text("mine,not yours\n", encoding="utf-8")
    before = tree(folder)
    done = run_here("compare", folder / "W.db", "-o", folder, "--bootstrap", "0")
    assert done.returncode == 1, done.output
    assert f"{name} was not written by cardengine compare" in done.stderr and "nothing was written" in done.stderr
    assert_unchanged(before, folder)


def test_a_compare_waits_for_another_writing_the_same_folder(tmp_path: Path) -> None:
    """Two compares into one folder renamed their files in at the same moment and could leave a mix (a
    datapackage.json hashing the other run's CSVs). A run now renames its files in while it holds the folder's
    lock (flock on the folder itself): held here, the run writes its temporary files and waits; released, it
    lands whole, and the package's hashes are of the CSVs beside it."""
    import fcntl
    import hashlib
    import os
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    proc = subprocess.Popen([sys.executable, "-m", "cardengine", "compare", str(EXAMPLE), "-o", str(out),
                             "--bootstrap", "0"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".report.pdf.*.tmp.pdf")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(subprocess.TimeoutExpired):  # it is waiting for the lock, not done
            proc.wait(timeout=5)
        assert not (out / "datapackage.json").exists() and not (out / "report.pdf").exists()
    finally:
        os.close(fd)  # releases the lock
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "Traceback" not in err, err
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for r in package["resources"]:
        assert r["hash"] == "sha256:" + hashlib.sha256((out / r["path"]).read_bytes()).hexdigest()
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_a_file_name_with_terminal_escapes_never_reaches_the_data_card_raw(tmp_path: Path) -> None:
    """The data card quotes the command line: a workshop file named with ESC sequences put them raw into
    README.md, run by the terminal of whoever `cat`s it."""
    hostile = tmp_path / "=x ```\x1b]0;owned\x07\x1b[2J\nnext.db"
    hostile.write_bytes(EXAMPLE.read_bytes())
    write_report(load_facts([hostile]), tmp_path / "out", formats=("csv",), bootstrap=0, lang="en",
                 command=["cardengine", "compare", str(hostile), "-o", str(tmp_path / "out")])
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", card)
    assert "\\x1b]0;owned" in card


def _coded_project(path: Path) -> None:
    """What QualCoder saves when a researcher exports the project they coded: a .qdpx with its own origin."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
                                  'name="coded" origin="QualCoder 3.5"/>')


def test_a_coded_qualitative_project_is_never_replaced_by_export(tmp_path: Path) -> None:
    """Export comments.qdpx, code it in QualCoder, save it back under its name, export again: the coding was
    replaced without a word."""
    from .conftest import assert_unchanged, tree

    out = tmp_path / "out"
    args = ("export", EXAMPLE, "--format", "qdpx", "-o", out)
    assert run_here(*args).returncode == 0
    assert run_here(*args).returncode == 0  # cardengine's own file: replaced freely
    _coded_project(out / "comments.qdpx")
    before = tree(out)
    done = run_here(*args)
    assert done.returncode == 1, done.output
    assert "comments.qdpx is a project cardengine did not write" in done.stderr
    assert_unchanged(before, out)


def test_a_coded_qualitative_project_is_never_replaced_by_compare(tmp_path: Path) -> None:
    """The same in compare's own earlier output folder (whose other files it may replace)."""
    from cardengine.compare.run import CompareError

    from .conftest import assert_unchanged, tree

    out = tmp_path / "out"
    facts = load_facts([EXAMPLE])
    write_report(facts, out, formats=("csv",), bootstrap=0)
    write_report(facts, out, formats=("csv",), bootstrap=0)
    _coded_project(out / "comments.qdpx")
    before = tree(out)
    with pytest.raises(CompareError, match=r"comments\.qdpx is a project cardengine did not write"):
        write_report(facts, out, formats=("csv",), bootstrap=0)
    assert_unchanged(before, out)
