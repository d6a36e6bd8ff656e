"""The sides laid out once per card: always the front, and the details side when the layout has one.

A details side is printed as that card's own back (in place of the deck's common back), so duplex printing
lines it up behind its front exactly as the common back is today. Kept here so the laying out loop, the
printer and the preview agree on which side is which.
"""

from __future__ import annotations

from cardengine.printing.layout import Box, Layout

FRONT, DETAILS = "front", "details"


def per_card_sides(layout: Layout) -> tuple[tuple[str, tuple[Box, ...]], ...]:
    """(side name, boxes) for every side laid out for each card, front first."""
    if layout.details:
        return ((FRONT, layout.front), (DETAILS, layout.details))
    return ((FRONT, layout.front),)
