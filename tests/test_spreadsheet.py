"""The spreadsheet round trip: export, edit in Excel or LibreOffice, import back without loss.

The commands run in this process (`run_here`): what is tested is what export-csv and import-csv write and say."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardengine.csvcell import csv_cell, formula_like, neutralise, unneutralise
from cardengine.decks.load import load_deck

from .conftest import DECKS, run_here


@pytest.fixture
def cli():
    return run_here


DECK_FILES = sorted(p for p in DECKS.glob("*.yaml") if p.name != "criteria.yaml")


@pytest.mark.parametrize("path", DECK_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("delimiter,bom", [("comma", True), ("semicolon", False)])
def test_export_then_import_gives_back_the_same_deck(cli, tmp_path, path, delimiter, bom):
    original, problems = load_deck(path)
    assert original is not None, problems
    target = tmp_path / path.name
    shutil.copy(path, target)
    csv_path = tmp_path / "cards.csv"
    run = cli("export-csv", path, "-o", csv_path, "--delimiter", delimiter, "--bom" if bom else "--no-bom")
    assert run.returncode == 0, run.output
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf") == bom
    run = cli("import-csv", csv_path, "-o", target)
    assert run.returncode == 0, run.output
    again, problems = load_deck(target)
    assert again == original, problems
    # Writing the deck again from its own export changes nothing.
    first = target.read_bytes()
    assert cli("export-csv", target, "-o", csv_path).returncode == 0
    assert cli("import-csv", csv_path, "-o", target).returncode == 0
    assert target.read_bytes() == first


def test_import_into_a_new_deck_from_an_italian_excel_file(cli, tmp_path, small_deck):
    # What Italian-locale Excel writes: BOM, semicolons, CRLF, a list of actors in one cell.
    header = ("id;title.it;title.en;summary.it;summary.en;description.it;description.en;actors.it;actors.en;"
              "scale;cost;horizon;sdgs")
    row = ('AC-01;Contatori intelligenti;Smart water meters;Misurare i consumi ogni ora.;Meter use every hour.;'
           '"Il gestore installa contatori letti a distanza; le perdite si vedono subito.";'
           '"The utility fits remotely read meters; leaks show at once.";"Gestore idrico\nComune";'
           '"Water utility\nMunicipality";district, municipality;medium;short;6, 11')
    csv_path = tmp_path / "excel.csv"
    csv_path.write_bytes(("\ufeff" + header + "\r\n" + row + "\r\n;;;;\r\n").encode("utf-8"))
    out = tmp_path / "acqua.yaml"
    run = cli("import-csv", csv_path, "-o", out, "--deck-id", "water-meters", "--name", "it=Acqua",
              "--name", "en=Water", "--colour", "#0072B2")
    assert run.returncode == 0, run.output
    deck, problems = load_deck(out)
    assert deck is not None, problems
    card = deck.card("AC-01")
    assert [a["en"] for a in card.actors] == ["Water utility", "Municipality"]
    assert card.description["it"].startswith("Il gestore installa contatori letti a distanza; le perdite")
    assert card.sdgs == (6, 11) and [s.value for s in card.scale] == ["district", "municipality"]
    assert cli("validate", out).returncode == 0


def test_formula_like_text_is_neutralised_and_restored(cli, tmp_path, small_deck):
    text = small_deck.read_text(encoding="utf-8").replace(
        "en: Companies collect roof rainwater for toilet flushing.", "en: =HYPERLINK(\"http://x\") is not a formula")
    small_deck.write_text(text, encoding="utf-8")
    csv_path = tmp_path / "cards.csv"
    assert cli("export-csv", small_deck, "-o", csv_path).returncode == 0
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert rows[0]["summary.en"].startswith("'=HYPERLINK")
    assert cli("import-csv", csv_path, "-o", small_deck).returncode == 0
    deck, _ = load_deck(small_deck)
    assert deck.card("WT-01").summary["en"].startswith("=HYPERLINK")


def write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_bad_rows_are_reported_by_row_and_nothing_is_written(cli, tmp_path, small_deck):
    before = small_deck.read_bytes()
    csv_path = tmp_path / "cards.csv"
    assert cli("export-csv", small_deck, "-o", csv_path).returncode == 0
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    head = list(rows[0])
    rows[2][head.index("sdgs")] = "11, 19"
    rows[1][head.index("title.en")] = ""
    rows[0][head.index("horizon")] = "horizn"
    write_rows(csv_path, rows)
    run = cli("import-csv", csv_path, "-o", small_deck)
    assert run.returncode == 1
    assert f"cards.csv:1:{head.index('horizon') + 1}: unknown column 'horizn'; did you mean 'horizon'?" in run.stderr
    assert small_deck.read_bytes() == before

    rows[0][head.index("horizon")] = "horizon"
    write_rows(csv_path, rows)
    run = cli("import-csv", csv_path, "-o", small_deck)
    assert run.returncode == 1
    assert f"cards.csv:3:{head.index('sdgs') + 1}: cards[1].sdgs[1]: 19 is above the maximum 17" in run.stderr
    assert f"cards.csv:2:{head.index('title.en') + 1}: cards[0].title.en: is empty" in run.stderr
    assert "nothing written" in run.stderr
    assert small_deck.read_bytes() == before


def test_new_deck_needs_its_fields(cli, tmp_path, small_deck):
    csv_path = tmp_path / "cards.csv"
    assert cli("export-csv", small_deck, "-o", csv_path).returncode == 0
    run = cli("import-csv", csv_path, "-o", tmp_path / "new.yaml")
    assert run.returncode == 2
    assert "--deck-id, --name, --colour" in run.stderr
    assert not (tmp_path / "new.yaml").exists()


def test_export_refuses_a_broken_deck(cli, tmp_path, small_deck):
    small_deck.write_text(small_deck.read_text(encoding="utf-8").replace("sdgs: [6, 13]", "sdgs: [60]"))
    run = cli("export-csv", small_deck)
    assert run.returncode == 1 and "cards[0].sdgs[0]" in run.stderr


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_formula_mark_is_reversible_and_always_neutralises(text):
    """The rule in docs/deck-format.md: any text survives neutralise then unneutralise exactly, and what is
    written never starts like a formula (after NFKC, behind spaces)."""
    written = neutralise(text)
    assert unneutralise(written) == text
    assert not formula_like(written)


@pytest.mark.parametrize("text", ["＝1+1", "﹦1", "＋39", "﹢39", "－5", "﹣5", "＠x", "﹫x", " =1", "\t1", "\r1",
                                  "\n1", "⁼1", "₊1"])
def test_look_alike_formula_starts_are_neutralised(text):
    assert formula_like(text) and neutralise(text) == "'" + text and csv_cell(text) == "'" + text
