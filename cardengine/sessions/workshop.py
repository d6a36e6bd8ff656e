"""The session engine's public API: a workshop file, the actions a table records, and its derived state.

Used by the `cardengine session` commands and by the note-takers' app. Every action is checked
first (unknown card, table, criterion or value gets an ActionError saying what to do), then saved
durably, then reflected in `state`.
"""


from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cardengine.decks.card_ids import match_id
from cardengine.decks.model import CriteriaSet, Deck
from cardengine.escaping import escape
from cardengine.i18n import tr
from cardengine.sessions.action_words import describe_event
from cardengine.sessions.criteria_snapshot import criteria_snapshot
from cardengine.sessions.errors import ActionError, StoreError
from cardengine.sessions.event_check import check_event
from cardengine.sessions.events import Clock, Event, NewId, timed_after, workshop_order
from cardengine.sessions.name_lookup import (
    actor_names,
    card_key,
    find,
    find_table,
    fresh_key,
    labels,
    participant_exists,
    slug,
    table_exists,
    table_key,
    target_key,
)
from cardengine.sessions.poll_actions import PollActions
from cardengine.sessions.state import CONSENSUS, WorkshopState, fold, record_new
from cardengine.sessions.store import Store
from cardengine.sessions.workshop_info import WorkshopInfo, deck_snapshot

__all__ = ["Built", "Workshop"]


class Workshop(PollActions):  # the plenary's poll actions: poll_actions.py
    def __init__(self, store: Store):
        self.store = store
        self._version = store.data_version()  # read before the events: a commit in between is seen next time
        self._events: list[Event] = store.events()
        self._seen = max((e.seq for e in self._events), default=0)  # the last seq read from the file
        self._state = fold(self._events)

    # ---------------------------------------------------------------- files

    @classmethod
    def create(cls, path: Path, info: WorkshopInfo, decks: list[Deck], criteria: CriteriaSet, *,
               clock: Clock | None = None, new_id: NewId | None = None) -> Workshop:
        """A new workshop file. `clock` and `new_id` replace the wall clock and uuid4 (event times, event ids,
        origins, the workshop id) so that a script can make identical files; leave them out otherwise."""
        def fill(store: Store) -> None:
            payload: dict[str, Any] = {
                "workshop_id": new_id() if new_id else str(uuid.uuid4()), "title": info.title,
                "territory": info.territory, "date": info.date, "place": info.place, "language": info.language,
                "facilitator": info.facilitator, "decks": [deck_snapshot(d) for d in decks],
                "criteria": criteria_snapshot(criteria)}
            if info.example:
                payload["example"] = True
            event = store.new_event("workshop.created", payload)
            problem = check_event(WorkshopState(), event)
            if problem:
                raise ActionError.of(problem)
            store.write(0, lambda _: [event])

        # Built beside its final name and linked into place only when whole and only if the name is still
        # free: a crash, a full disk or a second `session new` on the same name leaves nothing half-made.
        Store.build(path, fill, clock=clock, new_id=new_id)
        return cls.open(path, clock=clock, new_id=new_id)

    @classmethod
    def open(cls, path: Path, *, clock: Clock | None = None, new_id: NewId | None = None) -> Workshop:
        store = Store.open(path, clock=clock, new_id=new_id)
        try:
            workshop = cls(store)
        except (KeyError, TypeError, ValueError) as exc:
            store.close()
            raise StoreError(tr("{path} holds an event this version cannot read ({error}); it was left untouched")
                             .format(path=path, error=exc), "unreadable_event", path=path, error=exc) from None
        except BaseException:
            store.close()
            raise
        if not workshop.state.id:
            store.close()
            raise StoreError(tr("{path} holds no workshop (it has no 'workshop.created' event)").format(path=path),
                             "no_workshop_in", path=path)
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

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def state(self) -> WorkshopState:
        return self._state

    @property
    def events(self) -> list[Event]:
        return list(self._events)

    def _record(self, kind: str, payload: dict[str, Any], table: str | None = None) -> Event:
        return self._commit(lambda state: (kind, payload, table))

    def _commit(self, build: Callable[[WorkshopState], Built]) -> Event:
        return self._commit_all(lambda state: [build(state)])[0]

    def _commit_all(self, build: Callable[[WorkshopState], list[Built]]) -> list[Event]:
        """Decide, check and save actions inside one write transaction, on the state as it is in the file at
        that moment (another program may have written since we read it): `build` makes the events from that
        state, `check_event` checks each with the rules every stored event follows, and all are saved or none
        (`session pick A B` with a bad B saves nothing). The events of one call must not depend on each other."""

        def make(fresh: list[Event] | None) -> list[Event]:
            if fresh is not None:  # catch up with what other programs saved
                self._take([e for e in fresh if e.seq > self._seen])
            left_out = {s.id for s in self._state.skipped}  # an invalid event's time (2030, say) orders nothing
            new = [self.store.new_event(kind, payload, table) for kind, payload, table in build(self._state)]
            events = timed_after([e for e in self._events if e.id not in left_out], new)
            for event in events:
                problem = check_event(self._state, event)
                if problem:
                    raise ActionError.of(problem)
            return events

        events, last = self.store.write(self._seen, make)
        self._take(events)
        self._seen = max(self._seen, last)
        return events

    def _take(self, new: list[Event]) -> None:
        """Add saved events (this object's own, or another program's) to what it holds. The one place the state
        changes: it is always the fold of the file's events in workshop order, so the running app holds what
        reopening the file gives. Events landing at the end of that order, none of them an undo or redo, are
        folded in one by one; otherwise (another laptop's clock ahead of ours, an undo, an invalid event)
        everything is folded again: appending them in the order they arrived would give undo another order."""
        if not new:
            return
        self._seen = max(self._seen, max(e.seq for e in new))
        merged = workshop_order(self._events + new)
        tail = merged[len(self._events):]
        quick = [e.id for e in tail] == [e.id for e in new] and all(e.kind not in ("undo", "redo") for e in new)
        self._events = merged
        if not (quick and self._fold_in(new)):
            self._state = fold(merged)

    def _fold_in(self, new: list[Event]) -> bool:
        """Fold valid events into the state one by one; False at the first invalid one (the whole fold leaves
        it out and says why)."""
        for event in new:
            if check_event(self._state, event, new=False):
                return False
            record_new(self._state, event)
        return True

    def refresh(self) -> list[Event]:
        """Take in what other programs saved to this file since this object last looked (another table's app,
        the same table on a second laptop sharing the file, a `session` command): those events, in the order
        they were saved (an empty list, which is false, when there were none). Costs microseconds when nothing
        changed (SQLite's data version), so an app may call it every second."""
        version = self.store.data_version()
        if version == self._version:
            return []
        self._version = version
        new = self.store.events_after(self._seen)
        self._take(new)
        return new

    def reload(self) -> None:
        """Read every event again (after a merge into this file, say)."""
        self._version = self.store.data_version()
        self._events = self.store.events()
        self._seen = max((e.seq for e in self._events), default=0)
        self._state = fold(self._events)

    def event(self, event_id: str) -> Event | None:
        """The event with this id (an undo's target, say), or None."""
        return next((e for e in reversed(self._events) if e.id == event_id), None)

    # ---------------------------------------------------------------- checks

    def table_id(self, name: str) -> str:
        return table_key(self.state, name)

    def card_id(self, card: str) -> str:
        return card_key(self.state, card)

    # ---------------------------------------------------------------- actions
    # Each action resolves what the user typed and builds its event inside `_commit`, on the state as it is
    # in the file at that moment; `check_event` then applies the rules every stored event follows.

    def add_table(self, name: str, area: str = "", note_taker: str = "") -> str:
        key = slug(name)

        def build(state: WorkshopState) -> Built:
            nonlocal key
            same = find_table(state, name)
            if same is not None:  # checked on fresh state: of two programs adding it, one is refused
                raise table_exists(name, state.tables[same].name)
            key = fresh_key(state.tables, name)
            return "table.added", {"table": key, "name": name, "area": area, "note_taker": note_taker}, None

        self._commit(build)
        return key

    def add_participant(self, label: str, stakeholder_type: str, organisation: str = "",
                        table: str | None = None) -> str:
        key = slug(label)

        def build(state: WorkshopState) -> Built:
            nonlocal key
            same = find(labels(state), label)
            if same is not None:
                raise participant_exists(label, state.participants[same].label)
            key = fresh_key(state.participants, label)
            return "participant.added", {"participant": key, "label": label, "organisation": organisation,
                                         "stakeholder_type": stakeholder_type}, \
                table_key(state, table) if table else None

        self._commit(build)
        return key

    def pick(self, table: str, card: str, kind: str = "selected", round: int = 1) -> Event:
        return self.pick_all(table, [card], kind, round)[0]

    def pick_all(self, table: str, cards: list[str], kind: str = "selected", round: int = 1) -> list[Event]:
        """Several picks saved together, or none of them if one is refused."""
        return self._commit_all(lambda state: [
            ("pick", {"card": card_key(state, card), "kind": kind, "round": round}, table_key(state, table))
            for card in cards])

    def score(self, table: str, target: str, criterion: str, value: int | None, by: str | None = None) -> Event:
        return self.score_all(table, target, [(criterion, value)], by)[0]

    def score_all(self, table: str, target: str, values: list[tuple[str, int | None]],
                  by: str | None = None) -> list[Event]:
        """Several criteria of one target saved together, or none of them if one is refused."""
        def build(state: WorkshopState) -> list[Built]:
            table_id = table_key(state, table)
            ref = target_key(state, table_id, target)
            who = (find(labels(state), by) or by) if by and by != CONSENSUS else CONSENSUS
            return [("score", {"target": ref, "criterion": criterion, "value": value, "by": who}, table_id)
                    for criterion, value in values]

        return self._commit_all(build)

    def comment(self, table: str, kind: str, text: str, card: str | None = None, by: str | None = None) -> Event:
        def build(state: WorkshopState) -> Built:
            table_id = table_key(state, table)
            payload: dict[str, Any] = {"kind": kind, "text": text.strip()}
            if card:
                ref = target_key(state, table_id, card)
                payload["proposal" if ref in state.tables[table_id].proposals else "card"] = ref
            if by:
                payload["by"] = find(labels(state), by) or by
            return "comment", payload, table_id

        return self._commit(build)

    def propose(self, table: str, title: str, cards: list[str], description: str = "",
                how: dict[str, str] | None = None, lead_actors: list[str] | None = None, where: str = "") -> str:
        if not cards:
            raise ActionError(tr("a proposal combines at least one card; give --cards ID,ID"), "proposal_no_cards")

        def build(state: WorkshopState) -> Built:
            table_id = table_key(state, table)
            ids = [card_key(state, c) for c in cards]
            taken = state.tables[table_id].proposals
            number = len(taken) + 1
            while f"P{number}" in taken:
                number += 1
            return "proposal.created", {
                "ref": f"P{number}", "title": title.strip(), "description": description.strip(),
                "cards": [{"card": c, "how": (how or {}).get(c, "")} for c in ids],
                "lead_actors": actor_names(lead_actors or []), "where": where.strip()}, table_id

        return self._commit(build).payload["ref"]

    def update_proposal(self, table: str, ref: str, **fields: Any) -> Event:
        def build(state: WorkshopState) -> Built:
            table_id = table_key(state, table)
            key = match_id(ref, state.tables[table_id].proposals) or ref.strip().upper()
            if key not in state.tables[table_id].proposals:
                raise ActionError(tr("no proposal '{ref}' at table '{table}'").format(
                    ref=escape(key), table=escape(table)), "no_proposal", ref=escape(key), table=escape(table))
            changed: dict[str, Any] = {key: value.strip() if isinstance(value, str) else value
                                       for key, value in fields.items()}
            if isinstance(changed.get("lead_actors"), list):
                changed["lead_actors"] = actor_names(changed["lead_actors"])
            if "cards" in changed:
                changed["cards"] = [{"card": card_key(state, c["card"]), "how": c.get("how", "")}
                                    for c in changed["cards"]]
            return "proposal.updated", {"ref": key, **changed}, table_id

        return self._commit(build)

    def edit_comment(self, table: str, comment: str, *, kind: str | None = None, text: str | None = None,
                     by: str | None = None) -> Event:
        """Change a comment's kind, text or author (`by=""`: nobody); `comment` is its event id or its number
        in the table's list of comments (1 = the oldest still there). Undoable like every action."""
        def build(state: WorkshopState) -> Built:
            table_id = table_key(state, table)
            comments = state.tables[table_id].comments
            ids = [c.event for c in comments]
            key = comment.strip()
            if key.isdigit() and 1 <= int(key) <= len(ids):
                key = ids[int(key) - 1]
            if key not in ids:
                if not ids:
                    raise ActionError(tr("no comment '{comment}' at table '{table}': it has none").format(
                        comment=escape(comment), table=escape(table)),
                                      "no_comments_at", comment=escape(comment), table=escape(table))
                raise ActionError(tr("no comment '{comment}' at table '{table}' (give its number, 1-{n}, or its id)")
                                  .format(comment=escape(comment), table=escape(table), n=len(ids)), "no_comment",
                                  comment=escape(comment),
                                  table=escape(table), n=len(ids))
            payload: dict[str, Any] = {"comment": key}
            if kind is not None:
                payload["kind"] = kind
            if text is not None:
                payload["text"] = text.strip()
            if by is not None:
                payload["by"] = (find(labels(state), by) or by) if by else ""
            return "comment.edited", payload, table_id

        return self._commit(build)

    def update_table(self, table: str, *, area: str | None = None, note_taker: str | None = None) -> Event:
        """Change a table's macro-area or note-taker (its name and key stay). Undoable like every action."""
        def build(state: WorkshopState) -> Built:
            payload = {key: value.strip() for key, value in (("area", area), ("note_taker", note_taker))
                       if value is not None}
            return "table.updated", payload, table_key(state, table)

        return self._commit(build)

    def set_priorities(self, table: str, domains: list[str] | None = None, cards: list[str] | None = None) -> Event:
        return self._commit(lambda state: ("priorities.set", {
            "domains": list(domains or []), "cards": [card_key(state, c) for c in cards or []]},
            table_key(state, table)))

    def undo(self, table: str) -> Event:
        return self._step("undo", table)

    def redo(self, table: str) -> Event:
        return self._step("redo", table)

    def _step(self, kind: str, table: str) -> Event:
        def build(state: WorkshopState) -> Built:
            # The target is chosen on the file's state inside the write: two programs undoing at one table
            # undo two different actions, never the same one twice.
            table_id = table_key(state, table)
            stack = (state.undo_stacks if kind == "undo" else state.redo_stacks).get(table_id, [])
            if not stack:
                raise ActionError((tr("nothing to undo at table '{table}'") if kind == "undo" else tr(
                    "nothing to redo at table '{table}'")).format(table=escape(table)),
                                  "nothing_to_undo" if kind == "undo" else "nothing_to_redo")
            return kind, {"target": stack[-1]}, table_id

        return self._commit(build)

    def describe(self, event_id: str) -> str:
        """A short description of an action, for undo messages: 'pick EN-01 favourite', 'score EN-01 time=2'.
        (The app says the same in its own language.)"""
        e = self.event(event_id)
        if e is None:
            return event_id
        return describe_event(e)


Built = tuple[str, dict[str, Any], "str | None"]  # an action's event before it is saved: kind, payload, table
