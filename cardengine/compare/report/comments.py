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

from cardengine.compare.measures.comments import kind_order
from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.report.blocks import aligned, capped, card_label, side_by_side
from cardengine.compare.report.model import Block, Paragraph, Section, Table
from cardengine.compare.report.words import Words

MAX_TEXT_ROWS = 60  # comments of one kind shown in the report; all of them are in comments.csv
MAX_TEXT_CHARS = 600  # a longer comment is shortened in the report (whole in the CSV)
TOP_CARDS = 20  # with the counts above, fits one landscape page
SHOWN_KINDS = ("quote", "barrier", "enabler")  # the kinds whose words the report quotes



def kind_name(w: Words, kind: str) -> str:
    return w(f"qual.kind.{kind}") if w.has(f"qual.kind.{kind}") else kind


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
    blocks: list[Block] = [side_by_side(w("qual.t.counts"), (w("qual.col.kind"),), rows, groups,
                                         "comment_counts.csv")]
    blocks.append(_cards_table(cmp, w, records, kinds))
    labels = {x.id: f"{x.territory} {x.date}".strip() or x.title for x in cmp.workshops}
    for kind in SHOWN_KINDS:
        mine = [r for r in records if r["kind"] == kind]
        if mine:
            blocks.append(capped(_texts_table(cmp, w, kind, mine, groups, labels), w))
    return Section("comments", w("qual.title"), w("qual.intro"), tuple(blocks))


def _cards_table(cmp: Comparison, w: Words, records: list[dict], kinds: list[str]) -> Table:
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
    align = aligned(1, len(kinds) + 2)
    return Table(w("qual.t.cards"), (w("col.card"), *(kind_name(w, k) for k in kinds), w("qual.total"),
                                     w("qual.col.tables")), rows, align, "card_comments.csv", note)


def _texts_table(cmp: Comparison, w: Words, kind: str, records: list[dict], groups: Sequence[str],
                 labels: dict[str, str]) -> Table:
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
