"""Why a write to a workshop file failed, in words a user can act on (and a code for the app's words)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path


def write_failure(exc: BaseException, folder: Path | None = None) -> str:
    """Why a write in `folder` failed, in words a user can act on."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    if code == errno.ENOSPC or "disk is full" in text or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" \
            or ("disk I/O error" in text and folder is not None and _nearly_full(folder)):  # e.g. no room for -shm
        return "disk full; free some space and try again"
    if code == errno.EFBIG:
        return "disk full (file too large); free some space and try again"
    if code == errno.EROFS or "readonly" in text.replace("-", "").replace(" ", ""):
        return "the disk is read-only"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if "unable to open database" in text and folder is not None:  # SQLite does not say why it could not create
        reason = _unwritable(folder)
        if reason:
            return reason
    if "disk I/O error" in text:
        if _size_limited():
            return "disk full (the file size limit, ulimit -f, was reached)"
        return "disk I/O error (was the disk removed?)"
    return text


# The code of each of `write_failure`'s reasons (and `open_failure`'s), first match wins, for the app's words.
REASON_CODES = (("disk full (the file size limit", "size_limit"), ("disk full", "disk_full"),
                 ("the disk is read-only", "read_only"), ("permission denied", "permission"),
                 ("disk I/O error", "io_error"), ("locked", "busy"), ("busy", "busy"))


def reason_code(reason: str) -> str:
    return next((code for words, code in REASON_CODES if words in reason), "other")


def open_failure(exc: sqlite3.OperationalError, path: Path) -> str:
    """Why SQLite could not open `path` for writing: it needs to write the -wal and -shm beside it even to read,
    so a read-only disk or folder, or a full one, stops it ("unable to open database file" says neither)."""
    folder = path.absolute().parent
    reason = _unwritable(folder) or (None if os.access(path, os.W_OK) else "permission denied")
    if reason:
        return (f"{reason} (a workshop file is opened for writing, with its -wal and -shm beside it); copy the "
                "file to a folder you can write to and open the copy; it was left untouched")
    return f"{write_failure(exc, folder)}; it was left untouched"


def _unwritable(folder: Path) -> str | None:
    """'the disk is read-only' or 'permission denied' when nothing can be created in `folder`, else None."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "the disk is read-only"
    except (OSError, AttributeError):  # no statvfs on Windows
        pass
    return None if os.access(folder, os.W_OK) else "permission denied"


def _size_limited() -> bool:
    """Is this process under a file-size limit (RLIMIT_FSIZE)? SQLite reports reaching it as an I/O error."""
    try:
        import resource
    except ImportError:  # not on Windows
        return False
    return resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False

