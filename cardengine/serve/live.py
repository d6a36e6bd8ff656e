"""The one open workshop and its live feed: every read and write of the file runs on one worker thread, and one
background task looks for changes every half second and wakes the pages' server-sent-event streams.

Owns `Keeper` (the Workshop, touched only from its own thread, so a write never races a page's read), and `Hub`
(a version number the streams wait on). Changes are noticed two ways: the server's own writes poke the hub at
once; other programs' writes (a laptop's `session` command, a merge) are found by `Workshop.refresh()`, which
costs microseconds when nothing changed (SQLite's data_version).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from cardengine.sessions import Workshop

T = TypeVar("T")
POLL_SECONDS = 0.5
# At most one wake-up of the live pages per this many seconds: sixty phones voting within a second make a
# handful of updates, not sixty times sixty renders queued before the next vote's write.
MIN_GAP_SECONDS = 0.25


class Keeper:
    """The workshop, used from one thread only."""

    def __init__(self, workshop: Workshop):
        self.workshop = workshop
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop")

    async def run(self, work: Callable[[Workshop], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, work, self.workshop)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        with contextlib.suppress(Exception):  # a checkpoint that cannot run now runs at the next open
            self.workshop.checkpoint(final=True)
        self.workshop.close()


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
