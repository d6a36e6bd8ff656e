"""What every command shares: exit codes, how problems and errors are printed, opening decks and workshops."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cardengine.console import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, report, usage_error
from cardengine.i18n import ntr, tr
from cardengine.sessions.action_words import COMMENT_KINDS, PICK_KINDS, kind_word

if TYPE_CHECKING:
    from cardengine.decks.load import LoadResult
    from cardengine.sessions.workshop import Workshop


__all__ = ["COMMENT_KINDS", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "PICK_KINDS", "Command", "WorkshopAction",
           "fail", "kind_word", "load_decks", "report", "say", "usage_error", "warn_skipped", "with_workshop"]

Command = Callable[[argparse.Namespace], int]
WorkshopAction = Callable[["Workshop", argparse.Namespace], int]


def fail(message: str, code: int = EXIT_PROBLEMS) -> int:
    from cardengine.escaping import escape

    for line in message.splitlines() or [""]:  # one prefixed line per problem
        print(tr("cardengine: error: {message}").format(message=escape(line)), file=sys.stderr)  # may hold \x1b
    return code


def say(text: str) -> None:
    """A confirmation: it repeats what the user typed (a --table with \x1b matches the table by its letters),
    so it is printed escaped."""
    from cardengine.escaping import escape

    print(escape(text))


def load_decks(paths: Sequence[Path]) -> LoadResult | None:
    """Load deck and criteria files; None (after saying so) when a path does not exist."""
    from cardengine.bundled import default_decks
    from cardengine.decks.load import load_paths

    paths = list(paths) or [default_decks()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        usage_error(tr("no such file or folder: {paths}").format(paths=", ".join(map(str, missing))))
        return None
    return load_paths(paths)


def warn_skipped(w: Workshop) -> None:
    """A workshop holding invalid events (older versions, hand edits) opens without them; say so."""
    if w.state.skipped:
        print(ntr("cardengine: warning: {path}: {count} invalid event(s) left out; list them with "
                  "`cardengine session check {path}`",
                  "cardengine: warning: {path}: {count} invalid event(s) left out; list them with "
                  "`cardengine session check {path}`", len(w.state.skipped)).format(
                      path=w.store.path, count=len(w.state.skipped)), file=sys.stderr)


def with_workshop(action: WorkshopAction) -> Command:
    """Open the workshop file, run the action, report engine errors as one line (exit 1)."""

    def run(args: argparse.Namespace) -> int:
        from cardengine.sessions.store import StoreError
        from cardengine.sessions.workshop import ActionError, Workshop

        try:
            with Workshop.open(args.workshop) as workshop:
                warn_skipped(workshop)
                return action(workshop, args)
        except (StoreError, ActionError) as exc:
            return fail(str(exc))

    return run
