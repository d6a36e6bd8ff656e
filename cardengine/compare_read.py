"""A workshop file's derived state for `compare`, read without building a `Workshop`.

`Workshop.open` keeps what the app needs to record and undo: every event as an `Event`, undo and redo stacks,
and it checks each stored event with the general `check_event`. `compare` only reads: this module folds the
same rows into the same `WorkshopState` in about half the time, by

- checking the two kinds that make up most of a file (score, pick) with the rules of `event_check` written
  out for them (any doubt goes to `check_event` itself), and taking the rows as they come from SQLite, making
  an `Event` only for the other kinds;
- leaving out the undo and redo stacks (only which actions count matters here).

Every check that makes a file safe to read stays: the file is opened by `Store.open` (header, version, stray
or foreign `-wal`, `quick_check`: the same errors), and anything this reader is not sure of (a damaged
payload, an event that fails a check, a fold that raises, a file with no workshop) returns None: the caller
then reads the file the reference way (`Workshop.open`), which gives the one true answer or error.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from .event_check import KINDS, MAX_ID, check_event
from .store import Event, Store
from .workshop_state import (CONSENSUS, PICK_KINDS, UNDOABLE, Pick, WorkshopState, apply_event, declare,
                             effective_actions)

Row = tuple[int, str, str, str, str, str | None, str]  # seq, id, at, origin, kind, tbl, payload as stored
_ORDER = itemgetter(2, 3)  # (at, origin): how `workshop_order` interleaves laptops
_FAST = frozenset({"score", "pick"})


class _Unsure(Exception):
    """This reader cannot vouch for the result: read the file the reference way."""


def read_state(path: Path, digest: Callable[[Path], str]) -> tuple[WorkshopState, int, str, str] | None:
    """(state, events in the file, latest event time, `digest(path)`) as `Workshop.open(path)` gives them, or
    None when the file needs the reference reader (its errors and its rules for odd events). Raises
    `StoreError` exactly as `Store.open` does for a file that is not safe to open. `digest` runs while the
    file is open, as in the reference reader (closing it may move its log's events into it)."""
    store = Store.open(path)
    try:
        rows: list[Row] = store._conn.execute(
            "SELECT seq, id, at, origin, kind, tbl, payload FROM events ORDER BY seq").fetchall()
        payloads = json.loads("[" + ",".join(r[6] for r in rows) + "]")
        digested = digest(path)
    except (sqlite3.DatabaseError, json.JSONDecodeError, TypeError, RecursionError):
        return None  # the reference reader names the damage
    finally:
        store.close()
    if len(payloads) != len(rows):
        return None
    try:
        state = fold_rows(rows, payloads)
        last = max((r[2] for r in rows), default="")
    except (_Unsure, KeyError, TypeError, ValueError, AttributeError, RecursionError):
        return None
    if not state.id or not isinstance(last, str):
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
    keys = [_ORDER(r) for r in rows]
    return list(heapq.merge(*by_origin.values(), key=keys.__getitem__))


def fold_rows(rows: list[Row], payloads: list[Any]) -> WorkshopState:
    """`workshop_state.fold(store.events())` of these rows, without its undo and redo stacks: the same
    tables, picks, scores, comments, proposals, participants and workshop facts."""
    order = _ordered(rows)
    created = [i for i in order if rows[i][4] == "workshop.created"]  # folded first, wherever they stand
    if len(created) != len(order):
        created_set = set(created)
        order = created + [i for i in order if i not in created_set]
    state = WorkshopState(events=len(rows))
    known = state.known
    valid: list[tuple[int, Event | None]] = []  # (row, its Event when not a score or pick)
    undo = False
    fromiso = datetime.fromisoformat
    for i in order:
        _, eid, at, origin, kind, table, _ = rows[i]
        p = payloads[i]
        if kind in _FAST and state.id and _envelope_ok(eid, at, origin, kind, table, p) \
                and table in state.tables and _valid_fast(state, kind, table, p):
            fromiso(at)  # envelope_problem's time check (ValueError: let the reference reader decide)
            known.actions[eid] = table
            valid.append((i, None))
            continue
        e = Event(eid, at, origin, kind, table, p, rows[i][0])
        if check_event(state, e, new=False):
            continue  # skipped, as the fold skips it (facts do not list what was skipped)
        declare(state, e)
        if kind in ("workshop.created", "table.added"):
            apply_event(state, e)
        else:
            undo = undo or kind in ("undo", "redo")
            valid.append((i, e))
    counted: set[str] | None = None
    if undo:  # which actions count after every undo and redo; no undo or redo: all of them
        counted = effective_actions([e or _event(rows[i], payloads[i]) for i, e in valid])[0]
    tables = state.tables
    for i, e in valid:
        kind, eid = rows[i][4], rows[i][1]
        if counted is not None and kind in UNDOABLE and eid not in counted:
            continue
        if e is not None:
            apply_event(state, e)
            continue
        p, table = payloads[i], tables[rows[i][5]]  # a checked score or pick is at a known table
        if kind == "score":
            table.scores[(p["target"], p["criterion"], p.get("by") or CONSENSUS)] = p["value"]
        else:
            table.picks[p["card"]] = Pick(p["card"], p["kind"], p.get("round", 1), eid, rows[i][2])
    return state


def _event(row: Row, payload: Any) -> Event:
    return Event(row[1], row[2], row[3], row[4], row[5], payload, row[0])


def _envelope_ok(eid: Any, at: Any, origin: Any, kind: str, table: Any, p: Any) -> bool:
    """`event_check.envelope_problem` finds nothing (but for the time, checked by the caller)."""
    return (type(eid) is type(at) is type(origin) is str and 0 < len(eid) <= MAX_ID and 0 < len(at) <= MAX_ID
            and 0 < len(origin) <= MAX_ID and kind in KINDS and type(table) is str and type(p) is dict)


def _valid_fast(state: WorkshopState, kind: str, table: str, p: dict[str, Any]) -> bool:
    """`check_event(state, e, new=False)` of a score or pick at a known table finds nothing. False means
    "not sure" (the caller asks `check_event`), never "invalid"."""
    if kind == "score":  # event_check._score
        target, criterion, by = p.get("target"), p.get("criterion"), p.get("by", CONSENSUS)
        if "value" not in p or type(target) is not str or type(criterion) is not str or type(by) is not str:
            return False
        if (table, target) not in state.known.proposals and target not in state.cards:
            return False
        allowed = state.known.scales.get(criterion)
        value = p["value"]
        if allowed is None or (value is not None and (type(value) is not int or value not in allowed)):
            return False
        return (by or CONSENSUS) == CONSENSUS or by in state.known.participants
    # event_check._pick
    card, pick_kind, rnd = p.get("card"), p.get("kind"), p.get("round", 1)
    return type(card) is str and type(pick_kind) is str and type(rnd) is int and pick_kind in PICK_KINDS \
        and card in state.cards
