"""Benchmark `cardengine serve` in a plenary: 60 phones voting and 6 laptops syncing at once, on localhost.

1. A copy of an example workshop (three tables of real content) is served by a real `cardengine serve` process
   (tests/browser_support.start_serve). The facilitator opens a goals poll through the facilitator page's form.
2. Six laptops (threads) each hold a copy of the file made before the server started and, during the run,
   record actions in it with the Workshop API (picks of real card ids, feasibility scores, comments: two laptops
   per table, each with its own half of the cards, so their events are valid together), and do what the app's
   sync thread does (cardengine.sync.client): a round every INTERVAL (1 s) that pushes its new events to
   /api/sync/push with the laptop token and pulls the others' from /api/sync/pull; by default 2 actions a
   round, a busy note-taker (--batch and --pause make it harsher). Pulled events are not written back.
3. Sixty phones (each from its own loopback address, as phones on the room's Wi-Fi have their own) join by the
   join link (device cookie), keep their vote page's live stream open, read the form's CSRF token and vote once
   (1-3 goals) at a random moment of a few seconds' window. Each vote is timed from send to the server's
   acknowledgement (the 303 after the vote is committed). Target: p99 < 100 ms (with 60 votes the p99 is the
   slowest vote: nearest rank).
4. A projector's stream (/events/plenary) is read throughout: the plenary update delay of a vote is the time
   from its acknowledgement to the first message whose poll shows at least as many voters as had been
   acknowledged by then. Target: < 2 s.
5. The server's peak resident memory (VmHWM of /proc/<pid>/status). Target: < 200 MB.

Run by hand (not in the test suite), with the project's venv:
    .venv/bin/python bench/serve.py [--phones 60] [--laptops 6] [--window 4] [--workshop NAME.db]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import random
import re
import shutil
import ssl
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cardengine.sync.client import INTERVAL  # noqa: E402
from tests.browser_support import example_copy, start_serve  # noqa: E402

COMMENTS = ["Serve un accordo con il Comune", "Manca il finanziamento", "Le aziende sono interessate?",
            "Il consorzio può fare da capofila", "Tempi di autorizzazione lunghi", "Ne parliamo con la scuola"]
CSRF = re.compile(r'name="csrf" value="([^"]*)"')
POLL = re.compile(r'name="poll" value="([^"]*)"')
VOTERS = re.compile(r'data-testid="poll-voters">[^<\d]*(\d+)')
# One TLS context (unused: all is plain HTTP) for every simulated client: httpx would otherwise build one per
# client and transport, loading the CA bundle, ~70 ms of CPU each taken from the machine the server runs on.
TLS = ssl.create_default_context()


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_ms:
        return float("nan")
    k = max(0, min(len(sorted_ms) - 1, round(p / 100 * len(sorted_ms) + 0.5) - 1))
    return sorted_ms[k]


# --- laptops: actions recorded with the Workshop API in copies of the file, synced a round a second -------

@dataclass
class LaptopResult:
    push_ms: list[float] = field(default_factory=list)
    pull_ms: list[float] = field(default_factory=list)
    sent: set[str] = field(default_factory=set)  # ids of the events it pushed
    refused: list[str] = field(default_factory=list)


class Laptop:
    """A note-taker's laptop: records actions in its own copy of the file with the Workshop API and, like the
    app's sync thread, pushes what is new and pulls the others' once a round. Its events are made during the run,
    so they sort among the phones' votes as a real laptop's do. Each runs in a process of its own (laptop_main):
    in the phones' process its commits would hold the GIL while the phones' acknowledgements are being timed."""

    def __init__(self, copy: Path, index: int, args: argparse.Namespace, base: str, token: str):
        self.copy, self.index, self.args, self.base, self.token = copy, index, args, base, token
        self.result = LaptopResult()

    def run(self, start_at: float) -> None:
        try:
            self._run(start_at)
        except Exception as exc:  # said in the table, not lost in another process
            self.result.refused.append(f"laptop {self.index + 1} stopped: {exc!r}")

    def _run(self, start_at: float) -> None:
        from cardengine.sessions import Workshop

        args, index = self.args, self.index
        rng = random.Random(args.seed + index)
        transport = httpx.HTTPTransport(local_address=f"127.0.2.{index + 1}", verify=TLS)
        with Workshop.open(self.copy) as w, httpx.Client(
                base_url=self.base, transport=transport, verify=TLS, timeout=30,
                headers={"Authorization": f"Bearer {self.token}"}) as client:
            seen = {e.id for e in w.events}
            tables = list(w.state.tables.values())
            table = tables[index % len(tables)].name
            sharing = [i for i in range(args.laptops) if i % len(tables) == index % len(tables)]
            # Laptops at one table take turns through the cards: no two ever pick or score the same one.
            cards = sorted(w.state.cards)[sharing.index(index)::len(sharing)]
            criteria = [c.id for c in w.state.criteria.criteria]
            picked: list[str] = []
            last, done = 0, 0
            time.sleep(max(0.0, start_at - time.time()))  # the file is open: from here on, the run
            while done < args.actions:
                for _ in range(min(args.batch, args.actions - done)):
                    roll = rng.random()
                    if roll < 0.35 or not picked:
                        card = cards[(len(picked) * 7 + index) % len(cards)]
                        w.pick(table, card, rng.choice(("selected", "selected", "favourite")))
                        picked.append(card)
                    elif roll < 0.85:
                        w.score(table, rng.choice(picked), rng.choice(criteria), rng.randint(1, 5))
                    else:
                        w.comment(table, rng.choice(("barrier", "enabler", "question")),
                                  f"{rng.choice(COMMENTS)} (laptop {index + 1}, {done})", card=rng.choice(picked))
                    done += 1
                events = [e.as_dict() for e in w.events if e.id not in seen]
                seen.update(e["id"] for e in events)
                last = self._round(client, w.state.id, events, last)
                time.sleep(args.pause)

    def _round(self, client: httpx.Client, workshop_id: str, events: list[dict], last: int) -> int:
        result = self.result
        t0 = time.perf_counter()
        reply = client.post("/api/sync/push", json={"workshop_id": workshop_id, "events": events})
        result.push_ms.append((time.perf_counter() - t0) * 1000)
        if reply.status_code != 200:
            result.refused.append(f"push {reply.status_code}: {reply.text[:300]}")
        else:
            result.sent.update(e["id"] for e in events)
        while True:  # pull until nothing is left, as the client does
            t0 = time.perf_counter()
            reply = client.get("/api/sync/pull", params={"after": last})
            result.pull_ms.append((time.perf_counter() - t0) * 1000)
            if reply.status_code != 200:
                result.refused.append(f"pull {reply.status_code}: {reply.text[:300]}")
                return last
            page = reply.json()
            if not page["events"]:
                return last
            last = page["last"]


def laptop_main(copy: Path, index: int, args: argparse.Namespace, base: str, token: str,
                start_at: float) -> LaptopResult:
    """One laptop, in a process of its own, from wall-clock time `start_at` (when the phones start too)."""
    machine = Laptop(copy, index, args, base, token)
    # Laptops are not in step: each starts its rounds at its own moment of the first round.
    machine.run(start_at + index * args.pause / max(1, args.laptops))
    return machine.result


# --- phones -------------------------------------------------------------------------------------------------

@dataclass
class Vote:
    sent: float = 0.0
    acked: float = 0.0
    status: int = 0
    ms: float = 0.0
    join_ms: float = 0.0
    retried: bool = False


async def keep_stream(client: httpx.AsyncClient, path: str, stop: asyncio.Event,
                      messages: list[tuple[float, str]] | None = None) -> None:
    """Read a page's server-sent events until `stop`; with `messages`, keep each one with its arrival time."""
    reading = asyncio.create_task(_read_stream(client, path, messages))
    await stop.wait()
    reading.cancel()
    with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):  # the server stopping closes the streams
        await reading


async def _read_stream(client: httpx.AsyncClient, path: str, messages: list[tuple[float, str]] | None) -> None:
    # By chunks, not lines: a plenary message is hundreds of `data:` lines, and the bench's own CPU is taken
    # from the machine the server runs on.
    async with client.stream("GET", path, timeout=httpx.Timeout(30, read=None)) as reply:
        rest = b""
        async for chunk in reply.aiter_bytes():
            if messages is None:
                continue
            rest += chunk
            if b"\n\n" not in rest.replace(b"\r\n", b"\n"):
                continue
            *complete, rest = rest.replace(b"\r\n", b"\n").split(b"\n\n")
            now = time.monotonic()
            for block in complete:
                data = [line[5:].removeprefix(b" ") for line in block.split(b"\n") if line.startswith(b"data:")]
                if data:
                    messages.append((now, b"\n".join(data).decode("utf-8", "replace")))


async def phone(base: str, join_url: str, address: str, start: asyncio.Event, window: float, stop: asyncio.Event,
                rng: random.Random, vote: Vote, live: bool, join_time: float) -> None:
    await asyncio.sleep(rng.uniform(0, join_time * 0.8))  # people scan the QR code over some seconds
    transport = httpx.AsyncHTTPTransport(local_address=address, verify=TLS)
    async with httpx.AsyncClient(base_url=base, transport=transport, timeout=30, verify=TLS) as client:
        t0 = time.perf_counter()
        page = await client.get(join_url, follow_redirects=True)
        vote.join_ms = (time.perf_counter() - t0) * 1000
        page.raise_for_status()
        csrf, poll = CSRF.search(page.text), POLL.search(page.text)
        assert csrf and poll, page.text[:500]
        # The vote page stays open on the phone, with its live stream (unless --no-phone-streams).
        streaming = asyncio.create_task(keep_stream(client, "/events/vote", stop) if live else stop.wait())
        await start.wait()
        await asyncio.sleep(rng.uniform(0, window))
        goals = rng.sample([str(n) for n in range(1, 18)], rng.randint(1, 3))
        form = {"csrf": csrf.group(1), "poll": poll.group(1), "choice": goals}
        vote.sent = time.monotonic()
        try:
            reply = await client.post("/vote", data=form)
        except (httpx.ReadError, httpx.RemoteProtocolError):
            # The server closed this idle keep-alive connection (uvicorn: after 5 s) as the vote went out; a
            # browser sends it again on a new connection, and so does this phone (timed from the first send).
            vote.retried = True
            reply = await client.post("/vote", data=form)
        vote.acked = time.monotonic()
        vote.status, vote.ms = reply.status_code, (vote.acked - vote.sent) * 1000
        await streaming


def plenary_delays(votes: list[Vote], messages: list[tuple[float, str]]) -> list[float]:
    """For each acknowledged vote, ms from its ack to the first projector message showing it."""
    shown = [(t, int(m.group(1))) for t, text in messages if (m := VOTERS.search(text))]
    acks = sorted(v.acked for v in votes if v.status == 303)
    delays = []
    for k, acked in enumerate(acks, start=1):
        # Votes acknowledged by now are committed: a state with k voters or more includes this one.
        first = next((t for t, n in shown if n >= k and t >= acked - 5), None)
        if first is not None:
            delays.append(max(0.0, first - acked) * 1000)
        else:
            delays.append(float("inf"))
    return delays


async def open_poll(facilitator: str) -> str:
    """The facilitator opens a goals poll through the facilitator page's form; its id."""
    async with httpx.AsyncClient(timeout=30, follow_redirects=True) as client:
        csrf = CSRF.search((await client.get(facilitator)).text)
        assert csrf, "no CSRF token on the facilitator page"
        page = await client.post(facilitator + "/open", data={"csrf": csrf.group(1), "kind": "goals", "max": "3",
                                                               "question_it": "Quali obiettivi per il distretto?",
                                                               "question_en": "Which goals for the district?"})
        poll = POLL.search(page.text)
        assert poll, page.text[:500]
        return poll.group(1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
        fields = f.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> dict[str, int]:
    """The process's peak (VmHWM) and current (VmRSS) resident memory in MB."""
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        rows = [line.split() for line in f if line.startswith(("VmHWM:", "VmRSS:"))]
    return {key.rstrip(":"): int(kb) // 1024 for key, kb, *_ in rows}


async def run(args: argparse.Namespace, folder: Path) -> int:
    workshop = example_copy(folder, args.workshop)
    copies = [Path(shutil.copyfile(workshop, folder / f"laptop{i + 1}.db")) for i in range(args.laptops)]
    from cardengine.sessions import Workshop

    with Workshop.open(workshop) as w:
        events_before = len(w.events)

    served = start_serve(workshop)
    try:
        secrets = served.secrets()
        poll = await open_poll(served.facilitator)
        stop, start = asyncio.Event(), asyncio.Event()
        cpu_before, wall_before, mine_before = cpu_seconds(served.pid), time.monotonic(), time.process_time()
        messages: list[tuple[float, str]] = []
        projector = httpx.AsyncClient(base_url=served.base, timeout=30)
        projecting = asyncio.create_task(keep_stream(projector, "/events/plenary", stop, messages))
        # The laptops' processes take a few seconds to start (Python, cardengine): all begin at one moment.
        start_at = time.time() + args.warm_up
        pool = ProcessPoolExecutor(max_workers=max(1, args.laptops), mp_context=multiprocessing.get_context("spawn"))
        laptops = [pool.submit(laptop_main, copy, i, args, served.base, secrets["laptop"], start_at)
                   for i, copy in enumerate(copies)]
        await asyncio.sleep(max(0.0, start_at - time.time()))
        votes = [Vote() for _ in range(args.phones)]
        phones = [asyncio.create_task(phone(served.base, served.join, f"127.0.1.{i + 1}", start, args.window, stop,
                                            random.Random(args.seed * 1000 + i), v, args.phone_streams, args.join_time))
                  for i, v in enumerate(votes)]
        await asyncio.sleep(args.join_time)  # the phones join while the laptops sync
        start.set()
        await asyncio.sleep(args.window + 2.5)  # every vote sent, and the projector's last message in
        results = [await asyncio.wrap_future(future) for future in laptops]
        pool.shutdown()
        stop.set()
        await asyncio.gather(*phones, projecting)
        await projector.aclose()
        mem = memory(served.pid)
        cpu, wall = cpu_seconds(served.pid) - cpu_before, time.monotonic() - wall_before
        mine = time.process_time() - mine_before  # the simulated phones and laptops themselves
        async with httpx.AsyncClient(base_url=served.base, timeout=30,
                                     headers={"Authorization": f"Bearer {secrets['laptop']}"}) as client:
            stored, after = [], 0
            while True:
                page = (await client.get("/api/sync/pull", params={"after": after})).json()
                if not page["events"]:
                    break
                stored += page["events"]
                after = page["last"]
    finally:
        served.stop()

    acked = [v for v in votes if v.status == 303]
    vote_ms = sorted(v.ms for v in acked)
    join_ms = sorted(v.join_ms for v in votes)
    delays = sorted(plenary_delays(votes, messages))
    push_ms = sorted(ms for r in results for ms in r.push_ms)
    pull_ms = sorted(ms for r in results for ms in r.pull_ms)
    recorded_votes = [e for e in stored if e["kind"] == "vote" and e["payload"]["poll"] == poll]
    sent_events = {i for r in results for i in r.sent}
    arrived = sent_events & {e["id"] for e in stored}

    def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
        print(f"| {name:<38} | {value:>22} | {target:<10} | {'' if ok is None else 'ok' if ok else 'MISSED':<6} |")

    print()
    print(f"cardengine serve: {args.phones} phones ({'with' if args.phone_streams else 'without'} their live "
          f"streams), {args.laptops} laptops, workshop {args.workshop} ({events_before} events before), votes in a "
          f"{args.window:g} s window")
    print(f"| {'measure':<38} | {'value':>22} | {'target':<10} | {'':<6} |")
    print(f"|{'-' * 40}|{'-' * 24}|{'-' * 12}|{'-' * 8}|")
    row("votes acknowledged (303)", f"{len(acked)} / {len(votes)}", str(len(votes)), len(acked) == len(votes))
    row("vote ack p50 / p95 / p99 (ms)", f"{percentile(vote_ms, 50):.1f} / {percentile(vote_ms, 95):.1f} / "
        f"{percentile(vote_ms, 99):.1f}", "p99 < 100", percentile(vote_ms, 99) < 100)
    row("vote ack max (ms)", f"{vote_ms[-1] if vote_ms else float('nan'):.1f}")
    row("votes resent (stale keep-alive)", str(sum(v.retried for v in votes)))
    row("join p50 / p99 (ms)", f"{percentile(join_ms, 50):.1f} / {percentile(join_ms, 99):.1f}")
    row("plenary update p50 / max (ms)", f"{percentile(delays, 50):.0f} / {delays[-1] if delays else 0:.0f}",
        "< 2000", bool(delays) and delays[-1] < 2000)
    row("plenary messages received", str(len(messages)))
    row("sync push p50 / p99 (ms)", f"{percentile(push_ms, 50):.1f} / {percentile(push_ms, 99):.1f}")
    row("sync pull p50 / p99 (ms)", f"{percentile(pull_ms, 50):.1f} / {percentile(pull_ms, 99):.1f}")
    row("laptop events stored / sent", f"{len(arrived)} / {len(sent_events)}", "all", arrived == sent_events)
    row("votes stored in the file", str(len(recorded_votes)), str(len(acked)), len(recorded_votes) == len(acked))
    row("server RSS peak VmHWM (MB)", str(mem.get("VmHWM", -1)), "< 200", mem.get("VmHWM", 999) < 200)
    row("server RSS at the end (MB)", str(mem.get("VmRSS", -1)))
    row("server CPU during the run (s / wall s)", f"{cpu:.1f} / {wall:.1f}")
    row("bench client CPU (s)", f"{mine:.1f}")
    row("machine load average (1 min)", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.timeline:  # when each vote was acknowledged and what each projector message showed, from the start
        zero = min(v.sent for v in votes)
        print("acks (s):", " ".join(f"{v.acked - zero:.2f}" for v in sorted(acked, key=lambda v: v.acked)))
        print("plenary (s:voters):", " ".join(f"{t - zero:.2f}:{m.group(1) if (m := VOTERS.search(text)) else '-'}"
                                              for t, text in messages))
    refused = [r for res in results for r in res.refused]
    for line in refused[:5]:
        print("laptop refused:", line)
    if other := sorted({v.status for v in votes} - {303}):
        print("vote replies other than 303:", other)
    ok = (len(acked) == len(votes) and percentile(vote_ms, 99) < 100 and bool(delays) and delays[-1] < 2000
          and mem.get("VmHWM", 999) < 200 and arrived == sent_events and not refused)
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=60)
    parser.add_argument("--laptops", type=int, default=6)
    parser.add_argument("--workshop", default="abbiategrasso-2022-05-18.db", help="an example in examples/")
    parser.add_argument("--actions", type=int, default=30, help="actions each laptop records and pushes")
    parser.add_argument("--batch", type=int, default=2, help="events per push")
    parser.add_argument("--pause", type=float, default=INTERVAL, help="seconds between a laptop's sync rounds")
    parser.add_argument("--join-time", type=float, default=3.0, help="seconds for the phones to join")
    parser.add_argument("--window", type=float, default=4.0, help="seconds over which the phones vote")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--warm-up", type=float, default=5.0, help="seconds for the laptops' processes to start")
    parser.add_argument("--timeline", action="store_true", help="print every ack and projector message time")
    parser.add_argument("--no-phone-streams", dest="phone_streams", action="store_false",
                        help="phones do not keep their vote page's live stream open")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cardengine-bench-serve-") as folder:
        return asyncio.run(run(args, Path(folder)))


if __name__ == "__main__":
    sys.exit(main())
