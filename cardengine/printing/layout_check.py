"""Geometry of a layout checked before anything is drawn: every number finite, every box of a real size and
on the card, font sizes printable; each problem names the file and line where the value was written.

The schema bounds what it can alone (font sizes, stroke widths); the YAML reader refuses NaN and infinities
(which pass every JSON Schema minimum and maximum); what depends on the card (a box 80 mm wide on a 63 mm card)
is checked here, after a layout is merged with the ones it extends, so a value is judged against the card it
ends up on.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from cardengine.decks.yaml_source import Positions
from cardengine.i18n import tr, tr_later
from cardengine.printing.layout_qr import qr_box_problems
from cardengine.problems import FieldPath, Problem

# A box may run this far past the card's edge: the largest bleed a layout may have (schema: bleed <= 10).
OFF_CARD = 10.0
SMALLEST_PRINT = 6.0  # pt: print shops need text of at least 6 pt (schema: size and min_size >= 6)

# The lists of boxes a layout may have: the card's front, the deck's common back, each card's details side.
SIDES = ("front", "back", "details")

# Where a value was written: file, line, column and its field path in that file.
Origin = tuple[Path, int, int, FieldPath]
Origins = dict[tuple[str, ...], Origin]

# A box's size or place on the card, worded whole per direction so that a translator sees each sentence.
_SIZE_WORDS = {
    "wide": (tr_later("{box} is {value} mm wide"),
             tr_later("give {field} from 0.1 to {whole} mm (the card is {whole} mm wide)")),
    "high": (tr_later("{box} is {value} mm high"),
             tr_later("give {field} from 0.1 to {whole} mm (the card is {whole} mm high)")),
}
_OFF_WORDS = {"wide": tr_later("{box} starts at {pos} mm, off the card ({whole} mm wide)"),
              "high": tr_later("{box} starts at {pos} mm, off the card ({whole} mm high)")}
_BEYOND_WORDS = {"wide": tr_later("{box} reaches {end} mm, beyond the card ({whole} mm wide) and its bleed"),
                 "high": tr_later("{box} reaches {end} mm, beyond the card ({whole} mm high) and its bleed")}


def origins_of(data: dict[str, Any], path: Path, positions: Positions) -> Origins:
    """Where each setting and each box field of one layout file stands, keyed by (side, box name, field)."""
    out: Origins = {}

    def note(key: tuple[str, ...], at: FieldPath) -> None:
        out[key] = (path, *positions.of_value(at), at)

    for key, value in data.items():
        note((key,), (key,))
        if key == "size" and isinstance(value, dict):
            for sub in value:
                note(("size", sub), ("size", sub))
    for side in SIDES:
        for index, box in enumerate(data.get(side) or []):
            if isinstance(box, dict) and isinstance(box.get("name"), str):
                note((side, box["name"]), (side, index))
                for field in box:
                    note((side, box["name"], field), (side, index, field))
    return out


def _mm(value: Any, whole: float) -> float:
    """A length as the layout engine reads it ("50%" of the card, or mm); inf or NaN when absurd."""
    try:
        if isinstance(value, str) and value.endswith("%"):
            return float(value[:-1]) / 100 * whole
        return float(value)
    except (OverflowError, ValueError):
        return math.inf


def check_geometry(data: dict[str, Any], box_defaults: dict[str, Any], origins: Origins,
                   fallback: Path) -> list[Problem]:
    """Problems with the card size and every box of a merged layout (empty when all is well)."""
    problems: list[Problem] = []

    def at(*key: str) -> Origin:
        for end in range(len(key), 0, -1):
            if key[:end] in origins:
                return origins[key[:end]]
        return (fallback, 0, 0, key)

    def problem(key: tuple[str, ...], field: str, message: str, hint: str) -> None:
        file, line, col, path = at(*key, field)
        if path and path[-1] != field:
            path = (*path, field)
        problems.append(Problem(file, line, col, path, message, hint))

    size = data.get("size") or {}
    width, height = _mm(size.get("width", 63), 1), _mm(size.get("height", 88), 1)
    if not (math.isfinite(width) and math.isfinite(height)):
        return problems  # reported by the schema or the YAML reader already, with its line
    scale = _mm(data.get("font_scale", 1.0), 1)
    for side in SIDES:
        for raw in data.get(side, []):
            box = {**box_defaults, **raw}
            name = str(box.get("name"))
            key = (side, name)
            label = tr("box '{name}'").format(name=name)
            lengths = {f: _mm(box[f], width if f in ("x", "w") else height) for f in ("x", "y", "w", "h")}
            bad = [f for f, v in lengths.items() if not math.isfinite(v)]
            for f in bad:
                problem(key, f, tr("{box}: {value} is not a usable length").format(box=label, value=repr(box[f])),
                        tr("give millimetres (12.5) or a share of the card (\"50%\")"))
            if bad:
                continue
            x, y, w, h = lengths["x"], lengths["y"], lengths["w"], lengths["h"]
            for f, value, whole, across in (("w", w, width, "wide"), ("h", h, height, "high")):
                zero_ok = f == "h" and box.get("kind") == "line"  # a rule's thickness is its stroke
                if value < 0 or (value == 0 and not zero_ok):
                    wrong, fix = _SIZE_WORDS[across]
                    problem(key, f, tr(wrong).format(box=label, value=f"{value:g}"),
                            tr(fix).format(field=f, whole=f"{whole:g}"))
            for f, pos, length, whole, across in (("x", x, w, width, "wide"), ("y", y, h, height, "high")):
                if pos < -OFF_CARD or pos >= whole:
                    problem(key, f, tr(_OFF_WORDS[across]).format(box=label, pos=f"{pos:g}", whole=f"{whole:g}"),
                            tr("give {field} from {low} to {whole} mm").format(field=f, low=f"{-OFF_CARD:g}",
                                                                              whole=f"{whole:g}"))
                elif pos + length > whole + OFF_CARD:
                    size_field = "w" if f == "x" else "h"
                    problem(key, size_field, tr(_BEYOND_WORDS[across]).format(box=label, end=f"{pos + length:g}",
                                                                              whole=f"{whole:g}"),
                            tr("make {field} at most {most} mm").format(field=size_field,
                                                                        most=f"{whole + OFF_CARD - pos:g}"))
            if box.get("kind") == "qr":
                for f, message, hint in qr_box_problems(x, y, w, h, width, height, _mm(data.get("safe", 4.0), 1)):
                    problem(key, f, tr("{box}: {message}").format(box=label, message=message), hint)
            radius = _mm(box.get("radius", 0), 1)
            if radius > max(min(w, h), 0) / 2:
                problem(key, "radius", tr("{box}: a corner radius of {radius} mm is more than half the box's smaller "
                                          "side").format(box=label, radius=f"{radius:g}"),
                        tr("give a radius of at most {most} mm").format(most=f"{max(min(w, h), 0) / 2:g}"))
            if box.get("kind") == "text":
                font, smallest = _mm(box["size"], 1) * scale, max(SMALLEST_PRINT, _mm(box["min_size"], 1) * scale)
                if _mm(box["min_size"], 1) > _mm(box["size"], 1):
                    problem(key, "min_size", tr("{box}: min_size {least} pt is above its size {size} pt").format(
                        box=label, least=f"{box['min_size']:g}", size=f"{box['size']:g}"),
                            tr("make min_size at most {size}").format(size=f"{box['size']:g}"))
                elif font < smallest:
                    file, line, col, path = at("font_scale")
                    message = tr("font_scale {scale} makes {box} {size} pt, below the {least} pt print shops need")
                    hint = tr("make font_scale at least {scale} or the box's size at least {size}")
                    problems.append(Problem(file, line, col, path, message.format(
                        scale=f"{scale:g}", box=label, size=f"{font:g}", least=f"{SMALLEST_PRINT:g}"), hint.format(
                            scale=f"{smallest / _mm(box['size'], 1):.2g}", size=f"{smallest / scale:g}")))
    return problems
