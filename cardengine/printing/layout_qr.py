"""What a QR box must be for a phone to read it from a printed card: the code at least 12 mm across, with its
4-module quiet zone drawn inside the box, and the whole box (quiet zone included) inside the safe area.

The box holds the quiet zone, so the code itself is the box's side times modules / (modules + 2 * QUIET).
The shortest card ids make the smallest code (version 1, 21 modules): the worst case, checked here once per
box without knowing the ids.
"""

from __future__ import annotations

from cardengine.i18n import tr

QUIET = 4  # modules of white around the code: ISO/IEC 18004 asks for 4
SMALLEST_CODE = 21  # modules across a version 1 code
MIN_CODE_MM = 12.0  # a phone camera reads a code this size from a card held at arm's length
MIN_BOX_MM = MIN_CODE_MM * (SMALLEST_CODE + 2 * QUIET) / SMALLEST_CODE  # 16.57 mm


def qr_box_problems(x: float, y: float, w: float, h: float, width: float, height: float,
                    safe: float) -> list[tuple[str, str, str]]:
    """(field, message, hint) for each way a QR box at x, y (w x h mm) on a width x height card fails."""
    out: list[tuple[str, str, str]] = []
    side = min(w, h)
    if side < MIN_BOX_MM - 1e-9:
        code = side * SMALLEST_CODE / (SMALLEST_CODE + 2 * QUIET)
        field = "w" if w <= h else "h"
        out.append((field, tr("the QR code would be {size} mm across inside its {quiet}-module quiet zone; a phone "
                              "needs at least {least} mm").format(size=f"{code:.1f}", quiet=QUIET,
                                                                  least=f"{MIN_CODE_MM:g}"),
                    tr("make w and h at least {least} mm (the box holds the quiet zone)").format(
                        least=f"{MIN_BOX_MM:.1f}")))
    # The drawn square (code and quiet zone) is centred in the box.
    left, top = x + (w - side) / 2, y + (h - side) / 2
    for field, start, end, whole in (("x", left, left + side, width), ("y", top, top + side, height)):
        if start < safe - 1e-9 or end > whole - safe + 1e-9:
            bounds = {"safe": f"{safe:g}", "inner": f"{whole - safe:g}"}
            out.append((field, tr("the QR code and its quiet zone run from {start} to {end} mm, outside the safe area "
                                  "({safe} to {inner} mm): a cutting error would clip it").format(
                                      start=f"{start:g}", end=f"{end:g}", **bounds),
                        tr("move or shrink the box so it stays between {safe} and {inner} mm").format(**bounds)))
    return out
