"""The table screen's two panels: the picks table and the card's criteria with their scores."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.widgets import DataTable, Static

from cardengine.scoring import criterion_values, table_ranking, weighted_score

from .i18n import t

SCORE_KEYS = "1234567"


class PanelsMixin:
    """Drawing the picks and the criteria, and scoring with the digit keys."""

    # ---------------------------------------------------------------- drawing

    def refresh_all(self) -> None:
        self.refresh_picks()
        self.refresh_detail()

    def _targets(self) -> list[tuple[str, str]]:
        table = self.table
        return [(card, pick.kind) for card, pick in table.picks.items()] + \
            [(ref, "proposal") for ref in table.proposals]

    def refresh_picks(self) -> None:
        """Bring the picks table up to date, touching only the cells that changed (fast on big tables)."""
        state = self.workshop.state
        table = self.table
        grid = self.query_one("#picks", DataTable)
        ranking = {r.target: r for r in table_ranking(table, state.criteria)}
        marks = {"selected": "·", "favourite": "★", "discarded": "✗", "proposal": "P"}
        rows: dict[str, tuple] = {}
        for target, kind in self._targets():
            ranked = ranking.get(target)
            score = ranked.score if ranked else None
            title = (state.cards[target].title.get(self.lang) or next(iter(state.cards[target].title.values()))
                     if target in state.cards else table.proposals[target].title)
            colour = state.decks[state.cards[target].deck].colour if target in state.cards else "#6A3D9A"
            rows[target] = (("▶" if target in self.marked else "") + marks[kind],
                            RichText(target, style=f"bold {colour}"),
                            "" if score is None else f"{score:.0f}", str(ranked.rank if ranked else ""), title)
        shown = getattr(self, "_shown_rows", {})
        if list(rows)[:len(shown)] == list(shown) and shown:
            for key, values in rows.items():
                if key not in shown:
                    grid.add_row(*values, key=key)
                elif shown[key] != values:
                    for column, (old, new) in zip(self._columns, zip(shown[key], values)):
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
                grid.add_row("", "", "", "", t("no_picks", self.lang), key="__empty__")
        self._shown_rows = rows

    def selected_target(self) -> str | None:
        grid = self.query_one("#picks", DataTable)
        if not grid.row_count:
            return None
        key = grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value
        return None if key == "__empty__" else key

    def refresh_detail(self) -> None:
        state = self.workshop.state
        target = self.selected_target()
        detail = self.query_one("#card-detail", Static)
        crit = self.query_one("#criteria", DataTable)
        crit.clear()
        if target is None:
            detail.update("")
            return
        if target in state.cards:
            card = state.cards[target]
            more = self.app.card_summary(target) if self.has_class("-roomy") else ""
            detail.update(f"{target} · {card.title.get(self.lang, '')}" + (f"\n{more}" if more else ""))
        else:
            detail.update(f"{target} · {self.table.proposals[target].title}")
        values = criterion_values(self.table, target, state.criteria)
        for c in state.criteria.criteria:
            v = values[c.id]
            crit.add_row(c.label[self.lang] if self.lang in c.label else c.label.get_text(self.lang),
                         "–" if v is None else f"{v:g}", key=c.id)
        score = weighted_score(values, state.criteria)
        crit.add_row(RichText(t("score", self.lang), style="bold"),
                     RichText("" if score is None else f"{score:.0f}", style="bold"), key="__total__")
        crit.move_cursor(row=min(self.criterion_index, len(state.criteria.criteria) - 1))
        self.show_question()

    def show_question(self) -> None:
        criteria = self.workshop.state.criteria.criteria
        c = criteria[min(self.criterion_index, len(criteria) - 1)]
        scale = " ".join(f"{lv.value}={lv.label.get_text(self.lang)}" for lv in c.scale)
        self.query_one("#criteria", DataTable).border_subtitle = f"{c.question.get_text(self.lang)}  {scale}"

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "picks":
            self.refresh_detail()
        elif event.data_table.id == "criteria":
            self.criterion_index = min(event.cursor_row, len(self.workshop.state.criteria.criteria) - 1)
            self.show_question()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "picks":
            self.query_one("#criteria", DataTable).focus()

    # ---------------------------------------------------------------- scoring

    def score_key(self, key: str) -> None:
        target = self.selected_target()
        if target is None:
            return
        criteria = self.workshop.state.criteria.criteria
        c = criteria[self.criterion_index]
        value = None if key in "n0" else int(key)
        if self.record(lambda: self.workshop.score(self.table.name, target, c.id, value, by=self.scoring_by),
                       f"{target} {c.label.get_text(self.lang)} = {key if value else t('not_assessed', self.lang)}"):
            # Move on to the next criterion, as a note-taker goes round the table.
            self.criterion_index = min(self.criterion_index + 1, len(criteria) - 1)
            self.query_one("#criteria", DataTable).move_cursor(row=self.criterion_index)
            self.show_question()

