"""`cardengine validate`, `list`, `schema`, `export-csv` and `import-csv`: deck files from the shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cardengine.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, load_decks, report, usage_error
from cardengine.i18n import ntr, tr, tr_later

if TYPE_CHECKING:
    from rich.console import Console

    from cardengine.decks.load import LoadResult
    from cardengine.decks.model import Deck

PATHS_HELP = tr_later("files or folders (default: ./decks, else the bundled decks)")


def cmd_validate(args: argparse.Namespace) -> int:
    from cardengine.problems import Severity

    result = load_decks(args.paths)
    if result is None:
        return EXIT_USAGE
    report(result.problems, sys.stdout)
    _report_untranslated(result)
    errors = sum(p.severity is Severity.ERROR for p in result.problems)
    warnings = len(result.problems) - errors
    cards = sum(len(d.cards) for d in result.decks)
    if result.ok:
        summary = tr("{decks}, {cards}, {criteria} valid").format(
            decks=ntr("{n} deck(s)", "{n} deck(s)", len(result.decks)).format(n=len(result.decks)),
            cards=ntr("{n} card(s)", "{n} card(s)", cards).format(n=cards),
            criteria=ntr("{n} criteria set(s)", "{n} criteria set(s)", len(result.criteria)).format(
                n=len(result.criteria)))
    else:
        summary = ntr("{n} error(s): fix them and run cardengine validate again",
                      "{n} error(s): fix them and run cardengine validate again", errors).format(n=errors)
    if warnings:
        summary += ntr(" ({n} warning(s))", " ({n} warning(s))", warnings).format(n=warnings)
    print(summary)
    layout_ok = _validate_layout(args.layout, result.decks) if args.layout else True
    return EXIT_OK if result.ok and layout_ok else EXIT_PROBLEMS


def _report_untranslated(result: LoadResult) -> None:
    """The catalogue words that show in English for a language the decks declare: warnings, not problems (the
    decks are fine; the command line, app and report fall back to English for those words)."""
    from cardengine.i18n import untranslated

    declared = {lang for deck in result.decks for lang in deck.languages}
    declared |= {lang for criteria in result.criteria for lang in criteria.languages}
    for line in untranslated(declared):
        print(tr("warning: {message}").format(message=line))


def _validate_layout(name: str, decks: list[Deck]) -> bool:
    """`validate --layout`: every problem build would meet laying out the valid decks, in every language."""
    from cardengine.printing.fitcheck import check_layout

    return check_layout(name, decks, sys.stdout)


def cmd_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from cardengine.cli.terminal import print_whole, raw
    from cardengine.escaping import escape

    result = load_decks(args.paths)
    if result is None:
        return EXIT_USAGE
    report(result.problems)
    console = Console(file=raw(sys.stdout))
    decks = Table(title=tr("Decks"), title_justify="left")
    for key, col in (("id", tr("id")), ("name", tr("name")), ("domain", tr("domain")), ("cards", tr("cards")),
                     ("copies", tr("copies")), ("languages", tr("languages")), ("version", tr("version")),
                     ("file", tr("file"))):
        decks.add_column(col, justify="right" if key in ("cards", "copies") else "left",
                         no_wrap=key not in ("name", "file"), overflow="fold" if key == "file" else "ellipsis")
    for deck in result.decks:
        lang = args.lang if args.lang in deck.languages else deck.default_language
        swatch = Text.assemble(("  ", f"on {deck.colour}"), f" {deck.id}")  # the deck's colour, then its id
        copies = sum(c.quantity for c in deck.cards)
        decks.add_row(swatch, deck.name[lang], deck.domain, str(len(deck.cards)), str(copies),
                      ", ".join(deck.languages), deck.version, escape(str(deck.source)))
    print_whole(console, decks)
    if args.sources:  # the review of the sources, instead of the cards and criteria (which cite none)
        _list_sources(console, result.decks, args.lang)
        return EXIT_OK if result.ok else EXIT_PROBLEMS
    if not args.decks_only:
        for deck in result.decks:
            lang = args.lang if args.lang in deck.languages else deck.default_language
            cards = Table(title=f"{deck.name[lang]} ({deck.id})", title_justify="left")
            for col in (tr("id"), tr("title"), tr("scale"), tr("cost"), tr("horizon"), tr("SDGs")):
                cards.add_column(col, no_wrap=col in (tr("id"), tr("cost"), tr("horizon")))
            for card in deck.cards:
                cards.add_row(card.id, card.title[lang], ", ".join(s.value for s in card.scale), card.cost.value,
                              card.horizon.value, " ".join(map(str, card.sdgs)))
            print_whole(console, cards)
    for crit in result.criteria:
        lang = args.lang if args.lang in crit.languages else crit.languages[0]
        table = Table(title=tr("Criteria: {name} ({id})").format(name=crit.name[lang], id=crit.id),
                      title_justify="left")
        for col in (tr("id"), tr("label"), tr("direction"), tr("weight"), tr("levels")):
            table.add_column(col)
        for c in crit.criteria:
            table.add_row(c.id, c.label[lang], c.direction.value, f"{c.weight:g}", f"{c.lowest}-{c.highest}")
        print_whole(console, table)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _list_sources(console: Console, decks: list[Deck], lang: str) -> None:
    """`list --sources`: every example with its source and the date it was checked, for a review before a
    workshop; what has none is said in words, and a count closes the list."""
    from rich.table import Table

    from cardengine.cli.terminal import print_whole

    examples = sourced = checked = 0
    for deck in decks:
        shown = lang if lang in deck.languages else deck.default_language
        table = Table(title=tr("Sources: {name} ({id})").format(name=deck.name[shown], id=deck.id),
                      title_justify="left")
        for col in (tr("id"), tr("example"), tr("source"), tr("checked")):
            table.add_column(col, no_wrap=col in (tr("id"), tr("checked")))
        for card in deck.cards:
            for example in card.examples:
                examples += 1
                sourced += bool(example.source)
                checked += bool(example.checked)
                table.add_row(card.id, example.text[shown], example.source or tr("(no source)"),
                              example.checked or tr("(not checked)"))
        if table.rows:
            print_whole(console, table)
    console.print(tr("{examples}: {sourced} with a source, {checked} with a checked date").format(
        examples=ntr("{n} example(s)", "{n} example(s)", examples).format(n=examples), sourced=sourced,
        checked=checked), markup=False, highlight=False)


def cmd_schema(args: argparse.Namespace) -> int:
    from cardengine.cli.terminal import raw
    from cardengine.schemas import schema_text

    raw(sys.stdout).write(schema_text(args.kind))  # data, byte for byte: not escaped for a terminal
    return EXIT_OK


def cmd_export_csv(args: argparse.Namespace) -> int:
    from cardengine.outputs import OutputSet

    if not args.deck.is_file():
        return usage_error(tr("no such deck file: {path}").format(path=args.deck))
    out = OutputSet(inputs=[args.deck], owned=_is_deck_csv, force=args.force, command="cardengine export-csv")
    if args.output:
        out.claim(args.output, follow_links=True)  # refuse before reading the deck

    from cardengine.decks.load import load_deck
    from cardengine.decks.spreadsheet import deck_to_csv

    deck, problems = load_deck(args.deck)
    report(problems)
    if deck is None:
        print(tr("cardengine: {path} has errors; fix them before exporting").format(path=args.deck), file=sys.stderr)
        return EXIT_PROBLEMS
    text = deck_to_csv(deck, delimiter=";" if args.delimiter == "semicolon" else ",")
    if args.output:
        with out:
            out.write(args.output, text.encode("utf-8-sig" if args.bom else "utf-8"), follow_links=True)
        print(_wrote_cards(args.output, len(deck.cards)), file=sys.stderr)
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
        return usage_error(tr("no such CSV file: {path}").format(path=args.file))
    # Replacing the cards of an existing deck is this command's purpose, but never its own CSV or a workshop.
    out = OutputSet(inputs=[args.file], command="cardengine import-csv")
    out.claim(args.output, follow_links=True)
    if args.output.exists():
        existing, problems = load_deck(args.output)
        if existing is None:
            report(problems)
            print(tr("cardengine: {path} exists but has errors; fix it or write to a new file").format(
                path=args.output), file=sys.stderr)
            return EXIT_PROBLEMS
        header = DeckHeader.from_deck(existing)
    else:
        missing = [flag for flag, value in (("--deck-id", args.deck_id), ("--name", args.name),
                                            ("--colour", args.colour)) if not value]
        if missing:
            return usage_error(tr("{path} does not exist yet, so give the new deck's {options} (or write into an "
                                  "existing deck)").format(path=args.output, options=", ".join(missing)))
        try:
            names = dict(item.split("=", 1) for item in args.name)
        except ValueError:
            return usage_error(tr("--name takes LANG=TEXT, e.g. --name it=Acqua --name en=Water"))
        header = DeckHeader(id=args.deck_id, domain=args.domain or args.deck_id, name=names,
                            colour=args.colour, version=args.version, licence=args.licence,
                            authors=args.author or ["cardengine contributors"])
    deck, problems = csv_to_deck(args.file, header, args.output)
    report(problems)
    if deck is None:
        print(tr("cardengine: nothing written; fix the problems in {path} and import again").format(path=args.file),
              file=sys.stderr)
        return EXIT_PROBLEMS
    with out:
        out.write(args.output, deck_to_yaml(deck).encode("utf-8"), follow_links=True)
    print(_wrote_cards(args.output, len(deck.cards)), file=sys.stderr)
    return EXIT_OK


def _wrote_cards(path: Path, cards: int) -> str:
    return ntr("wrote {path} ({n} cards)", "wrote {path} ({n} cards)", cards).format(path=path, n=cards)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("validate", help=tr("check deck and criteria files; exit 1 if any has a problem"))
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=tr(PATHS_HELP))
    p.add_argument("--layout", help=tr("also check a layout (id or file): its geometry, and its templates on "
                                    "every card of the decks"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("list", help=tr("show decks and their cards as tables"))
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=tr(PATHS_HELP))
    p.add_argument("--lang", default="en", help=tr("language of titles (default: en)"))
    p.add_argument("--decks-only", action="store_true", help=tr("list the decks without their cards"))
    p.add_argument("--sources", action="store_true",
                   help=tr("list every example with its source and the date it was checked, instead of the cards"))
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("schema", help=tr("print the JSON Schema of deck, criteria or layout files"))
    p.add_argument("kind", choices=["deck", "criteria", "layout", "sheet"])
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("export-csv", help=tr("write a deck's cards as CSV for a spreadsheet"))
    p.add_argument("deck", type=Path, metavar="DECK")
    p.add_argument("-o", "--output", type=Path, help=tr("CSV file to write (default: standard output)"))
    p.add_argument("--delimiter", choices=["comma", "semicolon"], default="comma",
                   help=tr("semicolon suits Italian-locale Excel (default: comma)"))
    p.add_argument("--bom", action=argparse.BooleanOptionalAction, default=True,
                   help=tr("start with a UTF-8 byte-order mark so Excel reads accents right (default: on)"))
    p.add_argument("--force", action="store_true",
                   help=tr("replace an existing -o file that is not a card CSV (never a workshop file or the deck)"))
    p.set_defaults(func=cmd_export_csv)

    p = sub.add_parser("import-csv", help=tr("read cards from a CSV into a deck file"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DECK.yaml",
                   help=tr("deck to write; if it exists its deck fields are kept and its cards replaced"))
    p.add_argument("--deck-id", help=tr("id of a new deck"))
    p.add_argument("--domain", help=tr("domain of a new deck (default: its id)"))
    p.add_argument("--name", action="append", metavar="LANG=TEXT", help=tr("name of a new deck, once per language"))
    p.add_argument("--colour", help=tr("colour of a new deck, #RRGGBB"))
    p.add_argument("--version", default="1.0", help=tr("version of a new deck (default: 1.0)"))
    p.add_argument("--licence", default="CC-BY-SA-4.0", help=tr("licence of a new deck (default: CC-BY-SA-4.0)"))
    p.add_argument("--author", action="append", help=tr("author of a new deck (repeatable)"))
    p.set_defaults(func=cmd_import_csv)
