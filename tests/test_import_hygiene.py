"""The engine never loads Textual, and slow libraries load only in the commands that need them."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import cardengine

from .conftest import ROOT

ENGINE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(cardengine.__path__, prefix="cardengine.") if m.name != "cardengine.__main__"
)


def loaded_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in out.stdout.split()}


# One interpreter imports every engine module, one after another, and says which top-level packages it then holds.
# Importing only adds to sys.modules, so if Textual is not there after all of them, no single module loads it
# (220 interpreters, one a module, took 40 s of the suite for the same answer). When it is there, each module is
# imported again in a child of its own (os.fork of an interpreter that has loaded no cardengine module) to name the
# ones that bring it.
_IMPORT_ALL = """
import json, os, sys
for module in sys.argv[1:]:
    __import__(module)
loaded = sorted({name.split(".")[0] for name in sys.modules})
culprits = []
if "textual" in loaded:
    for module in sys.argv[1:]:
        pid = os.fork()
        if pid == 0:
            for name in [n for n in sys.modules if n.split(".")[0] in ("cardengine", "cardengine_tui", "textual")]:
                del sys.modules[name]
            __import__(module)
            os._exit(3 if "textual" in sys.modules else 0)
        if os.waitpid(pid, 0)[1] >> 8 == 3:
            culprits.append(module)
print(json.dumps({"loaded": loaded, "textual_from": culprits}))
"""


def import_all(modules: list[str]) -> dict[str, list[str]]:
    run = subprocess.run([sys.executable, "-c", _IMPORT_ALL, *modules], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    answer: dict[str, list[str]] = json.loads(run.stdout)
    return answer


def test_engine_has_modules():
    assert "cardengine.decks.load" in ENGINE_MODULES and "cardengine.cli.main" in ENGINE_MODULES
    assert "cardengine.serve.app" in ENGINE_MODULES and "cardengine.sync.client" in ENGINE_MODULES


def test_no_engine_module_imports_textual():
    answer = import_all(ENGINE_MODULES)
    assert "cardengine" in answer["loaded"] and "reportlab" in answer["loaded"]  # every module was imported
    assert "textual" not in answer["loaded"], f"these engine modules load Textual: {answer['textual_from']}"


def test_the_check_names_a_module_that_loads_textual():
    """The check above bites: with a module of the app among the engine's, it finds Textual and names that one."""
    answer = import_all(["cardengine.decks.load", "cardengine_tui.app", "cardengine.sessions.workshop"])
    assert "textual" in answer["loaded"] and answer["textual_from"] == ["cardengine_tui.app"]


def test_cli_start_does_not_load_heavy_libraries():
    loaded = loaded_after_import("cardengine.cli.main")
    assert not loaded & {"reportlab", "textual", "jsonschema", "rich", "PIL", "jinja2", "yaml"}


def test_opening_a_workshop_does_not_load_the_deck_checks():
    # Every session command opens a workshop and folds its events (criteria snapshot included); the schema
    # checks of deck files (jsonschema) are for `validate`, `build` and `session new` only.
    code = ("import sys; from pathlib import Path; from cardengine.sessions.workshop import Workshop; "
            "from cardengine.sessions.exports import state_summary; "
            "w = Workshop.open(Path('examples/trezzano-2021-09-28.db')); state_summary(w.state); "
            "print('\\n'.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "jsonschema" not in {name.split(".")[0] for name in out.stdout.split()}
