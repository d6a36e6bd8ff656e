"""The comments as a REFI-QDA project (.qdpx): valid against REFI's Project.xsd, and read back the way
QualCoder's importer reads it (ccbogel/QualCoder, src/qualcoder/refi.py: import_project, sub_codes,
parse_sources / load_text_source / load_codings_for_text, parse_cases, parse_variables): every comment is
there, coded with its kind, its card and its author's stakeholder type, and its selection holds exactly its
text, counted in characters (accents, emoji), also when the text holds markup or controls.
"""

from __future__ import annotations

import dataclasses
import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from cardengine.compare.render.qdpx import qda_text, qdpx_bytes
from cardengine.compare.run import load_facts, write_report

from .comment_set import ACCENTS, CONTROLS, FORMULA, LONG, MARKUP, make_set
from .conftest import run_here
from .tui_support import bundled

NS = "{urn:QDA-XML:project:1.0}"
XSD = Path(__file__).parent / "refi" / "Project.xsd"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    decks, criteria = bundled()
    return make_set(tmp_path_factory.mktemp("qdpx"), decks, criteria)


@pytest.fixture(scope="module")
def facts(files):
    """The set's facts, plus what no new event can hold but an old file or a merge may: an empty comment
    and a lone surrogate (json.loads makes one of "\\ud800")."""
    alfa, beta = load_facts(files)
    t3 = beta.tables[0]
    odd = (dataclasses.replace(t3.comments[0], event="empty-1", text=""),
           dataclasses.replace(t3.comments[0], event="surrogate-1", text="a\ud800b"))
    beta = dataclasses.replace(beta, tables=(dataclasses.replace(t3, comments=t3.comments + odd), *beta.tables[1:]))
    return [alfa, beta]


@pytest.fixture(scope="module")
def qdpx(facts) -> bytes:
    return qdpx_bytes(facts, "en", "cardengine test")


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(XSD)))


def comments_of(facts):
    return [(w, t, c) for w in facts for t in w.tables for c in t.comments]


# ---------------------------------------------------------------- QualCoder's importer, as it reads a project

def import_like_qualcoder(data: bytes, folder: Path) -> dict:
    """What QualCoder's import_project takes from a .qdpx, following its code step by step."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        z.extractall(folder)
    qde = next(p for p in folder.iterdir() if p.suffix == ".qde")  # "project.qde", or any name.qde
    root = ET.parse(qde).getroot()
    assert root.tag == f"{NS}Project"
    sources_dir = "sources" if (folder / "sources").is_dir() else "Sources"
    users = {u.get("guid"): u.get("name") for u in root.find(f"{NS}Users")}
    codes: dict[str, str] = {}  # code guid -> name; QualCoder's code_name.name is UNIQUE: a repeat loses codings
    categories: list[str] = []

    def sub_codes(parent: ET.Element, category: str | None) -> None:
        if parent.get("isCodable") == "false":  # a category only when explicitly not codable
            categories.append(parent.get("name"))
            for child in parent.findall(f"{NS}Code"):
                sub_codes(child, parent.get("name"))
            return
        name = parent.get("name")
        assert name not in codes.values(), f"code name {name!r} twice: QualCoder would drop its codings"
        codes[parent.get("guid")] = name
        for child in parent.findall(f"{NS}Code"):
            sub_codes(child, None)

    codebook = root.find(f"{NS}CodeBook")
    for code in next(iter(codebook)):  # <Codes> is the only element
        sub_codes(code, None)
    variables = {v.get("guid"): v.get("name") for v in root.find(f"{NS}Variables")}
    sources = {}
    selections = []
    for src in root.find(f"{NS}Sources"):
        assert src.tag == f"{NS}TextSource"
        assert src.get("creatingUser") in users
        path = src.get("path") or src.get("plainTextPath")
        assert path.startswith("internal://")
        file = folder / (sources_dir + path.split("internal:/")[1])
        raw = file.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")  # a BOM would be read as a character and shift every position
        assert b"\r" not in raw  # QualCoder reads with universal newlines: a CR would shift positions
        with open(file, encoding="utf-8", errors="replace") as f:
            fulltext = f.read()
        name = src.get("name")
        assert name not in {s["name"] for s in sources.values()}
        assert not set(name) & set('/\\:*?"<>|')  # QualCoder copies the source to documents/NAME.txt
        sources[src.get("guid")] = {"name": name, "fulltext": fulltext}
        for sel in src.findall(f"{NS}PlainTextSelection"):
            pos0, pos1 = int(sel.get("startPosition")), int(sel.get("endPosition"))
            memo = sel.findtext(f"{NS}Description") or ""
            coded = []
            for coding in sel.findall(f"{NS}Coding"):
                ref = next(iter(coding))
                assert ref.tag == f"{NS}CodeRef"
                assert ref.get("targetGUID") in codes, "a coding whose code does not exist"
                coded.append(codes[ref.get("targetGUID")])
            selections.append({"source": name, "seltext": fulltext[pos0:pos1], "memo": memo, "codes": coded,
                               "pos": (pos0, pos1)})
    cases = {}
    for case in root.find(f"{NS}Cases"):
        values = {}
        for vv in case.findall(f"{NS}VariableValue"):
            values[variables[vv.find(f"{NS}VariableRef").get("targetGUID")]] = vv.findtext(f"{NS}TextValue")
        refs = [sources[r.get("targetGUID")]["name"] for r in case.findall(f"{NS}SourceRef")]
        cases[case.get("name")] = {"values": values, "sources": refs}
    return {"codes": codes, "categories": categories, "sources": sources, "selections": selections, "cases": cases}


@pytest.fixture(scope="module")
def imported(qdpx, tmp_path_factory):
    return import_like_qualcoder(qdpx, tmp_path_factory.mktemp("qualcoder"))


def _selection_of(imported, event: str) -> dict:
    found = [s for s in imported["selections"] if f"comment {event}" in s["memo"]]
    assert len(found) == 1, event
    return found[0]


# ---------------------------------------------------------------- the tests

def test_valid_against_refi_project_schema(qdpx, schema):
    with zipfile.ZipFile(io.BytesIO(qdpx)) as z:
        names = z.namelist()
        xml = z.read("project.qde")
    assert names[0] == "project.qde" and all(n.startswith("Sources/") for n in names[1:])
    schema.assertValid(etree.fromstring(xml))


def test_every_comment_is_coded_with_its_kind_card_and_stakeholder(facts, imported):
    assert set(imported["categories"]) == {"Comment kind", "Cards", "Stakeholder type"}
    everything = comments_of(facts)
    assert len(imported["selections"]) == len(everything) == 12
    for _w, _t, c in everything:
        sel = _selection_of(imported, c.event)
        assert c.kind in sel["codes"]
        cards = [code for code in sel["codes"] if code.split(" ")[0] == c.card]
        assert len(cards) == (1 if c.card else 0)
        assert len(sel["codes"]) == 1 + bool(c.card) + bool(c.stakeholder_type)


def test_selections_hold_exactly_each_comments_text(facts, imported):
    for _w, _t, c in comments_of(facts):
        sel = _selection_of(imported, c.event)
        if c.text:
            assert sel["seltext"] == qda_text(c.text)
            assert len(sel["seltext"]) == len(c.text) - c.text.count("\r\n")  # one for one but CR LF -> LF
        else:  # nothing to select: the comment's header line is coded instead, so it is still there
            assert sel["seltext"].startswith("[fattore abilitante] EN-02 ")  # Beta is in Italian
            assert sel["pos"][1] > sel["pos"][0] and sel["memo"].startswith(sel["seltext"])


def test_unicode_positions_count_characters(facts, imported):
    quote = next(c for _, _, c in comments_of(facts) if c.text == ACCENTS)
    sel = _selection_of(imported, quote.event)
    assert sel["seltext"] == ACCENTS  # 👩‍👩‍👧 is five code points; UTF-8 bytes or UTF-16 units would shift
    start, end = sel["pos"]
    text = imported["sources"][next(g for g, s in imported["sources"].items() if s["name"] == sel["source"])]
    assert text["fulltext"][start:end] == ACCENTS and end - start == len(ACCENTS)
    assert len(ACCENTS.encode("utf-8")) != len(ACCENTS) != len(ACCENTS.encode("utf-16-le")) // 2


def test_hostile_text_keeps_the_project_valid(facts, imported, qdpx):
    markup = next(c for _, _, c in comments_of(facts) if c.text == MARKUP)
    assert _selection_of(imported, markup.event)["seltext"] == MARKUP
    controls = next(c for _, _, c in comments_of(facts) if c.text == CONTROLS.strip())
    seltext = _selection_of(imported, controls.event)["seltext"]
    assert seltext == "bell\ufffd nul\ufffd esc\ufffd[31m red\ufffd\ufffd cr\nlf\nend \ufffd"
    assert _selection_of(imported, "surrogate-1")["seltext"] == "a\ufffdb"
    formula = next(c for _, _, c in comments_of(facts) if c.text == FORMULA)
    assert _selection_of(imported, formula.event)["seltext"] == FORMULA  # no spreadsheet here: kept as said
    long = next(c for _, _, c in comments_of(facts) if c.text == LONG.strip())
    assert _selection_of(imported, long.event)["seltext"] == LONG.strip()
    with zipfile.ZipFile(io.BytesIO(qdpx)) as z:
        xml = z.read("project.qde").decode("utf-8")
    assert "<script>" not in xml and "</Project>" not in xml[:-len("</Project>")]
    assert "Navetta &amp; comunità &lt;energetica&gt;" in xml  # a proposal title in a selection's description


def test_workshops_and_tables_are_cases_with_their_sources(facts, imported):
    alfa, beta = facts
    cases = imported["cases"]
    assert cases["Alfa 2021-06-10"]["values"] == {"Territory": "Alfa", "Date": "2021-06-10", "Workshop id": alfa.id}
    assert cases["Alfa 2021-06-10"]["sources"] == ["Alfa 2021-06-10 · T1", "Alfa 2021-06-10 · T2 _ nord"]
    assert cases["Alfa 2021-06-10 · T2 / nord"]["sources"] == ["Alfa 2021-06-10 · T2 _ nord"]
    assert cases["Beta 2022-03-01 · T4"] == {"values": {"Workshop id": beta.id}, "sources": []}  # no comments
    assert len(cases) == 2 + 4


def test_same_comments_same_bytes(facts, qdpx):
    assert qdpx_bytes(facts, "en", "cardengine test") == qdpx


def test_italian_code_names(facts, tmp_path):
    got = import_like_qualcoder(qdpx_bytes(facts, "it"), tmp_path)
    assert {"ostacolo", "fattore abilitante", "domanda", "citazione"} <= set(got["codes"].values())
    assert "Tipo di commento" in got["categories"]


def test_no_comments_still_a_valid_project(facts, schema):
    bare = [dataclasses.replace(w, tables=tuple(dataclasses.replace(t, comments=()) for t in w.tables))
            for w in facts]
    with zipfile.ZipFile(io.BytesIO(qdpx_bytes(bare))) as z:
        assert z.namelist() == ["project.qde"]
        schema.assertValid(etree.fromstring(z.read("project.qde")))
    with zipfile.ZipFile(io.BytesIO(qdpx_bytes([]))) as z:
        schema.assertValid(etree.fromstring(z.read("project.qde")))


def test_export_writes_one_workshops_comments(files, tmp_path, schema):
    out = tmp_path / "out"
    run = run_here("export", files[0], "--format", "qdpx", "-o", out)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["comments.qdpx"]
    got = import_like_qualcoder((out / "comments.qdpx").read_bytes(), tmp_path / "q")
    assert len(got["selections"]) == 7  # Alfa's comments
    assert run_here("export", files[0], "--format", "json", "-o", out).returncode == 0  # other formats unchanged
    assert run_here("export", files[0], "--format", "xml", "-o", out).returncode == 2


def test_compare_writes_the_project_beside_the_csvs(files, tmp_path):
    facts = load_facts(files)
    written = write_report(facts, tmp_path / "cmp", formats=("csv",), inputs=files)
    assert tmp_path / "cmp" / "comments.qdpx" in written.files
    got = import_like_qualcoder((tmp_path / "cmp" / "comments.qdpx").read_bytes(), tmp_path / "q")
    rows = (tmp_path / "cmp" / "comments.csv").read_text("utf-8-sig").count("\n")
    assert len(got["selections"]) == 10 and rows > 10  # one line per comment and more: texts hold line breaks


def test_hostile_workshop_and_table_names(facts, schema, tmp_path):
    evil = "</Project>\x01<Code name=\"x\">&amp;\ttab\nline \ud800"
    alfa, beta = facts
    bad = [dataclasses.replace(alfa, title=evil, territory=evil, date="",
                               tables=tuple(dataclasses.replace(t, table_name=evil) for t in alfa.tables)), beta]
    data = qdpx_bytes(bad, "en", evil)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        schema.assertValid(etree.fromstring(z.read("project.qde")))
    got = import_like_qualcoder(data, tmp_path)
    assert len(got["selections"]) == 12
    names = [s["name"] for s in got["sources"].values()]
    assert len(set(names)) == len(names)  # two tables of one (odd) name still make two sources
    assert any("</Project>" in name for name in got["cases"])  # as text, escaped in the XML
