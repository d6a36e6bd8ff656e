"""The qualitative record as tidy tables: every comment (barrier, enabler, question, quote) with where it was made,
and how many of each kind each group, card and proposal drew.

Pure: a `Comparison` -> `TidyTable`s. Texts are kept exactly as the table left them (the CSV writer stops
formula starts; the report cleans what it shows); counts are of comments, with the tables behind them.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from cardengine.compare.measures.model import Comparison, card_order, tables_with_workshops, workshop_label
from cardengine.compare.measures.tidy import CARD, DOMAIN, G, TidyTable, _table
from cardengine.sessions.state import COMMENT_KINDS

WORKSHOP_ID = ("workshop_id", str, "the workshop's id (UUID): joins to `cardengine export` rows")
KIND = ("kind", str, "comment kind: barrier, enabler, question or quote")


def comment_tables(cmp: Comparison) -> list[TidyTable]:
    return [_comments(cmp), _comment_counts(cmp), _card_comments(cmp), _proposal_comments(cmp)]


def kind_order(kind: str) -> int:
    """Known kinds in their usual order, any other (from an older file) after them."""
    return COMMENT_KINDS.index(kind) if kind in COMMENT_KINDS else len(COMMENT_KINDS)


def _comments(cmp: Comparison) -> TidyTable:
    rows = []
    for g, w, t in tables_with_workshops(cmp):
        titles = {p.ref: p.title for p in t.proposals}
        for c in t.comments:
            domain = cmp.cards[c.card].domain if c.card in cmp.cards else ""
            rows.append((w.id, g.label, workshop_label(cmp, w), t.table_name, c.event, c.at, c.kind, c.card,
                         domain, c.proposal, titles.get(c.proposal, ""), c.stakeholder_type, c.text))
    return _table("comments", "Every comment the tables recorded, in the order made at each table", [
        WORKSHOP_ID, G,
        ("workshop", str, "territory, date and title"),
        ("table", str, "table name"),
        ("comment", str, "the comment's event id (stable across exports and merges)"),
        ("at", str, "when it was recorded (ISO 8601)"),
        KIND,
        ("card", str, "card id the comment is about (empty when none)"),
        ("domain", str, "domain id of that card (empty when none)"),
        ("proposal", str, "the table's proposal it is about, e.g. P1 (empty when none)"),
        ("proposal_title", str, "that proposal's title"),
        ("stakeholder_type", str, "stakeholder type of the participant credited with it (empty when nobody)"),
        ("text", str, "the comment as recorded (edits applied)"),
    ], rows)


def _comment_counts(cmp: Comparison) -> TidyTable:
    rows = []
    for g in cmp.groups:
        comments: Counter[str] = Counter()
        tables: dict[str, set[tuple[str, str]]] = defaultdict(set)
        on_cards: Counter[str] = Counter()
        on_proposals: Counter[str] = Counter()
        general: Counter[str] = Counter()
        for t in g.tables:
            for c in t.comments:
                comments[c.kind] += 1
                tables[c.kind].add((t.workshop, t.table))
                on_cards[c.kind] += bool(c.card)
                on_proposals[c.kind] += bool(c.proposal)
                general[c.kind] += not (c.card or c.proposal)
        kinds = list(COMMENT_KINDS) + sorted(set(comments) - set(COMMENT_KINDS))
        for kind in kinds:
            rows.append((g.label, kind, comments[kind], on_cards[kind], on_proposals[kind], general[kind],
                         len(tables[kind]), len(g.tables)))
    return _table("comment_counts", "Comments of each kind, per group", [
        G, KIND,
        ("comments", int, "comments of this kind"),
        ("about_cards", int, "of those, comments about a card"),
        ("about_proposals", int, "of those, comments about a proposal"),
        ("general", int, "of those, comments about neither (the table's discussion in general)"),
        ("tables_commenting", int, "tables that made at least one comment of this kind"),
        ("tables", int, "tables in the group"),
    ], rows)


def _card_comments(cmp: Comparison) -> TidyTable:
    rows = []
    order = card_order(cmp)
    for g in cmp.groups:
        comments: Counter[tuple[str, str]] = Counter()
        tables: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
        for t in g.tables:
            for c in t.comments:
                if c.card:
                    comments[(c.card, c.kind)] += 1
                    tables[(c.card, c.kind)].add((t.workshop, t.table))
        for card, kind in sorted(comments, key=lambda k: (order(k[0]) if k[0] in cmp.cards else (99, k[0]),
                                                          kind_order(k[1]), k[1])):
            domain = cmp.cards[card].domain if card in cmp.cards else ""
            rows.append((g.label, card, domain, kind, comments[(card, kind)], len(tables[(card, kind)])))
    return _table("card_comments", "Comments about each card, by kind, per group (cards without comments are "
                  "left out)", [
        G, CARD, DOMAIN, KIND,
        ("comments", int, "comments of this kind about the card"),
        ("tables", int, "tables that made them"),
    ], rows)


def _proposal_comments(cmp: Comparison) -> TidyTable:
    rows = []
    for g, w, t in tables_with_workshops(cmp):
        counts: Counter[tuple[str, str]] = Counter(
            (c.proposal, c.kind) for c in t.comments if c.proposal)
        titles = {p.ref: p.title for p in t.proposals}
        for (ref, kind) in sorted(counts, key=lambda k: (k[0], kind_order(k[1]), k[1])):
            rows.append((w.id, g.label, workshop_label(cmp, w), t.table_name, ref, titles.get(ref, ""), kind,
                         counts[(ref, kind)]))
    return _table("proposal_comments", "Comments about each proposal, by kind (a proposal belongs to one table)", [
        WORKSHOP_ID, G,
        ("workshop", str, "territory, date and title"),
        ("table", str, "table name"),
        ("proposal", str, "the table's proposal reference, e.g. P1"),
        ("title", str, "proposal title"), KIND,
        ("comments", int, "comments of this kind about the proposal"),
    ], rows)
