"""Events -> workshop state: a pure fold. Undo and redo decide which actions count; then they are applied."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from cardengine.decks.model import CriteriaSet
from cardengine.sessions.criteria_snapshot import NO_CRITERIA, criteria_from_snapshot
from cardengine.sessions.events import Event
from cardengine.sessions.polls import POLL_EVENTS, Poll, apply_poll_event

PICK_KINDS = ("selected", "favourite", "discarded")
COMMENT_KINDS = ("barrier", "enabler", "question", "quote")
STAKEHOLDER_TYPES = ("company", "public-authority", "utility", "association", "expert", "citizen", "other")
CONSENSUS = "consensus"
UNDOABLE = {"pick", "score", "comment", "proposal.created", "proposal.updated", "priorities.set",
            "participant.added", "comment.edited", "table.updated"}


@dataclass(frozen=True)
class CardRef:
    id: str
    deck: str
    domain: str
    title: dict[str, str]
    sdgs: tuple[int, ...]
    scale: tuple[str, ...]
    cost: str
    horizon: str


@dataclass(frozen=True)
class DeckRef:
    id: str
    version: str
    domain: str
    name: dict[str, str]
    colour: str


@dataclass
class Pick:
    card: str
    kind: str
    round: int
    event: str
    at: str


@dataclass
class Comment:
    event: str
    at: str
    table: str
    kind: str
    text: str
    card: str | None
    proposal: str | None
    by: str | None


@dataclass
class Proposal:
    id: str  # table-local reference, e.g. P1
    event: str
    table: str
    title: str
    description: str
    cards: list[dict[str, str]]  # [{card, how}]
    lead_actors: list[str]
    where: str


@dataclass
class Participant:
    id: str
    label: str
    organisation: str
    stakeholder_type: str
    table: str | None


@dataclass
class TableState:
    id: str
    name: str
    area: str
    note_taker: str
    picks: dict[str, Pick] = field(default_factory=dict)
    # (target, criterion, by) -> value (None = not assessed); target is a card id or proposal ref.
    scores: dict[tuple[str, str, str], int | None] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    priority_domains: list[str] = field(default_factory=list)
    priority_cards: list[str] = field(default_factory=list)


class Skipped(NamedTuple):
    position: int  # 0-based, in the order the events were given
    id: str
    kind: str
    reason: str


@dataclass
class Known:
    """Everything the valid events so far have declared, undone or not: what a later event may refer to."""

    participants: set[str] = field(default_factory=set)
    proposals: set[tuple[str, str]] = field(default_factory=set)  # (table, ref)
    actions: dict[str, str] = field(default_factory=dict)  # undoable event id -> its table ("" for none)
    scales: dict[str, tuple[int, ...]] = field(default_factory=dict)  # criterion id -> the values on its scale
    comments: dict[str, str] = field(default_factory=dict)  # comment event id -> its table (what an edit targets)


@dataclass
class WorkshopState:
    id: str = ""
    title: str = ""
    territory: str = ""
    date: str = ""
    place: str = ""
    language: str = "it"
    facilitator: str = ""
    example: bool = False  # example data made by a script, not the record of a real workshop
    decks: dict[str, DeckRef] = field(default_factory=dict)
    cards: dict[str, CardRef] = field(default_factory=dict)
    criteria: CriteriaSet = NO_CRITERIA  # a workshop's own from its `workshop.created` on
    tables: dict[str, TableState] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)
    polls: dict[str, Poll] = field(default_factory=dict)  # the plenary's polls, in the order they were opened
    undo_stacks: dict[str, list[str]] = field(default_factory=dict)  # table -> effective action ids, oldest first
    redo_stacks: dict[str, list[str]] = field(default_factory=dict)  # table -> undone action ids, last undone last
    events: int = 0
    known: Known = field(default_factory=Known)
    # Stored events the fold left out because they are invalid (written by an older version or edited by
    # hand): (event id, kind, reason). The app and `session show` warn; `session check` lists them.
    skipped: list[Skipped] = field(default_factory=list)
    # With `fold(..., audit=True)`: stored events kept although a new record like them would be refused (a
    # name with a control character, a date that does not exist); `session check` lists them.
    flagged: list[Skipped] = field(default_factory=list)


def effective_actions(events: Iterable[Event]) -> tuple[set[str], dict[str, list[str]], dict[str, list[str]]]:
    """Which undoable actions count after every undo and redo, plus each table's undo and redo stacks."""
    done: dict[str, list[str]] = {}
    undone: dict[str, list[str]] = {}
    for e in events:
        key = e.table or ""
        if e.kind in UNDOABLE:
            done.setdefault(key, []).append(e.id)
            undone[key] = []  # a new action forgets what could be redone
        elif e.kind == "undo":
            target = e.payload["target"]
            if target in done.get(key, []):
                done[key].remove(target)
                undone.setdefault(key, []).append(target)
        elif e.kind == "redo":
            target = e.payload["target"]
            if target in undone.get(key, []):
                undone[key].remove(target)
                done.setdefault(key, []).append(target)
    counted = {event_id for ids in done.values() for event_id in ids}
    return counted, done, undone


def fold(events: list[Event], *, new: bool | AbstractSet[str] = False, audit: bool = False) -> WorkshopState:
    """The state after `events` (in workshop order); never raises: an event that fails `check_event` is
    skipped and noted in `state.skipped`. `new=True` checks them as new records (import), a set of ids checks
    those as new and the rest as stored (merge); `audit=True` also notes stored events that would be refused
    as new ones. The workshop's creation is folded first wherever it stands (a laptop whose clock is behind
    the one that created the file records events that sort before it)."""
    from cardengine.sessions.event_check import check_event  # it builds on this module's state

    state = WorkshopState(events=len(events))
    numbered = list(enumerate(events))
    valid: list[Event] = []
    for position, e in sorted(numbered, key=lambda pair: getattr(pair[1], "kind", None) != "workshop.created"):
        is_new = new if isinstance(new, bool) else getattr(e, "id", None) in new
        problem = check_event(state, e, new=is_new)
        if problem:
            state.skipped.append(Skipped(position, _text(getattr(e, "id", "")), _text(getattr(e, "kind", "")),
                                         problem))
            continue
        if audit and not is_new and (problem := check_event(state, e, new=True)):
            state.flagged.append(Skipped(position, e.id, e.kind, problem))
        declare(state, e)
        # What later events are checked against. Polls are never undone, and whether a vote counts depends on
        # the poll's state at that point of the workshop (open, already voted): they are folded in order here.
        if e.kind in ("workshop.created", "table.added") or e.kind in POLL_EVENTS:
            apply_event(state, e)
        else:
            valid.append(e)
    state.skipped.sort()
    state.flagged.sort()
    counted, state.undo_stacks, state.redo_stacks = effective_actions(valid)
    for e in valid:
        if e.kind in UNDOABLE and e.id not in counted:
            continue
        apply_event(state, e)
    return state


def _text(value: object) -> str:
    return value if isinstance(value, str) else repr(value)


def declare(state: WorkshopState, e: Event) -> None:
    """Note what a valid event makes known to the events after it."""
    if e.kind in UNDOABLE:
        state.known.actions[e.id] = e.table or ""
    if e.kind == "participant.added":
        state.known.participants.add(e.payload["participant"])
    elif e.kind == "proposal.created":
        state.known.proposals.add((e.table or "", e.payload["ref"]))
    elif e.kind == "comment":
        state.known.comments[e.id] = e.table or ""


def record_new(state: WorkshopState, e: Event) -> WorkshopState:
    """Fold one new, checked action into the state in place (undo and redo need a full `fold`)."""
    declare(state, e)
    if e.kind in UNDOABLE:
        state.undo_stacks.setdefault(e.table or "", []).append(e.id)
        state.redo_stacks[e.table or ""] = []
    state.events += 1
    apply_event(state, e)
    return state


def _table(state: WorkshopState, table_id: str | None) -> TableState:
    # A merged file may hold a table's actions without its creation (a laptop's partial copy): keep them.
    key = table_id or ""
    if key not in state.tables:
        state.tables[key] = TableState(key, key, "", "")
    return state.tables[key]


def apply_event(state: WorkshopState, e: Event) -> None:
    p: dict[str, Any] = e.payload
    if e.kind in POLL_EVENTS:
        apply_poll_event(state.polls, e)
    elif e.kind == "workshop.created":
        state.id = p["workshop_id"]
        for key in ("title", "territory", "date", "place", "language", "facilitator"):
            setattr(state, key, p.get(key, ""))
        state.example = bool(p.get("example", False))
        for d in p["decks"]:
            state.decks[d["id"]] = DeckRef(d["id"], d["version"], d["domain"], d["name"], d["colour"])
            for c in d["cards"]:
                state.cards[c["id"]] = CardRef(c["id"], d["id"], d["domain"], c["title"], tuple(c["sdgs"]),
                                               tuple(c["scale"]), c["cost"], c["horizon"])
        state.criteria = criteria_from_snapshot(p["criteria"])
        state.known.scales = {c.id: c.values for c in state.criteria.criteria}
    elif e.kind == "table.added":
        table = state.tables.get(p["table"])
        if table is None:
            state.tables[p["table"]] = TableState(p["table"], p["name"], p.get("area", ""), p.get("note_taker", ""))
        else:  # the same table added on two laptops: one table, nothing recorded at it is dropped
            table.name, table.area, table.note_taker = p["name"], p.get("area", ""), p.get("note_taker", "")
    elif e.kind == "participant.added":
        state.participants[p["participant"]] = Participant(p["participant"], p["label"], p.get("organisation", ""),
                                                           p["stakeholder_type"], e.table)
    elif e.kind == "pick":
        table = _table(state, e.table)
        table.picks[p["card"]] = Pick(p["card"], p["kind"], p.get("round", 1), e.id, e.at)
    elif e.kind == "score":
        _table(state, e.table).scores[(p["target"], p["criterion"], p.get("by") or CONSENSUS)] = p["value"]
    elif e.kind == "comment":
        _table(state, e.table).comments.append(Comment(e.id, e.at, e.table or "", p["kind"], p["text"], p.get("card"),
                                                      p.get("proposal"), p.get("by")))
    elif e.kind == "proposal.created":
        table = _table(state, e.table)
        table.proposals[p["ref"]] = Proposal(p["ref"], e.id, e.table or "", p["title"], p.get("description", ""),
                                             list(p.get("cards", [])), list(p.get("lead_actors", [])),
                                             p.get("where", ""))
    elif e.kind == "proposal.updated":
        proposal = _table(state, e.table).proposals.get(p["ref"])
        if proposal:
            for key in ("title", "description", "cards", "lead_actors", "where"):
                if key in p:
                    setattr(proposal, key, p[key])
    elif e.kind == "comment.edited":
        # The comment keeps its place and time; an edit of a comment that is undone changes nothing.
        comment = next((c for c in _table(state, e.table).comments if c.event == p["comment"]), None)
        if comment:
            comment.kind, comment.text = p.get("kind", comment.kind), p.get("text", comment.text)
            if "by" in p:
                comment.by = p["by"] or None  # "" credits the comment to nobody
    elif e.kind == "table.updated":
        table = _table(state, e.table)
        table.area, table.note_taker = p.get("area", table.area), p.get("note_taker", table.note_taker)
    elif e.kind == "priorities.set":
        table = _table(state, e.table)
        table.priority_domains = list(p.get("domains", []))
        table.priority_cards = list(p.get("cards", []))
