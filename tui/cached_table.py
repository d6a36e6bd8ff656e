"""A DataTable that redraws only the rows that changed.

Textual's DataTable keys every cached row on a table-wide update counter and on the cursor's position, so one
changed cell, one new pick or one cursor move renders every visible row again through Rich (most of the time
of an Enter on a long table). This table keys a rendered row on what it shows instead: the row's own version,
its place, whether the cursor or the mouse is on it, the widths and the widget's state. Everything else, the
API included, is DataTable's (the tests and the screen use it as one).

It relies on DataTable's `_render_line_in_row` (textual is pinned in pyproject.toml for this reason).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Self

from rich.segment import Segment
from rich.style import Style
from rich.text import TextType
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

__all__ = ["RowCachedTable"]

Lines = list[list[Segment]]  # a row's rendered lines, as DataTable caches them


class RowCachedTable(DataTable):
    # A new row makes the table's content taller, not the table: Widget's virtual_size asks for a layout of the
    # whole screen (and a full repaint) at each change. Here the scrollbars are brought up to date instead.
    # Nor a repaint: rows appended within only_changed_rows are repainted there; any other change repaints
    # the whole table in the watcher.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Set before DataTable's own set-up, which already clears its caches.
        self._rows_drawn: LRUCache[tuple[object, ...], tuple[Lines, Lines]] = LRUCache(2000)
        self._row_version: dict[RowKey, int] = {}
        self._epoch = 0  # bumped by whatever changes every row (columns, clear, sort, styles, options)
        super().__init__(*args, **kwargs)

    # ------------------------------------------------------------- what invalidates a drawn row

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._epoch += 1

    def notify_style_update(self) -> None:
        self._epoch += 1
        super().notify_style_update()

    def _touch(self, row_key: RowKey | str) -> None:
        key = RowKey(row_key) if isinstance(row_key, str) else row_key
        self._row_version[key] = self._row_version.get(key, 0) + 1
        if self._narrowed is not None:
            self._narrowed.add(key)

    # ------------------------------------------------------------- repainting only what changed

    _narrowed: set[RowKey] | None = None

    @contextmanager
    def only_changed_rows(self) -> Iterator[None]:
        """Within: cells updated, rows appended at the end and border labels repaint their own lines only, not
        the whole table (DataTable and a border label ask for a full repaint each; Textual then draws every
        visible line again). Rows removed or moved, scrolling and columns must be done outside."""
        self._narrowed = set()
        try:
            yield
        finally:
            touched, self._narrowed = self._narrowed, None
            for key in touched:
                index = self._row_locations.get(key)  # None: removed since
                if index is not None:
                    self.refresh_row(index)
            # The border lines, where the labels are (regions are relative to the content, inside the border).
            (x, y), (width, height) = self.content_offset, self.outer_size
            super().refresh(Region(-x, -y, width, 1), Region(-x, height - 1 - y, width, 1))

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._narrowed is not None and not regions and not layout and not recompose:
            return self  # a whole-table repaint asked within only_changed_rows: the changed lines are marked
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def update_cell(self, row_key: RowKey | str, column_key: ColumnKey | str, value: Any, *,
                    update_width: bool = False) -> None:
        super().update_cell(row_key, column_key, value, update_width=update_width)
        self._touch(row_key)

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None,
                label: TextType | None = None) -> RowKey:
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        self._appended = self._narrowed is not None and height is not None
        self._touch(row_key)  # a key used before (removed, added again) is drawn afresh
        return row_key

    def add_column(self, *args: Any, **kwargs: Any) -> ColumnKey:
        self._epoch += 1
        return super().add_column(*args, **kwargs)

    def remove_row(self, row_key: RowKey | str) -> None:
        self._epoch += 1
        super().remove_row(row_key)

    def remove_column(self, column_key: ColumnKey | str) -> None:
        self._epoch += 1
        super().remove_column(column_key)

    def sort(self, *args: Any, **kwargs: Any) -> Self:
        self._epoch += 1
        return super().sort(*args, **kwargs)

    _appended = False  # rows were appended (and repainted) within only_changed_rows since the last size change

    def watch_virtual_size(self, old: Size, size: Size) -> None:
        if self.is_mounted and self.container_size:
            self._scroll_update(size)
        if not (self._appended and old.width == size.width and size.height > old.height):
            self.refresh()
        self._appended = False

    # ------------------------------------------------------------- drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        # DataTable.render_line asks for the widget's rich_style (a walk up the DOM) once per line: once here.
        self._line_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._line_style = None

    _line_style: Style | None = None

    def render_line(self, y: int) -> Strip:
        if self._line_style is None:
            return super().render_line(y)
        # DataTable.render_line with the style computed once per repaint.
        scroll_x, scroll_y = self.scroll_offset
        fixed_keys = [self._row_locations.get_key(i) for i in range(self.fixed_rows)]  # (all there: never None)
        fixed = sum(self.get_row_height(key) for key in fixed_keys if key is not None)
        if self.show_header:
            fixed += self.get_row_height(self._header_row_key)
        if y >= fixed:
            y += scroll_y
        return self._render_line(y, scroll_x, scroll_x + self.size.width, self._line_style)

    def _render_line_in_row(self, row_key: RowKey, line_no: int, base_style: Style, cursor_location: Coordinate,
                            hover_location: Coordinate) -> tuple[Lines, Lines]:
        if self.cursor_type != "row":  # only the row cursor is keyed here
            return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)
        row_index = self._row_locations.get(row_key) if row_key in self._row_locations else -1
        key = (self._epoch, self._row_version.get(row_key, 0), row_key, line_no, row_index, base_style,
               cursor_location.row == row_index, hover_location.row == row_index, self.show_cursor,
               self._show_hover_cursor, self._pseudo_class_state, self.size.width, self.get_row_height(row_key),
               tuple(column.get_render_width(self) for column in self.ordered_columns))
        drawn = self._rows_drawn.get(key)
        if drawn is None:
            drawn = super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)
            self._rows_drawn[key] = drawn
        return drawn
