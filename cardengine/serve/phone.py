"""The participants' pages: `/j/<code>` (join: the device cookie), `/vote` (the current poll on a 360 px phone,
Italian or English), the vote itself (POST /vote) and the page's live stream.

A device is its cookie `voter=<id>.<HMAC>`, given only by the join link (the participant secret); a vote needs
that cookie, a CSRF token made from it, the id of the open poll and a valid set of choices, and is saved (on
disk, committed) before the reply. One vote per device per poll: the engine refuses a second.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from cardengine.serve.app import server_of
from cardengine.serve.ballots import Ballot
from cardengine.serve.guard import new_voter, same
from cardengine.serve.pages import client_of, error_response, page_language, stream
from cardengine.serve.polls_view import open_poll, poll_view
from cardengine.serve.words import PAGE_LANGUAGES, Words
from cardengine.sessions import Workshop

COOKIE_AGE = 3 * 24 * 3600  # a workshop day and its follow-up; a phone then joins again
# The phones' live results go out at most once a second (the projector's every change, within a quarter of a
# second): sixty phones' messages are the event loop's largest task while the votes come in, and a phone that
# voted sees its own vote by its page's reload, not by the stream.
PHONE_TICK = 1.0


def cookie_options() -> dict[str, Any]:
    return {"max_age": COOKIE_AGE, "httponly": True, "samesite": "strict", "path": "/"}


async def join(request: Request) -> Response:
    server = server_of(request)
    if not server.limiter.allow("join", client_of(request)):
        return await error_response(request, 429, "err.rate")
    if not same(request.path_params["code"].upper(), server.keys.join):
        return await error_response(request, 404, "err.bad_code")
    voter = server.signer.voter_of(request.cookies.get("voter")) or new_voter()  # a phone joining twice stays one
    response = RedirectResponse("/vote", status_code=303)
    response.set_cookie("voter", server.signer.device_cookie(voter), **cookie_options())
    return response


async def language(request: Request) -> Response:
    lang = request.path_params["lang"]
    response = RedirectResponse("/vote", status_code=303)
    if lang in (*PAGE_LANGUAGES, "fr"):
        response.set_cookie("lang", lang, max_age=COOKIE_AGE, httponly=True, samesite="strict", path="/")
    return response


def vote_context(request: Request, w: Workshop, lang: str | None = None) -> dict[str, Any]:
    server = server_of(request)
    cookie = request.cookies.get("voter")
    voter = server.signer.voter_of(cookie)
    lang = lang or page_language(request, w.state.language)
    poll = open_poll(w.state)
    view = poll_view(w.state, poll, lang) if poll else None
    mine = list(poll.votes.get(voter, ())) if poll and voter else []
    voted = bool(poll and voter and voter in poll.votes)
    key = f"{poll.id}:{'voted' if voted else 'open'}:{lang}" if poll else f"none:{lang}"
    return {"words": Words(lang), "lang": lang, "joined": voter is not None, "poll": view, "voted": voted,
            "mine": mine, "key": key, "csrf": server.signer.csrf(cookie or "", "vote") if voter else "",
            "languages": PAGE_LANGUAGES, "message": "", "form": {}, "chosen": []}


async def vote_page(request: Request) -> Response:
    server = server_of(request)
    version = server.hub.version
    html = await server.keeper.run(lambda w: server.render("vote.html.j2", **vote_context(request, w),
                                                           version=version))
    return HTMLResponse(html)


async def vote_events(request: Request) -> Response:
    """The phone's stream: the whole fragment when its poll or its voted state changes (a new form), else only
    the results, once it has voted (made once per version for every phone in that language); nothing while
    it is filling in a form that is still the right one."""
    server = server_of(request)
    sent: list[str] = [request.query_params.get("k", "")]  # the key of the page the stream belongs to
    voter = server.signer.voter_of(request.cookies.get("voter"))  # the stream's device, checked once
    languages: dict[str, str] = {}  # the page's language for the workshop's

    def fragment(w: Workshop) -> str | None:
        default = w.state.language
        lang = languages.get(default) or languages.setdefault(default, page_language(request, default))
        poll = open_poll(w.state)
        voted = bool(poll and voter and voter in poll.votes)
        key = f"{poll.id}:{'voted' if voted else 'open'}:{lang}" if poll else f"none:{lang}"
        if sent[-1] == key and not voted:
            return None  # the form on the phone is still the right one
        if sent[-1] == key or voted or poll is None:
            # Nothing of this device in it (no form, no CSRF token): made once for every phone in this state.
            sent.append(key)
            return server.cached(("vote-live", key), lambda: server.render(
                "vote_live.html.j2", **vote_context(request, w, lang)))
        sent.append(key)
        return server.render("vote_live.html.j2", **vote_context(request, w, lang))

    return stream(request, server, fragment, tick=PHONE_TICK)


async def vote(request: Request) -> Response:
    server = server_of(request)
    cookie = request.cookies.get("voter")
    voter = server.signer.voter_of(cookie)
    if not server.limiter.allow("vote", voter or client_of(request)):
        return await error_response(request, 429, "err.rate")
    if voter is None:
        return await error_response(request, 403, "err.forged" if cookie else "vote.not_joined")
    form = await request.form()
    if not server.signer.csrf_ok(cookie, "vote", form.get("csrf")):
        return await error_response(request, 403, "err.csrf")
    poll_id = form.get("poll")
    ballot = Ballot(poll_id if isinstance(poll_id, str) else "", voter, _fields(form),
                    [str(v) for v in form.getlist("choice")])
    status, key, values = await server.ballots.cast(ballot)
    if status == 200:  # on disk: the page then says "vote recorded"
        return RedirectResponse("/vote", status_code=303)

    def page(w: Workshop) -> str:
        context = vote_context(request, w)
        words = context["words"]
        context["message"] = words(key, **values) if key else str(values.get("reason", ""))
        context["form"] = _fields(form)
        context["chosen"] = [str(v) for v in form.getlist("choice")]
        return server.render("vote.html.j2", **context, version=server.hub.version)

    return HTMLResponse(await server.keeper.run(page), status_code=status)


def _fields(form: FormData) -> dict[str, str]:
    return {k: v for k, v in form.multi_items() if isinstance(v, str)}


def routes() -> list[BaseRoute]:
    return [Route("/j/{code}", join), Route("/vote", vote_page), Route("/vote", vote, methods=["POST"]),
            Route("/events/vote", vote_events), Route("/lang/{lang}", language)]
