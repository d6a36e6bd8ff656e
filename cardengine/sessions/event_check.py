"""Is this event valid here? One set of rules for every path an event takes into a workshop file.

The actions (workshop.py) check each new event with `check_event` before it is saved; `import` and `merge`
check every incoming event the same way and refuse the file if any fails; the fold (state.py) skips
a stored event that fails (files written by older versions) and records why. Pure functions: a state and an
event in, the problem as one sentence (or None) out.

Two levels. `check_event(..., new=True)` is what a new record must satisfy: besides being usable it also
follows the input rules (names non-empty and free of control characters, real dates, rounds in range).
`new=False` is the fold's level for what is already stored: an event is skipped only when it cannot be
used (wrong types, unknown card, table or criterion, value off the scale, a second `workshop.created`);
an old table name with a control character is kept (and escaped whenever it is printed).

This module checks the envelope and dispatches; the rules live in event_rules.py (the input rules and
references, shared with the actions) and payload_checks.py (each kind's payload).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from cardengine.escaping import escape
from cardengine.i18n import ntr, tr
from cardengine.sessions.event_rules import Problem, table_problem
from cardengine.sessions.events import Event
from cardengine.sessions.payload_checks import CHECKS, created_problem, table_added_problem
from cardengine.sessions.polls import POLL_EVENTS
from cardengine.sessions.state import UNDOABLE, WorkshopState

KINDS = frozenset({"workshop.created", "table.added", "undo", "redo"} | UNDOABLE | POLL_EVENTS)
MAX_ID = 200  # event ids are UUIDs (36 characters); a longer one is not ours


# ---------------------------------------------------------------- the whole event

def check_event(state: WorkshopState, e: Any, *, new: bool = True) -> Problem | None:
    """The problem with event `e` after the events folded into `state`, or None if it may be stored."""
    try:
        return _check(state, e, new)
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:  # the rules assume types
        return Problem(tr("the event is malformed ({error})").format(error=type(exc).__name__), "malformed",
                       error=type(exc).__name__)


def _check(state: WorkshopState, e: Any, new: bool) -> Problem | None:
    problem = envelope_problem(e)
    if problem:
        return problem
    p: dict[str, Any] = e.payload
    if e.kind == "workshop.created":
        if state.id:
            return Problem(tr("a second 'workshop.created' (a workshop is created once; this one would rename it)"),
                           "second_created")
        if e.table is not None:
            return Problem(tr("'workshop.created' belongs to no table"), "created_at_table")
        return created_problem(p, new)
    if not state.id:
        return Problem(tr("no 'workshop.created' event: the file holds no workshop"), "no_workshop")
    if e.kind == "table.added":
        if e.table is not None:
            return Problem(tr("'table.added' names its table in the payload, not in 'table'"),
                           "table_added_at_table")
        return table_added_problem(p, new)
    if e.kind in POLL_EVENTS:  # the plenary's, not a table's
        if e.table is not None:
            return Problem(tr("'{kind}' belongs to the whole workshop, not to a table").format(kind=e.kind),
                           "poll_at_table", kind=e.kind)
    # Every other event happens at a known table (participants may have none).
    elif e.table is not None or e.kind != "participant.added":
        problem = table_problem(state, e.table)
        if problem:
            return problem
    return CHECKS[e.kind](state, e, p, new)


def envelope_problem(e: Any) -> Problem | None:
    """Is `e` an event at all: id, time, origin, kind, table and payload of the right types?"""
    if not isinstance(e, Event):
        return Problem(tr("not an event"), "not_event")
    if not (type(e.id) is type(e.at) is type(e.origin) is type(e.kind) is str  # the common case, fast
            and 0 < len(e.id) <= MAX_ID and 0 < len(e.at) <= MAX_ID and 0 < len(e.origin) <= MAX_ID
            and 0 < len(e.kind) <= MAX_ID):
        for name in ("id", "at", "origin", "kind"):
            value = getattr(e, name)
            if type(value) is not str or not value or len(value) > MAX_ID:
                return Problem(tr("'{field}' must be non-empty text").format(field=name), "envelope_field", field=name)
    try:
        datetime.fromisoformat(e.at)
    except ValueError:
        return Problem(tr("'at' '{value}' is not an ISO 8601 time").format(value=escape(e.at)), "bad_time",
                       value=escape(e.at))
    if e.kind not in KINDS:
        return Problem(tr("unknown kind '{kind}' (kinds: {kinds})").format(
            kind=escape(e.kind), kinds=", ".join(sorted(KINDS))), "unknown_kind", kind=escape(e.kind))
    if e.table is not None and type(e.table) is not str:
        return Problem(tr("'table' must be text or null"), "table_type")
    if type(e.payload) is not dict:
        return Problem(tr("'payload' must be a mapping of fields"), "payload_type")
    return None


# ---------------------------------------------------------------- whole streams (import, merge)

def describe_invalid(invalid: Sequence[tuple[int, str, str, str]], source: object, limit: int = 20) -> list[str]:
    """One line per invalid event: `(position, id, kind, reason)` with a 0-based position in `source`."""
    lines = [tr("{source}: event {number} (id {id}, {kind}): {reason}").format(
        source=source, number=position + 1, id=escape(str(event_id))[:60], kind=escape(str(kind))[:40], reason=reason)
        for position, event_id, kind, reason in invalid[:limit]]
    if len(invalid) > limit:
        more = len(invalid) - limit
        lines.append(ntr("{source}: ... and {n} more invalid event(s)", "{source}: ... and {n} more invalid event(s)",
                         more).format(source=source, n=more))
    return lines
