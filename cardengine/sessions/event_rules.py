"""The rules an event's fields follow, shared by the actions (which refuse what a user typed) and the checker
(which refuses an event): each gives the problem as one sentence with a code, or None.

Input rules (names, dates, rounds) say what a new record must look like; references say whether a card, table,
criterion, participant or proposal the event names exists in the workshop so far.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from cardengine.escaping import _unsafe, escape
from cardengine.i18n import tr, tr_later
from cardengine.sessions.state import WorkshopState

ROUNDS = range(1, 100)  # a workshop plays a handful of rounds; 99 leaves room and refuses typos like 2021 (as --round)


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


# The fields a `what` names (English: the code is made from it; the message shows it translated).
WHATS = (tr_later("table name"), tr_later("participant label"), tr_later("lead actor"), tr_later("place"),
         tr_later("macro-area"), tr_later("note-taker"), tr_later("workshop title"), tr_later("territory"),
         tr_later("proposal title"))


def _what(what: str) -> str:
    """The code of a field's English name ('table name' -> 'table_name'), for the app's word for it."""
    return re.sub(r"[^a-z]+", "_", what)


def is_int(value: Any) -> bool:
    return type(value) is int  # not bool (a subclass), not a float


# ---------------------------------------------------------------- input rules, shared with the actions

def name_problem(value: Any, what: str) -> Problem | None:
    """A name shown in lists and headers: text, not blank, no control characters."""
    if not isinstance(value, str):
        return Problem(tr("the {what} must be text, not {type}").format(what=tr(what), type=type(value).__name__),
                       "name_type", what_code=_what(what), type=type(value).__name__)
    if not value.strip():
        return Problem(tr("the {what} is empty; give it a name").format(what=tr(what)), "name_empty",
                       what_code=_what(what))
    bad = next((ch for ch in value if _unsafe(ch)), None)
    if bad is not None:
        return Problem(tr("the {what} '{value}' holds the control character {char}; remove it").format(
            what=tr(what), value=escape(value), char=escape(bad)),
                       "name_control", what_code=_what(what), value=escape(value), char=escape(bad))
    return None


def date_problem(value: Any) -> Problem | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Problem(tr("date '{value}' is not YYYY-MM-DD, e.g. 2021-07-27").format(value=escape(str(value))),
                       "date_format",
                       value=escape(str(value)))
    try:
        date.fromisoformat(value)
    except ValueError:
        return Problem(tr("date '{value}' is not a real date (check the month and the day)").format(value=value),
                       "date_unreal",
                       value=value)
    return None


def round_problem(value: Any) -> Problem | None:
    if not is_int(value):
        return Problem(tr("round {value} is not a whole number").format(value=escape(repr(value))), "round_type",
                       value=escape(repr(value)))
    if value not in ROUNDS:
        return Problem(tr("round {value} is out of range ({low}-{high})").format(
            value=value, low=ROUNDS.start, high=ROUNDS.stop - 1), "round_range",
                       value=value, low=ROUNDS.start, high=ROUNDS.stop - 1)
    return None


def line_problem(value: str, what: str) -> Problem | None:
    """A one-line text that may be empty (a place, an area, a note-taker): no control characters."""
    return name_problem(value, what) if value else None



# ---------------------------------------------------------------- references, shared with the actions

def card_problem(state: WorkshopState, card: Any, shown: str | None = None) -> Problem | None:
    """`shown`: the card as the user typed it, for the message."""
    if not isinstance(card, str) or card not in state.cards:
        decks = ", ".join(sorted(state.decks)) or tr("no decks")
        card = escape(str(card if shown is None else shown))
        return Problem(tr("no card '{card}' in this workshop's decks ({decks}); check the id on the card").format(
            card=card, decks=decks), "no_card", card=card, decks=decks)
    return None


def table_problem(state: WorkshopState, table: Any, shown: str | None = None) -> Problem | None:
    """`shown`: the table's name as the user typed it, for the message."""
    if not isinstance(table, str) or table not in state.tables:
        names = ", ".join(t.name for t in state.tables.values()) or tr("none yet")
        table = escape(str(table if shown is None else shown))
        return Problem(tr("no table '{table}' in this workshop (tables: {tables}); add it with add-table").format(
            table=table, tables=escape(names)), "no_table", table=table, tables=escape(names))
    return None


def score_problem(state: WorkshopState, criterion: Any, value: Any) -> Problem | None:
    scales = state.known.scales
    if not isinstance(criterion, str) or criterion not in scales:
        return Problem(tr("no criterion '{criterion}' (criteria: {criteria})").format(
            criterion=escape(str(criterion)), criteria=", ".join(scales)), "no_criterion",
                       criterion=escape(str(criterion)), criteria=", ".join(scales))
    allowed = scales[criterion]
    if value is not None and (type(value) is not int or value not in allowed):
        shown = escape(repr(value) if not is_int(value) else str(value))
        return Problem(tr("{value} is not on the scale of '{criterion}' ({values}, or leave it not assessed)").format(
            value=shown, criterion=criterion, values=", ".join(map(str, allowed))), "off_scale", value=shown,
                       criterion=criterion,
                       values=", ".join(map(str, allowed)))
    return None


def participant_problem(state: WorkshopState, participant: Any) -> Problem | None:
    if not isinstance(participant, str) or participant not in state.known.participants:
        return Problem(tr("no participant '{participant}'; add them first or score by consensus").format(
            participant=escape(str(participant))),
                       "no_participant", participant=escape(str(participant)))
    return None


def proposal_problem(state: WorkshopState, table: str, ref: Any) -> Problem | None:
    if not isinstance(ref, str) or (table, ref) not in state.known.proposals:
        return Problem(tr("no proposal '{ref}' at table '{table}'").format(ref=escape(str(ref)), table=escape(table)),
                       "no_proposal",
                       ref=escape(str(ref)), table=escape(table))
    return None
