"""Bootstrap confidence intervals over table instances, for a group's pick rates, means and weighted scores.

The unit is the table instance, so the resampling is too: each of B resamples draws the group's k tables
with replacement (`numpy.random.default_rng`), the statistic is recomputed on the resample exactly as on
the data, resamples where it is undefined (no table of the resample assessed the card) are dropped, and the
interval is the 2.5th and 97.5th percentile (numpy's default linear interpolation) of what remains.

Every statistic here is a ratio of sums over tables (picks / tables that had the deck; sum of values /
values given), so a resample is a vector of counts (how often each table was drawn) and all of a
group's statistics on all resamples are two matrix products: counts (B x k) @ per-table sums (k x items).
Counts, picks and "gave a value" flags are small whole numbers, exact in single precision (twice as fast);
sums of values are in double precision.

The generator of a group is seeded with (seed, CRC-32 of the group's label): the same seed gives the same
intervals, and a group's intervals do not change when other groups are added to the comparison.
Imported only by `pergroup.intervals` when intervals are asked for (numpy loads slowly).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

# One BLAS thread (unless the user chose otherwise): the products here are small (tables x 1,000 resamples), and
# a second BLAS thread only spins against the processes on the other core (the PDF, the readers): on 2 cores
# it tripled the CPU time of the intervals for no gain in wall time. Set before numpy loads, which reads it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from cardengine.compare.measures.facts import TableFacts

LOW, HIGH = 2.5, 97.5  # percentiles: a 95 % interval
Interval = tuple[float, float]
Floats = NDArray[np.floating[Any]]  # single or double precision
Indices = NDArray[np.intp]


EXACT_FROM = 64  # tables in a group from which its whole-number sums go through `_exact_rows`
CHUNK_CELLS = 2_000_000  # resampled indices held at once (16 MB): memory stays flat however many tables


def resample_counts(k: int, b: int, seed: int, label: str) -> Iterator[NDArray[np.float32]]:
    """Chunks of a (b, k) array: how many times each of k tables is drawn in each resample.

    Drawn as indices, rng.integers(0, k, size=(b, k)), then counted per row: the plain resampling, so anyone
    can redo it with the same generator (drawing in chunks takes the same numbers from it as one draw)."""
    rng = np.random.default_rng([seed, zlib.crc32(label.encode("utf-8", "surrogatepass"))])  # any label text
    chunk = max(1, CHUNK_CELLS // k)
    for first in range(0, b, chunk):
        n = min(chunk, b - first)
        idx = rng.integers(0, k, size=(n, k))
        flat = (idx + (np.arange(n) * k)[:, None]).ravel()
        yield np.bincount(flat, minlength=n * k).reshape(n, k).astype(np.float32)


def percentiles(stat: Floats) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per row of an (items, b) array, the 2.5th and 97.5th percentile of its non-NaN values (NaN when none):
    numpy's linear method, written out so that rows with undefined resamples need no Python loop."""
    ordered = np.sort(stat, axis=1)  # NaN sort last; rows are contiguous, so the sort is fast
    valid = (~np.isnan(stat)).sum(axis=1)
    cols = np.arange(stat.shape[0])
    out = []
    for q in (LOW, HIGH):
        pos = (np.maximum(valid, 1) - 1) * (q / 100)
        below = np.floor(pos).astype(int)
        above = np.minimum(below + 1, np.maximum(valid - 1, 0))
        frac = pos - below
        a, c = ordered[cols, below], ordered[cols, above]
        value = a + (c - a) * frac
        out.append(np.where(valid > 0, value, np.nan))
    return out[0], out[1]


def _ratio(sums: Floats, totals: Floats) -> NDArray[np.float64]:
    """sums / totals, NaN where the total is 0 (no table of the resample gave a value: undefined, dropped)."""
    return np.divide(sums, totals, out=np.full(sums.shape, np.nan), where=totals > 0)


@dataclass(frozen=True)
class Family:
    """Items whose statistic is a ratio of sums over tables: per table (row) and item (column), num and den."""

    keys: Sequence[Hashable]
    num: Floats  # (k, items)
    den: Floats  # (k, items)



def _enough(den: Floats) -> Indices:
    """The items (columns) two or more tables stand behind: the only ones given an interval, since resampling
    one table only repeats its value, and a zero-width interval would claim a certainty one table cannot give."""
    return np.flatnonzero((den > 0).sum(axis=0) >= 2)


def _intervals(keys: Sequence[Hashable], enough: Indices, stat: Floats) -> dict[Hashable, Interval | None]:
    """Each item's interval from the resampled statistics of the items in `enough` (len(enough), b)."""
    out: dict[Hashable, Interval | None] = dict.fromkeys(keys)
    low, high = (x.tolist() for x in percentiles(stat))
    for i, lo, hi in zip(enough.tolist(), low, high, strict=False):
        if lo == lo:  # lo != lo: NaN, every resample undefined
            out[keys[i]] = (lo, hi)
    return out


def _family(k: int, data: dict[Hashable, tuple[Sequence[int], list[float]]]) -> Family:
    """From item -> (table positions, one value per table), the dense per-table matrices."""
    keys = list(data)
    num, den = np.zeros((k, len(keys))), np.zeros((k, len(keys)), np.float32)
    lengths = [len(data[key][0]) for key in keys]
    rows = np.fromiter(chain.from_iterable(data[key][0] for key in keys), np.intp, sum(lengths))
    cols = np.repeat(np.arange(len(keys)), lengths)
    num[rows, cols] = np.fromiter(chain.from_iterable(data[key][1] for key in keys), np.float64, sum(lengths))
    den[rows, cols] = 1.0
    return Family(keys, num, den)


def _pooling(keys: Sequence[Hashable], pool_of: dict[Hashable, Hashable]) -> tuple[list[Hashable], NDArray[np.float64]]:
    """The pooled items and the (items, pooled items) 0/1 matrix summing each item into its pool."""
    pools = list(dict.fromkeys(pool_of[key] for key in keys))
    index = {p: i for i, p in enumerate(pools)}
    matrix = np.zeros((len(keys), len(pools)))
    for j, key in enumerate(keys):
        matrix[j, index[pool_of[key]]] = 1.0
    return pools, matrix


def _exact_rows(kept: dict[str, tuple[Floats, Floats]], k: int
                ) -> tuple[NDArray[np.float32], dict[str, tuple[Indices | None, Indices]], bool]:
    """The rows whose resampled sums single precision gives exactly, each distinct row once: the (rows, k)
    float32 matrix, and per statistic where its numerator's and denominator's rows are in it (numerator None:
    it stays in double precision); and whether any numerator does.

    Counts are whole numbers summing to k in each resample, so the sums of a row of whole numbers are whole
    numbers of at most k * max |row|: below 2^24 every product and partial sum is exact in float32, whatever
    the order of the sums, so they equal the double-precision ones bit for bit. Denominators (how many values)
    are always summed in float32, as before; numerators that are not whole numbers (weighted scores, means of
    participants' values) keep their double-precision product. Many rows repeat (a card scored on every
    criterion by the same tables; cards every table had): one product for each distinct row."""
    index: dict[bytes, int] = {}
    rows: list[Floats] = []

    def place(matrix: Floats) -> Indices:
        out = np.empty(len(matrix), np.intp)
        for i, row in enumerate(matrix):
            key = row.tobytes()
            found = index.get(key)
            if found is None:
                found = index[key] = len(rows)
                rows.append(row)
            out[i] = found
        return out

    placed: dict[str, tuple[Indices | None, Indices]] = {}
    wide = False
    for name, (num, den) in kept.items():
        whole = not num.size or (bool(np.all(num == np.rint(num))) and float(np.abs(num).max()) * k < 2 ** 24)
        wide = wide or not whole
        placed[name] = (place(num.astype(np.float32)) if whole else None, place(den))
    return (np.array(rows, np.float32).reshape(len(rows), k), placed, wide)


@dataclass(frozen=True)
class GroupIntervals:
    """A group's intervals by statistic: item key -> (low, high), or None / absent when there is none."""

    pick_rate: dict[Hashable, Interval | None] = field(default_factory=dict)  # card
    card_mean: dict[Hashable, Interval | None] = field(default_factory=dict)  # (card, criterion)
    domain_mean: dict[Hashable, Interval | None] = field(default_factory=dict)  # (domain, criterion)
    criterion_mean: dict[Hashable, Interval | None] = field(default_factory=dict)  # criterion
    weighted: dict[Hashable, Interval | None] = field(default_factory=dict)  # card


def group_intervals(tables: Sequence[TableFacts], values: dict[Hashable, tuple[Sequence[int], list[float]]],
                    weighted: dict[Hashable, tuple[Sequence[int], list[float]]], domain_of: dict[str, str],
                    b: int, seed: int, label: str) -> GroupIntervals:
    """All the intervals of one group from the same b resamples of its tables (`facts.TableFacts`):
    `values` maps (card, criterion) and `weighted` maps card to (positions in `tables`, the tables' values).

    Pooled means (per domain and criterion, per criterion) are ratios of the card cells' sums, so they come
    from the same matrix products, summed by a pooling matrix."""
    k = len(tables)
    if b <= 0 or k < 2:  # no interval for a group of one table
        return GroupIntervals()
    cards = sorted(set().union(*{id(t.available): t.available for t in tables}.values()))
    col = {c: i for i, c in enumerate(cards)}
    avail, picked = np.zeros((k, len(cards)), np.float32), np.zeros((k, len(cards)), np.float32)
    sharing: dict[int, list[int]] = {}  # a workshop's tables share one `available` set: set once for them all
    for i, t in enumerate(tables):
        sharing.setdefault(id(t.available), []).append(i)
    for same in sharing.values():
        offered = tables[same[0]].available
        avail[np.ix_(np.array(same), np.fromiter((col[c] for c in offered), np.intp, len(offered)))] = 1.0
    chosen = [[col[c] for c in t.picked if c in col] for t in tables]
    picked[np.repeat(np.arange(k), [len(c) for c in chosen]),
           np.fromiter(chain.from_iterable(chosen), np.intp, sum(len(c) for c in chosen))] = 1.0
    picks = Family(cards, picked, avail)
    cells, scores = _family(k, values), _family(k, weighted)
    domain_keys, to_domain = _pooling(cells.keys, {key: (domain_of.get(key[0], ""), key[1])  # type: ignore[index]
                                                   for key in cells.keys})
    crit_keys, to_crit = _pooling(cells.keys, {key: key[1] for key in cells.keys})  # type: ignore[index]
    # Each statistic's per-table numerator and denominator, kept to the items two or more tables stand behind;
    # the pooled means sum the card cells' columns (sums of sums), so they are matrix products too.
    parts: dict[str, tuple[Floats, Floats]] = {"picks": (picks.num, picks.den), "cells": (cells.num, cells.den),
             "domain": (cells.num @ to_domain, cells.den @ to_domain),
             "crit": (cells.num @ to_crit, cells.den @ to_crit), "scores": (scores.num, scores.den)}
    enough = {name: _enough(den) for name, (_, den) in parts.items()}
    kept: dict[str, tuple[Floats, Floats]] = {
        name: (num[:, enough[name]].T.astype(np.float64), den[:, enough[name]].T.astype(np.float32))
        for name, (num, den) in parts.items()}
    stats = {name: np.empty((len(cols), b)) for name, cols in enough.items()}  # (items, b): rows sort fast
    # Few tables (a group per workshop or table): the products are tiny, and sorting out rows costs more
    exact, exact_rows, wide_kept = _exact_rows(kept, k) if k >= EXACT_FROM else (None, {}, True)
    done = 0
    for counts in resample_counts(k, b, seed, label):
        part = slice(done, done + counts.shape[0])
        drawn = counts.T
        sums = exact @ drawn if exact is not None else None  # every whole-number row at once (float32: exact)
        wide = drawn.astype(np.float64) if wide_kept else None  # value sums in double precision
        for name, (num, den) in kept.items():
            if sums is not None:
                num_rows, den_rows = exact_rows[name]
                if num_rows is not None:
                    top = sums[num_rows]
                else:
                    assert wide is not None  # a numerator left in double precision makes wide_kept true
                    top = num @ wide
                total = sums[den_rows]
            else:
                assert wide is not None  # no exact rows: wide_kept is true
                top, total = num @ wide, den @ drawn
            stats[name][:, part] = _ratio(top.astype(np.float64), total.astype(np.float64))
        done = part.stop
    return GroupIntervals(*(_intervals(keys, enough[name], stats[name]) for name, keys in (
        ("picks", picks.keys), ("cells", cells.keys), ("domain", domain_keys), ("crit", crit_keys),
        ("scores", scores.keys))))
