"""The two errors of the session engine: a file that cannot be used, and an action that cannot be recorded.

Each carries a `code` and `values` besides its English message (what the command line prints), so that the
app can say it in its own language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cardengine.sessions.event_rules import Problem


class StoreError(Exception):
    """A workshop file that cannot be used; the message says why and what to do (in English: the command line
    prints it). `code` and `values` name the error for programs that say it in another language (the app);
    a value named `reason_code` is the code of `disk_failure.write_failure`'s reason."""

    def __init__(self, message: str, code: str = "", **values: object):
        super().__init__(message)
        self.code, self.values = code, {key: str(value) for key, value in values.items()}


class ActionError(ValueError):
    """An action that cannot be recorded as given; nothing was saved.

    `code` and `values` name the refusal for programs that say it in another language (the app); the
    message is the English one the command line prints."""

    def __init__(self, message: str, code: str = "", **values: object):
        super().__init__(message)
        self.code, self.values = code, {key: str(value) for key, value in values.items()}

    @classmethod
    def of(cls, problem: Problem) -> ActionError:
        """The refusal a rule of event_check gave, with its code and values."""
        return cls(problem, problem.code, **problem.values)
