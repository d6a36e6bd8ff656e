"""Fit card text into fixed boxes: bundled fonts, glyph checks, hyphenating word wrap, shrink-to-fit.

All sizes are in points. Nothing is ever clipped: text either fits its box or `fit_text` raises
`TextOverflow` with numbers the caller can turn into an error naming the card and field.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import pyphen
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cardengine.i18n import tr

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"  # shared with the report's charts
FONT_FILES = {
    "CardSans": "DejaVuSansCondensed.ttf",
    "CardSans-Bold": "DejaVuSansCondensed-Bold.ttf",
    "CardSans-Italic": "DejaVuSansCondensed-Oblique.ttf",
}
HYPHENATION_DICTS = {"it": "it_IT", "en": "en_GB"}

# Sums of float glyph widths differ from stringWidth's own sum in the last bits; a millionth of a
# point is invisible but stops an exact fit from being rejected.
_EPS = 1e-6
# Split words on ASCII spaces and tabs only, so no-break spaces ("10\u00a0km") keep words together; nor
# before a degree, percent or per-mille sign, which must not start a line apart from its number ("70 °C").
_SPACES = re.compile(r"[ \t]+(?![°%\u2030])")
_LETTERS = re.compile(r"[^\W\d_]+")
# A word may break after a hyphen or dash it already has, without adding another.
_BREAK_AFTER = frozenset("-\u2010\u2013/")
# Letter runs longer than any word are not hyphenated (they break between characters): pyphen takes
# seconds over thousands of letters.
_LONGEST_WORD = 100
# Addresses must not gain hyphens that look like part of them; they break only at "/" or between characters.
_ADDRESS = re.compile(r"://|@|www\.")


def register_fonts() -> None:
    """Register the bundled TTFs with reportlab (idempotent); reportlab embeds them as subsets."""
    from cardengine.printing.fontsubset import PrefixedTTFont  # each embedded subset gets its own name prefix

    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(PrefixedTTFont(name, str(FONT_DIR / filename)))


def missing_glyphs(text: str, font_name: str) -> list[str]:
    """Characters of `text` the font has no glyph for (reportlab would draw an empty box), first-seen order."""
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        raise TypeError(f"{font_name!r} is not a TrueType font")
    cmap = font.face.charToGlyph
    return [c for c in dict.fromkeys(text) if c not in " \t\r\n" and not cmap.get(ord(c))]


@dataclass(frozen=True)
class Fit:
    """Text fitted into a box: font size, line distance (pt), the lines, and their total height (pt)."""

    size: float
    leading: float
    lines: tuple[str, ...]
    height: float


F = TypeVar("F", bound=Fit)  # a fit of plain text, or of marked-up lines (markup.LinesFit)


class TextOverflow(Exception):
    """The text does not fit its box even at the smallest allowed size."""

    def __init__(self, needed: float, available: float, size: float):
        super().__init__(needed, available, size)  # keeps the exception picklable for worker processes
        self.needed, self.available, self.size = needed, available, size

    @property
    def message(self) -> str:
        if self.available > 0:
            excess = tr("{share}% too much text").format(share=f"{(self.needed / self.available - 1) * 100:.0f}")
        else:
            excess = tr("no room at all")
        return tr("needs {needed} pt of height at {size} pt, the box has {height} pt ({excess})").format(
            needed=f"{self.needed:.1f}", size=f"{self.size:g}", height=f"{self.available:.1f}", excess=excess)

    def __str__(self) -> str:
        return self.message


@lru_cache(maxsize=65536)
def _em(word: str, font_name: str) -> float:
    """Width at 1 pt; widths scale linearly with size, so one measurement serves every size."""
    return pdfmetrics.stringWidth(word, font_name, 1.0)


@lru_cache(maxsize=4096)
def _paragraphs(text: str, font_name: str) -> tuple[tuple[tuple[str, float], ...], ...]:
    """Words of each paragraph with their 1 pt widths. Outer blank lines are dropped: they only waste height."""
    # A lone carriage return (old Mac line ends, some spreadsheets' cells) is a line break too, not a box.
    paragraphs = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n") if text.strip() else []
    return tuple(tuple((w, _em(w, font_name)) for w in _SPACES.split(p) if w) for p in paragraphs)


@lru_cache(maxsize=16)
def _hyphenator(lang: str) -> pyphen.Pyphen | None:
    dictionary = HYPHENATION_DICTS.get(lang)
    return pyphen.Pyphen(lang=dictionary) if dictionary else None


@lru_cache(maxsize=8192)
def _breakpoints(word: str, lang: str) -> tuple[tuple[int, bool], ...]:
    """(index, add a hyphen?) for every place the word may break: after its own hyphens first (a compound
    reads best split where it is already split), then pyphen's points; each group last first."""
    own = [i + 1 for i, c in enumerate(word[:-1]) if c in _BREAK_AFTER and i > 0]
    hyphenator = _hyphenator(lang)
    added: set[int] = set()
    if hyphenator and not _ADDRESS.search(word):
        # Hyphenate each run of letters alone, so punctuation, apostrophes and hyphens don't confuse pyphen.
        for run in _LETTERS.finditer(word):
            if run.end() - run.start() <= _LONGEST_WORD:
                added.update(run.start() + pos for pos in hyphenator.positions(run.group()))
    return tuple([(i, False) for i in reversed(own)] + [(i, True) for i in sorted(added - set(own), reverse=True)])


@lru_cache(maxsize=8192)
def _breakpoint_groups(word: str, lang: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """_breakpoints as two ascending lists: after the word's own hyphens, and pyphen's points."""
    points = _breakpoints(word, lang)
    return (tuple(sorted(i for i, hyphen in points if not hyphen)), tuple(sorted(i for i, hyphen in points if hyphen)))


def _fit_end(word: str, start: int, room: float, font_name: str, size: float) -> int:
    """The largest index such that word[start:index] fits `room` as _em measures it (start when nothing does).

    Glyph by glyph, so a long word costs the length of one line, not the length of the word, per line;
    the float sum may differ from _em's in the last bits, so the boundary is settled with _em itself."""
    limit = (room + _EPS) / size
    total, index = 0.0, start
    while index < len(word):
        total += _em(word[index], font_name)
        if total > limit:
            break
        index += 1

    def fits(end: int) -> bool:
        return _em(word[start:end], font_name) * size <= room + _EPS

    while index < len(word) and fits(index + 1):
        index += 1
    while index > start and not fits(index):
        index -= 1
    return index


def _split_word(word: str, start: int, room: float, font_name: str, size: float, lang: str,
                char_break: bool) -> tuple[str, int] | None:
    """A head of word[start:] that fits in `room` and where the rest starts: at the last hyphenation point
    that fits, else (if allowed) between characters. None when nothing fits. Breakpoints come from the
    whole word so the rest of an address is still known to be one."""
    end = _fit_end(word, start, room, font_name, size)  # no break beyond it can fit, hyphen or not
    for group, hyphen in zip(_breakpoint_groups(word, lang), ("", "-"), strict=False):
        k = bisect.bisect_right(group, end) - 1
        while k >= 0 and group[k] > start:
            head = word[start:group[k]] + hyphen
            if _em(head, font_name) * size <= room + _EPS:
                return head, group[k]
            k -= 1
    if char_break:
        # Last resort for words without usable hyphenation points (codes, URLs): no hyphen added,
        # since one could change the meaning of such a token.
        end = min(end, len(word) - 1)
        if end > start:
            return word[start:end], end
    return None


def _wrap(text: str, font_name: str, size: float, width: float, lang: str) -> tuple[str, ...]:
    if size <= 0 or width <= 0:
        raise ValueError(f"font size and width must be positive, got size {size} and width {width}")
    space = _em(" ", font_name) * size
    lines: list[str] = []
    for paragraph in _paragraphs(text, font_name):
        line: list[str] = []
        used = 0.0  # width of `line` in points
        for word, em in paragraph:
            w = em * size
            if line and used + space + w <= width + _EPS:
                line.append(word)
                used += space + w
                continue
            if not line and w <= width + _EPS:
                line, used = [word], w
                continue
            if w <= width + _EPS:  # fits on a line of its own: plain greedy wrap
                lines.append(" ".join(line))
                line, used = [word], w
                continue
            # Wider than the box: hyphenate, filling the current line first if a piece fits there.
            start = 0
            if line:
                split = _split_word(word, 0, width - used - space, font_name, size, lang, char_break=False)
                if split:
                    line.append(split[0])
                    start = split[1]
                lines.append(" ".join(line))
            while _fit_end(word, start, width, font_name, size) < len(word):
                split = _split_word(word, start, width, font_name, size, lang, char_break=True)
                if split is None:
                    raise ValueError(tr("a box {width} pt wide is narrower than {letter} at {size} pt").format(
                        width=f"{width:g}", letter=repr(word[start]), size=f"{size:g}"))
                lines.append(split[0])
                start = split[1]
            line, used = [word[start:]], _em(word[start:], font_name) * size
        lines.append(" ".join(line))
    return tuple(lines)


@lru_cache(maxsize=4096)
def _wrap_cached(text: str, font_name: str, size: float, width: float, lang: str) -> tuple[str, ...]:
    return _wrap(text, font_name, size, width, lang)


def wrap(text: str, font_name: str, size: float, width: float, lang: str) -> list[str]:
    """Greedy word wrap measured with stringWidth; "\\n" starts a new line; over-wide words are hyphenated
    (pyphen, by `lang`), or broken between characters when no hyphenation point fits.

    Raises ValueError when the box is narrower than a single character."""
    return list(_wrap_cached(text, font_name, size, width, lang))


def _sizes(max_size: float, min_size: float, step: float) -> list[float]:
    """The size grid from max_size down in `step`s, ending at min_size."""
    count = math.floor((max_size - min_size) / step + 1e-9)
    sizes = [round(max_size - k * step, 6) for k in range(count + 1)]
    if sizes[-1] > min_size + 1e-9:
        sizes.append(min_size)
    return sizes


@lru_cache(maxsize=8192)
def _fit(text: str, font_name: str, width: float, height: float, max_size: float, min_size: float,
         leading: float, lang: str, step: float) -> Fit | TextOverflow:
    sizes = _sizes(max_size, min_size, step)

    def attempt(i: int) -> Fit | None:
        try:
            lines = _wrap(text, font_name, sizes[i], width, lang)
        except ValueError:
            if i == len(sizes) - 1:
                raise
            return None  # box narrower than a glyph at this size; a smaller size may do
        fit = Fit(sizes[i], sizes[i] * leading, lines, len(lines) * sizes[i] * leading)
        return fit if fit.height <= height + _EPS else None

    return largest_fit(len(sizes), attempt,
                       lambda: TextOverflow(len(_wrap(text, font_name, min_size, width, lang)) * min_size * leading,
                                            height, min_size))


def largest_fit(count: int, attempt: Callable[[int], F | None], overflow: Callable[[], TextOverflow]
                ) -> F | TextOverflow:
    """The fit at the first index of a size grid (largest first, `count` sizes) at which `attempt` fits, or
    `overflow()` when even the last does not. `attempt(i)` may raise only for the last index."""
    best = attempt(0)
    if best is not None:
        return best
    last = count - 1
    best = attempt(last) if last else None
    if best is None:
        return overflow()
    # Binary search: index lo is known not to fit, hi to fit, so the answer is one step below a miss.
    lo, hi = 0, last
    while hi - lo > 1:
        mid = (lo + hi) // 2
        fit = attempt(mid)
        if fit is not None:
            hi, best = mid, fit
        else:
            lo = mid
    return best


def check_fit_parameters(max_size: float, min_size: float, leading: float, height: float, step: float) -> None:
    if not 0 < min_size <= max_size or step <= 0 or leading <= 0 or height < 0:
        raise ValueError(f"bad fit parameters: sizes {min_size}..{max_size}, step {step}, "
                         f"leading {leading}, height {height}")


def fit_text(text: str, font_name: str, width: float, height: float, max_size: float, min_size: float,
             leading: float = 1.2, lang: str = "en", step: float = 0.25) -> Fit:
    """The largest size on the grid max_size, max_size - step, ..., min_size at which the wrapped text
    (lines * size * leading) fits `height`. Raises TextOverflow when even min_size is too big."""
    check_fit_parameters(max_size, min_size, leading, height, step)
    result = _fit(text, font_name, float(width), float(height), float(max_size), float(min_size),
                  float(leading), lang, float(step))
    if isinstance(result, TextOverflow):
        raise TextOverflow(result.needed, result.available, result.size)  # fresh: cached ones keep tracebacks
    return result
