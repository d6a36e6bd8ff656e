"""The report section on the proposals the tables made, and the cards they were built from.

Pure: comparison tables -> one `Section`.
"""

from __future__ import annotations

from collections.abc import Sequence

from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.report.blocks import MAX_LIST_ROWS, by_group, capped, card_label, domain_name, side_by_side
from cardengine.compare.report.model import Block, Paragraph, Section, Table
from cardengine.compare.report.words import Words


def proposals_section(cmp: Comparison, w: Words, groups: Sequence[str]) -> Section:
    counts = {(r["domain"], r["group"]): r["proposals"] for r in cmp.tables["domain_proposals"].records()}
    plist = cmp.tables["proposals"].records()
    if not plist:
        return Section("proposals", w("s.proposals"), w("s.proposals.intro"), (Paragraph(w("proposals.none")),))
    blocks: list[Block] = [side_by_side(
        w("t.domain_proposals"), (w("col.domain"),),
        [((domain_name(cmp, w, d),), {g: str(counts.get((d, g), 0)) for g in groups}) for d in cmp.domains],
        groups, "domain_proposals.csv")]
    note = ""
    if len(plist) > MAX_LIST_ROWS:  # each group's most feasible proposals, so every group is represented
        per = max(3, MAX_LIST_ROWS // len(groups))
        shown = []
        plist_by = by_group(plist)
        for g in groups:
            mine = plist_by.get(g, [])
            shown += sorted(mine, key=lambda r: (r["weighted"] is None, -(r["weighted"] or 0)))[:per]
        note = w("proposals.capped", per=per, total=len(plist))
        plist = shown
    blocks.append(capped(Table(
        w("t.proposals"), (w("col.group"), w("col.table"), w("col.proposal"), w("col.cards"), w("col.weighted")),
        tuple((r["group"], r["table"], r["title"], "; ".join(card_label(cmp, w, c) for c in r["cards"].split()),
               w.num(r["weighted"])) for r in plist),
        ("l", "l", "l", "l", "r"), "proposals.csv", note), w))
    return Section("proposals", w("s.proposals"), w("s.proposals.intro"), tuple(blocks))
