"""The `cardengine` command line. Each command imports what it needs when it runs, so start-up stays fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cardengine import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _report(problems, stream=None) -> None:
    from cardengine.problems import sort_problems

    stream = stream or sys.stderr
    for problem in sort_problems(problems):
        print(problem, file=stream)


def _load_decks(paths: Sequence[Path]):
    """Load deck and criteria files; None (after saying so) when a path does not exist."""
    from cardengine.bundled import default_decks
    from cardengine.decks.load import load_paths

    paths = list(paths) or [default_decks()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        _usage_error(f"no such file or folder: {', '.join(map(str, missing))}")
        return None
    return load_paths(paths)


def _usage_error(message: str) -> int:
    print(f"cardengine: error: {message}", file=sys.stderr)
    return EXIT_USAGE


# ---------------------------------------------------------------- commands

def cmd_validate(args: argparse.Namespace) -> int:
    from cardengine.problems import Severity

    result = _load_decks(args.paths)
    if result is None:
        return EXIT_USAGE
    _report(result.problems, sys.stdout)
    errors = sum(p.severity is Severity.ERROR for p in result.problems)
    warnings = len(result.problems) - errors
    cards = sum(len(d.cards) for d in result.decks)
    summary = (f"{len(result.decks)} deck(s), {cards} card(s), {len(result.criteria)} criteria set(s) valid"
               if result.ok else f"{errors} error(s): fix them and run cardengine validate again")
    if warnings:
        summary += f" ({warnings} warning(s))"
    print(summary)
    layout_ok = _validate_layout(args.layout, result.decks) if args.layout else True
    return EXIT_OK if result.ok and layout_ok else EXIT_PROBLEMS


def _validate_layout(name: str, decks: list) -> bool:
    """`validate --layout`: every problem build would meet laying out the valid decks, in every language."""
    from cardengine.printing.fitcheck import check_layout

    return check_layout(name, decks, sys.stdout)


def cmd_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from cardengine.cli.terminal import raw
    from cardengine.sessions.event_check import escape

    result = _load_decks(args.paths)
    if result is None:
        return EXIT_USAGE
    _report(result.problems)
    console = Console(file=raw(sys.stdout))
    decks = Table(title="Decks", title_justify="left")
    for col in ("id", "name", "domain", "cards", "copies", "languages", "version", "file"):
        decks.add_column(col, justify="right" if col in ("cards", "copies") else "left")
    for deck in result.decks:
        lang = args.lang if args.lang in deck.languages else deck.default_language
        decks.add_row(f"[on {deck.colour}]  [/] {deck.id}", deck.name[lang], deck.domain, str(len(deck.cards)),
                      str(sum(c.quantity for c in deck.cards)), ", ".join(deck.languages), deck.version,
                      escape(str(deck.source)))
    console.print(decks)
    if not args.decks_only:
        for deck in result.decks:
            lang = args.lang if args.lang in deck.languages else deck.default_language
            cards = Table(title=f"{deck.name[lang]} ({deck.id})", title_justify="left")
            for col in ("id", "title", "scale", "cost", "horizon", "SDGs"):
                cards.add_column(col, overflow="fold")
            for card in deck.cards:
                cards.add_row(card.id, card.title[lang], ", ".join(s.value for s in card.scale), card.cost.value,
                              card.horizon.value, " ".join(map(str, card.sdgs)))
            console.print(cards)
    for crit in result.criteria:
        lang = args.lang if args.lang in crit.languages else crit.languages[0]
        table = Table(title=f"Criteria: {crit.name[lang]} ({crit.id})", title_justify="left")
        for col in ("id", "label", "direction", "weight", "levels"):
            table.add_column(col)
        for c in crit.criteria:
            table.add_row(c.id, c.label[lang], c.direction.value, f"{c.weight:g}", f"{c.lowest}-{c.highest}")
        console.print(table)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_schema(args: argparse.Namespace) -> int:
    from cardengine.cli.terminal import raw
    from cardengine.schemas import schema_text

    raw(sys.stdout).write(schema_text(args.kind))  # data, byte for byte: not escaped for a terminal
    return EXIT_OK


def cmd_export_csv(args: argparse.Namespace) -> int:
    from cardengine.outputs import OutputSet

    if not args.deck.is_file():
        return _usage_error(f"no such deck file: {args.deck}")
    out = OutputSet(inputs=[args.deck], owned=_is_deck_csv, force=args.force, command="cardengine export-csv")
    if args.output:
        out.claim(args.output, follow_links=True)  # refuse before reading the deck

    from cardengine.decks.load import load_deck
    from cardengine.decks.spreadsheet import deck_to_csv

    deck, problems = load_deck(args.deck)
    _report(problems)
    if deck is None:
        print(f"cardengine: {args.deck} has errors; fix them before exporting", file=sys.stderr)
        return EXIT_PROBLEMS
    text = deck_to_csv(deck, delimiter=";" if args.delimiter == "semicolon" else ",")
    if args.output:
        with out:
            out.write(args.output, text.encode("utf-8-sig" if args.bom else "utf-8"), follow_links=True)
        print(f"wrote {args.output} ({len(deck.cards)} cards)", file=sys.stderr)
    else:
        from cardengine.cli.terminal import raw

        raw(sys.stdout).write(("\ufeff" if args.bom else "") + text)  # data, byte for byte (BOM, CRLF)
    return EXIT_OK


def _is_deck_csv(path: Path) -> bool:
    """Whether `path` holds cards as `export-csv` writes them (its header row), so a new export may replace it."""
    from cardengine.decks.spreadsheet import CODE_LIST_FIELDS

    try:
        with path.open("rb") as f:
            first = f.read(64 * 1024).decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    except OSError:
        return False
    head = {cell.strip().strip('"') for cell in first.replace(";", ",").split(",")}
    return {"id", "cost", "horizon", *CODE_LIST_FIELDS} <= head


def cmd_import_csv(args: argparse.Namespace) -> int:
    from cardengine.decks.load import load_deck
    from cardengine.decks.spreadsheet import DeckHeader, csv_to_deck
    from cardengine.decks.write import deck_to_yaml
    from cardengine.outputs import OutputSet

    if not args.file.is_file():
        return _usage_error(f"no such CSV file: {args.file}")
    # Replacing the cards of an existing deck is this command's purpose, but never its own CSV or a workshop.
    out = OutputSet(inputs=[args.file], command="cardengine import-csv")
    out.claim(args.output, follow_links=True)
    if args.output.exists():
        existing, problems = load_deck(args.output)
        if existing is None:
            _report(problems)
            print(f"cardengine: {args.output} exists but has errors; fix it or write to a new file",
                  file=sys.stderr)
            return EXIT_PROBLEMS
        header = DeckHeader.from_deck(existing)
    else:
        missing = [flag for flag, value in (("--deck-id", args.deck_id), ("--name", args.name),
                                            ("--colour", args.colour)) if not value]
        if missing:
            return _usage_error(f"{args.output} does not exist yet, so give the new deck's "
                                f"{', '.join(missing)} (or write into an existing deck)")
        try:
            names = dict(item.split("=", 1) for item in args.name)
        except ValueError:
            return _usage_error("--name takes LANG=TEXT, e.g. --name it=Acqua --name en=Water")
        header = DeckHeader(id=args.deck_id, domain=args.domain or args.deck_id, name=names,
                            colour=args.colour, version=args.version, licence=args.licence,
                            authors=args.author or ["cardengine contributors"])
    deck, problems = csv_to_deck(args.file, header, args.output)
    _report(problems)
    if deck is None:
        print(f"cardengine: nothing written; fix the problems in {args.file} and import again", file=sys.stderr)
        return EXIT_PROBLEMS
    with out:
        out.write(args.output, deck_to_yaml(deck).encode("utf-8"), follow_links=True)
    print(f"wrote {args.output} ({len(deck.cards)} cards)", file=sys.stderr)
    return EXIT_OK


def _print_options(args: argparse.Namespace):
    from cardengine.cli.args import BLEED_RANGE, out_of_range, parse_offset
    from cardengine.printing.render import PrintOptions

    offset = parse_offset(args.back_offset)
    if isinstance(offset, str):
        raise SystemExit(_usage_error(offset))
    dx, dy = offset
    bad_bleed = out_of_range("--bleed", args.bleed, *BLEED_RANGE, "millimetres")
    if bad_bleed:
        raise SystemExit(_usage_error(bad_bleed))
    return PrintOptions(sheet=args.sheet, duplex=args.duplex, bleed=args.bleed, crop_marks=args.crop_marks,
                        cmyk=args.cmyk, back_offset=(dx, dy), backs=getattr(args, "backs", "details"))


def _laid_decks(args: argparse.Namespace, bleed: float):
    """Load decks and layout and lay the cards out; None after reporting problems."""
    from cardengine.printing.build import lay_out
    from cardengine.printing.layout import load_layout
    from cardengine.problems import InputError

    result = _load_decks(args.decks)
    if result is None:
        return None
    _report(result.problems)
    if not result.ok:
        print("cardengine: nothing built; fix the deck problems above (cardengine validate)", file=sys.stderr)
        return None
    if not result.decks:
        print("cardengine: no decks found", file=sys.stderr)
        return None
    decks = _distinct_decks(result.decks)
    if decks is None:
        return None
    try:
        layout = load_layout(args.layout)
    except InputError as exc:
        _report(exc.problems)
        return None
    laid, problems = lay_out(decks, layout, args.lang, bleed)
    from cardengine.printing.fitcheck import problem_lines

    for line in problem_lines(problems, decks, layout, args.lang):  # FILE:LINE: as validate --layout says it
        print(line, file=sys.stderr)
    if any(p.severity == "error" for p in problems):
        print(f"cardengine: nothing built; {sum(p.severity == 'error' for p in problems)} problem(s) above",
              file=sys.stderr)
        return None
    return laid


def _distinct_decks(decks: list) -> list | None:
    """Each deck once (a file given twice prints once); None after saying so when two files share a deck id,
    since their PDFs and pictures would have the same names and the second would replace the first."""
    from cardengine.decks.model import Deck
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


def cmd_build(args: argparse.Namespace) -> int:
    if getattr(args, "watch", False):  # build, then rebuild the deck whose file is saved (watch.py)
        from cardengine.printing.watch import watch

        return watch(cmd_build, args)
    from cardengine.outputs import check_folder
    from cardengine.printing.imposition import Size
    from cardengine.printing.sheets import plan_for, sheet_summary
    from cardengine.problems import InputError

    options = _print_options(args)
    profile = _output_profile(args)
    if isinstance(profile, int):
        return profile
    if profile is not None:  # photos go through the print shop's profile, as its RIP would convert them
        from dataclasses import replace

        options = replace(options, profile=profile.data)
    check_folder(args.output)
    sheet_plan = None
    if options.sheet != "none" or options.duplex == "fold":
        # Cards on a sheet get the bleed that fits beside the crop marks; lay them out with it.
        probe = _layout_size(args.layout)
        if probe is None:
            return EXIT_PROBLEMS
        try:
            sheet_plan = plan_for(options.sheet, Size(*probe), options.bleed, options.duplex,
                                  options.back_offset)
        except InputError as exc:
            _report(exc.problems)
            return EXIT_PROBLEMS
    from cardengine.printing.build_stream import build_decks

    written = build_decks(args, options, profile, sheet_plan, _progress_bar())  # one deck at a time
    if written is None:
        return EXIT_PROBLEMS
    for out, cards, pages in written:
        print(f"wrote {out} ({cards} cards, {pages} pages)")
    if sheet_plan:
        print(sheet_summary(sheet_plan, options.duplex))
    return EXIT_OK


class _NoProgress:
    """Progress for output that is not a terminal (a script, a log): nothing to draw, and Rich not imported."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: int) -> int:
        return 0

    def advance(self, task: int, n: int) -> None:
        return None

    def update(self, task: int, total: int) -> None:
        return None


def _progress_bar():
    if not sys.stdout.isatty():
        return _NoProgress()
    from rich.console import Console
    from rich.progress import Progress

    from cardengine.cli.terminal import raw

    return Progress(console=Console(file=raw(sys.stdout)), transient=True)  # Rich's own escapes


def _output_profile(args: argparse.Namespace):
    """The --icc profile (None without it), or the exit code after saying what is wrong with it."""
    if args.icc is None:
        return None
    from cardengine.printing.pdfx import PdfxProblem, read_output_profile

    if not args.cmyk:
        return _usage_error(f"--icc {args.icc} makes a PDF/X file, which is CMYK: add --cmyk")
    try:
        return read_output_profile(args.icc)
    except PdfxProblem as exc:
        return _usage_error(f"{exc}; nothing built")


def _make_pdfx(tmp: Path, profile) -> None:
    from cardengine.outputs import OutputError
    from cardengine.printing.pdfx import PdfxProblem, make_pdfx

    try:
        make_pdfx(tmp, profile)
    except PdfxProblem as exc:
        raise OutputError(f"{exc}; nothing was written", EXIT_PROBLEMS) from None


def _printing_inputs(laid_decks) -> list[Path]:
    """The files a build or preview reads (decks, layouts, images): never written over by its outputs."""
    from cardengine.printing.compose import ImageOp

    paths = set()
    for laid in laid_decks:
        paths |= {p for p in (laid.deck.source, laid.layout.source) if p is not None}
        sides = [c.front for c in laid.cards] + [c.back for c in laid.cards if c.back]  # fronts, details sides
        sides += [laid.back] if laid.back else []
        paths |= {op.path for side in sides for op in side.ops if isinstance(op, ImageOp)}
    return sorted(paths)


SHEET_MARGIN = 7.5  # mm around the grid on sheets (the grid margin of layouts/sheets/a4.yaml, a3, letter)


def _layout_size(name: str):
    from cardengine.printing.layout import load_layout
    from cardengine.problems import InputError

    try:
        layout = load_layout(name)
    except InputError as exc:
        _report(exc.problems)
        return None
    return layout.width, layout.height


def cmd_preview(args: argparse.Namespace) -> int:
    if getattr(args, "watch", False):  # pictures, then new pictures of the deck whose file is saved (watch.py)
        from cardengine.printing.watch import watch

        return watch(cmd_preview, args)
    import io
    from dataclasses import replace

    from cardengine.cli.args import DPI_RANGE, SHEET_DPI_RANGE, out_of_range
    from cardengine.outputs import OutputSet, check_folder
    from cardengine.printing.compose import LaidDeck, lay_out_deck
    from cardengine.printing.imposition import SheetPlan, Size
    from cardengine.printing.preview import render_pages
    from cardengine.printing.render import PrintOptions, write_cards, write_sheets

    bad = out_of_range("--dpi", args.dpi, *DPI_RANGE) or out_of_range("--sheet-dpi", args.sheet_dpi,
                                                                        *SHEET_DPI_RANGE)
    if bad:
        return _usage_error(bad)
    check_folder(args.output)
    size = _layout_size(args.layout)
    if size is None:
        return EXIT_PROBLEMS
    from cardengine.printing.sheets import plan_for
    from cardengine.problems import InputError

    try:
        plan = plan_for(args.sheet, Size(*size), 3.0, "long-edge")
    except InputError as exc:
        _report(exc.problems)
        return EXIT_PROBLEMS
    if plan is None:
        return _usage_error("--sheet none has no sheet picture: give a sheet (a4, a3, letter, ...) or --no-sheet")
    laid_decks = _laid_decks(args, 3.0)
    if laid_decks is None:
        return EXIT_PROBLEMS
    wanted = {c.strip().upper() for c in (args.cards or "").split(",") if c.strip()}
    missing = sorted(wanted - {c.card_id for laid in laid_decks for c in laid.cards})
    if missing:
        print(f"cardengine: no card with id {', '.join(missing)} in these decks; nothing written", file=sys.stderr)
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
        print(f"wrote {path}")
    return EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
    from cardengine.printing.calibrate import cmd_calibrate as run

    return run(args)


def cmd_tui(args: argparse.Namespace) -> int:
    from cardengine.sessions import name_problem
    from cardengine.sessions.store import StoreError

    problem = name_problem(args.table, "table name") if args.table is not None else None
    if problem:  # refused before the app takes the screen
        return _usage_error(f"--table: {problem}")
    try:
        from cardengine.sessions.workshop import ActionError
        from cardengine_tui.app import make_app

        app = make_app(args.workshop, table=args.table, language=args.lang)
    except (StoreError, ActionError) as exc:  # ActionError: a --table name that cannot be added
        return _usage_error(str(exc))
    app.run()
    return EXIT_OK


# ---------------------------------------------------------------- parser

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cardengine",
        description="Co-design card decks: validate, print, record workshop sessions and compare them.")
    parser.add_argument("--version", action="version", version=f"cardengine {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("validate", help="check deck and criteria files; exit 1 if any has a problem")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: ./decks, else the bundled decks)")
    p.add_argument("--layout", help="also check a layout (id or file): its geometry, and its templates on "
                                    "every card of the decks")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("list", help="show decks and their cards as tables")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: ./decks, else the bundled decks)")
    p.add_argument("--lang", default="en", help="language of titles (default: en)")
    p.add_argument("--decks-only", action="store_true", help="list the decks without their cards")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("schema", help="print the JSON Schema of deck, criteria or layout files")
    p.add_argument("kind", choices=["deck", "criteria", "layout", "sheet"])
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("export-csv", help="write a deck's cards as CSV for a spreadsheet")
    p.add_argument("deck", type=Path, metavar="DECK")
    p.add_argument("-o", "--output", type=Path, help="CSV file to write (default: standard output)")
    p.add_argument("--delimiter", choices=["comma", "semicolon"], default="comma",
                   help="semicolon suits Italian-locale Excel (default: comma)")
    p.add_argument("--bom", action=argparse.BooleanOptionalAction, default=True,
                   help="start with a UTF-8 byte-order mark so Excel reads accents right (default: on)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing -o file that is not a card CSV (never a workshop file or the deck)")
    p.set_defaults(func=cmd_export_csv)

    p = sub.add_parser("import-csv", help="read cards from a CSV into a deck file")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DECK.yaml",
                   help="deck to write; if it exists its deck fields are kept and its cards replaced")
    p.add_argument("--deck-id", help="id of a new deck")
    p.add_argument("--domain", help="domain of a new deck (default: its id)")
    p.add_argument("--name", action="append", metavar="LANG=TEXT", help="name of a new deck, once per language")
    p.add_argument("--colour", help="colour of a new deck, #RRGGBB")
    p.add_argument("--version", default="1.0", help="version of a new deck (default: 1.0)")
    p.add_argument("--licence", default="CC-BY-SA-4.0", help="licence of a new deck (default: CC-BY-SA-4.0)")
    p.add_argument("--author", action="append", help="author of a new deck (repeatable)")
    p.set_defaults(func=cmd_import_csv)

    def printing_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("decks", nargs="*", type=Path, metavar="DECK", help="deck files or folders (default: ./decks, else the bundled decks)")
        p.add_argument("--layout", default="poker", help="layout id in layouts/ or a layout file (default: poker)")
        p.add_argument("--lang", help="language to print (default: each deck's first language)")
        p.add_argument("-o", "--output", type=Path, default=Path("out"), help="output folder (default: out/)")
        p.add_argument("--watch", action="store_true", help="then keep watching the decks, their images and the "
                       "layout, and rebuild a deck when one of its files is saved (Ctrl-C to stop)")

    p = sub.add_parser("build", help="make print-ready PDFs of decks")
    printing_args(p)
    p.add_argument("--sheet", default="a4", metavar="SHEET",
                   help="sheet template to impose cards on: a4, a3, letter, sra3, avery-5388, ... or a template "
                        "file (layouts/sheets/*.yaml); none for one card per page with bleed (default: a4)")
    p.add_argument("--duplex", choices=["long-edge", "short-edge", "off", "fold"], default="long-edge",
                   help="how the printer flips the paper for the backs; fold: each front beside its back on one "
                        "page, to fold along the marked line (default: long-edge)")
    p.add_argument("--bleed", type=float, default=3.0, help="bleed in mm (default: 3)")
    p.add_argument("--crop-marks", action=argparse.BooleanOptionalAction, default=True,
                   help="crop marks around the cards on sheets (default: on)")
    p.add_argument("--cmyk", action="store_true", help="make every colour in the PDF CMYK")
    p.add_argument("--icc", type=Path, metavar="FILE", help="with --cmyk: write PDF/X-4 with this CMYK output "
                   "ICC profile (from your print shop) as its output intent")
    p.add_argument("--back-offset", default="0,0", metavar="X,Y",
                   help="shift backs by X,Y mm to correct a printer's duplex misalignment")
    p.add_argument("--backs", choices=["details", "deck"], default="details",
                   help="behind each card: its details side (description, co-benefits, barriers, example) where the "
                        "layout has one, or deck: the deck's common back (series, logo, version), for cards drawn "
                        "face down; writes ...-common-back.pdf (default: details)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("preview", help="write PNG pictures of cards (front and back) and of a sheet")
    printing_args(p)
    p.add_argument("--cards", help="card ids, comma-separated (default: the first card of each deck)")
    p.add_argument("--sheet", default="a4", metavar="SHEET",
                   help="sheet template of the sheet picture: a4, a3, letter, sra3, ... or a template file (default: a4)")
    p.add_argument("--no-sheet", dest="sheet_preview", action="store_false", help="skip the sheet picture")
    p.add_argument("--dpi", type=int, default=200, help="resolution of card pictures (default: 200)")
    p.add_argument("--sheet-dpi", type=int, default=100, help="resolution of sheet pictures (default: 100)")
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("calibrate", help="write a two-sided page that measures your printer's front-to-back "
                                         "offset, for build --back-offset")
    p.add_argument("--sheet", choices=["a4", "letter"], default="a4", help="paper (default: a4)")
    p.add_argument("--duplex", choices=["long-edge", "short-edge"], default="long-edge",
                   help="how the printer flips the paper, as you will build (default: long-edge)")
    p.add_argument("--back-offset", default="0,0", metavar="X,Y",
                   help="print with this correction to check it: every arrow then points at 0")
    p.add_argument("-o", "--output", type=Path, help="PDF file to write (default: calibrate-SHEET-DUPLEX.pdf)")
    p.add_argument("--force", action="store_true", help="replace an existing file this command did not write")
    p.set_defaults(func=cmd_calibrate)

    p = sub.add_parser("tui", help="the note-taker's terminal app")
    p.add_argument("workshop", nargs="?", type=Path, metavar="WORKSHOP.db")
    p.add_argument("--table", help="the table this laptop records (created if new)")
    p.add_argument("--lang", choices=["it", "en"], help="language of the app (default: the workshop's)")
    p.set_defaults(func=cmd_tui)

    from cardengine.cli.session import add_parsers

    add_parsers(sub)
    from cardengine.cli.compare import add_parser as add_compare_parser

    add_compare_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from cardengine.cli.terminal import EscapingStream

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(sys.stdout), EscapingStream(sys.stderr)  # names never drive the terminal
    try:
        return _run(build_parser(), argv)
    finally:
        sys.stdout.flush()
        sys.stdout, sys.stderr = streams


def _run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    from cardengine.cli.args import attach_offsets
    from cardengine.outputs import OutputError

    args = parser.parse_args(attach_offsets(list(sys.argv[1:] if argv is None else argv)))
    try:
        return args.func(args)
    except OutputError as exc:  # an output refused or not writable (disk full...): nothing was written
        print(f"cardengine: error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not bad input: say so in one line and keep the details for a report
        import errno

        if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:  # bad input after all
            name = str(exc.filename or "")
            print(f"cardengine: error: a file name is too long ({len(name)} characters: {name[:40]}...): "
                  "give a shorter one", file=sys.stderr)
            return EXIT_USAGE
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="cardengine-crash-", suffix=".txt", delete=False) as f:
            traceback.print_exc(file=f)
        print(f"cardengine: internal error ({type(exc).__name__}: {exc}); details in {f.name}; "
              "please report it", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
