"""Make the README's screenshots of `cardengine serve`: the plenary on a projector (1920x1080 and 1280x720) and a
participant's phone (360x740, Italian), in headless chromium (Debian's, through Playwright).

A copy of an example workshop (three tables) is served by a real `cardengine serve`; the facilitator opens a
goals poll through the facilitator page's form and 27 participants vote through the phone page's form, so the
plenary shows every table and the poll's results as they would be mid-plenary.

    .venv/bin/python docs/make_serve_images.py [--out docs/images] [--workshop abbiategrasso-2022-05-18.db]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_support import (  # noqa: E402
    PHONE,
    PROJECTOR,
    PROJECTOR_FULL_HD,
    example_copy,
    launched_browser,
    serving,
)

CSRF = re.compile(r'name="csrf" value="([^"]*)"')
POLL = re.compile(r'name="poll" value="([^"]*)"')
# The goals a district's participants lean to (climate, cities, energy, work...): a plausible spread of 27 votes.
GOALS = {"13": 9, "11": 8, "7": 6, "12": 5, "8": 5, "3": 4, "6": 3, "9": 3, "15": 2, "4": 2, "17": 1, "5": 1}


def open_poll(facilitator: str) -> None:
    with httpx.Client(timeout=30) as client:
        page = client.get(facilitator).text
        csrf = CSRF.search(page)
        assert csrf, page[:300]
        reply = client.post(facilitator + "/open", data={
            "csrf": csrf.group(1), "kind": "goals", "max": "3",
            "question_it": "Su quali obiettivi deve puntare il distretto da qui al 2030?",
            "question_en": "Which goals should the district aim for by 2030?"})
        assert reply.status_code in (200, 303), reply.text[:300]


def on_loopback(url: str) -> str:
    scheme, _, rest = url.partition("://")
    port_and_path = rest.split(":", 1)[1]
    return f"{scheme}://127.0.0.1:{port_and_path}"


def vote(join: str, rng: random.Random, voters: int) -> None:
    goals, weights = list(GOALS), list(GOALS.values())
    for n in range(voters):
        # Each phone from its own loopback address, as phones on the room's Wi-Fi each have their own.
        transport = httpx.HTTPTransport(local_address=f"127.0.3.{n + 1}")
        with httpx.Client(timeout=30, transport=transport) as client:
            page = client.get(join, follow_redirects=True)
            csrf, poll = CSRF.search(page.text), POLL.search(page.text)
            assert csrf and poll, page.text[:300]
            chosen: list[str] = []
            while len(chosen) < rng.choice((2, 3, 3)):
                goal = rng.choices(goals, weights)[0]
                if goal not in chosen:
                    chosen.append(goal)
            reply = client.post(page.url.join("/vote"), data={"csrf": csrf.group(1), "poll": poll.group(1),
                                                              "choice": chosen})
            assert reply.status_code == 303, reply.text[:300]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--workshop", default="abbiategrasso-2022-05-18.db", help="an example in examples/")
    parser.add_argument("--voters", type=int, default=27)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    # On every network of the machine, as in a room: the plenary shows the join address phones on the Wi-Fi open
    # (this machine's), not 127.0.0.1. The simulated phones reach it on the loopback, each from its own address.
    with tempfile.TemporaryDirectory(prefix="cardengine-shots-") as folder, \
            serving(example_copy(Path(folder), args.workshop), host="0.0.0.0") as served, launched_browser() as browser:
        open_poll(served.facilitator)
        vote(on_loopback(served.join), random.Random(15), args.voters)
        for size, name in ((PROJECTOR_FULL_HD, "plenary-1920x1080.png"), (PROJECTOR, "plenary-1280x720.png")):
            context = browser.new_context(viewport=size, locale="it-IT")
            page = context.new_page()
            page.goto(served.plenary)
            page.wait_for_function("() => document.body.hasAttribute('data-version')")  # live, as on the day
            page.screenshot(path=args.out / name)
            context.close()
        # The phone: a participant who has just joined, with the poll's form (Italian, as the workshop).
        context = browser.new_context(viewport=PHONE, locale="it-IT", device_scale_factor=2, is_mobile=True,
                                      has_touch=True)
        page = context.new_page()
        page.goto(served.join)
        page.get_by_test_id("vote-form").wait_for()
        for goal in ("13", "11"):
            page.get_by_test_id(f"option-{goal}").locator("input").check()
        page.evaluate("() => window.scrollTo(0, 0)")  # ticking scrolled the boxes into view: show the question
        page.screenshot(path=args.out / "phone-vote.png")
        with page.expect_navigation():
            page.get_by_test_id("option-7").locator("input").check()
            page.get_by_test_id("vote-submit").click()
        page.get_by_test_id("vote-recorded").wait_for()
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=args.out / "phone-results.png")
        context.close()
    for name in ("plenary-1920x1080.png", "plenary-1280x720.png", "phone-vote.png", "phone-results.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
