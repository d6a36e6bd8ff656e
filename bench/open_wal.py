"""What checking a workshop's -wal costs when a workshop file is opened (store.py, wal_check.py).

Three situations, each timed as `Store.open` + close and as `Workshop.open` (which also reads and folds every
event), best of N:

1. no -wal beside the file (every command closes it cleanly): the usual case, which must stay as fast as before;
2. a -wal left by a killed app, holding the last K events (nobody has the file open): the full check on
   private copies runs;
3. the same -wal while another process has the file open: the check asks the lock and stops there.

Run by hand:
    .venv/bin/python bench/open_wal.py [--events 1000] [--in-wal 1000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOLD = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM events").fetchone()
print("READY", flush=True)
sys.stdin.readline()
"""


def make(folder: Path, events: int, in_wal: int) -> tuple[bytes, bytes, bytes]:
    """Bytes of a closed workshop file with `events` picks and scores; and of that file and its -wal, holding
    the last `in_wal`, as a killed app leaves them."""
    from cardengine.decks.load import load_paths
    from cardengine.sessions.workshop import Workshop, WorkshopInfo

    result = load_paths([ROOT / "decks"])
    path = folder / "w.db"
    ws = Workshop.create(path, WorkshopInfo("Bench", "Distretto", "2024-05-16"), result.decks, result.criteria[0])
    ws.store._conn.execute("PRAGMA synchronous = OFF")  # setup only
    ws.add_table("Tavolo 1")
    cards = sorted(ws.state.cards)
    crits = [c.id for c in ws.state.criteria.criteria]

    def act(i: int) -> None:
        if i % 2:
            ws.pick("Tavolo 1", cards[i % len(cards)])
        else:
            ws.score("Tavolo 1", cards[i % len(cards)], crits[i % len(crits)], 1 + i % 5)

    for i in range(events - in_wal):
        act(i)
    ws.store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.store._conn.execute("PRAGMA wal_autocheckpoint = 0")  # as if killed before any checkpoint
    for i in range(events - in_wal, events):
        act(i)
    db, wal = path.read_bytes(), Path(f"{path}-wal").read_bytes()
    ws.close()
    closed = path.read_bytes()
    path.unlink()
    return closed, db, wal


def best(repeat: int, setup, run) -> float:
    times = []
    for _ in range(repeat):
        setup()
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--in-wal", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from cardengine.sessions.store import Store
    from cardengine.sessions.workshop import Workshop

    tmp = Path(tempfile.mkdtemp(prefix="cardengine-bench-wal-"))
    try:
        closed, db, wal = make(tmp, args.events, args.in_wal)
        path = tmp / "w.db"

        def clean(content: bytes = closed) -> None:
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            path.write_bytes(content)

        def killed() -> None:
            clean(db)
            Path(f"{path}-wal").write_bytes(wal)

        def store_open() -> None:
            Store.open(path).close()

        def workshop_open() -> None:
            Workshop.open(path).close()

        print(f"{args.events} events, {args.in_wal} of them in a -wal of {len(wal) // 1024} KiB; file "
              f"{len(closed) // 1024} KiB; best of {args.repeat} (ms)")
        print(f"{'':38}{'Store.open':>12}{'Workshop.open':>15}")
        for name, setup in (("no -wal", clean), ("-wal of a killed app (full check)", killed)):
            store_ms, workshop_ms = best(args.repeat, setup, store_open), best(args.repeat, setup, workshop_open)
            print(f"{name:38}{store_ms:12.1f}{workshop_ms:15.1f}")
        killed()
        holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().startswith("READY")
            nothing = lambda: None  # noqa: E731  (the holder keeps the -wal; each open leaves it in place)
            print(f"{'-wal in use by another process':38}{best(args.repeat, nothing, store_open):12.1f}"
                  f"{best(args.repeat, nothing, workshop_open):15.1f}")
        finally:
            holder.stdin.close()
            holder.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
