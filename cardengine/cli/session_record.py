"""`cardengine session add-table`, `pick`, `score`, `comment`, `propose`, `undo`...: what a table does, recorded
from the shell. Each action opens the workshop file, saves its events (all or none) and confirms in one line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cardengine.cli.common import EXIT_OK, kind_word, say, with_workshop
from cardengine.i18n import ntr, tr

if TYPE_CHECKING:
    from cardengine.sessions.events import Event
    from cardengine.sessions.workshop import Workshop


@with_workshop
def cmd_add_table(w: Workshop, args: argparse.Namespace) -> int:
    key = w.add_table(args.name, area=args.area, note_taker=args.note_taker)
    say(tr("saved: table {name} ({key})").format(name=args.name, key=key))
    return EXIT_OK


@with_workshop
def cmd_add_participant(w: Workshop, args: argparse.Namespace) -> int:
    key = w.add_participant(args.label, args.type, organisation=args.organisation, table=args.table)
    say(tr("saved: participant {label} ({key})").format(label=args.label, key=key))
    return EXIT_OK


@with_workshop
def cmd_pick(w: Workshop, args: argparse.Namespace) -> int:
    events = w.pick_all(args.table, args.cards, kind=args.kind, round=args.round)  # all saved, or none
    for event in events:  # the ids as resolved (`en 01` -> EN-01), not as typed
        say(tr("saved: {card} {kind} at {table}").format(card=event.payload["card"], kind=kind_word(args.kind),
                                                          table=args.table))
    return EXIT_OK


def _value(text: str) -> int | None:
    if text.lower() in ("-", "na", "n/a", "none", "not-assessed"):
        return None
    return int(text)


@with_workshop
def cmd_score(w: Workshop, args: argparse.Namespace) -> int:
    from cardengine.sessions.workshop import ActionError

    pairs = []
    for item in args.values:
        criterion, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            pairs.append((criterion, _value(value)))
        except ValueError:
            raise ActionError(tr("'{item}' is not CRITERION=VALUE (a level such as technical=4, or technical=na "
                                 "for not assessed)").format(item=item), "score_syntax", item=item) from None
    events = w.score_all(args.table, args.target, pairs, by=args.by)  # all saved, or none
    say(ntr("saved: {n} score(s) for {target} at {table}", "saved: {n} score(s) for {target} at {table}",
            len(pairs)).format(n=len(pairs), target=events[0].payload["target"], table=args.table))
    return EXIT_OK


@with_workshop
def cmd_comment(w: Workshop, args: argparse.Namespace) -> int:
    w.comment(args.table, args.kind, args.text, card=None if args.card == "-" else args.card, by=args.by)
    say(tr("saved: {kind} at {table}").format(kind=args.kind, table=args.table))
    return EXIT_OK


@with_workshop
def cmd_propose(w: Workshop, args: argparse.Namespace) -> int:
    ref = w.propose(args.table, args.title, [c for c in args.cards.split(",") if c.strip()],
                    description=args.description, lead_actors=[a.strip() for a in args.lead.split(",") if a.strip()],
                    where=args.where)
    say(tr("saved: proposal {ref} at {table}").format(ref=ref, table=args.table))
    return EXIT_OK


@with_workshop
def cmd_update_proposal(w: Workshop, args: argparse.Namespace) -> int:
    fields = {k: getattr(args, k) for k in ("title", "description", "where") if getattr(args, k) is not None}
    if args.lead is not None:
        fields["lead_actors"] = [a for a in args.lead.split(",") if a.strip()]
    if args.cards:
        fields["cards"] = [{"card": c} for c in args.cards.split(",") if c.strip()]
    event = w.update_proposal(args.table, args.ref, **fields)
    say(tr("saved: proposal {ref} at {table}").format(ref=event.payload["ref"], table=args.table))
    return EXIT_OK


@with_workshop
def cmd_edit_comment(w: Workshop, args: argparse.Namespace) -> int:
    w.edit_comment(args.table, args.comment, kind=args.kind, text=args.text, by=args.by)
    say(tr("saved: comment {number} at {table}").format(number=args.comment, table=args.table))
    return EXIT_OK


@with_workshop
def cmd_update_table(w: Workshop, args: argparse.Namespace) -> int:
    w.update_table(args.table, area=args.area, note_taker=args.note_taker)
    say(tr("saved: details of table {table}").format(table=args.table))
    return EXIT_OK


@with_workshop
def cmd_priorities(w: Workshop, args: argparse.Namespace) -> int:
    w.set_priorities(args.table, domains=[d for d in (args.domains or "").split(",") if d],
                     cards=[c for c in (args.cards or "").split(",") if c])
    say(tr("saved: priorities at {table}").format(table=args.table))
    return EXIT_OK


@with_workshop
def cmd_undo(w: Workshop, args: argparse.Namespace) -> int:
    _say_action(w, w.undo(args.table), tr("undone: {action} at {table}"), args.table)
    return EXIT_OK


@with_workshop
def cmd_redo(w: Workshop, args: argparse.Namespace) -> int:
    _say_action(w, w.redo(args.table), tr("redone: {action} at {table}"), args.table)
    return EXIT_OK


def _say_action(w: Workshop, event: Event, message: str, table: str) -> None:
    """`message` about the action an undo or redo event points at, escaped for the terminal."""
    from cardengine.escaping import escape

    print(escape(message.format(action=w.describe(event.payload["target"]), table=table)))
