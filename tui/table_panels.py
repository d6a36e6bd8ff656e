"""The table screen's two panels: the picks table and the card's criteria with their scores.

Scoring follows the keys in the order they were typed. The digits are bindings of the screen, so they run
at the app, in key order, after the keys before them (a move in the picks table, Enter) have had their
effect; what they score is read from the two tables' cursors at that moment, never from a copy that a
late message could overwrite. Updates that change no size do not ask for a new layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from types import MappingProxyType
from typing import Any

from rich.text import Text as RichText
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Static

from cardengine.decks import Criterion
from cardengine.sessions import Ranked, all_criterion_values, table_ranking, weighted_score

from .cached_table import RowCachedTable
from .host import app_of
from .i18n import deck_text, t
from .panel_text import (
    MARKED,
    MARKS,
    count_picks,
    counts_lines,
    criterion_lines,
    first_unscored,
    legend,
    legend_line,
    value_text,
)
from .safe_text import shown as drawn  # (a local `shown` names the rows drawn)
from .table_base import TableScreenBase

__all__ = ["SCORE_KEYS", "CriterionPanel", "PanelsMixin", "PicksTable", "legend", "score_bindings"]

SCORE_KEYS = "0123456789n"
# Fixed widths of the picks table's columns: a width measured from the first rows cut "65" to "6".
MARK_WIDTH, SCORE_WIDTH, RANK_WIDTH, VALUE_WIDTH = 2, 3, 3, 4
# The criteria table at its narrowest (38 columns, at 80): border 2, value 4 + padding 2, label padding 2.
LABEL_WIDTH = 28

PickRow = tuple[str, RichText, str, str, RichText]  # a row of the picks table: mark, id, score, rank, title


def score_bindings(lang: str) -> list[Binding]:
    """The digits (and n, not assessed) score the highlighted criterion of the highlighted card."""
    return [Binding(key, f"score('{key}')", t("not_assessed", lang) if key == "n" else t("score_key", lang, digit=key),
                    show=False, id=f"table.score_{key}") for key in SCORE_KEYS]


class PicksTable(RowCachedTable):
    """The picks. Enter opens the card's scores at its first unscored criterion at once, so that digits
    typed right after Enter (faster than the screen redraws) go to that criterion."""

    def action_select_cursor(self) -> None:
        if isinstance(self.screen, PanelsMixin):
            self.screen.open_scores()
        super().action_select_cursor()

    def on_resize(self) -> None:
        if isinstance(self.screen, PanelsMixin):
            self.screen.fit_picks_columns()


class CriterionPanel(Widget):
    """The highlighted criterion's question, levels and direction, laid out for the room the panel has."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[Criterion, float | None, str] | None = None

    def show(self, criterion: Criterion, value: float | None, lang: str) -> None:
        if self._shown != (criterion, value, lang):
            self._shown = (criterion, value, lang)
            self.refresh()  # same size: a repaint, not a layout

    def render(self) -> RichText:
        if self._shown is None:
            return RichText()
        criterion, value, lang = self._shown
        return criterion_lines(criterion, value, lang, self.content_size.width, self.content_size.height)


class PanelsMixin(TableScreenBase):
    """Drawing the picks and the criteria, and scoring with the digit keys."""

    _detail_target: str | None = None
    # What the panels show now: an update writes only what differs (read-only until the first drawing).
    _values: Mapping[str, float | None] = MappingProxyType({})
    _shown_rows: Mapping[str, PickRow] = MappingProxyType({})
    _counts_shown: tuple[str, str] | None = None
    _ranking: dict[str, Ranked]
    _ranking_at: tuple[int, str] | None = None
    _title_width: int

    def setup_panels(self) -> None:
        """Columns of fixed width and one row per criterion, made once; later updates change cells only."""
        criteria = self.criteria
        self._add_picks_columns(20)
        crit = self.query_one("#criteria", DataTable)
        labels = [deck_text(c.label, self.lang) for c in criteria.criteria]
        # A long label is cut with an ellipsis before the value is: the value always shows, from 80 columns.
        crit.add_column("", width=min(LABEL_WIDTH, max(len(label) for label in labels)), key="label")
        crit.add_column("", width=VALUE_WIDTH, key="value")
        for c, label in zip(criteria.criteria, labels, strict=False):
            crit.add_row(RichText(label, no_wrap=True, overflow="ellipsis"), "–", key=c.id)
        crit.styles.height = len(labels) + 2  # every criterion and the border: it never scrolls
        self.query_one("#legend", Static).update(legend_line(self.lang))

    def _add_picks_columns(self, title_width: int) -> None:
        picks = self.query_one("#picks", DataTable)
        picks.add_column("", width=MARK_WIDTH, key="mark")
        id_width = max([5, *(len(c) for c in self.workshop.state.cards)])
        picks.add_column(t("column_id", self.lang), width=id_width, key="id")
        picks.add_column("%", width=SCORE_WIDTH, key="score")
        picks.add_column("#", width=RANK_WIDTH, key="rank")
        picks.add_column(t("column_card", self.lang), width=title_width, key="title")
        self._title_width = title_width

    def fit_picks_columns(self) -> None:
        """The titles take the room the other columns leave (cut with an ellipsis): the table never needs
        to scroll sideways, and its width does not change with the titles picked."""
        picks = self.query_one("#picks", DataTable)
        others = sum(column.get_render_width(picks) for column in picks.columns.values() if column.key != "title")
        width = max(6, picks.scrollable_content_region.width - others - 2 * picks.cell_padding)
        if width != self._title_width:
            row = picks.cursor_row
            picks.clear(columns=True)
            self._add_picks_columns(width)
            self._shown_rows = {}
            self.refresh_picks()
            picks.move_cursor(row=row)

    # ---------------------------------------------------------------- drawing

    def refresh_all(self) -> None:
        self.refresh_picks()
        self.refresh_detail()

    def _targets(self) -> list[tuple[str, str]]:
        table = self.table
        return [(card, pick.kind) for card, pick in table.picks.items()] + \
            [(ref, "proposal") for ref in table.proposals]

    def ranking(self) -> dict[str, Ranked]:
        """The table's ranking, computed once per state of the file."""
        state = self.workshop.state
        if self._ranking_at != (state.events, self.table_id):
            self._ranking = {r.target: r for r in table_ranking(self.table, self.criteria)}
            self._ranking_at = (state.events, self.table_id)
        return self._ranking

    def refresh_picks(self) -> None:
        """Bring the picks table up to date, touching only the cells that changed (fast on big tables)."""
        state = self.workshop.state
        table = self.table
        grid = self.query_one("#picks", RowCachedTable)
        ranking = self.ranking()
        rows: dict[str, tuple] = {}
        for target, kind in self._targets():
            ranked = ranking.get(target)
            score = ranked.score if ranked else None
            title = (state.cards[target].title.get(self.lang) or next(iter(state.cards[target].title.values()))
                     if target in state.cards else drawn(table.proposals[target].title))
            colour = state.decks[state.cards[target].deck].colour if target in state.cards else "#6A3D9A"
            # The title as Text: it is never read as markup ("[/b]" in a proposal's title is text).
            rows[target] = ((MARKED if target in self.marked else "") + MARKS[kind],
                            RichText(target, style=f"bold {colour}"),
                            "" if score is None else f"{round(score, 2):.0f}", str(ranked.rank) if ranked else "",
                            RichText(title, no_wrap=True, overflow="ellipsis"))
        shown = self._shown_rows
        appended = bool(shown) and list(rows)[:len(shown)] == list(shown)
        # Cells changed and rows appended: only their lines and the borders are repainted, not the table.
        with self.app.batch_update(), (grid.only_changed_rows() if appended else nullcontext()):
            if appended:
                for key, values in rows.items():
                    if key not in shown:
                        grid.add_row(*values, key=key)
                    elif shown[key] != values:
                        columns = ("mark", "id", "score", "rank", "title")
                        for column, old, new in zip(columns, shown[key], values, strict=False):
                            if old != new:
                                grid.update_cell(key, column, new)
            else:
                keep = grid.cursor_row
                grid.clear()
                for key, values in rows.items():
                    grid.add_row(*values, key=key)
                if rows:
                    grid.move_cursor(row=min(max(keep, 0), grid.row_count - 1))
                else:
                    # The hint wraps in the title column (a row as high as it needs): never cut.
                    grid.add_row("", "", "", "", RichText(t("no_picks", self.lang)), key="__empty__", height=None)
            self._shown_rows = rows
            counts = counts_lines(count_picks(table, self.criteria), self.lang)
            if self._counts_shown != counts:  # words only: a repaint of the border
                self._counts_shown = counts
                grid.border_title, grid.border_subtitle = (RichText(line) for line in counts)

    def selected_target(self) -> str | None:
        grid = self.query_one("#picks", DataTable)
        if not grid.row_count:
            return None
        key = grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value
        return None if key == "__empty__" else key

    def refresh_detail(self) -> None:
        """Show the highlighted card's values. Another card than the one shown: its title, and the criteria
        cursor on its first unscored criterion; the same card: its values only, the cursor stays."""
        criteria = self.criteria
        target = self.selected_target()
        crit = self.query_one("#criteria", DataTable)
        values = (all_criterion_values(self.table, criteria).get(target, {}) if target else {})
        table_values = {c.id: values.get(c.id) for c in criteria.criteria}
        # Scoring as a participant: their own values beside the criteria (the score stays the table's).
        self._values = self.own_values(target) if target and self.scoring_by else table_values
        with self.app.batch_update():
            for c in criteria.criteria:
                text = value_text(self._values[c.id])
                if crit.get_cell(c.id, "value") != text:
                    crit.update_cell(c.id, "value", text)
            if target != self._detail_target:
                self._detail_target = target
                self._show_detail_text()
                if target is not None:
                    crit.move_cursor(row=first_unscored(self.table, target, criteria))
            score = weighted_score(table_values, criteria)
            ranked = self.ranking().get(target) if target else None
            title = f"{t('score', self.lang)} {'–' if score is None else f'{round(score, 2):.0f}'}"
            if ranked is not None and score is not None:
                title += " · " + t("rank_of", self.lang, rank=str(ranked.rank), n=str(len(self.ranking())))
            if self.scoring_by:  # who the digits score for stays on the panel they score (not replaced by it)
                title = f"{self.scoring_text()} · {title}"
            if self._score_shown != title:
                self._score_shown = title
                crit.border_title = RichText(title)
            self.show_criterion()

    def _show_detail_text(self) -> None:
        state = self.workshop.state
        target = self._detail_target
        detail = self.query_one("#card-detail", Static)
        if target is None:
            text = ""
        elif target in state.cards:
            more = app_of(self).card_summary(target) if self.has_class("-roomy") else ""
            text = f"{target} · {deck_text(state.cards[target].title, self.lang)}" + (f"\n{more}" if more else "")
        else:
            text = f"{target} · {drawn(self.table.proposals[target].title)}"
        # A fixed height except on a large terminal, where the card's summary makes it grow.
        detail.update(RichText(text), layout=self.has_class("-roomy"))

    def show_criterion(self) -> None:
        """The criteria cursor's criterion, in the panel under the criteria."""
        criteria = self.criteria.criteria
        c = criteria[min(max(self.query_one("#criteria", DataTable).cursor_row, 0), len(criteria) - 1)]
        self.query_one("#criterion-help", CriterionPanel).show(c, self._values.get(c.id), self.lang)

    def open_scores(self) -> None:
        """Enter on a card: its criteria, from the first unscored one."""
        self.refresh_detail()
        target = self.selected_target()
        if target is not None:
            crit = self.query_one("#criteria", DataTable)
            crit.move_cursor(row=first_unscored(self.table, target, self.criteria))
            self.show_criterion()
            self.set_focus(crit)  # at once: focus() would move it later, after keys typed meanwhile (`/`)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Messages arrive after the fact: both handlers read the cursors as they are now.
        if event.data_table.id == "picks":
            if self.selected_target() != self._detail_target:
                self.refresh_detail()
        elif event.data_table.id == "criteria":
            self.show_criterion()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "picks" and self.focused is event.data_table:  # (a click) not if moved on since
            self.set_focus(self.query_one("#criteria", DataTable))

    # ---------------------------------------------------------------- scoring

    def action_score(self, key: str) -> None:
        crit = self.query_one("#criteria", DataTable)
        if self.focused not in (crit, self.query_one("#picks", DataTable)):
            return
        target = self.selected_target()
        if target is None:
            self.notify(t("nothing_to_score", self.lang), severity="warning", timeout=4)
            return
        if target != self._detail_target:
            self.refresh_detail()  # the card was just highlighted: its panel first, at its first unscored criterion
        criteria = self.criteria.criteria
        index = min(max(crit.cursor_row, 0), len(criteria) - 1)
        c = criteria[index]
        label = deck_text(c.label, self.lang)
        if key == "n" or (key == "0" and 0 not in c.values):
            value = None
        elif int(key) in c.values:
            value = int(key)
        else:
            self.notify(t("off_scale", self.lang, digit=key, criterion=label, values=", ".join(map(str, c.values))),
                        severity="warning", timeout=6, markup=False)
            return
        if self.record(lambda: self.workshop.score(self.table.name, target, c.id, value, by=self.scoring_by),
                       f"{target} {label} = {key if value is not None else t('not_assessed', self.lang)}"):
            # Move on to the next criterion, as a note-taker goes round the table.
            crit.move_cursor(row=min(index + 1, len(criteria) - 1))
            self.show_criterion()
