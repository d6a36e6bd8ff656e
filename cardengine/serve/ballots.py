"""Votes saved in groups: every ballot that arrives while the previous group is being written is written with the
next one, in one transaction (one fsync). Sixty phones voting at once then wait for two or three commits, not
sixty in a row, and each is still acknowledged only once its vote is on disk.

Owns `BallotBox` (the group gathering for the next write, whose job is queued on the workshop's thread by its
first ballot) and `record` (one group, on the workshop's thread): each ballot is checked on the file's state
inside the write transaction (the open poll, one vote per device, also within the group, valid choices), so a
refused ballot is refused alone and the others are saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cardengine.serve.polls_view import VoteError, choices_of, open_poll
from cardengine.sessions import ActionError, StoreError, Workshop, WorkshopState

if TYPE_CHECKING:
    from cardengine.serve.live import Hub, Keeper

Outcome = tuple[int, str, dict[str, Any]]  # HTTP status, words key ('' = the engine's message), values
SAVED: Outcome = (200, "", {})
Chosen = tuple[str, str, Sequence[str]]  # a ballot to save: poll, voter, choices (as Workshop.vote_all takes them)


@dataclass
class Ballot:
    poll: str  # the poll the phone's form was for
    voter: str
    fields: dict[str, str]
    chosen: list[str]  # the form's checked boxes (goals)
    done: asyncio.Future[Outcome] = field(repr=False, default_factory=lambda: asyncio.get_running_loop()
                                          .create_future())


def decide(state: WorkshopState, batch: list[Ballot]) -> tuple[list[Outcome], list[Chosen]]:
    """Each ballot's outcome, and the vote events of those that may be saved."""
    poll = open_poll(state)
    outcomes: list[Outcome] = []
    events: list[Chosen] = []
    voted: set[str] = set()
    for ballot in batch:
        if poll is None or poll.id != ballot.poll:
            outcomes.append((409, "vote.closed" if poll is None else "vote.wrong_poll", {}))
            continue
        if ballot.voter in poll.votes or ballot.voter in voted:
            outcomes.append((409, "vote.already", {}))
            continue
        try:
            choices = choices_of(poll, ballot.fields, ballot.chosen)
        except VoteError as exc:
            outcomes.append((422, exc.key, exc.values))
            continue
        voted.add(ballot.voter)
        outcomes.append(SAVED)
        events.append((poll.id, ballot.voter, choices))
    return outcomes, events


def record(w: Workshop, batch: list[Ballot]) -> list[Outcome]:
    """Save a group of ballots in one transaction; each one's outcome."""
    outcomes: list[Outcome] = []

    def build(state: WorkshopState) -> list[Chosen]:
        nonlocal outcomes
        outcomes, events = decide(state, batch)
        return events

    try:
        # one transaction for the group (`vote` saves one each); `decide` has left out what the rules refuse
        w.vote_all(build)
    except ActionError:  # a rule `decide` does not know of: each ballot on its own, with the engine's words
        return [_alone(w, ballot) for ballot in batch]
    except StoreError as exc:
        return [(503, "err.not_saved", {"reason": str(exc)}) if o == SAVED else o for o in outcomes or
                [SAVED] * len(batch)]
    return outcomes


def caught_up_record(w: Workshop, batch: list[Ballot]) -> tuple[list[Outcome], bool]:
    """`record`, after taking in what other connections saved since the last look (a laptop's push), by seq:
    the write transaction then finds nothing new, where it would read the whole file again inside the votes'
    time. Also whether there was any such news (the live pages' to show)."""
    try:
        news = bool(w.refresh())
    except StoreError:  # the file cannot be read just now: the write says what it can do
        news = False
    return record(w, batch), news


def _alone(w: Workshop, ballot: Ballot) -> Outcome:
    outcomes, events = decide(w.state, [ballot])
    if outcomes[0] != SAVED:
        return outcomes[0]
    try:
        w.vote(ballot.poll, ballot.voter, events[0][2])
    except ActionError as exc:
        return 409, "", {"reason": str(exc)}
    except StoreError as exc:
        return 503, "err.not_saved", {"reason": str(exc)}
    return SAVED


class BallotBox:
    """The ballots waiting for the next group's write. That write is queued on the workshop's thread (urgent) as
    soon as its first ballot arrives, and takes every ballot that came meanwhile when it starts: while one group
    is being written the next gathers, and starts the moment the first is committed, before any other work
    (a laptop's push) that would otherwise slip in while the first group's answers go back to the event loop."""

    def __init__(self, keeper: Keeper, hub: Hub):
        self.keeper = keeper
        self.hub = hub
        self._lock = threading.Lock()  # `_next` is filled on the event loop and taken on the workshop's thread
        self._next: list[Ballot] | None = None  # the group whose write is queued and not yet started
        self._saving: set[asyncio.Task[None]] = set()

    async def cast(self, ballot: Ballot) -> Outcome:
        with self._lock:
            first = self._next is None
            if self._next is None:
                self._next = []
            group = self._next
            group.append(ballot)
        if first:
            task = asyncio.create_task(self._save(group))
            self._saving.add(task)  # (a task nobody holds may be collected before it is done)
            task.add_done_callback(self._saving.discard)
        return await ballot.done

    def _take(self, group: list[Ballot]) -> list[Ballot]:
        """On the workshop's thread, as the group's write starts: no ballot joins it after this."""
        with self._lock:
            if self._next is group:
                self._next = None
            return list(group)

    async def _save(self, group: list[Ballot]) -> None:
        batch: list[Ballot] = []

        def write(w: Workshop) -> tuple[list[Outcome], bool]:
            batch.extend(self._take(group))
            return caught_up_record(w, batch)

        news = False
        try:
            outcomes, news = await self.keeper.run(write, urgent=True)
        except Exception as exc:  # never leave a phone waiting: it is told, and may try again
            batch = self._take(group)
            outcomes = [(503, "err.not_saved", {"reason": type(exc).__name__})] * len(batch)
        for ballot, outcome in zip(batch, outcomes, strict=True):
            with contextlib.suppress(asyncio.InvalidStateError):  # the phone went away
                ballot.done.set_result(outcome)
        if news or any(o == SAVED for o in outcomes):
            self.hub.poke()
