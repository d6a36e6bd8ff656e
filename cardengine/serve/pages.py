"""The plenary screen, the shared parts of every page (language, error pages, the domain colours' stylesheet) and
the server-sent-event stream every live page listens to.

Owns the routes `/`, `/plenary`, `/colours.css`, `/events/plenary` and the list of every page route (the phone's
are in phone.py, the facilitator's in facilitator.py). Every page is rendered on the workshop's thread from its
state at that moment; a live fragment is the same template the page includes.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import AsyncIterator, Callable
from functools import cache
from typing import Any

import segno
from sse_starlette import EventSourceResponse
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from cardengine.serve.app import Server, server_of
from cardengine.serve.polls_view import current_poll, poll_view
from cardengine.serve.view import domain_colours, plenary
from cardengine.serve.words import Words, choose_language
from cardengine.sessions import Workshop

PING_SECONDS = 15


def page_language(request: Request, default: str) -> str:
    asked = request.query_params.get("lang")
    return choose_language(asked or request.cookies.get("lang"), request.headers.get("accept-language", ""), default)


async def error_response(request: Request, status: int, key: str, **values: object) -> Response:
    """A refused request: JSON {"error": ...} under /api/, else a page saying what went wrong in the visitor's
    language. Nothing was changed."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": Words("en")(key, **values)}, status_code=status)  # read by programs too
    lang = choose_language(request.cookies.get("lang"), request.headers.get("accept-language", ""), "it")
    words = Words(lang)
    back = "/vote" if request.url.path.startswith(("/vote", "/lang/")) else ""  # a phone's way back
    html = server_of(request).render("error.html.j2", lang=lang, words=words, message=words(key, **values),
                                     version=0, back=back)
    return HTMLResponse(html, status_code=status)


def client_of(request: Request) -> str:
    return request.client.host if request.client else "?"


@cache
def qr_svg(url: str) -> str:
    """The join URL as an inline SVG QR code (segno), sized by the stylesheet."""
    return str(segno.make(url, error="m").svg_inline(omitsize=True, dark="#000000", light="#ffffff", border=2))


def plenary_language(request: Request, default: str) -> str:
    """The projector speaks the workshop's language unless the URL asks for another (?lang=en): the browser
    running it is the venue's, not the audience's."""
    asked = request.query_params.get("lang", "")
    return asked if asked in ("it", "en", "fr") else (default if default in ("it", "en", "fr") else "it")


def plenary_context(w: Workshop, lang: str) -> dict[str, Any]:
    state = w.state
    poll = current_poll(state)
    return {"view": plenary(state, lang), "poll": poll_view(state, poll, lang) if poll else None,
            "words": Words(lang), "lang": lang}


async def plenary_page(request: Request) -> Response:
    server = server_of(request)
    version = server.hub.version
    join_url = f"{server.base(request)}/j/{server.keys.join}"

    def page(w: Workshop) -> str:
        lang = plenary_language(request, w.state.language)
        return server.render("plenary.html.j2", **plenary_context(w, lang), version=version, join_url=join_url,
                             code=server.keys.join, qr=qr_svg(join_url))

    return HTMLResponse(await server.keeper.run(page))


async def plenary_events(request: Request) -> Response:
    server = server_of(request)

    def fragment(w: Workshop) -> str:
        lang = plenary_language(request, w.state.language)
        return server.cached(("plenary", lang), lambda: server.render("plenary_live.html.j2",
                                                                      **plenary_context(w, lang)))

    return stream(request, server, fragment)


def stream(request: Request, server: Server, fragment: Callable[[Workshop], str | None], *,
           tick: float = 0.0) -> Response:
    """Server-sent events: the page's live fragment each time the workshop changes (None: nothing this page
    shows changed, no message). The id is the hub's version: a browser reconnecting after a restart sends it back as
    Last-Event-ID, and gets a fresh fragment as soon as the versions differ. Every stream woken by one change
    asks for its fragment in one job on the workshop's thread (`Together`), and a fragment shared by many
    streams is encoded once (`Server.message`). With `tick` (seconds), a change is sent at the next multiple of
    `tick` of the loop's clock, then the newest state: at most one message a tick, every such stream at the same
    moment (one job for all)."""
    seen_text = request.headers.get("last-event-id") or request.query_params.get("v") or ""
    seen = int(seen_text) if seen_text.isdigit() else -1

    async def events() -> AsyncIterator[bytes]:
        version = seen
        while True:
            now = await server.hub.wait(version, PING_SECONDS)
            if now == version:
                continue
            if tick:
                moment = asyncio.get_running_loop().time()
                await asyncio.sleep((math.floor(moment / tick) + 1) * tick - moment)
                now = server.hub.version
            version = now
            html = await server.together.run(fragment)
            if html is not None:
                yield server.message(html, version)

    return EventSourceResponse(events(), ping=PING_SECONDS, headers={"Cache-Control": "no-store"})


async def colours_css(request: Request) -> Response:
    """One class per domain of the workshop's decks (.d-N: its fill and the ink that reads on it); the colours are
    checked as #RRGGBB before they reach the stylesheet."""
    server = server_of(request)
    rows = await server.keeper.run(lambda w: domain_colours(w.state))
    css = "\n".join(f".d-{i}{{--fill:{fill};--ink:{ink}}}" for i, (_, fill, ink) in enumerate(rows))
    return Response(css + "\n", media_type="text/css")


async def health(request: Request) -> Response:
    server = server_of(request)
    count = await server.keeper.run(lambda w: w.state.events)
    return Response(json.dumps({"ok": True, "events": count, "version": server.hub.version}),
                    media_type="application/json")


def routes() -> list[BaseRoute]:
    from cardengine.serve import facilitator, phone

    return [Route("/", plenary_page), Route("/plenary", plenary_page), Route("/events/plenary", plenary_events),
            Route("/colours.css", colours_css), Route("/health", health), *phone.routes(), *facilitator.routes()]
