"""The plenary server's pages in a real browser (Debian's chromium through Playwright) against a real
`cardengine serve` process: a participant joins by the join link (read off the plenary's QR code) and votes on a
360 px phone page; the projector's plenary shows the vote without a reload, within 2 s; one device votes once
per poll, however the form is sent again; the facilitator opens and closes polls from the facilitator page; the
projector never shows the facilitator's (or the laptops') secret.

One browser and one server for the module (starting them is most of its time); each test opens its own
contexts (a context is one device: its own cookies) and its own poll, and closes that poll when it ends.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser_support import (
    PHONE,
    PROJECTOR,
    Served,
    example_copy,
    launched_browser,
    require_browser,
    serving,
)

LIVE_LIMIT_S = 2.0  # the "updates within 2 s of an action"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_browser()
    with launched_browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    require_browser()  # no server started for tests that will skip
    folder = tmp_path_factory.mktemp("serve")
    with serving(example_copy(folder)) as running:
        yield running


@pytest.fixture
def device(browser: Any) -> Iterator[Any]:
    """A factory of browser contexts (one per device), all closed when the test ends."""
    made: list[Any] = []

    def new(viewport: dict[str, int] = PHONE, **options: Any) -> Any:
        context = browser.new_context(viewport=viewport, **options)
        context.set_default_timeout(10_000)
        made.append(context)
        return context

    yield new
    for context in made:
        context.close()


class Facilitator:
    """The facilitator's page in its own context, driven through its forms."""

    def __init__(self, context: Any, served: Served):
        self.page = context.new_page()
        self.page.goto(served.facilitator)

    def open_poll(self, kind: str = "goals", max_choices: int = 3, question_it: str = "", question_en: str = "") -> str:
        page = self.page
        page.get_by_test_id("poll-kind").select_option(kind)
        page.get_by_test_id("poll-max").fill(str(max_choices))
        page.get_by_test_id("question-it").fill(question_it)
        page.get_by_test_id("question-en").fill(question_en)
        with page.expect_navigation():
            page.get_by_test_id("open-poll").click()
        page.get_by_test_id("close-poll").wait_for()
        poll: str = page.locator("#close-form input[name=poll], [data-testid=close-form] input[name=poll]").first \
            .get_attribute("value") or ""
        assert poll.startswith("Q"), page.content()
        return poll

    def close_poll(self) -> None:
        page = self.page
        with page.expect_navigation():
            page.get_by_test_id("close-poll").click()
        page.get_by_test_id("open-form").wait_for()

    def close_if_open(self) -> None:
        self.page.goto(self.page.url.split("?")[0])
        if self.page.get_by_test_id("close-poll").count():
            self.close_poll()


@pytest.fixture
def facilitator(device: Any, served: Served) -> Iterator[Facilitator]:
    fac = Facilitator(device(PHONE), served)
    yield fac
    fac.close_if_open()  # the next test may open its own: one poll open at a time


def join(context: Any, served: Served) -> Any:
    """A phone follows the join link: it lands on the vote page with its device cookie."""
    page = context.new_page()
    page.goto(served.join)
    assert page.url.endswith("/vote"), page.url
    assert any(c["name"] == "voter" for c in context.cookies()), context.cookies()
    return page


def form_fields(page: Any) -> dict[str, str]:
    """The hidden fields of the phone's vote form (what a replay would send again)."""
    fields: dict[str, str] = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('form.vote input[type=hidden]')]"
        ".map(i => [i.name, i.value]))")
    return fields


def post_vote(page: Any, fields: dict[str, str], choices: list[str]) -> int:
    """The vote form sent again from this page's browser (its cookies, same origin), as a replay would be."""
    status: int = page.evaluate(
        """async ([fields, choices]) => {
             const body = new URLSearchParams(fields);
             for (const c of choices) body.append("choice", c);
             const reply = await fetch("/vote", {method: "POST", body, redirect: "manual"});
             return reply.type === "opaqueredirect" ? 303 : reply.status;
           }""", [fields, choices])
    return status


def vote_goals(page: Any, goals: list[str]) -> float:
    """Tick `goals` on the phone's form and send it; the time (monotonic) the server acknowledged it."""
    for goal in goals:
        page.get_by_test_id(f"option-{goal}").locator("input").check()
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/vote")) as reply:
        page.get_by_test_id("vote-submit").click()
    acked = time.monotonic()
    assert reply.value.status in (200, 303), reply.value.status
    page.get_by_test_id("vote-recorded").wait_for()
    return acked


def points_on_plenary(plenary: Any) -> dict[str, int]:
    rows: dict[str, int] = plenary.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('#poll .bar-row')]"
        ".map(r => [r.dataset.option, Number(r.dataset.points)]))")
    return rows


def open_plenary(context: Any, served: Served) -> Any:
    page = context.new_page()
    page.goto(served.plenary)
    page.evaluate("() => { window.__sameDocument = true; }")  # gone if the page reloads
    return page


def wait_until_live(page: Any) -> None:
    """The page's event stream is connected (the stream sends the current state on connect)."""
    page.wait_for_function("() => document.body.hasAttribute('data-version')")


def test_participant_joins_by_the_qr_code_votes_and_the_plenary_updates_without_reload(
        device: Any, served: Served, facilitator: Facilitator) -> None:
    import zxingcpp
    from PIL import Image

    plenary = open_plenary(device(PROJECTOR), served)
    wait_until_live(plenary)
    poll = facilitator.open_poll("goals", 3, "Quali obiettivi per il distretto?", "Which goals for the district?")
    plenary.wait_for_function(f"() => document.querySelector('#poll')?.textContent.includes('{poll}')")

    # The join link as a phone's camera reads it off the projector.
    shot = plenary.get_by_test_id("join-qr").screenshot()
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert [c.text for c in codes] == [served.join]

    phone = join(device(PHONE, locale="it-IT"), served)
    assert phone.evaluate("() => document.documentElement.lang") == "it"
    phone.get_by_test_id("vote-form").wait_for()
    assert "Quali obiettivi per il distretto?" in phone.get_by_test_id("vote-form-area").inner_text()
    # 17 goals on a 360 px screen: nothing wider than the screen, no sideways scrolling.
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # No more than 3 goals: the fourth box is disabled once three are ticked.
    for goal in ("13", "7", "11"):
        phone.get_by_test_id(f"option-{goal}").locator("input").check()
    assert phone.get_by_test_id("option-6").locator("input").is_disabled()
    phone.get_by_test_id("option-11").locator("input").uncheck()

    acked = vote_goals(phone, [])  # 13 and 7 are ticked
    plenary.wait_for_function(
        "() => ['13', '7'].every(g => document.querySelector(`#poll .bar-row[data-option='${g}']`)"
        "?.dataset.points === '1')", timeout=10_000)
    delay = time.monotonic() - acked
    print(f"plenary update after a vote: {delay * 1000:.0f} ms")
    assert delay < LIVE_LIMIT_S, f"the plenary showed the vote {delay:.2f} s after it was acknowledged"
    assert plenary.evaluate("() => window.__sameDocument === true"), "the plenary reloaded instead of updating"
    assert sum(points_on_plenary(plenary).values()) == 2


def test_one_device_votes_once_however_the_form_is_sent_again(
        device: Any, served: Served, facilitator: Facilitator) -> None:
    poll = facilitator.open_poll("goals", 2)
    plenary = open_plenary(device(PROJECTOR), served)
    plenary.wait_for_function(f"() => document.querySelector('#poll')?.textContent.includes('{poll}')")

    phone_context = device(PHONE)
    phone = join(phone_context, served)
    phone.get_by_test_id("vote-form").wait_for()
    fields = form_fields(phone)
    assert fields["poll"] == poll and fields["csrf"]
    vote_goals(phone, ["3"])

    # The same device: the page, reloaded, has no form; the form replayed, or sent with other choices, is refused.
    phone.reload()
    phone.get_by_test_id("vote-recorded").wait_for()
    assert phone.get_by_test_id("vote-form").count() == 0
    assert post_vote(phone, fields, ["3"]) == 409
    assert post_vote(phone, fields, ["4"]) == 409
    # Joining again keeps the device's identity: still one vote.
    again = join(phone_context, served)
    again.get_by_test_id("vote-recorded").wait_for()
    assert post_vote(again, fields, ["5"]) == 409

    # A second context (another browser) without the join cookie cannot vote, with or without a CSRF token.
    stranger = device(PHONE).new_page()
    stranger.goto(served.base + "/vote")
    stranger.get_by_test_id("not-joined").wait_for()
    assert post_vote(stranger, fields, ["6"]) == 403
    assert post_vote(stranger, {"poll": poll}, ["6"]) == 403

    # A second context carrying a forged cookie (another voter id under the first device's signature) cannot.
    cookie = next(c for c in phone_context.cookies() if c["name"] == "voter")
    forger_context = device(PHONE)
    voter, _, mac = cookie["value"].rpartition(".")
    forger_context.add_cookies([{**cookie, "value": f"{voter}x.{mac}"}])
    forger = forger_context.new_page()
    forger.goto(served.base + "/vote")
    assert post_vote(forger, fields, ["6"]) == 403

    # A second context with a copy of the device's cookie is that device: its vote is already in.
    clone_context = device(PHONE)
    clone_context.add_cookies([cookie])
    clone = clone_context.new_page()
    clone.goto(served.base + "/vote")
    clone.get_by_test_id("vote-recorded").wait_for()
    assert post_vote(clone, fields, ["6"]) == 409

    # A new device that joins votes once; more choices than allowed are refused and change nothing.
    other = join(device(PHONE), served)
    other.get_by_test_id("vote-form").wait_for()
    other_fields = form_fields(other)
    assert post_vote(other, other_fields, ["1", "2", "3"]) == 422
    assert post_vote(other, other_fields, ["99"]) == 422
    assert post_vote(other, other_fields, ["3"]) == 303
    assert post_vote(other, other_fields, ["3"]) == 409

    plenary.wait_for_function("() => document.querySelector(`#poll .bar-row[data-option='3']`)"
                              "?.dataset.points === '2'", timeout=10_000)
    assert points_on_plenary(plenary).get("3") == 2
    assert sum(points_on_plenary(plenary).values()) == 2, points_on_plenary(plenary)


def test_the_facilitator_opens_and_closes_a_poll_and_every_page_follows_live(
        device: Any, served: Served, facilitator: Facilitator) -> None:
    phone = join(device(PHONE, locale="en-GB"), served)
    phone.get_by_test_id("vote-wait").wait_for()
    wait_until_live(phone)
    plenary = open_plenary(device(PROJECTOR), served)
    wait_until_live(plenary)

    poll = facilitator.open_poll("goals", 1, "Un obiettivo", "One goal")
    # The phone shows the new poll's form by itself (no reload), in its language.
    phone.get_by_test_id("vote-form").wait_for()
    assert "One goal" in phone.get_by_test_id("vote-form-area").inner_text()
    plenary.locator("#poll [data-testid=poll-state].open").wait_for()
    fields = form_fields(phone)
    vote_goals(phone, ["12"])

    facilitator.close_poll()
    facilitator.page.locator(f"[data-poll='{poll}'] [data-testid=poll-state].closed").wait_for()
    plenary.locator("#poll [data-testid=poll-state].closed").wait_for()
    assert plenary.evaluate("() => window.__sameDocument === true")
    # A phone that joins now finds no open poll, and a vote sent to the closed poll is refused.
    late = join(device(PHONE), served)
    late.get_by_test_id("vote-wait").wait_for()
    assert post_vote(late, {**fields, "csrf": ""}, ["12"]) == 403  # another device's CSRF token is not its own
    assert post_vote(phone, fields, ["12"]) == 409
    assert points_on_plenary(plenary).get("12") == 1

    # Neither the laptop token nor the join code opens the facilitator's page.
    secrets = served.secrets()
    for wrong in (secrets["laptop"], secrets["join"]):
        reply = facilitator.page.request.get(f"{served.base}/f/{wrong}")
        assert reply.status == 404


def test_the_projector_never_shows_the_facilitator_or_laptop_secret(
        device: Any, served: Served, facilitator: Facilitator) -> None:
    secrets = served.secrets()
    hidden = {"facilitator": secrets["facilitator"], "laptop": secrets["laptop"], "key": secrets["key"]}
    plenary = open_plenary(device(PROJECTOR), served)
    wait_until_live(plenary)
    facilitator.open_poll("goals", 2, "Obiettivi", "Goals")
    plenary.locator("#poll [data-testid=poll-state].open").wait_for()
    vote_goals(join(device(PHONE), served), ["9"])
    plenary.wait_for_function("() => document.querySelector(`#poll .bar-row[data-option='9']`)"
                              "?.dataset.points === '1'", timeout=10_000)

    # What the projector shows after a live update, and what its event stream and page carry.
    html = plenary.content()
    stream = plenary.evaluate(
        """async () => {
             const reply = await fetch("/events/plenary");
             const reader = reply.body.getReader();
             const { value } = await reader.read();
             reader.cancel();
             return new TextDecoder().decode(value);
           }""")
    assert "data:" in stream
    links = plenary.evaluate("() => [...document.querySelectorAll('[href],[src],[action]')]"
                             ".map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))")
    for name, value in hidden.items():
        assert value not in html, f"the plenary shows the {name} secret"
        assert value not in stream, f"the plenary's event stream carries the {name} secret"
    assert not [link for link in links if link.startswith(("/f/", "/sync/", "/api/")) or "/f/" in link], links
    assert secrets["join"] in html  # the join code is meant for the room


def test_the_plenary_fits_the_projector_without_scrolling(device: Any, served: Served,
                                                          facilitator: Facilitator) -> None:
    facilitator.open_poll("goals", 3)
    for size in (PROJECTOR, {"width": 1920, "height": 1080}):
        plenary = open_plenary(device(size), served)
        wait_until_live(plenary)
        plenary.locator("#poll [data-testid=poll-state].open").wait_for()
        width, height = plenary.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        assert width <= size["width"] and height <= size["height"], (size, width, height)
