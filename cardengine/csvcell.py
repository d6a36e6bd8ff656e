"""One CSV cell: how every CSV the project writes keeps text from running as a spreadsheet formula, reversibly.

Kept apart from `spreadsheet` (decks to and from CSV, which loads the deck checks and jsonschema) so that the
workshop exports and the comparison tables can use it without that start-up cost.
"""

from __future__ import annotations

import unicodedata

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_like(cell: str) -> bool:
    """Would a spreadsheet run `cell` as a formula? Its first character, after the Unicode compatibility
    normalisation spreadsheets apply (full-width ＝＋－＠ and small ﹦﹢﹣﹫ are = + - @), is a formula start,
    also behind leading spaces (LibreOffice can trim them on import); a leading tab, CR or LF counts too."""
    if cell.startswith(FORMULA_START):
        return True
    first = cell.lstrip()[:1]
    return bool(first) and unicodedata.normalize("NFKC", first).startswith(FORMULA_START)


def _marked(cell: str) -> bool:
    """Cells that get a leading ': formula-like ones, and ones that already start with ' (so the mark can
    be told from text that starts with one, and taking it off again gives back exactly what was written)."""
    return cell.startswith("'") or formula_like(cell)


def neutralise(cell: str) -> str:
    """Stop a spreadsheet from running a cell as a formula: a leading ' makes it plain text. Reversible:
    `unneutralise(neutralise(x)) == x` for every text x (see docs/deck-format.md)."""
    return "'" + cell if _marked(cell) else cell


def csv_cell(value: object) -> str:
    """One value of a tidy research table as CSV text: empty for missing, true/false, plain decimals,
    and text that cannot run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)  # shortest exact decimal
    return neutralise(str(value))


def unneutralise(cell: str) -> str:
    """Take off the mark `neutralise` added: a leading ' before text that would have been marked."""
    return cell[1:] if cell.startswith("'") and _marked(cell[1:]) else cell


__all__ = ["FORMULA_START", "csv_cell", "formula_like", "neutralise", "unneutralise"]
