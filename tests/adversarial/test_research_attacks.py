"""Issue 10 from the researcher's side (export, import, compare, proposals) and a sweep of the whole command line
for "never exit 3": the cases that broke, through the real command line, with the folder byte-compared.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import _CONFIG, ROOT, run_here

from .conftest import assert_unchanged, tree

WORKSHOP = ROOT / "examples" / "trezzano-2021-09-28.db"
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE_NAME = "a\x1b]0;owned\x07\x1b[2J\u202eb"  # sets the terminal's title, clears it, turns text around
LONG_NAME = "x" * 10_000


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(WORKSHOP, folder / "W.db")
    shutil.copy(ROOT / "decks" / "energy.yaml", folder / "deck.yaml")
    return folder


def test_compare_takes_a_file_given_twice_or_through_a_link_once(work: Path) -> None:
    # It used to call the file "copies of the same workshop" and advise merging it with itself (exit 1).
    (work / "link.db").symlink_to(work / "W.db")
    before = tree(work)
    run = run_here("compare", "W.db", "W.db", "link.db", "-o", "report", cwd=work)
    assert run.returncode == 0, run.stderr
    assert "compared 1 workshop," in run.stdout
    assert "warning: W.db is given twice; it is compared once" in run.stderr
    assert "warning: link.db is the same file as W.db; it is compared once" in run.stderr
    assert {k: v for k, v in tree(work).items() if not k.startswith("report")} == before  # only the report is new


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder on a read-only file system (EROFS), which even root cannot write."""
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        pytest.skip("mounting a read-only tmpfs needs root on Linux")
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_new_workshop_files_on_a_read_only_disk_are_a_clear_error(work: Path, read_only: Path) -> None:
    # Removing the leftovers of the failed attempt failed with EROFS too, and that hid the error: exit 3.
    run_here("export", "W.db", "-o", "exp", cwd=work)
    before = tree(work)
    runs = [run_here("import", "exp/workshop.json", "-o", read_only / "i.db", cwd=work),
            run_here("merge", "W.db", "-o", read_only / "m.db", cwd=work),
            run_here("session", "copy", "W.db", read_only / "c.db", cwd=work),
            run_here("session", "new", read_only / "n.db", "--title", "T", "--territory", "Z", "--date",
                     "2024-01-02", "--decks", ROOT / "decks", "--criteria", ROOT / "decks" / "criteria.yaml",
                     cwd=work)]
    for run, name in zip(runs, ["i.db", "m.db", "c.db", "n.db"], strict=False):
        assert run.returncode == 1, run.stderr
        assert f"{read_only / name}: the disk is read-only" in run.stderr, run.stderr
    assert list(read_only.iterdir()) == []
    assert_unchanged(before, work)


@pytest.mark.parametrize("args", [
    ["validate", LONG_NAME], ["list", LONG_NAME], ["export-csv", LONG_NAME, "-o", "o.csv"],
    ["import-csv", LONG_NAME, "-o", "n.yaml"], ["validate", "deck.yaml", "--layout", LONG_NAME],
], ids=["validate", "list", "export-csv", "import-csv", "validate-layout"])
def test_a_file_name_too_long_is_a_bad_argument(work: Path, args: list[str]) -> None:
    # ENAMETOOLONG from a file test (Path.exists) was an internal error, exit 3.
    before = tree(work)
    run = run_here(*args, cwd=work)
    assert run.returncode == 2, run.stderr
    assert "cardengine: error: a file name is too long (100" in run.stderr
    assert_unchanged(before, work)


@pytest.mark.parametrize("args", [
    ["validate", HOSTILE_NAME], ["list", HOSTILE_NAME], ["validate", "deck.yaml", "--layout", HOSTILE_NAME],
    ["import-csv", HOSTILE_NAME, "-o", "n.yaml"], ["compare", "W.db", "-o", "r", "--by", HOSTILE_NAME],
    ["export-csv", "deck.yaml", "-o", HOSTILE_NAME + ".csv"], ["export", "W.db", "-o", HOSTILE_NAME],
], ids=["validate", "list", "layout", "import-csv", "argparse", "export-csv", "export"])
def test_control_characters_in_arguments_are_never_sent_raw(work: Path, args: list[str]) -> None:
    # File names and argparse's "invalid choice" echoed \x1b, \x07 and \u202e raw to the terminal.
    run = run_here(*args, cwd=work)
    assert run.returncode != 3, run.stderr
    out = run.stdout + run.stderr
    assert not RAW_CONTROL.search(out), out
    assert r"a\x1b]0;owned\x07\x1b[2J\u202eb" in out


def test_proposals_onto_another_workshops_proposals_names_it(work: Path) -> None:
    # The refusal said the deck "was not written by `cardengine proposals`", which it was (for another workshop).
    shutil.copy(ROOT / "examples" / "abbiategrasso-2022-05-18.db", work / "A.db")
    assert run_here("proposals", "A.db", "-o", "p.yaml", cwd=work).returncode == 0
    before = tree(work)
    run = run_here("proposals", "W.db", "-o", "p.yaml", cwd=work)
    assert run.returncode == 1
    assert "p.yaml holds the proposals of another workshop (id " in run.stderr
    assert "--force" in run.stderr
    assert_unchanged(before, work)
    assert run_here("proposals", "W.db", "-o", "p.yaml", "--force", cwd=work).returncode == 0
    assert run_here("proposals", "W.db", "-o", "p.yaml", cwd=work).returncode == 0  # now its own: replaced


@pytest.mark.parametrize("args, code, message", [
    (["import", "/dev/zero", "-o", "i.db"], 1, "/dev/zero is not a regular file"),  # was read without end
    (["import", ".", "-o", "i.db"], 1, ". is not a regular file"),
    (["tui", "W.db", "--table", ""], 2, "--table: the table name is empty"),  # the app opened anyway
    (["tui", "W.db", "--table", "a\x1bb"], 2, r"holds the control character \x1b"),  # Textual traceback, exit 0
], ids=["import-dev-zero", "import-folder", "tui-empty-table", "tui-control-table"])
def test_hostile_arguments_that_hung_or_crashed(work: Path, args: list[str], code: int, message: str) -> None:
    before = tree(work)
    run = run_here(*args, cwd=work)
    assert run.returncode == code, run.stderr
    assert message in run.stderr
    assert_unchanged(before, work)


@pytest.mark.parametrize("bom", ["--bom", "--no-bom"])
def test_data_written_to_standard_output_is_byte_for_byte_what_a_file_gets(tmp_path, bom):
    # The terminal guard escapes control characters in messages; a CSV or schema on stdout is data (its BOM and
    # CRLF line ends must arrive as they are, e.g. `export-csv deck.yaml > deck.csv`).
    env = {**os.environ, "XDG_CONFIG_HOME": _CONFIG}
    piped = subprocess.run([sys.executable, "-m", "cardengine", "export-csv", "decks/energy.yaml", bom], cwd=ROOT,
                           env=env, capture_output=True, check=True).stdout
    subprocess.run([sys.executable, "-m", "cardengine", "export-csv", "decks/energy.yaml", bom, "-o",
                    tmp_path / "energy.csv"], cwd=ROOT, env=env, capture_output=True, check=True)
    assert piped == (tmp_path / "energy.csv").read_bytes()
    assert b"\r\n" in piped and piped.startswith(b"\xef\xbb\xbf") == (bom == "--bom")
    schema = subprocess.run([sys.executable, "-m", "cardengine", "schema", "deck"], cwd=ROOT, env=env,
                            capture_output=True, check=True).stdout
    assert schema.decode("utf-8") == (ROOT / "cardengine" / "schemas" / "deck.schema.json").read_text("utf-8")
