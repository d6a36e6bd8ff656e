"""Checks on a workshop file before SQLite reads it: its header (a workshop file, of a version this cardengine
reads) and the -wal beside it; and, where a new file would go, a stray -wal SQLite would apply to it."""

from __future__ import annotations

from pathlib import Path

from cardengine.i18n import tr
from cardengine.sessions import wal_check
from cardengine.sessions.errors import StoreError
from cardengine.sessions.schema import APPLICATION_ID, SCHEMA_VERSION


def uri(path: Path) -> str:
    """`path` as an SQLite URI: '?', '#' and '%' in a folder name are quoted, not read as URI syntax (which
    made SQLite open another file)."""
    return path.absolute().as_uri()


def _untouched(path: Path) -> str:
    shm = wal_check.shm_of(path)
    files = [str(path), str(wal_check.wal_of(path))] + ([str(shm)] if shm.exists() else [])
    return tr("{files} and {last} were left untouched").format(files=", ".join(files[:-1]), last=files[-1])


def stray_wal_problem(path: Path) -> str | None:
    """A non-empty `-wal` beside a workshop file that does not exist yet: SQLite would apply it to the new
    file (or delete it, losing what it holds), so a new workshop is not made there."""
    wal = wal_check.wal_of(path)
    if wal.is_file() and wal.stat().st_size > 0:
        return tr("{wal} is left beside {path} from an earlier or another database (it may hold someone's last "
                  "changes); it was left untouched: move it out of this folder, or choose another file name").format(
            wal=wal, path=path)
    return None


def inspect_header(path: Path) -> int:
    """Read the SQLite header: is this a workshop file, of a version we can read, and is its -wal its own?
    Returns the file's format version; raises StoreError, leaving the file untouched, otherwise."""
    with path.open("rb") as f:
        header = f.read(100)
    if not header:
        raise StoreError(tr("{path} is empty, not a workshop file; it was left untouched").format(path=path),
                         "empty_file", path=path)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise StoreError(tr("{path} is damaged or not a workshop file ({error}); it was left untouched").format(
            path=path, error=tr("no SQLite header")), "damaged", path=path, error="no SQLite header")
    version = int.from_bytes(header[60:64], "big")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StoreError(tr("{path} is not a cardengine workshop file; it was left untouched").format(path=path),
                         "not_workshop", path=path)
    if version > SCHEMA_VERSION:
        raise StoreError(tr("{path} was written by a newer cardengine (file format {version}, this one reads up to "
                            "{supported}); upgrade cardengine to open it").format(
            path=path, version=version, supported=SCHEMA_VERSION), "newer", path=path, version=version,
                         supported=SCHEMA_VERSION)
    real = path.resolve()  # SQLite keeps the log beside the real file, not beside a symbolic link
    wal = wal_check.wal_of(real)
    try:
        problem = wal_check.wal_problem(real, header, APPLICATION_ID, SCHEMA_VERSION)
    except OSError as exc:
        raise StoreError(tr("cannot check that {wal} belongs to {path}: {error} ({file}); {untouched}; make room in "
                            "the temporary folder and try again").format(
            wal=wal, path=path, error=exc.strerror or exc, file=exc.filename, untouched=_untouched(real)),
                         "wal_check_failed", path=path, wal=wal, error=exc.strerror or exc) from None
    if problem:
        raise StoreError(tr("{wal} is not the log of {path}: it {problem}; {untouched}: move {wal} (and {shm}, if "
                            "present) out of this folder, keeping it if it may hold someone's work, then try "
                            "again").format(wal=wal, path=path, problem=problem, untouched=_untouched(real),
                                            shm=wal_check.shm_of(real).name), "foreign_wal", path=path, wal=wal)
    return version
