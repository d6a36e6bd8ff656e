"""`cardengine build` and `calibrate`: print-ready PDFs of decks, and the page that measures a printer's offset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from cardengine.cli.common import EXIT_OK, EXIT_PROBLEMS, report, usage_error
from cardengine.i18n import ntr, tr

if TYPE_CHECKING:
    from rich.progress import TaskID

    from cardengine.printing.build_stream import ProgressBar
    from cardengine.printing.pdfx import OutputProfile
    from cardengine.printing.render import PrintOptions


def _print_options(args: argparse.Namespace) -> PrintOptions:
    from cardengine.cli.args import BLEED_RANGE, out_of_range
    from cardengine.printing.offsets import parse_offset
    from cardengine.printing.render import PrintOptions

    offset = parse_offset(args.back_offset)
    if isinstance(offset, str):
        raise SystemExit(usage_error(offset))
    dx, dy = offset
    bad_bleed = out_of_range("--bleed", args.bleed, *BLEED_RANGE, millimetres=True)
    if bad_bleed:
        raise SystemExit(usage_error(bad_bleed))
    return PrintOptions(sheet=args.sheet, duplex=args.duplex, bleed=args.bleed, crop_marks=args.crop_marks,
                        cmyk=args.cmyk, back_offset=(dx, dy), backs=getattr(args, "backs", "details"))


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
        probe = layout_size(args.layout)
        if probe is None:
            return EXIT_PROBLEMS
        try:
            sheet_plan = plan_for(options.sheet, Size(*probe), options.bleed, options.duplex,
                                  options.back_offset)
        except InputError as exc:
            report(exc.problems)
            return EXIT_PROBLEMS
    from cardengine.printing.build_stream import build_decks

    written = build_decks(args, options, profile, sheet_plan, _progress_bar())  # one deck at a time
    if written is None:
        return EXIT_PROBLEMS
    for out, cards, pages in written:
        print(tr("wrote {path} ({cards}, {pages})").format(
            path=out, cards=ntr("{n} cards", "{n} cards", cards).format(n=cards),
            pages=ntr("{n} pages", "{n} pages", pages).format(n=pages)))
    if sheet_plan:
        print(sheet_summary(sheet_plan, options.duplex))
    return EXIT_OK


class _NoProgress:
    """Progress for output that is not a terminal (a script, a log): nothing to draw, and Rich not imported."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: int | None) -> TaskID:
        return cast("TaskID", 0)

    def advance(self, task: TaskID, n: int) -> None:
        return None

    def update(self, task: TaskID, total: int) -> None:
        return None


def _progress_bar() -> ProgressBar[TaskID]:
    if not sys.stdout.isatty():
        return _NoProgress()
    from rich.console import Console
    from rich.progress import Progress

    from cardengine.cli.terminal import raw

    return Progress(console=Console(file=raw(sys.stdout)), transient=True)  # Rich's own escapes


def _output_profile(args: argparse.Namespace) -> OutputProfile | int | None:
    """The --icc profile (None without it), or the exit code after saying what is wrong with it."""
    if args.icc is None:
        return None
    from cardengine.printing.pdfx import PdfxProblem, read_output_profile

    if not args.cmyk:
        return usage_error(tr("--icc {path} makes a PDF/X file, which is CMYK: add --cmyk").format(path=args.icc))
    try:
        return read_output_profile(args.icc)
    except PdfxProblem as exc:
        return usage_error(tr("{problem}; nothing built").format(problem=exc))


def layout_size(name: str) -> tuple[float, float] | None:
    """The card size of layout `name`; None after reporting why it cannot be loaded."""
    from cardengine.printing.layout import load_layout
    from cardengine.problems import InputError

    try:
        layout = load_layout(name)
    except InputError as exc:
        report(exc.problems)
        return None
    return layout.width, layout.height


def cmd_calibrate(args: argparse.Namespace) -> int:
    from cardengine.printing.calibrate import cmd_calibrate as run

    return run(args)


def printing_args(p: argparse.ArgumentParser) -> None:
    """The options build and preview share."""
    p.add_argument("decks", nargs="*", type=Path, metavar="DECK",
                   help=tr("deck files or folders (default: ./decks, else the bundled decks)"))
    p.add_argument("--layout", default="poker", help=tr("layout id in layouts/ or a layout file (default: poker)"))
    p.add_argument("--lang", help=tr("language to print (default: each deck's first language)"))
    p.add_argument("-o", "--output", type=Path, default=Path("out"), help=tr("output folder (default: out/)"))
    p.add_argument("--watch", action="store_true", help=tr("then keep watching the decks, their images and the "
                   "layout, and rebuild a deck when one of its files is saved (Ctrl-C to stop)"))


def add_build_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help=tr("make print-ready PDFs of decks"))
    printing_args(p)
    p.add_argument("--sheet", default="a4", metavar="SHEET",
                   help=tr("sheet template to impose cards on: a4, a3, letter, sra3, avery-5388, ... or a template "
                        "file (layouts/sheets/*.yaml); none for one card per page with bleed (default: a4)"))
    p.add_argument("--duplex", choices=["long-edge", "short-edge", "off", "fold"], default="long-edge",
                   help=tr("how the printer flips the paper for the backs; fold: each front beside its back on one "
                        "page, to fold along the marked line (default: long-edge)"))
    p.add_argument("--bleed", type=float, default=3.0, help=tr("bleed in mm (default: 3)"))
    p.add_argument("--crop-marks", action=argparse.BooleanOptionalAction, default=True,
                   help=tr("crop marks around the cards on sheets (default: on)"))
    p.add_argument("--cmyk", action="store_true", help=tr("make every colour in the PDF CMYK"))
    p.add_argument("--icc", type=Path, metavar="FILE", help=tr("with --cmyk: write PDF/X-4 with this CMYK output "
                   "ICC profile (from your print shop) as its output intent"))
    p.add_argument("--back-offset", default="0,0", metavar="X,Y",
                   help=tr("shift backs by X,Y mm to correct a printer's duplex misalignment"))
    p.add_argument("--backs", choices=["details", "deck"], default="details",
                   help=tr("behind each card: its details side (description, co-benefits, barriers, example) where the "
                        "layout has one, or deck: the deck's common back (series, logo, version), for cards drawn "
                        "face down; writes ...-common-back.pdf (default: details)"))
    p.set_defaults(func=cmd_build)


def add_calibrate_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("calibrate", help=tr("write a two-sided page that measures your printer's front-to-back "
                                         "offset, for build --back-offset"))
    p.add_argument("--sheet", choices=["a4", "letter"], default="a4", help=tr("paper (default: a4)"))
    p.add_argument("--duplex", choices=["long-edge", "short-edge"], default="long-edge",
                   help=tr("how the printer flips the paper, as you will build (default: long-edge)"))
    p.add_argument("--back-offset", default="0,0", metavar="X,Y",
                   help=tr("print with this correction to check it: every arrow then points at 0"))
    p.add_argument("-o", "--output", type=Path, help=tr("PDF file to write (default: calibrate-SHEET-DUPLEX.pdf)"))
    p.add_argument("--force", action="store_true", help=tr("replace an existing file this command did not write"))
    p.set_defaults(func=cmd_calibrate)
