"""`cardengine session ACTION`: the parser of every session action (the actions live in session_files.py, what
makes and reads a workshop file, and session_record.py, what a table does)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cardengine.cli import session_files as files
from cardengine.cli import session_record as record
from cardengine.cli import session_sync
from cardengine.cli.common import Command
from cardengine.i18n import tr

COMMENT_KINDS = ["barrier", "enabler", "question", "quote"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from cardengine.cli.args import MAX_ROUND, language_code, whole_number

    session = sub.add_parser("session", help=tr("record a workshop from the shell: tables, picks, scores, proposals"))
    ss = session.add_subparsers(dest="session_command", metavar="ACTION")
    ss.required = True

    def action(name: str, func: Command, help: str, table: bool = True) -> argparse.ArgumentParser:
        p = ss.add_parser(name, help=help)
        p.add_argument("workshop", type=Path, metavar="W.db")
        if table:
            p.add_argument("--table", required=True, help=tr("table name"))
        p.set_defaults(func=func)
        return p

    p = action("new", files.cmd_new, tr("create a workshop file"), table=False)
    p.add_argument("--title", required=True)
    p.add_argument("--territory", required=True)
    p.add_argument("--date", required=True, help=tr("YYYY-MM-DD"))
    p.add_argument("--lang", default="it", type=language_code, metavar="LANG",
                   help=tr("language of the workshop (default: it)"))
    p.add_argument("--place", default="")
    p.add_argument("--facilitator", default="")
    p.add_argument("--decks", type=Path,
                   help=tr("folder of decks (default: ./decks, else the decks that come with cardengine)"))
    p.add_argument("--criteria", type=Path,
                   help=tr("criteria file (default: the decks folder's criteria.yaml, else the bundled criteria)"))
    p.add_argument("--example", action="store_true",
                   help=tr("mark the workshop as example data, not from a real workshop"))

    p = action("add-table", record.cmd_add_table, tr("add a table"), table=False)
    p.add_argument("name")
    p.add_argument("--area", default="", help=tr("territorial macro-area"))
    p.add_argument("--note-taker", default="")

    p = action("add-participant", record.cmd_add_participant, tr("add a participant (pseudonymous label)"), table=False)
    p.add_argument("label")
    p.add_argument("--type", required=True, help=tr("company, public-authority, utility, association, expert, citizen"))
    p.add_argument("--organisation", default="")
    p.add_argument("--table")

    p = action("pick", record.cmd_pick, tr("log picked cards"))
    p.add_argument("cards", nargs="+", metavar="CARD_ID")
    p.add_argument("--kind", default="selected", choices=["selected", "favourite", "discarded"])
    p.add_argument("--round", type=whole_number(1, MAX_ROUND), default=1)

    p = action("score", record.cmd_score, tr("score a picked card or proposal on criteria"))
    p.add_argument("target", metavar="CARD_ID|P1")
    p.add_argument("values", nargs="+", metavar="CRITERION=VALUE", help=tr("value on the scale, or na"))
    p.add_argument("--by", help=tr("participant (default: the table's consensus)"))

    p = action("comment", record.cmd_comment, tr("note a comment"))
    p.add_argument("card", metavar="CARD_ID|P1",
                   help=tr("the card or proposal discussed, or - for the table in general"))
    p.add_argument("--kind", required=True, choices=COMMENT_KINDS)
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--by")

    p = action("propose", record.cmd_propose, tr("record a new proposal combining cards"))
    p.add_argument("--title", required=True)
    p.add_argument("--cards", required=True, help=tr("ID,ID"))
    p.add_argument("--description", default="")
    p.add_argument("--lead", default="", help=tr("lead actors, comma-separated"))
    p.add_argument("--where", default="")

    p = action("update-proposal", record.cmd_update_proposal, tr("change a proposal's text or cards"))
    p.add_argument("ref", metavar="P1")
    p.add_argument("--title")
    p.add_argument("--description")
    p.add_argument("--where")
    p.add_argument("--cards", help=tr("ID,ID"))
    p.add_argument("--lead", help=tr("lead actors, comma-separated (an empty value clears them)"))

    action("comments", files.cmd_comments, tr("list the table's comments, numbered for edit-comment"))
    p = action("edit-comment", record.cmd_edit_comment, tr("change a comment's kind, text or author"))
    p.add_argument("comment", metavar="N", help=tr("its number in `session comments` (or its event id)"))
    p.add_argument("--kind", choices=COMMENT_KINDS)
    p.add_argument("--text")
    p.add_argument("--by", help=tr("participant (an empty value: nobody)"))
    p = action("update-table", record.cmd_update_table, tr("change a table's macro-area or note-taker"))
    p.add_argument("--area")
    p.add_argument("--note-taker", dest="note_taker")

    p = action("priorities", record.cmd_priorities, tr("set the table's priority ranking of domains and cards"))
    p.add_argument("--domains", help=tr("domain,domain in order"))
    p.add_argument("--cards", help=tr("ID,ID in order"))

    action("undo", record.cmd_undo, tr("undo the table's last action"))
    action("redo", record.cmd_redo, tr("redo what the table last undid"))
    p = action("show", files.cmd_show, tr("show tables, rankings and counts"), table=False)
    p.add_argument("--json", action="store_true")
    p = action("copy", files.cmd_copy, tr("copy a workshop file, also while it is in use, for another laptop or a "
               "backup"), table=False)
    p.add_argument("output", type=Path, metavar="COPY.db", help=tr("a new file (never an existing one)"))
    action("check", files.cmd_check, tr("list the file's invalid events (exit 1 if any)"), table=False)
    p = action("sync", session_sync.cmd_sync, tr("send this laptop's events to the workshop's server and take the "
               "other laptops' (exit 1 if it cannot)"), table=False)
    p.add_argument("url", metavar="URL", help=tr("the laptop URL that `cardengine serve` prints"))
    p.add_argument("--watch", action="store_true", help=tr("keep in step until Ctrl-C"))
