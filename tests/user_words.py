"""Finds words a user would see that bypass the catalogues: a literal with letters handed straight to a call that
shows text (print, notify, a widget, an argparse help, an error raised to the user)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

# Calls whose text argument reaches the user's screen, a page or a terminal.
SHOWN = {"print", "notify", "write", "Static", "Label", "Button", "Input", "Binding", "add_argument", "add_parser",
         "ArgumentParser", "error", "exit", "SystemExit", "UsageError", "Problem", "set_title", "update",
         "add_column", "add_row", "Header", "Footer", "Option", "Checkbox", "RadioButton", "TabPane", "Tab",
         "DeckError", "LayoutError", "CLIError", "BuildError", "StoreError", "ActionError", "WorkshopError",
         "_fail", "_usage_error", "fail", "usage_error", "warn", "say"}
# Keyword arguments that are shown (the rest, such as id= or classes=, are names for code).
SHOWN_KEYWORDS = {"help", "description", "placeholder", "title", "label", "message", "prompt", "tooltip", "epilog",
                  "subtitle"}
LETTERS = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def _literal_words(node: ast.expr) -> str:
    """The letters of a literal or f-string's fixed parts; '' for anything computed (a call to tr, a variable)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if LETTERS.search(node.value) else ""
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return text if LETTERS.search(text) else ""
    if isinstance(node, ast.BinOp):  # "a" + x, "a %s" % x
        return _literal_words(node.left) or _literal_words(node.right)
    return ""


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def offenders(source: str, filename: str = "<source>") -> Iterator[str]:
    """`file:line: text` of each literal shown to the user without passing through a catalogue."""
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or _name(node) not in SHOWN:
            continue
        shown = [*node.args[:1], *(k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS)]
        if _name(node) in ("add_argument", "add_parser"):  # their positional arguments are flag and command names
            shown = [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        if _name(node) == "Binding":  # Binding(keys, action, description)
            shown = [*node.args[2:3], *(k.value for k in node.keywords if k.arg == "description")]
        for arg in shown:
            words = _literal_words(arg)
            if words:
                yield f"{filename}:{arg.lineno}: {words[:60]!r}"


def offenders_in(folder: Path, root: Path) -> list[str]:
    return [hit for path in sorted(folder.rglob("*.py"))
            for hit in offenders(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())]
