"""argparse's own words (usage:, options, its refusals) in the command line's language.

argparse looks its words up through gettext's global domain, which belongs to whatever program hosts it, not
to cardengine. While a command runs, `speaking()` points argparse's lookup at the `cli` catalogue for the
words listed here and puts the lookup back afterwards (the command can run inside a longer-lived process, as
the tests run it). A word missing here, as a newer Python may word it, shows in English."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from cardengine.i18n import ntr, tr, tr_later

WORDS = frozenset({
    tr_later("usage: "),
    tr_later("positional arguments"),
    tr_later("options"),
    tr_later("show this help message and exit"),
    tr_later("%(prog)s: error: %(message)s\n"),
    tr_later("argument %(argument_name)s: %(message)s"),
    tr_later("the following arguments are required: %s"),
    tr_later("one of the arguments %s is required"),
    tr_later("unrecognized arguments: %s"),
    tr_later("not allowed with argument %s"),
    tr_later("ignored explicit argument %r"),
    tr_later("expected one argument"),
    tr_later("expected at most one argument"),
    tr_later("expected at least one argument"),
    tr_later("ambiguous option: %(option)s could match %(matches)s"),
    tr_later("unexpected option string: %s"),
    tr_later("invalid %(type)s value: %(value)r"),
    tr_later("invalid choice: %(value)r (choose from %(choices)s)"),
    tr_later("unknown parser %(parser_name)r (choices: %(choices)s)"),
    tr_later("can't open '%(filename)s': %(error)s"),
})


def _gettext(message: str) -> str:
    return tr(message) if message in WORDS else message


def _ngettext(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return ntr("expected %s argument", "expected %s arguments", count)
    return singular if count == 1 else plural


@contextmanager
def speaking() -> Iterator[None]:
    """argparse speaks the cli catalogue's language inside the block."""
    words = vars(argparse)  # argparse's `_` and `ngettext` are not in its type stubs
    saved = words["_"], words["ngettext"]
    words["_"], words["ngettext"] = _gettext, _ngettext
    try:
        yield
    finally:
        words["_"], words["ngettext"] = saved
