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
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from cardengine.escaping import _unsafe, escape
from cardengine.sessions.state import COMMENT_KINDS, CONSENSUS, PICK_KINDS, STAKEHOLDER_TYPES, UNDOABLE, WorkshopState
from cardengine.sessions.store import Event

KINDS = frozenset({"workshop.created", "table.added", "undo", "redo"} | UNDOABLE)
ROUNDS = range(1, 100)  # a workshop plays a handful of rounds; 99 leaves room and refuses typos like 2021 (as --round)
PROPOSAL_REF = re.compile(r"P[1-9][0-9]{0,5}")
MAX_ID = 200  # event ids are UUIDs (36 characters); a longer one is not ours


class Problem(str):
    """A problem's English sentence (what the command line prints, unchanged) that also carries a `code` and
    `values`, so that the app can say it in its own language (tui/i18n.py has `error_CODE` for every code).
    A str, so every caller that tests, prints or compares a problem's text works as before."""

    code: str
    values: dict[str, str]

    def __new__(cls, text: str, code: str = "", **values: Any) -> Problem:
        self = super().__new__(cls, text)
        self.code, self.values = code, {key: str(value) for key, value in values.items()}
        return self


def _what(what: str) -> str:
    """The code of a field's English name ('table name' -> 'table_name'), for the app's word for it."""
    return re.sub(r"[^a-z]+", "_", what)


# ---------------------------------------------------------------- input rules, shared with the actions

def name_problem(value: Any, what: str) -> Problem | None:
    """A name shown in lists and headers: text, not blank, no control characters."""
    if not isinstance(value, str):
        return Problem(f"the {what} must be text, not {type(value).__name__}", "name_type", what_code=_what(what),
                       type=type(value).__name__)
    if not value.strip():
        return Problem(f"the {what} is empty; give it a name", "name_empty", what_code=_what(what))
    bad = next((ch for ch in value if _unsafe(ch)), None)
    if bad is not None:
        return Problem(f"the {what} '{escape(value)}' holds the control character {escape(bad)}; remove it",
                       "name_control", what_code=_what(what), value=escape(value), char=escape(bad))
    return None


def date_problem(value: Any) -> Problem | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Problem(f"date '{escape(str(value))}' is not YYYY-MM-DD, e.g. 2021-07-27", "date_format",
                       value=escape(str(value)))
    try:
        date.fromisoformat(value)
    except ValueError:
        return Problem(f"date '{value}' is not a real date (check the month and the day)", "date_unreal",
                       value=value)
    return None


def round_problem(value: Any) -> Problem | None:
    if not _is_int(value):
        return Problem(f"round {escape(repr(value))} is not a whole number", "round_type",
                       value=escape(repr(value)))
    if value not in ROUNDS:
        return Problem(f"round {value} is out of range ({ROUNDS.start}-{ROUNDS.stop - 1})", "round_range",
                       value=value, low=ROUNDS.start, high=ROUNDS.stop - 1)
    return None


# ---------------------------------------------------------------- references, shared with the actions

def card_problem(state: WorkshopState, card: Any, shown: str | None = None) -> Problem | None:
    """`shown`: the card as the user typed it, for the message."""
    if not isinstance(card, str) or card not in state.cards:
        decks = ", ".join(sorted(state.decks)) or "no decks"
        card = escape(str(card if shown is None else shown))
        return Problem(f"no card '{card}' in this workshop's decks ({decks}); check the id on the card", "no_card",
                       card=card, decks=decks)
    return None


def table_problem(state: WorkshopState, table: Any, shown: str | None = None) -> Problem | None:
    """`shown`: the table's name as the user typed it, for the message."""
    if not isinstance(table, str) or table not in state.tables:
        names = ", ".join(t.name for t in state.tables.values()) or "none yet"
        table = escape(str(table if shown is None else shown))
        return Problem(f"no table '{table}' in this workshop (tables: {escape(names)}); add it with add-table",
                       "no_table", table=table, tables=escape(names))
    return None


def score_problem(state: WorkshopState, criterion: Any, value: Any) -> Problem | None:
    scales = state.known.scales
    if not isinstance(criterion, str) or criterion not in scales:
        return Problem(f"no criterion '{escape(str(criterion))}' (criteria: {', '.join(scales)})", "no_criterion",
                       criterion=escape(str(criterion)), criteria=", ".join(scales))
    allowed = scales[criterion]
    if value is not None and (type(value) is not int or value not in allowed):
        shown = escape(repr(value) if not _is_int(value) else str(value))
        return Problem(f"{shown} is not on the scale of '{criterion}' ({', '.join(map(str, allowed))}, or leave it "
                       "not assessed)", "off_scale", value=shown, criterion=criterion,
                       values=", ".join(map(str, allowed)))
    return None


def participant_problem(state: WorkshopState, participant: Any) -> Problem | None:
    if not isinstance(participant, str) or participant not in state.known.participants:
        return Problem(f"no participant '{escape(str(participant))}'; add them first or score by consensus",
                       "no_participant", participant=escape(str(participant)))
    return None


def proposal_problem(state: WorkshopState, table: str, ref: Any) -> Problem | None:
    if not isinstance(ref, str) or (table, ref) not in state.known.proposals:
        return Problem(f"no proposal '{escape(str(ref))}' at table '{escape(table)}'", "no_proposal",
                       ref=escape(str(ref)), table=escape(table))
    return None


# ---------------------------------------------------------------- the whole event

def check_event(state: WorkshopState, e: Any, *, new: bool = True) -> Problem | None:
    """The problem with event `e` after the events folded into `state`, or None if it may be stored."""
    try:
        return _check(state, e, new)
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:  # the rules assume types
        return Problem(f"the event is malformed ({type(exc).__name__})", "malformed", error=type(exc).__name__)


def _check(state: WorkshopState, e: Any, new: bool) -> Problem | None:
    problem = envelope_problem(e)
    if problem:
        return problem
    p: dict[str, Any] = e.payload
    if e.kind == "workshop.created":
        if state.id:
            return Problem("a second 'workshop.created' (a workshop is created once; this one would rename it)",
                           "second_created")
        if e.table is not None:
            return Problem("'workshop.created' belongs to no table", "created_at_table")
        return _created(p, new)
    if not state.id:
        return Problem("no 'workshop.created' event: the file holds no workshop", "no_workshop")
    if e.kind == "table.added":
        if e.table is not None:
            return Problem("'table.added' names its table in the payload, not in 'table'", "table_added_at_table")
        problem = _fields(p, {"table": str, "name": str}, {"area": str, "note_taker": str})
        if problem:
            return problem
        if not p["table"].strip():
            return Problem("the table id is empty", "empty_id", what_code="table")
        return _names(new, (p["name"], "table name")) or (
            (new and (line_problem(p.get("area", ""), "macro-area") or line_problem(p.get("note_taker", ""),
                                                                                    "note-taker"))) or None)
    # Every other event happens at a known table (participants may have none).
    if e.table is not None or e.kind != "participant.added":
        problem = table_problem(state, e.table)
        if problem:
            return problem
    return _CHECKS[e.kind](state, e, p, new)


def envelope_problem(e: Any) -> Problem | None:
    """Is `e` an event at all: id, time, origin, kind, table and payload of the right types?"""
    if not isinstance(e, Event):
        return Problem("not an event", "not_event")
    if not (type(e.id) is type(e.at) is type(e.origin) is type(e.kind) is str  # the common case, fast
            and 0 < len(e.id) <= MAX_ID and 0 < len(e.at) <= MAX_ID and 0 < len(e.origin) <= MAX_ID
            and 0 < len(e.kind) <= MAX_ID):
        for name in ("id", "at", "origin", "kind"):
            value = getattr(e, name)
            if type(value) is not str or not value or len(value) > MAX_ID:
                return Problem(f"'{name}' must be non-empty text", "envelope_field", field=name)
    try:
        datetime.fromisoformat(e.at)
    except ValueError:
        return Problem(f"'at' '{escape(e.at)}' is not an ISO 8601 time", "bad_time", value=escape(e.at))
    if e.kind not in KINDS:
        return Problem(f"unknown kind '{escape(e.kind)}' (kinds: {', '.join(sorted(KINDS))})", "unknown_kind",
                       kind=escape(e.kind))
    if e.table is not None and type(e.table) is not str:
        return Problem("'table' must be text or null", "table_type")
    if type(e.payload) is not dict:
        return Problem("'payload' must be a mapping of fields", "payload_type")
    return None


def _fields(p: dict[str, Any], required: dict[str, type], optional: dict[str, type] | None = None) -> Problem | None:
    """Required and optional payload fields of exactly the type JSON gives (so true is not a whole number)."""
    for key, kind in required.items():
        if key not in p:
            return Problem(f"the payload lacks '{key}'", "field_missing", field=key)
        if type(p[key]) is not kind:
            return _wrong_type(key, kind, p[key])
    for key, kind in (optional or {}).items():
        if key in p and type(p[key]) is not kind:
            return _wrong_type(key, kind, p[key])
    return None


def _wrong_type(key: str, kind: type, value: Any) -> Problem:
    return Problem(f"'{key}' must be {_TYPE_WORDS[kind]}, not {escape(repr(value))[:40]}", "field_type", field=key,
                   type_code=kind.__name__, value=escape(repr(value))[:40])


_TYPE_WORDS = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}


def _names(new: bool, *pairs: tuple[Any, str]) -> Problem | None:
    if not new:  # stored names are kept whatever they hold (escaped when printed)
        return None
    return next((problem for value, what in pairs if (problem := name_problem(value, what))), None)


def _is_int(value: Any) -> bool:
    return type(value) is int  # not bool (a subclass), not a float


def _text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _created(p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"workshop_id": str, "title": str, "territory": str, "date": str, "decks": list,
                          "criteria": dict},
                      {"place": str, "language": str, "facilitator": str, "example": bool})
    if problem:
        return problem
    if not p["workshop_id"]:
        return Problem("the workshop id is empty", "empty_id", what_code="workshop")
    problem = _names(new, (p["title"], "workshop title"), (p["territory"], "territory"))
    if problem:
        return problem
    if new and (problem := date_problem(p["date"])):
        return problem
    for d in p["decks"]:
        if not (isinstance(d, dict) and all(isinstance(d.get(k), str) for k in ("id", "version", "domain", "colour"))
                and _text_map(d.get("name")) and isinstance(d.get("cards"), list)):
            return Problem("a deck in the snapshot lacks id, version, domain, name, colour or cards", "deck_snapshot")
        for c in d["cards"]:
            if not (isinstance(c, dict) and isinstance(c.get("id"), str) and _text_map(c.get("title"))
                    and isinstance(c.get("sdgs"), list) and all(_is_int(s) for s in c["sdgs"])
                    and _str_list(c.get("scale")) and isinstance(c.get("cost"), str)
                    and isinstance(c.get("horizon"), str)):
                return Problem(f"a card of deck '{escape(d['id'])}' in the snapshot lacks id, title, sdgs, scale, "
                               "cost or horizon", "card_snapshot", deck=escape(d["id"]))
    return _criteria(p["criteria"])


def _criteria(data: dict[str, Any]) -> Problem | None:
    from cardengine.sessions.criteria_snapshot import criteria_from_snapshot

    try:
        crits = criteria_from_snapshot(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return Problem("the criteria snapshot is incomplete", "criteria_snapshot")
    for c in crits.criteria:
        if not isinstance(c.id, str) or not c.scale or not all(_is_int(v) for v in c.values):
            return Problem(f"criterion '{escape(str(c.id))}' in the snapshot has no scale of whole numbers",
                           "criterion_scale", criterion=escape(str(c.id)))
        if not math.isfinite(c.weight) or c.weight < 0:
            return Problem(f"criterion '{escape(c.id)}' in the snapshot has the weight {c.weight}",
                           "criterion_weight", criterion=escape(c.id), weight=c.weight)
    return None


def _participant(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"participant": str, "label": str, "stakeholder_type": str}, {"organisation": str})
    if problem:
        return problem
    if p["stakeholder_type"] not in STAKEHOLDER_TYPES:
        return Problem(f"stakeholder type '{escape(p['stakeholder_type'])}' is not one of "
                       f"{', '.join(STAKEHOLDER_TYPES)}", "stakeholder_type", value=escape(p["stakeholder_type"]))
    if not p["participant"].strip():
        return Problem("the participant id is empty", "empty_id", what_code="participant")
    return _names(new, (p["label"], "participant label"))


def _pick(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"card": str, "kind": str}, {"round": int})
    if problem:
        return problem
    if p["kind"] not in PICK_KINDS:
        return Problem(f"pick kind '{escape(p['kind'])}' is not one of {', '.join(PICK_KINDS)}", "pick_kind",
                       value=escape(p["kind"]))
    if new and (problem := round_problem(p.get("round", 1))):
        return problem
    return card_problem(state, p["card"])


def _target(state: WorkshopState, table: str, target: Any) -> Problem | None:
    if isinstance(target, str) and (table, target) in state.known.proposals:
        return None
    return card_problem(state, target)


def _score(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    if "value" not in p:
        return Problem("the payload lacks 'value'", "field_missing", field="value")
    problem = _fields(p, {"target": str, "criterion": str}, {"by": str})
    if problem:
        return problem
    problem = _target(state, e.table, p["target"]) or score_problem(state, p["criterion"], p["value"])
    if problem:
        return problem
    by = p.get("by") or CONSENSUS
    return None if by == CONSENSUS else participant_problem(state, by)


def _comment(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"kind": str, "text": str}, {"card": str, "proposal": str, "by": str})
    if problem:
        return problem
    if p["kind"] not in COMMENT_KINDS:
        return Problem(f"comment kind '{escape(p['kind'])}' is not one of {', '.join(COMMENT_KINDS)}",
                       "comment_kind", value=escape(p["kind"]))
    if new and not p["text"].strip():
        return Problem("the comment is empty", "comment_empty")
    if "card" in p and (problem := card_problem(state, p["card"])):
        return problem
    if "proposal" in p and (problem := proposal_problem(state, e.table, p["proposal"])):
        return problem
    # Older versions saved a comment's author unchecked; it is only a label, so a stored one is kept.
    return participant_problem(state, p["by"]) if new and p.get("by") else None


def line_problem(value: str, what: str) -> Problem | None:
    """A one-line text that may be empty (a place, an area, a note-taker): no control characters."""
    return name_problem(value, what) if value else None


def _proposal_fields(state: WorkshopState, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {}, {"title": str, "description": str, "cards": list, "lead_actors": list, "where": str})
    if problem:
        return problem
    if "title" in p and (problem := _names(new, (p["title"], "proposal title"))):
        return problem
    if "lead_actors" in p and not _str_list(p["lead_actors"]):
        return Problem("'lead_actors' must be a list of text", "lead_actors_type")
    if new and (problem := next((problem for actor in p.get("lead_actors", [])
                                 if (problem := name_problem(actor, "lead actor"))), None)):
        return problem
    if new and (problem := line_problem(p.get("where", ""), "place")):
        return problem
    if "cards" in p:
        if not p["cards"]:
            return Problem("a proposal combines at least one card", "proposal_no_cards")
        for link in p["cards"]:
            if not (isinstance(link, dict) and isinstance(link.get("how", ""), str)):
                return Problem("each of a proposal's cards is {card, how}", "proposal_card_link")
            if problem := card_problem(state, link.get("card")):
                return problem
    return None


def _proposal_created(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"ref": str, "title": str, "cards": list})
    if problem:
        return problem
    if not PROPOSAL_REF.fullmatch(p["ref"]):
        return Problem(f"proposal reference '{escape(p['ref'])}' is not P1, P2, ...", "proposal_ref",
                       ref=escape(p["ref"]))
    return _proposal_fields(state, p, new)


def _proposal_updated(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"ref": str}) or proposal_problem(state, e.table, p["ref"])
    return problem or _proposal_fields(state, p, new)


def _comment_edited(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"comment": str}, {"kind": str, "text": str, "by": str})
    if problem:
        return problem
    if state.known.comments.get(p["comment"]) != (e.table or ""):
        return Problem(f"no comment '{escape(p['comment'])}' at table '{escape(str(e.table))}' to edit",
                       "no_comment_to_edit", comment=escape(p["comment"]), table=escape(str(e.table)))
    if not any(key in p for key in ("kind", "text", "by")):
        return Problem("the edit changes nothing (give kind, text or by)", "changes_nothing")
    if "kind" in p and p["kind"] not in COMMENT_KINDS:
        return Problem(f"comment kind '{escape(p['kind'])}' is not one of {', '.join(COMMENT_KINDS)}",
                       "comment_kind", value=escape(p["kind"]))
    if new and "text" in p and not p["text"].strip():
        return Problem("the comment is empty", "comment_empty")
    return participant_problem(state, p["by"]) if new and p.get("by") else None


def _table_updated(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {}, {"area": str, "note_taker": str})
    if problem:
        return problem
    if "area" not in p and "note_taker" not in p:
        return Problem("the update changes nothing (give area or note_taker)", "changes_nothing")
    if new:
        return line_problem(p.get("area", ""), "macro-area") or line_problem(p.get("note_taker", ""), "note-taker")
    return None


def _priorities(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {}, {"domains": list, "cards": list})
    if problem:
        return problem
    known = {d.domain for d in state.decks.values()}
    for d in p.get("domains", []):
        if not isinstance(d, str) or d not in known:
            return Problem(f"no domain '{escape(str(d))}' (domains: {', '.join(sorted(known))})", "no_domain",
                           domain=escape(str(d)), domains=", ".join(sorted(known)))
    return next((problem for c in p.get("cards", []) if (problem := card_problem(state, c))), None)


def _step(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"target": str})
    if problem:
        return problem
    table = state.known.actions.get(p["target"])
    if table is None:
        return Problem(f"{e.kind} of '{escape(p['target'])}', which is no earlier action that can be undone",
                       "step_unknown", target=escape(p["target"]))
    if table != (e.table or ""):
        return Problem(f"{e.kind} at table '{escape(str(e.table))}' of an action of another table",
                       "step_other_table", table=escape(str(e.table)))
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
