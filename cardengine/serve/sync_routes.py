"""The laptops' sync API: `GET /api/sync/pull?after=N` and `POST /api/sync/push`, behind the laptop token
(`Authorization: Bearer <token>`), answered by `cardengine.sync.server` (the protocol, the merge rules).

Sync uses its own connection to the workshop file on its own thread: a laptop's 4 MB push never holds up a
phone's vote, and the server's Workshop sees the pushed events as any other program's (its watcher takes them in
and wakes the live pages). Wrong or missing token: 401/403 JSON; too many requests: 429; body too large: 413 (by
the body limit middleware, while reading).
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from cardengine.i18n import tr
from cardengine.serve.app import Server, server_of
from cardengine.serve.guard import same
from cardengine.serve.pages import client_of, error_response
from cardengine.sessions import Store
from cardengine.sync.server import pull_response, push_response


class SyncDesk:
    """The sync connection and its thread, opened on first use and closed with the server."""

    def __init__(self, server: Server):
        self.server = server
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync")
        self._store: Store | None = None

    def _open(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.server.path)
        return self._store

    async def pull(self, after: int) -> dict[str, Any]:
        return await asyncio.get_running_loop().run_in_executor(self._pool, lambda: pull_response(self._open(), after))

    async def push(self, body: object) -> tuple[int, dict[str, Any]]:
        return await asyncio.get_running_loop().run_in_executor(self._pool, lambda: push_response(self._open(), body))

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        if self._store is not None:
            self._store.close()


def desk_of(server: Server) -> SyncDesk:
    desk = server.extras.get("sync")
    if desk is None:
        desk = server.extras["sync"] = SyncDesk(server)
        server.closers.append(desk.close)
    assert isinstance(desk, SyncDesk)
    return desk


async def _refused(request: Request) -> Response | None:
    """401 without a bearer token, 403 with a wrong one (the join code and the facilitator token included),
    429 over the rate limit."""
    server = server_of(request)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return JSONResponse({"error": tr("this URL needs the laptop token: give the laptop the sync URL that "
                                      "`cardengine serve` printed (http://HOST:PORT/sync/TOKEN)")}, status_code=401)
    if not same(token.strip(), server.keys.laptop):
        return JSONResponse({"error": tr("wrong laptop token: give the laptop the sync URL that `cardengine serve` "
                                      "printed for this workshop")}, status_code=403)
    if not server.limiter.allow("sync", client_of(request)):
        return await error_response(request, 429, "err.rate")
    return None


async def pull(request: Request) -> Response:
    refused = await _refused(request)
    if refused is not None:
        return refused
    after = request.query_params.get("after", "0")
    if not after.isdigit():
        return JSONResponse({"error": tr("after= takes the seq of the last event the laptop has (0 for none)")},
                            status_code=400)
    return JSONResponse(await desk_of(server_of(request)).pull(int(after)))


async def push(request: Request) -> Response:
    refused = await _refused(request)
    if refused is not None:
        return refused
    try:
        body = json.loads(await request.body())
    except (ValueError, RecursionError):
        return JSONResponse({"error": tr("the push body is not JSON")}, status_code=400)
    server = server_of(request)
    status, answer = await desk_of(server).push(body)
    if status == 200 and answer.get("added"):
        server.hub.poke()  # the watcher takes the laptop's events in and wakes the live pages
    return JSONResponse(answer, status_code=status)


async def laptop_url(request: Request) -> Response:
    """`/sync/<token>`: the URL a laptop is given; opened in a browser it says whether the token is right."""
    server = server_of(request)
    if not same(request.path_params["token"], server.keys.laptop):
        return JSONResponse({"error": tr("wrong laptop token: give the laptop the sync URL that `cardengine serve` "
                                         "printed for this workshop")}, status_code=403)
    workshop_id = await server.keeper.run(lambda w: w.state.id)
    return JSONResponse({"workshop_id": workshop_id, "pull": "/api/sync/pull", "push": "/api/sync/push"})


def routes() -> list[BaseRoute]:
    return [Route("/api/sync/pull", pull), Route("/api/sync/push", push, methods=["POST"]),
            Route("/sync/{token}", laptop_url)]
