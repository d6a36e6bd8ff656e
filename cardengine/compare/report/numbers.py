"""How a figure shows in the report beside what stands behind it: its interval, its tables, its participants,
and a mark when it rests on fewer tables than `--min-tables`.

Pure formatting on the tidy tables' rows (the figures stay exact in the CSVs; they are rounded only here).
"""

from __future__ import annotations

from cardengine.compare.measures.comparison import W_MIN_ITEMS
from cardengine.compare.report.words import Words

FEW = "†"  # marks a figure resting on fewer tables than --min-tables (DejaVu has it; so does every web font)



def few(n: int | None, min_tables: int) -> bool:
    """True when a figure rests on fewer tables than --min-tables (and so is greyed, marked or left out)."""
    return n is not None and n < min_tables


def interval(w: Words, low: float | None, high: float | None, digits: int = 1, percent: bool = False) -> str:
    """" [low–high]", or "" without an interval."""
    if low is None or high is None:
        return ""
    if percent:
        return f" [{low * 100:.0f}–{high * 100:.0f}]"
    return f" [{w.num(low, digits)}–{w.num(high, digits)}]"


def behind(w: Words, tables: int | None, participants: int = 0, min_tables: int = 2) -> str:
    """" (tables)" or " (tables; participants part.)", then the mark when too few tables stand behind it."""
    if tables is None:
        return ""
    people = f"; {w('numbers.people', n=participants)}" if participants else ""
    return f" ({tables}{people})" + (FEW if few(tables, min_tables) else "")


def note(w: Words, bootstrap: int, min_tables: int, intervals: bool = True) -> str:
    """The sentence under a table that says what the brackets and the mark mean (`intervals`: the table's
    figures have confidence intervals when the bootstrap is on)."""
    key = "numbers.note_n" if not intervals else "numbers.note" if bootstrap else "numbers.note_plain"
    return w(key, b=bootstrap, few=FEW, min=min_tables)


def p_value(w: Words, p: float | None) -> str:
    """A p-value as a reader expects it: three decimals, or "< 0.001"."""
    if p is None:
        return "–"
    return f"< {w.num(0.001, 3)}" if p < 0.001 else w.num(p, 3)


def warnings(w: Words, all_warnings: list[str], untested: tuple[str, list[str]] | None) -> tuple[str, ...]:
    """The comparison's warnings, the one about untested W said in the report's language."""
    if untested is None:
        return tuple(all_warnings)
    english, labels = untested
    names = [w("numbers.between_groups") if label == "between groups" else label for label in labels]
    shown = "; ".join(names[:5]) + (w("numbers.and_more", n=len(names) - 5) if len(names) > 5 else "")
    said = w("numbers.w_untested_list", min=W_MIN_ITEMS, shown=shown)
    return tuple(said if warning == english else warning for warning in all_warnings)


def with_note(existing: str, added: str) -> str:
    return f"{existing} {added}".strip()
