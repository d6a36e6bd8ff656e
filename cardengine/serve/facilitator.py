"""The facilitator's page, `/f/<token>`: open a poll (kind, how many choices, an optional question in Italian and
English), close the open poll, and watch the results live.

The facilitator token is the only key to these routes (the laptop token and the join code open nothing here);
the page gives its browser a session cookie, and every form carries a CSRF token made from it.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from cardengine.serve.app import Server, server_of
from cardengine.serve.guard import same
from cardengine.serve.pages import client_of, error_response, page_language, stream
from cardengine.serve.polls_view import KINDS, most_choices, new_options, open_poll, poll_view
from cardengine.serve.words import Words
from cardengine.sessions import ActionError, StoreError, Workshop

QUESTION_LENGTH = 300


def _session(server: Server, request: Request) -> str | None:
    """The facilitator browser's session cookie when it is one this server signed."""
    cookie = request.cookies.get("fac")
    if not cookie or "." not in cookie:
        return None
    value, _, mac = cookie.rpartition(".")
    return cookie if same(mac, server.signer.mac("fac", value)) else None


def facilitator_context(server: Server, request: Request, w: Workshop, session: str) -> dict[str, Any]:
    lang = page_language(request, w.state.language)
    poll = open_poll(w.state)
    polls = [poll_view(w.state, p, lang) for p in reversed(list(w.state.polls.values()))]
    token = server.keys.facilitator
    return {"words": Words(lang), "lang": lang, "token": token,
            "open": poll_view(w.state, poll, lang) if poll else None, "polls": polls, "kinds": KINDS,
            "max": {kind: most_choices(w.state, kind) for kind in KINDS},
            "plenary_url": f"{server.base(request)}/plenary",
            "join_url": f"{server.base(request)}/j/{server.keys.join}",
            "csrf_open": server.signer.csrf(session, "open"), "csrf_close": server.signer.csrf(session, "close"),
            "message": ""}


async def page(request: Request) -> Response:
    server = server_of(request)
    if not same(request.path_params["token"], server.keys.facilitator):
        return await error_response(request, 404, "err.bad_link")
    session = _session(server, request)
    fresh = session is None
    if session is None:
        value = secrets.token_urlsafe(16)
        session = f"{value}.{server.signer.mac('fac', value)}"
    version = server.hub.version
    chosen = session
    html = await server.keeper.run(lambda w: server.render(
        "facilitator.html.j2", **facilitator_context(server, request, w, chosen), version=version))
    response = HTMLResponse(html)
    if fresh:
        response.set_cookie("fac", session, max_age=24 * 3600, httponly=True, samesite="strict", path="/f/")
    return response


async def events(request: Request) -> Response:
    server = server_of(request)
    session = _session(server, request)
    if not same(request.path_params["token"], server.keys.facilitator) or session is None:
        return await error_response(request, 404, "err.bad_link")
    return stream(request, server, lambda w: server.render(
        "facilitator_live.html.j2", **facilitator_context(server, request, w, session)))


async def act(request: Request) -> Response:
    """POST /f/<token>/open and /f/<token>/close."""
    server = server_of(request)
    action = request.path_params["action"]
    if not server.limiter.allow("form", client_of(request)):
        return await error_response(request, 429, "err.rate")
    if not same(request.path_params["token"], server.keys.facilitator) or action not in ("open", "close"):
        return await error_response(request, 404, "err.bad_link")
    session = _session(server, request)
    form = await request.form()
    if session is None or not server.signer.csrf_ok(session, action, form.get("csrf")):
        return await error_response(request, 403, "err.csrf")
    fields = {k: v for k, v in form.items() if isinstance(v, str)}

    def run(w: Workshop) -> tuple[int, str, dict[str, Any]]:
        current = open_poll(w.state)
        try:
            if action == "close":
                if current is None or current.id != fields.get("poll"):
                    return 409, "fac.nothing_open", {}
                w.close_poll(current.id)
                return 200, "fac.closed_ok", {"poll": current.id}
            if current is not None:
                return 409, "fac.one_open", {"poll": current.id}
            kind = fields.get("kind", "")
            if kind not in KINDS:
                return 422, "fac.bad_kind", {}
            options = new_options(w.state, kind)
            if not options:
                return 422, "fac.no_options", {}
            raw, most = fields.get("max", "").strip(), most_choices(w.state, kind)
            if not raw.isdigit() or not 1 <= int(raw) <= most:
                return 422, "fac.bad_max", {"n": most}
            question = {lang: fields.get(f"question_{lang}", "").strip()[:QUESTION_LENGTH] for lang in ("it", "en")}
            event = w.open_poll(kind, options, int(raw), {k: v for k, v in question.items() if v})
            return 200, "fac.opened", {"poll": event.payload["poll"]}
        except ActionError as exc:
            return 409, "", {"reason": str(exc)}
        except StoreError as exc:
            return 503, "err.not_saved", {"reason": str(exc)}

    status, key, values = await server.keeper.run(run)
    if status == 200:
        server.hub.poke()
        return RedirectResponse(f"/f/{server.keys.facilitator}", status_code=303)

    def again(w: Workshop) -> str:
        context = facilitator_context(server, request, w, session or "")
        context["message"] = context["words"](key, **values) if key else str(values.get("reason", ""))
        return server.render("facilitator.html.j2", **context, version=server.hub.version)

    return HTMLResponse(await server.keeper.run(again), status_code=status)


def routes() -> list[BaseRoute]:
    return [Route("/f/{token}", page), Route("/f/{token}/events", events),
            Route("/f/{token}/{action}", act, methods=["POST"])]
