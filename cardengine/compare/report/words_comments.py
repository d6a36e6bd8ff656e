"""The words of the report's section on comments, the qualitative record (comments): {key: English}.
"""

from __future__ import annotations

COMMENT_WORDS: dict[str, str] = {
    "qual.title": "Comments: the qualitative record",
    "qual.intro": "Barriers, enablers, questions and quotes noted at the tables, about cards, proposals or "
                  "the discussion in general. Every comment, in full, is in comments.csv and in the REFI-QDA "
                  "project comments.qdpx (for QualCoder, ATLAS.ti, MAXQDA, NVivo).",
    "qual.none": "No table recorded a comment.",
    "qual.t.counts": "Comments by kind: number (tables that made them / tables in the group)",
    "qual.total": "Total",
    "qual.t.cards": "The most commented cards (all groups): comments by kind",
    "qual.col.kind": "Kind",
    "qual.col.tables": "Tables",
    "qual.col.about": "About",
    "qual.col.text": "Comment",
    "qual.col.where": "Workshop · table",
    "qual.col.who": "Stakeholder",
    "qual.t.texts": "{kind}: {n}, by card and proposal",
    "qual.general": "(the table's discussion)",
    "qual.proposal": "proposal {ref}: {title}",
    "qual.empty": "(comment without text)",
    "qual.shortened": "Comments longer than {n} characters are shortened (…); the full text is in comments.csv.",
    "qual.capped": "{shown} of {total} comments shown, up to {per} per group; all are in comments.csv.",
    "qual.cards_capped": "{shown} of {total} commented cards shown; all are in card_comments.csv.",
    "qual.kind.barrier": "Barriers",
    "qual.kind.enabler": "Enablers",
    "qual.kind.question": "Questions",
    "qual.kind.quote": "Quotes",
}
