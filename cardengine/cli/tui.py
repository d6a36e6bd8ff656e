"""`cardengine tui`: start the note-taker's terminal app (imported only when the command runs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cardengine.cli.args import language_code
from cardengine.cli.common import EXIT_OK, usage_error
from cardengine.i18n import tr


def cmd_tui(args: argparse.Namespace) -> int:
    from cardengine.sessions import name_problem
    from cardengine.sessions.store import StoreError

    problem = name_problem(args.table, "table name") if args.table is not None else None
    if problem:  # refused before the app takes the screen
        return usage_error(tr("--table: {problem}").format(problem=problem))
    if args.sync is not None:
        from cardengine.sync import ProtocolError, parse_sync_url

        if args.workshop is None:
            return usage_error(tr("--sync needs the workshop file: cardengine tui W.db --sync URL"))
        try:
            parse_sync_url(args.sync)
        except ProtocolError as exc:
            return usage_error(tr("--sync: {problem}").format(problem=exc))
    try:
        from cardengine.sessions.workshop import ActionError
        from cardengine_tui.app import make_app

        app = make_app(args.workshop, table=args.table, language=args.lang, sync_url=args.sync)
    except (StoreError, ActionError) as exc:  # ActionError: a --table name that cannot be added
        return usage_error(str(exc))
    app.run()
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("tui", help=tr("the note-taker's terminal app"))
    p.add_argument("workshop", nargs="?", type=Path, metavar="WORKSHOP.db")
    p.add_argument("--table", help=tr("the table this laptop records (created if new)"))
    p.add_argument("--lang", type=language_code, metavar="LANG",
                   help=tr("language of the app (default: the workshop's)"))
    p.add_argument("--sync", metavar="URL", help=tr("keep the workshop file in step with the workshop's server "
                                                    "(the laptop URL that `cardengine serve` prints)"))
    p.set_defaults(func=cmd_tui)
