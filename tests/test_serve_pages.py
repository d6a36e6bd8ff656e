"""The plenary screen, the phone's page and the facilitator's page of `cardengine serve`, over a real workshop file
(TestClient in-process): what each shows, in which language, and what never appears on the projector."""

from __future__ import annotations

import stat
from pathlib import Path

from markupsafe import escape

from cardengine.serve import make_server
from cardengine.sessions import Workshop

from .serve_support import example_copy, join, keys, serving


def test_the_plenary_shows_every_table_with_its_favourites_ranking_proposals_and_priorities(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    with Workshop.open(path) as w:
        state = w.state
        tables = [t for key, t in state.tables.items() if key]
    with serving(path) as client:
        html = client.get("/plenary").text
        assert client.get("/").text.count('data-testid="table-') == len(tables)
    assert len(tables) == 3
    for table in tables:
        assert f'data-testid="table-{table.id}"' in html and table.name in html
        for card, pick in table.picks.items():
            if pick.kind == "favourite":
                assert f">{card}</span>" in html  # each favourite as a chip in its domain's colour
        for proposal in list(table.proposals.values())[:3]:
            assert str(escape(proposal.title)) in html
    assert "Classifica di fattibilità" in html  # the workshop's language (Italian), whatever the browser
    assert 'class="chip d-' in html


def test_the_plenary_shows_the_join_qr_and_code_but_never_the_other_secrets(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    with serving(path) as client:
        html = client.get("/plenary").text
        secret = keys(client)
    assert "<svg" in html and 'data-testid="join-qr"' in html
    assert f'data-testid="join-code">{secret.join}<' in html
    assert f"/j/{secret.join}" in html
    assert secret.facilitator not in html and secret.laptop not in html and secret.key not in html


def test_the_domain_colours_come_from_the_decks(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    with Workshop.open(path) as w:
        colours = {d.colour.upper() for d in w.state.decks.values()}
    with serving(path) as client:
        css = client.get("/colours.css")
    assert css.headers["content-type"].startswith("text/css")
    assert {line.split("--fill:")[1][:7].upper() for line in css.text.splitlines()} == colours


def test_static_assets_are_served_locally_and_pages_fetch_nothing_from_another_host(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    with serving(path) as client:
        join(client)
        pages = [client.get(url).text for url in ("/plenary", "/vote", f"/f/{keys(client).facilitator}")]
        assert client.get("/static/live.js").status_code == 200
        assert client.get("/static/serve.css").status_code == 200
    for html in pages:
        assert "http://" not in html.split("<body")[0] and "https://" not in html
        assert "<script>" not in html and "<script src=\"/static/live.js\"" in html


def test_a_phone_that_has_not_joined_is_told_how_to_join(tmp_path: Path) -> None:
    with serving(example_copy(tmp_path)) as client:
        page = client.get("/vote", headers={"accept-language": "en"})
    assert page.status_code == 200 and 'data-testid="not-joined"' in page.text and "scan the QR code" in page.text


def test_a_joined_phone_waits_for_a_poll_in_its_browsers_language_and_can_switch(tmp_path: Path) -> None:
    with serving(example_copy(tmp_path)) as client:
        join(client)
        italian = client.get("/vote", headers={"accept-language": "it-IT,it;q=0.9,en;q=0.5"}).text
        english = client.get("/vote", headers={"accept-language": "en-GB,en;q=0.9"}).text
        switched = client.get("/lang/it")
        assert switched.status_code == 303
        chosen = client.get("/vote", headers={"accept-language": "en"}).text
    assert 'data-testid="vote-wait"' in italian and "Nessun sondaggio" not in italian
    assert "In questo momento non c'è un sondaggio aperto" in italian.replace("&#39;", "'")
    assert "No poll is open right now" in english
    assert "In questo momento" in chosen and '<html lang="it">' in chosen


def test_the_facilitator_page_offers_to_open_a_poll(tmp_path: Path) -> None:
    with serving(example_copy(tmp_path)) as client:
        page = client.get(f"/f/{keys(client).facilitator}", headers={"accept-language": "en"})
    assert page.status_code == 200
    assert 'data-testid="open-form"' in page.text and 'name="csrf"' in page.text
    assert "fac=" in page.headers["set-cookie"]


def test_the_keys_are_made_once_kept_beside_the_file_owner_only_and_reused_on_restart(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    first = make_server(path).state.server.keys
    sidecar = path.with_name(path.name + ".serve.json")
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    again = make_server(path).state.server.keys
    assert again == first
    assert len({first.join, first.laptop, first.facilitator, first.key}) == 4
    assert len(first.join) == 6 and not set(first.join) & set("0O1IL5S2Z8B")


def test_the_keys_can_live_in_another_folder(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    make_server(path, secrets_dir=secrets)
    assert (secrets / "w.db.serve.json").is_file() and not path.with_name("w.db.serve.json").exists()
