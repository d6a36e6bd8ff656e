"""`cardengine compare`: read workshop files, compare them, write the report (HTML, PDF) and its CSV tables.

I/O lives here; everything between reading and writing is pure (measures -> report -> charts and renderers).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cardengine.compare.measures.comparison import compare
from cardengine.compare.measures.facts import SourceFacts, WorkshopFacts, workshop_facts
from cardengine.compare.measures.model import GROUP_BY, Comparison
from cardengine.i18n import tr
from cardengine.outputs import OutputSet
from cardengine.sessions import StoreError

if TYPE_CHECKING:
    from cardengine.compare.report.model import Report

PARALLEL_FROM = 24  # below this many files, starting worker processes costs more than it saves
# The data files written beside the CSV tables, and the report's two renderings.
DATAPACKAGE, README, LOAD_SQL, QDPX = "datapackage.json", "README.md", "load.sql", "comments.qdpx"
REPORTS = {"html": "report.html", "pdf": "report.pdf"}
CSV_FILE = "{}.csv"  # a tidy table's file, by its name


class CompareError(Exception):
    """The inputs cannot be compared as given; nothing was written."""


def _facts_of(path: str) -> WorkshopFacts | str:
    from cardengine.sessions.workshop import Workshop

    try:
        with Workshop.open(Path(path)) as w:
            events = w.events
            facts = workshop_facts(w.state, Path(path).name)
        # Hashed once closed: closing checkpoints a write-ahead log left beside the file into it, so the hash is
        # of the bytes that hold every event read, the ones `sha256sum W.db` sees afterwards.
        last = max((e.at for e in events if isinstance(e.at, str)), default="")  # (bytes: skipped)
        origin = SourceFacts(path, _sha256(Path(path)), len(events), last)
        return replace(facts, origin=origin)
    except StoreError as exc:
        return str(exc)


def _fast_facts_of(path: str) -> WorkshopFacts | str:
    """What `_facts_of` gives, read without building the `Workshop` (compare_read); a file that reader is not
    sure of is read by `_facts_of` itself."""
    from cardengine.compare.measures.read import read_state, shared

    try:
        read = read_state(Path(path), _sha256)
    except StoreError as exc:
        return str(exc)
    if read is None:
        return _facts_of(path)
    state, count, last, sha256 = read
    return shared(workshop_facts(state, Path(path).name, SourceFacts(path, sha256, count, last)))


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def distinct_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The files in the order given, each once (also when named twice, through a link or a hard link), and a
    warning for each repeat: a file given twice is one workshop, not two copies to merge."""
    seen: dict[tuple[int, int], Path] = {}
    kept, warnings = [], []
    for p in paths:
        st = os.stat(p)
        first = seen.setdefault((st.st_dev, st.st_ino), p)
        if first is p:
            kept.append(p)
        else:
            said = tr("{path} is given twice; it is compared once") if first == p else \
                tr("{path} is the same file as {first}; it is compared once")
            warnings.append(said.format(path=p, first=first))
    return kept, warnings


def load_facts(paths: Sequence[Path], jobs: int | None = None) -> list[WorkshopFacts]:
    """Each file's facts, in the order given. Many files are read by worker processes, one per core."""
    names = [str(p) for p in paths]
    jobs = min(jobs or os.cpu_count() or 1, len(names))  # no idle worker processes
    if len(names) >= PARALLEL_FROM and jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_fast_facts_of, names, chunksize=max(1, len(names) // (jobs * 8))))
    else:
        results = [_fast_facts_of(n) for n in names]
    errors = [r for r in results if isinstance(r, str)]
    if errors:
        raise CompareError("\n".join(errors))
    facts = [r for r in results if not isinstance(r, str)]
    first: dict[str, str] = {}
    for path, f in zip(names, facts, strict=False):
        if f.id in first:
            raise CompareError(tr("{first} and {path} are copies of the same workshop ({title}, id {id}); merge them "
                                  "with `cardengine merge {first} {path} -o W.db` and compare the merged file").format(
                first=first[f.id], path=path, title=f.title, id=f.id))
        first[f.id] = path
    return facts


@dataclass(frozen=True)
class Written:
    comparison: Comparison
    files: list[Path]
    warnings: tuple[str, ...] = ()  # about the output files themselves (e.g. characters the PDF cannot show)


def write_report(facts: Sequence[WorkshopFacts], out: Path, by: str = "territory", lang: str | None = None,
                 formats: Sequence[str] = ("html", "pdf", "csv"),
                 progress: Callable[[str], None] = lambda step: None, inputs: Sequence[Path] = (),
                 command: Sequence[str] = (), licence: str = "", bootstrap: int = 1000, seed: int = 1,
                 min_tables: int = 2) -> Written:
    """Compare and write every output file into `out`: all of them or none, never over one of the `inputs`
    or a workshop file; returns what was written. `command`: the command line, recorded in the report and data.
    `bootstrap` resamples (0: none, seeded by `seed`) give the confidence intervals; figures resting on fewer
    than `min_tables` tables are greyed and left out of top lists."""
    from cardengine.compare.render.csv import csv_bytes
    from cardengine.compare.render.package import (
        csv_sums,
        datapackage,
        earlier_comparison,
        foreign_readme,
        load_sql,
        readme,
    )
    from cardengine.compare.report.build import build_report
    from cardengine.compare.report.provenance import RunInfoError, run_info, with_run

    if by not in GROUP_BY:
        raise CompareError(tr("--by {by}: choose one of {choices}").format(by=by, choices=", ".join(GROUP_BY)))
    if not facts:
        raise CompareError(tr("no workshop files to compare"))
    try:
        run = run_info(command, os.environ, licence=licence)
    except RunInfoError as exc:
        raise CompareError(str(exc)) from None
    if "csv" in formats and foreign_readme(out / README):
        raise CompareError(tr("{path} was not written by cardengine compare (the data card it writes beside the CSV "
                              "tables); it was left untouched: move it, or choose another folder (-o)").format(
            path=out / README))
    progress("compare")
    comparison = compare(facts, by, bootstrap=bootstrap, seed=seed)
    report = with_run(build_report(comparison, lang or _majority_language(facts), min_tables=min_tables),
                      comparison, run)
    tables = list(comparison.tables.values())
    data_files = [DATAPACKAGE, README, LOAD_SQL, QDPX]
    names = ([CSV_FILE.format(t.name) for t in tables] + data_files if "csv" in formats else []) + \
        [name for fmt, name in REPORTS.items() if fmt in formats]
    written = [out / name for name in names]
    warnings: tuple[str, ...] = ()
    with OutputSet(inputs=inputs) as files:
        for path in written:  # refuse before rendering anything
            files.claim(path)
        there = [p for p in written if os.path.lexists(p)]
        if there and not earlier_comparison(out):
            raise CompareError(tr("{path} was not written by cardengine compare (the folder holds no earlier "
                                  "comparison's datapackage.json); it was left untouched: move it, or choose another "
                                  "folder (-o)").format(path=there[0]))
        from cardengine.compare.render.qdpx import foreign_project

        if "csv" in formats and foreign_project(out / QDPX):
            raise CompareError(tr("{path} is a project cardengine did not write (coded in QualCoder, say); it was "
                                  "left untouched: move it, or choose another folder (-o)").format(path=out / QDPX))
        pdf = None
        if "pdf" in formats and ("csv" in formats or "html" in formats):  # laid out on the other core meanwhile
            from cardengine.compare.parallel import in_background

            pdf = in_background(_pdf, report)
        if "csv" in formats:
            progress("csv")
            sums: dict[str, tuple[int, str]] = {}
            for t in tables:  # one at a time: with a thousand workshops they hold tens of MB of workshop ids
                table_csv = csv_bytes(t)
                files.write(out / CSV_FILE.format(t.name), table_csv)
                sums.update(csv_sums({t.name: table_csv}))
                del table_csv
            files.write(out / DATAPACKAGE, datapackage(tables, report.title, report.lang, run, sums=sums))
            files.write(out / README, readme(tables, report.title, report.lang, run, by, len(facts)))
            files.write(out / LOAD_SQL, load_sql(tables, report.lang))
            files.write(out / QDPX, _qdpx(facts, report.lang))
        if "html" in formats:
            progress("html")
            from cardengine.compare.render.csv import utf8
            from cardengine.compare.render.html import render_html

            files.write(out / REPORTS["html"], utf8(render_html(report)))
        if "pdf" in formats:
            progress("pdf")
            pdf_bytes, lost = pdf() if pdf else _pdf(report)
            files.write(out / REPORTS["pdf"], pdf_bytes)
            if lost:
                warnings = (lost,)
    return Written(comparison, written, warnings + _in_use(facts))


def _in_use(facts: Sequence[WorkshopFacts]) -> tuple[str, ...]:
    """Files another program still has open: their latest events sit in the -wal beside them, so the SHA-256
    of the file alone (what sources.csv gives, and `sha256sum` sees) does not cover every event compared."""
    from cardengine.sessions.wal_check import wal_of

    out = []
    for origin in (f.origin for f in facts):
        wal = wal_of(Path(origin.path).resolve()) if origin else None  # SQLite's log sits beside the real file
        if origin and wal and wal.is_file() and wal.stat().st_size > 0:
            out.append(tr("{path} is open in another program: events compared are still in {wal}, not yet in the "
                          "file, so its SHA-256 in sources.csv is of the file without them; close that program "
                          "and compare again for a hash that covers every event").format(path=origin.path,
                                                                                         wal=wal.name))
    return tuple(out)


def _qdpx(facts: Sequence[WorkshopFacts], lang: str) -> bytes:
    """Every comment as a REFI-QDA project, for qualitative analysis software (see `qdpx`)."""
    from cardengine import __version__
    from cardengine.compare.render.qdpx import qdpx_bytes

    return qdpx_bytes(facts, lang, f"cardengine {__version__}")


def _pdf(report: Report) -> tuple[bytes, str | None]:
    """The report as PDF, and the warning about characters its fonts lack (None when none): all of it in the
    process that lays the PDF out (reportlab loads there)."""
    from cardengine.compare.render.glyphs import pdf_text
    from cardengine.compare.render.pdf import render_pdf

    return render_pdf(report), pdf_text(report)[1]


def _majority_language(facts: Sequence[WorkshopFacts]) -> str:
    langs = Counter(f.language for f in facts)
    return langs.most_common(1)[0][0] if langs else "it"
