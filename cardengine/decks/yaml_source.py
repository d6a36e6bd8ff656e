"""Read YAML safely, keeping where every key and value stood in the file.

PyYAML's safe loader builds plain data but forgets positions; we compose the node graph and
convert it ourselves so that every problem can name its line and column. Aliases are followed
with a budget, so a file that would expand into something huge (a "billion laughs") is refused
instead of exhausting memory.
"""

from __future__ import annotations

import math
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from cardengine.decks.yaml_fast import compose_fast
from cardengine.decks.yaml_words import yaml_problem
from cardengine.i18n import tr
from cardengine.problems import FieldPath, Problem
from cardengine.textcheck import describe_char, first_control

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 40
MAX_DIGITS = 15  # no field holds a longer number; Python refuses to read ints of over 4,300 digits
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq",
                                                  "timestamp", "merge")}
INT, TIMESTAMP, MERGE = "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge"


@dataclass
class Positions:
    """Where each field path's value (and, for mapping entries, its key) stood: 1-based (line, column)."""

    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    # Values the reader already refused (and left empty): the schema need not add "is empty" there.
    refused: set[FieldPath] = field(default_factory=set)

    def of_value(self, path: FieldPath) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.values.get(tuple(path[:end]))
            if found:
                return found
        return (1, 1)

    def of_key(self, path: FieldPath) -> tuple[int, int]:
        return self.keys.get(tuple(path)) or self.of_value(path)


@dataclass
class YamlDocument:
    file: Path
    data: Any
    positions: Positions


class _Composer(Protocol):
    """A loader that has composed a file (libyaml's or _Loader), counting the values written in it."""

    written: int  # values written in the file (an alias is not one): the alias budget comes on top of them
    constructed_objects: dict[Any, Any]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any: ...


class _TooBig(Exception):
    pass


def _pos(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML file; on failure return None and the problems, never raise for bad input."""
    too_big = Problem(path, 0, 0, (), tr("the file is larger than the {size} MiB a deck, criteria or layout file "
                                         "may be").format(size=MAX_FILE_BYTES // 1024 // 1024),
                      tr("split it into several files"))
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block for ever, /dev/zero never end
            return None, [Problem(path, 0, 0, (), tr("is not a regular file (a folder, pipe or device)"),
                                  tr("give the path of a .yaml file"))]
        if info.st_size > MAX_FILE_BYTES:
            return None, [too_big]
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
        if len(raw) > MAX_FILE_BYTES:
            return None, [too_big]
    except (OSError, RuntimeError) as exc:
        return None, [Problem(path, 0, 0, (), tr("cannot read the file: {reason}").format(
            reason=getattr(exc, "strerror", None) or exc))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        return None, [Problem(path, line, column, (), tr("the file is not valid UTF-8 text (byte {byte})").format(
            byte=f"0x{raw[exc.start]:02X}"), tr("save it as UTF-8 in your editor"))]
    return parse_yaml(text, path)


class _TooDeep(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """PyYAML's composer recurses once per nesting level: stop at MAX_DEPTH with the position, long before
    Python's recursion limit (a file of 2,000 '[' would otherwise crash with RecursionError)."""

    _depth = 0
    written = 0  # values written in the file (an alias is not one): the alias budget comes on top of them

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        if not self.check_event(yaml.AliasEvent):
            self.written += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(None, None, tr("the values nest more than {depth} levels deep").format(depth=MAX_DEPTH),
                               self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _line_col(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _unreadable_character(text: str, path: Path) -> Problem | None:
    """The first character YAML refuses (NUL, other control characters), as a problem with its position."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if not found:
        return None
    line, col = _line_col(text, found.start())
    return Problem(path, line, col, (), tr("the file contains the control character {char}, which YAML does not "
                                           "allow").format(char=describe_char(found.group())),
                   tr("delete it (editors show it as a box or ^@; copying from another program often leaves it)"))


def parse_yaml(text: str, path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    bad = _unreadable_character(text, path)
    if bad:
        return None, [bad]
    composed = compose_fast(text, MAX_DEPTH)
    if composed is not None:
        loader, node = composed
        return _convert(node, loader, path)
    # The pure-Python composer: no libyaml, or the file has a problem it words better (and counts depth itself).
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _TooDeep as exc:
        mark = exc.problem_mark
        return None, [Problem(path, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, (),
                              exc.problem or tr("nested too deeply"),
                              tr("no deck, criteria or layout field nests this deep: look for unclosed [ or {"))]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = yaml_problem(exc.problem) if exc.problem else tr("malformed YAML")
        hint = tr("check the indentation and quoting near this line")
        if "found character '\\t'" in str(exc):
            hint = tr("indent with spaces, not tabs")
        return None, [Problem(path, line, col, (), tr("YAML syntax error: {what}").format(what=what), hint)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 0, 0, (), tr("YAML syntax error: {what}").format(what=exc))]
    finally:
        loader.dispose()
    return _convert(node, loader, path)


def _convert(node: yaml.Node | None, loader: _Composer, path: Path
             ) -> tuple[YamlDocument | None, list[Problem]]:
    """Composed nodes -> plain data with every position, refusing values no field can hold."""
    if node is None:
        return None, [Problem(path, 1, 1, (), tr("the file is empty"),
                              tr("start from the example in docs/deck-format.md"))]
    converter = _Converter(loader, path)
    try:
        data = converter.convert(node, ())
    except _TooBig as exc:
        message, hint, (line, col) = exc.args
        return None, [Problem(path, line, col, (), message, hint)]
    finally:
        # The loader holds every scalar node it constructed: free them now, not at the next garbage collection
        # (a folder of five 1,000-card decks kept all five node graphs, 60 MB each, while the collector was
        # paused). The converter refers to nothing that refers back to it, so it goes when this returns.
        loader.constructed_objects.clear()
    return YamlDocument(path, data, converter.positions), converter.problems


class _Converter:
    """One file's node graph -> plain data, with the positions and the problems met on the way."""

    def __init__(self, loader: _Composer, path: Path):
        self.loader, self.path = loader, path
        self.problems: list[Problem] = []
        self.positions = Positions()
        # Aliases may repeat anchored parts up to MAX_NODES values beyond what the file writes out (a long deck
        # of 10,000 cards has more than MAX_NODES values of its own and is no bomb).
        self.budget = MAX_NODES + loader.written

    def refuse(self, n: yaml.Node, fpath: FieldPath, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, *_pos(n), fpath, message, hint))
        self.positions.refused.add(fpath)

    def scalar(self, n: yaml.ScalarNode, fpath: FieldPath) -> Any:
        """A scalar's value; None after adding a problem for values no field can hold."""
        if n.tag == TIMESTAMP:  # dates have no place in decks: keep the text the author wrote
            return n.value
        if n.tag == INT and len(n.value.lstrip("+-").replace("_", "")) > MAX_DIGITS:
            self.refuse(n, fpath, tr("the number has {count} digits, more than any field holds").format(
                count=len(n.value)), tr("write a smaller number, or quote it if it is text"))
            return None
        try:
            value = self.loader.construct_object(n)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            message = tr("cannot read the value {value} ({reason})").format(value=_short(n.value), reason=exc)
            self.refuse(n, fpath, message, tr("quote it if it is text"))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.refuse(n, fpath, tr("{value} is not a finite number").format(value=_short(n.value)),
                        tr("write an ordinary number such as 2.5"))
            return None
        if isinstance(value, str):
            at = first_control(value)
            if at is not None:
                self.refuse(n, fpath, tr("the text contains the control character {char} (character {n})").format(
                    char=describe_char(value[at]), n=at + 1),
                    tr("remove it (in double quotes, a \\x.. or \\u.. escape writes one)"))
                return None
        if not isinstance(value, (str, int, float, bool, type(None))):
            value = n.value
        return value

    def mapping(self, n: yaml.MappingNode, fpath: FieldPath) -> dict[str, Any]:
        problems, path = self.problems, self.path
        out: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in n.value:
            if key_node.tag == MERGE:  # YAML merge keys (<<): explicit keys win, then earlier merges
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        problems.append(Problem(path, *_pos(source), fpath, tr("<< must be followed by a mapping or a "
                                                "list of mappings"), tr("merge an anchored mapping: <<: *name")))
                        continue
                    for k, v in self.convert(source, fpath).items():
                        merged.setdefault(k, v)
                continue
            seen_problems = len(problems)
            key = self.scalar(key_node, fpath) if isinstance(key_node, yaml.ScalarNode) else None
            if len(problems) > seen_problems:
                continue
            if not isinstance(key, str):
                name = _short(key_node.value) if isinstance(key_node, yaml.ScalarNode) else tr("(a list or mapping)")
                message = tr("field name {name} is not text").format(name=name)
                problems.append(Problem(path, *_pos(key_node), fpath, message,
                                        tr("write field names as words (quote them if needed)")))
                continue
            if key in first_seen:
                problems.append(Problem(path, *_pos(key_node), (*fpath, key),
                                        tr("field '{key}' appears twice (first on line {line})").format(
                                            key=key, line=first_seen[key]), tr("keep only one of them")))
                continue
            first_seen[key] = _pos(key_node)[0]
            self.positions.keys[(*fpath, key)] = _pos(key_node)
            out[key] = self.convert(value_node, (*fpath, key))
        return {**merged, **out} if merged else out

    def convert(self, n: yaml.Node, fpath: FieldPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooBig(tr("the file expands to more than {count} values (aliases repeat anchored parts)").format(
                count=f"{MAX_NODES:,}"), tr("remove the repeated anchors (&) and aliases (*), or split the file"),
                _pos(n))
        if len(fpath) > MAX_DEPTH:
            raise _TooBig(tr("the file expands to more than {depth} levels of nesting (an alias refers to its own "
                             "anchor)").format(depth=MAX_DEPTH), tr("remove the alias (*) inside its own anchor (&)"),
                          _pos(n))
        self.positions.values.setdefault(fpath, _pos(n))
        if n.tag not in PLAIN_TAGS:
            message = tr("unsupported YAML tag '{tag}'").format(tag=n.tag)
            self.problems.append(Problem(self.path, *_pos(n), fpath, message,
                                         tr("remove the tag (the part starting with !)")))
            return None
        if isinstance(n, yaml.MappingNode):
            return self.mapping(n, fpath)
        if isinstance(n, yaml.SequenceNode):
            return [self.convert(item, (*fpath, i)) for i, item in enumerate(n.value)]
        assert isinstance(n, yaml.ScalarNode)
        return self.scalar(n, fpath)


def _short(text: str, limit: int = 30) -> str:
    return "'" + (text if len(text) <= limit else text[:limit - 3] + "...") + "'"
