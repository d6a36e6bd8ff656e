"""PyYAML's syntax problems, in the language of the messages.

PyYAML words its problems in English ("mapping values are not allowed here"). The ones a hand-edited deck
meets are matched here and said through the catalogue, with what PyYAML found kept as it wrote it (a
character or a token name); any other problem is shown as PyYAML wrote it.
"""

from __future__ import annotations

import re

from cardengine.i18n import tr, tr_later

# (PyYAML's problem as a pattern, the message; {found} is what PyYAML's %r put in the problem)
_PROBLEMS = [(re.compile(pattern), message) for pattern, message in [
    (r"mapping values are not allowed here", tr_later("a colon followed by a space is not allowed here")),
    (r"could not find expected ':'", tr_later("a colon ':' was expected")),
    (r"found character (?P<found>.+) that cannot start any token",
     tr_later("the character {found} cannot start a value")),
    (r"expected ',' or '\}', but got (?P<found>.+)", tr_later("',' or '}}' was expected, found {found}")),
    (r"expected ',' or '\]', but got (?P<found>.+)", tr_later("',' or ']' was expected, found {found}")),
    (r"expected <block end>, but found (?P<found>.+)",
     tr_later("the indentation ends a block here, but found {found}")),
    (r"sequence entries are not allowed here", tr_later("a list item '- ' is not allowed here")),
    (r"invalid indentation or unclosed '\[' or '\{'",
     tr_later("wrong indentation, or an unclosed '[' or '{{'")),
    (r"found undefined alias (?P<found>.+)", tr_later("the alias {found} names no anchor")),
    (r"second occurrence", tr_later("an anchor (&name) defined a second time")),
    (r"found unexpected end of stream", tr_later("the file ends inside a quoted text")),
    (r"found unknown escape character (?P<found>.+)",
     tr_later("unknown escape character {found} after a backslash in a double-quoted text")),
    (r"expected alphabetic or numeric character, but found (?P<found>.+)",
     tr_later("a letter or digit was expected after & or *, found {found}")),
    (r"expected the node content, but found (?P<found>.+)", tr_later("a value was expected, found {found}")),
    (r"but found another document", tr_later("the file holds more than one document (---)")),
]]


def yaml_problem(problem: str) -> str:
    """PyYAML's `problem` in the language of the messages, or as it is when it is not one of the known."""
    for pattern, message in _PROBLEMS:
        matched = pattern.fullmatch(problem)
        if matched:
            return tr(message).format(**matched.groupdict())
    return problem
