"""Line markup of text boxes (`markup: lines`): headings in bold and bullets with a hanging indent.

Only the template's own lines are markup, never card text. Before the template runs, each of its source
lines that starts with "# " (a heading) or "• " (a bullet) gets a marker that holds a random token made when
this module is imported; card text cannot know the token, so a card whose description starts with "# " or
"• " prints literally, and boxes without `markup: lines` never see a marker at all.

Fitting measures exactly what is drawn: headings wrapped in the bold face, bullet text wrapped in the width
left after the bullet, and the space before headings added to the height. The space shrinks (down to none)
before the font size does, so a tight card keeps the deck's size.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cardengine.i18n import tr
from cardengine.printing.textfit import (
    Fit,
    TextOverflow,
    _em,
    _sizes,
    _wrap_cached,
    check_fit_parameters,
    fit_text,
    largest_fit,
)

MARKUP = ("none", "lines")
BULLET = "• "
_TOKEN = secrets.token_hex(8)
# Private-use characters around the token (not control characters: Python's strip() eats \x1c-\x1f as
# whitespace, which would drop the marker of a template's first line). A template's "# " line renders to
# HEAD + the rest of the line.
HEAD = f"\ue000{_TOKEN}h\ue001"
ITEM = f"\ue000{_TOKEN}b\ue001"
_SOURCE_MARK = re.compile(r"^([ \t]*)(# |• )", re.MULTILINE)
_EPS = 1e-6


@lru_cache(maxsize=256)
def template_source(template: str, markup: str) -> str:
    """The source to render for a box: its template, with markup lines marked when the box asks for it."""
    if markup != "lines":
        return template
    return _SOURCE_MARK.sub(lambda m: m.group(1) + (HEAD if m.group(2) == "# " else ITEM), template)


def visible(text: str) -> str:
    """The rendered text as printed, markers replaced: for glyph checks and quick length estimates."""
    return text.replace(HEAD, "").replace(ITEM, BULLET)


@dataclass(frozen=True)
class LinesFit(Fit):
    """A Fit whose lines differ: each line's font, left indent (pt) and space above it (pt)."""

    fonts: tuple[str, ...] = ()
    indents: tuple[float, ...] = ()
    gaps: tuple[float, ...] = ()


def _items(text: str) -> tuple[tuple[str, str], ...]:
    """(kind, text) for each rendered line: heading, bullet or plain (card text, whatever it starts with)."""
    found = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n"):
        stripped = line.lstrip(" \t")
        if stripped.startswith(HEAD):
            found.append(("heading", stripped[len(HEAD):].strip()))
        elif stripped.startswith(ITEM):
            found.append(("bullet", stripped[len(ITEM):].strip()))
        else:
            found.append(("plain", line.strip()))
    return tuple(found)


def _set(items: tuple[tuple[str, str], ...], font: str, bold: str, size: float, width: float, lang: str
         ) -> tuple[list[str], list[str], list[float], list[bool]]:
    """Lines, their fonts, indents (pt) and whether a heading starts there, at one size."""
    lines: list[str] = []
    fonts: list[str] = []
    indents: list[float] = []
    heads: list[bool] = []
    indent = _em(BULLET, font) * size  # the text after the bullet starts here, on every line of the item
    for kind, text in items:
        face = bold if kind == "heading" else font
        if kind == "bullet":
            try:
                wrapped = _wrap_cached(text, font, size, width - indent, lang) or ("",)
            except ValueError:  # say which width: the room after the bullet, not the box's
                raise ValueError(tr("a box {width} pt wide leaves {left} pt after the bullet at {size} pt, too "
                                    "narrow for a letter").format(width=f"{width:.1f}",
                                                                  left=f"{max(width - indent, 0):.1f}",
                                                                  size=f"{size:g}")) from None
            lines += [BULLET + wrapped[0], *wrapped[1:]]
            indents += [0.0] + [indent] * (len(wrapped) - 1)
        else:
            wrapped = _wrap_cached(text, face, size, width, lang) or ("",)  # a blank line stays a blank line
            lines += wrapped
            indents += [0.0] * len(wrapped)
        fonts += [face] * len(wrapped)
        heads += [kind == "heading" and bool(lines[:-len(wrapped)])] + [False] * (len(wrapped) - 1)
    return lines, fonts, indents, heads


@lru_cache(maxsize=8192)
def _fit_lines(text: str, font: str, bold: str, width: float, height: float, max_size: float, min_size: float,
               leading: float, lang: str, step: float, space: float) -> LinesFit | TextOverflow:
    items = _items(text)
    sizes = _sizes(max_size, min_size, step)

    def attempt(size: float, last: bool) -> LinesFit | None:
        try:
            lines, fonts, indents, heads = _set(items, font, bold, size, width, lang)
        except ValueError:
            if last:
                raise
            return None  # box narrower than a glyph at this size; a smaller size may do
        base = len(lines) * size * leading
        if base > height + _EPS:
            return None
        count = sum(heads)
        # Space before headings if the fit allows, less (down to none) on a card that needs the room.
        gap = min(space * size * leading, (height - base) / count) if count else 0.0
        gaps = tuple(gap if h else 0.0 for h in heads)
        return LinesFit(size, size * leading, tuple(lines), base + gap * count,
                        tuple(fonts), tuple(indents), gaps)

    return largest_fit(len(sizes), lambda i: attempt(sizes[i], i == len(sizes) - 1),
                       lambda: TextOverflow(len(_set(items, font, bold, min_size, width, lang)[0]) * min_size
                                            * leading, height, min_size))


def fit_box_text(text: str, font: str, bold: str, width: float, height: float, max_size: float,
                 min_size: float, leading: float, lang: str, markup: str = "none", space: float = 0.0,
                 step: float = 0.25) -> Fit:
    """fit_text for a box: plain text as textfit fits it, or, under `markup: lines`, text with headings and
    bullets. Raises TextOverflow / ValueError as fit_text does."""
    if markup != "lines":
        return fit_text(text, font, width, height, max_size, min_size, leading=leading, lang=lang, step=step)
    check_fit_parameters(max_size, min_size, leading, height, step)
    result = _fit_lines(text, font, bold, float(width), float(height), float(max_size), float(min_size),
                        float(leading), lang, float(step), float(space))
    if isinstance(result, TextOverflow):
        raise TextOverflow(result.needed, result.available, result.size)  # fresh: cached ones keep tracebacks
    return result


def line_styles(fit: Fit) -> dict[str, tuple]:
    """The TextOp fields for a fit's per-line fonts, indents (pt) and gaps (pt); none for plain text."""
    if isinstance(fit, LinesFit):
        return {"fonts": fit.fonts, "indents": fit.indents, "gaps": fit.gaps}
    return {}
