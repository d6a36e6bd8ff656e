"""The note-taker's app: a Textual terminal app that records a workshop table's picks, scores, comments and
proposals into the workshop file as they happen (installed as `cardengine_tui`; `cardengine tui` starts it).

Owns its screens and dialogs, the app's settings file (settings.py), its stylesheet (app.tcss) and its words
(i18n.py, error_words.py, localise.py). Screens reach the app through the typed interface in host.py
(`app_of(widget)`), never through Textual's untyped `self.app.<attribute>`.

May import Textual, Rich and PyYAML, and of the engine only the public API (`__all__`) of cardengine.sessions,
cardengine.decks and cardengine.i18n, and the shared basic modules (cardengine.bundled, cardengine.fileio, ...):
never a module inside an engine package, nor cardengine.cli, .compare or .printing (tests/test_app_public_api.py
and the import-linter contracts in pyproject.toml check it). The engine never imports the app, but for the
command that starts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from .app import CardEngineApp, make_app

__all__ = ["CardEngineApp", "make_app"]


# Loaded on first use: the package, and its modules that need no Textual (settings.py), import light.
__getattr__ = lazy_names(__name__, dict.fromkeys(__all__, "app"))
