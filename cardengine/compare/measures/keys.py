"""Primary and foreign keys of the comparison's tables, declared in the data package only where they hold.

A key is a promise to whoever joins the tables, and `frictionless validate` checks it on every row; so each
candidate is checked on the rows written: a key whose fields are missing, empty or repeated in this data set
is left out rather than declared false (labels can coincide: two workshops with the same territory, date and
title, two tables of one workshop with the same name). Tables of other modules get keys the same way: list
their candidates in PRIMARY_KEYS; columns naming a group or one workshop get their foreign keys by name.
"""

from __future__ import annotations

from collections.abc import Sequence

from cardengine.compare.measures.tidy import TidyTable

# table -> candidate primary keys, best first; the first that holds is declared
PRIMARY_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "groups": (("group",),),
    "participants": (("group", "stakeholder_type"),),
    "card_picks": (("group", "card"),),
    "domain_picks": (("group", "domain"),),
    "never_picked": (("group", "card"),),
    "card_criteria": (("group", "card", "criterion"),),
    "domain_criteria": (("group", "domain", "criterion"),),
    "criteria_summary": (("group", "criterion"),),
    "feasibility_ranking": (("group", "card"),),
    "disagreement_within": (("group", "card", "criterion"),),
    "disagreement_between": (("card", "measure"),),
    "pick_overlap": (("scope", "workshop_id", "a", "b"),),
    "agreement": (("scope", "workshop_id"), ("scope", "group", "workshop")),
    "proposals": (("workshop_id", "table", "proposal"),),
    "proposal_cards": (("workshop_id", "table", "proposal", "card"),),
    "domain_proposals": (("group", "domain"),),
    "domain_priorities": (("group", "domain"),),
    "sources": (("workshop_id",),),
    "group_workshops": (("group", "workshop_id"),),
    # tables of the other parts of issue 13, as they were being written (checked like the rest)
    "comments": (("workshop_id", "comment"),),
    "comment_counts": (("group", "kind"),),
    "card_comments": (("group", "card", "kind"),),
    "proposal_comments": (("workshop_id", "table", "proposal", "kind"),),
    "sdg_coverage": (("group", "goal"),),
    "stakeholder_criteria": (("group", "criterion", "stakeholder_type"),),
    "stakeholder_card_criteria": (("group", "card", "criterion", "stakeholder_type"),),
    "polls": (("workshop_id", "poll", "option"),),
}
GROUP_REFERENCES = ("group", "lowest_group", "highest_group")  # columns whose values are group labels


def _column(table: TidyTable, name: str) -> list | None:
    names = [c.name for c in table.columns]
    if name not in names:
        return None
    i = names.index(name)
    return [row[i] for row in table.rows]


def primary_key(table: TidyTable) -> list[str] | None:
    """The first candidate key of `table` that is present, never empty and unique on its rows."""
    for fields in PRIMARY_KEYS.get(table.name, ()):
        columns = [_column(table, f) for f in fields]
        if any(c is None for c in columns):
            continue
        keys = list(zip(*columns, strict=False)) if table.rows else []
        if all(v not in (None, "") for key in keys for v in key) and len(set(keys)) == len(keys):
            return list(fields)
    return None


def foreign_keys(table: TidyTable, tables: Sequence[TidyTable]) -> list[dict]:
    """References that hold on every row: group columns to `groups`, single workshop ids to `sources`
    (a group's row names several ids in one cell, which no foreign key can say: group_workshops does)."""
    by_name = {t.name: t for t in tables}
    out = []
    groups = set(_column(by_name["groups"], "group") or []) if "groups" in by_name else set()
    for name in GROUP_REFERENCES:
        values = _column(table, name)
        if table.name != "groups" and groups and values is not None and \
                all(v in groups for v in values if v not in (None, "")):
            out.append({"fields": [name], "reference": {"resource": "groups", "fields": ["group"]}})
    ids = set(_column(by_name["sources"], "workshop_id") or []) if "sources" in by_name else set()
    values = _column(table, "workshop_id")
    if table.name != "sources" and ids and values is not None and values and all(v in ids for v in values):
        out.append({"fields": ["workshop_id"], "reference": {"resource": "sources", "fields": ["workshop_id"]}})
    return out


def resource_name(table: TidyTable) -> str:
    """A data package resource name (lower case, digits, - . _ /... but no upper case): the CSV's stem."""
    return table.name.lower().replace("_", "-")
