"""Who may do what on `cardengine serve`: the three secrets kept apart, CSRF on every form, body and rate limits,
escaping of every user text, and a refused request that changes nothing in the workshop file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardengine.serve import Limits, Rate
from cardengine.sessions import Workshop

from .serve_support import csrf_in, example_copy, join, keys, serving, stored

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return example_copy(tmp_path)


def test_every_response_carries_a_content_security_policy_without_inline_script(path: Path) -> None:
    with serving(path) as client:
        for url in ("/plenary", "/vote", "/nope", "/static/live.js"):
            headers = client.get(url).headers
            policy = headers["content-security-policy"]
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
            assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"


def test_the_device_cookie_is_httponly_and_samesite_strict_and_signed(path: Path) -> None:
    with serving(path) as client:
        response = client.get(f"/j/{keys(client).join}")
    cookie = response.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    voter, _, mac = response.cookies["voter"].rpartition(".")
    assert voter and len(mac) == 32


def test_a_wrong_join_code_gets_a_clear_page_and_no_cookie(path: Path) -> None:
    with serving(path) as client:
        response = client.get("/j/AAAAAA", headers={"accept-language": "en"})
    assert response.status_code == 404 and "not valid" in response.text and "set-cookie" not in response.headers


def test_user_text_is_escaped_on_the_plenary_and_in_its_live_fragment(path: Path) -> None:
    with Workshop.open(path) as w:
        table = w.add_table(f"Tavolo {SCRIPT}", area=SCRIPT)
        card = next(iter(w.state.cards))
        w.pick(table, card, "favourite")
        w.propose(table, f"Proposta {SCRIPT}", [card])
    with serving(path) as client:
        page = client.get("/plenary").text
        fragment = client.app_state.server.render(  # what the SSE stream sends: the same template
            "plenary_live.html.j2", **_plenary_context(client))
    for html in (page, fragment):
        assert SCRIPT not in html and "<script>alert" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def _plenary_context(client):  # the live fragment's context, built as the stream builds it
    from cardengine.serve.pages import plenary_context

    workshop = client.app_state.server.keeper.workshop
    return plenary_context(workshop, "it")


def test_an_oversized_form_is_refused_while_reading_with_413_and_changes_nothing(path: Path) -> None:
    before = stored(path)
    with serving(path) as client:
        join(client)
        big = {"csrf": "x", "poll": "Q1", "choice": "1" * 20_000}
        declared = client.post("/vote", data=big, headers={"accept-language": "en"})

        def chunks():  # no Content-Length: the limit must hold while the body streams in
            for _ in range(40):
                yield b"choice=" + b"7" * 1000 + b"&"

        streamed = client.post("/vote", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    for response in (declared, streamed):
        assert response.status_code == 413
        assert "too large" in response.text or "troppo grande" in response.text
    assert stored(path) == before


def test_an_oversized_sync_push_is_refused_with_413_json(path: Path) -> None:
    with serving(path) as client:
        response = client.post("/api/sync/push", content=b"x" * (4 * 1024 * 1024 + 1),
                               headers={"authorization": f"Bearer {keys(client).laptop}"})
    assert response.status_code == 413 and "4 MB" in response.json()["error"]


def test_sync_needs_the_laptop_token_and_no_other_secret_opens_it(path: Path) -> None:
    before = stored(path)
    body = json.dumps({"workshop_id": "x", "events": []})
    with serving(path) as client:
        secret = keys(client)
        assert client.get("/api/sync/pull?after=0").status_code == 401
        for wrong in (secret.join, secret.facilitator, secret.key, "nope"):
            pulled = client.get("/api/sync/pull?after=0", headers={"authorization": f"Bearer {wrong}"})
            pushed = client.post("/api/sync/push", content=body, headers={"authorization": f"Bearer {wrong}"})
            assert pulled.status_code == 403 and pushed.status_code == 403 and "laptop token" in pulled.json()["error"]
        good = client.get("/api/sync/pull?after=0", headers={"authorization": f"Bearer {secret.laptop}"})
    assert good.status_code == 200 and len(good.json()["events"]) == len(before)
    assert stored(path) == before


def test_the_laptop_token_and_the_join_code_do_not_open_the_facilitators_page_or_polls(path: Path) -> None:
    before = stored(path)
    with serving(path) as client:
        secret = keys(client)
        page = client.get(f"/f/{secret.facilitator}")
        csrf = csrf_in(page.text)
        for wrong in (secret.laptop, secret.join):
            assert client.get(f"/f/{wrong}").status_code == 404
            opened = client.post(f"/f/{wrong}/open", data={"csrf": csrf, "kind": "goals", "max": "3"},
                                 headers={"authorization": f"Bearer {secret.laptop}"})
            assert opened.status_code == 404
    assert stored(path) == before


def test_a_facilitator_form_without_its_csrf_token_is_refused(path: Path) -> None:
    before = stored(path)
    with serving(path) as client:
        token = keys(client).facilitator
        client.get(f"/f/{token}")  # the session cookie
        for data in ({"kind": "goals", "max": "3"}, {"csrf": "0" * 32, "kind": "goals", "max": "3"}):
            response = client.post(f"/f/{token}/open", data=data, headers={"accept-language": "en"})
            assert response.status_code == 403 and "reload the page" in response.text
    assert stored(path) == before


def test_a_vote_without_the_participant_secret_or_with_a_forged_cookie_is_refused(path: Path) -> None:
    before = stored(path)
    with serving(path) as client:
        bare = client.post("/vote", data={"csrf": "x", "poll": "Q1", "choice": "7"}, headers={"accept-language": "en"})
        assert bare.status_code == 403 and "has not joined" in bare.text
        cookie = join(client)
        mac = cookie.rpartition(".")[2]
        client.cookies.set("voter", f"someone-else.{mac}")  # another voter id under this device's signature
        forged = client.post("/vote", data={"csrf": "x", "poll": "Q1", "choice": "7"},
                             headers={"accept-language": "en"})
        assert forged.status_code == 403 and "not valid" in forged.text
    assert stored(path) == before


def test_joins_over_the_rate_limit_get_429(path: Path) -> None:
    with serving(path, limits=Limits(join=Rate(3, 0.001))) as client:
        codes = [client.get(f"/j/{keys(client).join}").status_code for _ in range(5)]
    assert codes == [303, 303, 303, 429, 429]


def test_a_bad_request_gets_a_clear_page_not_a_traceback(path: Path) -> None:
    with serving(path) as client:
        missing = client.get("/nope", headers={"accept-language": "en"})
        api = client.get("/api/sync/pull?after=-1", headers={"authorization": f"Bearer {keys(client).laptop}"})
    assert missing.status_code == 404 and "There is no such page here" in missing.text
    assert api.status_code == 400 and "after=" in api.json()["error"]
