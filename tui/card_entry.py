"""The id field and the search under it: what the note-taker types or scans becomes a pick."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.widgets import DataTable, Input, OptionList
from textual.widgets.option_list import Option

from .i18n import t


class CardInput(Input):
    """The id field. A barcode scanner types an id and Enter faster than the screen handles them, so the
    value is taken at the moment Enter arrives (and the field emptied), not when the submit is handled."""

    async def _on_key(self, event) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            value, self.value = self.value, ""
            self.post_message(self.Submitted(self, value, None))
            return
        await super()._on_key(event)


class EntryMixin:
    """The table screen's handling of the id field and the search results."""

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "card-input":
            return
        query = event.value.strip()
        results = self.query_one("#search-results", OptionList)
        if not query:
            results.display = False  # keep the options: a submit of the last query may still use them
            return
        results.clear_options()
        self._results_for = query
        if len(query) < 2 or query.upper() in self.workshop.state.cards:
            results.display = False
            return
        found = self.search(query)
        for card in found[:8]:
            colour = self.workshop.state.decks[card.deck].colour
            label = RichText.assemble((f"{card.id:<7}", f"bold {colour}"), " ", card.title.get(self.lang, ""))
            results.add_option(Option(label, id=card.id))
        results.display = bool(found)

    def search(self, query: str) -> list:
        """Cards whose id or title (in any language) holds every word of `query`."""
        words = query.lower().split()
        return [card for card in self.workshop.state.cards.values()
                if all(w in " ".join([card.id.lower(), *(v.lower() for v in card.title.values())]) for w in words)]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "card-input":
            return
        query = event.value.strip()
        if not query:
            return
        results = self.query_one("#search-results", OptionList)
        card = query.upper()
        if card not in self.workshop.state.cards and len(query) >= 2:
            # The result the note-taker highlighted, if the list was for this query; else the first match.
            if getattr(self, "_results_for", None) == query and results.option_count:
                card = results.get_option_at_index(results.highlighted or 0).id
            else:
                card = next((c.id for c in self.search(query)), card)
        results.clear_options()
        results.display = False
        if card not in self.workshop.state.cards:
            self.notify(t("unknown_card", self.lang, card=query), severity="warning", timeout=6)
            if not event.input.value:
                event.input.value = query  # give it back for correction
            return
        if card in self.table.picks and self.table.picks[card].kind != "selected":
            # Typing or scanning a card again finds it; it does not undo a favourite or a discard.
            grid = self.query_one("#picks", DataTable)
            grid.move_cursor(row=grid.get_row_index(card))
            self.notify(t("already_picked", self.lang, card=card,
                          kind=t(f"kind_{self.table.picks[card].kind}", self.lang)), timeout=3)
            return
        self.pick(card)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "search-results" and self.pick(event.option.id):
            self.query_one("#card-input", Input).value = ""
            event.option_list.display = False
            self.query_one("#card-input", Input).focus()

    def pick(self, card: str, kind: str = "selected") -> bool:
        ok = self.record(lambda: self.workshop.pick(self.table.name, card, kind=kind),
                         t("picked", self.lang, card=card))
        if ok:
            grid = self.query_one("#picks", DataTable)
            grid.move_cursor(row=grid.get_row_index(card))
            self.refresh_detail()
        return ok

