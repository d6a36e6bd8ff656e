"""The builtins a box template reaches, on a budget: `range` and `lipsum`, and a guard around each of Jinja2's
filters that refuses arguments which would allocate something huge (template_limits.py says how much).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from jinja2.utils import generate_lorem_ipsum

from cardengine.i18n import tr
from cardengine.printing.template_limits import (
    MAX_ITERATIONS,
    MAX_NUMBER_TEXT,
    MAX_VALUE,
    BudgetExceeded,
    active,
    check_estimate,
    check_value,
    check_width,
    printf_estimate,
    text_len,
    tick,
    weight,
)

MAX_JSON_INDENT = 16


class BudgetedRange(Sequence[int]):
    """range() whose iteration counts against the render's loop budget."""

    def __init__(self, numbers: range):
        self._numbers = numbers

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, index: Any) -> Any:
        found = self._numbers[index]
        return BudgetedRange(found) if isinstance(found, range) else found

    def __iter__(self) -> Iterator[int]:
        return _counted(iter(self._numbers))

    def __reversed__(self) -> Iterator[int]:
        return _counted(reversed(self._numbers))

    def __contains__(self, value: object) -> bool:
        return value in self._numbers

    def __eq__(self, other: object) -> bool:
        return self._numbers == (other._numbers if isinstance(other, BudgetedRange) else other)

    def __hash__(self) -> int:
        return hash(self._numbers)

    def __repr__(self) -> str:
        return repr(self._numbers)

    @property
    def start(self) -> int:
        return self._numbers.start

    @property
    def stop(self) -> int:
        return self._numbers.stop

    @property
    def step(self) -> int:
        return self._numbers.step


def _counted(items: Iterator[Any]) -> Iterator[Any]:
    budget = active()
    for item in items:
        if budget is not None:
            budget.iterate()
        yield item


def budget_range(*args: int) -> BudgetedRange:
    numbers = range(*args)
    try:
        count = len(numbers)
    except OverflowError:
        count = MAX_ITERATIONS + 1
    if count > MAX_ITERATIONS:
        raise BudgetExceeded(f"range({', '.join(map(str, args))}) has {count:,} numbers or more; the loops of a "
                             f"template may run {MAX_ITERATIONS:,} times in all")
    return BudgetedRange(numbers)


def budget_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    check_estimate(int(n) * int(max) * 16, f"lipsum({short(n)}, max={short(max)})")
    return generate_lorem_ipsum(n, html, min, max)


# ---------------------------------------------------------------- builtin filters

def materialize(value: Any) -> Any:
    return value if isinstance(value, (str, list, tuple)) else list(value)


def _center(value: Any, width: int = 80, *_: Any, **__: Any) -> Any:
    check_width(width, f"center({short(width)})")
    return value


def _indent(s: Any, width: Any = 4, *_: Any, **__: Any) -> Any:
    pad = len(width) if isinstance(width, str) else width
    check_width(pad, f"indent({short(pad)})")
    if isinstance(pad, int):
        check_estimate(text_len(s) + (str(s).count("\n") + 1) * pad, f"indent({pad})")
    return s


def _format(value: Any, *args: Any, **kwargs: Any) -> Any:
    check_estimate(printf_estimate(str(value), kwargs or args, "format"), "format")
    return value


def _join(value: Any, d: Any = "", *_: Any, **__: Any) -> Any:
    items = materialize(value)
    check_estimate(sum(text_len(i) for i in items) + text_len(d) * len(items), "join")
    return items


def _replace(s: Any, old: Any = "", new: Any = "", count: Any = None, *_: Any, **__: Any) -> Any:
    check_replace(str(s), str(old), str(new), count, "replace")
    return s


def check_replace(s: Any, old: Any, new: Any, count: Any, what: str) -> None:
    if len(new) <= len(old):
        return
    found = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    check_estimate(len(s) + found * (len(new) - len(old)), what)


def _wordwrap(s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
              *_: Any, **__: Any) -> Any:
    text = str(s)
    lines = len(text) // (width if isinstance(width, int) and width > 0 else 1) + text.count("\n") + 1
    check_estimate(len(text) + lines * len(wrapstring or "\n"), "wordwrap")
    return s


def _urlize(value: Any, trim_url_limit: Any = None, nofollow: Any = False, target: Any = None, rel: Any = None,
            *_: Any, **__: Any) -> Any:
    n = text_len(value)
    check_estimate(3 * n + (n // 2 + 1) * (60 + len(target or "") + len(rel or "")), "urlize")
    return value


def _tojson(value: Any, indent: Any = None, *_: Any, **__: Any) -> Any:
    pad = len(indent) if isinstance(indent, str) else indent
    if isinstance(pad, int) and pad > MAX_JSON_INDENT:
        raise BudgetExceeded(f"tojson(indent={pad}): indents go up to {MAX_JSON_INDENT}")
    return value


def _count_arg(what: str) -> Callable[..., Any]:
    def check(value: Any, count: Any = 1, *_: Any, **__: Any) -> Any:
        if isinstance(count, int) and count > MAX_ITERATIONS:
            raise BudgetExceeded(f"{what}({count:,}): at most {MAX_ITERATIONS:,}")
        return value
    return check


def _sum(iterable: Any, attribute: Any = None, start: Any = 0, *_: Any, **__: Any) -> Any:
    items = materialize(iterable)
    # Adding lists or texts one by one copies the growing total each time: quadratic, inside one C call.
    if len(items) > 1_000 and (not isinstance(start, (int, float)) or any(
            not isinstance(i, (int, float)) for i in items[:1])):
        raise BudgetExceeded(f"sum of {len(items):,} lists or texts; at most 1,000")
    return items


def _int(value: Any, *_: Any, **__: Any) -> Any:
    if isinstance(value, (str, bytes)) and len(value.strip()) > MAX_NUMBER_TEXT:
        raise BudgetExceeded(f"int of a text of {len(value):,} characters; numbers have at most "
                             f"{MAX_NUMBER_TEXT} digits")
    return value


# Checks run before the filter of the same name, with the filter's own arguments; each returns the value
# to filter (join and sum read a generator once, so they get the list made from it).
FILTER_CHECKS: dict[str, Callable[..., Any]] = {
    "center": _center, "indent": _indent, "format": _format, "join": _join, "replace": _replace,
    "wordwrap": _wordwrap, "urlize": _urlize, "tojson": _tojson, "batch": _count_arg("batch"),
    "slice": _count_arg("slice"), "sum": _sum, "int": _int,
}


def guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` with the budget: time checked, arguments that would allocate refused, the result kept small."""
    check = FILTER_CHECKS.get(name)
    skip = 1 if hasattr(func, "jinja_pass_arg") else 0  # context, eval context or environment comes first

    @functools.wraps(func)  # keeps jinja_pass_arg, so Jinja2 passes the same first argument
    def guarded(*args: Any, **kwargs: Any) -> Any:
        tick()
        if len(args) > skip:
            value = args[skip]  # (an item of a generator is checked when taken)
            if not isinstance(value, (str, int, float, Iterator)) and weight(value) > MAX_VALUE:
                check_value(value, tr("the value given to the {name} filter").format(name=name))
            if check is not None:
                value = check(value, *args[skip + 1:], **kwargs)
            args = (*args[:skip], value, *args[skip + 1:])
        return check_value(func(*args, **kwargs), tr("the {name} filter").format(name=name))

    return guarded


def short(value: Any) -> str:
    if isinstance(value, int):
        text = str(value) if value.bit_length() < 64 else f"a {value.bit_length()}-bit number"
    else:
        text = repr(value) if text_len(value) < 200 else f"a {type(value).__name__}"
    return text if len(text) <= 24 else text[:20] + "...'"
