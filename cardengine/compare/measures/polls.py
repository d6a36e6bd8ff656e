"""The plenary's polls as a tidy table: every option of every poll of every workshop, with the voters who chose
it, its points and the voters behind the poll.

Pure: a `Comparison` -> one `TidyTable`. A poll belongs to a whole workshop (not to a table), so its rows name
the workshop and the workshop's group; polls are not pooled across workshops (each asked its own question of
its own room).
"""

from __future__ import annotations

from cardengine.compare.measures.comments import WORKSHOP_ID
from cardengine.compare.measures.model import Comparison, workshop_label
from cardengine.compare.measures.tidy import G, TidyTable, _table


def poll_table(cmp: Comparison) -> TidyTable:
    groups_of: dict[str, list[str]] = {}
    for g in cmp.groups:
        for w in g.workshops:
            groups_of.setdefault(w.id, []).append(g.label)
    # A poll is the whole room's: grouped by table, a workshop is in several groups and its polls in none.
    group_of = {wid: labels[0] for wid, labels in groups_of.items() if len(labels) == 1}
    rows = []
    for w in cmp.workshops:
        for poll in w.polls:
            question = poll.question.get(w.language) or poll.question.get("en") or next(
                iter(poll.question.values()), "")
            for rank, (option, votes, points) in enumerate(poll.results, 1):
                rows.append((w.id, group_of.get(w.id, ""), workshop_label(cmp, w), poll.id, poll.kind, question,
                             rank, option, votes, points, poll.voters, poll.closed))
    return _table("polls", "Every option of the plenary's polls, with the votes it drew (one row per workshop, poll "
                  "and option)", [
        WORKSHOP_ID, G,
        ("workshop", str, "territory, date and title"),
        ("poll", str, "the poll's id in its workshop: Q1, Q2, ..."),
        ("kind", str, "goals (choose SDGs), dots (dot vote on favoured cards and proposals) or domains (ranking)"),
        ("question", str, "the question asked, in the workshop's language"),
        ("rank", int, "place of the option in the poll's results (1 = most points; ties in the options' order)"),
        ("option", str, "SDG number, card id, proposal as TABLE/P1, or domain id"),
        ("votes", int, "voters who chose the option"),
        ("points", int, "goals: voters; dots: dots placed on it; domains: Borda points (first choice of N "
         "choices N points, then N-1, ...)"),
        ("voters", int, "voters in the poll (n behind every figure of its rows)"),
        ("closed", bool, "whether the poll was closed when the file was read"),
    ], rows)
