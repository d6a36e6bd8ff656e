"""Is this event valid here? One set of rules for every path an event takes into a workshop file.

The actions (workshop.py) check each new event with `check_event` before it is saved; `import` and `merge`
check every incoming event the same way and refuse the file if any fails; the fold (workshop_state.py) skips
a stored event that fails (files written by older versions) and records why. Pure functions: a state and an
event in, the problem as one sentence (or None) out.

Two levels. `check_event(..., new=True)` is what a new record must satisfy: besides being usable it also
follows the input rules (names non-empty and free of control characters, real dates, rounds in range).
`new=False` is the fold's level for what is already stored: an event is skipped only when it cannot be
used (wrong types, unknown card, table or criterion, value off the scale, a second `workshop.created`);
an old table name with a control character is kept (and escaped whenever it is printed).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from .store import Event
from .workshop_state import COMMENT_KINDS, CONSENSUS, PICK_KINDS, STAKEHOLDER_TYPES, UNDOABLE, WorkshopState

KINDS = frozenset({"workshop.created", "table.added", "undo", "redo"} | UNDOABLE)
ROUNDS = range(1, 100)  # a workshop plays a handful of rounds; 99 leaves room and refuses typos like 2021 (as --round)
PROPOSAL_REF = re.compile(r"P[1-9][0-9]{0,5}")
MAX_ID = 200  # event ids are UUIDs (36 characters); a longer one is not ours


# ---------------------------------------------------------------- input rules, shared with the actions

def name_problem(value: Any, what: str) -> str | None:
    """A name shown in lists and headers: text, not blank, no control characters."""
    if not isinstance(value, str):
        return f"the {what} must be text, not {type(value).__name__}"
    if not value.strip():
        return f"the {what} is empty; give it a name"
    bad = next((ch for ch in value if _unsafe(ch)), None)
    if bad is not None:
        return f"the {what} '{escape(value)}' holds the control character {escape(bad)}; remove it"
    return None


def date_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"date '{escape(str(value))}' is not YYYY-MM-DD, e.g. 2021-07-27"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"date '{value}' is not a real date (check the month and the day)"
    return None


def round_problem(value: Any) -> str | None:
    if not _is_int(value):
        return f"round {escape(repr(value))} is not a whole number"
    if value not in ROUNDS:
        return f"round {value} is out of range ({ROUNDS.start}-{ROUNDS.stop - 1})"
    return None


_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})  # controls, format (bidi overrides), line breaks, surrogates


def _unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _UNSAFE


def escape(text: str) -> str:
    """Text safe to print on a terminal: control characters become \\x1b, \\u202e... (newlines too)."""
    if text.isprintable():  # the common case, fast
        return text
    return "".join(ch.encode("unicode_escape", "backslashreplace").decode("ascii") if _unsafe(ch) else ch
                   for ch in text)


# ---------------------------------------------------------------- references, shared with the actions

def card_problem(state: WorkshopState, card: Any, shown: str | None = None) -> str | None:
    """`shown`: the card as the user typed it, for the message."""
    if not isinstance(card, str) or card not in state.cards:
        decks = ", ".join(sorted(state.decks)) or "no decks"
        return (f"no card '{escape(str(card if shown is None else shown))}' in this workshop's decks ({decks}); "
                "check the id on the card")
    return None


def table_problem(state: WorkshopState, table: Any, shown: str | None = None) -> str | None:
    """`shown`: the table's name as the user typed it, for the message."""
    if not isinstance(table, str) or table not in state.tables:
        names = ", ".join(t.name for t in state.tables.values()) or "none yet"
        return (f"no table '{escape(str(table if shown is None else shown))}' in this workshop "
                f"(tables: {escape(names)}); add it with add-table")
    return None


def score_problem(state: WorkshopState, criterion: Any, value: Any) -> str | None:
    scales = state.known.scales
    if not isinstance(criterion, str) or criterion not in scales:
        return f"no criterion '{escape(str(criterion))}' (criteria: {', '.join(scales)})"
    allowed = scales[criterion]
    if value is not None and (type(value) is not int or value not in allowed):
        return (f"{escape(repr(value) if not _is_int(value) else str(value))} is not on the scale of '{criterion}' "
                f"({', '.join(map(str, allowed))}, or leave it not assessed)")
    return None


def participant_problem(state: WorkshopState, participant: Any) -> str | None:
    if not isinstance(participant, str) or participant not in state.known.participants:
        return f"no participant '{escape(str(participant))}'; add them first or score by consensus"
    return None


def proposal_problem(state: WorkshopState, table: str, ref: Any) -> str | None:
    if not isinstance(ref, str) or (table, ref) not in state.known.proposals:
        return f"no proposal '{escape(str(ref))}' at table '{escape(table)}'"
    return None


# ---------------------------------------------------------------- the whole event

def check_event(state: WorkshopState, e: Any, *, new: bool = True) -> str | None:
    """The problem with event `e` after the events folded into `state`, or None if it may be stored."""
    try:
        return _check(state, e, new)
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:  # the rules assume types
        return f"the event is malformed ({type(exc).__name__})"


def _check(state: WorkshopState, e: Any, new: bool) -> str | None:
    problem = envelope_problem(e)
    if problem:
        return problem
    p: dict[str, Any] = e.payload
    if e.kind == "workshop.created":
        if state.id:
            return "a second 'workshop.created' (a workshop is created once; this one would rename it)"
        if e.table is not None:
            return "'workshop.created' belongs to no table"
        return _created(p, new)
    if not state.id:
        return "no 'workshop.created' event: the file holds no workshop"
    if e.kind == "table.added":
        if e.table is not None:
            return "'table.added' names its table in the payload, not in 'table'"
        problem = _fields(p, {"table": str, "name": str}, {"area": str, "note_taker": str})
        if problem:
            return problem
        if not p["table"].strip():
            return "the table id is empty"
        return _names(new, (p["name"], "table name")) or (
            new and (line_problem(p.get("area", ""), "macro-area") or line_problem(p.get("note_taker", ""),
                                                                                    "note-taker")) or None)
    # Every other event happens at a known table (participants may have none).
    if e.table is not None or e.kind != "participant.added":
        problem = table_problem(state, e.table)
        if problem:
            return problem
    return _CHECKS[e.kind](state, e, p, new)


def envelope_problem(e: Any) -> str | None:
    """Is `e` an event at all: id, time, origin, kind, table and payload of the right types?"""
    if not isinstance(e, Event):
        return "not an event"
    if not (type(e.id) is type(e.at) is type(e.origin) is type(e.kind) is str  # the common case, fast
            and 0 < len(e.id) <= MAX_ID and 0 < len(e.at) <= MAX_ID and 0 < len(e.origin) <= MAX_ID
            and 0 < len(e.kind) <= MAX_ID):
        for name in ("id", "at", "origin", "kind"):
            value = getattr(e, name)
            if type(value) is not str or not value or len(value) > MAX_ID:
                return f"'{name}' must be non-empty text"
    try:
        datetime.fromisoformat(e.at)
    except ValueError:
        return f"'at' '{escape(e.at)}' is not an ISO 8601 time"
    if e.kind not in KINDS:
        return f"unknown kind '{escape(e.kind)}' (kinds: {', '.join(sorted(KINDS))})"
    if e.table is not None and type(e.table) is not str:
        return "'table' must be text or null"
    if type(e.payload) is not dict:
        return "'payload' must be a mapping of fields"
    return None


def _fields(p: dict[str, Any], required: dict[str, type], optional: dict[str, type] | None = None) -> str | None:
    """Required and optional payload fields of exactly the type JSON gives (so true is not a whole number)."""
    for key, kind in required.items():
        if key not in p:
            return f"the payload lacks '{key}'"
        if type(p[key]) is not kind:
            return _wrong_type(key, kind, p[key])
    for key, kind in (optional or {}).items():
        if key in p and type(p[key]) is not kind:
            return _wrong_type(key, kind, p[key])
    return None


def _wrong_type(key: str, kind: type, value: Any) -> str:
    return f"'{key}' must be {_TYPE_WORDS[kind]}, not {escape(repr(value))[:40]}"


_TYPE_WORDS = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}


def _names(new: bool, *pairs: tuple[Any, str]) -> str | None:
    if not new:  # stored names are kept whatever they hold (escaped when printed)
        return None
    return next((problem for value, what in pairs if (problem := name_problem(value, what))), None)


def _is_int(value: Any) -> bool:
    return type(value) is int  # not bool (a subclass), not a float


def _text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _created(p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {"workshop_id": str, "title": str, "territory": str, "date": str, "decks": list,
                          "criteria": dict},
                      {"place": str, "language": str, "facilitator": str, "example": bool})
    if problem:
        return problem
    if not p["workshop_id"]:
        return "the workshop id is empty"
    problem = _names(new, (p["title"], "workshop title"), (p["territory"], "territory"))
    if problem:
        return problem
    if new and (problem := date_problem(p["date"])):
        return problem
    for d in p["decks"]:
        if not (isinstance(d, dict) and all(isinstance(d.get(k), str) for k in ("id", "version", "domain", "colour"))
                and _text_map(d.get("name")) and isinstance(d.get("cards"), list)):
            return "a deck in the snapshot lacks id, version, domain, name, colour or cards"
        for c in d["cards"]:
            if not (isinstance(c, dict) and isinstance(c.get("id"), str) and _text_map(c.get("title"))
                    and isinstance(c.get("sdgs"), list) and all(_is_int(s) for s in c["sdgs"])
                    and _str_list(c.get("scale")) and isinstance(c.get("cost"), str)
                    and isinstance(c.get("horizon"), str)):
                return (f"a card of deck '{escape(d['id'])}' in the snapshot lacks id, title, sdgs, scale, cost "
                        "or horizon")
    return _criteria(p["criteria"])


def _criteria(data: dict[str, Any]) -> str | None:
    from .criteria_snapshot import criteria_from_snapshot

    try:
        crits = criteria_from_snapshot(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return "the criteria snapshot is incomplete"
    for c in crits.criteria:
        if not isinstance(c.id, str) or not c.scale or not all(_is_int(v) for v in c.values):
            return f"criterion '{escape(str(c.id))}' in the snapshot has no scale of whole numbers"
        if not math.isfinite(c.weight) or c.weight < 0:
            return f"criterion '{escape(c.id)}' in the snapshot has the weight {c.weight}"
    return None


def _participant(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {"participant": str, "label": str, "stakeholder_type": str}, {"organisation": str})
    if problem:
        return problem
    if p["stakeholder_type"] not in STAKEHOLDER_TYPES:
        return (f"stakeholder type '{escape(p['stakeholder_type'])}' is not one of "
                f"{', '.join(STAKEHOLDER_TYPES)}")
    if not p["participant"].strip():
        return "the participant id is empty"
    return _names(new, (p["label"], "participant label"))


def _pick(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {"card": str, "kind": str}, {"round": int})
    if problem:
        return problem
    if p["kind"] not in PICK_KINDS:
        return f"pick kind '{escape(p['kind'])}' is not one of {', '.join(PICK_KINDS)}"
    if new and (problem := round_problem(p.get("round", 1))):
        return problem
    return card_problem(state, p["card"])


def _target(state: WorkshopState, table: str, target: Any) -> str | None:
    if isinstance(target, str) and (table, target) in state.known.proposals:
        return None
    return card_problem(state, target)


def _score(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    if "value" not in p:
        return "the payload lacks 'value'"
    problem = _fields(p, {"target": str, "criterion": str}, {"by": str})
    if problem:
        return problem
    problem = _target(state, e.table, p["target"]) or score_problem(state, p["criterion"], p["value"])
    if problem:
        return problem
    by = p.get("by") or CONSENSUS
    return None if by == CONSENSUS else participant_problem(state, by)


def _comment(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {"kind": str, "text": str}, {"card": str, "proposal": str, "by": str})
    if problem:
        return problem
    if p["kind"] not in COMMENT_KINDS:
        return f"comment kind '{escape(p['kind'])}' is not one of {', '.join(COMMENT_KINDS)}"
    if new and not p["text"].strip():
        return "the comment is empty"
    if "card" in p and (problem := card_problem(state, p["card"])):
        return problem
    if "proposal" in p and (problem := proposal_problem(state, e.table, p["proposal"])):
        return problem
    # Older versions saved a comment's author unchecked; it is only a label, so a stored one is kept.
    return participant_problem(state, p["by"]) if new and p.get("by") else None


def line_problem(value: str, what: str) -> str | None:
    """A one-line text that may be empty (a place, an area, a note-taker): no control characters."""
    return name_problem(value, what) if value else None


def _proposal_fields(state: WorkshopState, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {}, {"title": str, "description": str, "cards": list, "lead_actors": list, "where": str})
    if problem:
        return problem
    if "title" in p and (problem := _names(new, (p["title"], "proposal title"))):
        return problem
    if "lead_actors" in p and not _str_list(p["lead_actors"]):
        return "'lead_actors' must be a list of text"
    if new and (problem := next((problem for actor in p.get("lead_actors", [])
                                 if (problem := name_problem(actor, "lead actor"))), None)):
        return problem
    if new and (problem := line_problem(p.get("where", ""), "place")):
        return problem
    if "cards" in p:
        if not p["cards"]:
            return "a proposal combines at least one card"
        for link in p["cards"]:
            if not (isinstance(link, dict) and isinstance(link.get("how", ""), str)):
                return "each of a proposal's cards is {card, how}"
            if problem := card_problem(state, link.get("card")):
                return problem
    return None


def _proposal_created(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {"ref": str, "title": str, "cards": list})
    if problem:
        return problem
    if not PROPOSAL_REF.fullmatch(p["ref"]):
        return f"proposal reference '{escape(p['ref'])}' is not P1, P2, ..."
    return _proposal_fields(state, p, new)


def _proposal_updated(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {"ref": str}) or proposal_problem(state, e.table, p["ref"])
    return problem or _proposal_fields(state, p, new)


def _comment_edited(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {"comment": str}, {"kind": str, "text": str, "by": str})
    if problem:
        return problem
    if state.known.comments.get(p["comment"]) != (e.table or ""):
        return f"no comment '{escape(p['comment'])}' at table '{escape(str(e.table))}' to edit"
    if not any(key in p for key in ("kind", "text", "by")):
        return "the edit changes nothing (give kind, text or by)"
    if "kind" in p and p["kind"] not in COMMENT_KINDS:
        return f"comment kind '{escape(p['kind'])}' is not one of {', '.join(COMMENT_KINDS)}"
    if new and "text" in p and not p["text"].strip():
        return "the comment is empty"
    return participant_problem(state, p["by"]) if new and p.get("by") else None


def _table_updated(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {}, {"area": str, "note_taker": str})
    if problem:
        return problem
    if "area" not in p and "note_taker" not in p:
        return "the update changes nothing (give area or note_taker)"
    if new:
        return line_problem(p.get("area", ""), "macro-area") or line_problem(p.get("note_taker", ""), "note-taker")
    return None


def _priorities(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {}, {"domains": list, "cards": list})
    if problem:
        return problem
    known = {d.domain for d in state.decks.values()}
    for d in p.get("domains", []):
        if not isinstance(d, str) or d not in known:
            return f"no domain '{escape(str(d))}' (domains: {', '.join(sorted(known))})"
    return next((problem for c in p.get("cards", []) if (problem := card_problem(state, c))), None)


def _step(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> str | None:
    problem = _fields(p, {"target": str})
    if problem:
        return problem
    table = state.known.actions.get(p["target"])
    if table is None:
        return f"{e.kind} of '{escape(p['target'])}', which is no earlier action that can be undone"
    if table != (e.table or ""):
        return f"{e.kind} at table '{escape(str(e.table))}' of an action of another table"
    return None


_CHECKS = {"participant.added": _participant, "pick": _pick, "score": _score, "comment": _comment,
           "proposal.created": _proposal_created, "proposal.updated": _proposal_updated,
           "priorities.set": _priorities, "undo": _step, "redo": _step,
           "comment.edited": _comment_edited, "table.updated": _table_updated}


# ---------------------------------------------------------------- whole streams (import, merge)

def describe_invalid(invalid: Sequence[tuple[int, str, str, str]], source: object, limit: int = 20) -> list[str]:
    """One line per invalid event: `(position, id, kind, reason)` with a 0-based position in `source`."""
    lines = [f"{source}: event {position + 1} (id {escape(str(event_id))[:60]}, {escape(str(kind))[:40]}): {reason}"
             for position, event_id, kind, reason in invalid[:limit]]
    if len(invalid) > limit:
        lines.append(f"{source}: ... and {len(invalid) - limit} more invalid event(s)")
    return lines
