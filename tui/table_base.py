"""What the table screen's parts share: the workshop and its table, recording an action, the status line.

The table screen (table_screen.TableScreen) is assembled from one mixin per job (card_entry, table_panels,
table_memory, table_actions, table_sync); each is a TableScreenBase, so that it is checked against what the
others provide. The methods one part calls on another are named here, with the part that defines them.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.widgets import Static

from cardengine.decks import CriteriaSet
from cardengine.sessions import ActionError, StoreError, TableState, Workshop

from .host import app_of
from .i18n import error_text, t

__all__ = ["TableScreenBase"]


class TableScreenBase(Screen[None]):
    """The table screen's shared state and engine calls; never shown by itself (see table_screen)."""

    # Who the digit keys score for: a participant's id, or None for the table's consensus. The scoring code
    # passes it as `by=` (see table_panels.action_score); table_memory changes it.
    scoring_by: str | None = None
    # The criteria panel's title as shown (who is scoring, the card's score): table_panels writes it,
    # table_memory has it written again when who is scoring changes.
    _score_shown: str | None = None
    _scoring_shown = ""

    def __init__(self, workshop: Workshop, table_id: str, lang: str):
        super().__init__()
        self.workshop, self.table_id, self.lang = workshop, table_id, lang
        self.marked: list[str] = []  # cards marked for a proposal (space)
        self.last_status = ""

    @property
    def table(self) -> TableState:
        return self.workshop.state.tables[self.table_id]

    @property
    def criteria(self) -> CriteriaSet:
        """The workshop's criteria: every workshop file holds them from its creation."""
        criteria = self.workshop.state.criteria
        if criteria is None:
            raise RuntimeError(f"{self.workshop.state.title}: the workshop file holds no criteria")
        return criteria

    def set_status(self, message: str) -> None:
        stamp = app_of(self).clock().strftime("%H:%M:%S")
        # The count before the message: a long message is cut at 80 columns, the count never is.
        self.last_status = f"✔ {t('saved', self.lang)} {stamp} · {self.workshop.state.events} " \
                           f"{t('events', self.lang)} · {message}"
        self.show_status()

    def show_status(self) -> None:
        """The status line: the sync mark first (`--sync`: short, never cut), then the last action said."""
        mark = app_of(self).sync_mark()
        text = f"{mark} │ {self.last_status}" if mark else self.last_status
        self.query_one("#status", Static).update(text, layout=False)  # one line, fixed height

    # ---------------------------------------------------------------- engine calls

    def record(self, call: Callable[[], object], message: str) -> bool:
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

    # ---------------------------------------------------------------- what the parts provide each other

    def refresh_all(self) -> None:  # table_panels (and table_sync, which adds to it)
        raise NotImplementedError

    def refresh_picks(self) -> None:  # table_panels
        raise NotImplementedError

    def refresh_detail(self) -> None:  # table_panels
        raise NotImplementedError

    def selected_target(self) -> str | None:  # table_panels
        raise NotImplementedError

    def refresh_subtitle(self) -> None:  # table_memory
        raise NotImplementedError

    def scoring_text(self) -> str:  # table_memory
        raise NotImplementedError

    def own_values(self, target: str) -> dict[str, float | None]:  # table_memory
        raise NotImplementedError

    def log_card(self, card: str) -> None:  # card_entry
        raise NotImplementedError

    def pick(self, card: str, kind: str = "selected") -> bool:  # card_entry
        raise NotImplementedError
