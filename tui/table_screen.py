"""The screen a note-taker uses for hours: log picks by id or search, score, comment, propose.

The screen is assembled from one mixin per job: the id field (card_entry), the two panels (table_panels)
and the key actions (table_actions); the keys themselves are in table_keys.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from cardengine.sessions.workshop import ActionError, StoreError, Workshop

from .cached_table import RowCachedTable
from .card_entry import CardInput, EntryMixin, ResultList
from .i18n import error_text, t
from .localise import Localised
from .table_actions import ActionsMixin
from .table_keys import ACTIONS, bindings
from .table_panels import CriterionPanel, PanelsMixin, PicksTable, score_bindings
from .table_sync import SyncMixin

__all__ = ["ACTIONS", "TableScreen", "table_screen"]


class TableScreen(SyncMixin, EntryMixin, PanelsMixin, ActionsMixin, Localised, Screen):
    BINDINGS = bindings("en") + score_bindings("en")

    def __init__(self, workshop: Workshop, table_id: str, lang: str):
        super().__init__()
        self.workshop, self.table_id, self.lang = workshop, table_id, lang
        self.marked: list[str] = []
        self.last_status = ""

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

    def on_resize(self, event) -> None:
        # On a large terminal the card panel also shows the summary and description.
        roomy = event.size.height >= 35 and event.size.width >= 110
        if roomy != self.has_class("-roomy"):
            self.set_class(roomy, "-roomy")
            self._show_detail_text()

    @property
    def table(self):
        return self.workshop.state.tables[self.table_id]

    def set_status(self, message: str) -> None:
        stamp = self.app.clock().strftime("%H:%M:%S")
        # The count before the message: a long message is cut at 80 columns, the count never is.
        self.last_status = f"✔ {t('saved', self.lang)} {stamp} · {self.workshop.state.events} " \
                           f"{t('events', self.lang)} · {message}"
        self.query_one("#status", Static).update(self.last_status, layout=False)  # one line, fixed height

    # ---------------------------------------------------------------- engine calls

    def record(self, call, message: str) -> bool:
        """Run one engine action (it is on disk when it returns), then show it; errors are notices."""
        try:
            call()
        except ActionError as exc:
            self.notify(error_text(exc, self.lang), severity="warning", timeout=6, markup=False)
            return False
        except StoreError as exc:  # the action was right but the file took nothing: say which, to do it again
            self.notify(t("not_saved", self.lang, what=message, error=error_text(exc, self.lang)), severity="error",
                        timeout=10, markup=False)
            return False
        self.refresh_all()
        self.refresh_subtitle()  # an undo may change the table's details or who is scoring
        self.set_status(message)
        return True


def table_screen(workshop: Workshop, table_id: str, lang: str) -> TableScreen:
    """The table screen; its keys are described in the app's language by Localised, whichever it is."""
    return TableScreen(workshop, table_id, lang)
