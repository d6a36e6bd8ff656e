"""`cardengine merge`, `export`, `import` and `proposals`: workshop files combined, exported, rebuilt from JSON,
and their proposals written as a printable deck."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cardengine.cli.common import EXIT_OK, fail, with_workshop
from cardengine.i18n import ntr, tr

if TYPE_CHECKING:
    from cardengine.sessions.workshop import Workshop


def cmd_merge(args: argparse.Namespace) -> int:
    from cardengine.sessions.merge import merge_files
    from cardengine.sessions.store import StoreError

    try:
        added = merge_files(args.inputs, args.output)
    except StoreError as exc:
        return fail(str(exc))
    print(tr("merged {files} into {path}: {events}").format(
        files=ntr("{n} file(s)", "{n} file(s)", len(args.inputs)).format(n=len(args.inputs)), path=args.output,
        events=ntr("{n} new event(s)", "{n} new event(s)", added).format(n=added)))
    return EXIT_OK


@with_workshop
def cmd_export(w: Workshop, args: argparse.Namespace) -> int:
    from cardengine.compare.workshop_export import export

    for path in export(w, args.format, args.output):
        print(tr("wrote {path}").format(path=path))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from cardengine.sessions.exports import import_json
    from cardengine.sessions.store import StoreError

    try:
        count = import_json(args.file, args.output)
    except StoreError as exc:
        return fail(str(exc))
    print(ntr("wrote {path} ({n} events)", "wrote {path} ({n} events)", count).format(path=args.output, n=count))
    return EXIT_OK


def cmd_proposals(args: argparse.Namespace) -> int:
    from cardengine.outputs import OutputSet

    OutputSet(inputs=[args.workshop]).claim(args.output, follow_links=True)  # -o is the workshop? before opening it
    return _write_proposals(args)


@with_workshop
def _write_proposals(w: Workshop, args: argparse.Namespace) -> int:
    from cardengine.decks.write import deck_to_yaml
    from cardengine.outputs import OutputSet
    from cardengine.sessions.proposals import marked, marked_for, proposals_deck

    # The command may replace its own earlier output for this workshop, anything else only with --force.
    out = OutputSet(inputs=[args.workshop], owned=lambda path: marked_for(path) == w.state.id, force=args.force,
                    command="cardengine proposals")
    other = marked_for(args.output) if not args.force else None
    if other not in (None, w.state.id):  # the generic refusal would say "not written by proposals": it was
        return fail(tr("{path} holds the proposals of another workshop (id {id}); it was left untouched: choose "
                       "another file name, or add --force to replace it").format(path=args.output, id=other))
    out.claim(args.output, follow_links=True)
    deck, problems = proposals_deck(w.state, args.output)
    for problem in problems:
        print(problem, file=sys.stderr)
    if deck is None:
        return fail(tr("nothing written to {path}; fix the proposals above (session update-proposal)").format(
            path=args.output))
    with out:
        out.write(args.output, marked(deck_to_yaml(deck), w.state.id).encode("utf-8"), follow_links=True)
    print(ntr("wrote {path} ({n} cards)", "wrote {path} ({n} cards)", len(deck.cards)).format(
        path=args.output, n=len(deck.cards)))
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("merge", help=tr("combine workshop files of several laptops"))
    p.add_argument("inputs", nargs="+", type=Path, metavar="A.db")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="WORKSHOP.db")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("export", help=tr("export a workshop as JSON, tidy CSV tables, YAML or its comments as a "
                                      "REFI-QDA project (qdpx: QualCoder, ATLAS.ti, MAXQDA, NVivo)"))
    p.add_argument("workshop", type=Path, metavar="WORKSHOP.db")
    p.add_argument("--format", choices=["json", "csv", "yaml", "qdpx"], default="json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help=tr("rebuild a workshop file from its JSON export"))
    p.add_argument("file", type=Path, metavar="workshop.json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="WORKSHOP.db")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("proposals", help=tr("write a workshop's proposals as a printable deck"))
    p.add_argument("workshop", type=Path, metavar="WORKSHOP.db")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="decks/proposals-NAME.yaml")
    p.add_argument("--force", action="store_true",
                   help=tr("replace an existing file that is not this workshop's proposals deck "
                        "(never a workshop file)"))
    p.set_defaults(func=cmd_proposals)
