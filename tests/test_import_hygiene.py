"""The engine never loads Textual, and slow libraries load only in the commands that need them."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import cardengine

from .conftest import ROOT

ENGINE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(cardengine.__path__, prefix="cardengine.") if m.name != "cardengine.__main__"
)


def loaded_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in out.stdout.split()}


def test_engine_has_modules():
    assert "cardengine.decks.load" in ENGINE_MODULES and "cardengine.cli.main" in ENGINE_MODULES


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_module_does_not_import_textual(module):
    assert "textual" not in loaded_after_import(module)


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
