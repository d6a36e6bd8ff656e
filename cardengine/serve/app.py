"""The server's factory: `make_server(path)` opens the workshop, reads or makes its keys and returns the Starlette
app that `cardengine serve` runs under uvicorn and the tests drive with TestClient.

Owns the wiring (routes, middlewares, static files, the lifespan that starts the change watcher and closes the
file) and `Server`, the one object every route reaches through `request.app.state.server`: the workshop's keeper,
the live hub, the keys, the signer, the rate limiter and the page renderer.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
from collections.abc import AsyncIterator, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sse_starlette import ServerSentEvent
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from cardengine.serve.guard import BodyLimit, Headers, Limits, RateLimiter, Signer
from cardengine.serve.keys import ServeKeys, load_or_make, sidecar
from cardengine.serve.live import Hub, Keeper, Together
from cardengine.serve.render import Renderer
from cardengine.sessions import Workshop

HERE = Path(__file__).parent
# How long a thread holding the GIL runs before one waiting for it takes its turn (Python's default: 5 ms). The
# event loop (reading a vote, sending its answer) waits for the workshop's thread (rendering a page, checking a
# push) at every step, and each wait was up to a full interval: a vote needs several.
SWITCH_SECONDS = 0.001


@dataclass
class Server:
    path: Path
    keeper: Keeper
    keys: ServeKeys
    limits: Limits
    public_url: str | None  # the address phones and laptops reach (LAN); None: the request's own
    hub: Hub = field(default_factory=Hub)
    signer: Signer = field(init=False)
    limiter: RateLimiter = field(init=False)
    render: Renderer = field(default_factory=Renderer)
    extras: dict[str, object] = field(default_factory=dict)  # parts made on first use (the sync connection)
    closers: list[Callable[[], None]] = field(default_factory=list)  # run when the server stops
    _cache: dict[tuple[str, ...], str] = field(default_factory=dict)
    _cache_version: int = -1
    _messages: dict[str, bytes] = field(default_factory=dict)
    _messages_version: int = -1

    def __post_init__(self) -> None:
        from cardengine.serve.ballots import BallotBox

        self.signer = Signer(self.keys.key)
        self.limiter = RateLimiter(self.limits)
        self.ballots = BallotBox(self.keeper, self.hub)
        self.together = Together(self.keeper)

    def cached(self, key: tuple[str, ...], make: Callable[[], str]) -> str:
        """A fragment made once per version of the workshop (the plenary's, a poll's results): called on the
        workshop's thread only, so no lock."""
        if self._cache_version != self.hub.version:
            self._cache, self._cache_version = {}, self.hub.version
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def message(self, html: str, version: int) -> bytes:
        """A live fragment as one server-sent event (one data line, not one per line of HTML: the pages show no
        preformatted text), with the version as its id; encoded once for every stream sending the same fragment
        (the event loop's time is the votes' too)."""
        if version != self._messages_version:
            self._messages, self._messages_version = {}, version
        encoded = self._messages.get(html)  # (a shared fragment is one string object: its hash is kept)
        if encoded is None:
            encoded = self._messages[html] = ServerSentEvent(" ".join(html.splitlines()), id=str(version)).encode()
        return encoded

    def close(self) -> None:
        """Close the sync connection and the workshop (the app's shutdown; a test that never ran the app)."""
        while self.closers:
            self.closers.pop()()
        self.keeper.close()

    def base(self, request: Request) -> str:
        return (self.public_url or str(request.base_url)).rstrip("/")


def server_of(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def make_server(path: Path, *, secrets_dir: Path | None = None, public_url: str | None = None,
                limits: Limits | None = None, own_process: bool = False) -> Starlette:
    """The app serving workshop file `path`. Raises StoreError (the file cannot be opened) or KeysError (its key
    file cannot be read or written) before anything is served. `own_process`: serving is the process's whole job
    (`cardengine serve`), so the interpreter is tuned for it while it serves (the GIL's switch interval, what is
    loaded kept out of the garbage collector's passes); left alone inside another program (the tests)."""
    from cardengine.serve import pages, sync_routes

    workshop = Workshop.open(path)  # first: a bad file leaves no key file behind
    try:
        keys = load_or_make(sidecar(path, secrets_dir))
    except BaseException:
        workshop.close()
        raise
    server = Server(path, Keeper(workshop), keys, limits or Limits(), public_url)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        watcher = asyncio.create_task(server.hub.watch(server.keeper))
        switch = sys.getswitchinterval()
        tuned = own_process and not gc.get_freeze_count()
        if tuned:
            sys.setswitchinterval(SWITCH_SECONDS)
            # What is loaded by now (the modules, the workshop's events and state) lives as long as the server:
            # kept out of the garbage collector's full passes, which otherwise walk all of it, holding the GIL
            # (34-97 ms each under load, during which no vote is read or answered). Inside a larger program the
            # collection first would walk all of that program (70-100 ms in a test process), so only here.
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            if tuned:
                gc.unfreeze()
                sys.setswitchinterval(switch)
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            server.close()

    routes = [*pages.routes(), *sync_routes.routes(),
              Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static")]
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(Headers), Middleware(BodyLimit, limits=server.limits, refuse=_too_large)],
                    exception_handlers={HTTPException: _http_error})
    app.state.server = server
    return app


async def _too_large(scope: MutableMapping[str, Any], limit: int) -> Response:
    from cardengine.serve.pages import error_response

    request = Request(scope)
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} kB"
    return await error_response(request, 413, "err.too_large", limit=size)


async def _http_error(request: Request, exc: Exception) -> Response:
    from cardengine.serve.pages import error_response

    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return await error_response(request, status, "err.not_found" if status == 404 else "err.bad_form")
