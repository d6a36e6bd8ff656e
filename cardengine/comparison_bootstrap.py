"""Bootstrap confidence intervals over table instances, for a group's pick rates, means and weighted scores.

The unit is the table instance, so the resampling is too: each of B resamples draws the group's k tables
with replacement (`numpy.random.default_rng`), the statistic is recomputed on the resample exactly as on
the data, resamples where it is undefined (no table of the resample assessed the card) are dropped, and the
interval is the 2.5th and 97.5th percentile (numpy's default linear interpolation) of what remains.

Every statistic here is a ratio of sums over tables (picks / tables that had the deck; sum of values /
tables that gave one), so a resample is a vector of counts (how often each table was drawn) and all of a
group's statistics on all resamples are two matrix products: counts (B x k) @ per-table sums (k x items).
That is what makes 1,000 workshops x 6 tables x B = 1,000 cost a fraction of a second.

The generator of a group is seeded with (seed, CRC-32 of the group's label): the same seed gives the same
intervals, and a group's intervals do not change when other groups are added to the comparison.
Imported only by `comparison.compare` when intervals are asked for (numpy loads slowly).
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

LOW, HIGH = 2.5, 97.5  # percentiles: a 95 % interval
Interval = tuple[float, float]


def resample_counts(k: int, b: int, seed: int, label: str) -> np.ndarray | None:
    """(b, k) array: how many times each of k tables is drawn in each resample; None when no interval is made.

    Drawn as indices, rng.integers(0, k, size=(b, k)), then counted per row: the plain resampling, so
    anyone can redo it with the same generator."""
    if b <= 0 or k < 2:
        return None
    rng = np.random.default_rng([seed, zlib.crc32(label.encode("utf-8"))])
    idx = rng.integers(0, k, size=(b, k))
    flat = (idx + (np.arange(b) * k)[:, None]).ravel()
    return np.bincount(flat, minlength=b * k).reshape(b, k).astype(np.float64)


def percentiles(stat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column of a (b, items) array, the 2.5th and 97.5th percentile of its non-NaN values (NaN when none):
    numpy's linear method, written out so that columns with undefined resamples need no Python loop."""
    ordered = np.sort(stat, axis=0)  # NaN sort last
    valid = (~np.isnan(stat)).sum(axis=0)
    cols = np.arange(stat.shape[1])
    out = []
    for q in (LOW, HIGH):
        pos = (np.maximum(valid, 1) - 1) * (q / 100)
        below = np.floor(pos).astype(int)
        above = np.minimum(below + 1, np.maximum(valid - 1, 0))
        frac = pos - below
        a, c = ordered[below, cols], ordered[above, cols]
        value = a + (c - a) * frac
        out.append(np.where(valid > 0, value, np.nan))
    return out[0], out[1]


@dataclass
class Ratios:
    """Items whose statistic is sum over tables of num / sum over tables of den; built table by table."""

    keys: list[Hashable] = field(default_factory=list)
    index: dict[Hashable, int] = field(default_factory=dict)
    cells: list[tuple[int, int, float, float]] = field(default_factory=list)  # (table, item, num, den)

    def add(self, table: int, key: Hashable, num: float, den: float) -> None:
        i = self.index.get(key)
        if i is None:
            i = self.index[key] = len(self.keys)
            self.keys.append(key)
        self.cells.append((table, i, num, den))


def ratio_intervals(counts: np.ndarray, k: int, ratios: Ratios) -> dict[Hashable, Interval | None]:
    """Each item's interval; None where fewer than two tables stand behind the item (a resample of one table
    only repeats its value: no interval says more than a zero-width one)."""
    if not ratios.keys:
        return {}
    num = np.zeros((k, len(ratios.keys)))
    den = np.zeros((k, len(ratios.keys)))
    cells = np.array(ratios.cells, dtype=np.float64)
    rows, cols = cells[:, 0].astype(int), cells[:, 1].astype(int)
    np.add.at(num, (rows, cols), cells[:, 2])
    np.add.at(den, (rows, cols), cells[:, 3])
    behind = (den > 0).sum(axis=0)
    sums, totals = counts @ num, counts @ den
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(totals > 0, sums / np.where(totals > 0, totals, 1), np.nan)
    low, high = percentiles(stat)
    return {key: (float(low[i]), float(high[i])) if behind[i] >= 2 and not np.isnan(low[i]) else None
            for i, key in enumerate(ratios.keys)}


@dataclass(frozen=True)
class GroupIntervals:
    """A group's intervals by statistic: item key -> (low, high), or None / absent when there is none."""

    pick_rate: dict[Hashable, Interval | None] = field(default_factory=dict)  # card
    card_mean: dict[Hashable, Interval | None] = field(default_factory=dict)  # (card, criterion)
    domain_mean: dict[Hashable, Interval | None] = field(default_factory=dict)  # (domain, criterion)
    criterion_mean: dict[Hashable, Interval | None] = field(default_factory=dict)  # criterion
    weighted: dict[Hashable, Interval | None] = field(default_factory=dict)  # card


def group_intervals(tables: Sequence, domain_of: dict[str, str], b: int, seed: int, label: str) -> GroupIntervals:
    """All the intervals of one group, from its table instances (`comparison.TableFacts`), in one pass."""
    k = len(tables)
    counts = resample_counts(k, b, seed, label)
    if counts is None:
        return GroupIntervals()
    picks, cards, domains, crits, weighted = Ratios(), Ratios(), Ratios(), Ratios(), Ratios()
    for i, t in enumerate(tables):
        for card in t.available:
            picks.add(i, card, 1.0 if card in t.picked else 0.0, 1.0)
        for card, vals in t.values.items():
            for crit, v in vals.items():
                if v is not None:
                    cards.add(i, (card, crit), v, 1.0)
                    domains.add(i, (domain_of.get(card, ""), crit), v, 1.0)
                    crits.add(i, crit, v, 1.0)
        for card, score in t.weighted.items():
            weighted.add(i, card, score, 1.0)
    return GroupIntervals(*(ratio_intervals(counts, k, r) for r in (picks, cards, domains, crits, weighted)))
