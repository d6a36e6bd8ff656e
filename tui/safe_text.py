"""Stored text as the app may draw it."""

from __future__ import annotations

import re

from cardengine.sessions import escape


def shown(text: object) -> str:
    """Text from the file (a comment, a description, a name an older version kept) drawn as it was typed, but
    with its control characters written out (\\x1b, \\u202e): drawn raw, an escape sequence clears or recolours
    the terminal and a bidi override reverses the line. Line breaks stay line breaks."""
    value = str(text)
    if value.isprintable():  # the common case, fast
        return value
    return "\n".join(escape(line) for line in re.split(r"\r\n|\r|\n", value))
