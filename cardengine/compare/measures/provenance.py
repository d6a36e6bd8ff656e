"""Provenance of the comparison's tables: the workshop id behind every row, and the sources.

A pure post-pass over every tidy table `compare` made (also the tables other modules add: it relies only on
column names), run last:

- a table without a `workshop_id` column gets one, as its last column: a row about one workshop (its
  `workshop` column names one) carries that workshop's id; a row per group (a `group` column, or the `a` and
  `b` of a pair of groups) the ids of the group's workshops, sorted and space-separated; a row about the
  groups together the ids of the workshops behind it. Every id is a `WorkshopFacts.id`, the `workshop`
  column of `cardengine export --format csv`, so every row joins back to the exports;
- `sources` (one row per workshop file: its SHA-256, events, last event) and `group_workshops` (one row
  per group and workshop: the bridge that turns a row's group into one workshop id per row).

Descriptions stay in English here: the data package says them in the report's language (Italian included)
through the report catalogue (`report.words_data`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from cardengine.compare.measures.facts import WorkshopFacts
from cardengine.compare.measures.model import Comparison, workshop_label
from cardengine.compare.measures.tidy import PLAIN, Column, Plain, TidyTable, _table

WORKSHOP_ID = "workshop_id"
GROUP_COLUMNS = ("group", "a", "b")  # columns whose value can name a group compared
WORKSHOP_ID_COLUMN = Column(
    WORKSHOP_ID, str,
    "workshop ids (UUID) behind the row: the workshop's id for a row about one workshop, else the ids of the "
    "group's (or groups') workshops, sorted and space-separated; group_workshops.csv has one per row, and "
    "each is the workshop column of `cardengine export --format csv`")


def with_provenance(cmp: Comparison) -> dict[str, TidyTable]:
    """Every table of `cmp` with its workshop ids, then `sources` and `group_workshops`."""
    ids = _Ids(cmp)
    tables = {name: _with_ids(t, ids, cmp) for name, t in cmp.tables.items()}
    for extra in (sources_table(cmp.workshops), group_workshops_table(cmp)):
        tables[extra.name] = extra
    return tables


class _Ids:
    """Workshop ids by workshop label and by group label, each joined once (a group can hold many)."""

    def __init__(self, cmp: Comparison):
        self.by_label: dict[str, set[str]] = {}
        for w in cmp.workshops:  # two workshops can share territory, date and title: the label names both
            self.by_label.setdefault(workshop_label(cmp, w), set()).add(w.id)
        self.by_group = {g.label: {w.id for w in g.workshops} for g in cmp.groups}
        self.everyone = {w.id for w in cmp.workshops}
        self._joined: dict[frozenset[str], str] = {}

    def joined(self, ids: Iterable[str]) -> str:
        key = frozenset(ids)
        if key not in self._joined:
            text = " ".join(sorted(key))
            self._joined[key] = Plain(text) if PLAIN.match(text) else text  # UUIDs are: written fast
        return self._joined[key]


def _with_ids(table: TidyTable, ids: _Ids, cmp: Comparison) -> TidyTable:
    names = [c.name for c in table.columns]
    if WORKSHOP_ID in names:  # a table about workshops, tables or comments carries its own
        return table
    workshop = names.index("workshop") if "workshop" in names else None
    groups = [names.index(n) for n in GROUP_COLUMNS if n in names]
    behind = _groups_behind(table, cmp)
    rows = []
    for row in table.rows:
        label = row[workshop] if workshop is not None else ""
        if label and label in ids.by_label:
            found: set[str] = ids.by_label[label]
            in_groups = [ids.by_group[row[i]] for i in groups if row[i] in ids.by_group]
            if len(found) > 1 and in_groups:  # a label two workshops share: the row's group may tell which
                found = (found & set().union(*in_groups)) or found
        else:
            named = [row[i] for i in groups if row[i] in ids.by_group]
            if behind is not None:
                named = behind(row)
            found = {w for g in named for w in ids.by_group[g]} if named else ids.everyone
        rows.append((*row, ids.joined(found)))
    return TidyTable(table.name, table.description, (*table.columns, WORKSHOP_ID_COLUMN), rows)


def _groups_behind(table: TidyTable, cmp: Comparison) -> Callable[[tuple[object, ...]], list[str]] | None:
    """For `disagreement_between` (a row per card and measure over the groups that scored the card): the groups
    whose means the row compares, found in the per-group tables, so the row names no workshop it does not use."""
    if table.name != "disagreement_between" or "card_criteria" not in cmp.tables:
        return None
    scored: dict[tuple[object, object], list[str]] = {}  # (card, measure) -> groups
    for r in cmp.tables["card_criteria"].records():
        scored.setdefault((r["card"], r["criterion"]), []).append(r["group"])
    for r in cmp.tables.get("feasibility_ranking", _EMPTY).records():
        scored.setdefault((r["card"], "weighted"), []).append(r["group"])
    names = [c.name for c in table.columns]
    card, measure = names.index("card"), names.index("measure")
    return lambda row: scored.get((row[card], row[measure]), [])


_EMPTY = TidyTable("", "", (), [])


def sources_table(workshops: Sequence[WorkshopFacts]) -> TidyTable:
    rows = []
    for w in workshops:
        o = w.origin
        rows.append((w.id, w.source, o.sha256 if o else "", o.events if o else None, o.last_event if o else "",
                     w.title, w.territory, w.date, len(w.tables)))
    return _table("sources", "The workshop files compared: one row per file, with what identifies its content", [
        (WORKSHOP_ID, str, "workshop id (UUID); the workshop column of `cardengine export --format csv`"),
        ("file", str, "file name of the workshop file (.db)"),
        ("sha256", str, "SHA-256 of the file's bytes as compared (what `sha256sum FILE` prints for it)"),
        ("events", int, "events recorded in the file"),
        ("last_event", str, "time of the latest event (ISO 8601, UTC)"),
        ("title", str, "workshop title"),
        ("territory", str, "territory of the workshop"),
        ("date", str, "date of the workshop"),
        ("tables", int, "tables of the workshop compared")], rows)


def group_workshops_table(cmp: Comparison) -> TidyTable:
    rows = [(g.label, w.id, w.territory, w.date, w.title, w.source) for g in cmp.groups for w in g.workshops]
    return _table("group_workshops", "Which workshops each group holds: one row per group and workshop, to join "
                  "a row of any table to one workshop id at a time", [
        ("group", str, "the group compared: a territory, a workshop or a table"),
        (WORKSHOP_ID, str, "id (UUID) of one of the group's workshops"),
        ("territory", str, "territory of the workshop"),
        ("date", str, "date of the workshop"),
        ("title", str, "workshop title"),
        ("file", str, "file name of the workshop file (.db)")], rows)

