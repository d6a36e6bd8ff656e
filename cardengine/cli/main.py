"""The `cardengine` command line: the parser of every command group, and running the one asked for.

Each command group lives in its own module and imports what it needs when it runs, so start-up stays fast."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence

from cardengine import __version__
from cardengine.cli import build, compare, decks, preview, serve, session, tui, workshops
from cardengine.cli.common import EXIT_OK, EXIT_USAGE, usage_error
from cardengine.i18n import set_language, tr


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cardengine",
        description=tr("Co-design card decks: validate, print, record workshop sessions and compare them."))
    parser.add_argument("--version", action="version", version=f"cardengine {__version__}",
                        help=tr("show program's version number and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    decks.add_parsers(sub)  # validate, list, schema, export-csv, import-csv
    build.add_build_parser(sub)
    preview.add_parser(sub)
    build.add_calibrate_parser(sub)
    tui.add_parser(sub)
    session.add_parser(sub)
    workshops.add_parsers(sub)  # merge, export, import, proposals
    compare.add_parser(sub)
    serve.add_parser(sub)
    return parser


def language(environ: Mapping[str, str]) -> str | None:
    """The language the command line speaks: CARDENGINE_LANG, else the locale's (LANGUAGE, LC_ALL, LC_MESSAGES,
    LANG, read as gettext reads them), else English; None when CARDENGINE_LANG is not a language code. Words
    without a translation in that language show in English."""
    from cardengine.i18n import LANGUAGE_CODE

    chosen = environ.get("CARDENGINE_LANG", "")
    if chosen:
        return chosen if LANGUAGE_CODE.fullmatch(chosen) else None
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:  # it_IT.UTF-8, fr_CA, de:en (LANGUAGE); C and POSIX mean no language: English
            code = value.split(":")[0].split(".")[0].split("@")[0].split("_")[0]
            return code if LANGUAGE_CODE.fullmatch(code) else "en"
    return "en"


def main(argv: Sequence[str] | None = None) -> int:
    from cardengine.cli.terminal import EscapingStream

    streams = sys.stdout, sys.stderr
    # Names never drive the terminal.
    sys.stdout, sys.stderr = EscapingStream(sys.stdout), EscapingStream(sys.stderr)
    try:
        chosen = language(os.environ)
        set_language(chosen or "en")
        if chosen is None:
            return usage_error(tr("CARDENGINE_LANG takes a language code such as it, en, fr or pt-BR, not {text!r}")
                               .format(text=os.environ["CARDENGINE_LANG"][:20]))
        from cardengine.cli.argparse_words import speaking

        with speaking():
            return _run(build_parser(), argv)
    finally:
        sys.stdout.flush()
        sys.stdout, sys.stderr = streams


def _run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    from cardengine.cli.args import attach_offsets
    from cardengine.outputs import OutputError

    args = parser.parse_args(attach_offsets(list(sys.argv[1:] if argv is None else argv)))
    try:
        code: int = args.func(args)
        return code
    except OutputError as exc:  # an output refused or not writable (disk full...): nothing was written
        print(tr("cardengine: error: {message}").format(message=exc), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not bad input: say so in one line and keep the details for a report
        import errno

        if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:  # bad input after all
            name = str(exc.filename or "")
            print(tr("cardengine: error: a file name is too long ({count} characters: {start}...): give a shorter "
                     "one").format(count=len(name), start=name[:40]), file=sys.stderr)
            return EXIT_USAGE
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="cardengine-crash-", suffix=".txt", delete=False) as f:
            traceback.print_exc(file=f)
        print(tr("cardengine: internal error ({error}: {message}); details in {path}; please report it").format(
            error=type(exc).__name__, message=exc, path=f.name), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
