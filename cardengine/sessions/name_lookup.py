"""What a user typed, resolved to the key of a table, participant, card or proposal of the workshop.

Names are matched loosely (case, punctuation and width aside) but never ambiguously; cards by the one rule of
card_ids. A name that matches nothing is refused with the rule's problem (an ActionError saying what to do).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from cardengine.decks.card_ids import match_id, near_ids
from cardengine.escaping import escape
from cardengine.i18n import tr
from cardengine.sessions.errors import ActionError
from cardengine.sessions.event_rules import card_problem, table_problem
from cardengine.sessions.state import WorkshopState


def slug(text: str) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out or "table"


def actor_names(names: list[str]) -> list[str]:
    """Lead actors as typed: each trimmed, blank ones dropped (a stray comma or empty line is not an actor)."""
    return [n.strip() if isinstance(n, str) else n for n in names if not isinstance(n, str) or n.strip()]


def _loose(name: str) -> str:
    """A table name as typed loosely: case and punctuation aside, but every letter kept (unlike `slug`, which
    drops the letters of other alphabets: '北' and '南' have one slug)."""
    return "".join(c for c in unicodedata.normalize("NFKC", name).casefold() if c.isalnum())  # 'Ｎｏｒｄ' is 'Nord'


def find(names: dict[str, str], name: str) -> str | None:
    """The key of the table or participant the user means by `name` (`names`: key to name): its name loosely
    ('tavolo 1' for 'Tavolo 1'), or else its key exactly. An exact name wins, and a loose one must be unambiguous: an
    older file may hold both 'a-b' and 'ab'."""
    exact = [key for key, known in names.items() if known == name]
    if exact:
        return exact[0]
    wanted = _loose(name)
    loose = [key for key, known in names.items() if wanted and _loose(known) == wanted]
    if len(loose) == 1:  # before keys: 'table' is the table named 'Table', not the key of '北'
        return loose[0]
    return name if name in names and not loose else None


def fresh_key(taken: Container[str], name: str) -> str:
    """The slug of `name`, made unique: another name with the same slug ('北' and '南' both make 'table') gets a
    key of its own, never theirs."""
    key, n = slug(name), 2
    while key in taken:
        key, n = f"{slug(name)}-{n}", n + 1
    return key


def find_table(state: WorkshopState, name: str) -> str | None:
    return find({key: t.name for key, t in state.tables.items()}, name)


def table_exists(name: str, shown: str) -> ActionError:
    """The refusal to add table `name`: the workshop has it already, named `shown`."""
    message = (tr("table '{name}' already exists (as '{same}')") if shown != name
               else tr("table '{name}' already exists"))
    return ActionError(message.format(name=escape(name), same=escape(shown)), "table_exists", name=shown)


def participant_exists(label: str, shown: str) -> ActionError:
    """The refusal to add participant `label`: the workshop has them already, labelled `shown`."""
    message = (tr("participant '{label}' already exists (as '{same}')") if shown != label
               else tr("participant '{label}' already exists"))
    return ActionError(message.format(label=escape(label), same=escape(shown)), "participant_exists", label=shown)


def labels(state: WorkshopState) -> dict[str, str]:
    return {key: p.label for key, p in state.participants.items()}


def table_key(state: WorkshopState, name: str) -> str:
    key = find_table(state, name) or name
    problem = table_problem(state, key, shown=name)
    if problem:
        raise ActionError.of(problem)
    return key


def card_key(state: WorkshopState, card: str) -> str:
    """The card `card` names, by the one rule of card_ids (`en 01` is EN-01; `EN-1` is never EN-10)."""
    key = match_id(card, state.cards) or card.strip().upper()
    problem = card_problem(state, key, shown=card)
    if problem:
        near = near_ids(card, state.cards)
        if not near:
            raise ActionError.of(problem)
        raise ActionError(tr("{problem}; did you mean {near}?").format(problem=problem, near=", ".join(near)),
                          "no_card_near", near=", ".join(near),
                          **problem.values)
    return key


def target_key(state: WorkshopState, table_id: str, target: str) -> str:
    """A proposal of the table (P1, p 1) or a card, by the same rule as a card alone."""
    proposals = state.tables[table_id].proposals
    ref = match_id(target, [*proposals, *state.cards])
    if ref in proposals:
        return ref
    return card_key(state, target)
