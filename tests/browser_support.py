"""What the browser tests (tests/test_browser_*.py) and bench/serve.py share: a real `cardengine serve` process
over a workshop file, and Debian's chromium driven by Playwright.

Owns starting the server as a user does (a child process, `--port 0`: the server picks a free port and prints its
four addresses, which are read back here, so two runs never race for a port), waiting until it answers, and
stopping it; and launching /usr/bin/chromium through Playwright's `executable_path` with no browser download.

Where chromium (or Playwright) is missing the browser tests skip with the reason, except under
CARDENGINE_REQUIRE_BROWSER=1 (set by .ci/run, which installs chromium): there they fail, so a CI machine that
lost its browser cannot pass by skipping them all.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Debian's own build (apt install chromium), never the one `playwright install` downloads: CI installs nothing
# from outside the package registries, and the workshop laptops these pages serve run Debian's.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
# A headless test browser should reach nothing but the server under test: no updates, sync, QUIC or first-run
# pages; --no-sandbox because CI runs as root, where chromium's sandbox refuses to start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]

PHONE: ViewportSize = {"width": 360, "height": 740}
PROJECTOR: ViewportSize = {"width": 1280, "height": 720}
PROJECTOR_FULL_HD: ViewportSize = {"width": 1920, "height": 1080}

_URL = re.compile(r"https?://\S+")


def chromium_path() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"
    return None


def require_browser() -> None:
    """Skip the calling test (module) when there is no browser; fail instead under CARDENGINE_REQUIRE_BROWSER=1."""
    import pytest

    reason = browser_missing()
    if reason is None:
        return
    if os.environ.get("CARDENGINE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (CARDENGINE_REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def launched_browser() -> Iterator[Browser]:
    """One headless chromium for a test module (about 2-4 s to start); tests open their own contexts in it."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    assert executable is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Served:
    """A running `cardengine serve` and the addresses it printed."""

    process: subprocess.Popen[str]
    workshop: Path
    plenary: str
    join: str
    sync: str
    facilitator: str
    output: list[str] = field(default_factory=list)  # everything it wrote (stdout and stderr), for failure reports

    @property
    def base(self) -> str:
        return self.plenary.rsplit("/", 1)[0]

    @property
    def pid(self) -> int:
        return self.process.pid

    def secrets(self) -> dict[str, str]:
        """The sidecar the server wrote beside the workshop: join code, laptop and facilitator tokens."""
        data: dict[str, str] = json.loads(self.workshop.with_name(self.workshop.name + ".serve.json")
                                          .read_text(encoding="utf-8"))
        return data

    def log(self) -> str:
        return "".join(self.output)

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()  # uvicorn's graceful stop: the file is checkpointed and closed
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def serve_env() -> dict[str, str]:
    config = tempfile.mkdtemp(prefix="cardengine-serve-config-")  # never the user's settings
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "XDG_CONFIG_HOME": config, "CARDENGINE_LANG": "en"}


def start_serve(workshop: Path, *, host: str = "127.0.0.1", timeout: float = 30.0,
                python: str = sys.executable, cwd: Path = ROOT) -> Served:
    """Start `cardengine serve workshop --host host --port 0` and return once its plenary answers 200."""
    return Starting(workshop, host=host, python=python, cwd=cwd).wait(timeout)


class Starting:
    """A `cardengine serve` process on its way up: start it, do something else (launch a browser), then wait."""

    def __init__(self, workshop: Path, *, host: str = "127.0.0.1", python: str = sys.executable, cwd: Path = ROOT):
        self.workshop = workshop
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [python, "-m", "cardengine", "serve", str(workshop), "--host", host, "--port", "0"], cwd=cwd,
            env=serve_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
        self.output: list[str] = []
        self.urls: dict[str, str] = {}
        self.found = threading.Event()
        for stream, parse in ((self.process.stdout, True), (self.process.stderr, False)):
            threading.Thread(target=self._read, args=(stream, parse), daemon=True).start()

    def _read(self, stream: Any, parse: bool) -> None:
        # Drained for the server's whole life: a full pipe would block its writes (and so its requests).
        for line in stream:
            self.output.append(line)
            if parse:
                for url in _URL.findall(line):
                    self.urls.setdefault(_role(url), url)
                if all(k in self.urls for k in ("plenary", "join", "sync", "facilitator")):
                    self.found.set()

    def wait(self, timeout: float = 30.0) -> Served:
        process, output, urls = self.process, self.output, self.urls
        deadline = self.started + timeout
        while not self.found.wait(0.05):
            if process.poll() is not None or time.monotonic() > deadline:
                _give_up(process, output, "did not print its four addresses")
        served = Served(process, self.workshop, urls["plenary"], urls["join"], urls["sync"], urls["facilitator"],
                        output)
        while not _answers(served.plenary):
            if process.poll() is not None or time.monotonic() > deadline:
                _give_up(process, output, "printed its addresses but its plenary does not answer")
            time.sleep(0.05)
        return served


def _role(url: str) -> str:
    path = url.split("://", 1)[1].partition("/")[2]
    first = path.split("/", 1)[0]
    return {"plenary": "plenary", "j": "join", "sync": "sync", "f": "facilitator"}.get(first, url)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _give_up(process: subprocess.Popen[str], output: list[str], what: str) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)
    time.sleep(0.1)  # the reader threads take the last lines
    raise RuntimeError(f"cardengine serve {what} (exit {process.returncode}):\n{''.join(output)}")


@contextlib.contextmanager
def serving(workshop: Path, **kwargs: Any) -> Iterator[Served]:
    served = start_serve(workshop, **kwargs)
    try:
        yield served
    finally:
        served.stop()


def example_copy(folder: Path, name: str = "trezzano-2021-09-28.db") -> Path:
    """A copy of one of the example workshops (examples/README.md): real content (tables, picks, scores,
    proposals) the server may write into, never the example itself."""
    target = folder / name
    shutil.copyfile(EXAMPLES / name, target)
    return target
