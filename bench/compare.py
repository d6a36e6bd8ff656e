"""Benchmark `cardengine compare` over many workshops (issue 13 target: 1,000 workshops by territory, with
bootstrap on, in < 10 s and < 500 MB on 2 cores, and within 2x the floor of reading every event).

Builds N workshop files (default 1,000: six tables each, 30 picks a table, every pick scored on the five
criteria by consensus, two proposals a table, spread over ten territories), then:

- measures the *floor*: reading and decoding every event of every file on one core (SQLite SELECT of every
  row + JSON decode of every payload, nothing else), wall and CPU time;
- runs the real command `cardengine compare DIR/*.db --by territory -o OUT` in a fresh process, reporting its
  wall time, the peak resident memory of that process and its children (the file readers), and the wall and
  CPU time of each phase (start: parsing the command; read, compare, report, csv, html, pdf; CPU counts the
  reader processes too);
- prints medians over the runs, the ratio of the command's wall time to the floor's, and the load average
  (the machine may be shared: CPU times are the steadier figures then).

    python bench/compare.py                      # build in a temporary folder, time, clean up
    python bench/compare.py --dir /tmp/w1000     # keep the files; a second run reuses them
    python bench/compare.py --workshops 100 --runs 3
    python bench/compare.py --bootstrap 1000     # pass --bootstrap to the command (when it has the flag)

Each workshop is created with the session engine (`Workshop.create`), then its actions are written as
one batch with `Store.insert` (the same events `Workshop.pick` and `Workshop.score` record) so building
a thousand files takes seconds rather than minutes of one-by-one durable commits.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cardengine.decks.load import load_paths  # noqa: E402
from cardengine.sessions.state import STAKEHOLDER_TYPES  # noqa: E402
from cardengine.sessions.store import Event  # noqa: E402
from cardengine.sessions.workshop import Workshop, WorkshopInfo  # noqa: E402

TERRITORIES = ["Trezzano sul Naviglio", "Abbiategrasso", "Milano periferie", "Corsico", "Rozzano", "Legnano",
               "Magenta", "Cesano Boscone", "Buccinasco", "Assago"]


def make_workshop(path: Path, index: int, decks, criteria, rng: random.Random, tables: int, picks: int) -> None:
    territory = TERRITORIES[index % len(TERRITORIES)]
    day = datetime(2021, 1, 1, 9, 30, tzinfo=UTC) + timedelta(days=index)
    info = WorkshopInfo(title=f"Bench workshop {index}", territory=territory, date=day.date().isoformat())
    cards = [c.id for d in decks for c in d.cards]
    domains = [d.domain for d in decks]
    with Workshop.create(path, info, decks, criteria) as w:
        origin = str(uuid.uuid4())
        clock = [day]
        events: list[Event] = []

        def add(kind: str, payload: dict, table: str | None) -> None:
            clock[0] += timedelta(seconds=1)
            events.append(Event(str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                                clock[0].isoformat(timespec="milliseconds"), origin, kind, table, payload))

        for t in range(tables):
            table = f"table-{t + 1}"
            add("table.added", {"table": table, "name": f"Table {t + 1}", "area": "", "note_taker": ""}, None)
            for p in range(4):
                add("participant.added", {"participant": f"t{t + 1}-p{p + 1}", "label": f"T{t + 1} P{p + 1}",
                                          "organisation": "", "stakeholder_type": rng.choice(STAKEHOLDER_TYPES)},
                    table)
            chosen = rng.sample(cards, picks)
            for card in chosen:
                add("pick", {"card": card, "kind": rng.choice(("selected", "selected", "favourite")), "round": 1},
                    table)
                for crit in criteria.criteria:
                    add("score", {"target": card, "criterion": crit.id, "value": rng.choice(crit.values),
                                  "by": "consensus"}, table)
            for ref in ("P1", "P2"):
                add("proposal.created", {"ref": ref, "title": f"Proposal {ref}", "description": "",
                                         "cards": [{"card": c, "how": ""} for c in rng.sample(chosen, 2)],
                                         "lead_actors": [], "where": ""}, table)
            add("priorities.set", {"domains": rng.sample(domains, 3), "cards": []}, table)
        w.store.insert(events)


def build(folder: Path, n: int, tables: int, picks: int, seed: int) -> list[Path]:
    result = load_paths([ROOT / "decks"])
    decks, criteria = result.decks, result.criteria[0]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    started = time.perf_counter()
    for i in range(n):
        path = folder / f"w{i:04d}.db"
        if not path.exists():
            make_workshop(path, i, decks, criteria, rng, tables, picks)
        paths.append(path)
    print(f"{n} workshop files ready in {folder} ({time.perf_counter() - started:.1f} s)")
    return paths


def _tree_memory_mb(root: int) -> tuple[float, float]:
    """Resident memory of a process and all its descendants (the file readers, the PDF process), from /proc:
    the sum of their RSS (pages a forked child shares with its parent counted in both) and of their PSS (each
    shared page split between the processes sharing it: the memory they really take together)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    rss = pss = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:  # gone meanwhile
            continue
    return rss / 1024, pss / 1024


def floor(paths: list[Path]) -> tuple[float, float, int]:
    """Wall and CPU seconds of the least any reader must do, on one core: every row of every file selected
    and every payload decoded (one parser call per file, as `Store.events` does); and the events read."""
    wall, cpu, events = time.perf_counter(), time.process_time(), 0
    for path in paths:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT seq, id, at, origin, kind, tbl, payload FROM events ORDER BY seq").fetchall()
        finally:
            conn.close()
        events += len(json.loads("[" + ",".join(r[6] for r in rows) + "]"))
    return time.perf_counter() - wall, time.process_time() - cpu, events


PHASES = ("start", "read", "compare", "report", "csv", "html", "pdf")


def _drive(argv: list[str], marks_file: Path) -> int:
    """Run `cardengine ARGV` in this process, noting wall and CPU time (this process and its finished
    children, i.e. the reader processes) at each phase's start; the marks go to `marks_file` as JSON."""
    from cardengine.cli.main import main as cli_main
    from cardengine.compare import run as compare_run
    from cardengine.compare.report import build as report_build

    marks: list[tuple[str, float, float]] = []

    def mark(name: str) -> None:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        marks.append((name, time.perf_counter(),
                       own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime))

    load_facts, write_report, build_report = (compare_run.load_facts, compare_run.write_report,
                                              report_build.build_report)

    def timed_load(*args, **kw):
        mark("read")
        return load_facts(*args, **kw)

    def timed_write(*args, **kw):
        kw["progress"] = lambda step: mark("compare" if step == "compare" else step)
        return write_report(*args, **kw)

    def timed_build(*args, **kw):
        mark("report")
        return build_report(*args, **kw)

    compare_run.load_facts, compare_run.write_report = timed_load, timed_write
    report_build.build_report = timed_build
    mark("start")  # (the interpreter's own start-up is in the wall time only)
    code = cli_main(argv)
    mark("end")
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    phases = {name: (t1 - t0, c1 - c0) for (name, t0, c0), (_, t1, c1) in itertools.pairwise(marks)}
    marks_file.write_text(json.dumps({"phases": phases, "rss_self_mb": own.ru_maxrss / 1024,
                                      "rss_child_mb": kids.ru_maxrss / 1024}))
    return code


def time_compare(paths: list[Path], out: Path, by: str, extra: list[str]) -> tuple[float, float, dict]:
    """Wall seconds, peak resident memory (MB, summed over the command and its worker processes, sampled)
    and the per-phase (wall, CPU) seconds (and the peak PSS) of one `cardengine compare` run in a fresh
    process."""
    with tempfile.TemporaryDirectory() as tmp:
        marks = Path(tmp) / "marks.json"
        args_file = Path(tmp) / "args.json"  # a thousand paths would make a long command line
        args_file.write_text(json.dumps(["compare", *map(str, paths), "--by", by, "-o", str(out), *extra]))
        cmd = [sys.executable, str(Path(__file__).resolve()), "--drive", str(args_file), str(marks)]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak = peak_pss = 0.0
        while proc.poll() is None:
            rss, pss = _tree_memory_mb(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.2)  # sampling /proc costs CPU the command needs on a small machine
        wall = time.perf_counter() - started
        _, stderr = proc.communicate()
        if proc.returncode != 0:
            sys.exit(f"compare failed ({proc.returncode}):\n{stderr}")
        return wall, peak, {**json.loads(marks.read_text()), "pss_mb": peak_pss}


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--drive":  # the measured child process
        sys.exit(_drive(json.loads(Path(sys.argv[2]).read_text()), Path(sys.argv[3])))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workshops", type=int, default=1000)
    ap.add_argument("--tables", type=int, default=6)
    ap.add_argument("--picks", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--by", default="territory", choices=["territory", "workshop", "table"])
    ap.add_argument("--dir", type=Path, help="keep the workshop files here (reused when present)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--bootstrap", type=int, help="passed to the command as --bootstrap B (default: its own)")
    ap.add_argument("--no-floor", action="store_true", help="skip the floor measurement")
    args = ap.parse_args()
    extra = [] if args.bootstrap is None else ["--bootstrap", str(args.bootstrap)]
    folder = args.dir or Path(tempfile.mkdtemp(prefix="cardengine-bench-compare-"))
    try:
        paths = build(folder, args.workshops, args.tables, args.picks, args.seed)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{size:.0f} MB of workshop files; {os.cpu_count()} cores; load average {_load()}")
        floors = []
        for run in range(0 if args.no_floor else args.runs):
            wall, cpu, events = floor(paths)
            floors.append((wall, cpu))
            print(f"floor {run + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU, {events} events read and decoded "
                  f"(load {_load()})")
        walls, peaks, pss, runs = [], [], [], []
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as out:
                load = _load()
                wall, peak, marks = time_compare(paths, Path(out) / "report", args.by, extra)
                files = sorted(p.name for p in (Path(out) / "report").iterdir())
            walls.append(wall)
            peaks.append(peak)
            runs.append(marks["phases"])
            phases = ", ".join(f"{name} {w:.2f}/{c:.2f}" for name, (w, c) in marks["phases"].items())
            pss.append(marks["pss_mb"])
            print(f"run {run + 1}: {wall:.2f} s, peak RSS {peak:.0f} MB, PSS {marks['pss_mb']:.0f} MB "
                  f"(main {marks['rss_self_mb']:.0f} MB, "
                  f"largest reader {marks['rss_child_mb']:.0f} MB), {len(files)} files; load before {load}\n"
                  f"  phases wall/CPU s: {phases}")
        med = statistics.median
        print(f"compare {args.workshops} workshops by {args.by}: median {med(walls):.2f} s "
              f"(best {min(walls):.2f} s), peak RSS {max(peaks):.0f} MB (PSS {max(pss):.0f} MB); targets < 10 s, "
              "< 500 MB")
        names = [n for n in PHASES if all(n in r for r in runs)]
        print("  median per phase, wall/CPU s: " + ", ".join(
            f"{n} {med(r[n][0] for r in runs):.2f}/{med(r[n][1] for r in runs):.2f}" for n in names)
            + f"; total CPU {med(sum(c for _, c in r.values()) for r in runs):.2f} s")
        if floors:
            floor_wall, floor_cpu = med(w for w, _ in floors), med(c for _, c in floors)
            print(f"floor (one core): median {floor_wall:.2f} s wall, {floor_cpu:.2f} s CPU; command / floor: "
                  f"{med(walls) / floor_wall:.2f}x wall (target < 2x), "
                  f"{med(sum(c for _, c in r.values()) for r in runs) / floor_cpu:.2f}x CPU (reading alone "
                  f"{med(r['read'][1] for r in runs) / floor_cpu:.2f}x)")
    finally:
        if not args.dir:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
