"""The words of the report's section on the plenary's polls (polls): {key: English}."""

from __future__ import annotations

from cardengine.i18n import KeyedEnglish

POLL_WORDS: dict[str, KeyedEnglish] = {
    "polls.s": "Plenary polls",
    "polls.intro": "What participants answered from their phones in the plenary, poll by poll and workshop by "
                   "workshop: goals (each chose up to N of the 17 SDGs), dot votes (each placed N dots on the "
                   "tables' favoured cards and proposals, several on one if they liked) and domain rankings "
                   "(each ranked up to N domains; Borda count: a first choice of N gets N points, the next N-1, "
                   "and so on). Polls are not pooled across workshops: each room answered its own question. "
                   "Every figure says how many of the poll's voters are behind it.",
    "polls.caption": "{workshop} · {poll}: {question}",
    "polls.caption.plain": "{workshop} · {poll}",
    "polls.kind.goals": ("choose {n} goal", "choose up to {n} goals"),
    "polls.kind.dots": ("dot vote, {n} dot each", "dot vote, {n} dots each"),
    "polls.kind.domains": ("rank {n} domain (the first)", "rank up to {n} domains"),
    "polls.col.option": "Option",
    "polls.col.votes": "Voters who chose it",
    "polls.col.dots": "Dots",
    "polls.col.points": "Borda points",
    "polls.of": "{k} of {n}",
    "polls.note": "{kind}; voters: {voters}; {state}.",
    "polls.closed": "closed",
    "polls.open": "still open when the file was read",
    "polls.unchosen": "Options nobody chose: {n}.",
    "polls.no_votes": "No vote was cast in this poll.",
    "polls.more": "{shown} of the {total} polls are shown; polls.csv has every one.",
}
