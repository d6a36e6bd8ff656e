"""The report section on the plenary's polls: each workshop's polls with their results, every figure with the
voters behind it.

Pure: the comparison's workshops (their polls, read from the files as `poll_results` gives them) -> one `Section`,
or None when no workshop held a poll (reports of workshops without a plenary stay as they were). The table
behind it is `polls.csv` (measures/polls.py).
"""

from __future__ import annotations

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.measures.facts import PollFacts, WorkshopFacts
from cardengine.compare.measures.model import workshop_label
from cardengine.compare.report.blocks import aligned, card_label, domain_name
from cardengine.compare.report.model import Block, Paragraph, Section, Table
from cardengine.compare.report.sdgs import goal_label
from cardengine.compare.report.words import Words

MAX_POLLS = 60  # a report is read; a hundred polls are searched in the CSV


def polls_section(cmp: Comparison, w: Words) -> Section | None:
    polls = [(x, poll) for x in cmp.workshops for poll in x.polls]
    if not polls:
        return None
    blocks: list[Block] = [_poll_table(cmp, w, x, poll) for x, poll in polls[:MAX_POLLS]]
    if len(polls) > MAX_POLLS:
        blocks.append(Paragraph(w("polls.more", shown=MAX_POLLS, total=len(polls))))
    return Section("polls", w("polls.s"), w("polls.intro"), tuple(blocks))


def _poll_table(cmp: Comparison, w: Words, x: WorkshopFacts, poll: PollFacts) -> Table:
    question = poll.question.get(w.base) or poll.question.get(x.language) or poll.question.get("en") or next(
        iter(poll.question.values()), "")
    where = workshop_label(cmp, x)
    caption = w("polls.caption", workshop=where, poll=poll.id, question=question) if question else \
        w("polls.caption.plain", workshop=where, poll=poll.id)
    points = {"dots": w("polls.col.dots"), "domains": w("polls.col.points")}.get(poll.kind)
    columns = (w("polls.col.option"), w("polls.col.votes"), *((points,) if points else ()))
    chosen = [(option, votes, score) for option, votes, score in poll.results if votes]
    rows = tuple((_label(cmp, w, poll, option), w("polls.of", k=votes, n=poll.voters),
                  *((str(score),) if points else ())) for option, votes, score in chosen)
    kind = w(f"polls.kind.{poll.kind}", n=poll.max_choices) if w.has(f"polls.kind.{poll.kind}") else poll.kind
    note = w("polls.note", kind=kind, voters=poll.voters, state=w("polls.closed") if poll.closed else w("polls.open"))
    unchosen = len(poll.results) - len(chosen)
    if not chosen:
        note += " " + w("polls.no_votes")
    elif unchosen:
        note += " " + w("polls.unchosen", n=unchosen)
    return Table(caption, columns, rows, aligned(1, len(columns) - 1), "polls.csv", note)


def _label(cmp: Comparison, w: Words, poll: PollFacts, option: str) -> str:
    """An option as the reader knows it: the goal's name, the card's or proposal's title, the domain's name."""
    if poll.kind == "goals" and option.isdigit() and 1 <= int(option) <= 17:
        return goal_label(int(option), w)
    if poll.kind == "domains":
        return domain_name(cmp, w, option)
    if poll.kind == "dots" and option in poll.titles:
        return f"{option} {poll.titles[option]}"
    return card_label(cmp, w, option)
