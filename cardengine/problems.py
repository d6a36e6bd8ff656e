"""Problems found in input files, reported as FILE:LINE:COLUMN: FIELD: what is wrong; how to fix it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cardengine.i18n import tr

FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: Path | str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    path: FieldPath
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def field(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        where = str(self.file)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        parts = [where]
        if self.severity is Severity.WARNING:
            parts.append(tr("warning"))
        if self.path:
            parts.append(self.field)
        # the separator is the language's: French puts a space before ';'
        text = tr("{message}; {hint}").format(message=self.message, hint=self.hint) if self.hint else self.message
        return ": ".join(parts) + ": " + text


def format_path(path: FieldPath) -> str:
    """('cards', 3, 'sdgs', 1) -> 'cards[3].sdgs[1]'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def sort_problems(problems: Sequence[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (str(p.file), p.line, p.column, p.message))


class InputError(Exception):
    """Bad input that stops an operation; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
