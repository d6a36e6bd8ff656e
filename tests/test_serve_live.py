"""`cardengine serve` as a real process (uvicorn on a free port): the four addresses it prints, its live stream
(an event written by another program reaches the plenary's server-sent events within 2 s), a restart after
SIGKILL that serves the same state with the same secrets, and the clear refusals of a bad file or a busy port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from cardengine.sessions import Workshop

from .serve_support import example_copy

ENV = {**os.environ, "CARDENGINE_LANG": "en", "PYTHONIOENCODING": "utf-8"}


@contextmanager
def server(path: Path, *args: str) -> Iterator[dict[str, str]]:
    """`cardengine serve path --port 0`; its printed addresses by name (plenary, join, laptop, facilitator)."""
    proc = subprocess.Popen([sys.executable, "-m", "cardengine", "serve", str(path), "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        lines = [proc.stdout.readline() for _ in range(4)] if proc.stdout else []
        assert all(lines), proc.stderr.read() if proc.stderr else ""
        urls = dict(zip(("plenary", "join", "laptop", "facilitator"), (line.split()[-1] for line in lines),
                        strict=True))
        urls["base"] = urls["plenary"].rsplit("/", 1)[0]
        urls["pid"] = str(proc.pid)
        yield urls
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def first_data_with(url: str, needle: str, deadline: float, ready: list[bool]) -> float | None:
    """Seconds from now until the stream at `url` sends a message holding `needle` (None by `deadline`)."""
    with httpx.stream("GET", url, timeout=httpx.Timeout(5.0, read=deadline)) as response:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        ready.append(True)
        start = time.monotonic()
        for line in response.iter_lines():
            if line.startswith("data:") and needle in line:
                return time.monotonic() - start
            if time.monotonic() - start > deadline:
                return None
    return None


def test_it_prints_four_addresses_and_serves_the_plenary(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    with server(path) as urls:
        assert urls["plenary"].startswith("http://127.0.0.1:")
        assert "/j/" in urls["join"] and "/sync/" in urls["laptop"] and "/f/" in urls["facilitator"]
        page = httpx.get(urls["plenary"], timeout=10)
        assert page.status_code == 200 and "Area nord" in page.text
        assert httpx.get(urls["laptop"], timeout=10).json()["workshop_id"]


def test_an_event_written_by_another_program_reaches_the_live_stream_within_2_seconds(tmp_path: Path) -> None:
    import threading

    path = example_copy(tmp_path)
    with server(path) as urls:
        ready: list[bool] = []
        result: list[float | None] = []
        listener = threading.Thread(target=lambda: result.append(
            first_data_with(f"{urls['base']}/events/plenary?v=0", "Tavolo arrivato", 10.0, ready)))
        listener.start()
        for _ in range(100):
            if ready:
                break
            time.sleep(0.05)
        time.sleep(0.3)  # the stream is waiting for news
        with Workshop.open(path) as w:  # another program: the note-taker's app, a `session` command
            w.add_table("Tavolo arrivato")
        listener.join(15)
    assert result and result[0] is not None and result[0] < 2.0, result


def test_after_sigkill_a_restart_serves_the_same_state_with_the_same_secrets(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    with server(path) as first:
        with Workshop.open(path) as w:
            w.add_table("Tavolo prima del crollo")
        os.kill(int(first["pid"]), signal.SIGKILL)
    with server(path) as second:
        secrets = ("join", "laptop", "facilitator")  # the paths: the port is a new free one
        assert [second[k].split("/", 3)[3] for k in secrets] == [first[k].split("/", 3)[3] for k in secrets]
        assert "Tavolo prima del crollo" in httpx.get(second["plenary"], timeout=10).text


def test_a_busy_port_and_a_missing_file_are_refused_with_one_line_and_exit_2(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        taken = subprocess.run([sys.executable, "-m", "cardengine", "serve", str(path), "--port", str(port)],
                               capture_output=True, text=True, env=ENV, timeout=60)
    missing = subprocess.run([sys.executable, "-m", "cardengine", "serve", str(tmp_path / "none.db"), "--port", "0"],
                             capture_output=True, text=True, env=ENV, timeout=60)
    assert taken.returncode == 2 and taken.stderr.count("\n") == 1 and "in use" in taken.stderr
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "does not exist" in missing.stderr
    assert not (tmp_path / "none.db.serve.json").exists()
    assert taken.stdout == missing.stdout == ""


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_listening_on_every_network_prints_this_machines_address_not_0_0_0_0(tmp_path: Path, host: str) -> None:
    with server(example_copy(tmp_path), "--host", host) as urls:
        assert "0.0.0.0" not in urls["plenary"]


def test_a_server_killed_in_the_middle_of_voting_loses_no_acknowledged_vote(tmp_path: Path) -> None:
    import json
    import re
    import sqlite3
    import threading

    path = example_copy(tmp_path)
    with Workshop.open(path) as w:
        w.open_poll("goals", None, 2)
    acknowledged: list[str] = []
    with server(path) as urls:
        stop = threading.Event()

        def phone(n: int) -> None:
            with httpx.Client(base_url=urls["base"], follow_redirects=False, timeout=10) as client:
                try:
                    client.get(urls["join"].replace(urls["base"], ""))
                    page = client.get("/vote").text
                    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
                    if csrf is None or stop.is_set():
                        return
                    voted = client.post("/vote", data={"csrf": csrf.group(1), "poll": "Q1",
                                                       "choice": [str(1 + n % 17)]})
                    if voted.status_code == 303:  # acknowledged: it must be in the file, whatever happens next
                        acknowledged.append(client.cookies["voter"].rpartition(".")[0])
                except httpx.HTTPError:
                    pass  # the server died under this phone: its vote was not acknowledged

        phones = [threading.Thread(target=phone, args=(n,)) for n in range(40)]
        for t in phones:
            t.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 10 and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(int(urls["pid"]), signal.SIGKILL)
        stop.set()
        for t in phones:
            t.join(15)
    assert len(acknowledged) >= 10
    with sqlite3.connect(path) as conn:
        voters = [json.loads(p)["voter"] for (p,) in conn.execute("SELECT payload FROM events WHERE kind = 'vote'")]
    assert set(acknowledged) <= set(voters) and len(voters) == len(set(voters))
    with server(path) as again:  # restarted: the same results
        plenary = httpx.get(again["plenary"], timeout=10).text
    assert f"votanti: {len(voters)}" in plenary
