"""Jinja2's immutable sandbox with budgets: a box template can neither run code nor exhaust memory or time.

Jinja2's documented extension points do the work: `call`, `getattr`, `getitem`, intercepted binary
operators (`call_binop`) and `wrap_str_format` are overridden; every builtin filter and the `range` and
`lipsum` globals are wrapped (template_builtins.py); and the parsed template is rewritten before it is
compiled so that every loop, every piece of output, every `~` and every list or mapping literal passes
through a check (template_limits.py says how much each may use). Templates cannot load other templates.
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
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from cardengine.i18n import tr
from cardengine.printing.template_builtins import (
    BudgetedRange,
    budget_lipsum,
    budget_range,
    check_replace,
    guard_filter,
    materialize,
    short,
)
from cardengine.printing.template_limits import (
    MAX_VALUE,
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
                check_value(item, tr("an item of a loop"))
            yield item


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
            check_value(value, tr("a value the template writes"))
        budget.write(size)
    return value


@pass_context
def _value(context: Any, value: Any) -> Any:
    return check_value(value, tr("a list, mapping or '~' in the template"))


class _Guard(NodeTransformer):
    """Route loops, output, '~' and literals of a parsed template through the checks above."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _wrap(cast(nodes.Expr, node.iter), LOOP)
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [_wrap(child, EMIT) for child in node.nodes]
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
        check_value(value, tr("a value given to format"))
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
            check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"), what)
        elif name == "join" and args:
            items = materialize(first)
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
                    check_estimate(text_len(seq) * max(times, 0), f"{short(seq)} * {short(times)}")
            if isinstance(left, int) and isinstance(right, int):
                check_int_bits(left.bit_length() + right.bit_length(), f"{short(left)} * {short(right)}")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and abs(left) > 1:
            check_int_bits(int(right * math.log2(abs(left))) + 1 if right < 1 << 32 else 1 << 32,
                           f"{short(left)} ** {short(right)}")
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

