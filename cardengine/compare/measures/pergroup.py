"""What the measures of one group read, gathered once: its tables' criterion values and weighted scores by card,
who stands behind them, and its bootstrap intervals; and the columns of statistics many tables share.

Pure. `group_data` keeps one `GroupData` per group on the comparison, so every family of measures reads the
same lists (in the same order: the means and spreads are computed on them).
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from cardengine.compare.measures.model import Comparison, Group
from cardengine.compare.measures.stats import mean, sample_sd
from cardengine.compare.measures.tidy import _r

if TYPE_CHECKING:  # bootstrap loads numpy: only when intervals are computed
    from cardengine.compare.measures.bootstrap import GroupIntervals

Cell = tuple[str, str]  # (card, criterion)
Person = tuple[str, str]  # (workshop id, participant id)
Row = tuple[object, ...]  # a tidy table's row
ColumnSpec = tuple[str, type, str] | tuple[str, type, str, str]  # name, type, English[, Italian] description


@dataclass
class GroupData:
    """One group's values, read from its tables on first use. The positions lists say, value by value, which of
    the group's tables gave it: the bootstrap resamples tables, so it needs them."""

    group: Group
    intervals: GroupIntervals | None = field(default=None)  # filled by `intervals`

    @cached_property
    def _cells(self) -> tuple[dict[Cell, list[float]], dict[Cell, array[int]]]:
        values: dict[Cell, list[float]] = defaultdict(list)
        rows: dict[Cell, array[int]] = defaultdict(lambda: array("i"))
        for i, t in enumerate(self.group.tables):
            for card, vals in t.values.items():
                for crit, v in vals.items():
                    if v is not None:
                        values[(card, crit)].append(v)
                        rows[(card, crit)].append(i)
        return values, rows

    @property
    def values(self) -> dict[Cell, list[float]]:
        """(card, criterion) -> the values of the group's tables that assessed it."""
        return self._cells[0]

    @property
    def rows(self) -> dict[Cell, array[int]]:
        """(card, criterion) -> the positions, in the group's tables, of the tables behind `values`."""
        return self._cells[1]

    @cached_property
    def behind(self) -> dict[Cell, set[Person]]:
        """(card, criterion) -> the participants (workshop, participant) whose own values make the group's tables'
        values (where a table scored individually, without a consensus value); only cells that have any."""
        out: dict[Cell, set[Person]] = defaultdict(set)
        for t in self.group.tables:
            for s in t.individual:
                if (s.target, s.criterion) not in t.overruled and \
                        t.values.get(s.target, {}).get(s.criterion) is not None:
                    out[(s.target, s.criterion)].add((t.workshop, s.participant))
        return out

    @cached_property
    def _scores(self) -> tuple[dict[str, list[float]], dict[str, array[int]]]:
        scores: dict[str, list[float]] = defaultdict(list)
        rows: dict[str, array[int]] = defaultdict(lambda: array("i"))
        for i, t in enumerate(self.group.tables):
            for card, score in t.weighted.items():
                scores[card].append(score)
                rows[card].append(i)
        return scores, rows

    @property
    def weighted(self) -> dict[str, list[float]]:
        """card -> the weighted feasibility scores (0-100) the group's tables gave it."""
        return self._scores[0]

    @property
    def weighted_rows(self) -> dict[str, array[int]]:
        return self._scores[1]


def group_data(cmp: Comparison, g: Group) -> GroupData:
    found = cmp.per_group.get(g.label)
    if found is None:
        found = cmp.per_group[g.label] = GroupData(g)
    return found


def intervals(cmp: Comparison, g: Group) -> GroupIntervals:
    """The group's bootstrap intervals, computed once."""
    data = group_data(cmp, g)
    if data.intervals is None:
        from cardengine.compare.measures.bootstrap import GroupIntervals, group_intervals  # numpy: only now

        if cmp.bootstrap and len(g.tables) >= 2:
            cells: dict[Hashable, tuple[Sequence[int], list[float]]] = {
                k: (data.rows[k], v) for k, v in data.values.items()}
            scores: dict[Hashable, tuple[Sequence[int], list[float]]] = {
                k: (data.weighted_rows[k], v) for k, v in data.weighted.items()}
            data.intervals = group_intervals(g.tables, cells, scores, {c: i.domain for c, i in cmp.cards.items()},
                                             cmp.bootstrap, cmp.seed, g.label)
        else:
            data.intervals = GroupIntervals()
    return data.intervals


def pooled_tables(cmp: Comparison, g: Group, pool_of: Callable[[str, str], Hashable]) -> Counter[Hashable]:
    """pool -> the group's tables that gave at least one value pooled into it (each table counted once)."""
    pooled: dict[Hashable, set[int]] = {}
    for (card, crit), positions in group_data(cmp, g).rows.items():
        pooled.setdefault(pool_of(card, crit), set()).update(positions)
    return Counter({pool: len(positions) for pool, positions in pooled.items()})


def pooled_people(behind: dict[Cell, set[Person]], pool_of: Callable[[str, str], Hashable], pool: Hashable) -> int:
    """Distinct participants behind the cells pooled into `pool`."""
    return len(set[Person]().union(*(who for (card, crit), who in behind.items() if pool_of(card, crit) == pool)))


def criterion_of(card: str, crit: str) -> str:
    return crit


def ci(interval: tuple[float, float] | None) -> tuple[float | None, float | None]:
    return (None, None) if interval is None else (_r(interval[0]), _r(interval[1]))


def stats_row(values: list[float], interval: tuple[float, float] | None = None) -> Row:
    return (len(values), _r(mean(values)), *ci(interval), _r(sample_sd(values)), _r(min(values)),
            _r(max(values)))


CI: list[ColumnSpec] = [
    ("ci_low", float, "lower end of the 95 % bootstrap confidence interval over the group's tables (empty: "
                      "bootstrap off, or fewer than two tables behind the figure)"),
    ("ci_high", float, "upper end of that interval")]
STATS: list[ColumnSpec] = [
    ("n", int, "values (one per table that assessed it)"), ("mean", float, "mean value"), *CI,
    ("sd", float, "sample standard deviation between tables (empty below two values)"),
    ("min", float, "lowest value"), ("max", float, "highest value")]
PARTICIPANTS = ("participants", int, "participants whose own values make the tables' values (tables that scored "
                                     "individually, without a consensus value); 0 when every value is by consensus")
TABLES = ("tables", int, "tables behind the figure (n)")
