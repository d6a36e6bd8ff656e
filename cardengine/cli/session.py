"""`cardengine session ...`, `merge`, `export`, `import` and `proposals`: workshops from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_PROBLEMS) -> int:
    from cardengine.sessions.event_check import escape

    for line in message.splitlines() or [""]:  # one prefixed line per problem
        print(f"cardengine: error: {escape(line)}", file=sys.stderr)  # a name from a file may hold \x1b
    return code


def _say(text: str) -> None:
    """A confirmation: it repeats what the user typed (a --table with \x1b matches the table by its letters),
    so it is printed escaped."""
    from cardengine.sessions.event_check import escape

    print(escape(text))


def _warn_skipped(w) -> None:
    """A workshop holding invalid events (older versions, hand edits) opens without them; say so."""
    if w.state.skipped:
        print(f"cardengine: warning: {w.store.path}: {len(w.state.skipped)} invalid event(s) left out; list them "
              f"with `cardengine session check {w.store.path}`", file=sys.stderr)


def _with_workshop(action: Callable) -> Callable:
    """Open the workshop file, run the action, report engine errors as one line (exit 1)."""

    def run(args: argparse.Namespace) -> int:
        from cardengine.sessions.store import StoreError
        from cardengine.sessions.workshop import ActionError, Workshop

        try:
            with Workshop.open(args.workshop) as workshop:
                _warn_skipped(workshop)
                return action(workshop, args)
        except (StoreError, ActionError) as exc:
            return _fail(str(exc))

    return run


def cmd_new(args: argparse.Namespace) -> int:
    from cardengine.bundled import default_decks
    from cardengine.decks.load import load_for_workshop
    from cardengine.sessions.store import StoreError
    from cardengine.sessions.workshop import ActionError, Workshop, WorkshopInfo

    result, criteria = load_for_workshop(args.decks, args.criteria)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not result.ok or not result.decks or criteria is None:
        return _fail(f"the decks in {args.decks or default_decks()} or the criteria are not usable; "
                     "run cardengine validate")
    info = WorkshopInfo(title=args.title, territory=args.territory, date=args.date, language=args.lang,
                        place=args.place, facilitator=args.facilitator, example=args.example)
    try:
        with Workshop.create(args.workshop, info, result.decks, criteria) as w:
            print(f"created {args.workshop}: {w.state.title}, {w.state.territory}, {w.state.date} "
                  f"({len(w.state.decks)} decks, {len(w.state.cards)} cards, criteria {criteria.id})"
                  + (", marked as example data" if w.state.example else ""))
    except (StoreError, ActionError) as exc:
        return _fail(str(exc))
    return EXIT_OK


@_with_workshop
def cmd_add_table(w, args) -> int:
    key = w.add_table(args.name, area=args.area, note_taker=args.note_taker)
    _say(f"saved: table {args.name} ({key})")
    return EXIT_OK


@_with_workshop
def cmd_add_participant(w, args) -> int:
    key = w.add_participant(args.label, args.type, organisation=args.organisation, table=args.table)
    _say(f"saved: participant {args.label} ({key})")
    return EXIT_OK


@_with_workshop
def cmd_pick(w, args) -> int:
    events = w.pick_all(args.table, args.cards, kind=args.kind, round=args.round)  # all saved, or none
    for event in events:  # the ids as resolved (`en 01` -> EN-01), not as typed
        _say(f"saved: {event.payload['card']} {args.kind} at {args.table}")
    return EXIT_OK


def _value(text: str) -> int | None:
    if text.lower() in ("-", "na", "n/a", "none", "not-assessed"):
        return None
    return int(text)


@_with_workshop
def cmd_score(w, args) -> int:
    from cardengine.sessions.workshop import ActionError

    pairs = []
    for item in args.values:
        criterion, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            pairs.append((criterion, _value(value)))
        except ValueError:
            raise ActionError(f"'{item}' is not CRITERION=VALUE (a level such as technical=4, or technical=na "
                              "for not assessed)", "score_syntax", item=item) from None
    events = w.score_all(args.table, args.target, pairs, by=args.by)  # all saved, or none
    _say(f"saved: {len(pairs)} score(s) for {events[0].payload['target']} at {args.table}")
    return EXIT_OK


@_with_workshop
def cmd_comment(w, args) -> int:
    w.comment(args.table, args.kind, args.text, card=None if args.card == "-" else args.card, by=args.by)
    _say(f"saved: {args.kind} at {args.table}")
    return EXIT_OK


@_with_workshop
def cmd_propose(w, args) -> int:
    ref = w.propose(args.table, args.title, [c for c in args.cards.split(",") if c.strip()],
                    description=args.description, lead_actors=[a.strip() for a in args.lead.split(",") if a.strip()],
                    where=args.where)
    _say(f"saved: proposal {ref} at {args.table}")
    return EXIT_OK


@_with_workshop
def cmd_update_proposal(w, args) -> int:
    fields = {k: getattr(args, k) for k in ("title", "description", "where") if getattr(args, k) is not None}
    if args.lead is not None:
        fields["lead_actors"] = [a for a in args.lead.split(",") if a.strip()]
    if args.cards:
        fields["cards"] = [{"card": c} for c in args.cards.split(",") if c.strip()]
    event = w.update_proposal(args.table, args.ref, **fields)
    _say(f"saved: proposal {event.payload['ref']} at {args.table}")
    return EXIT_OK


@_with_workshop
def cmd_comments(w, args) -> int:
    from cardengine.sessions.event_check import escape

    table = w.state.tables[w.table_id(args.table)]
    for n, c in enumerate(table.comments, 1):
        about = c.card or c.proposal or "-"
        by = w.state.participants[c.by].label if c.by in w.state.participants else (c.by or "")
        print(escape(f"{n:>3}. {c.kind:<8} {about:<8} {by}") + "\n     " + escape(c.text))
    if not table.comments:
        print(escape(f"no comments at {table.name}"))
    return EXIT_OK


@_with_workshop
def cmd_edit_comment(w, args) -> int:
    w.edit_comment(args.table, args.comment, kind=args.kind, text=args.text, by=args.by)
    _say(f"saved: comment {args.comment} at {args.table}")
    return EXIT_OK


@_with_workshop
def cmd_update_table(w, args) -> int:
    w.update_table(args.table, area=args.area, note_taker=args.note_taker)
    _say(f"saved: details of table {args.table}")
    return EXIT_OK


@_with_workshop
def cmd_priorities(w, args) -> int:
    w.set_priorities(args.table, domains=[d for d in (args.domains or "").split(",") if d],
                     cards=[c for c in (args.cards or "").split(",") if c])
    _say(f"saved: priorities at {args.table}")
    return EXIT_OK


@_with_workshop
def cmd_undo(w, args) -> int:
    from cardengine.sessions.event_check import escape

    event = w.undo(args.table)
    print(escape(f"undone: {w.describe(event.payload['target'])} at {args.table}"))
    return EXIT_OK


@_with_workshop
def cmd_redo(w, args) -> int:
    from cardengine.sessions.event_check import escape

    event = w.redo(args.table)
    print(escape(f"redone: {w.describe(event.payload['target'])} at {args.table}"))
    return EXIT_OK


@_with_workshop
def cmd_show(w, args) -> int:
    from cardengine.sessions.event_check import escape
    from cardengine.sessions.exports import state_summary

    summary = state_summary(w.state)
    if args.json:
        text = json.dumps(summary, ensure_ascii=False, indent=2)
        if escape(text.replace("\n", "")) != text.replace("\n", ""):  # stored text with control characters
            text = json.dumps(summary, ensure_ascii=True, indent=2)  # JSON escapes them all as \uXXXX
        print(text)
        return EXIT_OK
    info = summary["workshop"]
    # Stored text is printed escaped: a name from an older version or a hand edit may hold \x1b and the like.
    print(escape(f"{info['title']} · {info['territory']} · {info['date']}") + f" ({w.store.count()} events)")
    if info["example"]:
        print("EXAMPLE DATA: made by a script, not recorded at a real workshop")
    for t in summary["tables"]:
        print("\n" + escape(f"table {t['name']}" + (f" ({t['area']})" if t["area"] else "")))
        for r in t["ranking"]:
            score = "not scored" if r["score"] is None else f"{r['score']:.1f}"
            title = w.state.cards[r["target"]].title.get(w.state.language, r["target"]) \
                if r["target"] in w.state.cards else next(p["title"] for p in t["proposals"] if p["ref"] == r["target"])
            print(escape(f"  {r['rank']:>2}. {r['target']:<8} {r['kind']:<10} {score:>10}  {title}"))
        discarded = [p["card"] for p in t["picks"] if p["kind"] == "discarded"]
        if discarded:
            print(escape(f"  discarded: {', '.join(discarded)}"))
        print(f"  comments: {len(t['comments'])}, proposals: {len(t['proposals'])}")
    return EXIT_OK


@_with_workshop
def cmd_copy(w, args) -> int:
    count = w.store.copy_to(args.output)
    print(f"copied {args.workshop} to {args.output}: {count} events, a complete file on its own (no -wal)")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """List every invalid event of a workshop file: the ones left out when it is opened, and the ones kept
    that would be refused as new records. Exit 0 when there are none, 1 when there are some."""
    from cardengine.sessions.event_check import describe_invalid, escape
    from cardengine.sessions.state import fold
    from cardengine.sessions.store import Store, StoreError

    try:  # the store, not the workshop: a file whose 'workshop.created' is invalid is listed too
        with Store.open(args.workshop) as store:
            events = store.events()
    except StoreError as exc:
        return _fail(str(exc))
    state = fold(events, audit=True)
    lines = [f"{line}; left out when the file is opened" for line in describe_invalid(state.skipped, args.workshop,
                                                                                     limit=10**9)]
    lines += [f"{line}; kept, but refused as a new record" for line in describe_invalid(state.flagged,
                                                                                         args.workshop, limit=10**9)]
    for line in lines:
        print(escape(line))
    if lines:
        print(f"{args.workshop}: {len(state.skipped)} invalid event(s) left out, {len(state.flagged)} kept that "
              "would be refused today", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{args.workshop}: all {len(events)} events are valid")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from cardengine.sessions.merge import merge_files
    from cardengine.sessions.store import StoreError

    try:
        added = merge_files(args.inputs, args.output)
    except StoreError as exc:
        return _fail(str(exc))
    print(f"merged {len(args.inputs)} file(s) into {args.output}: {added} new event(s)")
    return EXIT_OK


@_with_workshop
def cmd_export(w, args) -> int:
    from cardengine.compare.workshop_export import export

    for path in export(w, args.format, args.output):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from cardengine.sessions.exports import import_json
    from cardengine.sessions.store import StoreError

    try:
        count = import_json(args.file, args.output)
    except StoreError as exc:
        return _fail(str(exc))
    print(f"wrote {args.output} ({count} events)")
    return EXIT_OK


def cmd_proposals(args: argparse.Namespace) -> int:
    from cardengine.outputs import OutputSet

    OutputSet(inputs=[args.workshop]).claim(args.output, follow_links=True)  # -o is the workshop? before opening it
    return _write_proposals(args)


@_with_workshop
def _write_proposals(w, args) -> int:
    from cardengine.decks.write import deck_to_yaml
    from cardengine.outputs import OutputSet
    from cardengine.sessions.proposals import marked, marked_for, proposals_deck

    # The command may replace its own earlier output for this workshop, anything else only with --force.
    out = OutputSet(inputs=[args.workshop], owned=lambda path: marked_for(path) == w.state.id, force=args.force,
                    command="cardengine proposals")
    other = marked_for(args.output) if not args.force else None
    if other not in (None, w.state.id):  # the generic refusal would say "not written by proposals": it was
        return _fail(f"{args.output} holds the proposals of another workshop (id {other}); it was left untouched: "
                     "choose another file name, or add --force to replace it")
    out.claim(args.output, follow_links=True)
    deck, problems = proposals_deck(w.state, args.output)
    for problem in problems:
        print(problem, file=sys.stderr)
    if deck is None:
        return _fail(f"nothing written to {args.output}; fix the proposals above (session update-proposal)")
    with out:
        out.write(args.output, marked(deck_to_yaml(deck), w.state.id).encode("utf-8"), follow_links=True)
    print(f"wrote {args.output} ({len(deck.cards)} cards)")
    return EXIT_OK


def add_parsers(sub) -> None:
    from cardengine.cli.args import MAX_ROUND, whole_number

    session = sub.add_parser("session", help="record a workshop from the shell: tables, picks, scores, proposals")
    ss = session.add_subparsers(dest="session_command", metavar="ACTION")
    ss.required = True

    def action(name: str, func, help: str, table: bool = True) -> argparse.ArgumentParser:
        p = ss.add_parser(name, help=help)
        p.add_argument("workshop", type=Path, metavar="W.db")
        if table:
            p.add_argument("--table", required=True, help="table name")
        p.set_defaults(func=func)
        return p

    p = action("new", cmd_new, "create a workshop file", table=False)
    p.add_argument("--title", required=True)
    p.add_argument("--territory", required=True)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--lang", default="it", choices=["it", "en"])
    p.add_argument("--place", default="")
    p.add_argument("--facilitator", default="")
    p.add_argument("--decks", type=Path, help="folder of decks (default: ./decks, else the decks that come with cardengine)")
    p.add_argument("--criteria", type=Path,
                   help="criteria file (default: the decks folder's criteria.yaml, else the bundled criteria)")
    p.add_argument("--example", action="store_true",
                   help="mark the workshop as example data, not from a real workshop")

    p = action("add-table", cmd_add_table, "add a table", table=False)
    p.add_argument("name")
    p.add_argument("--area", default="", help="territorial macro-area")
    p.add_argument("--note-taker", default="")

    p = action("add-participant", cmd_add_participant, "add a participant (pseudonymous label)", table=False)
    p.add_argument("label")
    p.add_argument("--type", required=True, help="company, public-authority, utility, association, expert, citizen")
    p.add_argument("--organisation", default="")
    p.add_argument("--table")

    p = action("pick", cmd_pick, "log picked cards")
    p.add_argument("cards", nargs="+", metavar="CARD_ID")
    p.add_argument("--kind", default="selected", choices=["selected", "favourite", "discarded"])
    p.add_argument("--round", type=whole_number(1, MAX_ROUND), default=1)

    p = action("score", cmd_score, "score a picked card or proposal on criteria")
    p.add_argument("target", metavar="CARD_ID|P1")
    p.add_argument("values", nargs="+", metavar="CRITERION=VALUE", help="value on the scale, or na")
    p.add_argument("--by", help="participant (default: the table's consensus)")

    p = action("comment", cmd_comment, "note a comment")
    p.add_argument("card", metavar="CARD_ID|P1", help="the card or proposal discussed, or - for the table in general")
    p.add_argument("--kind", required=True, choices=["barrier", "enabler", "question", "quote"])
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--by")

    p = action("propose", cmd_propose, "record a new proposal combining cards")
    p.add_argument("--title", required=True)
    p.add_argument("--cards", required=True, help="ID,ID")
    p.add_argument("--description", default="")
    p.add_argument("--lead", default="", help="lead actors, comma-separated")
    p.add_argument("--where", default="")

    p = action("update-proposal", cmd_update_proposal, "change a proposal's text or cards")
    p.add_argument("ref", metavar="P1")
    p.add_argument("--title")
    p.add_argument("--description")
    p.add_argument("--where")
    p.add_argument("--cards", help="ID,ID")
    p.add_argument("--lead", help="lead actors, comma-separated (an empty value clears them)")

    action("comments", cmd_comments, "list the table's comments, numbered for edit-comment")
    p = action("edit-comment", cmd_edit_comment, "change a comment's kind, text or author")
    p.add_argument("comment", metavar="N", help="its number in `session comments` (or its event id)")
    p.add_argument("--kind", choices=["barrier", "enabler", "question", "quote"])
    p.add_argument("--text")
    p.add_argument("--by", help="participant (an empty value: nobody)")
    p = action("update-table", cmd_update_table, "change a table's macro-area or note-taker")
    p.add_argument("--area")
    p.add_argument("--note-taker", dest="note_taker")

    p = action("priorities", cmd_priorities, "set the table's priority ranking of domains and cards")
    p.add_argument("--domains", help="domain,domain in order")
    p.add_argument("--cards", help="ID,ID in order")

    action("undo", cmd_undo, "undo the table's last action")
    action("redo", cmd_redo, "redo what the table last undid")
    p = action("show", cmd_show, "show tables, rankings and counts", table=False)
    p.add_argument("--json", action="store_true")
    p = action("copy", cmd_copy, "copy a workshop file, also while it is in use, for another laptop or a backup",
               table=False)
    p.add_argument("output", type=Path, metavar="COPY.db", help="a new file (never an existing one)")
    action("check", cmd_check, "list the file's invalid events (exit 1 if any)", table=False)

    p = sub.add_parser("merge", help="combine workshop files of several laptops")
    p.add_argument("inputs", nargs="+", type=Path, metavar="A.db")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="WORKSHOP.db")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("export", help="export a workshop as JSON, tidy CSV tables, YAML or its comments as a "
                                      "REFI-QDA project (qdpx: QualCoder, ATLAS.ti, MAXQDA, NVivo)")
    p.add_argument("workshop", type=Path, metavar="WORKSHOP.db")
    p.add_argument("--format", choices=["json", "csv", "yaml", "qdpx"], default="json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="rebuild a workshop file from its JSON export")
    p.add_argument("file", type=Path, metavar="workshop.json")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="WORKSHOP.db")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("proposals", help="write a workshop's proposals as a printable deck")
    p.add_argument("workshop", type=Path, metavar="WORKSHOP.db")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="decks/proposals-NAME.yaml")
    p.add_argument("--force", action="store_true",
                   help="replace an existing file that is not this workshop's proposals deck "
                        "(never a workshop file)")
    p.set_defaults(func=cmd_proposals)
