"""Workshop sessions: what the note-takers record, and everything derived from it.

Owns the workshop file (store.py: an append-only SQLite log of events, with its format, file checks, new files
and copies, and the reasons a write failed), the events and their rules (events.py, event_check.py,
event_rules.py, payload_checks.py), the derived state (state.py: a pure fold), the actions that record events
(workshop.py, name_lookup.py, workshop_info.py), scoring, merging files, the researchers' exports, the proposals
deck and the criteria snapshot a workshop file keeps.

May import cardengine.decks and the shared basics (cardengine.fileio, .outputs, .escaping, .csvcell, .problems,
.i18n, ...); never printing, compare or the CLI. The app (cardengine_tui) and the CLI use the names below,
imported from this package; each is loaded on first use, so that importing one stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.sessions.criteria_snapshot import NO_CRITERIA, criteria_from_snapshot, criteria_snapshot
    from cardengine.sessions.errors import ActionError, StoreError
    from cardengine.sessions.event_check import MAX_ID, check_event, describe_invalid, envelope_problem, escape
    from cardengine.sessions.event_rules import Problem, card_problem, name_problem, table_problem
    from cardengine.sessions.events import Clock, Event, NewId, new_uuid, now, workshop_order
    from cardengine.sessions.exports import FORMAT, csv_tables, export, import_json, state_summary, to_json
    from cardengine.sessions.merge import merge_files
    from cardengine.sessions.name_lookup import slug
    from cardengine.sessions.polls import Poll, PollResult, poll_options, poll_results
    from cardengine.sessions.proposals import marked, marked_for, proposals_deck
    from cardengine.sessions.schema import APPLICATION_ID, SCHEMA_VERSION
    from cardengine.sessions.scoring import (
        Ranked,
        all_criterion_values,
        criterion_values,
        table_ranking,
        weighted_score,
    )
    from cardengine.sessions.state import (
        COMMENT_KINDS,
        CONSENSUS,
        PICK_KINDS,
        STAKEHOLDER_TYPES,
        CardRef,
        Comment,
        DeckRef,
        Participant,
        Pick,
        Proposal,
        Skipped,
        TableState,
        WorkshopState,
        fold,
    )
    from cardengine.sessions.store import Store
    from cardengine.sessions.wal_check import wal_of
    from cardengine.sessions.workshop import Workshop
    from cardengine.sessions.workshop_info import WorkshopInfo

# Each public name and the module that holds it.
_HOME = {
    "NO_CRITERIA": "criteria_snapshot", "criteria_from_snapshot": "criteria_snapshot",
    "criteria_snapshot": "criteria_snapshot",
    "ActionError": "errors", "StoreError": "errors",
    "MAX_ID": "event_check", "check_event": "event_check", "describe_invalid": "event_check",
    "envelope_problem": "event_check", "escape": "event_check",
    "Problem": "event_rules", "card_problem": "event_rules", "name_problem": "event_rules",
    "table_problem": "event_rules",
    "Clock": "events", "Event": "events", "NewId": "events", "new_uuid": "events", "now": "events",
    "workshop_order": "events",
    "FORMAT": "exports", "csv_tables": "exports", "export": "exports", "import_json": "exports",
    "state_summary": "exports", "to_json": "exports",
    "merge_files": "merge",
    "slug": "name_lookup",
    "Poll": "polls", "PollResult": "polls", "poll_options": "polls", "poll_results": "polls",
    "marked": "proposals", "marked_for": "proposals", "proposals_deck": "proposals",
    "APPLICATION_ID": "schema", "SCHEMA_VERSION": "schema",
    "Ranked": "scoring", "all_criterion_values": "scoring", "criterion_values": "scoring",
    "table_ranking": "scoring", "weighted_score": "scoring",
    "COMMENT_KINDS": "state", "CONSENSUS": "state", "PICK_KINDS": "state", "STAKEHOLDER_TYPES": "state",
    "CardRef": "state", "Comment": "state", "DeckRef": "state", "Participant": "state", "Pick": "state",
    "Proposal": "state", "Skipped": "state", "TableState": "state", "WorkshopState": "state", "fold": "state",
    "Store": "store",
    "wal_of": "wal_check",
    "Workshop": "workshop",
    "WorkshopInfo": "workshop_info",
}

__all__ = [
    "APPLICATION_ID", "COMMENT_KINDS", "CONSENSUS", "FORMAT", "MAX_ID", "NO_CRITERIA", "PICK_KINDS", "SCHEMA_VERSION",
    "STAKEHOLDER_TYPES", "ActionError", "CardRef", "Clock", "Comment", "DeckRef", "Event", "NewId", "Participant",
    "Pick", "Poll", "PollResult", "Problem", "Proposal", "Ranked", "Skipped", "Store", "StoreError", "TableState",
    "Workshop", "WorkshopInfo", "WorkshopState", "all_criterion_values", "card_problem", "check_event",
    "criteria_from_snapshot", "criteria_snapshot", "criterion_values", "csv_tables", "describe_invalid",
    "envelope_problem", "escape", "export", "fold", "import_json", "marked", "marked_for", "merge_files",
    "name_problem", "new_uuid", "now", "poll_options", "poll_results", "proposals_deck", "slug", "state_summary",
    "table_problem", "table_ranking", "to_json", "wal_of", "weighted_score", "workshop_order",
]


__getattr__ = lazy_names(__name__, _HOME)
