"""`cardengine preview`: PNG pictures of cards (front and back) and of a sheet, to check a deck before printing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cardengine.cli.build import layout_size, printing_args
from cardengine.cli.common import EXIT_OK, EXIT_PROBLEMS, load_decks, report, usage_error
from cardengine.i18n import ntr, tr

if TYPE_CHECKING:
    from cardengine.decks.model import Deck
    from cardengine.printing.compose import LaidDeck


def _laid_decks(args: argparse.Namespace, bleed: float) -> list[LaidDeck] | None:
    """Load decks and layout and lay the cards out; None after reporting problems."""
    from cardengine.printing.build import lay_out
    from cardengine.printing.layout import load_layout
    from cardengine.problems import InputError

    result = load_decks(args.decks)
    if result is None:
        return None
    report(result.problems)
    if not result.ok:
        print(tr("cardengine: nothing built; fix the deck problems above (cardengine validate)"), file=sys.stderr)
        return None
    if not result.decks:
        print(tr("cardengine: no decks found"), file=sys.stderr)
        return None
    decks = _distinct_decks(result.decks)
    if decks is None:
        return None
    try:
        layout = load_layout(args.layout)
    except InputError as exc:
        report(exc.problems)
        return None
    laid, problems = lay_out(decks, layout, args.lang, bleed)
    from cardengine.printing.fitcheck import problem_lines

    for line in problem_lines(problems, decks, layout, args.lang):  # FILE:LINE: as validate --layout says it
        print(line, file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    if errors:
        print(ntr("cardengine: nothing built; {n} problem(s) above", "cardengine: nothing built; {n} problem(s) above",
                  errors).format(n=errors), file=sys.stderr)
        return None
    return laid


def _distinct_decks(decks: list[Deck]) -> list[Deck] | None:
    """Each deck once (a file given twice prints once); None after saying so when two files share a deck id,
    since their PDFs and pictures would have the same names and the second would replace the first."""
    from cardengine.printing.build import id_clash, other_file

    by_id: dict[str, Deck] = {}
    out = []
    for deck in decks:
        first = by_id.setdefault(deck.id, deck)
        if first is deck:
            out.append(deck)
        elif other_file(first.source, deck.source):
            print(id_clash(deck.id, first.source, deck.source), file=sys.stderr)
            return None
    return out


def _printing_inputs(laid_decks: list[LaidDeck]) -> list[Path]:
    """The files a preview reads (decks, layouts, images): never written over by its outputs."""
    from cardengine.printing.compose import ImageOp

    paths: set[Path] = set()
    for laid in laid_decks:
        paths |= {p for p in (laid.deck.source, laid.layout.source) if p is not None}
        sides = [c.front for c in laid.cards] + [c.back for c in laid.cards if c.back]  # fronts, details sides
        sides += [laid.back] if laid.back else []
        paths |= {op.path for side in sides for op in side.ops if isinstance(op, ImageOp)}
    return sorted(paths)


def cmd_preview(args: argparse.Namespace) -> int:
    if getattr(args, "watch", False):  # pictures, then new pictures of the deck whose file is saved (watch.py)
        from cardengine.printing.watch import watch

        return watch(cmd_preview, args)
    import io
    from dataclasses import replace

    from cardengine.cli.args import DPI_RANGE, SHEET_DPI_RANGE, out_of_range
    from cardengine.outputs import OutputSet, check_folder
    from cardengine.printing.compose import lay_out_deck
    from cardengine.printing.imposition import SheetPlan, Size
    from cardengine.printing.preview import render_pages
    from cardengine.printing.render import PrintOptions, write_cards, write_sheets

    bad = out_of_range("--dpi", args.dpi, *DPI_RANGE) or out_of_range("--sheet-dpi", args.sheet_dpi,
                                                                        *SHEET_DPI_RANGE)
    if bad:
        return usage_error(bad)
    check_folder(args.output)
    size = layout_size(args.layout)
    if size is None:
        return EXIT_PROBLEMS
    from cardengine.printing.sheets import plan_for
    from cardengine.problems import InputError

    try:
        plan = plan_for(args.sheet, Size(*size), 3.0, "long-edge")
    except InputError as exc:
        report(exc.problems)
        return EXIT_PROBLEMS
    if plan is None:
        return usage_error(tr("--sheet none has no sheet picture: give a sheet (a4, a3, letter, ...) or --no-sheet"))
    laid_decks = _laid_decks(args, 3.0)
    if laid_decks is None:
        return EXIT_PROBLEMS
    wanted = {c.strip().upper() for c in (args.cards or "").split(",") if c.strip()}
    missing = sorted(wanted - {c.card_id for laid in laid_decks for c in laid.cards})
    if missing:
        print(tr("cardengine: no card with id {ids} in these decks; nothing written").format(ids=", ".join(missing)),
              file=sys.stderr)
        return EXIT_PROBLEMS
    # (cards to draw, their sheet plan or None for one card a page, picture names, dpi)
    pictures: list[tuple[LaidDeck, SheetPlan | None, list[str], int]] = []
    for laid in laid_decks:
        chosen = [c for c in laid.cards if c.card_id in wanted] if wanted else laid.cards[:1]
        if not chosen:
            continue
        # One copy of each chosen card, front and back, with the full bleed.
        pictures.append((replace(laid, cards=[replace(c, copies=1) for c in chosen]), None,
                         [f"{c.card_id}-{side}" for c in chosen for side in ("front", "back")], args.dpi))
        if args.sheet_preview:
            pictures.append((lay_out_deck(laid.deck, laid.layout, laid.lang, plan.bleed), plan,
                             [f"{laid.deck.id}-sheet1-fronts", f"{laid.deck.id}-sheet1-backs"], args.sheet_dpi))
    written = []
    with OutputSet(inputs=_printing_inputs(laid_decks)) as files:
        for name in (name for _, _, names, _ in pictures for name in names):  # refuse before drawing anything
            files.claim(args.output / f"{name}.png")
        for cards, sheet, names, dpi in pictures:
            pdf = io.BytesIO()  # the PDF stays in memory: only the pictures are outputs
            if sheet:
                write_sheets(cards, sheet, pdf, PrintOptions(sheet=args.sheet, bleed=sheet.bleed))
            else:
                write_cards(cards, pdf, PrintOptions(sheet="none", bleed=3.0))
            for name, image in render_pages(pdf.getvalue(), names, dpi):
                target = args.output / f"{name}.png"
                with files.file(target) as tmp:
                    image.save(tmp, format="PNG")
                written.append(target)
    for path in written:
        print(tr("wrote {path}").format(path=path))
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("preview", help=tr("write PNG pictures of cards (front and back) and of a sheet"))
    printing_args(p)
    p.add_argument("--cards", help=tr("card ids, comma-separated (default: the first card of each deck)"))
    p.add_argument("--sheet", default="a4", metavar="SHEET",
                   help=tr("sheet template of the sheet picture: a4, a3, letter, sra3, ... or a template file "
                        "(default: a4)"))
    p.add_argument("--no-sheet", dest="sheet_preview", action="store_false", help=tr("skip the sheet picture"))
    p.add_argument("--dpi", type=int, default=200, help=tr("resolution of card pictures (default: 200)"))
    p.add_argument("--sheet-dpi", type=int, default=100, help=tr("resolution of sheet pictures (default: 100)"))
    p.set_defaults(func=cmd_preview)
