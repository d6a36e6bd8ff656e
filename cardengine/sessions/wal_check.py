"""Does the `-wal` file beside a workshop file belong to it? Decided before SQLite reads the workshop.

SQLite applies whatever write-ahead log it finds beside a database, and the log's header does not name its
database: a stray `W.db-wal` (copied from another laptop, left from a deleted file, an older copy of this
one) silently changes what the workshop shows, and the next checkpoint writes it into `W.db` for good.

The check, in order of cost:

1. No `-wal`, or an empty one: nothing to check (the common case: every command closes the file, and the
   last connection to close checkpoints and deletes the log). Costs one `stat`.
2. Another process has the workshop open right now (it holds SQLite's "DMS" lock on the `-shm` file, see
   https://www.sqlite.org/walformat.html#the_dms_lock): that process's SQLite already adopted this log and
   is writing it (the app plus a `session pick` from the shell), so there is nothing left to decide.
3. The log's own 32-byte header: SQLite's magic, format, a page size equal to the workshop's and a valid
   header checksum. A file failing this is not a log of this database (or of any).
4. The decisive check, on private copies: the workshop file and its log are copied into a temporary folder
   (0700) and opened there, so SQLite applies the log to the copy only. The log belongs when the result
   passes `integrity_check`, is still a cardengine workshop of a version we read, holds the same workshop
   (the id of its `workshop.created`) and still holds every event of the workshop file alone, unchanged:
   the log is append-only, and a checkpoint only ever copies this log's pages into the file, so the file
   with its own log can only have more events. A log of another workshop or another database breaks the
   b-tree, changes the workshop id or drops events; a log from an older copy of this workshop drops the
   events recorded since. When the file alone cannot be read at all (a crash in the middle of a
   checkpoint leaves it half-updated, and only its log completes it), a result that passes the full
   integrity check is accepted: a foreign log does not make a broken file whole.

A writer that starts while the copies are made can tear them (the files' inode, size and modification time
before and after tell): a refusal needs the same verdict twice on files that did not change in between, and
files that never come to rest are being written by a program whose SQLite has already taken the log.

What no check can tell apart: a log written by another copy of this workshop that had not changed since it
was copied; its file was this one, byte for byte, so its log is as good as this file's own.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import sys
import tempfile
import time
from pathlib import Path

from cardengine.i18n import tr

WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little- or big-endian words
WAL_FORMAT = 3007000
WAL_HEADER = 32
_DMS_BYTE = 128  # SQLite's unix VFS: a shared lock here for as long as a connection has the file open

Stamp = tuple[int, int, int] | None


def wal_of(db: Path) -> Path:
    return Path(f"{db}-wal")


def shm_of(db: Path) -> Path:
    return Path(f"{db}-shm")


def _stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def wal_checksum(data: bytes, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum over `data` (a multiple of 8 bytes)."""
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    s0 = s1 = 0
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def header_problem(header: bytes, db_page_size: int) -> str | None:
    """Why these first bytes of a `-wal` file are not a write-ahead log of a database with this page size."""
    if len(header) < WAL_HEADER:
        # TRANSLATORS: this and the log's other problems end the sentence "{wal} is not the log of {path}: it ..."
        return tr("is too short to be a SQLite write-ahead log")
    magic, fmt, page_size = struct.unpack(">III", header[:12])
    if magic not in WAL_MAGIC or fmt != WAL_FORMAT:
        return tr("is not a SQLite write-ahead log")
    if wal_checksum(header[:24], magic == WAL_MAGIC[1]) != struct.unpack(">II", header[24:32]):
        return tr("is a damaged SQLite write-ahead log (its header checksum is wrong)")
    if page_size != db_page_size:
        return tr("belongs to another database (its pages are {size} bytes, the workshop's {own})").format(
            size=page_size, own=db_page_size)
    return None


def db_page_size(header: bytes) -> int:
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def held_by_another_process(db: Path) -> bool:
    """Does another process have `db` open through SQLite right now? (F_GETLK only asks; it takes no lock.)

    Only call this when no connection of this process has `db` open: closing any descriptor of a file drops
    every POSIX lock this process holds on it, SQLite's included."""
    layout = {"linux": "hhqqi", "darwin": "qqihh"}.get(sys.platform)
    if layout is None:
        return False  # no lock probe here: the copies below are retried if a live writer tears them
    import fcntl

    try:
        fd = os.open(shm_of(db), os.O_RDONLY)
    except OSError:
        return False
    try:
        fields = (fcntl.F_WRLCK, os.SEEK_SET, _DMS_BYTE, 1, 0)
        if layout == "qqihh":
            fields = (_DMS_BYTE, 1, 0, fcntl.F_WRLCK, os.SEEK_SET)
        answer = struct.unpack(layout, fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(layout, *fields)))
        lock_type = answer[0] if layout == "hhqqi" else answer[3]
        return lock_type != fcntl.F_UNLCK
    except OSError:
        return False
    finally:
        os.close(fd)


_WORKSHOP_ID = "SELECT json_extract(payload, '$.workshop_id') FROM {db}.events WHERE kind = 'workshop.created' " \
               "ORDER BY seq LIMIT 1"
# Events of the file alone that the file with the log lacks or holds changed; by rowid, inside SQLite.
_LOST = """SELECT count(*) FROM alone.events a WHERE NOT EXISTS (SELECT 1 FROM main.events m WHERE m.seq = a.seq
           AND m.id IS a.id AND m.at IS a.at AND m.origin IS a.origin AND m.kind IS a.kind AND m.tbl IS a.tbl
           AND m.payload IS a.payload)"""


def _workshop_id(conn: sqlite3.Connection, db: str) -> str | None:
    row = conn.execute(_WORKSHOP_ID.format(db=db)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _alone(conn: sqlite3.Connection, copy: Path) -> tuple[str | None, int, int] | None:
    """(workshop id, events, events lost with the log) of the workshop file alone, attached with
    `immutable=1`, which makes SQLite ignore the -wal; None when the file alone cannot be read."""
    try:
        conn.execute("ATTACH DATABASE ? AS alone", (f"{copy.absolute().as_uri()}?immutable=1",))
        if conn.execute("PRAGMA alone.quick_check(1)").fetchone()[0] != "ok":
            return None
        total = conn.execute("SELECT count(*) FROM alone.events").fetchone()[0]
        return _workshop_id(conn, "alone"), total, conn.execute(_LOST).fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def _compare(copy: Path, application_id: int, max_version: int) -> str | None:
    """Why the log beside `copy` does not belong to it (None: it does). Both are private copies."""
    try:
        conn = sqlite3.connect(f"{copy.absolute().as_uri()}?mode=rw", uri=True, isolation_level=None)
    except sqlite3.DatabaseError as exc:
        return tr("does not fit the file ({error})").format(error=exc)
    try:
        conn.execute("PRAGMA synchronous = OFF")  # a throw-away copy: its closing checkpoint need not wait
        check = conn.execute("PRAGMA main.integrity_check(1)").fetchone()[0]
        if check != "ok":
            return tr("does not fit the file (the two together fail SQLite's check: {error})").format(error=check)
        if conn.execute("PRAGMA main.application_id").fetchone()[0] != application_id:
            return tr("belongs to another database (with it, the file is no longer a cardengine workshop)")
        if conn.execute("PRAGMA main.user_version").fetchone()[0] > max_version:
            return tr("comes from a newer cardengine")
        workshop_id = _workshop_id(conn, "main")
        alone = _alone(conn, copy)
    except sqlite3.DatabaseError as exc:
        return tr("belongs to another database ({error})").format(error=exc)
    finally:
        conn.close()
    if alone is None:
        return None if workshop_id else tr("belongs to another database (with it, the file holds no workshop)")
    own_id, total, lost = alone
    if own_id and workshop_id != own_id:
        return tr("belongs to another workshop (id {id}, this file's is {own})").format(id=workshop_id, own=own_id)
    if lost and lost == total:
        return tr("belongs to another workshop or database (none of the {n} events saved in the file would "
                  "remain)").format(n=lost)
    if lost:
        return tr("would change or remove {n} of the {total} events saved in the file (it is an older copy of this "
                  "workshop's log, or another copy's)").format(n=lost, total=total)
    return None


def _attempt(db: Path, wal: Path, header: bytes, application_id: int, max_version: int) \
        -> tuple[str | None, tuple[Stamp, Stamp] | None]:
    """One check; returns (problem or None, the files' stamps if they stayed still while being read)."""
    before = (_stamp(db), _stamp(wal))
    try:
        with wal.open("rb") as f:
            problem = header_problem(f.read(WAL_HEADER), db_page_size(header))
    except FileNotFoundError:
        return tr("vanished while being checked"), None
    except OSError as exc:
        return tr("cannot be read ({error})").format(error=exc.strerror or exc), before
    if problem is None:
        with tempfile.TemporaryDirectory(prefix="cardengine-wal-") as tmp:
            copy = Path(tmp) / "workshop.db"
            try:
                shutil.copyfile(db, copy)
                shutil.copyfile(wal, wal_of(copy))
            except FileNotFoundError:
                return tr("vanished while being checked"), None
            if (_stamp(db), _stamp(wal)) != before:
                return tr("changed while being checked"), None
            problem = _compare(copy, application_id, max_version)
    return problem, before if (_stamp(db), _stamp(wal)) == before else None


def wal_problem(db: Path, header: bytes, application_id: int, max_version: int, attempts: int = 4) -> str | None:
    """Why the `-wal` beside `db` must not be applied to it, as the end of a sentence naming the log; None
    when there is no log, an empty one, one in use by another process, or one that belongs. `db` is the real
    path (SQLite resolves symbolic links and keeps the log beside the real file); `header` is the first 100
    bytes of `db`, already read. An OSError means the private copies could not be made.

    A refusal needs the same verdict twice on files that did not change in between: a writer that starts
    meanwhile (a second `session pick`) can tear a copy, and its changes show in the files' size and time."""
    wal = wal_of(db)
    at_rest: tuple[Stamp, Stamp] | None = None
    for attempt in range(attempts):
        if attempt:
            time.sleep(0.02 * attempt)  # a writer is at work: let it finish its transaction
        stamp = _stamp(wal)
        if stamp is None or stamp[1] == 0:
            return None
        if held_by_another_process(db):
            return None
        problem, stamps = _attempt(db, wal, header, application_id, max_version)
        if problem is None:
            return None
        if stamps is not None and stamps == at_rest:
            return problem
        at_rest = stamps
    # Never at rest: a program is writing this file right now, so its SQLite has already taken the log as
    # its own, and this process reads what that one writes.
    return None
