"""The command line's own output streams: control characters in what it prints are shown escaped, never obeyed.

File names, titles and table names come from users and files; a name holding `\\x1b]...` or `\\u202e` must not
drive the terminal. Every message goes through `print`, so escaping at the stream covers them all, argparse's
usage errors included. Rich draws tables and progress bars with escape sequences of its own: it writes to
`raw(stream)`, and the text it is given is escaped first (`escape`)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, TextIO

from cardengine.escaping import escape

if TYPE_CHECKING:  # rich loads only in the commands that draw tables
    from rich.console import Console
    from rich.table import Column, Table


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


FOLDED = 12  # the narrowest a folding column (a file's path) is drawn


def print_whole(console: Console, table: Table) -> None:
    """Print `table` as a table when every column fits the terminal without cutting a word or a value that must
    stay whole (a column made `no_wrap`: ids, numbers, codes); else each row as a record, one "column: value" line
    each, so that a narrow terminal (80 columns, French headers) loses nothing: to make a table fit, rich would
    end an id or a number with "…", break words mid-letter, or drop a column."""
    from rich.cells import cell_len
    from rich.text import Text

    def plain(cell: object) -> str:
        return cell.plain if isinstance(cell, Text) else str(cell)

    def need(column: Column) -> int:
        texts = [plain(cell) for cell in column.cells]
        if column.no_wrap:  # (its header too)
            whole = [cell_len(t) for t in [*texts, plain(column.header)]]
        else:  # words wrap between words; a column that folds (a path) may also break a long word
            whole = [min(cell_len(w), FOLDED) if column.overflow == "fold" else cell_len(w)
                     for t in texts for w in t.split()]
        return max([*whole, *(cell_len(w) for w in plain(column.header).split()), 1])

    needs = [need(column) for column in table.columns]
    room = console.width - 3 * len(needs) - 1  # each column's padding and rule, and the last rule
    if sum(needs) <= room:
        # rich's own shrinking can cut a no-wrap value or overflow the width: the widths are set here instead,
        # each column at its natural width, the widest wrapping ones narrowed first, never below their need
        widths = [max(need, *(cell_len(plain(c)) for c in [*column.cells, column.header])) for need, column
                  in zip(needs, table.columns, strict=True)]
        while sum(widths) > room:
            i = max(range(len(widths)), key=lambda k: widths[k] - needs[k])
            widths[i] -= 1
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        console.print(table)
        return
    if table.title:
        console.print(table.title, style="bold")
    headers = [plain(column.header) for column in table.columns]
    width = max(map(cell_len, headers))
    for i in range(table.row_count):
        for header, column in zip(headers, table.columns, strict=True):
            cell = list(column.cells)[i]
            value = cell if isinstance(cell, Text) else Text(str(cell))
            console.print(Text.assemble((header.ljust(width), "bold"), "  ", value))
        console.print()
