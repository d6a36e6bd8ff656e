"""Checks of numeric command-line options: finite and within a range that makes sense, or a usage message.

argparse converts `nan`, `inf` and `1e999` to floats without complaint; every float and int option passes
through here before it reaches a renderer (reportlab cannot write inf, and NaN compares false everywhere).
"""

from __future__ import annotations

import math

MAX_BACK_OFFSET = 20.0  # mm: duplex printers are off by a few mm; more would move the backs off the cards
DPI_RANGE = (30, 1200)  # card pictures: below 30 nothing is legible, above 1200 a card is 60 M pixels
SHEET_DPI_RANGE = (30, 600)  # a sheet at 600 dpi is already 100 MB of pixels
BLEED_RANGE = (0.0, 10.0)
MAX_JOBS = 256
MAX_ROUND = 99


def out_of_range(option: str, value: float, low: float, high: float, unit: str = "") -> str | None:
    """A usage message when `value` is not a finite number from `low` to `high`; None when it is fine."""
    if math.isfinite(value) and low <= value <= high:
        return None
    return f"{option} takes {unit + ' ' if unit else ''}from {low:g} to {high:g}, not {value:g}"


def parse_offset(text: str, limit: float = MAX_BACK_OFFSET) -> tuple[float, float] | str:
    """'0.5,-1' -> (0.5, -1.0); a usage message for anything else (not two numbers, nan, inf, too far)."""
    usage = f"--back-offset takes X,Y in mm, each from -{limit:g} to {limit:g}, e.g. --back-offset 0.5,-1"
    parts = text.split(",")
    if len(parts) != 2:
        return usage
    try:
        dx, dy = float(parts[0]), float(parts[1])
    except ValueError:
        return usage
    if not all(math.isfinite(v) and abs(v) <= limit for v in (dx, dy)):
        return f"{usage} (got {text})"
    return dx, dy


def whole_number(low: int, high: int):
    """An argparse `type` for a whole number from `low` to `high` (argparse turns the refusal into exit 2)."""
    import argparse

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"takes a whole number from {low} to {high}, not {text[:20]!r}")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"takes a whole number from {low} to {high}, not {text[:20]}")
        return value

    convert.__name__ = "whole number"  # argparse names the type in its messages
    return convert


def attach_offsets(argv: list[str], options: tuple[str, ...] = ("--back-offset",)) -> list[str]:
    """['--back-offset', '-1.6,0.4'] -> ['--back-offset=-1.6,0.4']: argparse takes a value starting with '-'
    for an option (only plain negative numbers pass), so the offset calibrate reads would be refused."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        nxt = argv[i + 1] if i + 1 < len(argv) else None
        if argv[i] in options and isinstance(nxt, str) and nxt[:1] == "-" and nxt[1:2].isdigit():
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out
