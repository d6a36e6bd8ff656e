"""`cardengine session new`, `show`, `comments`, `copy` and `check`: making, reading and copying a workshop file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from cardengine.cli.common import EXIT_OK, EXIT_PROBLEMS, fail, with_workshop

if TYPE_CHECKING:
    from cardengine.sessions.workshop import Workshop


def cmd_new(args: argparse.Namespace) -> int:
    from cardengine.bundled import default_decks
    from cardengine.decks.load import load_for_workshop
    from cardengine.sessions.store import StoreError
    from cardengine.sessions.workshop import ActionError, Workshop, WorkshopInfo

    result, criteria = load_for_workshop(args.decks, args.criteria)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not result.ok or not result.decks or criteria is None:
        return fail(f"the decks in {args.decks or default_decks()} or the criteria are not usable; "
                    "run cardengine validate")
    info = WorkshopInfo(title=args.title, territory=args.territory, date=args.date, language=args.lang,
                        place=args.place, facilitator=args.facilitator, example=args.example)
    try:
        with Workshop.create(args.workshop, info, result.decks, criteria) as w:
            print(f"created {args.workshop}: {w.state.title}, {w.state.territory}, {w.state.date} "
                  f"({len(w.state.decks)} decks, {len(w.state.cards)} cards, criteria {criteria.id})"
                  + (", marked as example data" if w.state.example else ""))
    except (StoreError, ActionError) as exc:
        return fail(str(exc))
    return EXIT_OK


@with_workshop
def cmd_comments(w: Workshop, args: argparse.Namespace) -> int:
    from cardengine.escaping import escape

    table = w.state.tables[w.table_id(args.table)]
    for n, c in enumerate(table.comments, 1):
        about = c.card or c.proposal or "-"
        by = w.state.participants[c.by].label if c.by in w.state.participants else (c.by or "")
        print(escape(f"{n:>3}. {c.kind:<8} {about:<8} {by}") + "\n     " + escape(c.text))
    if not table.comments:
        print(escape(f"no comments at {table.name}"))
    return EXIT_OK


@with_workshop
def cmd_show(w: Workshop, args: argparse.Namespace) -> int:
    from cardengine.escaping import escape
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


@with_workshop
def cmd_copy(w: Workshop, args: argparse.Namespace) -> int:
    count = w.store.copy_to(args.output)
    print(f"copied {args.workshop} to {args.output}: {count} events, a complete file on its own (no -wal)")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """List every invalid event of a workshop file: the ones left out when it is opened, and the ones kept
    that would be refused as new records. Exit 0 when there are none, 1 when there are some."""
    from cardengine.escaping import escape
    from cardengine.sessions.event_check import describe_invalid
    from cardengine.sessions.state import fold
    from cardengine.sessions.store import Store, StoreError

    try:  # the store, not the workshop: a file whose 'workshop.created' is invalid is listed too
        with Store.open(args.workshop) as store:
            events = store.events()
    except StoreError as exc:
        return fail(str(exc))
    state = fold(events, audit=True)
    lines = [f"{line}; left out when the file is opened"
             for line in describe_invalid(state.skipped, args.workshop, limit=10**9)]
    lines += [f"{line}; kept, but refused as a new record"
              for line in describe_invalid(state.flagged, args.workshop, limit=10**9)]
    for line in lines:
        print(escape(line))
    if lines:
        print(f"{args.workshop}: {len(state.skipped)} invalid event(s) left out, {len(state.flagged)} kept that "
              "would be refused today", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{args.workshop}: all {len(events)} events are valid")
    return EXIT_OK
