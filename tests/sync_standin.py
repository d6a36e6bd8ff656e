"""A stand-in sync server for the sync tests: `cardengine.sync.server`'s pull and push behind the laptop token,
in a Starlette app run by uvicorn (`python tests/sync_standin.py W.db PORT TOKEN`), as `cardengine serve` wires
them. The tests kill it with SIGKILL and start it again on the same file and port."""

from __future__ import annotations

import sys
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cardengine.sessions import Store
from cardengine.sync import pull_response, push_response


def make_app(path: Path, token: str) -> Starlette:
    store = Store.open(path)

    def allowed(request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {token}"

    async def pull(request: Request) -> JSONResponse:
        if not allowed(request):
            return JSONResponse({"error": "wrong laptop token"}, 403)
        return JSONResponse(pull_response(store, int(request.query_params.get("after", "0"))))

    async def push(request: Request) -> JSONResponse:
        if not allowed(request):
            return JSONResponse({"error": "wrong laptop token"}, 403)
        status, answer = push_response(store, await request.json())
        return JSONResponse(answer, status)

    return Starlette(routes=[Route("/api/sync/pull", pull), Route("/api/sync/push", push, methods=["POST"])])


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(make_app(Path(sys.argv[1]), sys.argv[3]), host="127.0.0.1", port=int(sys.argv[2]),
                log_level="warning")
