"""Build's decks one at a time: load a deck file, lay its cards out, draw them, drop them, then the next file.

Memory stays flat as decks grow (a 1,000-card file's model and laid-out cards are tens of MB): across decks only
what the cross-deck checks need is kept (card ids with file and line, deck ids, problem lines). Problems found
late (a load error in the last file) still leave nothing written: the caller draws into an `OutputSet`'s
temporary files and rolls them all back. `stream_decks` reports every problem build reported when it loaded
and laid out everything first: the load problems of every file, then the layout problems of every deck (the
remaining decks are laid out after a problem, but no longer drawn).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, TextIO, TypeVar

from cardengine.decks.model import Deck
from cardengine.gcpause import young_heap_only
from cardengine.i18n import ntr, tr
from cardengine.outputs import OutputError
from cardengine.printing.build import budget_spent, id_clash, lay_out_one, other_file
from cardengine.printing.compose import LaidDeck
from cardengine.printing.layout import Layout
from cardengine.problems import InputError, Problem, has_errors

if TYPE_CHECKING:
    from cardengine.printing.imposition import SheetPlan
    from cardengine.printing.pdfx import OutputProfile
    from cardengine.printing.render import PrintOptions

TaskT = TypeVar("TaskT")


@dataclass
class Outcome:
    """What a run met, in the order build reports it (the first that applies stops the build)."""

    load_problems: list[Problem] = field(default_factory=list)  # of every file, warnings too
    decks: int = 0  # distinct decks loaded
    clash: str | None = None  # two files with one deck id: their outputs would have one name
    layout_problems: list[Problem] | None = None  # the layout file's own, when it cannot be loaded
    lines: list[str] = field(default_factory=list)  # layout problems, FILE:LINE: as validate --layout says
    errors: int = 0  # layout errors among `lines`
    refusal: OutputError | None = None  # an output that must not be written (met before drawing it)

    @property
    def drawable(self) -> bool:
        """Nothing wrong so far: the next deck may be drawn."""
        return (not has_errors(self.load_problems) and self.clash is None and self.layout_problems is None
                and not self.errors and self.refusal is None)


def deck_inputs(deck: Deck) -> list[Path]:
    """The files a deck's cards print from (its file, card images, logo): never written over by the build."""
    paths = [deck.source, deck.logo_path(), *(deck.image_path(c) for c in deck.cards)]
    return [p for p in paths if p is not None]


def _between_decks() -> None:
    """Give back what the last deck used before the next file is read. The caches keyed by a whole text (fitted,
    wrapped, parsed) are emptied: one deck's texts seldom serve the next, and filled to their bounds they hold
    tens of MB (the caches of words and font metrics stay). Then the freed heap goes back to the system, so the
    next file's reading reuses it rather than growing the process."""
    import gc

    from cardengine.decks import card_ids
    from cardengine.printing import markup, textfit

    for cached in (textfit._paragraphs, textfit._wrap_cached, textfit._fit, markup._fit_lines,
                   card_ids._cached_tokens):
        cached.cache_clear()
    gc.collect()  # a laid-out deck's cycles (reportlab's canvas and its pages) go now, not at some later pass
    _trim_heap()


def _trim_heap() -> None:
    """glibc keeps freed memory for reuse within the process; malloc_trim hands it back (Linux only)."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # the process's own C library
    except OSError:
        return
    if trim is not None:
        trim(0)


def stream_decks(paths: Sequence[Path], layout_name: str, lang: str | None, bleed: float,
                 claim: Callable[[Deck, Layout, str], None], draw: Callable[[LaidDeck], None]) -> Outcome:
    """Load, lay out and draw each deck under `paths` in turn. `claim(deck, layout, lang)` is called before a
    deck is laid out (to refuse its output before any work on it), `draw(laid)` once it is laid out without
    error; either may raise OutputError, which stops the drawing. Nothing of a deck is kept once drawn."""
    from cardengine.decks.load import iter_files
    from cardengine.printing.fitcheck import problem_lines
    from cardengine.printing.layout import load_layout

    out = Outcome()
    layout: Layout | None = None
    try:
        layout = load_layout(layout_name)
    except InputError as exc:  # reported after the decks' own problems, as when everything was loaded first
        out.layout_problems = exc.problems
    sources: dict[str, Path | None] = {}  # deck id -> its file
    laying_out = True
    laid: LaidDeck | None = None
    for deck, problems in iter_files(paths):
        try:
            out.load_problems += problems
            if not isinstance(deck, Deck):
                continue
            if deck.id in sources:
                first = sources[deck.id]
                if other_file(first, deck.source) and out.clash is None:
                    out.clash = id_clash(deck.id, first, deck.source)
                continue  # a file given twice prints once
            sources[deck.id] = deck.source
            out.decks += 1
            if layout is None or has_errors(out.load_problems) or out.clash is not None or not laying_out:
                continue  # its problems would not be reported: no work on it
            deck_lang = lang if lang else deck.default_language
            if out.drawable and deck_lang in deck.languages:
                try:
                    claim(deck, layout, deck_lang)
                except OutputError as exc:
                    out.refusal = exc.with_traceback(None)  # its frames would keep the deck
            laid, layout_problems = lay_out_one(deck, layout, lang, bleed)
            out.lines += problem_lines(layout_problems, [deck], layout, lang)
            out.errors += sum(p.severity == "error" for p in layout_problems)
            if laid is None:
                continue
            laying_out = not budget_spent(laid)
            if out.drawable:
                try:
                    draw(laid)
                except OutputError as exc:
                    out.refusal = exc.with_traceback(None)  # its frames would keep the deck
        finally:
            if deck is not None:
                deck = laid = None  # this deck's model and cards go before the next file is read
                _between_decks()
    return out


class ProgressBar(Protocol[TaskT]):
    """Rich's Progress, or the CLI's stand-in for output that is not a terminal."""

    def __enter__(self) -> ProgressBar[TaskT]: ...

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None,
                 /) -> bool | None: ...

    def add_task(self, description: str, /, *, total: int | None) -> TaskT: ...

    def update(self, task: TaskT, /, *, total: int) -> None: ...

    def advance(self, task: TaskT, n: int, /) -> None: ...


def build_decks(args: argparse.Namespace, options: PrintOptions, profile: OutputProfile | None,
                sheet_plan: SheetPlan | None, progress_bar: ProgressBar[TaskT]) -> list[tuple[Path, int, int]] | None:
    """`cardengine build`'s PDFs, all or none: (file, cards, pages) of each written, or None after reporting
    why nothing was built. Raises OutputError for an output that must not be written."""
    import sys

    from cardengine.bundled import default_decks
    from cardengine.console import report as _report
    from cardengine.console import usage_error as _usage_error
    from cardengine.decks.load import discover
    from cardengine.outputs import OutputSet
    from cardengine.printing.build import output_name
    from cardengine.printing.layout import layout_files
    from cardengine.printing.pdfx_output import make_pdfx_output as _make_pdfx
    from cardengine.printing.render import write_cards, write_sheets
    from cardengine.printing.sheets import sheet_label

    paths = list(args.decks) or [default_decks()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        _usage_error(tr("no such file or folder: {paths}").format(paths=", ".join(map(str, missing))))
        return None
    # A build with the common back, or for the press, never replaces the default build's file.
    press = "-".join(part for part in ("common-back" if options.backs == "deck" else "",
                                       "pdfx4" if profile else "cmyk" if options.cmyk else "") if part)
    sheet = sheet_label(sheet_plan, options.duplex)
    # Never written over: the deck files, the layout and every layout it extends, the --icc file; each deck's
    # images and logo are added as it is loaded.
    inputs = discover(paths)[0] + sorted(layout_files(args.layout)) + ([profile.path] if profile else [])
    written: list[tuple[Path, int, int]] = []
    with OutputSet(inputs=inputs) as files, progress_bar as progress:
        task = progress.add_task("Printing cards", total=None)
        total = 0

        def claim(deck: Deck, layout: Layout, lang: str) -> None:  # before any work on the deck
            files.add_inputs(deck_inputs(deck))
            files.claim(args.output / output_name(deck, layout, lang, sheet, press))

        def draw(laid: LaidDeck) -> None:
            nonlocal total
            target = args.output / output_name(laid.deck, laid.layout, laid.lang, sheet, press)
            cards = sum(c.copies for c in laid.cards)
            total += cards
            progress.update(task, total=total)
            advance = lambda n: progress.advance(task, n)  # noqa: E731
            with files.file(target) as tmp:
                if sheet_plan:
                    pages = write_sheets(laid, sheet_plan, tmp, options, advance)
                else:
                    pages = write_cards(laid, tmp, options, advance)
                if profile:
                    _make_pdfx(tmp, profile)
            written.append((target, cards, pages))

        bleed = sheet_plan.bleed if sheet_plan else options.bleed
        with young_heap_only():
            outcome = stream_decks(paths, args.layout, args.lang, bleed, claim, draw)
        if not _report_outcome(outcome, _report, sys.stderr):
            files.rollback()  # the decks drawn before the problem was met
            return None
        if outcome.refusal is not None:
            raise outcome.refusal
    return written


def _report_outcome(out: Outcome, report: Callable[[list[Problem]], None], stream: TextIO) -> bool:
    """Say what stops the build, as build said it when it loaded and laid out every deck first; False if so."""
    report(out.load_problems)
    if has_errors(out.load_problems):
        print(tr("cardengine: nothing built; fix the deck problems above (cardengine validate)"), file=stream)
        return False
    if not out.decks:
        print(tr("cardengine: no decks found"), file=stream)
        return False
    if out.clash is not None:
        print(out.clash, file=stream)
        return False
    if out.layout_problems is not None:
        report(out.layout_problems)
        return False
    for line in out.lines:
        print(line, file=stream)
    if out.errors:
        print(ntr("cardengine: nothing built; {n} problem(s) above", "cardengine: nothing built; {n} problem(s) above",
                  out.errors).format(n=out.errors), file=stream)
        return False
    return True
