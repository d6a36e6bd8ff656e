"""`cardengine serve --url`: the address phones and laptops open when it is not this machine's own (a name such as
plenaria.local, a router forwarding a port): printed, shown on the plenary and put in its QR code. A --url the
phones could not open is refused before anything starts: one line, exit 2."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.browser_support import example_copy, serve_env, stop_process
from tests.conftest import ROOT, run_here


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_url_given_is_printed_shown_on_the_plenary_and_in_its_qr_code(tmp_path: Path) -> None:
    from cardengine.serve.pages import qr_svg

    path = example_copy(tmp_path)
    port = free_port()
    url = f"http://plenaria.local:{port}"
    process = subprocess.Popen([sys.executable, "-m", "cardengine", "serve", str(path), "--port", str(port),
                                "--url", url + "/"], cwd=ROOT, env=serve_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert process.stdout is not None
        printed = [process.stdout.readline() for _ in range(4)]
        assert [line.split(":", 1)[0] for line in printed] == [
            "plenary (projector)", "join (participants)", "laptop sync URL", "facilitator (secret)"]
        for line in printed:
            assert line.split()[-1].startswith(url + "/"), line  # the trailing slash given is not doubled
        join = printed[1].split()[-1]
        deadline = time.monotonic() + 30
        while True:  # the server answers on this machine's loopback, whatever address it tells the phones
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/plenary", timeout=5).text
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and process.poll() is None, process.stderr
                time.sleep(0.1)
        assert join.removeprefix(url + "/j/") in page and qr_svg(join) in page
        assert "127.0.0.1" not in page
    finally:
        stop_process(process)


@pytest.mark.parametrize("url, says", [
    ("ftp://plenaria.local", "--url takes the address phones open"),
    ("plenaria.local:8000", "--url takes the address phones open"),
    ("http://plenaria.local:99999", "--url takes the address phones open"),
    ('http://plenaria.local"><script>alert(1)</script>', "--url is the server's address only"),
    ('http://plenaria"<b>', "--url takes the address phones open"),
    ("http://plenaria local:8000", "--url takes the address phones open"),
    ("http://-plenaria.local:8000", "--url takes the address phones open"),
    ("http://plenaria.local:8000/plenary", "--url is the server's address only"),
    ("http://user:pw@plenaria.local:8000", "--url is the server's address only"),
])
def test_a_url_phones_could_not_open_is_refused_before_anything_starts(tmp_path: Path, url: str, says: str) -> None:
    path = example_copy(tmp_path)
    before = path.read_bytes()
    run = run_here("serve", path, "--port", "0", "--url", url)
    assert run.returncode == 2
    assert run.stderr.startswith(f"cardengine: error: {says}") and url in run.stderr
    assert len(run.stderr.splitlines()) == 1 and run.stdout == ""
    assert path.read_bytes() == before and not list(tmp_path.glob("*.serve.json"))


def test_a_host_name_with_accents_or_capitals_is_written_as_phones_open_it() -> None:
    from cardengine.cli.serve import public_url

    assert public_url("http://plenària.local:8000/") == ("http://xn--plenria-cwa.local:8000", "")
    assert public_url("HTTP://Plenaria.Local") == ("http://plenaria.local", "")
    assert public_url("http://[::1]:8000") == ("http://[::1]:8000", "")
