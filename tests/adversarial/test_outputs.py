"""Issue 10, deliverables 1 and 5: no command writes over a file it does not own, and every run writes all
its files or none (full disk, read-only folder), with the user's usual file modes.

Every test drives the real command line on real files and byte-compares the folder before and after.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import _CONFIG, ROOT, SMALL_DECK, Run, run_cli, run_here

from .conftest import assert_unchanged, tree

EXAMPLES = sorted((ROOT / "examples").glob("*.db"))
WORKSHOP = ROOT / "examples" / "trezzano-2021-09-28.db"  # has proposals
OTHER_WORKSHOP = ROOT / "examples" / "abbiategrasso-2022-05-18.db"


def run_umask(umask: int, *args: str | Path, cwd: Path = ROOT) -> Run:
    """The real command under a given umask, as a shell with `umask 022` would run it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "XDG_CONFIG_HOME": _CONFIG}
    proc = subprocess.run([sys.executable, "-m", "cardengine", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, preexec_fn=lambda: os.umask(umask))
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def error_lines(run: Run) -> list[str]:
    return [line for line in run.stderr.splitlines() if line.startswith("cardengine: error:")]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with a workshop that has proposals (P.db), another workshop (W.db) and a hand-written deck."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(WORKSHOP, folder / "P.db")
    shutil.copy(OTHER_WORKSHOP, folder / "W.db")
    (folder / "decks").mkdir()
    shutil.copy(ROOT / "decks" / "energy.yaml", folder / "decks" / "energy.yaml")
    (folder / "water.yaml").write_text(SMALL_DECK, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- proposals -o

@pytest.mark.parametrize("force", [[], ["--force"]])
def test_proposals_onto_its_own_workshop_is_refused(work: Path, force: list[str]) -> None:
    before = tree(work)
    run = run_here("proposals", work / "P.db", "-o", work / "P.db", *force)
    assert run.returncode == 1, run.output
    assert error_lines(run) == [f"cardengine: error: {work / 'P.db'} is an input of this command; it was left "
                                "untouched: write the output to another file"]
    assert_unchanged(before, work)


def test_proposals_onto_another_workshop_is_refused_even_with_force(work: Path) -> None:
    # Recognised by content: a workshop file renamed to .yaml is still a workshop file.
    name = "notes.yaml"
    os.replace(work / "W.db", work / name)
    before = tree(work)
    for force in ([], ["--force"]):
        run = run_here("proposals", work / "P.db", "-o", work / name, *force)
        assert run.returncode == 1, run.output
        assert f"{work / name} is a workshop file; it was left untouched" in run.stderr
        assert "no option replaces it" in run.stderr
        assert_unchanged(before, work)


def test_proposals_through_a_link_to_the_workshop_is_refused(work: Path) -> None:
    os.symlink(work / "P.db", work / "link.yaml")
    os.link(work / "P.db", work / "hard.yaml")
    before = tree(work)
    for name in ("link.yaml", "hard.yaml"):
        run = run_here("proposals", work / "P.db", "-o", work / name, "--force")
        assert run.returncode == 1, run.output
        assert f"{work / name} is an input of this command (the same file as {work / 'P.db'})" in run.stderr
    assert_unchanged(before, work)


def test_proposals_does_not_replace_a_hand_written_deck(work: Path) -> None:
    deck = work / "decks" / "energy.yaml"
    before = tree(work)
    run = run_here("proposals", work / "P.db", "-o", deck)
    assert run.returncode == 1, run.output
    assert error_lines(run) == [f"cardengine: error: {deck} already exists and was not written by `cardengine "
                                "proposals`; it was left untouched: choose another file name, or add --force "
                                "to replace it"]
    assert_unchanged(before, work)
    forced = run_here("proposals", work / "P.db", "-o", deck, "--force")
    assert forced.returncode == 0, forced.output
    assert "cardengine proposals" in deck.read_text(encoding="utf-8").splitlines()[1]


def test_proposals_replaces_its_own_output_but_not_another_workshops(work: Path) -> None:
    out = work / "decks" / "proposals-trezzano.yaml"
    first = run_here("proposals", work / "P.db", "-o", out)
    assert first.returncode == 0, first.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# yaml-language-server:")  # editors still find the schema on the first line
    assert lines[1].startswith("# made by `cardengine proposals` from workshop ")
    assert run_here("validate", out).returncode == 0
    again = run_here("proposals", work / "P.db", "-o", out)
    assert again.returncode == 0, again.output
    # The same file name from another workshop: not this workshop's output.
    before = tree(work)
    other = run_here("proposals", work / "W.db", "-o", out)
    assert other.returncode == 1, other.output
    assert "holds the proposals of another workshop" in other.stderr
    assert_unchanged(before, work)


# ---------------------------------------------------------------- export-csv -o, import-csv -o

@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_csv_onto_a_workshop_is_refused(work: Path, force: list[str]) -> None:
    before = tree(work)
    run = run_here("export-csv", work / "decks" / "energy.yaml", "-o", work / "W.db", *force)
    assert run.returncode == 1, run.output
    assert error_lines(run) == [f"cardengine: error: {work / 'W.db'} is a workshop file; it was left untouched: "
                                "choose another file name for the output (no option replaces it)"]
    assert_unchanged(before, work)


def test_a_hostile_file_name_is_shown_not_obeyed(work: Path) -> None:
    name = "a\nb\x1b[31mred.yaml"  # a newline and a terminal colour escape
    os.replace(work / "W.db", work / name)
    before = tree(work)
    run = run_here("export-csv", work / "water.yaml", "-o", work / name)
    assert run.returncode == 1, run.output
    assert run.stderr.splitlines() == [f"cardengine: error: {work}/a\\nb\\x1b[31mred.yaml is a workshop file; it "
                                       "was left untouched: choose another file name for the output (no option "
                                       "replaces it)"]
    assert_unchanged(before, work)


def test_export_csv_onto_its_own_deck_is_refused(work: Path) -> None:
    deck = work / "decks" / "energy.yaml"
    os.link(deck, work / "hard.csv")
    before = tree(work)
    for target in (deck, work / "hard.csv"):
        run = run_here("export-csv", deck, "-o", target, "--force")
        assert run.returncode == 1, run.output
        assert f"{target} is an input of this command" in run.stderr
    assert_unchanged(before, work)


def test_export_csv_replaces_a_card_csv_but_not_another_file(work: Path) -> None:
    deck = work / "water.yaml"
    assert run_here("export-csv", deck, "-o", work / "cards.csv", "--delimiter", "semicolon").returncode == 0
    again = run_here("export-csv", deck, "-o", work / "cards.csv")  # its own kind of file
    assert again.returncode == 0, again.output
    (work / "notes.csv").write_text("date,what\n2021-09-28,kick-off\n", encoding="utf-8")
    before = tree(work)
    run = run_here("export-csv", deck, "-o", work / "notes.csv")
    assert run.returncode == 1, run.output
    assert "notes.csv already exists and was not written by `cardengine export-csv`" in run.stderr
    assert "add --force to replace it" in run.stderr
    assert_unchanged(before, work)


@pytest.mark.parametrize("target", ["W.db", "cards.csv"])
def test_import_csv_onto_a_workshop_or_its_own_csv_is_refused(work: Path, target: str) -> None:
    (work / "cards.csv").write_text("id,title.en,scale,cost,horizon,sdgs\n", encoding="utf-8")
    before = tree(work)
    run = run_here("import-csv", work / "cards.csv", "-o", work / target)
    assert run.returncode == 1, run.output
    why = "is a workshop file" if target == "W.db" else "is an input of this command"
    assert error_lines(run)[0].startswith(f"cardengine: error: {work / target} {why}; it was left untouched")
    assert_unchanged(before, work)


def test_import_csv_into_an_existing_deck_keeps_its_mode_and_its_link(work: Path) -> None:
    # Replacing the cards of an existing deck is import-csv's purpose; the deck keeps its mode (0644 under a
    # umask of 077 too), and a deck reached through a link stays a link. A new file under 077 is private.
    deck = work / "water.yaml"
    assert run_umask(0o077, "export-csv", deck, "-o", work / "cards.csv").returncode == 0
    assert mode(work / "cards.csv") == 0o600
    deck.chmod(0o644)
    os.symlink("water.yaml", work / "linked.yaml")
    run = run_umask(0o077, "import-csv", work / "cards.csv", "-o", work / "linked.yaml")
    assert run.returncode == 0, run.output
    assert (work / "linked.yaml").is_symlink()
    assert mode(deck) == 0o644
    assert sorted(p.name for p in work.iterdir()) == ["P.db", "W.db", "cards.csv", "decks", "linked.yaml",
                                                      "water.yaml"]


def test_outputs_that_are_not_files_are_usage_errors(work: Path) -> None:
    before = tree(work)
    folder = run_here("export-csv", work / "water.yaml", "-o", work / "decks")
    assert folder.returncode == 2, folder.output
    assert f"{work / 'decks'} is a folder; give the name of a file to write" in folder.stderr
    device = run_here("export-csv", work / "water.yaml", "-o", "/dev/null")  # was renamed over /dev/null as root
    assert device.returncode == 2, device.output
    assert "/dev/null is not a regular file" in device.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    for command in (["build", work / "water.yaml"], ["export", work / "P.db"]):
        run = run_here(*command, "-o", work / "W.db")  # a folder output onto a file: was an internal error
        assert run.returncode == 2, run.output
        assert f"{work / 'W.db'} is a file, not a folder; choose another output path" in run.stderr
    assert_unchanged(before, work)


# ---------------------------------------------------------------- folders: build, preview, export, compare

def test_build_does_not_write_over_a_workshop_or_an_input_with_its_names(work: Path) -> None:
    out = work / "out"
    out.mkdir()
    shutil.copy(WORKSHOP, out / "water-poker-it-a4.pdf")
    before = tree(work)
    run = run_here("build", work / "water.yaml", "-o", out)
    assert run.returncode == 1, run.output
    assert f"{out / 'water-poker-it-a4.pdf'} is a workshop file; it was left untouched" in run.stderr
    assert_unchanged(before, work)
    (out / "water-poker-it-a4.pdf").unlink()
    os.symlink(work / "water.yaml", out / "water-poker-it-a4.pdf")
    before = tree(work)
    run = run_here("build", work / "water.yaml", "-o", out)
    assert run.returncode == 1, run.output
    assert "is an input of this command (the same file as" in run.stderr
    assert_unchanged(before, work)


def test_two_decks_with_one_id_do_not_print_over_each_other(work: Path) -> None:
    # Both would print to water-poker-it-a4.pdf: the second used to replace the first, with exit 0.
    (work / "water-2.yaml").write_text(SMALL_DECK.replace("WT-", "WX-"), encoding="utf-8")
    before = tree(work)
    run = run_here("build", work / "water.yaml", work / "water-2.yaml", "-o", work / "out")
    assert run.returncode == 1, run.output
    assert "are both deck 'water', so their files would have the same name; give one of them another id" \
        in run.stderr
    assert_unchanged(before, work)


def test_preview_does_not_write_over_a_cards_own_image(work: Path) -> None:
    from PIL import Image

    folder = work / "photo"
    folder.mkdir()
    (folder / "water.yaml").write_text(SMALL_DECK.replace("    sdgs: [6, 13]\n",
                                                          "    sdgs: [6, 13]\n    image: WT-01-front.png\n", 1),
                                       encoding="utf-8")
    Image.new("RGB", (800, 200), "#3080c0").save(folder / "WT-01-front.png")
    before = tree(work)
    run = run_here("preview", folder / "water.yaml", "--layout", "poker-photo", "--cards", "WT-01", "--no-sheet",
                   "-o", folder)
    assert run.returncode == 1, run.output
    assert f"{folder / 'WT-01-front.png'} is an input of this command" in run.stderr
    assert_unchanged(before, work)


def test_preview_of_an_unknown_card_writes_nothing(work: Path) -> None:
    before = tree(work)
    run = run_here("preview", work / "water.yaml", "--cards", "WT-01,WT-77", "--no-sheet", "-o", work / "pics")
    assert run.returncode == 1, run.output
    assert "no card with id WT-77" in run.stderr
    assert_unchanged(before, work)


def test_export_does_not_write_over_its_workshop(work: Path) -> None:
    out = work / "out"
    out.mkdir()
    os.link(work / "P.db", out / "workshop.json")
    before = tree(work)
    run = run_here("export", work / "P.db", "-o", out)
    assert run.returncode == 1, run.output
    assert f"{out / 'workshop.json'} is an input of this command (the same file as {work / 'P.db'})" in run.stderr
    assert_unchanged(before, work)


def test_compare_does_not_write_over_a_workshop_with_its_names(work: Path) -> None:
    out = work / "report"
    out.mkdir()
    shutil.copy(OTHER_WORKSHOP, out / "report.html")
    before = tree(work)
    run = run_here("compare", work / "P.db", work / "W.db", "-o", out)
    assert run.returncode == 1, run.output
    assert f"{out / 'report.html'} is a workshop file; it was left untouched" in run.stderr
    assert_unchanged(before, work)


# ---------------------------------------------------------------- a full disk: all or none

def _fill(small_disk, leave: int) -> None:
    """On tmpfs, take all but `leave` bytes of the free space (a file-size limit needs no filling)."""
    if small_disk.tmpfs:
        st = os.statvfs(small_disk.path)
        (small_disk.path / "filler").write_bytes(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))


def _disk_full(run: Run, small_disk) -> None:
    assert run.returncode == 1, run.output
    cause = "disk full" if small_disk.tmpfs else "file too large for the disk or the file size limit"
    lines = error_lines(run)
    assert len(lines) == 1 and f": {cause} (" in lines[0] and lines[0].endswith("; nothing was written"), run.stderr
    assert "internal error" not in run.stderr


def test_build_of_the_bundled_decks_on_a_full_disk_writes_none(small_disk, tmp_path: Path) -> None:
    # The last deck prints large enough to pass any one-file limit; the ones before it fit.
    decks = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", decks)
    welfare = decks / "welfare.yaml"
    welfare.write_text(welfare.read_text(encoding="utf-8").replace("    sdgs:", "    quantity: 4\n    sdgs:"),
                       encoding="utf-8")
    out = small_disk.path / "out"
    out.mkdir()
    (out / "energy-poker-it-a4.pdf").write_bytes(b"%PDF-1.4 the copy printed last week\n")
    before = tree(small_disk.path)
    run = small_disk.run("build", decks, "-o", out)
    _disk_full(run, small_disk)
    assert "cannot write " + str(out) in run.stderr
    assert_unchanged(before, small_disk.path)  # no 0-byte PDF, no PDFs of the decks before it, last week's kept


@pytest.mark.disk_free(8 * 1024)
def test_build_on_a_full_disk_leaves_no_new_folder(small_disk, small_deck: Path) -> None:
    _fill(small_disk, leave=4 * 1024)
    before = tree(small_disk.path)
    run = small_disk.run("build", small_deck, "--sheet", "none", "-o", small_disk.path / "new" / "out")
    _disk_full(run, small_disk)
    assert_unchanged(before, small_disk.path)


def test_compare_on_a_full_disk_writes_none(small_disk) -> None:
    out = small_disk.path / "report"
    run = small_disk.run("compare", *EXAMPLES, "-o", out)
    _disk_full(run, small_disk)
    assert tree(small_disk.path) == {}  # no CSVs without their report, no empty folder


def test_export_on_a_full_disk_writes_none(small_disk) -> None:
    out = small_disk.path / "export"
    out.mkdir()
    (out / "workshop.json").write_text('{"old": true}', encoding="utf-8")
    before = tree(small_disk.path)
    run = small_disk.run("export", WORKSHOP, "-o", out)
    _disk_full(run, small_disk)
    assert f"cannot write {out / 'workshop.json'}: " in run.stderr
    assert_unchanged(before, small_disk.path)


@pytest.mark.disk_free(16 * 1024)
def test_export_csv_on_a_full_disk_keeps_the_old_file(small_disk) -> None:
    target = small_disk.path / "cards.csv"
    target.write_bytes(b"\xef\xbb\xbfid,title.it,title.en,scale,cost,horizon,sdgs,tags\r\n")
    _fill(small_disk, leave=8 * 1024)
    before = tree(small_disk.path)
    run = small_disk.run("export-csv", ROOT / "decks" / "energy.yaml", "-o", target)
    _disk_full(run, small_disk)
    assert f"cannot write {target}: " in run.stderr
    assert_unchanged(before, small_disk.path)


def test_a_folder_that_cannot_be_written_is_named_with_its_cause(tmp_path: Path) -> None:
    # Root writes into any folder, so as root the folder is a read-only mount; otherwise a folder without w.
    folder = tmp_path / "ro"
    folder.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                                                   capture_output=True).returncode == 0
    if not mounted:
        if os.geteuid() == 0:
            pytest.skip("cannot mount a read-only tmpfs here")
        folder.chmod(0o555)
    try:
        run = run_here("export-csv", ROOT / "decks" / "energy.yaml", "-o", folder / "cards.csv")
        assert tree(folder) == {}
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        folder.chmod(0o755)
    assert run.returncode == 1, run.output
    cause = "read-only file system" if mounted else "permission denied"
    assert error_lines(run) == [f"cardengine: error: cannot write {folder / 'cards.csv'}: {cause} (write to "
                                "another folder" + (")" if mounted else " you may write to)") +
                                "; nothing was written"]


def test_a_write_protected_file_is_not_replaced(work: Path) -> None:
    target = work / "cards.csv"
    target.write_text("id,title.en,scale,cost,horizon,sdgs\n", encoding="utf-8")
    target.chmod(0o444)
    before = tree(work)
    run = run_here("export-csv", work / "water.yaml", "-o", target, "--force")
    assert run.returncode == 1, run.output
    assert f"{target} is write-protected; it was left untouched: make it writable (chmod u+w)" in run.stderr
    assert_unchanged(before, work)


def test_the_write_ahead_log_of_an_open_workshop_is_never_an_output(work: Path) -> None:
    import sqlite3

    # A note-taker's app has the workshop open: its last actions are in P.db-wal, not yet in P.db.
    conn = sqlite3.connect(work / "P.db", isolation_level=None)
    try:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("INSERT INTO meta VALUES ('note', 'only in the log')")
        before = tree(work)
        for name in ("P.db-wal", "P.db-shm"):
            run = run_cli("proposals", work / "P.db", "-o", work / name, "--force")
            assert run.returncode == 1, run.output
            assert f"{work / name} is the " in run.stderr and "no option replaces it" in run.stderr
        assert_unchanged(before, work)
    finally:
        conn.close()


# `python -m cardengine ARGS` that presses Ctrl+C on itself (a real SIGINT, handled as the command handles it) the
# moment it opens a file in the folder given first to write it: the PDF's content, not the empty temporary.
CTRL_C_WHILE_WRITING = r"""
import os, runpy, signal, sys
folder = os.path.realpath(sys.argv.pop(1))
pressed = []

def press_ctrl_c(event, args):
    if (event == "open" and not pressed and isinstance(args[0], (str, bytes, os.PathLike))
            and isinstance(args[1], str) and "w" in args[1]
            and os.path.dirname(os.path.realpath(os.fsdecode(args[0]))) == folder):
        pressed.append(args[0])
        os.kill(os.getpid(), signal.SIGINT)

sys.addaudithook(press_ctrl_c)
runpy.run_module("cardengine", run_name="__main__", alter_sys=True)
"""


def test_ctrl_c_during_a_build_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "XDG_CONFIG_HOME": _CONFIG}
    # All the bundled decks, one card a page: the interrupt comes while the first PDF is written, the rest to follow,
    # however fast or loaded the machine (no polling for the temporary file from here).
    # Ctrl+C as in a terminal: pytest started in the background (`pytest &` in a script, nohup) ignores SIGINT,
    # its children inherit that, and the build ran to the end with exit 0.
    proc = subprocess.Popen([sys.executable, "-c", CTRL_C_WHILE_WRITING, out, "build", ROOT / "decks",
                             "--sheet", "none", "-o", out],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert tree(tmp_path) == {}


def test_a_failed_rename_puts_back_the_files_already_replaced(tmp_path: Path) -> None:
    # All or none even when the last rename fails (here: its name became a folder meanwhile).
    from cardengine.outputs import OutputError, OutputSet

    (tmp_path / "a.csv").write_text("old a", encoding="utf-8")
    with pytest.raises(OutputError, match=r"cannot write .*b\.csv: "), OutputSet() as out:
        out.write(tmp_path / "a.csv", b"new a")
        out.write(tmp_path / "b.csv", b"new b")
        (tmp_path / "b.csv").mkdir()
        (tmp_path / "b.csv" / "keep").write_text("x", encoding="utf-8")
    assert tree(tmp_path) == {"a.csv": b"old a", "b.csv/": "dir", "b.csv/keep": b"x"}


# ---------------------------------------------------------------- modes: the umask, not 0600

def test_new_files_get_the_umask_mode(work: Path) -> None:
    out = work / "new"
    runs = [
        ("export-csv", work / "water.yaml", "-o", out / "cards.csv"),
        ("import-csv", out / "cards.csv", "-o", out / "deck.yaml", "--deck-id", "w2", "--name", "en=W",
         "--name", "it=A", "--colour", "#112233"),
        ("proposals", work / "P.db", "-o", out / "proposals.yaml"),
        ("export", work / "P.db", "--format", "yaml", "-o", out / "export"),
        ("build", work / "water.yaml", "-o", out / "pdf"),
        ("preview", work / "water.yaml", "--no-sheet", "--dpi", "30", "-o", out / "png"),
    ]
    for args in runs:
        run = run_umask(0o022, *args)
        assert run.returncode == 0, run.output
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) == 7
    assert {p.name: mode(p) for p in files} == {p.name: 0o644 for p in files}
