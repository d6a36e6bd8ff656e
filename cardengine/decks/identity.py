"""A deck's look as a product: text colours chosen by contrast with what is under them, the domain's icon and
pattern, the logo on the back, and the designed stand-in for a missing photo.

Pure: turns boxes of the new kinds (pattern, icon, logo; an image box without an image) into drawing ops in card
millimetres. Where things go stays in the layout's boxes; the proportions inside a stand-in are the only
geometry here, as for the SDG badges.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cardengine.contrast import INK, WHITE, ink_on, mix, needed, ratio, readable
from cardengine.decks.patterns import PatternOp, pattern_for
from cardengine.i18n import tr

# Layout colour names the engine may shade for contrast; "#RRGGBB", white and black are the designer's fixed
# choice: kept as written, with a warning when they read poorly.
AUTO_COLOURS = ("on-domain", "ink", "domain", "domain-tint", "none")  # none: a text box's default ink
PATTERN_STRENGTH = 0.35  # how far the pattern's ink moves from its fill towards the readable ink
PATTERN_PERIOD = 2.4  # mm between repeats: visible at arm's length, fine enough for a 3 mm strip


@dataclass
class Painted:
    """What has been painted on one card side so far, to know the fill under each text."""

    fills: list[tuple[float, float, float, float, str]] = field(default_factory=list)

    def add(self, x: float, y: float, w: float, h: float, fill: str | None) -> None:
        if fill:
            self.fills.append((x, y, w, h, fill))

    def under(self, x: float, y: float, w: float, h: float) -> str:
        """The topmost fill that covers the whole area, else the paper's white."""
        eps = 0.05
        for fx, fy, fw, fh, fill in reversed(self.fills):
            if fx - eps <= x and fy - eps <= y and x + w <= fx + fw + eps and y + h <= fy + fh + eps:
                return fill
        return WHITE


def text_colour(name: str, resolved: str, fill: str, size_pt: float, bold: bool) -> str:
    """The ink for a text box: named colours are chosen by contrast against `fill`; fixed ones kept."""
    if not fill.startswith("#"):
        return resolved  # on a photo: no single colour to measure against
    if name == "on-domain":
        return ink_on(fill)
    if name in AUTO_COLOURS:
        return readable(resolved, fill, size_pt, bold)
    return resolved


def weak_contrast(name: str, resolved: str, fill: str, size_pt: float, bold: bool) -> str | None:
    """A warning for a fixed text colour that does not reach the WCAG ratio on its fill, else None."""
    if name in AUTO_COLOURS or not fill.startswith("#"):
        return None
    have, want = ratio(resolved, fill), needed(size_pt, bold)
    if have >= want:
        return None
    return tr("text colour {name} on {fill} has contrast {have}:1, below {want}:1 (WCAG AA); use colour: on-domain "
              "or ink to let the engine choose, or a colour such as {suggested}").format(
                  name=name, fill=fill, have=f"{have:.2f}", want=f"{want:g}", suggested=ink_on(fill))


def icon_for(icon: str | None, name: str) -> str:
    """The deck's icon, else the first letter of its name: every deck gets a mark."""
    return icon or (name.strip()[:1].upper() or "?")


def icon_problem(icon: str) -> tuple[str, str] | None:
    """What stops `icon` being a deck's mark (problem, fix), or None. Glyphs are checked at layout time."""
    shown = icon.encode("unicode_escape").decode()
    if any(unicodedata.category(ch).startswith(("Z", "C")) for ch in icon):
        return (tr("icon '{icon}' is a space or control character").format(icon=shown),
                tr('give one visible symbol, e.g. icon: "⚡"'))
    return None


def pattern_ops(x: float, y: float, w: float, h: float, fill: str, domain: str, chosen: str | None,
                ) -> list[PatternOp]:
    """The deck's pattern over a box already filled with `fill`: ink a step towards what reads on it."""
    colour = mix(fill, ink_on(fill), PATTERN_STRENGTH)
    return [PatternOp(x, y, w, h, pattern_for(domain, chosen), colour, PATTERN_PERIOD)]


def fallback_parts(x: float, y: float, w: float, h: float) -> dict[str, tuple[float, float, float, float]]:
    """Where the stand-in for a missing photo puts its plate, icon and card id, inside the image box."""
    plate_h = min(h * 0.8, 18.0)
    plate_w = min(w * 0.6, plate_h * 2.2)
    px, py = x + (w - plate_w) / 2, y + (h - plate_h) / 2
    return {"plate": (px, py, plate_w, plate_h),
            "icon": (px, py + plate_h * 0.08, plate_w, plate_h * 0.55),
            "id": (px, py + plate_h * 0.62, plate_w, plate_h * 0.3)}


def logo_rect(x: float, y: float, w: float, h: float, size: tuple[int, int]) -> tuple[float, float, float, float]:
    """The logo contained in the box (never cropped, never stretched), centred."""
    iw, ih = size
    scale = min(w / max(iw, 1), h / max(ih, 1))
    lw, lh = iw * scale, ih * scale
    return x + (w - lw) / 2, y + (h - lh) / 2, lw, lh


def logo_size(path: Path | None) -> tuple[int, int] | None:
    """The logo's pixel size from its header, or None when there is no readable logo (validation said why)."""
    if path is None:
        return None
    from cardengine.decks.images import ImageProblem, _identify

    try:
        img = _identify(path, str(path))
    except (ImageProblem, OSError):
        return None
    with img:
        return img.size


__all__ = [
    "INK",
    "Painted",
    "fallback_parts",
    "icon_for",
    "logo_rect",
    "logo_size",
    "pattern_ops",
    "text_colour",
    "weak_contrast",
]
