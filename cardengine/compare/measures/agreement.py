"""Agreement as a tidy table: how far the tables of each workshop, and the groups, rank cards alike (Kendall's W
with its test, mean pairwise Spearman) and overlap in their picks (mean Jaccard).

Pure: a `Comparison` -> one `TidyTable`; warns on the comparison where W is not tested or left out.
"""

from __future__ import annotations

from itertools import combinations

from cardengine.compare.measures.model import MAX_PAIRWISE_GROUPS, Comparison, workshop_label
from cardengine.compare.measures.pergroup import Row, group_data
from cardengine.compare.measures.stats import jaccard, kendalls_w, kendalls_w_test, mean, mean_of, spearman
from cardengine.compare.measures.tidy import TidyTable, _r, _table
from cardengine.i18n import tr

W_MIN_ITEMS = 3  # Kendall's W over fewer common cards is not tested (and the report says so)

# raters, common items, W, its chi-square, df and p-value, comparable pairs, mean pairwise Spearman
Concordance = tuple[int, int, float | None, float | None, int, float | None, int, float | None]


def agreement(cmp: Comparison) -> TidyTable:
    """How far the tables of each workshop (and the groups) rank cards alike, and overlap in their picks.

    Kendall's W needs every rater to score the same cards, so it is computed over the cards all of them
    scored; tables rarely score exactly the same cards, so the mean Spearman correlation over each pair's
    common cards (three or more) is given as well."""
    rows: list[Row] = []
    group_of = {w.id: g.label for g in cmp.groups for w in g.workshops} if cmp.group_by != "table" else {}
    untested = []  # W computed over fewer than three common cards: not tested
    for w in cmp.workshops:
        raters = [t.weighted for t in w.tables if t.weighted]
        pairs = [jaccard(set(a.picked), set(b.picked)) for a, b in combinations(w.tables, 2)]
        found = concordance(raters)
        if found[2] is not None and found[1] < W_MIN_ITEMS:
            untested.append(workshop_label(cmp, w))
        rows.append(("tables", group_of.get(w.id, workshop_label(cmp, w)), workshop_label(cmp, w),
                     *found, _r(mean([p for p in pairs if p is not None])), len(raters)))
    if len(cmp.groups) <= MAX_PAIRWISE_GROUPS:
        scored = [g for g in cmp.groups if group_data(cmp, g).weighted]
        raters = [{c: mean_of(s) for c, s in group_data(cmp, g).weighted.items()} for g in scored]
        picked = [{c for t in g.tables for c in t.picked} for g in cmp.groups]
        pairs = [jaccard(a, b) for a, b in combinations(picked, 2)]
        found = concordance(raters)
        if found[2] is not None and found[1] < W_MIN_ITEMS and len(cmp.groups) > 1:
            untested.append("between groups")
        rows.append(("groups", "", "", *found, _r(mean([p for p in pairs if p is not None])),
                     sum(len([t for t in g.tables if t.weighted]) for g in scored)))
    else:
        # The comparison's warnings speak the command line's language (the terminal shows them; the report
        # repeats them, and says the one about W in its own language).
        cmp.warnings.append(tr("{n} groups: agreement and pick overlap between groups are left out (more than "
                               "{max}); group by territory to compare them").format(n=len(cmp.groups),
                                                                                  max=MAX_PAIRWISE_GROUPS))
    if untested:
        labels = [tr("between groups") if label == "between groups" else label for label in untested]
        shown = "; ".join(labels[:5]) + (tr(" and {n} more").format(n=len(labels) - 5) if len(labels) > 5 else "")
        cmp.warnings.append(tr("Kendall's W rests on fewer than {min} cards scored by every rater, so it is not "
                               "tested and says little: {shown}").format(min=W_MIN_ITEMS, shown=shown))
        cmp._memo["w untested"] = (cmp.warnings[-1], untested)  # the report says it in its own language
    return _table("agreement", "Agreement between the rankings of tables (per workshop) and of groups, and the "
                  "overlap of their picks", [
        ("scope", str, "'tables' (the tables of one workshop) or 'groups' (the groups compared)"),
        ("group", str, "the group holding the workshop (grouping by table: territory, date and title of the "
                       "workshop); empty for the groups row"),
        ("workshop", str, "territory, date and title (empty for groups)"),
        ("raters", int, "tables (or groups) with at least one scored card"),
        ("items", int, "cards every one of those raters scored"),
        ("kendalls_w", float, "Kendall's W over those cards: 0 = no agreement, 1 = identical rankings; "
                              "empty below 2 raters or 2 cards"),
        ("chi2", float, "Friedman's chi-square of W: raters x (items - 1) x W; empty below 3 items (W not tested)"),
        ("df", int, "degrees of freedom of that test: items - 1 (given also where W is not tested, where chi2 "
                    "and p_value are empty)"),
        ("p_value", float, "P(chi-square with df degrees of freedom >= chi2): the chance of agreement at least this "
                           "strong if the raters ranked at random"),
        ("pairs", int, "pairs of raters whose rankings could be compared: three or more cards in common, "
                       "not all tied"),
        ("mean_spearman", float, "mean Spearman correlation of those pairs' rankings over their common cards "
                                 "(-1 = opposite, 0 = unrelated, 1 = identical)"),
        ("mean_jaccard", float, "mean pick overlap over all pairs of raters"),
        ("tables", int, "tables behind the raters' rankings (for groups: all their tables that scored a card)")], rows)


def concordance(raters: list[dict[str, float]]) -> Concordance:
    """raters, common items, Kendall's W over them, its chi-square, df and p-value, comparable pairs, mean
    pairwise Spearman."""
    common = sorted(set.intersection(*(set(r) for r in raters))) if raters else []
    w = kendalls_w([[r[c] for c in common] for r in raters]) if len(raters) >= 2 else None
    test = kendalls_w_test(w, len(raters), len(common))
    chi2, df, p = test if test else (None, max(len(common) - 1, 0), None)  # counts are never missing
    rhos = []
    for a, b in combinations(raters, 2):
        shared = sorted(set(a) & set(b))
        rho = spearman([a[c] for c in shared], [b[c] for c in shared])
        if rho is not None:
            rhos.append(rho)
    return len(raters), len(common), _r(w), _r(chi2), df, p, len(rhos), _r(mean(rhos))
