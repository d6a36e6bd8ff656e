"""What the server knows of its workshop file between pushes: its events and their folded state, so that a push
of a few new events is checked against that state instead of folding the whole workshop again.

The merge rules (`checked_new_events`: the union folded, the new events checked as new records) stay the
judge. The quick check is the one the engine's own actions pass (Workshop: each new event checked against the
state so far, then folded in), taken only when the new events all sort after the file's events and none is an
undo or redo; it only ever accepts. Whenever it would refuse, or the events interleave with the file's, the
full merge check decides, and gives its message.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cardengine.sessions import Event, WorkshopState, check_event, fold, workshop_order
from cardengine.sessions.merge import checked_new_events
from cardengine.sessions.state import record_new
from cardengine.sessions.store import Store

__all__ = ["checked_push", "forget", "saved"]


@dataclass
class Known:
    seq: int  # the last seq read from the file
    events: list[Event]  # in workshop order
    ids: dict[str, Event]
    state: WorkshopState  # fold(events)


_KNOWN: weakref.WeakKeyDictionary[Store, Known] = weakref.WeakKeyDictionary()


def forget(store: Store) -> None:
    """Read everything again next time (after a failed write: what was taken in may not be in the file)."""
    _KNOWN.pop(store, None)


def _caught_up(store: Store) -> Known:
    """The file's events and state as of now; called inside the write transaction, so nothing changes after."""
    known = _KNOWN.get(store)
    if known is None:
        events = store.events()
        known = _KNOWN[store] = Known(max((e.seq for e in events), default=0), events, {e.id: e for e in events},
                                      fold(events))
        return known
    new = store.events_after(known.seq)  # other programs' events (the server's votes, another connection)
    if new:
        known.seq = new[-1].seq
        _take(known, new)
    return known


def _take(known: Known, new: list[Event]) -> None:
    """Add stored events as Workshop._take does: folded in one by one when they land at the end of the workshop
    order and none is an undo or redo, else the whole workshop folded again."""
    merged = workshop_order(known.events + new)
    quick = ([e.id for e in merged[len(known.events):]] == [e.id for e in new]
             and all(e.kind not in ("undo", "redo") for e in new))
    known.events = merged
    known.ids.update((e.id, e) for e in new)
    if quick:
        for e in new:
            if check_event(known.state, e, new=False):
                quick = False
                break
            record_new(known.state, e)
    if not quick:
        known.state = fold(merged)


def checked_push(store: Store, incoming: list[Event], source: str) -> Callable[[list[Event] | None], list[Event]]:
    """The `make` of `store.write` for a push: the incoming events the file lacks, checked; StoreError (from the
    merge rules) when one is invalid or clashes with a stored event. Pass it with `seen` at its largest (it
    reads what it needs itself, inside the transaction)."""
    def make(_: list[Event] | None) -> list[Event]:
        known = _caught_up(store)
        fresh: dict[str, Event] = {}
        for e in incoming:
            if e.id in known.ids:
                if known.ids[e.id].as_dict() != e.as_dict():
                    return _full(known, incoming, source, store.path)  # a clash: the merge rules say it
            elif e.id in fresh and fresh[e.id].as_dict() != e.as_dict():
                return _full(known, incoming, source, store.path)
            else:
                fresh[e.id] = e
        if not fresh:
            return []
        merged = workshop_order(known.events + list(fresh.values()))
        tail = merged[len(known.events):]
        if {e.id for e in tail} != set(fresh) or any(e.kind in ("undo", "redo") for e in tail):
            return _full(known, incoming, source, store.path)
        for e in tail:
            if check_event(known.state, e, new=True):
                forget(store)  # its state took in the events before this one
                return _full(_caught_up(store), incoming, source, store.path)
            record_new(known.state, e)
        known.events = merged
        known.ids.update((e.id, e) for e in tail)
        return tail

    return make


def _full(known: Known, incoming: list[Event], source: str, path: Path) -> list[Event]:
    """The merge rules' judgement (and message); what they accept is taken into `known` as the file will hold it."""
    new = checked_new_events(known.events, [(source, incoming)], path)
    if new:
        _take(known, new)
    return new


def saved(store: Store, last: int) -> None:
    """The push's events are in the file: `last` is its last seq now."""
    known = _KNOWN.get(store)
    if known is not None:
        known.seq = last
