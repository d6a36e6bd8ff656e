"""Putting a new workshop file or a copy in place whole or not at all: the name checks, the check of a fresh
copy, the link into place, and the removal of what a failure left behind."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from cardengine.i18n import ntr, tr
from cardengine.sessions.file_checks import stray_wal_problem, uri

SQLITE_SUFFIXES = ("-wal", "-shm", "-journal")


def exists_message(target: Path) -> str:
    return tr("{target} already exists; a copy never writes over a file: choose a new name").format(target=target)


def sqlite_name(path: Path, verb: str) -> str:
    """`verb`: "create" or "copy to"."""
    why = tr("SQLite keeps its own files under names ending in -wal, -shm or -journal (a workshop file there would "
             "be taken for another one's log, and replaced); choose another name")
    if verb == "create":
        return tr("cannot create {path}: {why}").format(path=path, why=why)
    return tr("cannot copy to {path}: {why}").format(path=path, why=why)


def copy_target_problem(target: Path) -> str | None:
    if os.path.lexists(target):
        return exists_message(target)
    if target.name.endswith(SQLITE_SUFFIXES):
        return sqlite_name(target, "copy to")
    if not target.parent.is_dir():
        return tr("cannot copy to {target}: folder {folder} does not exist; create it first, or choose "
                  "another").format(target=target, folder=target.parent)
    return stray_wal_problem(target)


def checked_copy(tmp: Path, ids: set[str]) -> int:
    """Check the fresh copy holds every event acknowledged before it was made, and leave it in WAL mode like
    every workshop file (the log SQLite creates meanwhile is emptied and deleted when the check closes it)."""
    conn = sqlite3.connect(f"{uri(tmp)}?mode=rw", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError(tr("the copy does not pass SQLite's check"))
        copied = {r[0] for r in conn.execute("SELECT id FROM events")}
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    if not ids <= copied:
        lacking = len(ids - copied)
        raise sqlite3.DatabaseError(ntr("the copy lacks {n} events", "the copy lacks {n} events", lacking).format(
            n=lacking))
    return len(copied)



def remove_leftovers(tmp: Path) -> None:
    """Remove a temporary file and its -wal, -shm and -journal. On a read-only disk even removing a file that
    does not exist fails (EROFS): that must not hide the real error being reported."""
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def link_new(tmp: Path, path: Path) -> None:
    """Give `tmp` the name `path` only if no file has it: a hard link fails if `path` exists. Where hard links
    are not supported (some USB sticks), reserve the name with an exclusive create, then rename over it."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))  # FileExistsError if taken
    try:
        os.replace(tmp, path)
    except OSError:
        path.unlink(missing_ok=True)
        raise

