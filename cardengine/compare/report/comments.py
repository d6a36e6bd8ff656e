"""The report's section on the qualitative record: comments by kind per group, the most commented cards, and
the words of the tables themselves (quotes, barriers, enablers) with the table and workshop they come from.

Pure: comparison tables -> one `Section`. A report is read, the CSV is searched: long lists show their first
rows, every group represented, and say how many more are in comments.csv; very long texts are shortened here
and kept whole there.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Literal, cast

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.measures.comments import kind_order
from cardengine.compare.report.model import Block, Paragraph, Section, Table
from cardengine.compare.report.words import Words, register

MAX_TEXT_ROWS = 60  # comments of one kind shown in the report; all of them are in comments.csv
MAX_TEXT_CHARS = 600  # a longer comment is shortened in the report (whole in the CSV)
TOP_CARDS = 20  # with the counts above, fits one landscape page
SHOWN_KINDS = ("quote", "barrier", "enabler")  # the kinds whose words the report quotes

QUAL_TEXT: dict[str, dict[str, str]] = {
    "qual.title": {"it": "Commenti: il resoconto qualitativo", "en": "Comments: the qualitative record"},
    "qual.intro": {
        "it": "Ostacoli, fattori abilitanti, domande e citazioni annotati ai tavoli, sulle carte, sulle proposte o "
              "sulla discussione in generale. Tutti i commenti, con il testo completo, sono in comments.csv e nel "
              "progetto REFI-QDA comments.qdpx (per QualCoder, ATLAS.ti, MAXQDA, NVivo).",
        "en": "Barriers, enablers, questions and quotes noted at the tables, about cards, proposals or the "
              "discussion in general. Every comment, in full, is in comments.csv and in the REFI-QDA project "
              "comments.qdpx (for QualCoder, ATLAS.ti, MAXQDA, NVivo)."},
    "qual.none": {"it": "Nessun tavolo ha annotato commenti.", "en": "No table recorded a comment."},
    "qual.t.counts": {
        "it": "Commenti per tipo: numero (tavoli che li hanno fatti / tavoli del gruppo)",
        "en": "Comments by kind: number (tables that made them / tables in the group)"},
    "qual.total": {"it": "Totale", "en": "Total"},
    "qual.t.cards": {"it": "Le carte più commentate (tutti i gruppi): commenti per tipo",
                     "en": "The most commented cards (all groups): comments by kind"},
    "qual.col.kind": {"it": "Tipo", "en": "Kind"},
    "qual.col.tables": {"it": "Tavoli", "en": "Tables"},
    "qual.col.about": {"it": "Riguarda", "en": "About"},
    "qual.col.text": {"it": "Commento", "en": "Comment"},
    "qual.col.where": {"it": "Workshop · tavolo", "en": "Workshop · table"},
    "qual.col.who": {"it": "Portatore di interesse", "en": "Stakeholder"},
    "qual.t.texts": {"it": "{kind}: {n}, per carta e proposta", "en": "{kind}: {n}, by card and proposal"},
    "qual.general": {"it": "(discussione del tavolo)", "en": "(the table's discussion)"},
    "qual.proposal": {"it": "proposta {ref}: {title}", "en": "proposal {ref}: {title}"},
    "qual.empty": {"it": "(commento senza testo)", "en": "(comment without text)"},
    "qual.shortened": {
        "it": "I commenti più lunghi di {n} caratteri sono accorciati (…); il testo completo è in comments.csv.",
        "en": "Comments longer than {n} characters are shortened (…); the full text is in comments.csv."},
    "qual.capped": {
        "it": "Mostrati {shown} commenti su {total}, fino a {per} per gruppo; tutti sono in comments.csv.",
        "en": "{shown} of {total} comments shown, up to {per} per group; all are in comments.csv."},
    "qual.cards_capped": {
        "it": "Mostrate {shown} carte commentate su {total}; tutte sono in card_comments.csv.",
        "en": "{shown} of {total} commented cards shown; all are in card_comments.csv."},
    "qual.kind.barrier": {"it": "Ostacoli", "en": "Barriers"},
    "qual.kind.enabler": {"it": "Fattori abilitanti", "en": "Enablers"},
    "qual.kind.question": {"it": "Domande", "en": "Questions"},
    "qual.kind.quote": {"it": "Citazioni", "en": "Quotes"},
}
register(QUAL_TEXT)


def kind_name(w: Words, kind: str) -> str:
    return w(f"qual.kind.{kind}") if f"qual.kind.{kind}" in QUAL_TEXT else kind


def shown_text(text: str, limit: int = MAX_TEXT_CHARS) -> tuple[str, bool]:
    """A comment as the report prints it: on one line, without control or unpaired surrogate characters
    (which neither a PDF font nor an XML parser takes), at most `limit` characters; and whether it was cut."""
    clean = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in "\ufffe\uffff" else ch
                    for ch in text)
    clean = " ".join(clean.split())
    if len(clean) <= limit:
        return clean, False
    return clean[:limit].rstrip() + " …", True


def comments_section(cmp: Comparison, w: Words, groups: Sequence[str]) -> Section:
    from cardengine.compare.report.build import _capped, _card_label, _side_by_side

    records = cmp.tables["comments"].records()
    if not records:
        return Section("comments", w("qual.title"), w("qual.intro"), (Paragraph(w("qual.none")),))
    counts = cmp.tables["comment_counts"].records()
    kinds = sorted({r["kind"] for r in counts if r["comments"]} | set(SHOWN_KINDS) | {"question"},
                   key=lambda k: (kind_order(k), k))
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    totals: Counter[str] = Counter()
    for r in counts:
        cells[r["kind"]][r["group"]] = f"{r['comments']} ({r['tables_commenting']}/{r['tables']})"
        totals[r["group"]] += r["comments"]
    rows = [((kind_name(w, k),), cells[k]) for k in kinds]
    rows.append(((w("qual.total"),), {g: str(totals[g]) for g in groups}))
    blocks: list[Block] = [_side_by_side(w("qual.t.counts"), (w("qual.col.kind"),), rows, groups,
                                         "comment_counts.csv")]
    blocks.append(_cards_table(cmp, w, records, kinds, _card_label))
    labels = {x.id: f"{x.territory} {x.date}".strip() or x.title for x in cmp.workshops}
    for kind in SHOWN_KINDS:
        mine = [r for r in records if r["kind"] == kind]
        if mine:
            blocks.append(_capped(_texts_table(cmp, w, kind, mine, groups, labels, _card_label), w))
    return Section("comments", w("qual.title"), w("qual.intro"), tuple(blocks))


def _cards_table(cmp: Comparison, w: Words, records: list[dict], kinds: list[str], card_label) -> Table:
    by_card: dict[str, Counter[str]] = defaultdict(Counter)
    tables: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in records:
        if r["card"]:
            by_card[r["card"]][r["kind"]] += 1
            tables[r["card"]].add((r["workshop_id"], r["table"]))
    ordered = sorted(by_card, key=lambda c: (-sum(by_card[c].values()), -len(tables[c]), c))
    rows = tuple((card_label(cmp, w, c), *(str(by_card[c][k]) for k in kinds), str(sum(by_card[c].values())),
                  str(len(tables[c]))) for c in ordered[:TOP_CARDS])
    note = w("qual.cards_capped", shown=TOP_CARDS, total=len(ordered)) if len(ordered) > TOP_CARDS else ""
    align = cast(tuple[Literal["l", "r"], ...], ("l",) + ("r",) * (len(kinds) + 2))
    return Table(w("qual.t.cards"), (w("col.card"), *(kind_name(w, k) for k in kinds), w("qual.total"),
                                     w("qual.col.tables")), rows, align, "card_comments.csv", note)


def _texts_table(cmp: Comparison, w: Words, kind: str, records: list[dict], groups: Sequence[str],
                 labels: dict[str, str], card_label) -> Table:
    group_order = {g: i for i, g in enumerate(groups)}
    domains = {d: i for i, d in enumerate(cmp.domains)}

    def about_order(r: dict) -> tuple:
        if r["card"]:
            info = cmp.cards.get(r["card"])
            return (0, domains.get(info.domain, len(domains)) if info else len(domains), r["card"])
        if r["proposal"]:
            return (1, r["workshop_id"], r["table"], r["proposal"])
        return (2,)

    total = len(records)
    note = ""
    if total > MAX_TEXT_ROWS:  # every group keeps a few, in the order made
        per = max(3, MAX_TEXT_ROWS // max(1, len(groups)))
        taken: Counter[str] = Counter()
        kept = []
        for r in records:
            if taken[r["group"]] < per:
                taken[r["group"]] += 1
                kept.append(r)
        records = kept[:MAX_TEXT_ROWS]
        note = w("qual.capped", shown=len(records), total=total, per=per)
    records = sorted(records, key=lambda r: (about_order(r), group_order.get(r["group"], len(groups)), r["at"]))
    rows = []
    cut = False
    for r in records:
        if r["card"]:
            about = card_label(cmp, w, r["card"])
        elif r["proposal"]:
            about = w("qual.proposal", ref=r["proposal"], title=shown_text(r["proposal_title"], 120)[0])
        else:
            about = w("qual.general")
        text, shortened = shown_text(r["text"])
        cut = cut or shortened
        rows.append((about, text or w("qual.empty"),
                     f"{labels.get(r['workshop_id'], r['workshop'])} · {r['table']}",
                     w.stakeholder(r["stakeholder_type"])))
    if cut:
        note = f"{note} {w('qual.shortened', n=MAX_TEXT_CHARS)}".strip()
    return Table(w("qual.t.texts", kind=kind_name(w, kind), n=total),
                 (w("qual.col.about"), w("qual.col.text"), w("qual.col.where"), w("qual.col.who")),
                 tuple(rows), ("l", "l", "l", "l"), "comments.csv", note)
