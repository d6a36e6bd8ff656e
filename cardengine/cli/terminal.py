"""The command line's own output streams: control characters in what it prints are shown escaped, never obeyed.

File names, titles and table names come from users and files; a name holding `\\x1b]...` or `\\u202e` must not
drive the terminal. Every message goes through `print`, so escaping at the stream covers them all, argparse's
usage errors included. Rich draws tables and progress bars with escape sequences of its own: it writes to
`raw(stream)`, and the text it is given is escaped first (`escape`)."""

from __future__ import annotations

import io
from typing import TextIO

from cardengine.escaping import escape


class EscapingStream(io.TextIOBase):
    """`stream`, with control characters other than newline and tab written as `\\x1b`, `\\u202e`..."""

    def __init__(self, stream: TextIO):
        self.raw_stream = stream

    def write(self, text: str) -> int:
        self.raw_stream.write("\n".join("\t".join(escape(part) for part in line.split("\t"))
                                        for line in text.split("\n")))
        return len(text)

    def flush(self) -> None:
        self.raw_stream.flush()

    def isatty(self) -> bool:
        return self.raw_stream.isatty()

    def fileno(self) -> int:
        return self.raw_stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.raw_stream.encoding


def raw(stream: TextIO) -> TextIO:
    """The terminal under an `EscapingStream`, for Rich's own escape sequences."""
    return stream.raw_stream if isinstance(stream, EscapingStream) else stream
