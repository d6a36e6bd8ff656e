"""Proposals and priorities as tidy tables: every proposal with the cards it was built from, proposals per
domain, and the priority domains the tables named.

Pure: a `Comparison` -> `TidyTable`s.
"""

from __future__ import annotations

from collections import Counter

from cardengine.compare.measures.model import Comparison, tables_with_workshops, workshop_label
from cardengine.compare.measures.pergroup import Row
from cardengine.compare.measures.stats import mean
from cardengine.compare.measures.tidy import CARD, DOMAIN, G, TidyTable, _r, _table


def proposals(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for g, w, t in tables_with_workshops(cmp):
        for p in t.proposals:
            cards = [c for c, _ in p.cards]
            domains = list(dict.fromkeys(cmp.cards[c].domain for c in cards if c in cmp.cards))
            rows.append((g.label, workshop_label(cmp, w), t.table_name, p.ref, p.title, " ".join(cards),
                         " ".join(domains), _r(p.weighted)))
    return _table("proposals", "Proposals made at the tables", [
        G, ("workshop", str, "territory, date and title"), ("table", str, "table name"),
        ("proposal", str, "the table's proposal reference, e.g. P1"), ("title", str, "proposal title"),
        ("cards", str, "source card ids, space-separated"), ("domains", str, "domains of the source cards"),
        ("weighted", float, "weighted feasibility 0-100 the table gave it (empty if not scored)")], rows)


def proposal_cards(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for g, w, t in tables_with_workshops(cmp):
        for p in t.proposals:
            for card, how in p.cards:
                domain = cmp.cards[card].domain if card in cmp.cards else ""
                rows.append((g.label, workshop_label(cmp, w), t.table_name, p.ref, card, domain, how))
    return _table("proposal_cards", "The cards each proposal was built from (one row per card)", [
        G, ("workshop", str, "territory, date and title"), ("table", str, "table name"),
        ("proposal", str, "proposal reference"), CARD, DOMAIN,
        ("how", str, "how the card is used in the proposal")], rows)


def domain_proposals(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for g in cmp.groups:
        made: Counter[str] = Counter()
        uses: Counter[str] = Counter()
        for t in g.tables:
            for p in t.proposals:
                domains = [cmp.cards[c].domain for c, _ in p.cards if c in cmp.cards]
                uses.update(domains)
                made.update(set(domains))
        for domain in cmp.domains:
            rows.append((g.label, domain, made[domain], uses[domain]))
    return _table("domain_proposals", "Proposals per domain: proposals drawing on at least one card of the domain "
                  "(a proposal spanning two domains counts in both)", [
        G, DOMAIN, ("proposals", int, "proposals using a card of the domain"),
        ("cards_used", int, "cards of the domain used across those proposals")], rows)


def domain_priorities(cmp: Comparison) -> TidyTable:
    rows: list[Row] = []
    for g in cmp.groups:
        with_priorities = [t for t in g.tables if t.priority_domains]
        for domain in cmp.domains:
            positions = [t.priority_domains.index(domain) + 1 for t in with_priorities
                         if domain in t.priority_domains]
            first = sum(1 for t in with_priorities if t.priority_domains[0] == domain)
            rows.append((g.label, domain, len(with_priorities), len(positions), first, _r(mean(positions))))
    return _table("domain_priorities", "Priority domains the tables named, in order", [
        G, DOMAIN, ("tables_with_priorities", int, "tables of the group that set priority domains"),
        ("tables_naming", int, "of those, tables that named this domain"),
        ("first_choice", int, "tables that put it first"),
        ("mean_position", float, "mean position where named (1 = first; n = tables_naming); empty if never named")],
                  rows)
