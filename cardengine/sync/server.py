"""The server's half of sync: the answers to a laptop's pull and push, on the workshop file the server keeps.

The web server (cardengine.serve) checks the laptop token and the body size, then calls `pull_response` and
`push_response` and sends what they return as JSON. Both work on an open Store of the server's workshop file;
calls on one Store are serialised here (`lock_of`), because a Store's SQLite connection runs one transaction at
a time and the web server answers requests from several threads. A push is idempotent by event id and
all-or-nothing: the new events are checked with the merge rules against the file as it is inside the write
transaction, so two laptops pushing at once cannot both add events that are valid only without the other's.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from cardengine.i18n import tr
from cardengine.sessions import Event, StoreError, Workshop
from cardengine.sessions.merge import checked_new_events
from cardengine.sessions.store import Store
from cardengine.sync.protocol import PAGE, ProtocolError, event_to_dict, events_from_list

__all__ = ["lock_of", "pull_response", "push_response"]

_LOCKS: weakref.WeakKeyDictionary[Store, threading.Lock] = weakref.WeakKeyDictionary()
_LOCKS_LOCK = threading.Lock()


def lock_of(store: Store) -> threading.Lock:
    """The lock every use of `store` from the web server's threads takes (the server's own writes too)."""
    with _LOCKS_LOCK:
        lock = _LOCKS.get(store)
        if lock is None:
            lock = _LOCKS[store] = threading.Lock()
        return lock


def _store(workshop: Workshop | Store) -> Store:
    return workshop.store if isinstance(workshop, Workshop) else workshop


def pull_response(workshop: Workshop | Store, after: int) -> dict[str, Any]:
    """`GET /api/sync/pull?after=N`: the events saved after seq N (at most PAGE), each with its `seq`, and
    `last`: the seq of the last event sent, or N when none is left (0 when the file has no event N: see
    `_cursor_kept`)."""
    store = _store(workshop)
    with lock_of(store):
        events = store.events_after(max(0, after))[:PAGE]
        last = events[-1].seq if events else _cursor_kept(store, max(0, after))
        return {"workshop_id": store.workshop_id(), "events": [event_to_dict(e, seq=True) for e in events],
                "last": last}


def push_response(workshop: Workshop | Store, body: object) -> tuple[int, dict[str, Any]]:
    """`POST /api/sync/push`: (HTTP status, JSON answer). 200 {"added": n, "last": M} once every event of the
    body is in the file (those it had already are ignored); 400 for a body not in the protocol's shape, 409
    for another workshop's events, 422 when one event is invalid (nothing saved), 503 when the file cannot
    be written (nothing saved; the laptop tries again)."""
    if not isinstance(body, dict) or not isinstance(body.get("workshop_id"), str) or "events" not in body:
        return 400, {"error": tr("a push is a JSON object with 'workshop_id' (text) and 'events' (a list)")}
    try:
        events = events_from_list(body["events"])
    except ProtocolError as exc:
        return 422, {"error": str(exc)}
    store = _store(workshop)
    with lock_of(store):
        here = store.workshop_id()
        if body["workshop_id"] != here:
            return 409, {"error": tr("this server keeps workshop {here}, not {there}: the laptop's file is of another "
                                     "workshop; give it the URL of its own workshop's server").format(
                here=here, there=body["workshop_id"][:80])}
        created = [e for e in events if e.kind == "workshop.created" and e.payload.get("workshop_id") != here]
        if created:
            return 409, {"error": tr("the events pushed are of another workshop ({there})").format(
                there=str(created[0].payload.get("workshop_id"))[:80])}
        try:
            saved, last = store.write(-1, lambda present: _new(present or [], events, store))
        except StoreError as exc:
            if exc.code in ("merge_invalid", "merge_clash"):
                return 422, {"error": str(exc)}
            return 503, {"error": str(exc)}
        return 200, {"added": sum(1 for e in saved if e.seq), "last": last}


def _new(present: list[Event], events: list[Event], store: Store) -> list[Event]:
    return checked_new_events(present, [(tr("the laptop's push"), events)], store.path)


def _cursor_kept(store: Store, after: int) -> int:
    """`after` when the file has an event with that seq (nothing new since), else 0: the file went back (a
    backup restored), and the laptop pulls from the start (what it has already is ignored)."""
    return after if after == 0 or store.events_after(after - 1) else 0
