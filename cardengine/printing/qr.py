"""QR codes of card ids, as rectangles ready to draw as one vector path (fast and sharp at any size)."""

from __future__ import annotations

from functools import lru_cache

import segno

from cardengine.printing.layout_qr import QUIET

# A code is about 11 KB of runs: an unbounded cache grew 12.6 MB per 1,000 cards. Each card's code is drawn
# where it is needed (its copies one after another, front pages then back pages), so a few hundred suffice.
CACHE_SIZE = 256


@lru_cache(maxsize=CACHE_SIZE)
def qr_runs(data: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(modules per side including the quiet zone, runs of dark modules as (row, first column, length))."""
    code = segno.make(data, error="m", micro=False)
    matrix = code.matrix
    border = QUIET  # the full quiet zone, inside the layout's box (layout_qr.py checks the box's size)
    size = len(matrix) + 2 * border
    runs = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((r + border, start + border, c - start))
            else:
                c += 1
    return size, tuple(runs)
