"""The facilitator's and the participants' actions on the plenary's polls: open a poll, close it, vote.

A mixin of `Workshop` (workshop.py): each action builds its event inside the workshop's write transaction, on
the file's state at that moment, and the rules every stored event follows (payload_checks.py) refuse what
cannot be recorded, with an ActionError saying why ("poll Q1 is closed", "you have already voted in poll Q1").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from cardengine.escaping import escape
from cardengine.i18n import tr
from cardengine.sessions.errors import ActionError
from cardengine.sessions.events import Event
from cardengine.sessions.polls import POLL_KINDS, next_poll_id, poll_options

if TYPE_CHECKING:
    from cardengine.sessions.state import WorkshopState

_Built = tuple[str, dict[str, Any], "str | None"]  # as workshop.Built: kind, payload, table


class PollActions:
    """Poll actions for a class that has `_commit` (Workshop)."""

    if TYPE_CHECKING:
        def _commit(self, build: Callable[[WorkshopState], _Built]) -> Event: ...
        def _commit_all(self, build: Callable[[WorkshopState], list[_Built]]) -> list[Event]: ...

    def open_poll(self, kind: str, options: Sequence[str] | None, max_choices: int,
                  question: dict[str, str] | None = None) -> Event:
        """Open the next poll (Q1, Q2, ...): `options` None offers the kind's defaults (`poll_options`). Refused
        while another poll is open."""
        if kind not in POLL_KINDS:
            raise ActionError(tr("poll kind '{value}' is not one of {kinds}").format(
                value=escape(kind), kinds=", ".join(POLL_KINDS)), "poll_kind", value=escape(kind))

        def build(state: WorkshopState) -> _Built:
            offered = list(poll_options(state, kind) if options is None else options)
            if options is None and not offered:
                raise ActionError(tr("a {kind} poll has nothing to offer yet: no table has a favourite card or a "
                                     "proposal").format(kind=kind), "poll_nothing", kind=kind)
            return "poll.opened", {"poll": next_poll_id(state.polls), "kind": kind, "question": dict(question or {}),
                                   "max_choices": max_choices, "options": offered}, None

        return self._commit(build)

    def close_poll(self, poll: str) -> Event:
        key = poll.strip().upper()
        return self._commit(lambda state: ("poll.closed", {"poll": key}, None))

    def vote(self, poll: str, voter: str, choices: Sequence[str]) -> Event:
        """One voter's ballot: their choices (a ranking for domains; repeats put several dots on one option)."""
        key = poll.strip().upper()
        return self._commit(lambda state: ("vote", {"poll": key, "voter": voter, "choices": list(choices)}, None))

    def vote_all(self, ballots: Callable[[WorkshopState], list[Ballot]]) -> list[Event]:
        """Several voters' ballots in one write transaction (a plenary's phones voting at once: one commit, not one
        each). `ballots` chooses them on the file's state at that moment, leaving out any the rules would refuse
        (a voter who already voted, a closed poll); each is still checked, and all are saved or none."""
        return self._commit_all(lambda state: [("vote", {"poll": poll, "voter": voter, "choices": list(choices)}, None)
                                               for poll, voter, choices in ballots(state)])


Ballot = tuple[str, str, "Sequence[str]"]  # (poll, voter, choices), as `vote` takes them

__all__ = ["Ballot", "PollActions"]
