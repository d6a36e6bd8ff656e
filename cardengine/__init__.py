"""cardengine: co-design card decks, printable cards, workshop sessions and their analysis.

The engine never imports Textual; the terminal app in `tui/` builds on the engine's public API.
"""

__version__ = "0.1.0"
