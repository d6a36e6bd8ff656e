"""What the app's screens and views may ask of the app and of the table screen, as typed interfaces.

Screens reach the app through `app_of(widget)`, a `NoteTakerApp`: Textual types `widget.app` as a bare App,
which knows nothing of the workshop, the settings or the language. The views of the table's memory (tui/views)
ask the table screen that opened them (`TableHost`) to record their changes. Textual's own App and Screen API
(push_screen, notify, focus...) is used as Textual types it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from textual.dom import DOMNode

from cardengine.sessions import TableState, Workshop, WorkshopInfo

if TYPE_CHECKING:
    from .modals import CommentForm, ParticipantForm
    from .settings import Settings

__all__ = ["NoteTakerApp", "TableHost", "Then", "app_of"]

Then = Callable[[], None] | None  # what a view redraws once the action it asked for is saved


class NoteTakerApp(Protocol):
    """The note-taker's app (CardEngineApp) as its screens see it."""

    lang: str  # the app's language; the start screen changes it for a workshop created in another
    settings: Settings
    workshop: Workshop | None  # None until the start screen opens or creates one
    clock: Callable[[], datetime]  # the time on the status line (tests and snapshots fix it)

    def refresh_from_file(self) -> None: ...
    def sync_mark(self) -> str: ...
    def open_workshop(self, path: Path) -> None: ...
    def create_workshop(self, path: Path, info: WorkshopInfo) -> None: ...
    def start_table(self, table_id: str) -> None: ...
    def card_text(self, target: str) -> str: ...
    def card_summary(self, target: str) -> str: ...


def app_of(node: DOMNode) -> NoteTakerApp:
    """The app `node` runs in. Every screen of this package runs in CardEngineApp, which app.py checks (with
    mypy) against NoteTakerApp; this is the one place where Textual's App is taken for it."""
    return cast("NoteTakerApp", node.app)


class TableHost(Protocol):
    """The table screen as the views of its comments and participants use it (they record nothing themselves)."""

    lang: str
    workshop: Workshop

    @property
    def table(self) -> TableState: ...

    def open_comment_dialog(self, about: str | None, *, whole_table: bool = False, after: Then = None,
                            draft: CommentForm | None = None) -> None: ...
    def edit_comment(self, event_id: str, after: Then = None) -> None: ...
    def add_participant(self, after: Then = None, draft: ParticipantForm | None = None) -> None: ...
    def action_table_details(self, after: Then = None) -> None: ...
