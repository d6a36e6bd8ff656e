"""`run_here` (the command in the test's process) says and returns exactly what `run_cli` (a real process) does,
and leaves nothing behind: the tests that use it would otherwise test something else than a user runs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cardengine.sessions import Workshop, WorkshopInfo

from .conftest import SMALL_DECK, run_cli, run_here
from .tui_support import bundled


def cases(tmp_path: Path) -> list[tuple[str | Path, ...]]:
    good = tmp_path / "water.yaml"
    good.write_text(SMALL_DECK, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL_DECK.replace("sdgs: [6, 13]", "sdgs: [6, 19]").replace("cost: medium\n", "", 1),
                   encoding="utf-8")
    hostile = tmp_path / "a\x1b]0;pwned\x07\u202e.yaml"  # control characters in a name are shown escaped
    return [
        ("--version",),
        ("no-such-command",),  # argparse: usage on stderr, exit 2
        ("validate", good),
        ("validate", bad),  # problems named by file, line and field, exit 1
        ("validate", hostile),
        ("export-csv", good),  # the CSV on stdout, with its byte order mark and CRLF
        ("session", "show", tmp_path / "missing.db"),
        ("session", "new", tmp_path / "w.db", "--title", "Atelier", "--territory", "Trezzano", "--date", "nope"),
        ("layouts",),
    ]


def test_each_command_says_and_returns_the_same_as_a_real_process(tmp_path: Path):
    for args in cases(tmp_path):
        real, here = run_cli(*args), run_here(*args)
        assert (here.returncode, here.stdout, here.stderr) == (real.returncode, real.stdout, real.stderr), args
    assert {run_here(*args).returncode for args in cases(tmp_path)} >= {0, 1, 2}


def test_input_and_working_folder_are_the_commands_own(tmp_path: Path):
    (tmp_path / "water.yaml").write_text(SMALL_DECK, encoding="utf-8")
    args = ("validate", "water.yaml")
    real, here = run_cli(*args, cwd=tmp_path), run_here(*args, cwd=tmp_path)
    assert here.returncode == real.returncode == 0
    assert (here.stdout, here.stderr) == (real.stdout, real.stderr)


def test_nothing_is_left_behind(tmp_path: Path, small_deck: Path):
    before = (dict(os.environ), os.getcwd(), sys.stdin, sys.stdout, sys.stderr, list(sys.argv))
    umask = os.umask(0o022)
    os.umask(umask)
    assert run_here("build", small_deck, "-o", tmp_path / "out", cwd=tmp_path).returncode == 0
    assert run_here("no-such-command").returncode == 2
    assert (dict(os.environ), os.getcwd(), sys.stdin, sys.stdout, sys.stderr, list(sys.argv)) == before
    assert os.umask(umask) == umask


def test_a_deck_changed_at_the_same_path_is_read_again(small_deck: Path):
    assert run_here("validate", small_deck).returncode == 0
    small_deck.write_text(SMALL_DECK.replace("sdgs: [6, 13]", "sdgs: [6, 19]"), encoding="utf-8")
    run = run_here("validate", small_deck)
    assert run.returncode == 1 and "19" in run.output


def test_a_workshop_open_in_the_test_is_refused_not_shared(tmp_path: Path):
    path = tmp_path / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), *bundled()) as w:
        w.add_table("Nord")
        with pytest.raises(AssertionError, match="a workshop file is open in this process"):
            run_here("session", "show", path)
    assert run_here("session", "show", path).returncode == 0


def test_the_messages_language_a_command_chose_is_put_back(tmp_path):
    # CARDENGINE_LANG=it sets this process's messages' language for the command; left set, a later test's engine
    # errors came in Italian (a merge's refusal no longer matched "nothing was merged").
    from cardengine import i18n

    from .cli_here import run_in_process

    before = i18n.language()
    code, _out, err = run_in_process(["session", "show", str(tmp_path / "none.db")], cwd=tmp_path, input=None,
                                     env={"PYTHONIOENCODING": "utf-8", "CARDENGINE_LANG": "it"})
    assert code != 0 and "none.db non esiste" in err  # the command spoke Italian
    assert i18n.language() == before
