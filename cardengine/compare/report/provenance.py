"""How a comparison was made: tool version, command line, generation time and licence, for the report and the data.

`RunInfo` is made once at the edge (`compare_run.write_report`): the time honours `SOURCE_DATE_EPOCH`
(reproducible-builds.org), so the same files, command and epoch give the same report and data, byte for byte.
`with_run` adds it to a built Report: the title page and footer say who made it and when, the sources section
lists it with each file's workshop id, events, last event and SHA-256.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from cardengine import __version__
from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.problems import EPOCH_NOT_SECONDS, EPOCH_TOO_LATE, LICENCE_NOT_SPDX
from cardengine.compare.report.model import Report
from cardengine.compare.report.words import Words
from cardengine.i18n import tr

DEFAULT_LICENCE = "CC-BY-4.0"
LICENCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$")  # an SPDX id (what a data package's licence names)
KNOWN_LICENCES = {  # id -> (title, path); any other SPDX id is written with its name only
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License v1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": ("Open Data Commons Public Domain Dedication and License v1.0",
                 "https://opendatacommons.org/licenses/pddl/1-0/"),
}


@dataclass(frozen=True)
class RunInfo:
    version: str  # cardengine's
    command: tuple[str, ...]  # the command line as typed ("cardengine", "compare", ...); () when not from the shell
    generated: str  # UTC, ISO 8601, seconds: 2026-12-01T06:00:00Z
    licence: str = ""  # SPDX id chosen by the data's owner (--licence); "" = none chosen: DEFAULT_LICENCE applies

    @property
    def licence_id(self) -> str:
        return self.licence or DEFAULT_LICENCE

    @property
    def command_line(self) -> str:
        return shlex.join(self.command)


class RunInfoError(ValueError):
    """SOURCE_DATE_EPOCH or the licence cannot be used as given."""


def run_info(command: Sequence[str], environ: Mapping[str, str], now: datetime | None = None,
             licence: str = "") -> RunInfo:
    """The run's facts; the time is SOURCE_DATE_EPOCH's when set (a malformed one is an error, as the
    reproducible-builds specification asks), else `now` (the clock)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not (epoch.isascii() and epoch.isdecimal()):  # isdigit takes "²", which int() refuses
            raise RunInfoError(tr(EPOCH_NOT_SECONDS).format(epoch=epoch))
        try:
            when = datetime.fromtimestamp(int(epoch), UTC)
        except (OverflowError, OSError, ValueError):  # past year 9999, or past what the platform's time_t holds
            raise RunInfoError(tr(EPOCH_TOO_LATE).format(epoch=epoch[:30])) from None
    else:
        when = now or datetime.now(UTC)
    if licence and not LICENCE_ID.fullmatch(licence):  # fullmatch: `$` would let a trailing newline through
        raise RunInfoError(tr(LICENCE_NOT_SPDX).format(licence=licence))
    return RunInfo(__version__, tuple(command), when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                   licence)


def licence_note(run: RunInfo, lang: str) -> str:
    """One sentence saying which licence the data carry and who chose it."""
    return Words(lang)("prov.licence_owner" if run.licence else "prov.licence_default", licence=run.licence_id)


def with_run(report: Report, cmp: Comparison, run: RunInfo) -> Report:
    """`report` with the run's facts: sources with their identity, provenance lines, a dated footer."""
    w = Words(report.lang)
    sources = tuple((x.source, x.title, x.territory, x.date, str(len(x.tables)), x.id,
                     str(x.origin.events) if x.origin else "–", _when(x.origin.last_event) if x.origin else "–",
                     x.origin.sha256 if x.origin else "–") for x in cmp.workshops)
    columns = tuple(w(k) for k in ("src.file", "src.title", "src.territory", "src.date", "src.tables", "prov.id",
                                   "prov.events", "prov.last_event", "prov.sha256"))
    lines: tuple[tuple[str, str], ...] = (
        (w("prov.tool"), f"cardengine {run.version}"), (w("prov.generated"), run.generated),
        (w("prov.command"), _command(run, cmp, w)), (w("prov.licence"), licence_note(run, report.lang)),
        (w("prov.data"), w("prov.data_text")))
    if len(sources) > MAX_SOURCE_ROWS:  # a report is read, the CSV is searched (as for every long list)
        lines += ((w("prov.files"), w("prov.files_capped", shown=MAX_SOURCE_ROWS, total=len(sources))),)
        sources = sources[:MAX_SOURCE_ROWS]
    return replace(report, sources=sources, source_columns=columns, provenance=lines,
                   generated_by=w("prov.generated_by", version=run.version, time=run.generated))


MAX_SOURCE_ROWS = 120  # the sources table lists this many files; sources.csv has them all
SHOWN_FILES = 6  # a command naming more workshop files shows these and counts the rest (all are in Sources)


def _command(run: RunInfo, cmp: Comparison, w: Words) -> str:
    """The command line as typed; past SHOWN_FILES workshop files (a shell's *.db can name a thousand) the
    rest are counted, not listed: sources.csv names them all, datapackage.json has the whole line."""
    if not run.command:
        return "–"
    files = {x.origin.path for x in cmp.workshops if x.origin}
    named = [i for i, arg in enumerate(run.command) if arg in files]
    if len(named) <= SHOWN_FILES:
        return run.command_line
    hidden = set(named[SHOWN_FILES:])
    shown = [arg for i, arg in enumerate(run.command) if i not in hidden]
    at = named[SHOWN_FILES - 1] + 1
    text = shlex.join(shown[:at])
    rest = shlex.join(shown[at:])
    return f"{text} {w('prov.more_files', n=len(hidden))}{' ' + rest if rest else ''}"


def _when(at: str) -> str:
    """An event time for reading: to the second, in UTC (sources.csv keeps it exactly as recorded)."""
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return at or "–"
    if when.tzinfo is None:
        return at
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
