"""`cardengine compare W1.db W2.db ... -o DIR`: the researchers' comparison report."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from cardengine.cli.common import EXIT_OK, EXIT_USAGE, fail
from cardengine.escaping import escape
from cardengine.i18n import ntr, tr, tr_later

# What --by groups by, as the summary line says it ("in 3 groups by territory"); the option keeps its English codes.
BY_WORDS = {"territory": tr_later("territory"), "workshop": tr_later("workshop"), "table": tr_later("table")}


def cmd_compare(args: argparse.Namespace) -> int:
    missing = [p for p in args.workshops if not p.is_file()]
    if missing:
        lines = [(tr("{path}: not a file") if p.exists() else tr("{path}: no such workshop file")).format(path=p)
                 for p in missing]
        lines.append(tr("give the .db files of the workshops to compare, e.g. examples/*.db"))
        return fail("\n".join(lines), EXIT_USAGE)
    if args.output.exists() and not args.output.is_dir():
        return fail(tr("{path} is a file; -o needs a folder for the report").format(path=args.output), EXIT_USAGE)
    from cardengine.compare.run import CompareError, distinct_files, load_facts, write_report

    started = time.perf_counter()
    workshops, repeats = distinct_files(args.workshops)
    for warning in repeats:
        print(tr("warning: {message}").format(message=escape(warning)), file=sys.stderr)
    try:
        facts = load_facts(workshops, jobs=args.jobs)
        # The facts live until the end (a thousand workshops: millions of objects): frozen, the garbage
        # collections while comparing and writing stop walking them again and again (0.5 s or more of CPU).
        gc.freeze()
        result = write_report(facts, args.output, by=args.by, lang=args.lang, inputs=args.workshops,
                              command=["cardengine", *sys.argv[1:]], licence=args.licence or "",
                              bootstrap=args.bootstrap, seed=args.seed, min_tables=args.min_tables)
    except CompareError as exc:
        return fail(tr("{problem}\nnothing was written").format(problem=exc))
    finally:
        gc.unfreeze()  # collectable again once dropped (the command can run inside a longer-lived process)
    cmp = result.comparison
    tables = sum(len(w.tables) for w in facts)
    compared = tr("compared {workshops}, {tables}, in {groups} by {by}").format(
        workshops=ntr("{n} workshop", "{n} workshops", len(facts)).format(n=len(facts)),
        tables=ntr("{n} table", "{n} tables", tables).format(n=tables),
        groups=ntr("{n} group", "{n} groups", len(cmp.groups)).format(n=len(cmp.groups)),
        by=tr(BY_WORDS.get(args.by, args.by)))
    print(compared + (tr(" (example data)") if cmp.example else ""))
    for warning in [*cmp.warnings, *result.warnings]:
        print(tr("warning: {message}").format(message=escape(warning)), file=sys.stderr)
    for path in result.files:
        if path.suffix != ".csv":
            print(tr("wrote {path}").format(path=escape(str(path))))
    csvs = [p for p in result.files if p.suffix == ".csv"]
    if csvs:
        print(ntr("wrote {n} CSV tables in {folder}/ (described in datapackage.json)",
                  "wrote {n} CSV tables in {folder}/ (described in datapackage.json)", len(csvs)).format(
            n=len(csvs), folder=escape(str(args.output))))
    print(tr("done in {seconds:.1f} s").format(seconds=time.perf_counter() - started))
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from cardengine.cli.args import MAX_JOBS, language_code, whole_number

    p = sub.add_parser("compare", help=tr("compare workshops across territories: HTML and PDF report, CSV tables"),
                       description=tr("Compare workshops: picks, feasibility, disagreement, agreement and proposals "
                                   "per territory (or workshop, or table). Writes report.html, report.pdf and "
                                   "the tidy CSV tables behind every chart into the output folder."))
    p.add_argument("workshops", nargs="+", type=Path, metavar="WORKSHOP.db")
    p.add_argument("--by", choices=["territory", "workshop", "table"], default="territory",
                   help=tr("what to compare side by side (default: territory)"))
    p.add_argument("--lang", type=language_code, metavar="LANG",
                   help=tr("language of the report (default: the workshops')"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help=tr("folder for the report"))
    p.add_argument("--licence", metavar="SPDX-ID",
                   help=tr("licence of the data, chosen by their owner (e.g. CC-BY-4.0, CC0-1.0); recorded in the "
                        "data package and the report (default: CC-BY-4.0, marked as cardengine's default)"))
    p.add_argument("--jobs", type=whole_number(1, MAX_JOBS), default=None,
                   help=tr("processes reading files (default: one per core)"))
    p.add_argument("--bootstrap", type=whole_number(0, 10_000), default=1000, metavar="B",
                   help=tr("resamples of each group's tables for the 95%% confidence intervals (default 1000; "
                           "0 = none)"))
    p.add_argument("--seed", type=whole_number(0, 2**32 - 1), default=1, metavar="S",
                   help=tr("seed of the resampling: the same seed gives the same intervals (default 1)"))
    p.add_argument("--min-tables", type=whole_number(1, 1000), default=2, metavar="N",
                   help=tr("figures resting on fewer tables are greyed in charts, marked in tables and left out of "
                        "top lists (default 2; the CSV tables keep them, with their number of tables)"))
    p.set_defaults(func=cmd_compare)
