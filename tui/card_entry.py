"""The id field and the search under it: what the note-taker types or scans becomes a pick, never a guess.

Enter in the field takes what was typed at that moment and empties the field, whatever happens next, so a
scanner's burst can never glue one entry to another. An id (matched by cardengine.decks.card_ids: `en 01` is
EN-01, `EN-1` is no card) is logged; an unknown id is refused by name; words open the search results with
the first one highlighted, and only an explicit choice (Enter on a highlighted result, arrows then Enter,
a click) logs one of them.
"""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text as RichText
from textual import events
from textual.geometry import Size
from textual.widgets import DataTable, Input, OptionList
from textual.widgets.option_list import Option

from cardengine.decks import id_tokens, looks_like_id, match_id, near_ids
from cardengine.sessions import CardRef, escape  # escape: what was typed, any control character made visible

from .aim import send_on
from .i18n import deck_text, t
from .table_base import TableScreenBase

MAX_RESULTS = 8
MARKS = {"selected": "·", "favourite": "★", "discarded": "✗"}  # as in the picks table


class CardInput(Input):
    """The id field. A barcode scanner types an id and Enter faster than the screen handles them, so the
    value is taken at the moment Enter arrives (and the field emptied), not when the submit is handled."""

    # Focus comes back here when typing starts in the results: selecting the text then would let the next
    # key replace the one just typed.
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(select_on_focus=False, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        if self.app.focused is not self:
            # Typed in a burst before a focus change (Tab, `/`...) took effect: it goes where the focus is now.
            send_on(event, self.app.focused or self.app.screen)
            return
        if event.key in ("tab", "shift+tab"):
            # Move the focus now, not when the key has bubbled up to the screen: the keys typed after Tab
            # and still waiting here are then sent on to the widget the note-taker aimed them at.
            event.stop()
            event.prevent_default()
            self.screen.focus_next() if event.key == "tab" else self.screen.focus_previous()
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.submit_now()
            return
        results = self.screen.query_one("#search-results", ResultList)
        if event.key in ("down", "up") and results.display and results.option_count:
            # Arrows choose among the results without leaving the field: then Enter logs the chosen one.
            event.stop()
            event.prevent_default()
            results.action_cursor_down() if event.key == "down" else results.action_cursor_up()
            results.chosen = True
            return
        if event.key == "escape" and results.display:
            event.stop()
            event.prevent_default()
            results.close()
        # Anything else: Input's own handler runs next (Textual calls each class's handler in turn).

    def _watch_value(self, value: str) -> None:
        # Input sets its virtual_size (a layout reactive) to the text's width at every key: a layout and full
        # repaint of the screen per key typed or scanned. The field's size never depends on its text, so the
        # width is set without a layout (the value's own repaint draws it), then Input does the rest.
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def submit_now(self, typed: str | None = None) -> None:
        value, self.value = (self.value if typed is None else typed), ""
        results = self.screen.query_one("#search-results", ResultList)
        if not value and results.awaiting:
            # Enter right after words, before the focus reached their results: the choice of the highlighted one.
            self.post_message(self.Submitted(self, value, None))
            return
        # The results hide at once (their options kept for the submit): a Tab typed right after Enter goes
        # to the picks, not to the results of an earlier search. Words show them again when handled.
        results.hide(keep=True)
        self.post_message(self.Submitted(self, value, None))

    def _on_paste(self, event: events.Paste) -> None:
        # Pasted lines are entries, as if each had been typed and Entered (Input would keep the first only).
        # Control characters are shown escaped (`\x1b`): Textual would write them to the terminal as they
        # are, and dropping them could make an id of garbage.
        event.stop()
        event.prevent_default()  # Input's own handler would insert the first line a second time
        lines = [escape(line) for line in re.split(r"\r\n|\r|\n", event.text.replace("\t", " "))]
        if not self.selection.is_empty:
            self.delete_selection()
        self.insert_text_at_cursor(lines[0])
        if len(lines) == 1:
            return
        self.submit_now()
        for line in lines[1:-1]:
            self.submit_now(line)
        self.insert_text_at_cursor(lines[-1])


class ResultList(OptionList):
    """The search results. Typing here goes to the id field, and Enter logs the highlighted card only
    when nothing was typed meanwhile: a scan arriving while the list has the focus is never taken as a
    choice."""

    chosen = False  # the note-taker moved the highlight on purpose (arrows from the field)
    awaiting = False  # shown for words submitted: Enter (here or on the empty field) logs the highlighted card

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Printable keys are typing (they go to the field), so the footer does not offer f, c, p... here.
        return character is not None and character.isprintable()

    def field(self) -> CardInput:
        return self.screen.query_one("#card-input", CardInput)

    async def _on_key(self, event: events.Key) -> None:
        field = self.field()
        if self.app.focused is not self:  # queued before the focus moved on (to the field, a dialog...)
            send_on(event, self.app.focused or self.app.screen)
            return
        if event.is_printable and event.character:
            # Through the field's own queue (not inserted here), so that Enter, Tab and the keys after them,
            # handed on behind it, keep their order.
            self.screen.set_focus(field)
            send_on(event, field)
            return
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.close()

    def action_select(self) -> None:
        field = self.field()
        if field.value:  # typed after the list took the focus: that text is the entry
            field.focus()
            field.submit_now()
            return
        super().action_select()

    def hide(self, keep: bool = False) -> None:
        """Hide the results (`keep`: their options, for a submit of the last query still on its way)."""
        self.awaiting = False
        if not keep:
            self.clear_options()
            self.chosen = False
        self.display = False
        if self.has_focus:  # a hidden list must not keep the keys typed next
            self.field().focus()

    def close(self) -> None:
        self.hide()
        self.field().focus()


class EntryMixin(TableScreenBase):
    """The table screen's handling of the id field and the search results."""

    def _entry_ids(self) -> list[str]:
        return [*self.table.proposals, *self.workshop.state.cards]

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "card-input":
            return
        query = event.value.strip()
        results = self.query_one("#search-results", ResultList)
        if not query:
            results.hide(keep=True)
            return
        ids = self._entry_ids()
        if len(query) < 2 or match_id(query, ids) or looks_like_id(query, self.workshop.state.cards):
            results.hide()  # an id is being typed or scanned: no list flickering under it
            return
        self.show_results(query, highlight=False)

    def show_results(self, query: str, highlight: bool) -> int:
        """The cards matching `query`, with their state at this table; the first highlighted if asked."""
        results = self.query_one("#search-results", ResultList)
        found = self.search(query)
        results.clear_options()
        results.chosen = False
        for card in found[:MAX_RESULTS]:
            colour = self.workshop.state.decks[card.deck].colour
            pick = self.table.picks.get(card.id)
            label = RichText.assemble((MARKS[pick.kind] if pick else " ", "bold"), " ",
                                      (f"{card.id:<7}", f"bold {colour}"), " ", deck_text(card.title, self.lang))
            results.add_option(Option(label, id=card.id))
        results.border_title = RichText(t("choose_result", self.lang, query=escape(query)))
        results.display = bool(found)
        if found and highlight:
            results.highlighted = 0
        results.awaiting = bool(found) and highlight
        return len(found)

    def search(self, query: str) -> list[CardRef]:
        """Cards whose id or title (in any language) holds every word of `query`."""
        words = query.lower().split()
        return [card for card in self.workshop.state.cards.values()
                if all(w in " ".join([card.id.lower(), *(v.lower() for v in card.title.values())]) for w in words)]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "card-input":
            return
        query = event.value.strip()
        results = self.query_one("#search-results", ResultList)
        if not query:
            option = results.highlighted_option if results.awaiting and results.display else None
            if option is not None and option.id is not None:
                results.close()
                self.log_card(option.id)
            return
        ids = self._entry_ids()
        chosen = results.highlighted_option if results.chosen and results.option_count else None
        target = chosen.id if chosen is not None else match_id(query, ids)
        if target is None and not looks_like_id(query, self.workshop.state.cards) and self.show_results(query, True):
            # Words: the results, first one highlighted, wait for a choice; the field is free for the next entry
            # (and keeps the focus if that is being typed already).
            if not self.query_one("#card-input", CardInput).value:
                results.focus()
            self.notify(t("choose_first", self.lang, query=escape(query)), timeout=4, markup=False)
            return
        results.hide()
        if target is None:
            near = near_ids(query, self.workshop.state.cards)
            tokens = id_tokens(query)
            id_like = tokens is not None and bool(tokens) and tokens[0].isalpha() and any(x.isdigit() for x in tokens)
            shown = escape(query)
            message = t("unknown_card" if id_like else "no_results", self.lang, card=shown, query=shown)
            if near:
                message += " · " + t("did_you_mean", self.lang, ids=", ".join(near))
            self.notify(message, severity="warning", timeout=8, markup=False)
            return
        self.log_card(target)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        results, card = event.option_list, event.option.id
        if results.id == "search-results" and isinstance(results, ResultList) and card is not None:
            results.close()
            self.log_card(card)

    def log_card(self, card: str) -> None:
        """Log `card` at this table, unless it is there already (then show it: no second event)."""
        grid = self.query_one("#picks", DataTable)
        if card in self.table.proposals or card in self.table.picks:
            grid.move_cursor(row=grid.get_row_index(card))
            kind = "proposal" if card in self.table.proposals else self.table.picks[card].kind
            self.notify(t("already_picked", self.lang, card=card, kind=t(f"kind_{kind}", self.lang)),
                        timeout=4, markup=False)
            return
        self.pick(card)

    def pick(self, card: str, kind: str = "selected") -> bool:
        ok = self.record(lambda: self.workshop.pick(self.table.name, card, kind=kind),
                         t("picked", self.lang, card=card))
        if ok:
            grid = self.query_one("#picks", DataTable)
            grid.move_cursor(row=grid.get_row_index(card))
            self.refresh_detail()
        return ok
