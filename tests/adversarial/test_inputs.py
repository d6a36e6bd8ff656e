"""Issue 10, deliverable 6: hostile deck, criteria, layout, CSV, image and print-option inputs get a clear
error (file, line, field; exit 1, or 2 for bad arguments), never exit 3, and nothing is written.

Every case runs the real command line on files under tmp_path and byte-compares the folder before and after.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SMALL_DECK, run_here

from .conftest import assert_unchanged, tree

CRITERIA = (Path(__file__).resolve().parents[2] / "decks" / "criteria.yaml").read_text(encoding="utf-8")


def deck_folder(tmp_path: Path, text: str | bytes = SMALL_DECK) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir(exist_ok=True)
    path = folder / "water.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def refused(run, code: int = 1) -> None:
    assert run.returncode == code, run.output
    assert "internal error" not in run.output and "Traceback" not in run.output, run.output


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# ---------------------------------------------------------------------------------------------- YAML

NESTED = SMALL_DECK.replace("authors: [Test team]\n", "authors: [Test team]\nx: " + "[" * 3000 + "]" * 3000 + "\n")
MERGE_LAUGHS = "a: &a {x: 1, y: 2}\n" + "".join(
    f"{n}: &{n} {{<<: [" + ", ".join([f"*{p}"] * 9) + "]}\n" for p, n in zip("abcdefgh", "bcdefghi", strict=False))

YAML_CASES = {
    # name: (file text, expected line (0: any), expected message)
    "deep nesting": (NESTED, line_of(NESTED, "x: ["), r"nest more than 40 levels deep"),
    "NUL byte": (SMALL_DECK.replace("en: Rainwater reuse", "en: Rain\x00water"),
                 line_of(SMALL_DECK, "en: Rainwater reuse"), r"control character U\+0000 \(NUL\)"),
    "ESC byte": (SMALL_DECK.replace("en: Rainwater reuse", "en: Rain\x1b[31mwater"),
                 line_of(SMALL_DECK, "en: Rainwater reuse"), r"control character U\+001B \(ESC\)"),
    "escaped BEL": (SMALL_DECK.replace("en: Rainwater reuse", 'en: "Rain\\x07water"'),
                    line_of(SMALL_DECK, "en: Rainwater reuse"),
                    r"cards\[0\]\.title\.en: the text contains the control character U\+0007 \(BEL\)"),
    "5,000-digit number": (SMALL_DECK.replace("sdgs: [6, 13]", "sdgs: [6, 1" + "3" * 4999 + "]"),
                           line_of(SMALL_DECK, "sdgs: [6, 13]"), r"cards\[0\]\.sdgs\[1\]: the number has 5000 digits"),
    "NaN": (SMALL_DECK.replace("sdgs: [6, 13]", "sdgs: [6, 13]\n    quantity: .nan"),
            line_of(SMALL_DECK, "sdgs: [6, 13]") + 1, r"cards\[0\]\.quantity: '\.nan' is not a finite number"),
    "float overflow": (SMALL_DECK.replace("sdgs: [6, 13]", "sdgs: [6, 13]\n    quantity: 1.0e+999"),
                       line_of(SMALL_DECK, "sdgs: [6, 13]") + 1, r"cards\[0\]\.quantity: '1\.0e\+999' is not a finite"),
    "impossible date": (SMALL_DECK.replace("sdgs: [6, 13]", "sdgs: [6, 13]\n    origin: {workshop: W, "
                                           "date: 2021-02-30, table: T, cards: [WT-02]}"),
                        line_of(SMALL_DECK, "sdgs: [6, 13]") + 1,
                        r"cards\[0\]\.origin\.date: 2021-02-30 is not a date"),
    "invalid UTF-8": (SMALL_DECK.encode().replace(b"Rainwater", b"Rain\xffwater"),
                      line_of(SMALL_DECK, "en: Rainwater reuse"), r"not valid UTF-8"),
    "duplicate key": (SMALL_DECK.replace("    cost: medium\n    horizon: short", "    cost: medium\n    cost: high\n"
                                         "    horizon: short"),
                      line_of(SMALL_DECK, "    horizon: short"), r"cards\[0\]\.cost: field 'cost' appears twice"),
    "tab indentation": (SMALL_DECK.replace("    scale: [company]", "\tscale: [company]"),
                        line_of(SMALL_DECK, "    scale: [company]"), r"indent with spaces, not tabs"),
    # (the plain alias bomb is tests/test_validation.py::test_alias_bomb_is_refused_quickly)
    "billion laughs by merge keys": (MERGE_LAUGHS, 0, r"expands to more than 200,000 values"),
    "bad merge key": (SMALL_DECK.replace("authors: [Test team]", "authors: [Test team]\nx: {<<: 5}"),
                      line_of(SMALL_DECK, "authors:") + 1, r"x: << must be followed by a mapping"),
}


def _own_ids(text: str | bytes, n: int) -> str | bytes:
    """The deck with card ids of its own (WT- -> AA-, AB-, ...), so decks checked together do not clash."""
    prefix = "A" + chr(ord("A") + n) + "-"
    return text.replace(b"WT-", prefix.encode()) if isinstance(text, bytes) else text.replace("WT-", prefix)


def test_hostile_deck_yaml_is_a_clear_problem(tmp_path):
    """Every case of YAML_CASES in one folder: `validate` and `build` name each file, line and field, exit 1,
    and write nothing (one run each keeps the test fast)."""
    folder = tmp_path / "decks"
    folder.mkdir()
    names = {}
    for n, (case, (text, _, _)) in enumerate(YAML_CASES.items()):
        names[case] = f"deck{n:02d}.yaml"
        data = _own_ids(text, n)
        (folder / names[case]).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    before = tree(tmp_path)
    checked = run_here("validate", folder)
    built = run_here("build", folder, "-o", tmp_path / "out")
    for run, output in ((checked, checked.stdout), (built, built.stderr)):
        refused(run)
        for case, (_, line, message) in YAML_CASES.items():
            where = re.escape(names[case]) + (f":{line}:" if line else r":\d+:") + r"\d+: "
            found = [row for row in output.splitlines() if names[case] + ":" in row]
            said = [row for row in found if re.search(where + r".*" + message, row)]
            assert len(said) == 1, (case, found)  # said once
            assert not any("is empty" in row for row in found), (case, found)  # not again as a schema problem
    assert_unchanged(before, tmp_path)


def test_megabyte_text_is_named_not_echoed(tmp_path):
    deck = deck_folder(tmp_path, SMALL_DECK.replace("en: Rainwater reuse}", 'en: "' + "x" * 200_000 + '"}'))
    run = run_here("validate", deck)
    refused(run)
    assert "cards[0].title.en: is 200000 characters long" in run.stdout
    assert "looks like placeholder text ('xxxxxxxxxxxxxxxxx...')" in run.stdout
    assert len(run.output) < 2000  # the problems name the text, they do not print it back


def test_hostile_criteria_yaml_is_a_clear_problem(tmp_path):
    hostile = {"deep nesting": "weight: " + "[" * 3000 + "]" * 3000, "NUL byte": "weight: 1\x00",
               "5,000-digit number": "weight: 1" + "0" * 4999, "NaN": "weight: .nan"}
    assert "weight: 1" in CRITERIA
    for n, text in enumerate(hostile.values()):
        (tmp_path / f"criteria{n}.yaml").write_text(CRITERIA.replace("weight: 1", text, 1), encoding="utf-8")
    before = tree(tmp_path)
    run = run_here("validate", tmp_path)
    refused(run)
    for n, case in enumerate(hostile):
        assert re.search(rf"criteria{n}\.yaml:{line_of(CRITERIA, 'weight: 1')}:\d+: ", run.stdout), (case, run.stdout)
    assert_unchanged(before, tmp_path)


@pytest.mark.parametrize("hostile,message", [
    ("width: .inf", r"size\.width: '\.inf' is not a finite number"),
    ("width: 6" + "3" * 5000, r"size\.width: the number has 5001 digits"),
    ("width: [" + "[" * 3000 + "]" * 3000 + "]", r"nest more than 40 levels deep"),
], ids=["inf", "5,000 digits", "deep nesting"])
def test_hostile_layout_yaml_is_a_clear_problem(tmp_path, small_deck, hostile, message):
    layout = (Path(__file__).resolve().parents[2] / "layouts" / "poker.yaml").read_text(encoding="utf-8")
    assert "width: 63" in layout
    path = tmp_path / "mine.yaml"
    path.write_text(layout.replace("width: 63", hostile, 1), encoding="utf-8")
    before = tree(tmp_path)
    run = run_here("build", small_deck, "--layout", path, "-o", tmp_path / "out")
    refused(run)
    assert re.search(rf"mine\.yaml:{line_of(layout, 'width: 63')}:\d+: .*{message}", run.stderr), run.stderr
    assert_unchanged(before, tmp_path)


@pytest.mark.parametrize("kind", ["FIFO", "folder", "device"])
def test_layout_that_is_not_a_regular_file_is_refused_not_read(tmp_path, small_deck, kind):
    """A FIFO as layout used to block the build for ever, a link to /dev/zero to fill memory."""
    path = tmp_path / "mine.yaml"
    if kind == "FIFO":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    before = tree(tmp_path)
    run = run_here("build", small_deck, "--layout", path, "-o", tmp_path / "out")
    refused(run)
    assert "mine.yaml: is not a regular file" in run.stderr, run.stderr
    assert_unchanged(before, tmp_path)


def test_deck_that_is_a_fifo_is_named(tmp_path):
    os.mkfifo(tmp_path / "deck.yaml")
    run = run_here("validate", tmp_path / "deck.yaml")
    refused(run)
    assert "deck.yaml: is not a regular file" in run.stdout, run.stdout


# ---------------------------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("offset", ["0,inf", "nan,0", "1e999,0", "25,0", "0,-20.5", "1,2,3"])
def test_absurd_back_offsets_are_usage_errors(tmp_path, small_deck, offset):
    before = tree(tmp_path)
    run = run_here("build", small_deck, f"--back-offset={offset}", "-o", tmp_path / "out")
    refused(run, 2)
    assert run.stderr.startswith("cardengine: error: --back-offset takes X,Y in mm, each from -20 to 20")
    assert_unchanged(before, tmp_path)


def _backs_left_edge(pdf: Path) -> int:
    """Leftmost inked pixel column of the cards on the backs page, rendered at 72 dpi (1 px = 1/72 in); the
    page label at the foot does not move with the backs, so only the upper half is looked at."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[1].render(scale=1).to_pil().convert("L")
        image = image.crop((0, 0, image.width, image.height // 2))
    finally:
        doc.close()
    box = Image.eval(image, lambda v: 255 if v < 200 else 0).getbbox()
    assert box is not None, "the backs page is blank"
    return box[0]


def test_a_valid_back_offset_still_moves_the_backs(tmp_path, small_deck):
    edges = {}
    for offset in ("0,0", "5,0"):
        out = tmp_path / offset.replace(",", "_")
        run = run_here("build", small_deck, f"--back-offset={offset}", "--no-crop-marks", "-o", out)
        assert run.returncode == 0, run.output
        edges[offset] = _backs_left_edge(next(out.glob("*.pdf")))
    moved_mm = abs(edges["5,0"] - edges["0,0"]) * 25.4 / 72
    assert 4 <= moved_mm <= 6, edges


@pytest.mark.parametrize("args,message", [
    (["build", "--bleed=nan"], "--bleed takes millimetres from 0 to 10, not nan"),
    (["build", "--bleed=inf"], "--bleed takes millimetres from 0 to 10, not inf"),
    (["preview", "--dpi=0"], "--dpi takes from 30 to 1200, not 0"),
    (["preview", "--dpi=99999999999999999999"], "--dpi takes from 30 to 1200"),
    (["preview", "--sheet-dpi=-5"], "--sheet-dpi takes from 30 to 600"),
])
def test_absurd_print_numbers_are_usage_errors(tmp_path, small_deck, args, message):
    before = tree(tmp_path)
    run = run_here(args[0], small_deck, *args[1:], "-o", tmp_path / "out")
    refused(run, 2)
    assert f"cardengine: error: {message}" in run.stderr
    assert_unchanged(before, tmp_path)


@pytest.mark.parametrize("args", [["compare", "{w}", "-o", "{out}", "--jobs", "0"],
                                  ["compare", "{w}", "-o", "{out}", "--jobs", "1000000"],
                                  ["session", "pick", "{w}", "--table", "T1", "--round", "0", "EN-03"],
                                  ["session", "pick", "{w}", "--table", "T1", "--round", "100000", "EN-03"]],
                         ids=["jobs 0", "a million jobs", "round 0", "round 100000"])
def test_absurd_counts_are_usage_errors(tmp_path, hostile_workshop, args):
    before, workshop_before = tree(tmp_path), tree(hostile_workshop.parent)
    run = run_here(*[a.format(w=hostile_workshop, out=tmp_path / "out") for a in args])
    refused(run, 2)
    assert re.search(r"argument --(jobs|round): takes a whole number from 1 to \d+", run.stderr), run.stderr
    assert_unchanged(before, tmp_path)
    assert_unchanged(workshop_before, hostile_workshop.parent)


# ---------------------------------------------------------------------------------------------- images

def _deck_with_image(tmp_path: Path, image: str) -> Path:
    text = SMALL_DECK.replace("    sdgs: [6, 13]\n", f"    sdgs: [6, 13]\n    image: {image}\n")
    return deck_folder(tmp_path, text)


IMAGE_LINE = line_of(SMALL_DECK, "    sdgs: [6, 13]\n") + 1


def _make_image(folder: Path, kind: str) -> str:
    """Put a hostile image of `kind` beside the deck; return the deck's image field."""
    if kind == "symlink loop":
        os.symlink("loop.png", folder / "loop.png")
        return "loop.png"
    if kind == "two-link loop":
        os.symlink("b.png", folder / "a.png")
        os.symlink("a.png", folder / "b.png")
        return "a.png"
    if kind == "directory":
        (folder / "dir.png").mkdir()
        return "dir.png"
    if kind == "FIFO":
        os.mkfifo(folder / "pipe.png")
        return "pipe.png"
    if kind == "not an image":
        (folder / "text.png").write_text("hello")
        return "text.png"
    if kind == "a GIF named .png":
        Image.new("RGB", (10, 10)).save(folder / "gif.png", format="GIF")
        return "gif.png"
    if kind == "decompression bomb":
        Image.new("1", (12_000, 12_000)).save(folder / "bomb.png")  # 20 KB, 144 million pixels
        return "bomb.png"
    if kind == "NUL in the path":
        return '"a\\0b.png"'
    raise AssertionError(kind)


IMAGE_CASES = {
    "symlink loop": r"image 'loop\.png' is a symbolic link that leads round in a loop",
    "two-link loop": r"image 'a\.png' is a symbolic link that leads round in a loop",
    "directory": r"image 'dir\.png' is a folder, not an image file",
    "FIFO": r"image 'pipe\.png' is not a regular file",
    "not an image": r"image text\.png is not a readable image",
    "a GIF named .png": r"image gif\.png is a GIF file, not a PNG or JPEG",
    "decompression bomb": r"image bomb\.png is too large to be a card image",
    "NUL in the path": r"the text contains the control character U\+0000 \(NUL\)",
}


def test_hostile_images_are_clear_problems(tmp_path):
    """Each hostile image beside its own deck; `validate` and `build` name deck file, line, card field and
    image, exit 1, and write nothing."""
    decks = []
    for n, kind in enumerate(IMAGE_CASES):
        folder = tmp_path / f"deck{n}"
        folder.mkdir()
        text = SMALL_DECK.replace("    sdgs: [6, 13]\n", f"    sdgs: [6, 13]\n    image: {_make_image(folder, kind)}\n")
        decks.append(folder / "water.yaml")
        decks[-1].write_text(_own_ids(text, n), encoding="utf-8")
    before = tree(tmp_path)
    checked = run_here("validate", *decks)
    built = run_here("build", *decks, "--layout", "poker-photo", "-o", tmp_path / "out")
    for run in (checked, built):
        refused(run)
        for n, (kind, message) in enumerate(IMAGE_CASES.items()):
            where = rf"deck{n}/water\.yaml:{IMAGE_LINE}:\d+: cards\[0\]\.image: "
            assert re.search(where + message, run.output), (kind, run.output)
    assert_unchanged(before, tmp_path)


def test_truncated_image_names_deck_card_and_file(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    Image.effect_noise((900, 1200), 60).convert("RGB").save(folder / "photo.png")
    data = (folder / "photo.png").read_bytes()
    (folder / "photo.png").write_bytes(data[: len(data) // 2])
    deck = _deck_with_image(tmp_path, "photo.png")
    before = tree(tmp_path)
    run = run_here("build", deck, "--layout", "poker-photo", "-o", tmp_path / "out")
    refused(run)
    assert re.search(r"deck water, card WT-01, box 'image': \S*photo\.png is not a readable image \(image file is "
                     r"truncated", run.stderr), run.stderr
    assert_unchanged(before, tmp_path)


# ---------------------------------------------------------------------------------------------- CSV

# Each replaced text of SMALL_DECK and the hostile text that takes its place.
TRICKY = {"en: Rainwater reuse}": "en: \"'=x\"}",
          "en: Rain gardens}": "en: \"''=y\"}",
          "en: Companies collect roof rainwater for toilet flushing.": "en: \"'plain\"",
          "en: Sunken flower beds along streets hold back storm water.": "en: \"＝1+1\"",
          "{it: Aziende, en: Companies}": "{it: \"﹢39 02\", en: \"－5 °C\"}",
          "{it: Comune, en: Municipality}": "{it: \"＠home\", en: \"@home\"}"}


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_csv_round_trip_keeps_every_text_exactly(tmp_path, small_deck):
    text = small_deck.read_text(encoding="utf-8")
    for old, new in TRICKY.items():
        assert old in text
        text = text.replace(old, new)
    small_deck.write_text(text, encoding="utf-8")
    run = run_here("validate", small_deck)
    assert run.returncode == 0, run.output
    csv_path = tmp_path / "cards.csv"
    assert run_here("export-csv", small_deck, "-o", csv_path).returncode == 0
    rows = _csv_rows(csv_path)
    head = rows[0]
    assert rows[1][head.index("title.en")] == "''=x"
    assert rows[2][head.index("title.en")] == "'''=y"
    assert rows[1][head.index("summary.en")] == "''plain"
    assert rows[2][head.index("summary.en")] == "'＝1+1"  # full-width equals: a formula after NFKC
    assert rows[1][head.index("actors.it")] == "'﹢39 02"
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(small_deck.read_bytes())
    run = run_here("import-csv", csv_path, "-o", copy)
    assert run.returncode == 0, run.output
    from cardengine.decks.load import load_deck

    original, _ = load_deck(small_deck)
    back, problems = load_deck(copy)
    assert back is not None, problems
    for card in ("WT-01", "WT-02"):
        for field in ("title", "summary", "actors"):
            assert getattr(back.card(card), field) == getattr(original.card(card), field), (card, field)


def test_csv_duplicate_column_is_refused_naming_it(tmp_path, small_deck):
    csv_path = tmp_path / "cards.csv"
    assert run_here("export-csv", small_deck, "-o", csv_path).returncode == 0
    rows = _csv_rows(csv_path)
    first = rows[0].index("title.en") + 1
    for row, value in zip(rows, ["title.en", "Second title", "Another"], strict=False):
        row.append(value)
    _write_rows(csv_path, rows)
    before = tree(tmp_path)
    run = run_here("import-csv", csv_path, "-o", small_deck)
    refused(run)
    assert (f"cards.csv:1:{len(rows[0])}: column 'title.en' appears twice (columns {first} and {len(rows[0])})"
            in run.stderr), run.stderr
    assert_unchanged(before, tmp_path)


@pytest.fixture(scope="module")
def exported_rows(tmp_path_factory) -> list[list[str]]:
    """SMALL_DECK as export-csv writes it (exported once for the module)."""
    folder = tmp_path_factory.mktemp("export")
    (folder / "water.yaml").write_text(SMALL_DECK, encoding="utf-8")
    run = run_here("export-csv", folder / "water.yaml", "-o", folder / "cards.csv")
    assert run.returncode == 0, run.output
    return _csv_rows(folder / "cards.csv")


@pytest.mark.parametrize("column,value,message", [
    ("title.en", "Rain\x00water", r"cards\.csv:2:\d+: column 'title\.en': the cell contains the control character "
                                  r"U\+0000 \(NUL\)"),
    ("title.en", "Rain\x1b[2Jwater", r"cards\.csv:2:\d+: column 'title\.en': .*U\+001B \(ESC\)"),
    ("quantity", "²", r"cards\.csv:2:\d+: cards\[0\]\.quantity: expected a whole number, found the text '²'"),
    ("quantity", "9" * 5000, r"cards\.csv:2:\d+: cards\[0\]\.quantity: expected a whole number"),
    ("sdgs", "6, 1" + "3" * 5000, r"cards\.csv:2:\d+: cards\[0\]\.sdgs\[1\]: expected a whole number"),
    ("description.en", "x" * 200_000, r"cards\.csv:2: cannot read this line as CSV \(field larger than"),
], ids=["NUL", "ESC", "superscript two", "5,000-digit quantity", "5,000-digit SDG", "200,000-character cell"])
def test_hostile_csv_cells_are_clear_problems(tmp_path, small_deck, exported_rows, column, value, message):
    csv_path = tmp_path / "cards.csv"
    rows = [list(row) for row in exported_rows]
    rows[1][rows[0].index(column)] = value
    _write_rows(csv_path, rows)
    before = tree(tmp_path)
    run = run_here("import-csv", csv_path, "-o", small_deck)
    refused(run)
    assert re.search(message, run.stderr), run.stderr
    assert_unchanged(before, tmp_path)


@pytest.fixture(scope="module")
def hostile_workshop(tmp_path_factory) -> Path:
    """A workshop whose texts hold full-width formula starts and characters the PDF fonts lack."""
    folder = tmp_path_factory.mktemp("workshop")
    w = folder / "W.db"
    for args in (["session", "new", w, "--title", "Laboratorio 水の都", "--territory", "Trezzano",
                  "--date", "2021-07-27"],
                 ["session", "add-table", w, "T1"],
                 ["session", "pick", w, "--table", "T1", "EN-01", "EN-02"],
                 ["session", "comment", w, "--table", "T1", "EN-01", "--kind", "quote", "＝HYPERLINK(\"x\")"],
                 ["session", "propose", w, "--table", "T1", "--title", "＠cmd", "--cards", "EN-01,EN-02"]):
        run = run_here(*args)
        assert run.returncode == 0, run.output
    return w


@pytest.fixture(scope="module")
def compared(tmp_path_factory, hostile_workshop):
    """`compare` of the hostile workshop, run once for the module: (run, report folder)."""
    out = tmp_path_factory.mktemp("compared") / "report"
    return run_here("compare", hostile_workshop, "-o", out), out


def test_full_width_formula_starts_are_neutralised_in_workshop_and_comparison_csvs(tmp_path, hostile_workshop,
                                                                                   compared):
    run = run_here("export", hostile_workshop, "--format", "csv", "-o", tmp_path / "export")
    assert run.returncode == 0, run.output
    comments = _csv_rows(tmp_path / "export" / "comments.csv")
    assert any(cell == "'＝HYPERLINK(\"x\")" for row in comments for cell in row), comments
    proposals = _csv_rows(tmp_path / "export" / "proposals.csv")
    assert any(cell == "'＠cmd" for row in proposals for cell in row), proposals
    run, report = compared
    assert run.returncode == 0, run.output
    cells = [cell for p in report.glob("*.csv") for row in _csv_rows(p) for cell in row]
    assert "'＠cmd" in cells and not any(cell.startswith("＠") for cell in cells)


def test_compare_pdf_never_prints_silent_boxes(compared):
    import pypdfium2 as pdfium

    run, report = compared
    assert run.returncode == 0, run.output
    assert re.search(r"warning: report\.pdf: its fonts have no glyph for 水 U\+6C34 .*の U\+306E.*都 U\+90FD.*"
                     r"prints each as \ufffd", run.stderr), run.stderr
    doc = pdfium.PdfDocument(str(report / "report.pdf"))
    try:
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "水" not in text and "Laboratorio \ufffd\ufffd\ufffd" in text
    assert "report.pdf: its fonts have no glyph" in text.replace("\r", "").replace("\n", " ")  # the PDF says so too
    assert "Laboratorio 水の都" in (report / "report.html").read_text(encoding="utf-8")
