"""The comparison's open data: datapackage.json (Frictionless Tabular Data Package), README.md (the data card)
and load.sql (DuckDB: every table with its declared types), in the report's language.

Pure: tables and the run's facts in, bytes out (`run` writes them beside the CSVs).

Why load.sql: a column with no value in it (no interval computed, a workshop with no picks) gives a reader
nothing to guess a type from, so DuckDB's `read_csv` auto-detection reads it as text, as it does every column
of a table with no rows; typed `CREATE TABLE` + `COPY` reads each with the type the package declares. pandas
gets the same from the package (README.md shows how).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

from cardengine.compare.measures.keys import foreign_keys, primary_key, resource_name
from cardengine.compare.measures.tidy import Column, TidyTable
from cardengine.compare.render.csv import csv_bytes, utf8
from cardengine.compare.report.provenance import KNOWN_LICENCES, RunInfo, licence_note
from cardengine.compare.report.words import GROUP_NOUN, Words

FRICTIONLESS_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}
DUCKDB_TYPES = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}
PACKAGE_NAME = "cardengine-comparison"
# How render.csv writes every CSV, declared: without it a reader guesses from the first rows, and comments full
# of semicolons (or quotes) made frictionless read a table as ;-separated and find every row broken.
CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\n", "header": True,
               "skipInitialSpace": False}
README_MARK = "<!-- cardengine compare: the data card of the tables in this folder, rewritten on every run -->"


def _field(column: Column, w: Words) -> dict[str, object]:
    """A column as a Frictionless field, described in `w`'s language (every language, Italian included, from
    the report's catalogue: one translation per English description)."""
    field: dict[str, object] = {"name": column.name, "type": FRICTIONLESS_TYPES[column.type],
                                "description": w.description(column.description)}
    if column.type is bool:
        field.update(trueValues=["true"], falseValues=["false"])
    return field


def datapackage(tables: Sequence[TidyTable], title: str, lang: str, run: RunInfo,
                csvs: dict[str, bytes] | None = None, sums: dict[str, tuple[int, str]] | None = None) -> bytes:
    """datapackage.json: every table a tabular data resource with typed, described fields, its keys where they
    hold, the size and SHA-256 of its CSV; the licence, the tool, command and time of the run. `sums`: each
    CSV's (size, SHA-256) taken as it was written (`csv_sums`), so the CSVs need not all be held at once."""
    w = Words(lang)
    if sums is None:
        sums = csv_sums(csvs if csvs is not None else {t.name: csv_bytes(t) for t in tables})
    resources = []
    for t in tables:
        schema: dict = {"fields": [_field(c, w) for c in t.columns], "missingValues": [""]}
        key = primary_key(t)
        if key:
            schema["primaryKey"] = key
        references = foreign_keys(t, tables)
        if references:
            schema["foreignKeys"] = references
        size, digest = sums[t.name]
        resources.append({
            "name": resource_name(t), "path": f"{t.name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "dialect": CSV_DIALECT,
            "bytes": size, "hash": "sha256:" + digest,
            "description": w.description(t.description), "schema": schema})
    title_, path = KNOWN_LICENCES.get(run.licence_id, ("", ""))
    licence = {"name": run.licence_id, **({"path": path} if path else {}),
               "title": f"{title_ or run.licence_id}: {licence_note(run, lang)}"}
    package = {
        "profile": "tabular-data-package", "name": PACKAGE_NAME, "title": title,
        "description": w("pkg.description"), "created": run.generated, "licenses": [licence],
        "keywords": ["co-design", "participatory planning", "workshops"],
        # not part of the standard (Data Package allows more properties): how to remake these files
        "cardengine": {"version": run.version, "command": list(run.command), "generated": run.generated,
                       "licence_chosen_by_owner": bool(run.licence), "language": lang},
        "resources": resources,
    }
    return utf8(json.dumps(package, ensure_ascii=False, indent=2) + "\n")


def csv_sums(csvs: dict[str, bytes]) -> dict[str, tuple[int, str]]:
    """Each CSV's size and SHA-256 (hex), as the data package gives them."""
    return {name: (len(data), hashlib.sha256(data).hexdigest()) for name, data in csvs.items()}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_sql(tables: Sequence[TidyTable], lang: str = "en") -> bytes:
    """DuckDB script: one typed table per CSV, read with COPY from this folder."""
    lines = [f"-- {Words(lang)('pkg.sql')}", "-- duckdb comparison.duckdb < load.sql", ""]
    for t in tables:
        columns = ",\n".join(f"    {_quoted(c.name)} {DUCKDB_TYPES[c.type]}" for c in t.columns)
        path = f"{t.name}.csv".replace("'", "''")
        lines += [f"CREATE OR REPLACE TABLE {_quoted(t.name)} (\n{columns}\n);",
                  f"COPY {_quoted(t.name)} FROM '{path}' (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', "
                  "ESCAPE '\"', NULLSTR '');", ""]
    return "\n".join(lines).encode("utf-8")


PANDAS_SNIPPET = '''import json
import pandas as pd

DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
package = json.load(open("datapackage.json", encoding="utf-8"))
tables = {
    r["path"][:-4]: pd.read_csv(r["path"], keep_default_na=False, na_values=[""],
                                dtype={f["name"]: DTYPES[f["type"]] for f in r["schema"]["fields"]})
    for r in package["resources"]
}'''


def foreign_readme(path: Path) -> bool:
    """A README.md there that `compare` did not write (someone's own notes on the folder): never replaced."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(README_MARK.encode("utf-8")))
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return head != README_MARK.encode("utf-8")


def earlier_comparison(folder: Path) -> bool:
    """Does `folder` hold an earlier comparison (its datapackage.json or its data card)? Only then may compare
    replace files there under its own names: someone's groups.csv or sources.csv beside their workshop files
    is theirs."""
    try:
        with open(folder / "datapackage.json", "rb") as f:
            package = json.loads(f.read(64 * 1024 * 1024))
        if isinstance(package, dict) and package.get("name") == PACKAGE_NAME:
            return True
    except (OSError, ValueError):
        pass
    return not foreign_readme(folder / "README.md") and (folder / "README.md").is_file()


def readme(tables: Sequence[TidyTable], title: str, lang: str, run: RunInfo, group_by: str,
           workshops: int) -> bytes:
    """README.md, the data card: what each file is, who made it, how, with which tool, under which licence."""
    w = Words(lang)
    files = "\n".join(f"- `{t.name}.csv` ({w('pkg.rows', n=len(t.rows))}): {w.description(t.description)}"
                      for t in tables)
    text = "\n".join([
        README_MARK, "", f"# {title}", "",
        w("pkg.description"), "",
        f"## {w('pkg.h.who')}", "", w("pkg.who", workshops=workshops), "",
        f"## {w('pkg.h.how')}", "",
        w("pkg.how", group_by=GROUP_NOUN[group_by][lang][0], version=run.version, time=run.generated), "",
        *_fenced(run.command_line or "cardengine compare ..."), "",
        f"## {w('pkg.h.licence')}", "", licence_note(run, lang), "",
        f"## {w('pkg.h.files')}", "", files, "", w("pkg.files_note"), "",
        f"## {w('pkg.h.load')}", "", w("pkg.load"), "",
        "```sh", "duckdb comparison.duckdb < load.sql", "```", "", w("pkg.load_pandas"), "",
        "```python", PANDAS_SNIPPET, "```", "",
        f"## {w('pkg.h.join')}", "", w("pkg.join"), ""])
    return utf8(text)


def _fenced(text: str) -> list[str]:
    """A Markdown code block that `text` (a command line: any path) cannot close early."""
    from cardengine.escaping import escape

    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    # Control characters as \x1b, \n...: a file name holding ESC sequences would run them in the terminal of
    # whoever reads the data card with `cat` (and a line break would end the block).
    return [fence, escape(text), fence]
