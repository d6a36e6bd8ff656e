"""`cardengine session new`, `show`, `comments`, `copy` and `check`: making, reading and copying a workshop file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from cardengine.cli.common import COMMENT_KINDS, EXIT_OK, EXIT_PROBLEMS, PICK_KINDS, fail, kind_word, with_workshop
from cardengine.i18n import ntr, tr

if TYPE_CHECKING:
    from collections.abc import Mapping

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
        return fail(tr("the decks in {folder} or the criteria are not usable; run cardengine validate").format(
            folder=args.decks or default_decks()))
    info = WorkshopInfo(title=args.title, territory=args.territory, date=args.date, language=args.lang,
                        place=args.place, facilitator=args.facilitator, example=args.example)
    try:
        with Workshop.create(args.workshop, info, result.decks, criteria) as w:
            created = tr("created {path}: {title}, {territory}, {date} ({decks}, {cards}, criteria {criteria})").format(
                path=args.workshop, title=w.state.title, territory=w.state.territory, date=w.state.date,
                decks=ntr("{n} decks", "{n} decks", len(w.state.decks)).format(n=len(w.state.decks)),
                cards=ntr("{n} cards", "{n} cards", len(w.state.cards)).format(n=len(w.state.cards)),
                criteria=criteria.id)
            print(created + (tr(", marked as example data") if w.state.example else ""))
    except (StoreError, ActionError) as exc:
        return fail(str(exc))
    return EXIT_OK


@with_workshop
def cmd_comments(w: Workshop, args: argparse.Namespace) -> int:
    from cardengine.escaping import escape

    table = w.state.tables[w.table_id(args.table)]
    kinds = max(8, *(len(kind_word(kind)) for kind in COMMENT_KINDS))  # the longest translation whole
    for n, c in enumerate(table.comments, 1):
        about = c.card or c.proposal or "-"
        by = w.state.participants[c.by].label if c.by in w.state.participants else (c.by or "")
        print(escape(f"{n:>3}. {kind_word(c.kind):<{kinds}} {about:<8} {by}") + "\n     " + escape(c.text))
    if not table.comments:
        print(escape(tr("no comments at {table}").format(table=table.name)))
    return EXIT_OK


def _card_title(title: Mapping[str, str], lang: str, default: str) -> str:
    """A card's title in the workshop's language, else in English, else in its first language (a workshop may
    speak a language its decks do not: the title, not the bare id)."""
    return title.get(lang) or title.get("en") or next(iter(title.values()), default)


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
    events = w.store.count()
    print(escape(f"{info['title']} · {info['territory']} · {info['date']}")
          + ntr(" ({n} events)", " ({n} events)", events).format(n=events))
    if info["example"]:
        print(tr("EXAMPLE DATA: made by a script, not recorded at a real workshop"))
    for t in summary["tables"]:
        name = (tr("table {name} ({area})") if t["area"] else tr("table {name}")).format(name=t["name"], area=t["area"])
        print("\n" + escape(name))
        unscored = tr("not scored")
        width = max(10, len(unscored))  # the columns hold the translations whole ("non valutato")
        kinds = max(10, *(len(kind_word(kind)) for kind in PICK_KINDS))
        for r in t["ranking"]:
            score = unscored if r["score"] is None else f"{r['score']:.1f}"
            title = _card_title(w.state.cards[r["target"]].title, w.state.language, r["target"]) \
                if r["target"] in w.state.cards else next(p["title"] for p in t["proposals"] if p["ref"] == r["target"])
            kind = kind_word(r["kind"])
            print(escape(f"  {r['rank']:>2}. {r['target']:<8} {kind:<{kinds}} {score:>{width}}  {title}"))
        discarded = [p["card"] for p in t["picks"] if p["kind"] == "discarded"]
        if discarded:
            print(escape(tr("  discarded: {cards}").format(cards=", ".join(discarded))))
        print(tr("  comments: {comments}, proposals: {proposals}").format(comments=len(t["comments"]),
                                                                          proposals=len(t["proposals"])))
    _show_polls(w)
    return EXIT_OK


def _show_polls(w: Workshop) -> None:
    """Each poll of the plenary with its results, most points first."""
    from cardengine.escaping import escape
    from cardengine.sessions.polls import option_label, poll_results

    kinds = {"goals": tr("goals"), "dots": tr("dot vote"), "domains": tr("domain ranking")}
    for poll in w.state.polls.values():
        voters = ntr("{n} voter", "{n} voters", poll.voters).format(n=poll.voters)
        print("\n" + escape(tr("poll {poll}: {kind}, {state}, {voters}").format(
            poll=poll.id, kind=kinds.get(poll.kind, poll.kind), state=tr("open") if poll.is_open else tr("closed"),
            voters=voters)))
        question = poll.question.get(w.state.language) or next(iter(poll.question.values()), "")
        if question:
            print(escape(f"  {question}"))
        results = poll_results(poll)
        chosen = [r for r in results if r.votes]
        width = max(8, *(len(r.option) for r in chosen)) if chosen else 8
        for n, r in enumerate(chosen, 1):
            figures = ntr("{n} vote", "{n} votes", r.votes).format(n=r.votes)
            if poll.kind == "dots":
                figures += ", " + ntr("{n} dot", "{n} dots", r.points).format(n=r.points)
            elif poll.kind == "domains":
                figures += ", " + ntr("{n} point", "{n} points", r.points).format(n=r.points)
            label = option_label(w.state, poll.kind, r.option, w.state.language)
            print(escape(f"  {n:>2}. {r.option:<{width}} {figures:<22} {label}"))
        if len(chosen) < len(results):
            unchosen = len(results) - len(chosen)
            print(ntr("  {n} option without votes", "  {n} options without votes", unchosen).format(n=unchosen))


@with_workshop
def cmd_copy(w: Workshop, args: argparse.Namespace) -> int:
    count = w.store.copy_to(args.output)
    print(ntr("copied {path} to {copy}: {n} events, a complete file on its own (no -wal)",
              "copied {path} to {copy}: {n} events, a complete file on its own (no -wal)", count).format(
        path=args.workshop, copy=args.output, n=count))
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
    lines = [tr("{problem}; left out when the file is opened").format(problem=line)
             for line in describe_invalid(state.skipped, args.workshop, limit=10**9)]
    lines += [tr("{problem}; kept, but refused as a new record").format(problem=line)
              for line in describe_invalid(state.flagged, args.workshop, limit=10**9)]
    for line in lines:
        print(escape(line))
    if lines:
        print(tr("{path}: {skipped} invalid event(s) left out, {flagged} kept that would be refused today").format(
            path=args.workshop, skipped=len(state.skipped), flagged=len(state.flagged)), file=sys.stderr)
        return EXIT_PROBLEMS
    print(ntr("{path}: all {n} events are valid", "{path}: all {n} events are valid", len(events)).format(
        path=args.workshop, n=len(events)))
    return EXIT_OK
