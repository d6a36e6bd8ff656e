"""Budgets of a box template: how much it may make, write, loop and how long it may run.

A layout can come from anyone, and Jinja2's sandbox stops code from running but not a template that
asks for a billion characters or loops for ever. The sandbox hooks (template_sandbox.py) ask this module
before every operation that could allocate or repeat without end; a breach raises BudgetExceeded, a
TemplateError that names the limit in words a layout author can act on.

Every limit is far above what a card needs: a bundled box template renders in well under a millisecond,
makes a few hundred characters and loops over at most a dozen actors or goals.
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError
from jinja2.utils import Namespace

from cardengine.i18n import tr, tr_later

# The text a box shows: a card's longest box holds about 1,500 characters.
MAX_OUTPUT = 64 * 1024
# Text written anywhere during one box render, macros and {% set %} blocks included (it is all kept in memory).
MAX_WRITTEN = 1024 * 1024
# One value a template makes (a text, a list with what it holds, a number), in about bytes of memory.
MAX_VALUE = 256 * 1024
# Everything a template makes during one box render, added up: bounds the memory its variables can hold.
MAX_MADE = 16 * 1024 * 1024
# Loop iterations during one box render, every loop and range() counted together (Jinja2 allows 100,000 per
# range() call, but nested loops multiply).
MAX_ITERATIONS = 100_000
# Padding and width arguments (center, indent, ljust, "{:>N}", "%Ns", ...): a card line is about 60 characters.
MAX_WIDTH = 1_000
# Whole numbers in templates: 4096 bits is about 1,200 digits, far above any count on a card.
MAX_INT_BITS = 4096
# Digits a text may have for the int filter to read it.
MAX_NUMBER_TEXT = 100
# Nesting of lists and mappings a template may build.
MAX_DEPTH = 64
# Seconds of template rendering per card, all its boxes together; a bundled card needs about a millisecond.
MAX_SECONDS_PER_CARD = 1.0
# Characters of one box's template in a layout file; bundled templates have under 200.
MAX_TEMPLATE = 20_000


class BudgetExceeded(TemplateError):
    """A template went past one of its limits; the message says which and how to fix it."""


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n >= 1024 * 1024 and n % (1024 * 1024) == 0 else f"{n // 1024} KiB"


@dataclass
class CardClock:
    """Template time left for one card: shared by the card's boxes, counting only time spent rendering."""

    seconds: float = MAX_SECONDS_PER_CARD


@dataclass
class Budget:
    """What one box render may still use. The counters only go down; a breach raises BudgetExceeded."""

    deadline: float
    iterations: int = MAX_ITERATIONS
    written: int = MAX_WRITTEN
    made: int = MAX_MADE
    output: int = MAX_OUTPUT

    def tick(self) -> None:
        if _now() > self.deadline:
            raise BudgetExceeded(tr("the template ran longer than {seconds} s for this card (a card needs about a "
                                    "millisecond): it loops or recurses too much").format(
                                        seconds=f"{MAX_SECONDS_PER_CARD:g}"))

    def iterate(self) -> None:
        self.iterations -= 1
        if self.iterations < 0:
            raise BudgetExceeded(tr("the template's loops ran more than {count} times (a card loops over a few "
                                    "actors or goals)").format(count=f"{MAX_ITERATIONS:,}"))
        if not self.iterations & 0xFF:
            self.tick()

    def write(self, n: int) -> None:
        self.written -= n
        if self.written < 0:
            raise BudgetExceeded(tr("the template wrote more than {size} of text, counting its macros and blocks "
                                    "(a box shows a few hundred characters)").format(size=_size(MAX_WRITTEN)))

    def make(self, n: int) -> None:
        self.made -= n
        if self.made < 0:
            raise BudgetExceeded(tr("the template made more than {size} of texts and lists in all (a box needs a "
                                    "few kilobytes)").format(size=_size(MAX_MADE)))

    def show(self, n: int) -> None:
        self.output -= n
        if self.output < 0:
            raise BudgetExceeded(tr("the template's output passed {size} (a box shows a few hundred characters)")
                                 .format(size=_size(MAX_OUTPUT)))


_active: ContextVar[Budget | None] = ContextVar("template_budget", default=None)


def active() -> Budget | None:
    """The budget of the render under way, or None (compiling, or a template used outside a render)."""
    return _active.get()


@contextmanager
def budget_for(clock: CardClock) -> Iterator[Budget]:
    """A fresh budget for one box render, charging the time it takes to the card's clock."""
    collecting = gc.isenabled()
    gc.disable()  # a full collection of a big deck's heap is no time of the template's (the budgets bound memory)
    start = _now()
    budget = Budget(deadline=start + max(clock.seconds, 0.0))
    token = _active.set(budget)
    try:
        yield budget
    finally:
        _active.reset(token)
        clock.seconds -= _now() - start
        if collecting:
            gc.enable()


# The template's own CPU time: a loaded machine, a suspended laptop or another process must not make an
# ordinary card "run too long" (wall-clock time did, at random, on a deck of 10,000 cards).
_now = time.thread_time


def tick() -> None:
    budget = _active.get()
    if budget is not None:
        budget.tick()


# ---------------------------------------------------------------- sizes of values

def weight(value: Any, limit: int = MAX_VALUE) -> int:
    """About the bytes `value` holds, and an upper bound of its text's length, counting a part shared by
    several places once per place (as printing it would); stops counting once past `limit`. Raises
    BudgetExceeded for lists nested deeper than MAX_DEPTH (or holding themselves)."""
    total = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (str, bytes, bytearray)):
            total += 49 + len(item)
            continue
        if item is None or isinstance(item, (bool, float, complex)):
            total += 32
            continue
        if isinstance(item, int):
            total += 28 + item.bit_length() // 8
            continue
        if isinstance(item, Namespace):
            item = object.__getattribute__(item, "_Namespace__attrs")
        if isinstance(item, (list, tuple, set, frozenset, dict, Mapping)) or _is_view(item):
            if depth >= MAX_DEPTH:
                raise BudgetExceeded(tr("the template built lists or mappings nested more than {depth} deep (or "
                                        "holding themselves)").format(depth=MAX_DEPTH))
            total += 56 + 16 * len(item)
            if total > limit:
                return total
            children: Iterable[Any] = (
                (x for pair in item.items() for x in pair) if isinstance(item, Mapping) else item)
            stack.extend((child, depth + 1) for child in children)
            continue
        total += 64  # functions, macros, cyclers, ranges, generators: their text is short
        if total > limit:
            return total
    return total


def _is_view(item: Any) -> bool:
    return type(item).__name__ in ("dict_keys", "dict_values", "dict_items")


def check_value(value: Any, what: str = "") -> Any:
    """`value`, if it is small enough to keep (and it is charged to the render's budget); else BudgetExceeded."""
    if isinstance(value, Iterator):
        return value  # a generator's items are checked when something takes them
    size = weight(value)
    if size > MAX_VALUE:
        raise BudgetExceeded(tr("{what} made a {kind} of about {size} or more, above the {most} a template may make "
                                "at once").format(what=what or tr("the template"), kind=tr(_kind(value)),
                                                  size=_size(size), most=_size(MAX_VALUE)))
    budget = _active.get()
    if budget is not None:
        budget.make(size)
    return value


def _kind(value: Any) -> str:
    if isinstance(value, (str, bytes)):
        return tr_later("text")
    if isinstance(value, int):
        return tr_later("number")
    if isinstance(value, Mapping):
        return tr_later("mapping")
    return tr_later("list")


def check_estimate(chars: int, what: str) -> None:
    """Refuse an operation before it runs when it would make a value above MAX_VALUE."""
    if chars > MAX_VALUE:
        raise BudgetExceeded(tr("{what} would make a text of {chars} characters, above the {most} a template may "
                                "make at once").format(what=what, chars=f"{chars:,}", most=_size(MAX_VALUE)))


def check_width(width: Any, what: str) -> None:
    """Padding and widths: whole numbers up to MAX_WIDTH."""
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise BudgetExceeded(tr("{what} asks for a width of {width}; widths and padding go up to {most} characters "
                                "(a card line holds about 60)").format(what=what, width=f"{width:,}",
                                                                        most=f"{MAX_WIDTH:,}"))


def check_int_bits(bits: int, what: str) -> None:
    if bits > MAX_INT_BITS:
        raise BudgetExceeded(tr("{what} would make a number of about {digits} digits; numbers in templates have at "
                                "most {most}").format(what=what, digits=f"{bits * 0.30103:,.0f}",
                                                      most=f"{MAX_INT_BITS * 0.30103:,.0f}"))


def text_len(value: Any) -> int:
    """The length of `value` as text, without making the text when it is not one already."""
    return len(value) if isinstance(value, (str, bytes, bytearray)) else weight(value)


# ---------------------------------------------------------------- formatting

_DIGITS = re.compile(r"\d+")


def check_format_spec(spec: str, what: str) -> None:
    """A str.format field's spec ('>20', '0{w}d' once resolved, ',.2f'): no width or precision above MAX_WIDTH."""
    for digits in _DIGITS.findall(spec):
        if len(digits) > 6 or int(digits) > MAX_WIDTH:
            raise BudgetExceeded(f"{what}: the format '{{:{spec[:20]}}}' asks for a width or precision above "
                                 f"{MAX_WIDTH:,} characters")


def printf_estimate(fmt: str, args: Any, what: str) -> int:
    """An upper bound of the length of `fmt % args`, refusing widths and precisions above MAX_WIDTH.

    Follows Python's own parsing of %-formats: %(key)flags width.precision length type, where width and
    precision may be * (taken from the arguments)."""
    values: Sequence[Any] = args if isinstance(args, tuple) else (args,)
    mapping = args if isinstance(args, Mapping) else None
    star_ints = [a for a in values if isinstance(a, int)]
    biggest_arg = max((text_len(v) for v in (mapping.values() if mapping is not None else values)), default=0)
    conversions, widest, i, n = 0, 0, 0, len(fmt)
    while True:
        i = fmt.find("%", i)
        if i < 0 or i + 1 >= n:
            break
        i += 1
        if fmt[i] == "(":
            depth, i = 1, i + 1
            while i < n and depth:
                depth += {"(": 1, ")": -1}.get(fmt[i], 0)
                i += 1
        while i < n and fmt[i] in "-+ #0":
            i += 1
        for part in ("width", "precision"):
            if part == "precision":
                if i < n and fmt[i] == ".":
                    i += 1
                else:
                    break
            if i < n and fmt[i] == "*":
                i += 1
                widest = max([widest, *map(abs, star_ints)])
                continue
            start = i
            while i < n and fmt[i].isdigit():
                i += 1
            if i > start:
                digits = fmt[start:i]
                widest = max(widest, 10 ** 12 if len(digits) > 12 else int(digits))
        while i < n and fmt[i] in "hlL":
            i += 1
        if i < n and fmt[i] != "%":
            conversions += 1
        i += 1
    check_width(widest, what)
    return n + conversions * (widest + biggest_arg)
