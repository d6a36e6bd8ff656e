"""Read YAML safely, keeping where every key and value stood in the file.

PyYAML's safe loader builds plain data but forgets positions; we compose the node graph and
convert it ourselves so that every problem can name its line and column. Aliases are followed
with a budget, so a file that would expand into something huge (a "billion laughs") is refused
instead of exhausting memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import FieldPath, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 40
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq",
                                                  "timestamp", "merge")}


@dataclass
class Positions:
    """Where each field path's value (and, for mapping entries, its key) stood: 1-based (line, column)."""

    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

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


class _TooBig(Exception):
    pass


def _pos(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML file; on failure return None and the problems, never raise for bad input."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(path, 0, 0, (), f"file is {size // 1024} KiB, larger than the "
                                  f"{MAX_FILE_BYTES // 1024 // 1024} MiB a deck may be",
                                  "split it into several decks")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, 0, 0, (), f"cannot read the file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, 0, (), "the file is not valid UTF-8 text",
                              "save it as UTF-8 in your editor")]
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or "malformed YAML"
        hint = "check the indentation and quoting near this line"
        if "found character '\\t'" in str(exc):
            hint = "indent with spaces, not tabs"
        return None, [Problem(path, line, col, (), f"YAML syntax error: {what}", hint)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 0, 0, (), f"YAML syntax error: {exc}")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(path, 1, 1, (), "the file is empty", "start from the example in docs/deck-format.md")]

    problems: list[Problem] = []
    positions = Positions()
    budget = [MAX_NODES]

    def convert(n: yaml.Node, fpath: FieldPath) -> Any:
        budget[0] -= 1
        if budget[0] < 0 or len(fpath) > MAX_DEPTH:
            raise _TooBig
        positions.values.setdefault(fpath, _pos(n))
        if n.tag not in PLAIN_TAGS:
            problems.append(Problem(path, *_pos(n), fpath, f"unsupported YAML tag '{n.tag}'",
                                    "remove the tag (the part starting with !)"))
            return None
        if isinstance(n, yaml.MappingNode):
            loader.flatten_mapping(n)  # resolves YAML merge keys (<<)
            out: dict[str, Any] = {}
            first_seen: dict[str, int] = {}
            for key_node, value_node in n.value:
                key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str):
                    problems.append(Problem(path, *_pos(key_node), fpath,
                                            f"field name {key!r} is not text",
                                            "write field names as words (quote them if needed)"))
                    continue
                if key in first_seen:
                    problems.append(Problem(path, *_pos(key_node), fpath + (key,),
                                            f"field '{key}' appears twice (first on line {first_seen[key]})",
                                            "keep only one of them"))
                    continue
                first_seen[key] = _pos(key_node)[0]
                positions.keys[fpath + (key,)] = _pos(key_node)
                out[key] = convert(value_node, fpath + (key,))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [convert(item, fpath + (i,)) for i, item in enumerate(n.value)]
        value = loader.construct_object(n)
        # Dates and times have no place in decks; keep them as the text the author wrote.
        if not isinstance(value, (str, int, float, bool, type(None))):
            value = n.value
        return value

    try:
        data = convert(node, ())
    except _TooBig:
        return None, [Problem(path, 1, 1, (), f"the file expands to more than {MAX_NODES:,} values "
                              f"or nests deeper than {MAX_DEPTH} levels (too many or recursive aliases)", "remove the repeated anchors (&) and aliases (*)")]
    return YamlDocument(path, data, positions), problems
