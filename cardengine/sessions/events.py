"""A workshop's events: what one action records, event times and ids, and the order of a workshop's events."""

from __future__ import annotations

import contextlib
import heapq
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Event:
    id: str
    at: str
    origin: str
    kind: str
    table: str | None
    payload: dict[str, Any]
    seq: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "origin": self.origin, "kind": self.kind, "table": self.table,
                "payload": self.payload}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_uuid() -> str:
    return str(uuid.uuid4())


Clock = Callable[[], str]  # returns an event time, ISO 8601 like `now()`
NewId = Callable[[], str]  # returns a new unique id, like `new_uuid()`


def workshop_order(events: list[Event]) -> list[Event]:
    """Events (each laptop's in the order it recorded them) in workshop order: each laptop's events keep
    their order (a clock that steps back cannot reorder them), laptops interleaved by time."""
    by_origin: dict[str, list[Event]] = {}
    for e in events:
        by_origin.setdefault(e.origin, []).append(e)
    if len(by_origin) <= 1:  # one laptop wrote the whole file: its order is the order
        return list(events)
    return list(heapq.merge(*by_origin.values(), key=lambda e: (e.at, e.origin)))


def timed_after(known: list[Event], events: list[Event]) -> list[Event]:
    """New events timed after every event they were decided on. Two laptops sharing a file order their events
    by time, and a laptop whose clock is behind would otherwise record a pick that sorts before the table it is
    at was added, or an undo before the action it undoes (the fold then leaves them out); so an event never
    takes a time earlier than the latest one in the file: one microsecond after it (a hybrid logical clock)."""
    latest = max((e.at for e in known), default="")
    out = []
    for e in events:
        if e.at <= latest:
            # A stored time that is not ISO 8601 (the fold left it out): keep ours.
            with contextlib.suppress(ValueError):
                e = replace(e, at=(datetime.fromisoformat(latest) + timedelta(microseconds=1))
                            .isoformat(timespec="microseconds"))
        latest = max(latest, e.at)
        out.append(e)
    return out
