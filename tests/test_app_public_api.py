"""The app (tui/, imported as cardengine_tui) uses the engine only through each package's public API.

Every import of cardengine in tui/*.py must name a package the app may use (cardengine.sessions, .decks, .i18n)
or one of the shared basic modules, never a module inside a package (cardengine.sessions.store), and import
only names that module declares in its `__all__` (a basic module without `__all__`: its public names). The
engine can then move code between its modules without breaking the app. The check reads the source with
`ast`, so imports inside functions and under TYPE_CHECKING count too.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from .conftest import ROOT

APP_FILES = sorted((ROOT / "tui").glob("*.py"))
# The engine's capabilities the app may use, through their packages' __init__ (their public API)...
PACKAGES = {"cardengine.sessions", "cardengine.decks", "cardengine.i18n", "cardengine.sync"}
# ...and the shared basics, single modules at the bottom of the engine's layers.
BASICS = {"cardengine.bundled", "cardengine.lazy", "cardengine.fileio", "cardengine.problems", "cardengine.text",
          "cardengine.escaping", "cardengine.csvcell", "cardengine.textcheck", "cardengine.contrast"}


def public_names(module: str) -> set[str]:
    loaded = importlib.import_module(module)
    declared = getattr(loaded, "__all__", None)
    if declared is not None:
        return set(declared)
    return {name for name in vars(loaded) if not name.startswith("_")}


def is_engine(module: str) -> bool:
    return module == "cardengine" or module.startswith("cardengine.")


def violations(source: str, filename: str = "<source>") -> list[str]:
    """Each import of the engine in `source` that goes past a package's public API, described."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_engine(alias.name) and alias.name not in PACKAGES | BASICS:
                    found.append(f"{filename}:{node.lineno}: import {alias.name}: not a package the app may use")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
            module = node.module
            if not is_engine(module):
                continue
            if module not in PACKAGES | BASICS:
                found.append(f"{filename}:{node.lineno}: from {module}: below the package level or not a package "
                             f"the app may use (allowed: {', '.join(sorted(PACKAGES | BASICS))})")
                continue
            public = public_names(module)
            for alias in node.names:
                if alias.name not in public:
                    found.append(f"{filename}:{node.lineno}: from {module} import {alias.name}: not in its __all__")
    return found


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_app_imports_only_public_api(path: Path):
    assert violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []


def test_the_app_files_are_found():
    assert {"app.py", "table_screen.py", "card_entry.py"} <= {p.name for p in APP_FILES}


def test_the_check_bites():
    """Each kind of violation is reported; the allowed forms are not."""
    source = "\n".join([
        "from cardengine.sessions.store import Event",  # a module inside a package
        "from cardengine.sessions import Event, _HOME",  # a name not in __all__
        "from cardengine.printing import build",  # a package the app may not use
        "import cardengine.decks.load",  # a module inside a package, as an import statement
        "def later():",
        "    from cardengine.decks.model import Criterion",  # inside a function too
        "from cardengine.decks import Criterion",  # allowed
        "from cardengine.fileio import write_atomic",  # a basic, public name: allowed
        "from .i18n import t",  # the app's own modules: not the engine's concern
    ])
    found = violations(source)
    assert [line.split(":")[1] for line in found] == ["1", "2", "3", "4", "6"], found
    assert "_HOME" in found[1] and "Event" not in found[1]
    assert violations("from cardengine.sessions import Event, Workshop\nimport cardengine.i18n\n") == []
