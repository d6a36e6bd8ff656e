"""What a command prints on its standard streams besides its results: problems in file order, usage errors,
and the exit codes they lead to. Shared by the command line and the layers under it (build prints its load
problems as it streams the decks). Imports only cardengine.problems and cardengine.i18n."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from cardengine.i18n import tr

if TYPE_CHECKING:
    from cardengine.problems import Problem

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "report", "usage_error"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def report(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    """Each problem on its own line, in file and line order (stderr unless told)."""
    from cardengine.problems import sort_problems  # when there are problems: start-up stays light

    stream = stream or sys.stderr
    for problem in sort_problems(list(problems)):
        print(problem, file=stream)


def usage_error(message: str) -> int:
    """Say what is wrong with the command as typed; the exit code for it."""
    print(tr("cardengine: error: {message}").format(message=message), file=sys.stderr)
    return EXIT_USAGE
