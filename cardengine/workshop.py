"""The session engine's public API: a workshop file, the actions a table records, and its derived state.

Used by the `cardengine session` commands and by the note-takers' app. Every action is checked
first (unknown card, table, criterion or value gets an ActionError saying what to do), then saved
durably, then reflected in `state`.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .criteria_snapshot import criteria_snapshot
from .model import CriteriaSet, Deck
from .store import Clock, Event, NewId, Store, StoreError, stray_wal_problem
from .workshop_state import (COMMENT_KINDS, CONSENSUS, PICK_KINDS, STAKEHOLDER_TYPES, WorkshopState,
                             fold, record_new)

__all__ = ["Workshop", "ActionError", "StoreError", "slug"]


class ActionError(ValueError):
    """An action that cannot be recorded as given; nothing was saved."""


def slug(text: str) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out or "table"


@dataclass(frozen=True)
class WorkshopInfo:
    title: str
    territory: str
    date: str
    language: str = "it"
    place: str = ""
    facilitator: str = ""
    example: bool = False  # example data made by a script, not the record of a real workshop


def _deck_snapshot(deck: Deck) -> dict[str, Any]:
    return {"id": deck.id, "version": deck.version, "domain": deck.domain, "name": dict(deck.name),
            "colour": deck.colour,
            "cards": [{"id": c.id, "title": dict(c.title), "sdgs": list(c.sdgs), "scale": [s.value for s in c.scale],
                       "cost": c.cost.value, "horizon": c.horizon.value} for c in deck.cards]}


class Workshop:
    def __init__(self, store: Store):
        self.store = store
        self._events: list[Event] = store.events()
        self._state = fold(self._events)

    # ---------------------------------------------------------------- files

    @classmethod
    def create(cls, path: Path, info: WorkshopInfo, decks: list[Deck], criteria: CriteriaSet, *,
               clock: Clock | None = None, new_id: NewId | None = None) -> Workshop:
        """A new workshop file. `clock` and `new_id` replace the wall clock and uuid4 (event times, event ids,
        origins, the workshop id) so that a script can make identical files; leave them out otherwise."""
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", info.date):
            raise ActionError(f"date '{info.date}' is not YYYY-MM-DD, e.g. 2021-07-27")
        if path.exists():
            raise StoreError(f"{path} already exists; open it, or choose a new file name")
        stray = stray_wal_problem(path)  # SQLite would apply a stray -wal to the new file
        if stray:
            raise StoreError(stray)
        # Build the file beside its final name and rename it into place: a crash leaves no half-made workshop.
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        store = Store.create(tmp, clock=clock, new_id=new_id)
        try:
            payload: dict[str, Any] = {
                "workshop_id": new_id() if new_id else str(uuid.uuid4()), "title": info.title,
                "territory": info.territory, "date": info.date, "place": info.place, "language": info.language,
                "facilitator": info.facilitator, "decks": [_deck_snapshot(d) for d in decks],
                "criteria": criteria_snapshot(criteria)}
            if info.example:
                payload["example"] = True
            store.append("workshop.created", payload)
            store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, path)
        return cls.open(path, clock=clock, new_id=new_id)

    @classmethod
    def open(cls, path: Path, *, clock: Clock | None = None, new_id: NewId | None = None) -> Workshop:
        store = Store.open(path, clock=clock, new_id=new_id)
        try:
            workshop = cls(store)
        except (KeyError, TypeError, ValueError) as exc:
            store.close()
            raise StoreError(f"{path} holds an event this version cannot read ({exc}); it was left untouched") \
                from None
        except BaseException:
            store.close()
            raise
        if not workshop.state.id:
            store.close()
            raise StoreError(f"{path} holds no workshop (it has no 'workshop.created' event)")
        return workshop

    def checkpoint(self, *, final: bool = False) -> bool:
        """Move the events still in the write-ahead log into the workshop file itself (a copy of the file alone
        then holds them all). Cheap when there is nothing to move; never waits for other programs unless
        `final` (on exit), which also empties the log. True when the file alone holds every event."""
        return self.store.checkpoint(truncate=final)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workshop:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def state(self) -> WorkshopState:
        return self._state

    @property
    def events(self) -> list[Event]:
        return list(self._events)

    def _record(self, kind: str, payload: dict[str, Any], table: str | None = None) -> Event:
        event = self.store.append(kind, payload, table)
        self._events.append(event)
        if kind in ("undo", "redo"):
            self._state = fold(self._events)
        else:
            record_new(self._state, event)
        return event

    def reload(self) -> None:
        """Pick up events written by another program (or merged in)."""
        self._events = self.store.events()
        self._state = fold(self._events)

    # ---------------------------------------------------------------- checks

    def table_id(self, name: str) -> str:
        key = slug(name)
        if key in self.state.tables:
            return key
        names = ", ".join(t.name for t in self.state.tables.values()) or "none yet"
        raise ActionError(f"no table '{name}' in this workshop (tables: {names}); add it with add-table")

    def card_id(self, card: str) -> str:
        key = card.strip().upper()
        if key not in self.state.cards:
            raise ActionError(f"no card '{card}' in this workshop's decks "
                              f"({', '.join(sorted(self.state.decks))}); check the id on the card")
        return key

    def _target(self, table: str, target: str) -> str:
        ref = target.strip().upper()
        if ref in self.state.tables[table].proposals:
            return ref
        return self.card_id(target)

    # ---------------------------------------------------------------- actions

    def add_table(self, name: str, area: str = "", note_taker: str = "") -> str:
        key = slug(name)
        if key in self.state.tables:
            raise ActionError(f"table '{name}' already exists")
        self._record("table.added", {"table": key, "name": name, "area": area, "note_taker": note_taker})
        return key

    def add_participant(self, label: str, stakeholder_type: str, organisation: str = "",
                        table: str | None = None) -> str:
        if stakeholder_type not in STAKEHOLDER_TYPES:
            raise ActionError(f"stakeholder type '{stakeholder_type}' is not one of {', '.join(STAKEHOLDER_TYPES)}")
        key = slug(label)
        if key in self.state.participants:
            raise ActionError(f"participant '{label}' already exists")
        table_id = self.table_id(table) if table else None
        self._record("participant.added", {"participant": key, "label": label, "organisation": organisation,
                                            "stakeholder_type": stakeholder_type}, table_id)
        return key

    def pick(self, table: str, card: str, kind: str = "selected", round: int = 1) -> Event:
        if kind not in PICK_KINDS:
            raise ActionError(f"pick kind '{kind}' is not one of {', '.join(PICK_KINDS)}")
        return self._record("pick", {"card": self.card_id(card), "kind": kind, "round": round}, self.table_id(table))

    def score(self, table: str, target: str, criterion: str, value: int | None, by: str | None = None) -> Event:
        table_id = self.table_id(table)
        ref = self._target(table_id, target)
        crits = self.state.criteria
        try:
            crit = crits.criterion(criterion)
        except KeyError:
            raise ActionError(f"no criterion '{criterion}' (criteria: {', '.join(c.id for c in crits.criteria)})") \
                from None
        if value is not None and value not in crit.values:
            raise ActionError(f"{value} is not on the scale of '{criterion}' "
                              f"({', '.join(map(str, crit.values))}, or leave it not assessed)")
        if by and by != CONSENSUS and slug(by) not in self.state.participants:
            raise ActionError(f"no participant '{by}'; add them first or score by consensus")
        return self._record("score", {"target": ref, "criterion": crit.id, "value": value,
                                      "by": slug(by) if by and by != CONSENSUS else CONSENSUS}, table_id)

    def comment(self, table: str, kind: str, text: str, card: str | None = None, by: str | None = None) -> Event:
        if kind not in COMMENT_KINDS:
            raise ActionError(f"comment kind '{kind}' is not one of {', '.join(COMMENT_KINDS)}")
        if not text.strip():
            raise ActionError("the comment is empty")
        table_id = self.table_id(table)
        payload: dict[str, Any] = {"kind": kind, "text": text.strip()}
        if card:
            ref = self._target(table_id, card)
            payload["proposal" if ref in self.state.tables[table_id].proposals else "card"] = ref
        if by:
            payload["by"] = slug(by)
        return self._record("comment", payload, table_id)

    def propose(self, table: str, title: str, cards: list[str], description: str = "",
                how: dict[str, str] | None = None, lead_actors: list[str] | None = None, where: str = "") -> str:
        table_id = self.table_id(table)
        if not title.strip():
            raise ActionError("a proposal needs a title")
        ids = [self.card_id(c) for c in cards]
        if not ids:
            raise ActionError("a proposal combines at least one card; give --cards ID,ID")
        existing = self.state.tables[table_id].proposals
        ref = f"P{len(existing) + 1}"
        while ref in existing:
            ref = f"P{int(ref[1:]) + 1}"
        how = how or {}
        self._record("proposal.created", {
            "ref": ref, "title": title.strip(), "description": description.strip(),
            "cards": [{"card": c, "how": how.get(c, "")} for c in ids],
            "lead_actors": list(lead_actors or []), "where": where}, table_id)
        return ref

    def update_proposal(self, table: str, ref: str, **fields: Any) -> Event:
        table_id = self.table_id(table)
        ref = ref.strip().upper()
        if ref not in self.state.tables[table_id].proposals:
            raise ActionError(f"no proposal '{ref}' at table '{table}'")
        if "cards" in fields:
            fields["cards"] = [{"card": self.card_id(c["card"]), "how": c.get("how", "")} for c in fields["cards"]]
        return self._record("proposal.updated", {"ref": ref, **fields}, table_id)

    def set_priorities(self, table: str, domains: list[str] | None = None, cards: list[str] | None = None) -> Event:
        table_id = self.table_id(table)
        known = {d.domain for d in self.state.decks.values()}
        for d in domains or []:
            if d not in known:
                raise ActionError(f"no domain '{d}' (domains: {', '.join(sorted(known))})")
        return self._record("priorities.set", {"domains": list(domains or []),
                                               "cards": [self.card_id(c) for c in cards or []]}, table_id)

    def undo(self, table: str) -> Event:
        return self._step("undo", table, self.state.undo_stacks)

    def redo(self, table: str) -> Event:
        return self._step("redo", table, self.state.redo_stacks)

    def _step(self, kind: str, table: str, stacks: dict[str, list[str]]) -> Event:
        table_id = self.table_id(table)
        stack = stacks.get(table_id, [])
        if not stack:
            raise ActionError(f"nothing to {kind} at table '{table}'")
        return self._record(kind, {"target": stack[-1]}, table_id)

    def describe(self, event_id: str) -> str:
        """A short description of an action, for undo messages."""
        for e in self._events:
            if e.id == event_id:
                return f"{e.kind} {e.payload.get('card') or e.payload.get('target') or e.payload.get('ref') or ''}".strip()
        return event_id

