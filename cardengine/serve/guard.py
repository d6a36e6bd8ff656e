"""Who may do what, and how much: signed device cookies, CSRF tokens, request body limits, rate limits and the
security headers of every response.

Owns the HMAC signing (one server key, from keys.py), the comparison of secrets in constant time, the token
buckets per client and the two ASGI middlewares (body limit, headers). Pure of the workshop: a refused request
is refused here before anything reads or writes the file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

VOTER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
FORM_LIMIT = 16 * 1024  # a phone's vote or the facilitator's form
SYNC_LIMIT = 4 * 1024 * 1024  # a laptop's events
# No script but our own file, no inline style (colours come from /colours.css and SVG attributes), nothing
# fetched from another host, never framed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class Signer:
    """HMAC-SHA256 with the server key: device cookies and CSRF tokens."""

    def __init__(self, key: str):
        self._key = bytes.fromhex(key)

    def mac(self, *parts: str) -> str:
        message = "\x1f".join(parts).encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:32]

    def device_cookie(self, voter: str) -> str:
        return f"{voter}.{self.mac('voter', voter)}"

    def voter_of(self, cookie: str | None) -> str | None:
        """The voter id a device cookie carries, or None when it is missing or forged."""
        if not cookie or "." not in cookie:
            return None
        voter, _, mac = cookie.rpartition(".")
        if not VOTER_ID.fullmatch(voter) or not same(mac, self.mac("voter", voter)):
            return None
        return voter

    def csrf(self, session: str, form: str) -> str:
        return self.mac("csrf", session, form)

    def csrf_ok(self, session: str | None, form: str, token: object) -> bool:
        return bool(session) and isinstance(token, str) and same(token, self.csrf(session or "", form))


def new_voter() -> str:
    return secrets.token_urlsafe(12)


def same(a: str, b: str) -> bool:
    """Secrets compared in constant time (a timing difference would leak them letter by letter)."""
    return hmac.compare_digest(a.encode(), b.encode())


@dataclass
class Bucket:
    tokens: float
    stamp: float


@dataclass(frozen=True)
class Rate:
    burst: int  # requests allowed at once
    per_second: float  # refilled afterwards


@dataclass(frozen=True)
class Limits:
    """Per-client rate limits: joins per address, votes per device, forms per address, sync per laptop address."""

    join: Rate = Rate(60, 1.0)  # one address may be a NAT'd Wi-Fi with a whole room behind it
    vote: Rate = Rate(6, 0.5)
    form: Rate = Rate(120, 4.0)
    sync: Rate = Rate(120, 20.0)
    form_bytes: int = FORM_LIMIT
    sync_bytes: int = SYNC_LIMIT


@dataclass
class RateLimiter:
    """Token buckets keyed by (what, who); old buckets are dropped so that memory stays bounded."""

    limits: Limits
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[tuple[str, str], Bucket] = field(default_factory=dict)

    def allow(self, what: str, who: str) -> bool:
        rate: Rate = getattr(self.limits, what)
        now = self.clock()
        if len(self._buckets) > 50_000:
            self._buckets = {k: b for k, b in self._buckets.items() if now - b.stamp < 600}
        bucket = self._buckets.setdefault((what, who), Bucket(float(rate.burst), now))
        bucket.tokens = min(float(rate.burst), bucket.tokens + (now - bucket.stamp) * rate.per_second)
        bucket.stamp = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a request body over its limit (4 MB for /api/sync/, 16 kB elsewhere) with 413, counting the bytes
    as they arrive: a client that lies in Content-Length, or sends none (chunked), is stopped all the same."""

    def __init__(self, app: ASGIApp, limits: Limits, refuse: Callable[[Scope, int], Awaitable[Any]]):
        self.app = app
        self.limits = limits
        self.refuse = refuse  # (scope, limit) -> an ASGI response saying what the limit is

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.sync_bytes if scope["path"].startswith("/api/sync/") else self.limits.form_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await (await self.refuse(scope, limit))(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await (await self.refuse(scope, limit))(scope, receive, send)


class Headers:
    """Security headers on every response: CSP without inline script, no sniffing, no referrer (the facilitator's
    link must not leak to another site), no framing."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {name.lower() for name, _ in headers}
                for name, value in ((b"content-security-policy", CSP.encode()),
                                    (b"x-content-type-options", b"nosniff"),
                                    (b"referrer-policy", b"no-referrer"),
                                    (b"x-frame-options", b"DENY")):
                    if name not in names:
                        headers.append((name, value))
                if b"cache-control" not in names and not scope["path"].startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add)


def json_error(message: str) -> bytes:
    return json.dumps({"error": message}).encode()
