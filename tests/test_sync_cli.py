"""`cardengine session sync W.db URL [--watch]` and `cardengine tui W.db --sync URL` as a user types them.

A bad URL is refused before anything starts (exit 2, one line); one round exits 0 when the laptop's file and the
server's are in step, 1 when the server cannot be reached or refuses, saying why and what waits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli
from .sync_support import SyncServer, copies, ids, make_workshop, wait_until


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    server = make_workshop(tmp_path / "server.db")
    (laptop,) = copies(server, "laptop")
    return server, laptop


@pytest.mark.parametrize("command", [("session", "sync", "{laptop}", "http://127.0.0.1/j/abcdefgh12"),
                                     ("tui", "{laptop}", "--sync", "127.0.0.1:8000"),
                                     ("tui", "--sync", "http://127.0.0.1:8000/sync/abcdefgh12")])
def test_a_bad_url_or_no_file_is_refused_before_anything_starts(files, command):
    _, laptop = files
    before = ids(laptop)
    done = run_cli(*(part.format(laptop=laptop) for part in command))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and ("sync URL" in done.stderr or "needs the workshop file"
                                                   in done.stderr), done.stderr
    assert ids(laptop) == before


def test_one_round_then_unreachable_then_another_workshop(files, tmp_path):
    server_file, laptop = files
    assert run_cli("session", "pick", laptop, "--table", "Nord", "EN-01").returncode == 0
    with SyncServer(server_file) as server:
        done = run_cli("session", "sync", laptop, server.url)
        assert (done.returncode, done.stderr) == (0, "")
        assert "in step with http://127.0.0.1" in done.stdout and "1 event sent, 0 received" in done.stdout
        url = server.url
    assert set(ids(laptop)) == set(ids(server_file))
    assert run_cli("session", "pick", laptop, "--table", "Nord", "EN-02").returncode == 0
    done = run_cli("session", "sync", laptop, url)  # the server is gone
    assert done.returncode == 1
    assert "cannot reach http://127.0.0.1" in done.stderr and "nothing was sent or received" in done.stderr
    with SyncServer(make_workshop(tmp_path / "other.db")) as other:
        done = run_cli("session", "sync", laptop, other.url)
    assert done.returncode == 1 and "another workshop" in done.stderr
    assert "Traceback" not in done.stderr


def test_watch_keeps_in_step_until_ctrl_c(files):
    server_file, laptop = files
    with SyncServer(server_file) as server:
        env = {**os.environ, "CARDENGINE_LANG": "en", "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen([sys.executable, "-m", "cardengine", "session", "sync", str(laptop), server.url,
                                 "--watch"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        try:
            assert "in step with" in (proc.stdout.readline() if proc.stdout else "")
            assert run_cli("session", "pick", laptop, "--table", "Sud", "EN-03").returncode == 0
            wait_until(lambda: set(ids(laptop)) <= set(ids(server_file)), what="the pick on the server")
        finally:
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
