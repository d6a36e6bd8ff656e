"""Small statistics for comparing workshops: mean, spread, ranks, Kendall's W and Jaccard overlap.

Pure functions on plain numbers. Written out (rather than pulling in numpy or scipy) because each is a
few lines and the report needs them for thousands of small lists, where call overhead dominates.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import erfc, exp, lgamma, log, pi, sqrt


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def mean_of(values: Sequence[float]) -> float:
    """`mean` of values that are there (a list that only ever grows by a value): never None."""
    return sum(values) / len(values)


def sample_sd(values: Sequence[float]) -> float | None:
    """Sample standard deviation (n - 1); None for fewer than two values."""
    return sd_of(values) if len(values) >= 2 else None


def sd_of(values: Sequence[float]) -> float:
    """`sample_sd` of two or more values: never None."""
    n = len(values)
    m = sum(values) / n
    return sqrt(sum([(v - m) * (v - m) for v in values]) / (n - 1))


def average_ranks(scores: Sequence[float], descending: bool = True) -> list[float]:
    """Rank 1 = best (highest when descending); tied scores share the mean of the ranks they span."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i] if descending else scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def competition_ranks(scores: Sequence[float]) -> list[int]:
    """Ranks as printed in league tables ("1, 2, 2, 4"): higher score first, ties share the best rank."""
    ordered = sorted(scores, reverse=True)
    first: dict[float, int] = {}
    for i, s in enumerate(ordered):
        first.setdefault(s, i + 1)
    return [first[s] for s in scores]


def kendalls_w(scores: Sequence[Sequence[float]]) -> float | None:
    """Kendall's coefficient of concordance of m raters (rows) scoring the same n items (columns).

    Each rater's scores become average ranks; W = 12 S / (m^2 (n^3 - n) - m sum T), with the usual
    correction for ties, T = sum(t^3 - t) over each rater's groups of tied items. 0 = no agreement,
    1 = identical rankings. None when it is undefined (fewer than 2 raters or 2 items, or every
    rater ties every item).
    """
    m = len(scores)
    n = len(scores[0]) if m else 0
    if m < 2 or n < 2 or any(len(row) != n for row in scores):
        return None
    rank_rows = [average_ranks(row) for row in scores]
    totals = [sum(r[i] for r in rank_rows) for i in range(n)]
    mean_total = m * (n + 1) / 2
    s = sum((t - mean_total) ** 2 for t in totals)
    ties = 0.0
    for row in scores:
        counts: dict[float, int] = {}
        for v in row:
            counts[v] = counts.get(v, 0) + 1
        ties += sum(t ** 3 - t for t in counts.values())
    denominator = m * m * (n ** 3 - n) - m * ties
    return 12 * s / denominator if denominator > 0 else None


def kendalls_w_test(w: float | None, raters: int, items: int) -> tuple[float, int, float] | None:
    """Friedman's chi-square for Kendall's W: chi2 = m (n - 1) W with n - 1 degrees of freedom, and its p-value
    P(chi2_df >= chi2). None when W is undefined or rests on fewer than three items (too few to test)."""
    if w is None or items < 3 or raters < 2:
        return None
    chi2 = raters * (items - 1) * w
    return chi2, items - 1, chi2_sf(chi2, items - 1)


def chi2_sf(x: float, df: int) -> float:
    """P(X >= x) for X chi-square with a whole number df of degrees of freedom: the closed forms for whole df
    (a Poisson tail for even df; erfc plus a finite series for odd df), summed in log space so that large x
    underflows to 0 rather than overflowing. Exact to float precision (the tests check it against scipy); it
    spares the comparison scipy's import (30 MB, a second) for one function."""
    if x <= 0:
        return 1.0
    half = x / 2
    if df % 2 == 0:  # sum_{k < df/2} e^-half half^k / k!
        return min(1.0, sum(exp(-half + k * log(half) - lgamma(k + 1)) for k in range(df // 2)))
    # erfc(sqrt(half)) + e^-half sqrt(2x/pi) sum_{k=1}^{(df-1)/2} x^(k-1) / (1 * 3 * ... * (2k - 1))
    total = erfc(sqrt(half))
    for k in range(1, (df - 1) // 2 + 1):
        odd_factorial = lgamma(2 * k + 1) - k * log(2) - lgamma(k + 1)  # log(1 * 3 * ... * (2k - 1))
        total += exp(-half + 0.5 * log(2 * x / pi) + (k - 1) * log(x) - odd_factorial)
    return min(1.0, total)


def spearman(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Spearman's rank correlation of two raters' scores of the same items (average ranks for ties).

    None when undefined: fewer than 3 items, or one rater gave every item the same score."""
    if len(a) != len(b) or len(a) < 3:
        return None
    ra, rb = average_ranks(a), average_ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=False))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    return cov / sqrt(va * vb) if va > 0 and vb > 0 else None


def jaccard(a: set[str], b: set[str]) -> float | None:
    """|A ∩ B| / |A ∪ B|: 1 = the same picks, 0 = nothing in common; None when both are empty."""
    union = a | b
    return len(a & b) / len(union) if union else None
