"""The laptop's half of sync: a background thread that keeps the laptop's workshop file and the server's in step.

Every second (and at once when the laptop's file changes) it pushes the local events the server has not
acknowledged and pulls the server's events after its cursor, writing them into the local file with the merge
rules. It has its own connection to the file and never blocks the note-taker: a network error only turns the
status to "offline" with the events waiting, and the next attempts back off up to a few seconds. What the
server acknowledged is kept in memory: a restarted client pushes everything once (the server ignores what it
has) and pulls from the start (the laptop ignores what it has). What the server has is also kept beside the
file (`W.db.sync.json`: the server's address, the pull cursor and the ids still waiting, never the token), so a
client started again knows what waits (the status line counts what the server lacks, not the whole file) and
sends only that. Anything that does not match (another workshop, another server, a file that went back to a
backup) is set aside, and everything goes once more, as before.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from cardengine.fileio import write_atomic
from cardengine.i18n import tr
from cardengine.sessions import Event, Store, StoreError
from cardengine.sessions.merge import checked_new_events
from cardengine.sync.protocol import ProtocolError, SyncTarget, event_to_dict, events_from_list, parse_sync_url

__all__ = ["SyncClient", "SyncStatus"]

INTERVAL = 1.0  # seconds between rounds while all is well
LONGEST_WAIT = 3.0  # the back-off's ceiling while the server is away or refuses
TIMEOUT = 2.0  # one request; the server answers in milliseconds on the workshop's network
PUSH_EVENTS = 500  # events in one push at most, so that a body stays well under the server's 4 MB
PUSH_BYTES = 2_000_000
WATCH = 0.1  # how often the thread looks at the file's data version (microseconds each) for a local action


@dataclass(frozen=True)
class SyncStatus:
    """Where sync stands: "ok" (in step at `last_ok`, `waiting` events recorded since), "offline" (the server
    cannot be reached; `waiting` events wait for it) or "refused" (the server said no; `message` says why)."""

    state: Literal["ok", "offline", "refused"]
    waiting: int
    last_ok: str | None
    message: str


class Refused(Exception):
    """The server answered, and refused; the message is its reason."""


class SyncClient:
    """Sync the workshop file `path` with the server of the laptop URL `url`. `start()` runs it in a daemon
    thread; `sync_once()` runs one round in the caller's thread (`session sync`). A bad URL raises
    ProtocolError here, before anything starts."""

    def __init__(self, path: Path, url: str, *, interval: float = INTERVAL, timeout: float = TIMEOUT):
        self.path = path
        self.target: SyncTarget = parse_sync_url(url)
        self.interval, self.timeout = interval, timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the server is local: no proxy
        self._acked: set[str] = set()  # event ids the server has (acknowledged by a push, or pulled from it)
        self._local_seen = 0  # the last seq of the local file read
        self._pending: list[Event] = []  # local events not yet acknowledged, in the order recorded
        self._cursor = 0  # the last server seq pulled
        self._status = SyncStatus("offline", 0, None, tr("not yet in touch with the server"))
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._poke = threading.Event()
        self._thread: threading.Thread | None = None
        self._store: Store | None = None
        self._workshop_id: str | None = None
        self._state_file = path.with_name(path.name + ".sync.json")
        self._saved: tuple[int, int, tuple[str, ...]] | None = None  # (cursor, local seen, waiting ids) on disk
        self.rounds = 0  # rounds finished (well or not): a status before the first says nothing yet
        self.sent = self.received = 0  # events the server took from this laptop, and the other way (a summary)

    # ---------------------------------------------------------------- the caller's side

    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def start(self) -> SyncClient:
        """Run in the background until `stop()`; opening the file happens there too (its errors are a status)."""
        self._thread = threading.Thread(target=self._run, name="cardengine-sync", daemon=True)
        self._thread.start()
        return self

    def poke(self) -> None:
        """Sync now (after a local action), not at the next tick."""
        self._poke.set()

    def stop(self, timeout: float = 1.5) -> SyncStatus:
        """Stop the thread after a last push (with a short timeout); never waits much longer than `timeout`."""
        self._stop.set()
        self._poke.set()
        if self._thread is not None:
            self._thread.join(self.timeout + timeout)
        return self.status()

    def sync_once(self) -> SyncStatus:
        """One push and pull round in this thread; the status after it."""
        try:
            self._round()
        finally:
            self._close()
        return self.status()

    # ---------------------------------------------------------------- the thread

    def _run(self) -> None:
        wait, version = 0.0, None
        next_round = time.monotonic()
        while not self._stop.is_set():
            now = time.monotonic()
            changed = False
            if self._store is not None:
                try:
                    current = self._store.data_version()  # another connection (the app) committed: push it now
                    changed, version = version is not None and current != version, current
                except StoreError:
                    pass
            if now >= next_round or self._poke.is_set() or (changed and wait <= self.interval):
                self._poke.clear()
                ok = self._round()
                wait = self.interval if ok else min(LONGEST_WAIT, max(self.interval, wait * 2))
                next_round = time.monotonic() + wait
            self._poke.wait(WATCH)
        self.timeout = min(self.timeout, 1.0)  # the last actions go before the app closes, if the server is there
        self._round(pull=False)
        self._close()

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _set(self, state: Literal["ok", "offline", "refused"], message: str = "") -> None:
        with self._lock:
            last_ok = datetime.now(UTC).isoformat(timespec="seconds") if state == "ok" else self._status.last_ok
            self._status = SyncStatus(state, len(self._pending), last_ok, message)

    def _round(self, pull: bool = True) -> bool:
        """Push, then pull; True when both went through. Never raises: every failure is a status."""
        try:
            return self._try_round(pull)
        finally:
            self._save()
            self.rounds += 1

    def _try_round(self, pull: bool) -> bool:
        try:
            store = self._open()
            self._collect(store)
            self._push()
            if pull:
                self._pull(store)
                self._collect(store)  # what the pull wrote is the server's: never waiting
        except Refused as exc:
            self._set("refused", str(exc))
            return False
        except (OSError, http.client.HTTPException, ValueError) as exc:  # (URLError is an OSError; ValueError:
            self._set("offline", _reason(exc))                           # an answer that is no JSON)
            return False
        except StoreError as exc:  # the laptop's own file: the disk removed, say; the app says it too
            self._set("refused", str(exc))
            return False
        except Exception as exc:  # a bug must not stop the note-taker's app: say it, try again later
            self._set("offline", f"{type(exc).__name__}: {exc}")
            return False
        self._set("ok")
        return True

    def _open(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.path)
            self._workshop_id = self._store.workshop_id()
            if self.rounds == 0 and not self._local_seen:
                self._restore(self._store)
        return self._store

    def _restore(self, store: Store) -> None:
        """What an earlier client on this file knew the server has (the state file), when it still holds."""
        try:
            saved = json.loads(self._state_file.read_text(encoding="utf-8"))
            cursor, seen, waiting = saved["cursor"], saved["local_seen"], saved["waiting"]
            if (saved.get("version") != 1 or saved.get("workshop_id") != self._workshop_id
                    or saved.get("server") != self.target.base or type(cursor) is not int
                    or type(seen) is not int or not isinstance(waiting, list)
                    or not all(isinstance(i, str) for i in waiting)):
                return
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return  # none, or unreadable: everything goes once more (the server ignores what it has)
        events = store.events()
        if seen > max((e.seq for e in events), default=0):  # the file went back (a backup): set it aside
            return
        still = set(waiting)
        self._pending = [e for e in events if e.id in still]
        self._acked = {e.id for e in events if e.seq <= seen and e.id not in still}
        self._local_seen, self._cursor = seen, cursor
        self._saved = (cursor, seen, tuple(e.id for e in self._pending))
        last_ok = saved.get("last_ok")  # when the server was last reached: what waits is known since then
        with self._lock:
            self._status = SyncStatus(self._status.state, len(self._pending),
                                      last_ok if isinstance(last_ok, str) else None, self._status.message)

    def _save(self) -> None:
        """Keep what the server has beside the file (only when it changed; a failure only costs a resend)."""
        if self._workshop_id is None:
            return
        now = (self._cursor, self._local_seen, tuple(e.id for e in self._pending))
        if now == self._saved:
            return
        state = {"version": 1, "workshop_id": self._workshop_id, "server": self.target.base, "cursor": now[0],
                 "local_seen": now[1], "waiting": list(now[2]), "last_ok": self.status().last_ok}
        try:
            write_atomic(self._state_file, json.dumps(state).encode("utf-8"))
        except OSError:
            return
        self._saved = now

    def _collect(self, store: Store) -> None:
        """Take in the local file's new events; those the server does not have yet wait to be pushed."""
        new = store.events_after(self._local_seen)
        if new:
            self._local_seen = new[-1].seq
            self._pending += [e for e in new if e.id not in self._acked]
        self._pending = [e for e in self._pending if e.id not in self._acked]
        with self._lock:  # the count the status line shows, also before the round's end
            self._status = SyncStatus(self._status.state, len(self._pending), self._status.last_ok,
                                      self._status.message)

    def _push(self) -> None:
        while self._pending:
            batch: list[Event] = []
            size = 0
            for e in self._pending:
                size += len(json.dumps(e.payload)) + 200
                if batch and (len(batch) >= PUSH_EVENTS or size > PUSH_BYTES):
                    break
                batch.append(e)
            answer = self._request("push", {"workshop_id": self._workshop_id,
                                            "events": [event_to_dict(e) for e in batch]})
            self.sent += answer.get("added", 0) if type(answer.get("added")) is int else 0
            self._acked.update(e.id for e in batch)
            self._pending = self._pending[len(batch):]

    def _pull(self, store: Store) -> None:
        while True:
            answer = self._request(f"pull?after={self._cursor}", None)
            if answer.get("workshop_id") != self._workshop_id:
                raise Refused(tr("the server keeps another workshop ({there}); give this laptop the URL of its own "
                                 "workshop's server").format(there=str(answer.get("workshop_id"))[:80]))
            last = answer.get("last")
            if type(last) is not int:
                raise ValueError(tr("the server's answer has no 'last'"))
            try:
                events = events_from_list(answer.get("events"), limit=10_000)
            except ProtocolError as exc:
                raise Refused(tr("the server sent an event this laptop refuses: {error}").format(error=exc)) from None
            if not events:
                if last < self._cursor:  # the server's file went back (a backup restored): what it acknowledged
                    self._forget()        # may be gone, so everything goes again (it ignores what it has)
                    continue
                return
            fresh = [e for e in events if e.id not in self._acked]
            if fresh:
                try:
                    saved, _ = store.write(-1, self._taking(fresh))
                    self.received += sum(1 for e in saved if e.seq)
                except StoreError as exc:
                    if exc.code in ("merge_invalid", "merge_clash"):
                        raise Refused(str(exc)) from None
                    raise
            self._acked.update(e.id for e in events)
            self._cursor = last

    def _forget(self) -> None:
        """Start again as a new client: push every local event, pull every server event (both sides ignore
        what they have)."""
        self._cursor = self._local_seen = 0
        self._acked.clear()
        self._pending = []

    def _taking(self, fresh: list[Event]) -> Callable[[list[Event] | None], list[Event]]:
        """What the write transaction adds of the server's `fresh` events: the new ones, checked."""
        return lambda present: checked_new_events(present or [], [(self.target.base, fresh)], self.path)

    def _request(self, name: str, body: dict[str, Any] | None) -> dict[str, Any]:
        """One request; the JSON answer of a 200. Refused for a 4xx answer, OSError (URLError) when the server
        cannot be reached or fails (5xx: it could not save; the events wait)."""
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        request = urllib.request.Request(self.target.endpoint(name), data=data, method="POST" if data else "GET")
        request.add_header("Authorization", f"Bearer {self.target.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                answer = json.loads(response.read())
        except urllib.error.HTTPError as exc:
            reason = _error_of(exc)
            if 400 <= exc.code < 500 and exc.code not in (408, 429):  # (too soon, too many: the next round)
                raise Refused(tr("the server refused ({code}): {reason}").format(code=exc.code, reason=reason)) \
                    from None
            raise OSError(tr("the server failed ({code}): {reason}").format(code=exc.code, reason=reason)) from None
        if not isinstance(answer, dict):
            raise ValueError(tr("the server's answer is not a JSON object"))
        return answer


def _error_of(exc: urllib.error.HTTPError) -> str:
    try:
        error = json.loads(exc.read()).get("error")
    except (ValueError, AttributeError, OSError):
        error = None
    return str(error)[:500] if error else str(exc.reason)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        return str(exc.reason)
    return str(exc)
