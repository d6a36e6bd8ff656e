from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "decks"

# A small valid deck that tests copy and then break in one place.
SMALL_DECK = """\
id: water
domain: water
name: {it: Acqua, en: Water}
colour: "#0072B2"
version: "1.0"
languages: [it, en]
licence: CC-BY-SA-4.0
authors: [Test team]
cards:
  - id: WT-01
    title: {it: Riuso delle acque piovane, en: Rainwater reuse}
    summary:
      it: Le aziende raccolgono la pioggia dei tetti per i servizi igienici.
      en: Companies collect roof rainwater for toilet flushing.
    description:
      it: Una cisterna interrata raccoglie l'acqua dei tetti dei capannoni e la rimanda ai servizi.
      en: An underground tank collects water from factory roofs and feeds it back to the toilets.
    actors:
      - {it: Aziende, en: Companies}
    scale: [company]
    cost: medium
    horizon: short
    sdgs: [6, 13]
  - id: WT-02
    title: {it: Giardini della pioggia, en: Rain gardens}
    summary:
      it: Aiuole ribassate lungo le strade trattengono l'acqua dei temporali.
      en: Sunken flower beds along streets hold back storm water.
    description:
      it: Il Comune sostituisce tratti di marciapiede con aiuole drenanti piantate a erbacee perenni.
      en: The municipality replaces stretches of pavement with draining beds of perennial plants.
    actors:
      - {it: Comune, en: Municipality}
    scale: [district, municipality]
    cost: medium
    horizon: medium
    sdgs: [11, 13]
"""


_CONFIG = tempfile.mkdtemp(prefix="cardengine-test-config-")

# The longest files, longest first: pytest-xdist (--dist loadfile --no-loadscope-reorder, see pyproject) hands
# files to the workers in collection order, so these start first and the short ones fill the gaps at the end.
# (By default it hands them out by number of tests, which sent the one-test terminal run, the longest file,
# last: one worker ran it alone while the other waited.) Add a new file here if it takes over 5 s on 2 cores.
# Order measured on a full run (3 workers on 2 cores; files under adversarial/ named with their folder).
SLOW_FIRST = ["test_tui_e2e.py", "test_browser_polls.py", "test_print_look.py", "test_tui_scoring.py",
              "test_tui_scanner.py", "test_tui_memory.py", "test_tui.py", "adversarial/test_inputs.py",
              "test_tui_language.py", "test_tui_trial.py", "adversarial/test_app_words.py", "test_tui_sync.py",
              "test_serve_polls.py", "adversarial/test_compare_hostile.py", "test_sync_tui.py",
              "test_tui_french_trial.py", "test_undo_property.py", "test_tui_entry.py", "test_spreadsheet.py",
              "test_serve_live.py", "test_datapackage.py", "test_print_design.py", "adversarial/test_templates.py",
              "adversarial/test_outputs.py", "test_first_use.py", "test_compare_fast_read.py",
              "adversarial/test_store.py", "test_compare_report.py", "test_cli_languages.py", "test_app_languages.py",
              "test_serve_screen.py", "test_build_perf.py", "test_tui_refresh.py", "test_cli_french_trial.py",
              "test_serve_security.py", "test_examples.py"]


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than the cores. A fifth of the suite's time is waiting, not computing (a terminal
    run typed at a person's pace, servers and browsers answering, Pilot waiting for the app to be idle), and a
    spare worker computes meanwhile."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1


def pytest_configure(config: pytest.Config) -> None:
    _temp_in_memory(config)
    _keep_bytecode_for_the_run()


def _temp_in_memory(config: pytest.Config) -> None:
    # Every recorded action is committed with fsync (SQLite synchronous=FULL, as the engine must): 2-5 ms each
    # on a virtual disk, thousands of them in the suite. Under a memory file system (/dev/shm, when it has room)
    # fsync costs nothing and everything else (files, modes, links, renames, kill -9) behaves the same; the
    # full-disk tests mount their own small file system. pytest keeps its usual numbered folders (the last 3
    # runs) there. --basetemp, or PYTEST_DEBUG_TEMPROOT, still choose.
    shm = Path("/dev/shm")
    if config.option.basetemp or os.environ.get("PYTEST_DEBUG_TEMPROOT") or not shm.is_dir():
        return
    try:
        st = os.statvfs(shm)
        roomy = st.f_bavail * st.f_frsize >= 2 * 1024**3 and os.access(shm, os.W_OK | os.X_OK)
    except OSError:
        roomy = False
    if roomy:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(shm)


def _keep_bytecode_for_the_run() -> None:
    """With PYTHONDONTWRITEBYTECODE set (as on the machines these sessions run on), every process compiles every
    module it imports from source: each xdist worker's collection (14 of its 20 s) and each `python -m cardengine`
    the tests start (0.3-1 s of a build's 0.5-1.5 s). The tests keep bytecode in a folder of the environment
    instead (PYTHONPYCACHEPREFIX, inherited by the workers and every child): nothing is written beside the
    sources, as the setting wants, and the next run finds it compiled (a module changed since is compiled again:
    the bytecode records its source's time and size). A prefix set by the user is kept."""
    if not sys.dont_write_bytecode or os.environ.get("PYTHONPYCACHEPREFIX"):
        return
    prefix = _bytecode_folder()
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.pycache_prefix = str(prefix)
    sys.dont_write_bytecode = False


def _bytecode_folder() -> Path:
    """The virtual environment's own folder when the tests run in one (it goes with the environment), else the
    user's temporary folder."""
    for base in (Path(sys.prefix), Path(tempfile.gettempdir())):
        folder = base / f"cardengine-test-pycache-{os.getuid()}"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK | os.X_OK) and folder.stat().st_uid == os.getuid():
            return folder
    return Path(tempfile.mkdtemp(prefix="cardengine-test-pycache-"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    tests = Path(__file__).resolve().parent
    # A stable sort: each file stays whole and in its own order; files not listed keep theirs, after these.
    items.sort(key=lambda item: rank.get(item.path.relative_to(tests).as_posix(), len(rank)))


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | Path, cwd: Path = ROOT, input: str | None = None) -> Run:
    """Run the real `cardengine` command in a child process, as a user would."""
    # A private config folder: tests never read or write the user's settings.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "XDG_CONFIG_HOME": _CONFIG,
           "CARDENGINE_LANG": "en"}  # the messages the tests read, whatever the machine's locale
    proc = subprocess.run([sys.executable, "-m", "cardengine", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, input=input, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)


def run_here(*args: str | Path, cwd: Path = ROOT, input: str | None = None) -> Run:
    """Run the real `cardengine` command (`cardengine.cli.main.main`) in this process: the same parser, commands,
    messages and exit codes as `run_cli`, without starting Python again (0.3-1 s a call). For tests of what a
    command does and says; tests of the process itself (start-up, imports, signals, several processes on one
    workshop file) use `run_cli`. See tests/cli_here.py for what is set up and put back around each call."""
    from .cli_here import run_in_process

    code, out, err = run_in_process([str(a) for a in args], cwd=cwd, input=input,
                                    env={"PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "XDG_CONFIG_HOME": _CONFIG,
                                         "CARDENGINE_LANG": "en"})
    assert "Traceback" not in err, err
    return Run(code, out, err)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def cmd():
    """`run_here`: the command in this process, for tests of what it does and says."""
    return run_here


@pytest.fixture
def small_deck(tmp_path: Path) -> Path:
    path = tmp_path / "water.yaml"
    path.write_text(SMALL_DECK, encoding="utf-8")
    return path


def _quicker_pilot() -> None:
    """Pilot waits after each key until the process is idle, judged by 20 ms sleeps in which it used under 1 ms of
    CPU: two or more such sleeps a key, most of a typed word's time. Judged over 5 ms sleeps (same ratio), a key
    costs 80 ms instead of 180 ms. textual is pinned exactly (pyproject), so these names are stable; an upgrade
    that drops them fails here."""
    import textual._wait as wait

    assert isinstance(wait.SLEEP_GRANULARITY, float) and isinstance(wait.SLEEP_IDLE, float)
    wait.SLEEP_GRANULARITY = 0.005
    wait.SLEEP_IDLE = wait.SLEEP_GRANULARITY / 20


_quicker_pilot()
