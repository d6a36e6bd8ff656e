"""The words of how a comparison was made (provenance: the sources section, the footer) and of the data
package's data card (render/package: README.md, load.sql): {key: English}.
"""

from __future__ import annotations

from cardengine.i18n import KeyedEnglish

PROVENANCE_WORDS: dict[str, KeyedEnglish] = {
    "prov.id": "Workshop id",
    "prov.events": "Events",
    "prov.last_event": "Last event",
    "prov.sha256": "SHA-256 of the file",
    "prov.more_files": ("[… {n} more workshop file, listed in sources.csv]",
                        "[… {n} more workshop files, all listed in sources.csv]"),
    "prov.files": "Files",
    "prov.files_capped": "The table below lists the first {shown} of the {total} files; sources.csv lists "
                         "them all, each with its SHA-256.",
    "prov.tool": "Tool",
    "prov.generated": "Generated (UTC)",
    "prov.command": "Command",
    "prov.licence": "Licence of the data",
    "prov.data": "Data",
    "prov.data_text": "The CSV tables beside this report, described in datapackage.json and README.md; "
                      "sources.csv lists the files with their SHA-256, and every row of every CSV carries in "
                      "workshop_id the ids of the workshops it comes from.",
    "prov.generated_by": "Made with cardengine {version} on {time}",
    "prov.licence_owner": "{licence}, chosen by the data's owner (--licence).",
    "prov.licence_default": "{licence} as cardengine's default: the data belong to those who held the "
                            "workshops, who choose their licence (--licence) before publishing them.",
    "pkg.description": "A comparison of co-design workshops recorded with cardengine: cards picked, "
                       "feasibility, disagreement, agreement and proposals per group, as tidy CSV tables (one "
                       "row per observation). The report beside them (report.html, report.pdf) shows the same "
                       "numbers and describes every measure in its Methods section.",
    "pkg.sql": "Loads the comparison's CSV tables into DuckDB with their declared types (see README.md); run "
               "it in this folder:",
    "pkg.rows": ("{n} row", "{n} rows"),
    "pkg.h.who": "Who made the data",
    "pkg.who": "At each of the {workshops} workshops, facilitators and note-takers recorded, table by table, "
               "the cards picked, the values given on the criteria, comments and proposals, in one file per "
               "workshop (listed in sources.csv with their SHA-256). Participants appear only by stakeholder "
               "type, never by name.",
    "pkg.h.how": "How",
    "pkg.how": "cardengine {version} computed these tables from those files, with no manual step, grouping by "
               "{group_by}, on {time} (UTC), with the command:",
    "pkg.h.licence": "Licence",
    "pkg.h.files": "Files",
    "pkg.files_note": "datapackage.json gives every column's type and meaning, the tables' keys and how they "
                      "relate. CSV in UTF-8 (with a BOM), comma-separated, with a header row; an empty cell = "
                      "no value; true/false for yes/no; text starting with = + - @ has a ' in front (so that "
                      "a spreadsheet does not run it as a formula). Every row carries in workshop_id the ids "
                      "of the workshops it comes from.",
    "pkg.h.load": "Reading the data with their types",
    "pkg.load": "An empty column (an interval not computed, a workshop with no picks) gives a reader nothing "
                "to guess a type from: DuckDB's and pandas' read_csv read it as text or as decimals. For the "
                "declared types, in DuckDB, from this folder:",
    "pkg.load_pandas": "In pandas, from this folder:",
    "pkg.h.join": "Joining rows to the workshops",
    "pkg.join": "workshop_id is a workshop's id (the workshop column of `cardengine export W.db --format "
                "csv`) or, for a row about a group, its workshops' ids, space-separated; group_workshops.csv "
                "has one row per group and workshop, to join a row per group (column group) to one workshop "
                "at a time.",
}
