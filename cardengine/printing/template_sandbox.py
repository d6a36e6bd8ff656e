"""Jinja2's immutable sandbox with budgets: a box template can neither run code nor exhaust memory or time.

Jinja2's documented extension points do the work: `call`, `getattr`, `getitem`, intercepted binary
operators (`call_binop`) and `wrap_str_format` are overridden; every builtin filter and the `range` and
`lipsum` globals are wrapped; and the parsed template is rewritten before it is compiled so that every
loop, every piece of output, every `~` and every list or mapping literal passes through a check
(template_limits.py says how much each may use). Templates cannot load other templates.
"""

from __future__ import annotations

import functools
import math
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

from jinja2 import nodes, pass_context
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from cardengine.printing.template_limits import (
    MAX_ITERATIONS,
    MAX_NUMBER_TEXT,
    MAX_VALUE,
    BudgetExceeded,
    active,
    check_estimate,
    check_format_spec,
    check_int_bits,
    check_value,
    check_width,
    printf_estimate,
    text_len,
    tick,
    weight,
)

# Names of the checks the rewritten template calls; a colon cannot appear in a filter name a template writes.
LOOP, EMIT, VALUE = "budget:loop", "budget:emit", "budget:value"
# Tags that load another template: a box template has no templates beside it to load.
LOADING_TAGS = {nodes.Extends: "extends", nodes.Include: "include", nodes.Import: "import",
                nodes.FromImport: "from ... import"}
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


class _Loop:
    """A for loop's iterable: each item counts against the loop budget and must be small enough to use."""

    def __init__(self, items: Iterable[Any]):
        self._items = items

    def __len__(self) -> int:
        return len(self._items)  # type: ignore[arg-type]  # LoopContext falls back on TypeError

    def __iter__(self) -> Iterator[Any]:
        budget = active()
        for item in self._items:
            if budget is not None:
                budget.iterate()
            if not isinstance(item, (str, int, float)) and weight(item) > MAX_VALUE:
                check_value(item, "an item of a loop")
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
    check_estimate(int(n) * int(max) * 16, f"lipsum({_short(n)}, max={_short(max)})")
    return generate_lorem_ipsum(n, html, min, max)


# ---------------------------------------------------------------- builtin filters

def _materialize(value: Any) -> Any:
    return value if isinstance(value, (str, list, tuple)) else list(value)


def _center(value: Any, width: int = 80, *_: Any, **__: Any) -> Any:
    check_width(width, f"center({_short(width)})")
    return value


def _indent(s: Any, width: Any = 4, *_: Any, **__: Any) -> Any:
    pad = len(width) if isinstance(width, str) else width
    check_width(pad, f"indent({_short(pad)})")
    if isinstance(pad, int):
        check_estimate(text_len(s) + (str(s).count("\n") + 1) * pad, f"indent({pad})")
    return s


def _format(value: Any, *args: Any, **kwargs: Any) -> Any:
    check_estimate(printf_estimate(str(value), kwargs or args, "format"), "format")
    return value


def _join(value: Any, d: Any = "", *_: Any, **__: Any) -> Any:
    items = _materialize(value)
    check_estimate(sum(text_len(i) for i in items) + text_len(d) * len(items), "join")
    return items


def _replace(s: Any, old: Any = "", new: Any = "", count: Any = None, *_: Any, **__: Any) -> Any:
    _check_replace(str(s), str(old), str(new), count, "replace")
    return s


def _check_replace(s: Any, old: Any, new: Any, count: Any, what: str) -> None:
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
    items = _materialize(iterable)
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
            value = args[skip]
            if not isinstance(value, (str, int, float, Iterator)) and weight(value) > MAX_VALUE:
                check_value(value, f"the value given to the {name} filter")  # an item of a generator
            if check is not None:
                value = check(value, *args[skip + 1:], **kwargs)
            args = (*args[:skip], value, *args[skip + 1:])
        return check_value(func(*args, **kwargs), f"the {name} filter")

    return guarded


# ---------------------------------------------------------------- checks the rewritten template calls

@pass_context
def _loop(context: Any, items: Any) -> Any:
    return items if isinstance(items, BudgetedRange) else _Loop(items)


@pass_context
def _emit(context: Any, value: Any) -> Any:
    budget = active()
    if budget is not None:
        budget.tick()
        size = len(value) if isinstance(value, str) else weight(value)
        if size > MAX_VALUE:
            check_value(value, "a value the template writes")
        budget.write(size)
    return value


@pass_context
def _value(context: Any, value: Any) -> Any:
    return check_value(value, "a list, mapping or '~' in the template")


class _Guard(NodeTransformer):
    """Route loops, output, '~' and literals of a parsed template through the checks above."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _wrap(cast(nodes.Expr, node.iter), LOOP)
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_wrap(cast(nodes.Expr, child), EMIT) for child in node.nodes]
        return node

    def _value(self, node: nodes.Expr) -> nodes.Node:
        self.generic_visit(node)
        return _wrap(node, VALUE)

    visit_Concat = visit_List = visit_Dict = _value

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:
        self.generic_visit(node)
        return _wrap(node, VALUE) if node.ctx == "load" else node


def _wrap(node: nodes.Expr, check: str) -> nodes.Expr:
    return nodes.Filter(node, check, [], [], None, None, lineno=node.lineno)


def loading_tag(template: nodes.Template) -> tuple[str, int] | None:
    """The first tag that loads another template, and its line in the template."""
    found = next(iter(template.find_all(tuple(LOADING_TAGS))), None)
    return (LOADING_TAGS[type(found)], found.lineno) if found is not None else None


# ---------------------------------------------------------------- str.format

class _BudgetFormatter(SandboxedFormatter):
    """The sandbox's str.format with every field's width checked and the whole text kept small."""

    _made = 0

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self._made = len(format_string)
        return super().vformat(format_string, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        tick()
        check_format_spec(format_spec, "format")
        check_value(value, "a value given to format")
        text = super().format_field(value, format_spec)
        self._made += len(text)
        check_estimate(self._made, "format")
        return text


class _BudgetEscapeFormatter(_BudgetFormatter, SandboxedEscapeFormatter):
    pass


# ---------------------------------------------------------------- the environment

def _check_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse text and number methods whose arguments would make something huge; the arguments to use."""
    owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
    what = f"{name}()"
    first: Any = args[0] if args else None
    if isinstance(owner, (str, bytes, bytearray)):
        if name in ("center", "ljust", "rjust", "zfill"):
            check_width(first if args else kwargs.get("width"), what)
        elif name == "expandtabs":
            size = first if args else kwargs.get("tabsize", 8)
            check_width(size, what)
            if isinstance(size, int):
                tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
                check_estimate(len(owner) + tabs * size, what)
        elif name == "replace" and len(args) >= 2:
            _check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"), what)
        elif name == "join" and args:
            items = _materialize(first)
            check_estimate(sum(text_len(i) for i in items) + len(owner) * len(items), what)
            args = (items, *args[1:])
        elif name == "translate" and isinstance(first, Mapping):
            longest = max((text_len(v) for v in first.values() if v is not None and not isinstance(v, int)),
                          default=1)
            check_estimate(len(owner) * longest, what)
    elif isinstance(owner, int) and name == "to_bytes":
        length = first if args else kwargs.get("length", 1)
        if isinstance(length, int):
            check_estimate(length, what)
    elif isinstance(obj, LoopContext) and args:  # loop(children) in a recursive loop
        args = (_Loop(first), *args[1:])
    return args


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with budgets on size, loops and time (see template_limits.py)."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "-", "/", "//"})

    def __init__(self, **options: Any):
        # No constant folding: it would run filters on literals while compiling, outside any budget.
        super().__init__(optimized=False, **options)
        self.filters = {name: guard_filter(name, func) for name, func in self.filters.items()}
        self.filters.update({LOOP: _loop, EMIT: _emit, VALUE: _value})
        self.globals.update(range=budget_range, lipsum=budget_lipsum)

    def guard(self, template: nodes.Template) -> nodes.Template:
        """The parsed template with its loops, output and literals routed through the budget checks."""
        guarded = _Guard().visit(template)
        guarded.set_environment(self)
        return guarded

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        tick()
        what = f"'{operator}'"
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(times, int) and not isinstance(seq, (int, float, complex)):
                    check_estimate(text_len(seq) * max(times, 0), f"{_short(seq)} * {_short(times)}")
            if isinstance(left, int) and isinstance(right, int):
                check_int_bits(left.bit_length() + right.bit_length(), f"{_short(left)} * {_short(right)}")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and abs(left) > 1:
            check_int_bits(int(right * math.log2(abs(left))) + 1 if right < 1 << 32 else 1 << 32,
                           f"{_short(left)} ** {_short(right)}")
        elif operator == "%" and isinstance(left, str):
            check_estimate(printf_estimate(left, right, "'%' formatting"), "'%' formatting")
        return check_value(super().call_binop(context, operator, left, right), what)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        tick()
        args = _check_method(__obj, args, kwargs)
        return check_value(super().call(__context, __obj, *args, **kwargs),
                           f"{getattr(__obj, '__name__', 'a call')}()")

    def getattr(self, obj: Any, attribute: str) -> Any:
        tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        tick()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """As the sandbox's own, with a formatter that checks widths and sizes."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or \
                value.__name__ not in ("format", "format_map"):
            return None
        f_self = value.__self__
        if not isinstance(f_self, str):
            return None
        str_type = type(f_self)
        is_format_map = value.__name__ == "format_map"
        formatter: _BudgetFormatter = (_BudgetEscapeFormatter(self, escape=f_self.escape)
                                       if isinstance(f_self, Markup) else _BudgetFormatter(self))

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs:
                    raise TypeError("format_map() takes no keyword arguments")
                if len(args) != 1:
                    raise TypeError(f"format_map() takes exactly one argument ({len(args)} given)")
                kwargs, args = args[0], ()
            return str_type(formatter.vformat(f_self, args, kwargs))

        return functools.update_wrapper(wrapper, value)


def _short(value: Any) -> str:
    if isinstance(value, int):
        text = str(value) if value.bit_length() < 64 else f"a {value.bit_length()}-bit number"
    else:
        text = repr(value) if text_len(value) < 200 else f"a {type(value).__name__}"
    return text if len(text) <= 24 else text[:20] + "...'"
