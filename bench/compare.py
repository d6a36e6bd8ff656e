"""Benchmark `cardengine compare` over many workshops (issue 6 target: 1,000 workshops in < 10 s, < 500 MB).

Builds N workshop files (default 1,000: six tables each, 30 picks a table, every pick scored on the five
criteria by consensus, two proposals a table, spread over ten territories), then runs the real command
`cardengine compare DIR/*.db --by territory -o OUT` in a fresh process and reports wall time and the
peak resident memory of that process and its children (the file readers).

    python bench/compare.py                      # build in a temporary folder, time, clean up
    python bench/compare.py --dir /tmp/w1000     # keep the files; a second run reuses them
    python bench/compare.py --workshops 100 --runs 3

Each workshop is created with the session engine (`Workshop.create`), then its actions are written as
one batch with `Store.insert` (the same events `Workshop.pick` and `Workshop.score` record) so building
a thousand files takes seconds rather than minutes of one-by-one durable commits.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cardengine.deckload import load_paths  # noqa: E402
from cardengine.store import Event  # noqa: E402
from cardengine.workshop import Workshop, WorkshopInfo  # noqa: E402
from cardengine.workshop_state import STAKEHOLDER_TYPES  # noqa: E402

TERRITORIES = ["Trezzano sul Naviglio", "Abbiategrasso", "Milano periferie", "Corsico", "Rozzano", "Legnano",
               "Magenta", "Cesano Boscone", "Buccinasco", "Assago"]


def make_workshop(path: Path, index: int, decks, criteria, rng: random.Random, tables: int, picks: int) -> None:
    territory = TERRITORIES[index % len(TERRITORIES)]
    day = datetime(2021, 1, 1, 9, 30, tzinfo=timezone.utc) + timedelta(days=index)
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


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants (the file-reading workers), from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree) / 1024


def time_compare(paths: list[Path], out: Path, by: str) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB, summed over the command and its worker processes) of one
    `cardengine compare` run in a fresh process."""
    cmd = [sys.executable, "-m", "cardengine", "compare", *map(str, paths), "--by", by, "-o", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_mb(proc.pid))
        time.sleep(0.2)  # sampling /proc costs CPU the command needs on a small machine
    wall = time.perf_counter() - started
    _, stderr = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"compare failed ({proc.returncode}):\n{stderr}")
    return wall, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workshops", type=int, default=1000)
    ap.add_argument("--tables", type=int, default=6)
    ap.add_argument("--picks", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--by", default="territory", choices=["territory", "workshop", "table"])
    ap.add_argument("--dir", type=Path, help="keep the workshop files here (reused when present)")
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="cardengine-bench-compare-"))
    try:
        paths = build(folder, args.workshops, args.tables, args.picks, args.seed)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{size:.0f} MB of workshop files")
        walls, peaks = [], []
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as out:
                wall, peak = time_compare(paths, Path(out) / "report", args.by)
                files = sorted(p.name for p in (Path(out) / "report").iterdir())
            walls.append(wall)
            peaks.append(peak)
            print(f"run {run + 1}: {wall:.2f} s, peak RSS {peak:.0f} MB, {len(files)} files")
        print(f"compare {args.workshops} workshops by {args.by}: median {statistics.median(walls):.2f} s "
              f"(best {min(walls):.2f} s), peak RSS {max(peaks):.0f} MB; targets < 10 s, < 500 MB")
    finally:
        if not args.dir:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
