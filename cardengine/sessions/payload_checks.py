"""The payload of each kind of event: its fields, of exactly the types JSON gives, and what they refer to.

`CHECKS` maps a kind to its check, for the checker (event_check.py); `created_problem` and `table_added_problem`
check the two events that come before any table exists. `new` says whether the event is a new record (which
also follows the input rules) or one already stored (only refused when it cannot be used).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from cardengine.escaping import escape
from cardengine.i18n import is_language_code, tr, tr_later
from cardengine.sessions.event_rules import (
    Problem,
    card_problem,
    date_problem,
    is_int,
    line_problem,
    name_problem,
    participant_problem,
    proposal_problem,
    round_problem,
    score_problem,
)
from cardengine.sessions.polls import (
    MAX_OPTION_LENGTH,
    MAX_OPTIONS,
    MAX_QUESTION_LENGTH,
    POLL_ID,
    POLL_KINDS,
    VOTER_ID,
    max_choices_limit,
    open_poll_of,
    option_allowed,
)
from cardengine.sessions.state import COMMENT_KINDS, CONSENSUS, PICK_KINDS, STAKEHOLDER_TYPES, WorkshopState

PROPOSAL_REF = re.compile(r"P[1-9][0-9]{0,5}")


def _fields(p: dict[str, Any], required: dict[str, type], optional: dict[str, type] | None = None) -> Problem | None:
    """Required and optional payload fields of exactly the type JSON gives (so true is not a whole number)."""
    for key, kind in required.items():
        if key not in p:
            return Problem(tr("the payload lacks '{field}'").format(field=key), "field_missing", field=key)
        if type(p[key]) is not kind:
            return _wrong_type(key, kind, p[key])
    for key, kind in (optional or {}).items():
        if key in p and type(p[key]) is not kind:
            return _wrong_type(key, kind, p[key])
    return None


def _wrong_type(key: str, kind: type, value: Any) -> Problem:
    return Problem(tr("'{field}' must be {type}, not {value}").format(
        field=key, type=tr(_TYPE_WORDS[kind]), value=escape(repr(value))[:40]), "field_type", field=key,
                   type_code=kind.__name__, value=escape(repr(value))[:40])


_TYPE_WORDS = {str: tr_later("text"), int: tr_later("a whole number"), bool: tr_later("true or false"),
               list: tr_later("a list"), dict: tr_later("a mapping")}


def _names(new: bool, *pairs: tuple[Any, str]) -> Problem | None:
    if not new:  # stored names are kept whatever they hold (escaped when printed)
        return None
    return next((problem for value, what in pairs if (problem := name_problem(value, what))), None)


def _text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def created_problem(p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"workshop_id": str, "title": str, "territory": str, "date": str, "decks": list,
                          "criteria": dict},
                      {"place": str, "language": str, "facilitator": str, "example": bool})
    if problem:
        return problem
    if not p["workshop_id"]:
        return Problem(tr("the workshop id is empty"), "empty_id", what_code="workshop")
    problem = _names(new, (p["title"], "workshop title"), (p["territory"], "territory"))
    if problem:
        return problem
    if new and (problem := date_problem(p["date"])):
        return problem
    for d in p["decks"]:
        if not (isinstance(d, dict) and all(isinstance(d.get(k), str) for k in ("id", "version", "domain", "colour"))
                and _text_map(d.get("name")) and isinstance(d.get("cards"), list)):
            return Problem(tr("a deck in the snapshot lacks id, version, domain, name, colour or cards"),
                           "deck_snapshot")
        for c in d["cards"]:
            if not (isinstance(c, dict) and isinstance(c.get("id"), str) and _text_map(c.get("title"))
                    and isinstance(c.get("sdgs"), list) and all(is_int(s) for s in c["sdgs"])
                    and _str_list(c.get("scale")) and isinstance(c.get("cost"), str)
                    and isinstance(c.get("horizon"), str)):
                return Problem(tr("a card of deck '{deck}' in the snapshot lacks id, title, sdgs, scale, cost or "
                                  "horizon").format(deck=escape(d["id"])), "card_snapshot", deck=escape(d["id"]))
    return _criteria(p["criteria"])


def _criteria(data: dict[str, Any]) -> Problem | None:
    from cardengine.sessions.criteria_snapshot import criteria_from_snapshot

    try:
        crits = criteria_from_snapshot(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return Problem(tr("the criteria snapshot is incomplete"), "criteria_snapshot")
    for c in crits.criteria:
        if not isinstance(c.id, str) or not c.scale or not all(is_int(v) for v in c.values):
            return Problem(tr("criterion '{criterion}' in the snapshot has no scale of whole numbers").format(
                criterion=escape(str(c.id))), "criterion_scale", criterion=escape(str(c.id)))
        if not math.isfinite(c.weight) or c.weight < 0:
            return Problem(tr("criterion '{criterion}' in the snapshot has the weight {weight}").format(
                criterion=escape(c.id), weight=c.weight), "criterion_weight", criterion=escape(c.id), weight=c.weight)
    return None


def table_added_problem(p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"table": str, "name": str}, {"area": str, "note_taker": str})
    if problem:
        return problem
    if not p["table"].strip():
        return Problem(tr("the table id is empty"), "empty_id", what_code="table")
    return _names(new, (p["name"], "table name")) or (
        (new and (line_problem(p.get("area", ""), "macro-area") or line_problem(p.get("note_taker", ""),
                                                                                "note-taker"))) or None)


def _participant(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"participant": str, "label": str, "stakeholder_type": str}, {"organisation": str})
    if problem:
        return problem
    if p["stakeholder_type"] not in STAKEHOLDER_TYPES:
        return Problem(tr("stakeholder type '{value}' is not one of {types}").format(
            value=escape(p["stakeholder_type"]), types=", ".join(STAKEHOLDER_TYPES)), "stakeholder_type",
                       value=escape(p["stakeholder_type"]))
    if not p["participant"].strip():
        return Problem(tr("the participant id is empty"), "empty_id", what_code="participant")
    return _names(new, (p["label"], "participant label"))


def _pick(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"card": str, "kind": str}, {"round": int})
    if problem:
        return problem
    if p["kind"] not in PICK_KINDS:
        return Problem(tr("pick kind '{value}' is not one of {kinds}").format(
            value=escape(p["kind"]), kinds=", ".join(PICK_KINDS)), "pick_kind",
                       value=escape(p["kind"]))
    if new and (problem := round_problem(p.get("round", 1))):
        return problem
    return card_problem(state, p["card"])


def _target(state: WorkshopState, table: str, target: Any) -> Problem | None:
    if isinstance(target, str) and (table, target) in state.known.proposals:
        return None
    return card_problem(state, target)


def _score(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    if "value" not in p:
        return Problem(tr("the payload lacks '{field}'").format(field="value"), "field_missing", field="value")
    problem = _fields(p, {"target": str, "criterion": str}, {"by": str})
    if problem:
        return problem
    problem = _target(state, e.table, p["target"]) or score_problem(state, p["criterion"], p["value"])
    if problem:
        return problem
    by = p.get("by") or CONSENSUS
    return None if by == CONSENSUS else participant_problem(state, by)


def _comment(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"kind": str, "text": str}, {"card": str, "proposal": str, "by": str})
    if problem:
        return problem
    if p["kind"] not in COMMENT_KINDS:
        return _comment_kind(p["kind"])
    if new and not p["text"].strip():
        return Problem(tr("the comment is empty"), "comment_empty")
    if "card" in p and (problem := card_problem(state, p["card"])):
        return problem
    if "proposal" in p and (problem := proposal_problem(state, e.table, p["proposal"])):
        return problem
    # Older versions saved a comment's author unchecked; it is only a label, so a stored one is kept.
    return participant_problem(state, p["by"]) if new and p.get("by") else None


def _comment_kind(kind: str) -> Problem:
    return Problem(tr("comment kind '{value}' is not one of {kinds}").format(
        value=escape(kind), kinds=", ".join(COMMENT_KINDS)), "comment_kind", value=escape(kind))


def _proposal_fields(state: WorkshopState, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {}, {"title": str, "description": str, "cards": list, "lead_actors": list, "where": str})
    if problem:
        return problem
    if "title" in p and (problem := _names(new, (p["title"], "proposal title"))):
        return problem
    if "lead_actors" in p and not _str_list(p["lead_actors"]):
        return Problem(tr("'lead_actors' must be a list of text"), "lead_actors_type")
    if new and (problem := next((problem for actor in p.get("lead_actors", [])
                                 if (problem := name_problem(actor, "lead actor"))), None)):
        return problem
    if new and (problem := line_problem(p.get("where", ""), "place")):
        return problem
    if "cards" in p:
        if not p["cards"]:
            return Problem(tr("a proposal combines at least one card"), "proposal_no_cards")
        for link in p["cards"]:
            if not (isinstance(link, dict) and isinstance(link.get("how", ""), str)):
                return Problem(tr("each of a proposal's cards is {card, how}"), "proposal_card_link")
            if problem := card_problem(state, link.get("card")):
                return problem
    return None


def _proposal_created(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"ref": str, "title": str, "cards": list})
    if problem:
        return problem
    if not PROPOSAL_REF.fullmatch(p["ref"]):
        return Problem(tr("proposal reference '{ref}' is not P1, P2, ...").format(ref=escape(p["ref"])),
                       "proposal_ref", ref=escape(p["ref"]))
    return _proposal_fields(state, p, new)


def _proposal_updated(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"ref": str}) or proposal_problem(state, e.table, p["ref"])
    return problem or _proposal_fields(state, p, new)


def _comment_edited(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"comment": str}, {"kind": str, "text": str, "by": str})
    if problem:
        return problem
    if state.known.comments.get(p["comment"]) != (e.table or ""):
        return Problem(tr("no comment '{comment}' at table '{table}' to edit").format(
            comment=escape(p["comment"]), table=escape(str(e.table))),
                       "no_comment_to_edit", comment=escape(p["comment"]), table=escape(str(e.table)))
    if not any(key in p for key in ("kind", "text", "by")):
        return Problem(tr("the edit changes nothing (give kind, text or by)"), "changes_nothing")
    if "kind" in p and p["kind"] not in COMMENT_KINDS:
        return _comment_kind(p["kind"])
    if new and "text" in p and not p["text"].strip():
        return Problem(tr("the comment is empty"), "comment_empty")
    return participant_problem(state, p["by"]) if new and p.get("by") else None


def _table_updated(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {}, {"area": str, "note_taker": str})
    if problem:
        return problem
    if "area" not in p and "note_taker" not in p:
        return Problem(tr("the update changes nothing (give area or note_taker)"), "changes_nothing")
    if new:
        return line_problem(p.get("area", ""), "macro-area") or line_problem(p.get("note_taker", ""), "note-taker")
    return None


def _priorities(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {}, {"domains": list, "cards": list})
    if problem:
        return problem
    known = {d.domain for d in state.decks.values()}
    for d in p.get("domains", []):
        if not isinstance(d, str) or d not in known:
            return Problem(tr("no domain '{domain}' (domains: {domains})").format(
                domain=escape(str(d)), domains=", ".join(sorted(known))), "no_domain",
                           domain=escape(str(d)), domains=", ".join(sorted(known)))
    return next((problem for c in p.get("cards", []) if (problem := card_problem(state, c))), None)


def _step(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"target": str})
    if problem:
        return problem
    table = state.known.actions.get(p["target"])
    if table is None:
        return Problem(tr("{kind} of '{target}', which is no earlier action that can be undone").format(
            kind=e.kind, target=escape(p["target"])),
                       "step_unknown", target=escape(p["target"]))
    if table != (e.table or ""):
        return Problem(tr("{kind} at table '{table}' of an action of another table").format(
            kind=e.kind, table=escape(str(e.table))),
                       "step_other_table", table=escape(str(e.table)))
    return None


# ---------------------------------------------------------------- the plenary's polls (rules: polls.py)

def _poll_opened(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"poll": str, "kind": str, "max_choices": int, "options": list}, {"question": dict})
    if problem:
        return problem
    poll, kind, options = p["poll"], p["kind"], p["options"]
    if not POLL_ID.fullmatch(poll):
        return Problem(tr("poll id '{poll}' is not Q1, Q2, ...").format(poll=escape(poll)), "poll_id",
                       poll=escape(poll))
    if poll in state.polls:
        return Problem(tr("poll {poll} was opened before; a new poll takes a new id").format(poll=poll),
                       "poll_again", poll=poll)
    if (current := open_poll_of(state.polls)) is not None:
        return Problem(tr("poll {poll} is still open; close it before opening another").format(poll=current.id),
                       "poll_still_open", poll=current.id)
    if kind not in POLL_KINDS:
        return Problem(tr("poll kind '{value}' is not one of {kinds}").format(
            value=escape(kind), kinds=", ".join(POLL_KINDS)), "poll_kind", value=escape(kind))
    question = p.get("question", {})
    if not _text_map(question) or any(len(text) > MAX_QUESTION_LENGTH or not is_language_code(lang)
                                      for lang, text in question.items()):
        return Problem(tr("the question must map languages to texts of at most {n} characters").format(
            n=MAX_QUESTION_LENGTH), "poll_question", n=MAX_QUESTION_LENGTH)
    if not options or len(options) > MAX_OPTIONS or not _str_list(options) or len(set(options)) < len(options):
        return Problem(tr("a poll offers 1 to {n} distinct options, each a text").format(n=MAX_OPTIONS),
                       "poll_options", n=MAX_OPTIONS)
    bad = next((o for o in options if len(o) > MAX_OPTION_LENGTH or not option_allowed(state, kind, o)), None)
    if bad is not None:
        return Problem(tr("'{option}' cannot be an option of a {kind} poll in this workshop").format(
            option=escape(bad)[:60], kind=kind), "poll_option", option=escape(bad)[:60], kind=kind)
    limit = max_choices_limit(kind, len(options))
    if not 1 <= p["max_choices"] <= limit:
        return Problem(tr("a {kind} poll with these options takes 1 to {n} choices, not {value}").format(
            kind=kind, n=limit, value=p["max_choices"]), "poll_max_choices", kind=kind, n=limit,
                       value=p["max_choices"])
    return None


def _poll_closed(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    return _fields(p, {"poll": str}) or _open_poll(state, p["poll"])


def _open_poll(state: WorkshopState, poll: str) -> Problem | None:
    if poll not in state.polls:
        return Problem(tr("no poll {poll} in this workshop").format(poll=escape(poll)[:40]), "no_poll",
                       poll=escape(poll)[:40])
    if not state.polls[poll].is_open:
        return Problem(tr("poll {poll} is closed").format(poll=poll), "poll_closed", poll=poll)
    return None


def _vote(state: WorkshopState, e: Any, p: dict[str, Any], new: bool) -> Problem | None:
    problem = _fields(p, {"poll": str, "voter": str, "choices": list}) or _open_poll(state, p["poll"])
    if problem:
        return problem
    poll, choices = state.polls[p["poll"]], p["choices"]
    if not VOTER_ID.fullmatch(p["voter"]):
        return Problem(tr("the voter id must be 1-64 letters, digits, '-' or '_'"), "voter_id")
    if p["voter"] in poll.votes:
        return Problem(tr("you have already voted in poll {poll}").format(poll=poll.id), "already_voted",
                       poll=poll.id)
    if not _str_list(choices) or not 1 <= len(choices) <= poll.max_choices:
        return Problem(tr("choose 1 to {n} options in poll {poll}").format(n=poll.max_choices, poll=poll.id),
                       "vote_count", n=poll.max_choices, poll=poll.id)
    bad = next((c for c in choices if c not in poll.options), None)
    if bad is not None:
        return Problem(tr("'{option}' is not an option of poll {poll}").format(option=escape(bad)[:60], poll=poll.id),
                       "not_an_option", option=escape(bad)[:60], poll=poll.id)
    if poll.kind != "dots" and len(set(choices)) < len(choices):
        return Problem(tr("choose each option of poll {poll} once").format(poll=poll.id), "vote_repeat",
                       poll=poll.id)
    return None


# A kind's check: (the state so far, the event, its payload, whether it is a new record) -> its problem.
Check = Callable[[WorkshopState, Any, dict[str, Any], bool], Problem | None]

CHECKS: dict[str, Check] = {
    "participant.added": _participant, "pick": _pick, "score": _score, "comment": _comment,
    "proposal.created": _proposal_created, "proposal.updated": _proposal_updated, "priorities.set": _priorities,
    "undo": _step, "redo": _step, "comment.edited": _comment_edited, "table.updated": _table_updated,
    "poll.opened": _poll_opened, "poll.closed": _poll_closed, "vote": _vote}
