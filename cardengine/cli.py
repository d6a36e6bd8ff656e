"""The `cardengine` command line. Each command imports what it needs when it runs, so start-up stays fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_DECKS = Path("decks")


def _report(problems, stream=None) -> None:
    from .problems import sort_problems

    stream = stream or sys.stderr
    for problem in sort_problems(problems):
        print(problem, file=stream)


def _load_decks(paths: Sequence[Path]):
    """Load deck and criteria files; None (after saying so) when a path does not exist."""
    from .deckload import load_paths

    paths = list(paths) or [DEFAULT_DECKS]
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
    from .problems import Severity

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
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    result = _load_decks(args.paths)
    if result is None:
        return EXIT_USAGE
    _report(result.problems)
    console = Console()
    decks = Table(title="Decks", title_justify="left")
    for col in ("id", "name", "domain", "cards", "copies", "languages", "version", "file"):
        decks.add_column(col, justify="right" if col in ("cards", "copies") else "left")
    for deck in result.decks:
        lang = args.lang if args.lang in deck.languages else deck.default_language
        decks.add_row(f"[on {deck.colour}]  [/] {deck.id}", deck.name[lang], deck.domain, str(len(deck.cards)),
                      str(sum(c.quantity for c in deck.cards)), ", ".join(deck.languages), deck.version,
                      str(deck.source))
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
    from .schemas import schema_text

    sys.stdout.write(schema_text(args.kind))
    return EXIT_OK


def cmd_export_csv(args: argparse.Namespace) -> int:
    from .deckload import load_deck
    from .spreadsheet import deck_to_csv

    if not args.deck.is_file():
        return _usage_error(f"no such deck file: {args.deck}")
    deck, problems = load_deck(args.deck)
    _report(problems)
    if deck is None:
        print(f"cardengine: {args.deck} has errors; fix them before exporting", file=sys.stderr)
        return EXIT_PROBLEMS
    text = deck_to_csv(deck, delimiter=";" if args.delimiter == "semicolon" else ",")
    if args.output:
        from .fileio import write_atomic

        write_atomic(args.output, text.encode("utf-8-sig" if args.bom else "utf-8"))
        print(f"wrote {args.output} ({len(deck.cards)} cards)", file=sys.stderr)
    else:
        sys.stdout.write(("\ufeff" if args.bom else "") + text)
    return EXIT_OK


def cmd_import_csv(args: argparse.Namespace) -> int:
    from .deckload import load_deck
    from .deckwrite import deck_to_yaml
    from .fileio import write_atomic
    from .spreadsheet import DeckHeader, csv_to_deck

    if not args.file.is_file():
        return _usage_error(f"no such CSV file: {args.file}")
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
    write_atomic(args.output, deck_to_yaml(deck).encode("utf-8"))
    print(f"wrote {args.output} ({len(deck.cards)} cards)", file=sys.stderr)
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
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: decks/)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("list", help="show decks and their cards as tables")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: decks/)")
    p.add_argument("--lang", default="en", help="language of titles (default: en)")
    p.add_argument("--decks-only", action="store_true", help="list the decks without their cards")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("schema", help="print the JSON Schema of deck or criteria files")
    p.add_argument("kind", choices=["deck", "criteria"])
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("export-csv", help="write a deck's cards as CSV for a spreadsheet")
    p.add_argument("deck", type=Path, metavar="DECK")
    p.add_argument("-o", "--output", type=Path, help="CSV file to write (default: standard output)")
    p.add_argument("--delimiter", choices=["comma", "semicolon"], default="comma",
                   help="semicolon suits Italian-locale Excel (default: comma)")
    p.add_argument("--bom", action=argparse.BooleanOptionalAction, default=True,
                   help="start with a UTF-8 byte-order mark so Excel reads accents right (default: on)")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not bad input: say so in one line and keep the details for a report
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="cardengine-crash-", suffix=".txt", delete=False) as f:
            traceback.print_exc(file=f)
        print(f"cardengine: internal error ({type(exc).__name__}: {exc}); details in {f.name}; "
              "please report it", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
