"""Checks of numeric command-line options: finite and within a range that makes sense, or a usage message.

argparse converts `nan`, `inf` and `1e999` to floats without complaint; every float and int option passes
through here before it reaches a renderer (reportlab cannot write inf, and NaN compares false everywhere).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from cardengine.i18n import is_language_code, tr

DPI_RANGE = (30, 1200)  # card pictures: below 30 nothing is legible, above 1200 a card is 60 M pixels
SHEET_DPI_RANGE = (30, 600)  # a sheet at 600 dpi is already 100 MB of pixels
BLEED_RANGE = (0.0, 10.0)
MAX_JOBS = 256
MAX_ROUND = 99
# A language as decks declare it: ISO 639 (it, fr, fur) with an optional region or script (pt-BR, sr-Latn).


def out_of_range(option: str, value: float, low: float, high: float, millimetres: bool = False) -> str | None:
    """A usage message when `value` is not a finite number from `low` to `high`; None when it is fine."""
    if math.isfinite(value) and low <= value <= high:
        return None
    if millimetres:
        return tr("{option} takes millimetres from {low:g} to {high:g}, not {value:g}").format(
            option=option, low=low, high=high, value=value)
    return tr("{option} takes from {low:g} to {high:g}, not {value:g}").format(option=option, low=low, high=high,
                                                                             value=value)


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse `type` for a whole number from `low` to `high` (argparse turns the refusal into exit 2)."""
    import argparse

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(tr("takes a whole number from {low} to {high}, not {text!r}").format(
                low=low, high=high, text=text[:20])) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(tr("takes a whole number from {low} to {high}, not {text}").format(
                low=low, high=high, text=text[:20]))
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


def language_code(text: str) -> str:
    """An argparse `type` for a language code (it, en, fr, pt-BR...): any language a deck may declare; the words
    missing in its catalogues show in English. argparse turns the refusal into exit 2."""
    import argparse

    if not is_language_code(text):
        raise argparse.ArgumentTypeError(tr("takes a language code such as it, en, fr or pt-BR, not {text!r}").format(
            text=text[:20]))
    return text


language_code.__name__ = "language code"  # argparse names the type in its messages
