"""What the table screen's panels say, as pure functions of the workshop state (no widgets, easy to test).

Counting a table's picks, finding a target's first unscored criterion, and laying out a criterion's question,
levels and direction for a panel of a given size.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.text import Text as RichText

from cardengine.decks import CriteriaSet, Criterion, Direction
from cardengine.sessions import TableState

from .i18n import deck_text, singular, t

# The picks table's first column, as refresh_picks draws it; legend() explains them.
MARKS = {"selected": "·", "favourite": "★", "discarded": "✗", "proposal": "P"}
MARKED = "▶"


def plural(n: int, key: str, lang: str) -> str:
    """`1 scelta`, `2 scelte`: the string `key_one` or `key_many` of i18n with the number in it (0 too in French)."""
    return t(f"{key}_{'one' if singular(n, lang) else 'many'}", lang, n=str(n))


def scored_criteria(table: TableState, target: str) -> set[str]:
    """The criteria that have a value or an explicit "not assessed" for `target`, by consensus or anyone."""
    return {crit for (tgt, crit, _by) in table.scores if tgt == target}


def first_unscored(table: TableState, target: str, criteria: CriteriaSet) -> int:
    """Index of the first criterion nobody has scored for `target` yet; 0 when every one is scored."""
    done = scored_criteria(table, target)
    return next((i for i, c in enumerate(criteria.criteria) if c.id not in done), 0)


@dataclass(frozen=True)
class Counts:
    picks: int  # cards picked and not discarded, and proposals: what the ranking orders
    scored: int  # of those, scored on every criterion
    discarded: int

    @property
    def unscored(self) -> int:
        return self.picks - self.scored


def count_picks(table: TableState, criteria: CriteriaSet) -> Counts:
    targets = [card for card, pick in table.picks.items() if pick.kind != "discarded"] + list(table.proposals)
    done: dict[str, set[str]] = {}
    for (target, crit, _by) in table.scores:
        done.setdefault(target, set()).add(crit)
    every = {c.id for c in criteria.criteria}
    scored = sum(1 for target in targets if every <= done.get(target, set()))
    discarded = sum(1 for pick in table.picks.values() if pick.kind == "discarded")
    return Counts(len(targets), scored, discarded)


def counts_lines(counts: Counts, lang: str) -> tuple[str, str]:
    """What the picks table's border says: above, how many picks (and discards); below, how many scored."""
    picks = plural(counts.picks, "n_picks", lang)
    if counts.discarded:
        picks += " · " + plural(counts.discarded, "n_discarded", lang)
    return picks, f"{plural(counts.scored, 'n_scored', lang)} · {t('n_unscored', lang, n=str(counts.unscored))}"


def legend(lang: str) -> list[str]:
    """One line per glyph and column of the picks table, for the help (same layout as its key lines)."""
    return [f"{glyph:<8} {t(key, lang)}" for glyph, key in (
        (MARKS["selected"], "legend_selected"), (MARKS["favourite"], "legend_favourite"),
        (MARKS["discarded"], "legend_discarded"), (MARKED, "legend_marked"), (MARKS["proposal"], "legend_proposal"),
        ("%", "legend_score"), ("#", "legend_rank"))]


def legend_line(lang: str) -> str:
    """The glyphs in one line, for the hint under the panels."""
    return "  ".join(f"{glyph} {t(key, lang)}" for glyph, key in (
        (MARKS["selected"], "kind_selected"), (MARKS["favourite"], "kind_favourite"),
        (MARKS["discarded"], "kind_discarded"), (MARKED, "legend_marked_short"),
        (MARKS["proposal"], "kind_proposal")))


def value_text(value: float | None) -> str:
    """A criterion's value as the table shows it: a level, a participants' mean to one decimal, or a dash."""
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def direction_text(criterion: Criterion, lang: str) -> str:
    lower = criterion.direction is Direction.LOWER_IS_BETTER
    best, worst = (criterion.lowest, criterion.highest) if lower else (criterion.highest, criterion.lowest)
    return t("direction_lower" if lower else "direction_higher", lang, best=str(best), worst=str(worst))


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width, subsequent_indent=indent, break_on_hyphens=False) or [""]


def _pack(items: list[str], width: int, gap: int = 2) -> list[list[int]]:
    """Indexes of `items` in lines no wider than `width` (an item wider than a line has a line of its own)."""
    lines: list[list[int]] = [[]]
    used = 0
    for i, item in enumerate(items):
        need = len(item) + (gap if lines[-1] else 0)
        if lines[-1] and used + need > width:
            lines.append([])
            used, need = 0, len(item)
        lines[-1].append(i)
        used += need
    return lines


def criterion_lines(criterion: Criterion, value: float | None, lang: str, width: int,
                    height: int) -> RichText:
    """The criterion's question, its levels by name (with their meanings when there is room) and which end
    is best, wrapped to `width`, in the roomiest layout that fits `height` lines. The level the target has
    is shown reversed."""
    width = max(width, 10)
    question = [RichText(line) for line in _wrap(deck_text(criterion.question, lang), width)]
    lower = criterion.direction is Direction.LOWER_IS_BETTER
    direction = [RichText(line, style="bold yellow" if lower else "italic")
                 for line in _wrap(direction_text(criterion, lang), width)]
    names = [f"{lv.value} {deck_text(lv.label, lang)}" for lv in criterion.scale]
    styles = ["reverse" if value is not None and lv.value == value else "bold" for lv in criterion.scale]

    # Roomiest first: the criterion's name, then each level with its meaning.
    roomy = [RichText(deck_text(criterion.label, lang), style="bold underline"), *question]
    for name, level, style in zip(names, criterion.scale, styles, strict=False):
        lines = _wrap(t("level_meaning", lang, level=name, meaning=deck_text(level.meaning, lang)), width, "   ")
        first = RichText(lines[0])
        first.stylize(style, 0, len(name))
        roomy += [first, *(RichText(line, style="dim") for line in lines[1:])]
    # Then a level a line; then the levels side by side.
    one_a_line = [*question, *(RichText(line, style=style) for name, style in zip(names, styles, strict=False)
                                for line in _wrap(name, width, "  "))]
    packed = list(question)
    for indexes in _pack(names, width):
        line = RichText()
        for k, i in enumerate(indexes):
            line.append("  " if k else "")
            line.append(names[i], style=styles[i])
        packed.append(line)
    for layout in ([*roomy, *direction], [*one_a_line, *direction]):
        if len(layout) <= height:
            return RichText("\n").join(layout)
    return RichText("\n").join([*packed, *direction])
