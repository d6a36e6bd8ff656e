"""Textual's own words in the app's language: binding descriptions in the footer, key names, the command
palette and its system commands, the ctrl+c notice. Each goes through a public hook of Textual 8.2.8
(pinned), named where it is overridden."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.binding import ActiveBinding
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from .i18n import binding_text, t


def localised_bindings(active: dict[str, ActiveBinding], lang: str) -> dict[str, ActiveBinding]:
    """The same bindings with the descriptions the catalogue has for their ids (the footer reads these):
    declared in English, they are shown in the app's language, whichever it is."""
    out = {}
    for key, item in active.items():
        text = binding_text(item.binding.id or "", lang)
        if text is not None:
            item = item._replace(binding=replace(item.binding, description=text, tooltip=text), tooltip=text)
        out[key] = item
    return out


# Localised is mixed into screens: to the type checker it is one (its `super()` and `app` are a Screen's); at run
# time it is a plain class, so the screens' own bases stay as they were.
if TYPE_CHECKING:
    _ScreenBase = Screen
else:
    _ScreenBase = object


class Localised(_ScreenBase):
    """Mixed into every screen of the app before Screen: Screen.active_bindings feeds the footer, the keys
    panel and the ctrl+c notice."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return localised_bindings(super().active_bindings, getattr(self.app, "lang", "en"))


class LocalCommandPalette(CommandPalette):
    """The command palette with its placeholder and its "no matches" line in the app's language."""

    def __init__(self, lang: str):
        super().__init__(placeholder=t("palette_placeholder", lang), id="--command-palette")
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes "No matches found" in English from inside this method; the countdown is kept, the
        # line is ours. (Private in Textual 8.2.8, which pyproject pins exactly.)
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("palette_no_matches", self.lang), style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
