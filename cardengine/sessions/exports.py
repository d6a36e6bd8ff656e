"""Workshop exports for researchers: JSON with everything (re-importable), tidy CSV tables, YAML state."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml

from cardengine.csvcell import csv_cell
from cardengine.escaping import escape
from cardengine.i18n import tr
from cardengine.outputs import OutputSet
from cardengine.sessions.criteria_snapshot import NO_CRITERIA
from cardengine.sessions.errors import StoreError
from cardengine.sessions.event_check import describe_invalid, envelope_problem
from cardengine.sessions.events import Event, workshop_order
from cardengine.sessions.polls import Poll, poll_results
from cardengine.sessions.scoring import all_criterion_values, table_ranking, weighted_score
from cardengine.sessions.state import WorkshopState, fold
from cardengine.sessions.store import Store
from cardengine.sessions.workshop import Workshop

FORMAT = "cardengine-workshop"
FORMAT_VERSION = 1


def _info(state: WorkshopState) -> dict[str, Any]:
    return {"id": state.id, "title": state.title, "territory": state.territory, "date": state.date,
            "place": state.place, "language": state.language, "facilitator": state.facilitator,
            "example": state.example,
            "decks": [{"id": d.id, "version": d.version, "domain": d.domain} for d in state.decks.values()],
            "criteria": ({"id": state.criteria.id, "version": state.criteria.version}
                         if state.criteria is not NO_CRITERIA else None)}


def state_summary(state: WorkshopState) -> dict[str, Any]:
    """The derived state as plain data: what `session show --json` prints and the YAML export holds."""
    crits = state.criteria
    tables = []
    for t in state.tables.values():
        targets = list(t.picks) + list(t.proposals)
        values = all_criterion_values(t, crits)  # one pass over the table's scores
        unscored: dict[str, float | None] = {c.id: None for c in crits.criteria}
        tables.append({
            "id": t.id, "name": t.name, "area": t.area, "note_taker": t.note_taker,
            "picks": [{"card": p.card, "kind": p.kind, "round": p.round} for p in t.picks.values()],
            "scores": {target: dict(values.get(target, unscored)) for target in targets
                       if any(k[0] == target for k in t.scores)},
            "weighted": {target: _two(weighted_score(values.get(target, unscored), crits)) for target in targets},
            "comments": [{"kind": c.kind, "text": c.text, "card": c.card, "proposal": c.proposal, "by": c.by}
                         for c in t.comments],
            "proposals": [{"ref": p.id, "title": p.title, "description": p.description, "cards": p.cards,
                           "lead_actors": p.lead_actors, "where": p.where} for p in t.proposals.values()],
            "priorities": {"domains": t.priority_domains, "cards": t.priority_cards},
            "ranking": [{"rank": r.rank, "target": r.target, "kind": r.kind, "score": _two(r.score)}
                        for r in table_ranking(t, crits)],
        })
    return {"workshop": _info(state),
            "participants": [vars(p) for p in state.participants.values()],
            "tables": tables,
            "polls": [_poll(poll) for poll in state.polls.values()]}


def _poll(poll: Poll) -> dict[str, Any]:
    """A poll and its results; each ballot is in the events (the JSON export), not repeated here."""
    return {"poll": poll.id, "kind": poll.kind, "question": poll.question, "max_choices": poll.max_choices,
            "options": list(poll.options), "opened_at": poll.opened_at, "closed_at": poll.closed_at,
            "voters": poll.voters,
            "results": [{"option": r.option, "votes": r.votes, "points": r.points} for r in poll_results(poll)]}


def _question(poll: Poll, lang: str) -> str:
    """The question in the workshop's language, else in any language it was asked in."""
    return poll.question.get(lang) or next(iter(poll.question.values()), "")


def _two(score: float | None) -> float | None:
    """A weighted score as the exports have always written it: two decimals (the comparison keeps them exact)."""
    return None if score is None else round(score, 2)


# ---------------------------------------------------------------- JSON

def to_json(workshop: Workshop) -> str:
    doc = {"format": FORMAT, "version": FORMAT_VERSION, "workshop": _info(workshop.state),
           "events": [e.as_dict() for e in workshop.events], "state": state_summary(workshop.state)}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def import_json(source: Path, output: Path) -> int:
    """Rebuild a workshop file from a JSON export: the same events, ids and times. Every event is checked
    as a new record (the rules of event_check); one invalid event refuses the whole file and nothing is
    written (the file is built aside and linked into place only when whole)."""
    try:
        doc = json.loads(_read_export(source).decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: bad JSON, bad UTF-8, a 5,000-digit number
        raise StoreError(tr("{source} is not a readable JSON export ({error})").format(source=source, error=exc),
                         "export_unreadable", source=source, error=exc) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise StoreError(tr("{source} is not a cardengine workshop export (no \"format\": \"{format}\")").format(
            source=source, format=FORMAT),
                         "export_not_ours", source=source)
    version = doc.get("version", 0)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise StoreError(tr("{source} comes from a newer cardengine (export format {version}); upgrade first").format(
            source=source, version=repr(version)),
                         "export_newer", source=source, version=repr(version))
    events = _events_of(source, doc.get("events"))
    ordered = workshop_order(events)
    state = fold(ordered, new=True)
    where = {id(e): i for i, e in enumerate(events)}  # positions in the file, not in workshop order
    invalid = sorted((where[id(ordered[s.position])], s.id, s.kind, s.reason) for s in state.skipped)
    header = doc.get("workshop")
    if not invalid and isinstance(header, dict) and header.get("id") not in (None, state.id):
        invalid = [(0, "-", "workshop", tr("the export's workshop id {id} is not the id of its 'workshop.created' "
                                           "event ({created})").format(id=escape(str(header.get("id"))),
                                                                       created=state.id))]
    if invalid:
        lines = [*describe_invalid(invalid, source),
                 tr("nothing was written to {output}; fix or remove those events in {source} and import "
                    "again").format(output=output, source=source)]
        raise StoreError("\n".join(lines), "export_invalid", source=source, n=len(invalid))
    saved: list[Event] = []
    Store.build(output, lambda store: saved.extend(store.write(0, lambda _: events)[0]))
    return len(saved)


MAX_EXPORT_BYTES = 256 * 1024 * 1024  # about a million events; a workshop holds thousands


def _read_export(source: Path) -> bytes:
    """The export's bytes, read only from a regular file and only so far: a FIFO hung `import`, and a link
    to /dev/zero or a huge file took all memory (an internal error)."""
    if source.exists() and not source.is_file():
        raise StoreError(tr("{source} is not a regular file (a folder, a FIFO or a device), not a JSON export; "
                            "nothing was written").format(source=source), "export_not_file", source=source)
    with source.open("rb") as f:
        data = f.read(MAX_EXPORT_BYTES + 1)
    if len(data) > MAX_EXPORT_BYTES:
        raise StoreError(tr("{source} is larger than the {limit} MiB a workshop export can be; it is not an export "
                            "of one workshop; nothing was written").format(
            source=source, limit=MAX_EXPORT_BYTES // 1024 // 1024), "export_too_large",
                         source=source, limit=MAX_EXPORT_BYTES // 1024 // 1024)
    return data


def _events_of(source: Path, raw: Any) -> list[Event]:
    """The export's events as Events, each with the fields an event has; the first that lacks one is named."""
    if not isinstance(raw, list) or not raw:
        raise StoreError(tr("{source} holds no events (\"events\" must be a list starting with 'workshop.created'); "
                            "nothing was written").format(source=source), "export_no_events", source=source)
    events = []
    seen: dict[Any, int] = {}
    for i, e in enumerate(raw):
        if not isinstance(e, dict) or not {"id", "at", "origin", "kind", "payload"} <= e.keys():
            raise StoreError(tr("{source}: event {n} lacks one of id, at, origin, kind, payload; the export is "
                                "incomplete; nothing was written").format(source=source, n=i + 1),
                             "export_incomplete_event", source=source, n=i + 1)
        event = Event(e["id"], e["at"], e["origin"], e["kind"], e.get("table"), e["payload"])
        problem = envelope_problem(event)
        if problem:
            (line,) = describe_invalid([(i, repr(event.id) if not isinstance(event.id, str) else event.id,
                                         event.kind, problem)], source)
            raise StoreError(tr("{problem}; nothing was written").format(problem=line), "export_invalid",
                             source=source, n=1)
        if event.id in seen:
            raise StoreError(tr("{source}: event {n} has the same id as event {other}; nothing was written").format(
                source=source, n=i + 1, other=seen[event.id] + 1), "export_same_id", source=source, n=i + 1,
                             other=seen[event.id] + 1)
        seen[event.id] = i
        events.append(event)
    return events


# ---------------------------------------------------------------- CSV

Rows = list[list[Any]]


def _rows(state: WorkshopState) -> dict[str, tuple[list[str], Rows]]:
    """Each CSV table: its header and its rows, every row starting with the workshop, territory and date."""
    w = [state.id, state.territory, state.date]
    crits = state.criteria
    tables: Rows = []
    participants: Rows = []
    picks: Rows = []
    scores: Rows = []
    comments: Rows = []
    proposals: Rows = []
    proposal_cards: Rows = []
    rankings: Rows = []
    for person in state.participants.values():
        participants.append([*w, person.id, person.label, person.organisation, person.stakeholder_type,
                             person.table or ""])
    for t in state.tables.values():
        tables.append([*w, t.id, t.name, t.area, t.note_taker])
        for pick in t.picks.values():
            card = state.cards.get(pick.card)
            picks.append([*w, t.id, t.area, pick.card, card.deck if card else "", card.domain if card else "",
                          pick.kind, pick.round, pick.at])
        for (target, criterion, by), value in t.scores.items():
            card = state.cards.get(target)
            scores.append([*w, t.id, t.area, target, "proposal" if target in t.proposals else "card",
                           card.domain if card else "", criterion, by, "" if value is None else value,
                           value is not None])
        for c in t.comments:
            comments.append([*w, t.id, t.area, c.kind, c.card or "", c.proposal or "", c.by or "", c.text, c.at])
        values = all_criterion_values(t, crits)
        for proposal in t.proposals.values():
            score = weighted_score(values[proposal.id], crits) if proposal.id in values else None
            proposals.append([*w, t.id, t.area, proposal.id, proposal.title, proposal.description,
                              "; ".join(proposal.lead_actors), proposal.where, "" if score is None else _two(score)])
            for link in proposal.cards:
                card = state.cards.get(link["card"])
                proposal_cards.append([*w, t.id, proposal.id, link["card"], card.domain if card else "", link["how"]])
        for r in table_ranking(t, crits):
            rankings.append([*w, t.id, t.area, r.rank, r.target, r.kind, "" if r.score is None else _two(r.score)])
    polls: Rows = [[*w, poll.id, poll.kind, _question(poll, state.language), r.option, r.votes, r.points, poll.voters]
                   for poll in state.polls.values() for r in poll_results(poll)]
    base = ["workshop", "territory", "date"]
    return {
        "tables": ([*base, "table", "name", "area", "note_taker"], tables),
        "participants": ([*base, "participant", "label", "organisation", "stakeholder_type", "table"], participants),
        "picks": ([*base, "table", "area", "card", "deck", "domain", "kind", "round", "at"], picks),
        "scores": ([*base, "table", "area", "target", "target_type", "domain", "criterion", "by", "value",
                    "assessed"], scores),
        "comments": ([*base, "table", "area", "kind", "card", "proposal", "by", "text", "at"], comments),
        "proposals": ([*base, "table", "area", "proposal", "title", "description", "lead_actors", "where",
                       "weighted_score"], proposals),
        "proposal_cards": ([*base, "table", "proposal", "card", "domain", "how"], proposal_cards),
        "rankings": ([*base, "table", "area", "rank", "target", "kind", "weighted_score"], rankings),
        "polls": ([*base, "poll", "kind", "question", "option", "votes", "points", "voters"], polls),
    }


def csv_tables(state: WorkshopState) -> dict[str, str]:
    """Tidy long tables, one row per pick, score, comment...; text cells cannot run as formulas."""
    out = {}
    for name, (head, rows) in _rows(state).items():
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(head)
        for row in rows:
            writer.writerow([csv_cell(v) for v in row])
        out[f"{name}.csv"] = buf.getvalue()
    return out


def export(workshop: Workshop, fmt: str, folder: Path) -> list[Path]:
    """Write the export's files (json, yaml or csv) into `folder`: all of them or none, never over the workshop
    file itself. (The qdpx export needs the comparison's facts: see cardengine.compare.workshop_export.)"""
    if fmt == "json":
        files: dict[str, str | bytes] = {"workshop.json": to_json(workshop)}
    elif fmt == "yaml":
        files = {"workshop.yaml": yaml.safe_dump(state_summary(workshop.state), allow_unicode=True, sort_keys=False)}
    elif fmt == "csv":
        files = dict(csv_tables(workshop.state).items())
    else:
        raise ValueError(f"unknown format {fmt}")
    return write_files(workshop, files, folder)


def write_files(workshop: Workshop, files: dict[str, str | bytes], folder: Path) -> list[Path]:
    """Write an export's files (name -> text or bytes) into `folder`: all of them or none, never over the
    workshop file itself."""
    written = [folder / name for name in files]
    with OutputSet(inputs=[workshop.store.path]) as out:
        for path in written:
            out.claim(path)
        for path, text in zip(written, files.values(), strict=False):
            out.write(path, text if isinstance(text, bytes) else text.encode("utf-8"))
    return written


__all__ = ["FORMAT", "csv_tables", "export", "import_json", "state_summary", "to_json", "write_files"]
