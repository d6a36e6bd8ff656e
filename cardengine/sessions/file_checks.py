"""Checks on a workshop file before SQLite reads it: its header (a workshop file, of a version this cardengine
reads) and the -wal beside it; and, where a new file would go, a stray -wal SQLite would apply to it."""

from __future__ import annotations

from pathlib import Path

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
    return f"{', '.join(files[:-1])} and {files[-1]} were left untouched"


def stray_wal_problem(path: Path) -> str | None:
    """A non-empty `-wal` beside a workshop file that does not exist yet: SQLite would apply it to the new
    file (or delete it, losing what it holds), so a new workshop is not made there."""
    wal = wal_check.wal_of(path)
    if wal.is_file() and wal.stat().st_size > 0:
        return (f"{wal} is left beside {path} from an earlier or another database (it may hold someone's last "
                f"changes); it was left untouched: move it out of this folder, or choose another file name")
    return None


def inspect_header(path: Path) -> int:
    """Read the SQLite header: is this a workshop file, of a version we can read, and is its -wal its own?
    Returns the file's format version; raises StoreError, leaving the file untouched, otherwise."""
    with path.open("rb") as f:
        header = f.read(100)
    if not header:
        raise StoreError(f"{path} is empty, not a workshop file; it was left untouched", "empty_file", path=path)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise StoreError(f"{path} is damaged or not a workshop file (no SQLite header); it was left untouched",
                         "damaged", path=path, error="no SQLite header")
    version = int.from_bytes(header[60:64], "big")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StoreError(f"{path} is not a cardengine workshop file; it was left untouched", "not_workshop",
                         path=path)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer cardengine (file format {version}, this one "
                         f"reads up to {SCHEMA_VERSION}); upgrade cardengine to open it", "newer", path=path,
                         version=version, supported=SCHEMA_VERSION)
    real = path.resolve()  # SQLite keeps the log beside the real file, not beside a symbolic link
    wal = wal_check.wal_of(real)
    try:
        problem = wal_check.wal_problem(real, header, APPLICATION_ID, SCHEMA_VERSION)
    except OSError as exc:
        raise StoreError(f"cannot check that {wal} belongs to {path}: {exc.strerror or exc} ({exc.filename}); "
                         f"{_untouched(real)}; make room in the temporary folder and try again", "wal_check_failed",
                         path=path, wal=wal, error=exc.strerror or exc) from None
    if problem:
        raise StoreError(f"{wal} is not the log of {path}: it {problem}; {_untouched(real)}: move {wal} "
                         f"(and {wal_check.shm_of(real).name}, if present) out of this folder, keeping it "
                         "if it may hold someone's work, then try again", "foreign_wal", path=path, wal=wal)
    return version
