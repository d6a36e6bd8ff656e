"""The server's workshop thread under many phones at once (cardengine.serve.ballots, cardengine.serve.live): ballots
arriving together are saved in groups, each still checked (one vote per device, also within a group) and
answered only once its group is committed; while the live streams' fragments are made (one job for all), a vote
queued meanwhile is saved after the fragment being made, not after all of them. Driven on an event loop, over a real
workshop file read back with a separate connection."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

from cardengine.serve.ballots import SAVED, Ballot, BallotBox
from cardengine.serve.live import Hub, Keeper, Together
from cardengine.sessions import Workshop

from .serve_support import example_copy, stored


def _voters(path: Path) -> list[str]:
    return [json.loads(payload)["voter"] for kind, payload in stored(path) if kind == "vote"]


def _poll(path: Path) -> str:
    with Workshop.open(path) as w:
        return w.open_poll("goals", None, 2).payload["poll"]


def test_ballots_arriving_together_are_saved_in_groups_each_once_and_answered_after_the_commit(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    poll = _poll(path)
    keeper = Keeper(Workshop.open(path))
    groups: list[int] = []
    original = keeper.workshop.vote_all

    def counted(ballots):  # type: ignore[no-untyped-def]
        events = original(ballots)
        groups.append(len(events))
        return events

    keeper.workshop.vote_all = counted  # type: ignore[method-assign]

    async def main() -> list[tuple[int, str]]:
        box = BallotBox(keeper, Hub())
        busy = asyncio.ensure_future(keeper.run(lambda _: time.sleep(0.2)))  # the thread is busy: ballots gather
        await asyncio.sleep(0.05)
        ballots = [Ballot(poll, f"phone{n % 25}", {}, [str(1 + n % 17)]) for n in range(30)]  # 5 vote twice
        outcomes = await asyncio.gather(*(box.cast(b) for b in ballots))
        await busy
        return [(status, key) for status, key, _ in outcomes]

    try:
        outcomes = asyncio.run(main())
    finally:
        keeper.close()
    assert outcomes[:25] == [SAVED[:2]] * 25
    assert outcomes[25:] == [(409, "vote.already")] * 5
    assert sorted(_voters(path)) == sorted(f"phone{n}" for n in range(25))
    assert sum(groups) == 25 and len(groups) < 25  # fewer commits than votes


def test_a_vote_queued_while_the_streams_fragments_are_made_is_saved_before_the_rest_of_them(
        tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    poll = _poll(path)
    keeper = Keeper(Workshop.open(path))
    order: list[str] = []
    started = threading.Event()
    original = keeper.workshop.vote_all

    def noted(ballots):  # type: ignore[no-untyped-def]
        order.append("vote saved")
        return original(ballots)

    keeper.workshop.vote_all = noted  # type: ignore[method-assign]

    def piece(n: int):  # type: ignore[no-untyped-def]
        def work(w: Workshop) -> int:
            order.append(f"piece{n}")
            if n == 0:
                started.set()
                time.sleep(0.1)  # the vote arrives now
            return n
        return work

    async def main() -> tuple[list[int], tuple[int, str, dict]]:
        together, box = Together(keeper), BallotBox(keeper, Hub())
        streams = [asyncio.ensure_future(together.run(piece(n))) for n in range(3)]
        while not started.is_set():
            await asyncio.sleep(0.005)
        outcome = await box.cast(Ballot(poll, "phone", {}, ["3"]))
        return list(await asyncio.gather(*streams)), outcome

    try:
        results, outcome = asyncio.run(main())
    finally:
        keeper.close()
    assert results == [0, 1, 2] and outcome == SAVED
    assert order == ["piece0", "vote saved", "piece1", "piece2"]  # one job, the vote let in after its first piece
    assert _voters(path) == ["phone"]
