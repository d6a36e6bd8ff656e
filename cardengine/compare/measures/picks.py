"""The groups and their picks as tidy tables: each group's size and participants, how often each card and domain
was picked, the cards nobody picked, and how far the picks of tables and groups overlap (Jaccard).

Pure: a `Comparison` -> `TidyTable`s.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from cardengine.compare.measures.model import MAX_PAIRWISE_GROUPS, Comparison, Group, card_order, workshop_label
from cardengine.compare.measures.pergroup import CI, Row, ci, intervals
from cardengine.compare.measures.stats import jaccard
from cardengine.compare.measures.tidy import CARD, DOMAIN, G, TidyTable, _r, _table
from cardengine.sessions.state import STAKEHOLDER_TYPES


def groups_table(cmp: Comparison) -> TidyTable:
    rows: list[Row] = [
        (g.label, len(g.workshops), len(g.tables), sum(sum(t.participants.values()) for t in g.tables)
         if cmp.group_by == "table" else sum(sum(w.participants.values()) for w in g.workshops),
         sum(len(t.picked) for t in g.tables), sum(len(t.proposals) for t in g.tables))
        for g in cmp.groups]
    return _table("groups", "Size of each group", [
        G, ("workshops", int, "workshops in the group"), ("tables", int, "tables in the group"),
        ("participants", int, "participants registered"), ("picks", int, "cards picked (selected or favourite)"),
        ("proposals", int, "proposals made")], rows)


def participants_table(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for g in cmp.groups:
        counts: Counter[str] = Counter()
        if cmp.group_by == "table":
            for t in g.tables:
                counts.update(t.participants)
        else:
            for w in g.workshops:
                counts.update(w.participants)
        total = sum(counts.values())
        kinds = list(STAKEHOLDER_TYPES) + sorted(set(counts) - set(STAKEHOLDER_TYPES))
        for kind in kinds:
            rows.append((g.label, kind, counts.get(kind, 0), _r(counts[kind] / total) if total else None,
                         len(g.tables)))
    return _table("participants", "Participants by stakeholder type", [
        G, ("stakeholder_type", str, "company, public-authority, utility, association, expert, citizen, other"),
        ("participants", int, "participants of that type"),
        ("share", float, "share of the group's participants (empty when the group has none)"),
        ("tables", int, "tables of the group (n)")], rows)


def _card_counts(g: Group) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
    available: Counter[str] = Counter()
    picked: Counter[str] = Counter()
    favourites: Counter[str] = Counter()
    discarded: Counter[str] = Counter()
    for t in g.tables:
        available.update(t.available)
        picked.update(t.picked)
        favourites.update(t.favourites)
        discarded.update(t.discarded)
    return available, picked, favourites, discarded


def card_picks(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for g in cmp.groups:
        available, picked, favourites, discarded = _card_counts(g)
        found = intervals(cmp, g)
        for card in sorted(available, key=card_order(cmp)):
            rows.append((g.label, card, cmp.cards[card].domain, available[card], picked[card], favourites[card],
                         discarded[card], _r(picked[card] / available[card]), *ci(found.pick_rate.get(card))))
    return _table("card_picks", "How often each card was picked, per group", [
        G, CARD, DOMAIN, ("tables_available", int, "tables whose workshop had the card's deck"),
        ("tables_picked", int, "of those, tables that picked it (selected or favourite)"),
        ("favourites", int, "tables that marked it favourite"),
        ("discarded", int, "tables that discussed and discarded it"),
        ("pick_rate", float, "tables_picked / tables_available (n = tables_available)"), *CI], rows)


def domain_picks(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    domain_cards_of = {d: frozenset(c for c, info in cmp.cards.items() if info.domain == d) for d in cmp.domains}
    for g in cmp.groups:
        for domain, domain_cards in domain_cards_of.items():
            tables = [t for t in g.tables if t.available & domain_cards]
            if not tables:
                continue
            picks = sum(len(t.picked & domain_cards) for t in tables)
            picking = sum(1 for t in tables if t.picked & domain_cards)
            favourites = sum(len(t.favourites & domain_cards) for t in tables)
            offered = sum(len(t.available & domain_cards) for t in tables)
            rows.append((g.label, domain, len(tables), picks, favourites, _r(picks / len(tables)), picking,
                         _r(picking / len(tables)), _r(picks / offered)))
    return _table("domain_picks", "How often each domain was picked, per group", [
        G, DOMAIN, ("tables_available", int, "tables whose workshop had the domain's deck"),
        ("picks", int, "cards of the domain picked, over those tables"),
        ("favourites", int, "cards of the domain marked favourite"),
        ("picks_per_table", float, "picks / tables_available"),
        ("tables_picking", int, "tables that picked at least one card of the domain"),
        ("share_of_tables", float, "tables_picking / tables_available"),
        ("pick_rate", float, "picks / (cards of the domain offered to those tables): mean card pick rate")], rows)


def never_picked(cmp: Comparison) -> TidyTable:
    picked_in: dict[str, set[str]] = defaultdict(set)
    for g in cmp.groups:
        for t in g.tables:
            for card in t.picked:
                picked_in[card].add(g.label)
    rows: list[Row] = []
    for g in cmp.groups:
        available, picked, _, discarded = _card_counts(g)
        for card in sorted(available, key=card_order(cmp)):
            if not picked[card]:
                rows.append((g.label, card, cmp.cards[card].domain, discarded[card], bool(picked_in[card])))
    return _table("never_picked", "Cards no table of the group picked", [
        G, CARD, DOMAIN, ("discarded", int, "tables that discussed and discarded it"),
        ("picked_elsewhere", bool, "true when a table of another group picked it")], rows)


def pick_overlap(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for w in cmp.workshops:
        for a, b in combinations(w.tables, 2):
            j = jaccard(set(a.picked), set(b.picked))
            rows.append(("tables", workshop_label(cmp, w), a.table_name, b.table_name, len(a.picked & b.picked),
                         len(a.picked | b.picked), _r(j), 2))
    picked = {g.label: {c for t in g.tables for c in t.picked} for g in cmp.groups}
    for ga, gb in combinations(cmp.groups if len(cmp.groups) <= MAX_PAIRWISE_GROUPS else (), 2):
        pa, pb = picked[ga.label], picked[gb.label]
        rows.append(("groups", "", ga.label, gb.label, len(pa & pb), len(pa | pb), _r(jaccard(pa, pb)),
                     len(ga.tables) + len(gb.tables)))
    return _table("pick_overlap", "Overlap of picks (Jaccard): between the tables of each workshop, and between "
                  "groups (cards picked by any of their tables)", [
        ("scope", str, "'tables' (two tables of one workshop) or 'groups' (two groups compared)"),
        ("workshop", str, "territory, date and title of the workshop (empty for groups)"),
        ("a", str, "first table or group"), ("b", str, "second table or group"),
        ("shared", int, "cards both picked"), ("union", int, "cards either picked"),
        ("jaccard", float, "shared / union (empty when neither picked anything)"),
        ("tables", int, "tables behind the two pick sets (2 for two tables)")], rows)
