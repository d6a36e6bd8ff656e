"""Polls through the server's pages: the facilitator opens and closes them, phones vote (goals, dots, domains),
the plenary and the phones show the results, and every refusal (a second or replayed vote, a vote after the
close, another device's CSRF token, too many choices, a laptop token on the facilitator's routes) changes nothing
in the workshop file. TestClient over real workshop files; restarts are new apps on the same file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markupsafe import escape

from cardengine.sessions import Workshop

from .serve_support import TestClient, csrf_in, example_copy, join, keys, serving, stored

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return example_copy(tmp_path)


def open_poll(client: TestClient, kind: str, most: int, question_it: str = "", question_en: str = "") -> None:
    token = keys(client).facilitator
    page = client.get(f"/f/{token}")
    response = client.post(f"/f/{token}/open", data={"csrf": csrf_in(page.text), "kind": kind, "max": str(most),
                                                     "question_it": question_it, "question_en": question_en})
    assert response.status_code == 303, response.text


def close_poll(client: TestClient, poll: str) -> int:
    token = keys(client).facilitator
    page = client.get(f"/f/{token}")
    html = page.text
    close_csrf = html.split('action="/f/')[1].split('name="csrf" value="')[1].split('"')[0]
    return client.post(f"/f/{token}/close", data={"csrf": close_csrf, "poll": poll}).status_code


def phone(client: TestClient) -> TestClient:
    """A second device: its own cookies, the same app."""
    other = TestClient(client.app, base_url="http://testserver", follow_redirects=False)
    other.app_state = client.app_state  # type: ignore[attr-defined]
    join(other)
    return other


def vote(client: TestClient, poll: str, **fields: object) -> object:
    page = client.get("/vote")
    data = {"csrf": csrf_in(page.text), "poll": poll, **fields}
    return client.post("/vote", data=data, headers={"accept-language": "en"})


def events(path: Path, kind: str) -> list[dict]:
    return [json.loads(payload) for k, payload in stored(path) if k == kind]


def test_a_goals_poll_opened_by_the_facilitator_is_voted_from_a_phone_and_shown_live(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 3, "Quali obiettivi per il distretto?", "Which goals for the district?")
        join(client)
        page = client.get("/vote", headers={"accept-language": "it"}).text
        assert "Quali obiettivi per il distretto?" in page and "Energia pulita e accessibile" in page
        assert page.count('name="choice"') == 17
        response = vote(client, "Q1", choice=["7", "13"])
        assert response.status_code == 303
        after = client.get("/vote", headers={"accept-language": "en"}).text
        plenary = client.get("/plenary").text
    assert 'data-testid="vote-recorded"' in after and 'data-testid="vote-results"' in after
    opened = events(path, "poll.opened")
    assert opened[0]["kind"] == "goals" and opened[0]["options"] == [str(n) for n in range(1, 18)]
    assert opened[0]["question"] == {"it": "Quali obiettivi per il distretto?", "en": "Which goals for the district?"}
    ballot = events(path, "vote")
    assert len(ballot) == 1 and ballot[0]["choices"] == ["7", "13"]
    assert ballot[0]["voter"] == client.cookies["voter"].rpartition(".")[0]
    assert 'data-option="7" data-points="1"' in plenary and 'data-option="13" data-points="1"' in plenary
    assert "votanti: 1" in plenary


@pytest.mark.parametrize(("kind", "most", "lang", "ask"), [
    ("goals", 1, "en", "Choose one goal"), ("goals", 3, "en", "Choose up to 3 goals"),
    ("goals", 1, "it", "Scegli un obiettivo"), ("domains", 1, "it", "Scegli il primo ambito prioritario")])
def test_the_phone_says_what_to_choose_in_the_singular_for_one(path: Path, kind: str, most: int, lang: str,
                                                               ask: str) -> None:
    with serving(path) as client:
        open_poll(client, kind, most)
        join(client)
        page = client.get("/vote", headers={"accept-language": lang}).text
    assert ask in page and "up to 1 " not in page and "fino a 1 " not in page


def test_a_second_and_a_replayed_vote_from_one_device_are_refused_and_change_nothing(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 2)
        join(client)
        page = client.get("/vote")
        data = {"csrf": csrf_in(page.text), "poll": "Q1", "choice": ["3"]}
        assert client.post("/vote", data=data).status_code == 303
        before = stored(path)
        replayed = client.post("/vote", data=data, headers={"accept-language": "en"})
        again = client.post("/vote", data={**data, "choice": ["4"]}, headers={"accept-language": "en"})
        rejoined = client.get(f"/j/{keys(client).join}")  # joining again keeps the device's voter id
        third = client.post("/vote", data={**data, "choice": ["5"]}, headers={"accept-language": "en"})
    for response in (replayed, again, third):
        assert response.status_code == 409 and "already voted" in response.text
    assert rejoined.status_code == 303
    assert stored(path) == before


def test_a_vote_with_another_devices_csrf_token_is_refused(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 2)
        join(client)
        stolen = csrf_in(client.get("/vote").text)
        other = phone(client)
        before = stored(path)
        response = other.post("/vote", data={"csrf": stolen, "poll": "Q1", "choice": ["3"]},
                              headers={"accept-language": "en"})
    assert response.status_code == 403 and "reload the page" in response.text
    assert stored(path) == before


@pytest.mark.parametrize(("fields", "says"), [
    ({"choice": ["1", "2", "3"]}, "choose at most 2"),
    ({"choice": ["99"]}, "not filled in as expected"),
    ({}, "Choose at least one option"),
])
def test_a_vote_that_is_not_a_valid_ballot_is_refused_with_a_clear_message(path: Path, fields: dict,
                                                                             says: str) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 2)
        join(client)
        before = stored(path)
        response = vote(client, "Q1", **fields)
    assert response.status_code == 422 and says in response.text
    assert stored(path) == before


def test_dots_go_on_favoured_cards_and_proposals_several_on_one(path: Path) -> None:
    with Workshop.open(path) as w:
        table = next(key for key in w.state.tables if key)
        card = next(iter(w.state.cards))
        w.propose(table, f"Proposta {SCRIPT}", [card])
    with serving(path) as client:
        open_poll(client, "dots", 3)
        join(client)
        page = client.get("/vote").text
        options = events(path, "poll.opened")[0]["options"]
        favourite, proposal = options[0], next(o for o in options if "/" in o)
        assert f'name="dots:{favourite}"' in page and f'name="dots:{proposal}"' in page
        assert SCRIPT not in page and str(escape(f"Proposta {SCRIPT}")) in page
        assert vote(client, "Q1", **{f"dots:{favourite}": "2", f"dots:{proposal}": "1"}).status_code == 303
        facilitator = client.get(f"/f/{keys(client).facilitator}").text
    assert events(path, "vote")[0]["choices"] == [favourite, favourite, proposal]
    assert f'data-option="{favourite}" data-points="2"' in facilitator
    assert SCRIPT not in facilitator


def test_domains_are_ranked_and_counted_by_borda_points(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "domains", 3)
        domains = events(path, "poll.opened")[0]["options"]
        join(client)
        gap = vote(client, "Q1", **{f"rank:{domains[0]}": "1", f"rank:{domains[1]}": "3"})
        assert gap.status_code == 422 and "each rank once" in gap.text
        assert vote(client, "Q1", **{f"rank:{domains[0]}": "2", f"rank:{domains[1]}": "1"}).status_code == 303
        plenary = client.get("/plenary").text
    assert events(path, "vote")[0]["choices"] == [domains[1], domains[0]]
    assert f'data-option="{domains[1]}" data-points="3"' in plenary
    assert f'data-option="{domains[0]}" data-points="2"' in plenary


def test_after_the_facilitator_closes_the_poll_a_vote_is_refused_and_the_plenary_says_closed(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 2)
        join(client)
        csrf = csrf_in(client.get("/vote").text)
        assert close_poll(client, "Q1") == 303
        before = stored(path)
        late = client.post("/vote", data={"csrf": csrf, "poll": "Q1", "choice": ["3"]},
                           headers={"accept-language": "en"})
        plenary = client.get("/plenary", params={"lang": "en"}).text
        waiting = client.get("/vote").text
    assert late.status_code == 409 and "closed" in late.text
    assert stored(path) == before
    assert 'data-testid="poll-state">closed' in plenary
    assert 'data-testid="vote-wait"' in waiting


def test_only_one_poll_is_open_at_a_time(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 2)
        token = keys(client).facilitator
        page = client.get(f"/f/{token}", headers={"accept-language": "en"})
        assert 'data-testid="open-form"' not in page.text and 'data-testid="close-form"' in page.text
        before = stored(path)
        session = client.cookies["fac"]
        forged = client.app_state.server.signer.csrf(session, "open")  # a valid token, still refused
        second = client.post(f"/f/{token}/open", data={"csrf": forged, "kind": "goals", "max": "2"},
                             headers={"accept-language": "en"})
    assert second.status_code == 409 and "still open" in second.text
    assert stored(path) == before


def test_the_laptop_token_cannot_open_or_close_a_poll(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 2)
        laptop = keys(client).laptop
        before = stored(path)
        session = client.cookies["fac"]
        signer = client.app_state.server.signer
        closing = client.post(f"/f/{laptop}/close", data={"csrf": signer.csrf(session, "close"), "poll": "Q1"},
                              headers={"authorization": f"Bearer {laptop}"})
        opening = client.post(f"/f/{laptop}/open", data={"csrf": signer.csrf(session, "open"), "kind": "goals",
                                                         "max": "2"})
    assert closing.status_code == opening.status_code == 404
    assert stored(path) == before


def test_a_restarted_server_knows_the_phone_and_its_vote(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 2)
        cookie = join(client)
        assert vote(client, "Q1", choice=["11"]).status_code == 303
    with serving(path) as again:
        again.cookies.set("voter", cookie)
        page = again.get("/vote").text
        plenary = again.get("/plenary").text
    assert 'data-testid="vote-recorded"' in page
    assert 'data-option="11" data-points="1"' in plenary


def test_a_question_with_markup_is_escaped_on_the_plenary_the_phone_and_the_facilitators_page(path: Path) -> None:
    with serving(path) as client:
        open_poll(client, "goals", 2, question_it=SCRIPT, question_en=SCRIPT)
        join(client)
        pages = [client.get("/plenary").text, client.get("/vote").text,
                 client.get(f"/f/{keys(client).facilitator}").text]
    for html in pages:
        assert SCRIPT not in html and str(escape(SCRIPT)) in html


def test_votes_over_the_rate_limit_get_429_and_change_nothing(path: Path) -> None:
    from cardengine.serve import Limits, Rate

    with serving(path, limits=Limits(vote=Rate(2, 0.001))) as client:
        open_poll(client, "goals", 2)
        join(client)
        codes = [vote(client, "Q1", choice=["99"]).status_code for _ in range(3)]  # each refused: bad choice
        before = stored(path)
        limited = vote(client, "Q1", choice=["3"])
    assert codes[:2] == [422, 422] and codes[2] == 429
    assert limited.status_code == 429 and "Too many requests" in limited.text
    assert stored(path) == before
