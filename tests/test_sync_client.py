"""The laptop's sync client (cardengine.sync.SyncClient) against a real sync server process on real files.

Two laptops record at their tables while a client on each keeps their files in step with the server's; the
server is killed (SIGKILL) and started again; a laptop offline the whole time syncs in one round at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cardengine.sessions import Workshop
from cardengine.sync import ProtocolError, SyncClient

from .sync_support import SyncServer, copies, ids, make_workshop, wait_until


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    server = make_workshop(tmp_path / "server.db")
    a, b = copies(server, "a", "b")
    return server, a, b


def test_one_round_pushes_and_pulls(files):
    server, a, b = files
    with Workshop.open(a) as w:
        w.pick("Nord", "EN-01")
    with Workshop.open(b) as w:
        w.pick("Sud", "EN-02")
    with SyncServer(server) as s:
        status = SyncClient(a, s.url).sync_once()
        assert (status.state, status.waiting) == ("ok", 0) and status.last_ok
        assert SyncClient(b, s.url).sync_once().state == "ok"
        assert SyncClient(a, s.url).sync_once().state == "ok"  # a takes b's pick
    assert sorted(ids(server)) == sorted(ids(a)) == sorted(ids(b))
    assert len(ids(server)) == len(set(ids(server)))
    with Workshop.open(a) as w:
        assert set(w.state.tables[w.table_id("Sud")].picks) == {"EN-02"}


def test_offline_events_wait_and_go_when_the_server_returns(files):
    server, a, b = files
    s = SyncServer(server).start()
    s.kill()  # the laptop has its URL; the server is not up yet
    client = SyncClient(a, s.url, interval=0.2).start()
    try:
        with Workshop.open(a) as w:
            w.pick("Nord", "EN-01")
            w.pick("Nord", "EN-02")
            wait_until(lambda: client.rounds > 0 and client.status().state == "offline", what="offline")
            assert "Connection refused" in client.status().message  # the reason, as the system gives it
            s.start()
            wait_until(lambda: client.status().state == "ok" and client.status().waiting == 0, what="synced")
            assert set(ids(a)) <= set(ids(server))
            # The server killed mid-session: what it acknowledged stays; what comes meanwhile waits.
            s.kill()
            w.pick("Nord", "EN-03")
            wait_until(lambda: client.status().state == "offline" and client.status().waiting == 1,
                       what="offline, 1 waiting")
            s.start()
            wait_until(lambda: client.status().state == "ok" and client.status().waiting == 0, what="synced again")
        # Another laptop's events arrive in this one's file.
        assert SyncClient(b, s.url).sync_once().state == "ok"
        wait_until(lambda: set(ids(b)) <= set(ids(a)), what="b's events in a")
        assert client.status().state == "ok"
    finally:
        client.stop()
        s.kill()
    assert sorted(ids(server)) == sorted(set(ids(a)))
    assert len(ids(server)) == len(set(ids(server)))


def test_a_server_of_another_workshop_or_a_wrong_token_is_a_refusal(files, tmp_path):
    _, a, _ = files
    other = make_workshop(tmp_path / "other.db")
    with SyncServer(other) as s:
        status = SyncClient(a, s.url).sync_once()
        assert status.state == "refused" and "another workshop" in status.message
        status = SyncClient(a, s.url.rsplit("/", 1)[0] + "/not-the-token").sync_once()
        assert status.state == "refused" and "403" in status.message
    assert len(ids(other)) == 3  # nothing of a's went in
    assert "wrong laptop token" in status.message


def test_a_bad_url_is_refused_before_anything_starts(files):
    _, a, _ = files
    with pytest.raises(ProtocolError, match="not a sync URL"):
        SyncClient(a, "localhost:8000")
