"""Why a write to a workshop file failed, in words a user can act on (and a code for the app's words).

The words are in the process's language; each reason carries its code, so that `reason_code` never reads them."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from cardengine.i18n import tr


class Reason(str):
    """A reason's words (in the process's language) with its code from REASON_CODES, for the app's words."""

    code: str

    def __new__(cls, text: str, code: str) -> Reason:
        self = super().__new__(cls, text)
        self.code = code
        return self


def write_failure(exc: BaseException, folder: Path | None = None) -> Reason:
    """Why a write in `folder` failed, in words a user can act on."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    if code == errno.ENOSPC or "disk is full" in text or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" \
            or ("disk I/O error" in text and folder is not None and _nearly_full(folder)):  # e.g. no room for -shm
        return Reason(tr("disk full; free some space and try again"), "disk_full")
    if code == errno.EFBIG:
        return Reason(tr("disk full (file too large); free some space and try again"), "disk_full")
    if code == errno.EROFS or "readonly" in text.replace("-", "").replace(" ", ""):
        return _read_only()
    if code in (errno.EACCES, errno.EPERM):
        return _denied()
    if "unable to open database" in text and folder is not None:  # SQLite does not say why it could not create
        reason = _unwritable(folder)
        if reason:
            return reason
    if "disk I/O error" in text:
        if _size_limited():
            return Reason(tr("disk full (the file size limit, ulimit -f, was reached)"), "size_limit")
        return Reason(tr("disk I/O error (was the disk removed?)"), "io_error")
    return Reason(text, _code_of(text))  # SQLite's or the system's own words


# The code of each of `write_failure`'s reasons (and `open_failure`'s), first match wins, for the app's words.
REASON_CODES = (("disk full (the file size limit", "size_limit"), ("disk full", "disk_full"),
                 ("the disk is read-only", "read_only"), ("permission denied", "permission"),
                 ("disk I/O error", "io_error"), ("locked", "busy"), ("busy", "busy"))


def reason_code(reason: str) -> str:
    return reason.code if isinstance(reason, Reason) else _code_of(reason)


def _code_of(english: str) -> str:
    return next((code for words, code in REASON_CODES if words in english), "other")


def _read_only() -> Reason:
    return Reason(tr("the disk is read-only"), "read_only")


def _denied() -> Reason:
    return Reason(tr("permission denied"), "permission")


def open_failure(exc: sqlite3.OperationalError, path: Path) -> Reason:
    """Why SQLite could not open `path` for writing: it needs to write the -wal and -shm beside it even to read,
    so a read-only disk or folder, or a full one, stops it ("unable to open database file" says neither)."""
    folder = path.absolute().parent
    reason = _unwritable(folder) or (None if os.access(path, os.W_OK) else _denied())
    if reason:
        return Reason(tr("{reason} (a workshop file is opened for writing, with its -wal and -shm beside it); copy "
                         "the file to a folder you can write to and open the copy; it was left untouched").format(
            reason=reason), reason.code)
    failure = write_failure(exc, folder)
    return Reason(tr("{reason}; it was left untouched").format(reason=failure), failure.code)


def _unwritable(folder: Path) -> Reason | None:
    """'the disk is read-only' or 'permission denied' when nothing can be created in `folder`, else None."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return _read_only()
    except (OSError, AttributeError):  # no statvfs on Windows
        pass
    return None if os.access(folder, os.W_OK) else _denied()


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

