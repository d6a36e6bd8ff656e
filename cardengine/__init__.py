"""cardengine: co-design card decks, printable cards, workshop sessions and their analysis.

One subpackage per capability — decks, printing, sessions, compare — with the command line (cli) on top and
the shared basics (problems, text, fileio, outputs, i18n, ...) at the bottom; docs/architecture.md draws the
data flow. A package may import only the layers below it (import-linter contracts in pyproject.toml); the engine
never imports Textual: the terminal app in `tui/` (imported as cardengine_tui) builds on the engine's public API.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
