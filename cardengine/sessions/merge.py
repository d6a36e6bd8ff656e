"""Combine the workshop files of several laptops (or copies of one) into one, without duplicates or loss.

Events carry globally unique ids, so merging is a set union: idempotent, order-independent.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cardengine.i18n import tr
from cardengine.sessions.errors import StoreError
from cardengine.sessions.event_check import describe_invalid
from cardengine.sessions.events import Event, workshop_order
from cardengine.sessions.state import fold
from cardengine.sessions.store import Store


def merge_files(inputs: list[Path], output: Path) -> int:
    """Merge `inputs` into `output` (created if missing); returns how many events were new to it. Every event
    new to `output` is checked as a new record in the union's workshop order; one invalid event refuses the
    merge and nothing is written."""
    sources = []
    try:
        for path in inputs:
            sources.append(Store.open(path))
        ids = {path: s.workshop_id() for path, s in zip(inputs, sources, strict=False)}
        distinct = {i for i in ids.values() if i}
        if len(distinct) > 1:
            names = ", ".join(str(p) for p in inputs)
            raise StoreError(tr("{files} hold different workshops (each was created with its own `session new`); "
                                "merge only copies of one workshop file").format(files=names), "merge_different",
                             files=names)
        incoming = [(s.path, s.events()) for s in sources if not _same_file(s.path, output)]

        def make(present: list[Event] | None) -> list[Event]:
            return checked_new_events(present or [], incoming, output)

        if not output.exists():
            added: list[Event] = []
            Store.build(output, lambda store: added.extend(store.write(-1, make)[0]))
            return len(added)
        target = Store.open(output)
        try:
            target_id = target.workshop_id()
            if target_id and distinct and target_id not in distinct:
                raise StoreError(tr("{path} holds a different workshop; choose a new output file").format(
                    path=output), "merge_output", path=output)
            saved, _ = target.write(-1, make)
            return sum(1 for e in saved if e.seq)
        finally:
            target.close()
    finally:
        for s in sources:
            s.close()


def _same_file(a: Path, b: Path) -> bool:
    return b.exists() and a.resolve() == b.resolve()


def checked_new_events(present: list[Event], incoming: Sequence[tuple[Path | str, list[Event]]],
                       output: Path | str) -> list[Event]:
    """The events of `incoming` that `present` lacks, in the order they are added; refused (StoreError naming
    each invalid one and its file) if any is invalid in the union as it would be stored. `incoming` pairs each
    source (a file, or a name such as a laptop's push, used in messages) with its events; merge and sync
    (cardengine.sync) both call this inside the write transaction of the file receiving the events."""
    known: dict[str, tuple[Event, Path | str]] = {e.id: (e, output) for e in present}
    new: list[Event] = []
    came_from: dict[str, tuple[Path | str, int]] = {}
    clashes: list[str] = []
    for path, events in incoming:
        for position, e in enumerate(events):
            if e.id not in known:
                known[e.id] = (e, path)
                new.append(e)
                came_from[e.id] = (path, position)
            elif known[e.id][0].as_dict() != e.as_dict():  # one id, two records: keeping either loses the other
                clashes.append(tr("{path}: event {n} (id {id}, {kind}) has the id of another event in {other} "
                                  "({other_kind}) with other contents").format(
                    path=path, n=position + 1, id=e.id, kind=e.kind, other=known[e.id][1],
                    other_kind=known[e.id][0].kind))
    if clashes:
        lines = [*clashes[:20], tr("nothing was merged into {path}; one of each pair was made or edited by hand: "
                                   "remove it, or give it a new id, and merge again").format(path=output)]
        raise StoreError("\n".join(lines), "merge_clash", path=output, n=len(clashes))
    if not new:  # nothing to check (a laptop pushing what the server has): no fold of the whole workshop
        return new
    state = fold(workshop_order(present + new), new=set(came_from))
    invalid = [s for s in state.skipped if s.id in came_from]
    if invalid:
        lines = [line for s in invalid
                 for line in describe_invalid([(came_from[s.id][1], s.id, s.kind, s.reason)], came_from[s.id][0])]
        lines.append(tr("nothing was merged into {path}; run `cardengine session check` on that file to list its "
                        "invalid events").format(path=output))
        raise StoreError("\n".join(lines), "merge_invalid", path=output, n=len(invalid))
    return new
