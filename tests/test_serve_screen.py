"""The plenary on a real projector's screen: Debian's chromium (Playwright, no browser download) at 1920x1080 and
1280x720 over `cardengine serve`, with four tables and a poll: the page never scrolls and no panel hides content
(a panel that would overflow shrinks its font instead); the phone page at 360 px never scrolls sideways."""

from __future__ import annotations

import os
import shutil

import pytest

from cardengine.sessions import Workshop

from .serve_support import example_copy, server

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CARDENGINE_REQUIRE_BROWSER"),
                                reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def urls(tmp_path_factory: pytest.TempPathFactory):
    path = example_copy(tmp_path_factory.mktemp("screen"))
    with Workshop.open(path) as w:  # a fourth table with long words, and a poll with votes
        table = w.add_table("Area ovest, lungo il Naviglio e oltre la ferrovia", area="Zona commerciale e cascine")
        cards = list(w.state.cards)[:12]
        w.pick_all(table, cards)
        for card in cards[:4]:
            w.pick(table, card, "favourite")
        w.propose(table, "Una proposta dal titolo molto lungo che deve andare a capo senza perdere parole", cards[:3])
        w.set_priorities(table, ["energy", "mobility", "climate"])
        w.open_poll("goals", None, 3, {"it": "Quali obiettivi per il distretto?"})
        for n in range(25):
            w.vote("Q1", f"p{n}", list(dict.fromkeys([str(1 + n % 17), str(1 + (n * 7) % 17)])))
    with server(path) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_the_plenary_fits_the_projector_without_scrolling_or_hiding_content(urls, browser, width: int,
                                                                             height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(urls["plenary"])
        page.wait_for_function("document.querySelectorAll('[data-fit]').length > 0")
        page.wait_for_timeout(300)
        assert page.evaluate("document.documentElement.scrollHeight") <= height
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        hidden = page.evaluate("Array.from(document.querySelectorAll('[data-fit]'))"
                               ".filter(e => e.scrollHeight > e.clientHeight + 1).map(e => e.id || e.dataset.table)")
        assert hidden == []
        assert page.locator("[data-testid^=table-]").count() == 4
        assert page.get_by_test_id("join-code").is_visible() and page.get_by_test_id("poll-bars").is_visible()
    finally:
        page.close()


def test_the_phone_page_fits_360_px(urls, browser) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="it-IT")
    try:
        page = context.new_page()
        page.goto(urls["join"])
        page.get_by_test_id("vote-form").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
