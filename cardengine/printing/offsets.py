"""`--back-offset X,Y`: how far a duplex printer puts the backs from the fronts, read and checked."""

from __future__ import annotations

import math

from cardengine.i18n import tr

MAX_BACK_OFFSET = 20.0  # mm: duplex printers are off by a few mm; more would move the backs off the cards


def parse_offset(text: str, limit: float = MAX_BACK_OFFSET) -> tuple[float, float] | str:
    """'0.5,-1' -> (0.5, -1.0); a usage message for anything else (not two numbers, nan, inf, too far)."""
    usage = tr("--back-offset takes X,Y in mm, each from -{limit:g} to {limit:g}, e.g. --back-offset 0.5,-1").format(
        limit=limit)
    parts = text.split(",")
    if len(parts) != 2:
        return usage
    try:
        dx, dy = float(parts[0]), float(parts[1])
    except ValueError:
        return usage
    if not all(math.isfinite(v) and abs(v) <= limit for v in (dx, dy)):
        return tr("{usage} (got {text})").format(usage=usage, text=text)
    return dx, dy
