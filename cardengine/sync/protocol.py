"""The sync protocol's JSON shapes: an event as a dict and back, checked as it arrives, and the laptop's URL.

A laptop and the server exchange events as `Event.as_dict()` (id, at, origin, kind, table, payload); the
server's pull answer adds each event's `seq` in its file. What arrives from the network is checked here for
types and sizes before it goes near a workshop file (whether it is valid *in the workshop* is the merge
rules' question, cardengine.sessions.merge): a bad event dict is refused with one sentence naming what is
wrong. Pure functions, no I/O.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cardengine.i18n import tr
from cardengine.sessions import Event, envelope_problem

__all__ = ["MAX_EVENTS", "MAX_EVENT_BYTES", "PAGE", "ProtocolError", "SyncTarget", "event_from_dict",
           "event_to_dict", "events_from_list", "parse_sync_url"]

PAGE = 2000  # events in one pull answer at most; the client asks again until none are left
MAX_EVENTS = 5000  # events in one push at most (the client sends fewer, see client.PUSH_EVENTS)
MAX_EVENT_BYTES = 1_000_000  # one event's payload as JSON (a `workshop.created` holds the decks' card titles)
MAX_DEPTH = 32  # nesting of a payload: deeper is no event of ours, and it would exhaust the recursion of a fold
_FIELDS = ("id", "at", "origin", "kind", "table", "payload")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,200}")


class ProtocolError(ValueError):
    """What arrived is not in the protocol's shape; the message says what is wrong, in one sentence."""


def event_to_dict(event: Event, *, seq: bool = False) -> dict[str, Any]:
    """The event as sent: its `as_dict()`, with its `seq` in the sender's file when `seq` (the pull answer)."""
    out = event.as_dict()
    if seq:
        out["seq"] = event.seq
    return out


def event_from_dict(data: object, position: int = 0) -> Event:
    """The Event a received dict stands for; ProtocolError naming the event (by its position, 1-based, and
    id when it has one) and what is wrong with it."""
    def refuse(problem: str) -> ProtocolError:
        ident = data.get("id") if isinstance(data, dict) else None
        where = (tr("event {n} (id {id})").format(n=position + 1, id=str(ident)[:60]) if isinstance(ident, str)
                 else tr("event {n}").format(n=position + 1))
        return ProtocolError(f"{where}: {problem}")

    if not isinstance(data, dict):
        raise refuse(tr("an event must be a JSON object with the fields {fields}").format(fields=", ".join(_FIELDS)))
    missing = [name for name in _FIELDS if name not in data]
    if missing:
        raise refuse(tr("missing field(s): {fields}").format(fields=", ".join(missing)))
    extra = sorted(set(data) - set(_FIELDS) - {"seq"})
    if extra:
        raise refuse(tr("unknown field(s): {fields}").format(fields=", ".join(str(name)[:40] for name in extra[:5])))
    problem = _payload_problem(data["payload"])
    if problem:
        raise refuse(problem)
    event = Event(data["id"], data["at"], data["origin"], data["kind"], data["table"], data["payload"])
    envelope = envelope_problem(event)  # the same envelope rules as every other way into a workshop file
    if envelope:
        raise refuse(str(envelope))
    return event


def events_from_list(data: object, limit: int = MAX_EVENTS) -> list[Event]:
    """The events of a received list (a push's or a pull answer's `events`); ProtocolError on the first bad one."""
    if not isinstance(data, list):
        raise ProtocolError(tr("'events' must be a list of events"))
    if len(data) > limit:
        raise ProtocolError(tr("too many events at once ({n}; at most {limit}): send them in parts").format(
            n=len(data), limit=limit))
    return [event_from_dict(item, position) for position, item in enumerate(data)]


def _payload_problem(payload: object) -> str | None:
    """Types and size of a payload: a JSON object of JSON values, not too deep, not too big."""
    if type(payload) is not dict:
        return tr("'payload' must be a mapping of fields")
    if not _plain(payload, 0):
        return tr("'payload' holds values that are not plain JSON or is nested more than {depth} levels").format(
            depth=MAX_DEPTH)
    size = len(json.dumps(payload, ensure_ascii=False).encode())
    if size > MAX_EVENT_BYTES:
        return tr("'payload' is too big ({size} bytes; at most {limit})").format(size=size, limit=MAX_EVENT_BYTES)
    return None


def _plain(value: object, depth: int) -> bool:
    if depth > MAX_DEPTH:
        return False
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)  # NaN and Infinity are no JSON, and a score of NaN is no score
    if isinstance(value, list):
        return all(_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, depth + 1) for k, v in value.items())
    return False


@dataclass(frozen=True)
class SyncTarget:
    """Where a laptop syncs: the server's base URL (scheme://host:port) and the laptop token."""

    base: str
    token: str

    def endpoint(self, name: str) -> str:
        return f"{self.base}/api/sync/{name}"


def parse_sync_url(url: str) -> SyncTarget:
    """The server and token of a laptop's sync URL `http://HOST:PORT/sync/<token>` (as `cardengine serve`
    prints it); ProtocolError saying what is wrong and what the URL looks like."""
    example = "http://192.168.1.10:8000/sync/TOKEN"
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises ValueError on a port that is not a number
    except ValueError:
        parts, port = None, None
    segments = parts.path.strip("/").split("/") if parts is not None else []
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query
            or parts.fragment or parts.username or len(segments) != 2 or segments[0] != "sync"
            or not _TOKEN.fullmatch(segments[1])):
        raise ProtocolError(tr("'{url}' is not a sync URL; give the laptop URL that `cardengine serve` prints, "
                               "such as {example}").format(url=url[:200], example=example))
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"  # an IPv6 address
    base = f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")
    return SyncTarget(base, segments[1])
