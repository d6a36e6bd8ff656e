"""The workshop file: one SQLite database per workshop holding an append-only log of events.

Every action is one event, committed (WAL, synchronous=FULL) before `append` returns, so an
acknowledged action survives a crash or a killed process. Current state is derived from the log
(see workshop.py). Undo and redo are events too. Event ids are UUIDs, so files recorded on
different laptops merge without duplicates.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cardengine.fileio import fsync_file, fsync_folder
from cardengine.i18n import tr
from cardengine.sessions import wal_check
from cardengine.sessions.disk_failure import open_failure, reason_code, write_failure
from cardengine.sessions.errors import StoreError
from cardengine.sessions.events import Clock, Event, NewId, new_uuid, now, workshop_order
from cardengine.sessions.file_checks import inspect_header, stray_wal_problem, uri
from cardengine.sessions.new_files import (
    SQLITE_SUFFIXES,
    checked_copy,
    copy_target_problem,
    exists_message,
    link_new,
    remove_leftovers,
    sqlite_name,
)
from cardengine.sessions.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_V1, SCHEMA_VERSION

# Files this process has open as a Store, by (device, inode). Opening one again must not read it from Python:
# closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included, and
# without its lock on the -shm another process could take the log for abandoned. Such a file was checked
# when it was first opened.
_OPEN_HERE: dict[tuple[int, int], int] = {}
_OPEN_LOCK = threading.Lock()


def _damaged(path: Path, exc: BaseException) -> str:
    return tr("{path} is damaged or not a workshop file ({error}); it was left untouched").format(path=path, error=exc)


def _not_saved(path: Path, reason: object, busy: bool) -> str:
    if busy:
        return tr("cannot save to {path}: {reason}; nothing was saved; another program holds the file").format(
            path=path, reason=reason)
    return tr("cannot save to {path}: {reason}; nothing was saved").format(path=path, reason=reason)


def _file_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


class Store:
    """An open workshop file. Use `Store.create` or `Store.open`; close it when done.

    `clock` and `new_id` replace the wall clock and uuid4 for event times, event ids and `origin`: a script
    that passes deterministic ones writes identical files (see examples/make_examples.py)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, clock: Clock | None = None,
                 new_id: NewId | None = None):
        self.path = path
        self._conn = conn
        self._clock: Clock = clock or now
        self._new_id: NewId = new_id or new_uuid
        self.origin = self._new_id()  # this open file on this laptop: orders events that share a timestamp
        self._key = _file_key(path)
        with _OPEN_LOCK:
            _OPEN_HERE[self._key] = _OPEN_HERE.get(self._key, 0) + 1

    # ---------------------------------------------------------------- opening

    @classmethod
    def create(cls, path: Path, *, clock: Clock | None = None, new_id: NewId | None = None) -> Store:
        if path.exists():
            raise StoreError(tr("{path} already exists; open it, or choose a new file name").format(path=path),
                             "exists", path=path)
        stray = stray_wal_problem(path)
        if stray:
            raise StoreError(stray, "stray_wal", path=path, wal=wal_check.wal_of(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = cls._connect(path, create=True)
        conn.executescript(SCHEMA_V1)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the header must be in the main file for _inspect
        return cls(path, conn, clock=clock, new_id=new_id)

    @classmethod
    def open(cls, path: Path, *, clock: Clock | None = None, new_id: NewId | None = None) -> Store:
        if not path.is_file():
            if path.exists():  # a folder, a FIFO, a device: it exists, so "create it" would mislead
                message = (tr("{path} is a folder, not a workshop file; give the path of a workshop file (.db)")
                           if path.is_dir() else tr("{path} is not a regular file, not a workshop file; give the "
                                                    "path of a workshop file (.db)"))
                raise StoreError(message.format(path=path), "not_regular", path=path)
            raise StoreError(tr("{path} does not exist; create it with `cardengine session new`").format(path=path),
                             "missing", path=path)
        with _OPEN_LOCK:
            open_here = _OPEN_HERE.get(_file_key(path), 0) > 0
        # Checked before SQLite reads the file, so that a refused file (or a -wal that is not its own) is never
        # changed. A file this process already has open passed these checks then, and is not read again.
        version = SCHEMA_VERSION if open_here else inspect_header(path)
        if any(v not in MIGRATIONS for v in range(version, SCHEMA_VERSION)):  # format 0: no cardengine wrote it
            raise StoreError(tr("{path} has file format {version}, which no cardengine version wrote (a file made by "
                                "another program, or a creation that did not finish); it was left untouched").format(
                path=path, version=version), "unknown_format", path=path, version=version)
        conn = cls._connect(path, create=False)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StoreError(tr("{path} is damaged ({error}); it was left untouched: keep a copy and restore "
                                    "from another laptop's file or a backup").format(path=path, error=check),
                                 "damaged", path=path, error=check)
            if version < SCHEMA_VERSION:
                cls._migrate(conn, version)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(_damaged(path, exc), "damaged", path=path, error=exc) from None
        except StoreError:
            conn.close()
            raise
        return cls(path, conn, clock=clock, new_id=new_id)

    @staticmethod
    def _connect(path: Path, create: bool) -> sqlite3.Connection:
        mode = "rwc" if create else "rw"
        conn = None
        logs = [wal_check.wal_of(path), wal_check.shm_of(path)]
        had = [log.exists() for log in logs]
        try:
            conn = sqlite3.connect(f"{uri(path)}?mode={mode}", uri=True, isolation_level=None, timeout=5.0,
                                   check_same_thread=False)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")  # committed means on disk
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if not any(had) and logs[0].is_file() and logs[0].stat().st_size == 0:  # began here, holds nothing
                for log in logs:  # (a full disk stops SQLite before it is in WAL mode, so it leaves them)
                    log.unlink(missing_ok=True)
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(tr("{path} is locked by another program; close it there and try again").format(
                    path=path), "locked", path=path) from None
            if isinstance(exc, sqlite3.OperationalError):
                if create:
                    reason = write_failure(exc, path.parent)
                    raise StoreError(tr("cannot create {path}: {reason}").format(path=path, reason=reason),
                                     "create_failed", path=path, reason=reason,
                                     reason_code=reason_code(reason)) from None
                reason = open_failure(exc, path)
                raise StoreError(tr("cannot open {path}: {reason}").format(path=path, reason=reason), "open_failed",
                                 path=path, reason=reason, reason_code=reason_code(reason)) from None
            raise StoreError(_damaged(path, exc), "damaged", path=path, error=exc) from None
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection, version: int) -> None:
        with conn:
            for v in range(version, SCHEMA_VERSION):
                conn.executescript(MIGRATIONS[v])
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self._conn.close()
        with _OPEN_LOCK:
            left = _OPEN_HERE.pop(self._key, 1) - 1
            if left > 0:
                _OPEN_HERE[self._key] = left

    def checkpoint(self, *, truncate: bool = False) -> bool:
        """Copy the events still in the write-ahead log into the workshop file itself, so that the file alone
        holds everything. PASSIVE never waits for other programs (the app calls it when idle); `truncate`
        (on exit) waits for them briefly and empties the log. True when the file holds every event."""
        try:
            busy, log, done = self._conn.execute(
                f"PRAGMA wal_checkpoint({'TRUNCATE' if truncate else 'PASSIVE'})").fetchone()
        except sqlite3.OperationalError as exc:  # the log keeps every event: nothing is lost
            raise StoreError(tr("cannot write the saved events into {path} itself ({error}); they are safe in "
                                "{wal}").format(path=self.path, error=exc, wal=wal_check.wal_of(self.path)),
                             "checkpoint_failed", path=self.path,
                             wal=wal_check.wal_of(self.path), error=exc) from None
        return not busy and log == done

    def copy_to(self, target: Path) -> int:
        """A consistent copy of this file, as of now, at `target`: every committed event, also those still in
        the write-ahead log of a file in use, in one file with no -wal beside it. `target` must not exist; the
        copy is made under a temporary name, checked, flushed to disk and only then given its name, so it is
        complete or absent. Returns the number of events copied."""
        problem = copy_target_problem(target)
        if problem:
            raise StoreError(problem, "copy_refused", target=target)
        ids = {r[0] for r in self._conn.execute("SELECT id FROM events")}  # acknowledged before the copy
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            # VACUUM INTO reads one snapshot (file and log) in a read transaction: writers go on meanwhile.
            self._conn.execute("VACUUM INTO ?", (uri(tmp),))  # this connection reads file names as URIs
            copied = checked_copy(tmp, ids)
            fsync_file(tmp)
            link_new(tmp, target)
            fsync_folder(target.parent)  # the new name survives a power cut too
        except FileExistsError:
            raise StoreError(exists_message(target), "copy_refused", target=target) from None
        except (OSError, sqlite3.Error) as exc:
            reason = write_failure(exc, target.parent)
            raise StoreError(tr("cannot copy {path} to {target}: {reason}; nothing was written").format(
                path=self.path, target=target, reason=reason), "copy_failed", path=self.path, target=target,
                reason=reason, reason_code=reason_code(reason)) from None
        finally:
            remove_leftovers(tmp)
        return copied

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- events

    def append(self, kind: str, payload: dict[str, Any], table: str | None = None) -> Event:
        """Record one action; returns only once it is committed to disk."""
        event = Event(self._new_id(), self._clock(), self.origin, kind, table, payload)
        self.insert([event])
        return event

    def insert(self, events: list[Event]) -> int:
        """Add events (from this or another file); ones already present are skipped. Returns how many were new."""
        rows = [(e.id, e.at, e.origin, e.kind, e.table, json.dumps(e.payload, ensure_ascii=False, sort_keys=True))
                for e in events]
        for attempt in range(3):
            before = self._conn.total_changes
            try:
                # One transaction for the batch: all of it is saved, or none of it.
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    self._conn.executemany(
                        "INSERT OR IGNORE INTO events (id, at, origin, kind, tbl, payload) VALUES (?, ?, ?, ?, ?, ?)",
                        rows)
                    self._conn.execute("COMMIT")
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                return self._conn.total_changes - before
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or attempt == 2:
                    raise StoreError(_not_saved(self.path, exc, busy), "save_failed",
                                     path=self.path, reason=exc,
                                     reason_code="busy" if busy else reason_code(write_failure(exc))) from None
                time.sleep(0.1)
        return 0

    def events(self) -> list[Event]:
        """Every event in workshop order: each laptop's events in the order it recorded them (a clock that
        steps back cannot reorder them), laptops interleaved by time."""
        try:
            rows = self._conn.execute("SELECT seq, id, at, origin, kind, tbl, payload FROM events ORDER BY seq")\
                .fetchall()
            payloads = self._payloads([r[6] for r in rows])
        except (json.JSONDecodeError, RecursionError, sqlite3.DatabaseError) as exc:  # (a payload nested too deep)
            raise StoreError(tr("{path} is damaged ({error}); it was left untouched").format(path=self.path, error=exc),
                             "damaged", path=self.path, error=exc) from None
        return workshop_order([Event(r[1], r[2], r[3], r[4], r[5], payload, r[0])
                               for r, payload in zip(rows, payloads, strict=False)])

    @staticmethod
    def _payloads(texts: list[str]) -> list[Any]:
        """Decode every payload with one parser call (a third of the time of one call each); a list of
        JSON texts joined by commas is a JSON array exactly when each of them is one JSON value."""
        try:
            values = json.loads("[" + ",".join(texts) + "]")
            if len(values) == len(texts):
                return values
        except (json.JSONDecodeError, RecursionError):
            pass
        return [json.loads(t) for t in texts]  # the slow way names the damaged payload

    def events_after(self, seq: int) -> list[Event]:
        """The events saved after `seq` (by this or another program), in the order they were saved."""
        try:
            rows = self._conn.execute("SELECT seq, id, at, origin, kind, tbl, payload FROM events WHERE seq > ? "
                                      "ORDER BY seq", (seq,)).fetchall()
            payloads = self._payloads([r[6] for r in rows])
        except (json.JSONDecodeError, RecursionError, sqlite3.DatabaseError) as exc:  # (a payload nested too deep)
            raise StoreError(tr("{path} is damaged ({error}); it was left untouched").format(path=self.path, error=exc),
                             "damaged", path=self.path, error=exc) from None
        return [Event(r[1], r[2], r[3], r[4], r[5], payload, r[0]) for r, payload in zip(rows, payloads, strict=False)]

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file (SQLite's `PRAGMA data_version`):
        a check costing microseconds, so that an app can look every second for what another program saved."""
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(tr("cannot read {path} ({error}); was the disk removed?").format(
                path=self.path, error=exc), "read_failed", path=self.path, error=exc) from None

    def workshop_id(self) -> str | None:
        row = self._conn.execute("SELECT payload FROM events WHERE kind = 'workshop.created' ORDER BY seq LIMIT 1")\
            .fetchone()
        return json.loads(row[0])["workshop_id"] if row else None

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM events").fetchone()[0]

    # ---------------------------------------------------------------- checked writes, new files

    def write(self, seen: int, make: Callable[[list[Event] | None], list[Event]]) -> tuple[list[Event], int]:
        """Add the events `make` decides on, inside one write transaction on fresh data, so that what they
        were checked against cannot change before they are saved (two programs undoing at one table never
        undo the same action). `make` gets every event in workshop order when another program appended any
        after seq `seen` (or `seen` is negative), else None; it returns the events to add or raises to save
        nothing. Returns the events as saved (with their seq when new) and the last seq of the file."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")  # waits (up to the connect timeout) for another writer
        except sqlite3.OperationalError as exc:
            raise StoreError(_not_saved(self.path, exc, True), "save_failed", path=self.path, reason=exc,
                             reason_code="busy") from None
        try:
            last = self._conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
            events = make(self.events() if seen < 0 or last > seen else None)
            saved = []
            for e in events:
                cur = self._conn.execute(
                    "INSERT OR IGNORE INTO events (id, at, origin, kind, tbl, payload) VALUES (?, ?, ?, ?, ?, ?)",
                    (e.id, e.at, e.origin, e.kind, e.table, json.dumps(e.payload, ensure_ascii=False, sort_keys=True)))
                saved.append(Event(e.id, e.at, e.origin, e.kind, e.table, e.payload, cur.lastrowid or 0)
                             if cur.rowcount else e)
            last = self._conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                reason = write_failure(exc, self.path.parent)
                raise StoreError(_not_saved(self.path, reason, False), "save_failed",
                                 path=self.path, reason=reason, reason_code=reason_code(reason)) from None
            raise
        return saved, last

    def new_event(self, kind: str, payload: dict[str, Any], table: str | None = None) -> Event:
        """An event of this program, not yet saved."""
        return Event(self._new_id(), self._clock(), self.origin, kind, table, payload)

    @classmethod
    def build(cls, path: Path, fill: Callable[[Store], None], *, clock: Clock | None = None,
              new_id: NewId | None = None) -> None:
        """Make the new workshop file `path` whole or not at all. It is built under a temporary name beside
        `path`, then linked into place, which fails if `path` exists by then (of two programs creating one
        file, one is told it exists; neither overwrites the other). On any failure (a full disk, `fill`
        raising) the temporary file and its -wal and -shm are removed: nothing is left behind."""
        if path.exists() or path.is_symlink():
            raise StoreError(tr("{path} already exists; open it, or choose a new file name").format(path=path),
                             "exists", path=path)
        if path.name.endswith(SQLITE_SUFFIXES):  # beside W.db, SQLite would take it for W.db's log or index
            raise StoreError(sqlite_name(path, "create"), "sqlite_name", path=path)
        stray = stray_wal_problem(path)  # SQLite would apply a stray -wal to the new file
        if stray:
            raise StoreError(stray, "stray_wal", path=path, wal=wal_check.wal_of(path))
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            store = cls.create(tmp, clock=clock, new_id=new_id)
            try:
                fill(store)
                store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
            finally:
                store.close()
            link_new(tmp, path)
            fsync_folder(path.parent)
        except FileExistsError:
            raise StoreError(tr("{path} already exists (made by another program just now); open it, or choose a new "
                                "file name").format(path=path), "exists", path=path) from None
        except StoreError as exc:  # from the store's own methods, naming the temporary file: name the real one
            raise StoreError(str(exc).replace(str(tmp), str(path)), exc.code,
                             **{key: value.replace(str(tmp), str(path)) for key, value in exc.values.items()}) from None
        except (OSError, sqlite3.Error) as exc:
            reason = write_failure(exc, path.parent)
            raise StoreError(tr("cannot create {path}: {reason}; nothing was written").format(path=path, reason=reason),
                             "create_failed", path=path,
                             reason=reason, reason_code=reason_code(reason)) from None
        finally:
            remove_leftovers(tmp)
