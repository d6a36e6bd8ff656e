"""A workshop file's derived state for `compare`, read without building a `Workshop`.

`Workshop.open` keeps what the app needs to record and undo: every event as an `Event`, undo and redo stacks,
and it checks each stored event with the general `check_event`. `compare` only reads: this module folds the
same rows into the same `WorkshopState` in about 40 % of the time (2.8 ms against 6.8 ms for a file of 1,129
events, `bench/compare.py`'s), by

- checking the two kinds that make up most of a file (score, pick) with the rules of `event_check` written
  out for them (any doubt goes to `check_event` itself), and taking the rows as they come from SQLite, making
  an `Event` only for the other kinds;
- applying each valid event as soon as it is checked when the file has no undo or redo, and leaving out the
  undo and redo stacks otherwise (only which actions count matters here).

Every check that makes a file safe to read stays: the file is opened by `Store.open` (header, version, stray
or foreign `-wal`, `quick_check`: the same errors), and anything this reader is not sure of (a damaged
payload, a time that is no time, a fold that raises, a file with no workshop) returns None: the caller then
reads the file the reference way (`Workshop.open`), which gives the one true answer or error.
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import pickle
import sqlite3
from collections.abc import Callable
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from cardengine.compare.measures.facts import WorkshopFacts
from cardengine.sessions import Event, Store
from cardengine.sessions.event_check import MAX_ID, check_event
from cardengine.sessions.polls import POLL_EVENTS
from cardengine.sessions.state import (
    CONSENSUS,
    PICK_KINDS,
    UNDOABLE,
    CardRef,
    DeckRef,
    Pick,
    WorkshopState,
    apply_event,
    declare,
    effective_actions,
)

Row = tuple[int, str, str, str, str, str | None, str]  # seq, id, at, origin, kind, tbl, payload as stored
_ORDER = itemgetter(2, 3)  # (at, origin): how `workshop_order` interleaves laptops


def read_state(path: Path, digest: Callable[[Path], str]) -> tuple[WorkshopState, int, str, str] | None:
    """(state, events in the file, latest event time, `digest(path)`) as `Workshop.open(path)` gives them, or
    None when the file needs the reference reader (its errors and its rules for odd events). Raises
    `StoreError` exactly as `Store.open` does for a file that is not safe to open. `digest` runs once the file
    is closed, as in the reference reader (closing it may move its log's events into it: the hash is of the
    bytes `sha256sum` sees afterwards)."""
    store = Store.open(path)
    try:
        rows: list[Row] = store._conn.execute(
            "SELECT seq, id, at, origin, kind, tbl, payload FROM events ORDER BY seq").fetchall()
        payloads = json.loads("[" + ",".join(r[6] for r in rows) + "]")
    except (sqlite3.DatabaseError, json.JSONDecodeError, TypeError, RecursionError):
        return None  # the reference reader names the damage
    finally:
        store.close()
    digested = digest(path)
    if len(payloads) != len(rows):
        return None
    try:
        state = fold_rows(rows, payloads)
        last = max((r[2] for r in rows if isinstance(r[2], str)), default="")  # as run._facts_of
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
        return None
    if not state.id:
        return None
    return state, len(rows), last, digested


def _ordered(rows: list[Row]) -> list[int]:
    """Row positions in workshop order (`store.workshop_order`): each origin's rows in the order saved,
    origins interleaved by (at, origin) exactly as its `heapq.merge` does."""
    by_origin: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_origin.setdefault(r[3], []).append(i)
    if len(by_origin) <= 1:
        return list(range(len(rows)))
    keys = list(map(_ORDER, rows))
    # When each origin's rows are in time order (clocks that never stepped back), merging them is a stable
    # sort by (at, origin): rows with equal keys share an origin and keep their order. Sorting runs in C.
    if all(sorted(k := [keys[i] for i in positions]) == k for positions in by_origin.values()):
        return sorted(range(len(rows)), key=keys.__getitem__)
    return list(heapq.merge(*by_origin.values(), key=keys.__getitem__))


def fold_rows(rows: list[Row], payloads: list[Any]) -> WorkshopState:
    """`workshop_state.fold(store.events())` of these rows, without its undo and redo stacks: the same
    tables, picks, scores, comments, proposals, participants and workshop facts."""
    order = _ordered(rows)
    kinds = [r[4] for r in rows]
    if kinds.count("workshop.created") != 1 or kinds[order[0]] != "workshop.created":
        created = [i for i in order if kinds[i] == "workshop.created"]  # folded first, wherever they stand
        order = created + [i for i in order if kinds[i] != "workshop.created"]
    # Without undo or redo every valid action counts, so each is applied as soon as it is checked (applying
    # changes nothing a later check looks at: those look at what `declare` notes, the workshop and its
    # tables, which are applied at once in the fold too). With them, actions wait for `effective_actions`.
    deferred = "undo" in kinds or "redo" in kinds
    state = WorkshopState(events=len(rows))
    known = state.known
    actions, proposals, participants = known.actions, known.proposals, known.participants
    tables, cards = state.tables, state.cards
    valid: list[tuple[int, Event | None]] = []  # deferred: (row, its Event when not a score or pick)
    fromiso = datetime.fromisoformat
    for i in order:
        _, eid, at, origin, kind, table, _ = rows[i]
        p = payloads[i]
        # A score or pick: event_check's envelope, table, _score and _pick rules (new=False), written out.
        # Whatever fails here goes to check_event, which decides (this test only ever says "surely valid").
        if (kind == "score" or kind == "pick") and state.id and type(eid) is type(at) is type(origin) is \
                type(table) is str and 0 < len(eid) <= MAX_ID and 0 < len(at) <= MAX_ID \
                and 0 < len(origin) <= MAX_ID and type(p) is dict and table in tables:
            if kind == "score":
                target: Any = p.get("target")
                criterion: Any = p.get("criterion")
                by: Any = p.get("by", CONSENSUS)
                value: Any = p.get("value")
                allowed = known.scales.get(criterion) if type(criterion) is str else None  # (set by the creation)
                if ("value" in p and type(target) is str and type(by) is str and allowed is not None
                        and (value is None or (type(value) is int and value in allowed))
                        and ((table, target) in proposals or target in cards)
                        and ((by or CONSENSUS) == CONSENSUS or by in participants)):
                    fromiso(at)  # the envelope's time check (a ValueError sends the file to the reference reader)
                    actions[eid] = table
                    if deferred:
                        valid.append((i, None))
                    else:
                        tables[table].scores[(target, criterion, by or CONSENSUS)] = value
                    continue
            else:
                card, pick_kind, rnd = p.get("card"), p.get("kind"), p.get("round", 1)
                if type(card) is str and type(pick_kind) is str and type(rnd) is int and pick_kind in PICK_KINDS \
                        and card in cards:
                    fromiso(at)
                    actions[eid] = table
                    if deferred:
                        valid.append((i, None))
                    else:
                        tables[table].picks[card] = Pick(card, pick_kind, rnd, eid, at)
                    continue
        elif kind == "workshop.created" and not state.id and table is None \
                and _created_known(state, eid, at, origin, p):  # decks and criteria as a workshop read before
            continue
        e = Event(eid, at, origin, kind, table, p, rows[i][0])
        if check_event(state, e, new=False):
            continue  # skipped, as the fold skips it (facts do not list what was skipped)
        if kind == "workshop.created" and not state.id:
            apply_event(state, e)
            _remember_created(state, p)
            continue
        declare(state, e)
        if kind in ("workshop.created", "table.added") or kind in POLL_EVENTS or not deferred:  # (as the fold)
            apply_event(state, e)
        else:
            valid.append((i, e))
    if deferred:  # which actions count after every undo and redo
        counted = effective_actions([ev or _event(rows[i], payloads[i]) for i, ev in valid])[0]
        for i, ev in valid:
            if ev is not None:
                if ev.kind not in UNDOABLE or ev.id in counted:
                    apply_event(state, ev)
                continue
            row = rows[i]
            if row[1] not in counted:  # scores and picks are undoable
                continue
            p, t = payloads[i], tables[row[5] or ""]  # a checked score or pick is at a known table (not None)
            if row[4] == "score":
                t.scores[(p["target"], p["criterion"], p.get("by") or CONSENSUS)] = p["value"]
            else:
                t.picks[p["card"]] = Pick(p["card"], p["kind"], p.get("round", 1), row[1], row[2])
    return state


# The decks and criteria a workshop was created with, checked and built (event_check._created, apply_event),
# by their exact value: every workshop made from the same decks repeats them (a millisecond a file to check
# and build again). Keyed by their pickle, which differs wherever the values or their types differ (1, 1.0 and
# true pickle apart), so a hit is the same snapshot; a miss only costs the usual way.
_CREATED: dict[bytes, tuple[dict[str, DeckRef], dict[str, CardRef], Any, dict[str, tuple[int, ...]]]] = {}
_CREATED_FIELDS = {"workshop_id": str, "title": str, "territory": str, "date": str, "decks": list, "criteria": dict}
_CREATED_OPTIONAL = {"place": str, "language": str, "facilitator": str, "example": bool}


def _snapshot_key(p: dict[str, Any]) -> bytes:
    return pickle.dumps((p["decks"], p["criteria"]), protocol=pickle.HIGHEST_PROTOCOL)


def _created_known(state: WorkshopState, eid: Any, at: Any, origin: Any, p: Any) -> bool:
    """Fold the workshop's creation from the snapshots checked and built before, when its decks and criteria
    are among them and the rest of it passes event_check (envelope, `_created`'s fields; new=False): True
    when done. `apply_event`'s `workshop.created`, with the built parts taken from the cache."""
    if not (type(eid) is type(at) is type(origin) is str and 0 < len(eid) <= MAX_ID and 0 < len(at) <= MAX_ID
            and 0 < len(origin) <= MAX_ID and type(p) is dict
            and all(key in p and type(p[key]) is kind for key, kind in _CREATED_FIELDS.items())
            and all(type(p[key]) is kind for key, kind in _CREATED_OPTIONAL.items() if key in p)
            and p["workshop_id"]):
        return False
    built = _CREATED.get(_snapshot_key(p))
    if built is None:
        return False
    datetime.fromisoformat(at)  # the envelope's time check (a ValueError sends the file to the reference reader)
    decks, cards, criteria, scales = built
    state.id = p["workshop_id"]
    for key in ("title", "territory", "date", "place", "language", "facilitator"):
        setattr(state, key, p.get(key, ""))
    state.example = bool(p.get("example", False))
    state.decks.update(decks)
    state.cards.update(cards)
    state.criteria = criteria
    state.known.scales = dict(scales)
    return True


def _remember_created(state: WorkshopState, p: dict[str, Any]) -> None:
    """Keep what the creation just folded (valid, into an empty state) for the next workshop."""
    if len(_CREATED) >= 16:  # a handful of deck versions at most
        _CREATED.clear()
    _CREATED[_snapshot_key(p)] = (dict(state.decks), dict(state.cards), state.criteria, dict(state.known.scales))


def _event(row: Row, payload: Any) -> Event:
    return Event(row[1], row[2], row[3], row[4], row[5], payload, row[0])


# What every workshop made from the same decks and criteria repeats: the cards, domains and criteria, and the
# cards on offer at each table. A worker process hands its facts back pickled; the same object in several
# workshops of one batch is pickled, sent and unpickled once (and held once by the main process).
_SHARED: dict[str, list[Any]] = {"cards": [], "domains": [], "criteria": [], "available": []}


def _one_of(kind: str, value: Any) -> Any:
    """An equal value seen before in this process, else `value` (kept for next time)."""
    seen = _SHARED[kind]
    for known in seen:
        if known == value:  # exact here: the snapshots' fields passed event_check's type checks
            return known
    seen.insert(0, value)
    del seen[8:]  # a handful of deck versions at most
    return value


def shared(facts: WorkshopFacts) -> WorkshopFacts:
    """`facts` with the parts it has in common with workshops read before in this process made the same
    objects (equal values, so the facts are equal)."""
    available = _one_of("available", facts.tables[0].available) if facts.tables else None
    return dataclasses.replace(
        facts, cards=_one_of("cards", facts.cards), domains=_one_of("domains", facts.domains),
        criteria=_one_of("criteria", facts.criteria),
        tables=tuple(dataclasses.replace(t, available=available) if t.available == available else t
                     for t in facts.tables))
