"""The screen a note-taker uses for hours: log picks by id or search, score, comment, propose.

The screen is assembled from one mixin per job: the id field (card_entry), the two panels (table_panels),
the key actions (table_actions, table_memory) and the file shared with other programs (table_sync), on what
they share (table_base); the keys themselves are in table_keys.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from cardengine.sessions import Workshop

from .cached_table import RowCachedTable
from .card_entry import CardInput, EntryMixin, ResultList
from .i18n import t
from .localise import Localised
from .table_actions import ActionsMixin
from .table_keys import ACTIONS, bindings
from .table_panels import CriterionPanel, PanelsMixin, PicksTable, score_bindings
from .table_sync import SyncMixin

__all__ = ["ACTIONS", "TableScreen", "table_screen"]


class TableScreen(SyncMixin, EntryMixin, PanelsMixin, ActionsMixin, Localised, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings("en"), *score_bindings("en")]

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield CardInput(placeholder=t("entry_placeholder", self.lang), id="card-input")
        yield ResultList(id="search-results")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield PicksTable(id="picks", cursor_type="row", zebra_stripes=True)
                yield Static(id="priorities", markup=False)
            with Vertical(id="right"):
                yield Static(id="card-detail", markup=False)
                yield RowCachedTable(id="criteria", cursor_type="row", show_header=False)
                yield CriterionPanel(id="criterion-help")
        yield Static(id="legend", markup=False)
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        state = self.workshop.state
        self.title = f"{state.title} · {state.territory}"
        self.refresh_subtitle()
        self.setup_panels()
        self.query_one("#search-results").display = False
        self.refresh_all()
        self.set_status(f"{t('table', self.lang)} {self.table.name}")
        self.query_one("#card-input", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        # On a large terminal the card panel also shows the summary and description.
        roomy = event.size.height >= 35 and event.size.width >= 110
        if roomy != self.has_class("-roomy"):
            self.set_class(roomy, "-roomy")
            self._show_detail_text()


def table_screen(workshop: Workshop, table_id: str, lang: str) -> TableScreen:
    """The table screen; its keys are described in the app's language by Localised, whichever it is."""
    return TableScreen(workshop, table_id, lang)
