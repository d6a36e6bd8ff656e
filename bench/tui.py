"""Benchmark the note-taker's app with a workshop of 2,000 actions open:
(a) start to a usable table view (a new process, and `cardengine tui` in a real pseudo-terminal),
(b) Enter on a typed card id to the pick shown and saved, in a real pseudo-terminal and through Pilot, with
what it costs Textual (layouts asked and done, refreshes of the card panel).

Run by hand: .venv/bin/python bench/tui.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
import asyncio
from pathlib import Path
from cardengine_tui.app import make_app
from cardengine_tui.table_screen import TableScreen

async def main():
    app = make_app(Path({path!r}), table="Nord", config_dir=Path({config!r}))
    async with app.run_test(size=(100, 30)) as pilot:
        while not (isinstance(app.screen, TableScreen) and app.focused is not None
                   and app.focused.id == "card-input"):
            await pilot.pause(0.005)
        print("READY", time.perf_counter() - t0, flush=True)

asyncio.run(main())
"""


def build_workshop(path: Path) -> list[str]:
    from cardengine.decks.load import load_paths
    from cardengine.sessions.workshop import Workshop, WorkshopInfo

    result = load_paths([ROOT / "decks"])
    cards = [c.id for d in result.decks for c in d.cards]
    with Workshop.create(path, WorkshopInfo("Bench", "Trezzano", "2021-07-27", language="en"), result.decks,
                         result.criteria[0]) as w:
        w.add_table("Nord")
        w.add_table("Sud")
        criteria = [c.id for c in w.state.criteria.criteria]
        i = 0
        while w.state.events < 2000:
            table = ("Nord", "Sud")[i % 2]
            card = cards[i % len(cards)]
            w.pick(table, card)
            for j, criterion in enumerate(criteria):
                if w.state.events >= 2000:
                    break
                w.score(table, card, criterion, 1 + (i + j) % 5)
            i += 1
        return cards


def terminal_start(path: Path, config: Path, runs: int = 5) -> list[float]:
    """The real thing: `cardengine tui` started in a pseudo-terminal, until the terminal has received the table
    view's status line (drawn once the picks and the card panel are filled)."""
    from tests.terminal import AppInTerminal

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        app = AppInTerminal([str(path), "--table", "Nord", "--lang", "en"], config.parent / "xdg")
        try:
            app.wait_for("actions")
            times.append(time.perf_counter() - start)
        finally:
            app.close()
    return times


def terminal_latency(path: Path, config: Path, cards: list[str], n: int) -> list[float]:
    """The real thing: the app in a pseudo-terminal; time from writing Enter to the terminal receiving
    the status line that says the pick is saved (the app saves before it draws)."""
    from tests.terminal import AppInTerminal

    # A table of its own: a card already at the table is shown, not logged again (issue 11), so every
    # Enter timed here is a new pick.
    app = AppInTerminal([str(path), "--table", "Est", "--lang", "en"], config.parent / "xdg")
    times = []
    try:
        app.wait_for("Card id")
        for card in cards[:n]:
            app.type(card)
            time.sleep(0.05)  # typing is not timed
            mark = app.mark()
            start = time.perf_counter()
            app.type("\r")
            app.wait_for(f"{card} picked", mark)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        app.close()
    return times


async def enter_latency(path: Path, config: Path, cards: list[str], n: int) -> tuple[list[float], float, dict]:
    """Through Pilot, in process: the same Enters, and what they cost Textual (layouts, detail refreshes)."""
    from textual.screen import Screen
    from textual.widgets import DataTable

    from cardengine_tui.app import make_app

    layouts = 0
    refresh_layout = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        nonlocal layouts
        layouts += 1
        return refresh_layout(self, *args, **kwargs)

    t0 = time.perf_counter()
    app = make_app(path, table="Ovest", config_dir=config)  # a table of its own, as above
    times = []
    Screen._refresh_layout = counted
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            ready = time.perf_counter() - t0
            screen = app.screen
            grid = screen.query_one("#picks", DataTable)
            details = 0
            refresh_detail = screen.refresh_detail

            def detail() -> None:
                nonlocal details
                details += 1
                refresh_detail()

            screen.refresh_detail = detail
            asked = sum(w._layout_updates for w in screen.walk_children(with_self=True))
            layouts = 0
            for card in cards[:n]:
                for ch in card:
                    await pilot.press(ch)
                before = app.workshop.store.count()
                start = time.perf_counter()
                await pilot.press("enter")
                while card not in [str(k.value) for k in grid.rows] or app.workshop.store.count() == before:
                    await pilot.pause(0.001)
                times.append((time.perf_counter() - start) * 1000)
            await pilot.pause()
            costs = {"layouts asked": sum(w._layout_updates for w in screen.walk_children(with_self=True)) - asked,
                     "layouts done": layouts, "detail refreshes": details, "picks": n}
    finally:
        Screen._refresh_layout = refresh_layout
    return times, ready, costs


def main() -> None:
    load_before = os.getloadavg()[0]  # on 2 cores, a load of 4 makes every figure 2-3 times slower
    tmp = Path(tempfile.mkdtemp(prefix="cardengine-tui-bench-"))
    config = tmp / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(f"language: en\ndecks: {ROOT / 'decks'}\n")
    path = tmp / "bench.db"
    cards = build_workshop(path)
    starts = []
    for _ in range(5):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path), config=str(config))],
                             capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t0
        inner = float(out.stdout.split("READY")[1].split()[0])
        starts.append((wall, inner))
    pty_starts = terminal_start(path, config)
    pilot_times, ready, costs = asyncio.run(enter_latency(path, config, cards, 60))
    times = sorted(terminal_latency(path, config, cards, len(cards)))
    pilot_times.sort()
    p = lambda q, xs=times: xs[min(len(xs) - 1, int(q * len(xs)))]  # noqa: E731
    print(f"workshop: {path} (2,000 actions, 2 tables); load average {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")
    print(f"{'measure':<62}{'figure':>30}  target")
    print(f"{'start to usable table view, new process (median of 5)':<62}"
          f"{statistics.median(w for w, _ in starts) * 1000:>27.0f} ms  < 1000 ms")
    print(f"{'start in a real terminal to the table drawn (median of 5)':<62}"
          f"{statistics.median(pty_starts) * 1000:>27.0f} ms  < 1000 ms")
    print(f"{'  slowest of the 5':<62}{max(w for w, _ in starts) * 1000:>27.0f} ms")
    print(f"{'  of which inside the process (imports, open, first paint)':<62}"
          f"{statistics.median(i for _, i in starts) * 1000:>27.0f} ms")
    print(f"{'make_app to table view, in process':<62}{ready * 1000:>27.0f} ms")
    print(f"{f'Enter to pick saved and on the terminal, p50/p95/p99/max (n={len(times)})':<62}"
          f"{p(0.5):>6.1f} / {p(0.95):.1f} / {p(0.99):.1f} / {times[-1]:.1f} ms  p99 < 50 ms")
    print(f"{'  same through Pilot in process (includes Pilot waits)':<62}"
          f"{p(0.5, pilot_times):>6.1f} / {p(0.95, pilot_times):.1f} / {p(0.99, pilot_times):.1f} / "
          f"{pilot_times[-1]:.1f} ms")
    picks_line = f"  {costs['picks']} picks through Pilot: layouts asked / done, detail refreshes"
    print(f"{picks_line:<62}"
          f"{costs['layouts asked']:>13} / {costs['layouts done']} / {costs['detail refreshes']}")


if __name__ == "__main__":
    main()
