"""A command's output files: never over a file the command does not own, and all files of one run or none.

Every command that writes files (build, preview, export-csv, import-csv, export, proposals, compare) goes
through `OutputSet`:

    with OutputSet(inputs=[deck], owned=is_mine, force=args.force) as out:
        out.claim(final)                 # refuse now, before any work, if `final` must not be replaced
        with out.file(final) as tmp:     # write `tmp` by any means (reportlab, PIL, bytes)
            ...
    # leaving the block renames every file into place; an exception removes every temporary file instead

The guard recognises files by content, never by name: a workshop file (the SQLite header with cardengine's
application id), any other SQLite database or its write-ahead log, and the command's own inputs (the same
file through a symlink or a hard link too) are never written over, `--force` or not.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

from cardengine.fileio import WORKSHOP_APPLICATION_ID, fsync_file, fsync_folder
from cardengine.i18n import tr, tr_later

EXIT_PROBLEMS, EXIT_USAGE = 1, 2

SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
SHM_VERSION = 3007000  # first field of SQLite's wal-index header (`-shm`), in the machine's byte order

# errno -> the cause in plain words, and what to do about it
CAUSES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (tr_later("disk full"), tr_later("free some space or write to another disk")),
    errno.EDQUOT: (tr_later("disk quota exceeded"), tr_later("free some space or write to another disk")),
    errno.EFBIG: (tr_later("file too large for the disk or the file size limit"), tr_later("write to another disk")),
    errno.EROFS: (tr_later("read-only file system"), tr_later("write to another folder")),
    errno.EACCES: (tr_later("permission denied"), tr_later("write to a folder you may write to")),
    errno.EPERM: (tr_later("permission denied"), tr_later("write to a folder you may write to")),
}


class OutputError(OSError):
    """An output that must not or cannot be written; nothing was written. The message says which file,
    why, and what to do. An OSError, so callers that expect one from a failed write still catch it."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS):
        super().__init__(message)
        self.code = code

    def __str__(self) -> str:
        # File names come from the user or a folder: a newline or escape sequence in one is shown, not obeyed.
        return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                       for c in str(self.args[0]))


def cause(exc: OSError) -> str:
    """`disk full; free some space...` for the errors people can act on, the system's words otherwise."""
    if exc.errno in CAUSES:
        what, todo = CAUSES[exc.errno]
        return f"{tr(what)} ({tr(todo)})"
    return exc.strerror or str(exc)


def sqlite_kind(path: Path) -> str | None:
    """What SQLite file `path` is, from its first bytes: 'workshop', 'database', 'wal', 'shm', or None."""
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError:
        return None
    if head.startswith(SQLITE_MAGIC):
        return "workshop" if int.from_bytes(head[68:72], "big") == WORKSHOP_APPLICATION_ID else "database"
    if head[:4] in WAL_MAGICS:
        return "wal"
    if len(head) >= 96 and head[:48] == head[48:96] and int.from_bytes(head[:4], sys.byteorder) == SHM_VERSION:
        return "shm"
    return None


# TRANSLATORS: these end the sentence "{path} {what}; it was left untouched: ..."
SQLITE_WORDS = {
    "workshop": tr_later("is a workshop file"),
    "database": tr_later("is a SQLite database"),
    "wal": tr_later("is the write-ahead log of a workshop or SQLite database"),
    "shm": tr_later("is the shared-memory index of a workshop or SQLite database"),
}


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    return OutputError(tr("cannot write {path}: {cause}; nothing was written").format(path=path, cause=cause(exc)))


def _not_a_folder(f: Path) -> OutputError:
    return OutputError(tr("{path} is a file, not a folder; choose another output path").format(path=f), EXIT_USAGE)


def check_folder(folder: Path) -> None:
    """Refuse at once (before any work) an output folder that is a file, or lies inside one."""
    for f in [folder, *folder.parents]:
        if f.is_dir():
            return
        if f.exists() or f.is_symlink():
            raise _not_a_folder(f)


class OutputSet:
    """The files of one run, written under temporary names beside their targets and renamed into place only
    when every one is written: all or none.

    inputs: files the command reads; never written over, even through a link.
    owned: for an output named by the user (`-o FILE`), whether an existing file there is one this command
        wrote (it may then be replaced); None when any existing regular file may be replaced.
    force: replace an existing file that is not `owned` (never a workshop file or an input).
    command: named in the refusal, e.g. "cardengine proposals".
    """

    def __init__(self, *, inputs: Sequence[Path] = (), owned: Callable[[Path], bool] | None = None,
                 force: bool = False, command: str = "cardengine"):
        self._inputs = [(p, st) for p in inputs if (st := _stat(p)) is not None]
        self._owned = owned
        self._force = force
        self._command = command
        self._claimed: dict[Path, Path] = {}  # destination -> the path as given (for messages)
        self._pending: list[tuple[Path, Path, Path]] = []  # (temporary, destination, shown)
        self._created: list[Path] = []  # folders this run made, outermost first

    # ---------------------------------------------------------------- guard

    def claim(self, path: Path, *, follow_links: bool = False) -> Path:
        """Check that `path` may be written in this run; returns where the file will really be written.

        follow_links: a symlink named by the user is followed (its target is written, the link stays);
        a link at a name the command chooses itself is replaced, never followed out of the output folder."""
        dest = Path(os.path.realpath(path)) if follow_links else path.parent.resolve() / path.name
        if dest in self._claimed:
            if self._claimed[dest] == path:
                return dest
            raise OutputError(tr("{first} and {path} are the same file; this run would write it twice: give the "
                                 "inputs different ids or names").format(first=self._claimed[dest], path=path),
                              EXIT_USAGE)
        check_folder(path.parent)
        self._refuse(path)
        self._claimed[dest] = path
        return dest

    def add_inputs(self, paths: Sequence[Path]) -> None:
        """Inputs met as the run goes on (build reads one deck at a time): never written over either, even at a
        path claimed before they were known."""
        new = [(p, st) for p in paths if (st := _stat(p)) is not None]
        if new:
            self._inputs += new
            for shown in self._claimed.values():
                self._refuse(shown)

    def _refuse(self, path: Path) -> None:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return  # nothing there (or a link to nothing): nothing to protect
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        for source, source_st in self._inputs:
            if (st.st_dev, st.st_ino) == (source_st.st_dev, source_st.st_ino):
                message = (tr("{path} is an input of this command; it was left untouched: write the output to "
                              "another file") if Path(source) == path else
                           tr("{path} is an input of this command (the same file as {source}); it was left "
                              "untouched: write the output to another file"))
                raise OutputError(message.format(path=path, source=source))
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(tr("{path} is a folder; give the name of a file to write").format(path=path), EXIT_USAGE)
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(tr("{path} is not a regular file (a device, pipe or socket); it was left untouched: "
                                 "write the output to a file").format(path=path), EXIT_USAGE)
        kind = sqlite_kind(path)
        if kind:
            raise OutputError(tr("{path} {what}; it was left untouched: choose another file name for the output (no "
                                 "option replaces it)").format(path=path, what=tr(SQLITE_WORDS[kind])))
        if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
            # A rename would replace it all the same; a write-protected file says "keep me", as editors agree.
            raise OutputError(tr("{path} is write-protected; it was left untouched: make it writable (chmod u+w) to "
                                 "replace it, or choose another file name").format(path=path))
        if self._owned is not None and not self._force and not self._owned(path):
            raise OutputError(tr("{path} already exists and was not written by `{command}`; it was left untouched: "
                                 "choose another file name, or add --force to replace it").format(
                path=path, command=self._command))

    # ---------------------------------------------------------------- writing

    @contextmanager
    def file(self, path: Path, *, follow_links: bool = False) -> Iterator[Path]:
        """A temporary file beside `path` to write; an OSError while writing it names `path` and its cause."""
        dest = self.claim(path, follow_links=follow_links)
        if any(d == dest for _, d, _ in self._pending):
            raise OutputError(tr("{path} is written twice in one run").format(path=path), EXIT_USAGE)
        try:
            self._make_folders(dest.parent)
            tmp = _create_beside(dest)
            self._pending.append((tmp, dest, path))
            yield tmp
            fsync_file(tmp)
        except OutputError:
            raise
        except OSError as exc:
            raise _cannot_write(path, exc) from None

    def write(self, path: Path, data: bytes, *, follow_links: bool = False) -> None:
        with self.file(path, follow_links=follow_links) as tmp, tmp.open("r+b") as f:
            f.write(data)

    def _make_folders(self, folder: Path) -> None:
        missing = []
        for f in [folder, *folder.parents]:
            if f.is_dir():
                break
            missing.append(f)
        for f in reversed(missing):
            try:
                f.mkdir()
            except FileExistsError:
                if not f.is_dir():
                    raise _not_a_folder(f) from None
                continue
            self._created.append(f)

    # ---------------------------------------------------------------- all or none

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.rollback()

    def commit(self) -> None:
        """Rename every temporary file into place. If one rename fails, the files already renamed are put
        back as they were (from hard-link backups), so a run still writes all or none."""
        done: list[tuple[Path, Path | None]] = []
        with _folders_locked({dest.parent for _, dest, _ in self._pending}):
            try:
                self._rename_all(done)
            except BaseException:
                for dest, backup in reversed(done):
                    try:
                        if backup:
                            os.replace(backup, dest)
                        else:
                            dest.unlink(missing_ok=True)
                    except OSError:
                        pass
                self.rollback()
                raise
        for _, backup in done:
            if backup:
                backup.unlink(missing_ok=True)
        for folder in {dest.parent for _, dest, _ in self._pending}:
            fsync_folder(folder)
        self._pending = []

    def _rename_all(self, done: list[tuple[Path, Path | None]]) -> None:
        for tmp, dest, shown in self._pending:
            backup = _backup(dest)
            try:
                os.replace(tmp, dest)
            except OSError as exc:
                if backup:
                    backup.unlink(missing_ok=True)
                raise _cannot_write(shown, exc) from None
            done.append((dest, backup))

    def rollback(self) -> None:
        """Remove every temporary file, and the folders this run made if they are empty again."""
        for tmp, _, _ in self._pending:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)
        self._pending = []
        for folder in reversed(self._created):
            with suppress(OSError):
                folder.rmdir()
        self._created = []


@contextmanager
def _folders_locked(folders: set[Path]) -> Iterator[None]:
    """The output folders locked (flock on the folder itself: no lock file left behind) while a run renames its
    files into place: two runs writing one folder at once left a mix of both (a datapackage.json whose hashes
    were of the other run's CSVs); now each run's files land whole, the later run's last. Sorted, so two runs
    sharing several folders cannot deadlock; where folders cannot be locked (no fcntl), as before."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fds = []
    try:
        for folder in sorted(folders):
            try:
                fd = os.open(folder, os.O_RDONLY)
            except OSError:
                continue  # the renames will say what is wrong with it
            fds.append(fd)
            with suppress(OSError):  # a file system without locks: as before
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        for fd in fds:
            os.close(fd)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _create_beside(dest: Path) -> Path:
    """An empty, new temporary file next to `dest`, with the mode a new file gets under the user's umask
    (0666 & ~umask, as any program's new file: mkstemp's 0600 is only for secrets), or the mode, owner and
    group of the file it will replace."""
    old = None
    with suppress(FileNotFoundError):
        old = os.lstat(dest)  # a link at a name of the command's own is replaced: it has no mode to keep
    stem = dest.name[:200]  # room for the marks within the usual 255-byte limit of a name
    while True:
        tmp = dest.with_name(f".{stem}.{os.urandom(4).hex()}.tmp{dest.suffix[:16]}")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
            break
        except FileExistsError:
            continue
    try:
        if old is not None and stat.S_ISREG(old.st_mode):
            os.fchmod(fd, stat.S_IMODE(old.st_mode))
            if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                with suppress(OSError):  # only root may give a file away; the content matters more than the owner
                    os.fchown(fd, old.st_uid, old.st_gid)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def _backup(dest: Path) -> Path | None:
    """A hard link to the file about to be replaced (no space needed), to put it back if a later rename
    of the same run fails; None if there is no such file or links are not possible here."""
    if not os.path.lexists(dest):
        return None
    backup = dest.with_name(f".{dest.name[:200]}.{os.urandom(4).hex()}.old")
    try:
        os.link(dest, backup, follow_symlinks=False)
    except OSError:
        return None
    return backup
