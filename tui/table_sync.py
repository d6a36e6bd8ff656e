"""The table screen and the file it shares: what other programs saved, and the priorities line.

Another table's app, the same table on a second laptop, a `session` command: the app looks for their events
every second (CardEngineApp) and the screen redraws from the new state without touching what the note-taker
is doing (the id field, an open dialog, the highlighted card and criterion stay as they are).
"""

from __future__ import annotations

from textual.widgets import DataTable, Static

from cardengine.sessions import Event

from .describe import describe, priorities_line
from .host import app_of
from .i18n import t
from .table_base import TableScreenBase


class SyncMixin(TableScreenBase):
    """Put first among the table screen's bases: it adds the priorities line to every redraw."""

    def refresh_all(self) -> None:
        super().refresh_all()
        self.refresh_priorities()

    def _said(self, event: Event) -> str:
        """What an event did, an undo or redo by what it took back or brought back."""
        if event.kind in ("undo", "redo"):
            target = self.workshop.event(str(event.payload.get("target")))
            what = describe(self.workshop.state, target, self.lang) if target else ""
            return t(f"{event.kind}ne_what", self.lang, what=what)
        return describe(self.workshop.state, event, self.lang)

    def refresh_priorities(self) -> None:
        table = self.table
        line = priorities_line(self.workshop.state, table.priority_domains, table.priority_cards, self.lang)
        text = f"{t('did_priorities', self.lang, order=line)}" if line else t("priorities_none", self.lang)
        for widget in self.query("#priorities").results(Static):
            if widget.content != text:  # an update lays the screen out again: only when it changed
                widget.update(text)

    def workshop_changed(self, events: list[Event]) -> None:
        """Other programs' `events` are now in the state: redraw, keep the note-taker's place, say so."""
        here = [e for e in events if e.table == self.table_id]
        if here:  # other tables' actions change nothing on this screen but the count
            target = self.selected_target()
            self.marked = [card for card in self.marked if card in self.table.picks]  # a card undone elsewhere
            self.refresh_all()
            grid = self.query_one("#picks", DataTable)
            if target is not None and target in grid.rows and self.selected_target() != target:
                grid.move_cursor(row=grid.get_row_index(target))  # a row removed above it moved the cursor
        stamp = app_of(self).clock().strftime("%H:%M:%S")
        if here:
            what = self._said(here[-1]) + (f" (+{len(here) - 1})" if len(here) > 1 else "")
        else:
            what = t("other_table" if len(events) == 1 else "other_tables", self.lang, n=str(len(events)))
        self.last_status = (f"↻ {stamp} · {self.workshop.state.events} {t('events', self.lang)} · "
                            f"{t('from_elsewhere', self.lang, what=what)}")  # the count first: never cut
        self.show_status()
