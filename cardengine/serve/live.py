"""The one open workshop and its live feed: every read and write of the file runs on one worker thread, and one
background task looks for changes every half second and wakes the pages' server-sent-event streams.

Owns `Keeper` (the Workshop, touched only from its own thread, so a write never races a page's read), `Hub`
(a version number the streams wait on) and `Together` (the streams woken by one change served by one job on
the workshop's thread, not one each). Changes are noticed two ways: the server's own writes poke the hub at
once; other programs' writes (a laptop's `session` command, a merge) are found by `Workshop.refresh()`, which
costs microseconds when nothing changed (SQLite's data_version).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import queue
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from cardengine.sessions import Workshop

T = TypeVar("T")
POLL_SECONDS = 0.5
# At most one wake-up of the live pages per this many seconds: sixty phones voting within a second make a
# handful of updates, not sixty times sixty renders queued before the next vote's write.
MIN_GAP_SECONDS = 0.25
CHECKPOINT_SECONDS = 30.0  # the WAL's events moved into the file itself, so a copy of the file alone holds them


class Keeper:
    """The workshop, used from one thread only. Work marked urgent (saving votes) goes before work queued earlier
    (rendering pages), so a phone's vote never waits behind sixty page renders."""

    def __init__(self, workshop: Workshop):
        self.workshop = workshop
        self._queue: queue.PriorityQueue[tuple[int, int, Callable[[], None] | None]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._thread = threading.Thread(target=self._serve, name="workshop", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            _, _, job = self._queue.get()
            if job is None:
                return
            job()

    async def run(self, work: Callable[[Workshop], T], *, urgent: bool = False) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def job() -> None:
            try:
                result = work(self.workshop)
            except BaseException as exc:  # handed to the awaiting request, which says what went wrong
                loop.call_soon_threadsafe(_settle, future, None, exc)
            else:
                loop.call_soon_threadsafe(_settle, future, result, None)

        self._queue.put((0 if urgent else 1, next(self._order), job))
        return await future

    def let_urgent(self) -> None:
        """Between the steps of a long job, on the workshop's thread (no transaction open): run the urgent work
        queued meanwhile (a vote waits for one step, not the whole job)."""
        while True:
            with self._queue.mutex:  # this thread alone takes from the queue: a head seen urgent stays urgent
                if not self._queue.queue or self._queue.queue[0][0] != 0:
                    return
            _, _, job = self._queue.get_nowait()
            if job is not None:
                job()

    def close(self) -> None:
        if not self._thread.is_alive():  # closed already
            return
        self._queue.put((2, next(self._order), None))  # after everything queued
        self._thread.join()
        with contextlib.suppress(Exception):  # a checkpoint that cannot run now runs at the next open
            self.workshop.checkpoint(final=True)
        self.workshop.close()


class Together:
    """Work asked for in the same moment (every live stream woken by one change) done in one job on the workshop's
    thread, each piece in turn with urgent work let in between: one hop there and back for sixty phones' streams
    instead of sixty, each of which costs the event loop a wake-up and both threads a turn of the GIL, in the
    moments votes are being acknowledged."""

    def __init__(self, keeper: Keeper):
        self.keeper = keeper
        self._waiting: list[tuple[Callable[[Workshop], Any], asyncio.Future[Any]]] = []
        self._draining: asyncio.Task[None] | None = None

    async def run(self, work: Callable[[Workshop], T]) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiting.append((work, future))
        if self._draining is None or self._draining.done():
            self._draining = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        await asyncio.sleep(0)  # the other streams woken by the same change join this job
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                results = await self.keeper.run(partial(_each, self.keeper, [work for work, _ in batch]))
            except Exception as failed:  # every stream is told
                results = [(None, failed)] * len(batch)
            for (_, future), (result, exc) in zip(batch, results, strict=True):
                _settle(future, result, exc)


Outcome = tuple[Any, BaseException | None]  # a result, or what went wrong


def _each(keeper: Keeper, works: list[Callable[[Workshop], Any]], w: Workshop) -> list[Outcome]:
    results: list[Outcome] = []
    for work in works:
        keeper.let_urgent()
        try:
            results.append((work(w), None))
        except Exception as exc:  # that stream's page says so; the others go on
            results.append((None, exc))
    return results


def _settle(future: asyncio.Future[T], result: T | None, exc: BaseException | None) -> None:
    if future.done():  # the request went away
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)  # type: ignore[arg-type]


class Hub:
    """A version number that rises on every change; streams wait for it to pass the one they last sent."""

    def __init__(self) -> None:
        self.version = 0
        self._changed: asyncio.Event | None = None
        self._poke: asyncio.Event | None = None

    def _event(self) -> asyncio.Event:
        if self._changed is None:
            self._changed = asyncio.Event()
        return self._changed

    def bump(self) -> None:
        self.version += 1
        event, self._changed = self._event(), asyncio.Event()
        event.set()

    def poke(self) -> None:
        """The server wrote: look now rather than at the next tick."""
        if self._poke is not None:
            self._poke.set()
        else:
            self.bump()

    async def wait(self, seen: int, timeout: float) -> int:
        """The version once it is past `seen` (or as it is after `timeout` seconds)."""
        if self.version == seen:
            event = self._event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), timeout)
        return self.version

    async def watch(self, keeper: Keeper) -> None:
        """Runs for the server's life: refresh the workshop every half second or when poked; bump on news."""
        self._poke = asyncio.Event()
        loop = asyncio.get_running_loop()
        checkpointed = loop.time()
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poke.wait(), POLL_SECONDS)
            poked = self._poke.is_set()
            self._poke.clear()
            try:
                news = await keeper.run(lambda w: bool(w.refresh()))
            except Exception:  # the file went away for a moment: keep serving what we have
                news = False
            if news or poked:
                self.bump()
                await asyncio.sleep(MIN_GAP_SECONDS)
            if loop.time() - checkpointed > CHECKPOINT_SECONDS:
                checkpointed = loop.time()
                with contextlib.suppress(Exception):  # another program reading: the next one will do
                    await keeper.run(lambda w: w.checkpoint())
