"""The laptop's sync client (cardengine.sync.SyncClient) against a real sync server process on real files.

Two laptops record at their tables while a client on each keeps their files in step with the server's; the
server is killed (SIGKILL) and started again; a laptop offline the whole time syncs in one round at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cardengine.sessions import Store, Workshop, wal_of
from cardengine.sync import ProtocolError, SyncClient

from .sync_support import SyncServer, copies, ids, make_workshop, wait_until


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    server = make_workshop(tmp_path / "server.db")
    a, b = copies(server, "a", "b")
    return server, a, b


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


def test_a_server_whose_file_went_back_gets_everything_again(files):
    server, a, _ = files
    backup = server.parent / "backup.db"
    with Store.open(server) as store:
        store.copy_to(backup)
    with Workshop.open(a) as w:
        w.pick("Nord", "EN-01")
    with SyncServer(server) as s:
        assert SyncClient(a, s.url).sync_once().state == "ok"
        client = SyncClient(a, s.url, interval=0.2).start()
        try:
            wait_until(lambda: client.status().state == "ok", what="in step")
            s.kill()  # the box's disk is restored from the backup taken before the pick
            for leftover in (server, wal_of(server), server.with_name(server.name + "-shm")):
                leftover.unlink(missing_ok=True)
            backup.rename(server)
            assert not set(ids(a)) <= set(ids(server))
            s.start()
            wait_until(lambda: set(ids(a)) <= set(ids(server)), what="the pick pushed again")
        finally:
            client.stop()


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


def test_a_client_started_again_knows_what_the_server_has_and_counts_only_that(files):
    server, a, _ = files
    s = SyncServer(server).start()
    try:
        with Workshop.open(a) as w:
            w.pick("Nord", "EN-01")
        assert SyncClient(a, s.url).sync_once().state == "ok"  # the server has all of a's events now
        s.kill()
        with Workshop.open(a) as w:  # the note-taker goes on while the server is away
            w.pick("Nord", "EN-02")
            w.pick("Nord", "EN-03")
        # The app started again, still offline: two events wait, not the whole file.
        status = SyncClient(a, s.url).sync_once()
        assert (status.state, status.waiting) == ("offline", 2)
        assert status.last_ok is not None  # when it was last reached: the app says "offline, 2 waiting"
        state = (a.parent / "a.db.sync.json").read_text(encoding="utf-8")
        assert "/sync/" not in state and s.url.rsplit("/", 1)[1] not in state  # never the laptop's token
        s.start()
        client = SyncClient(a, s.url)
        status = client.sync_once()
        assert (status.state, status.waiting, client.sent) == ("ok", 0, 2)
        assert set(ids(a)) <= set(ids(server))
    finally:
        s.kill()


def test_a_state_file_that_does_not_match_is_set_aside(files, tmp_path):
    server, a, _ = files
    everything = len(ids(a))
    earlier = tmp_path / "earlier.db"
    with Store.open(a) as store:  # a copy of the laptop's file before its last pick
        store.copy_to(earlier)
    with Workshop.open(a) as w:
        w.pick("Nord", "EN-01")
    with SyncServer(server) as s:
        assert SyncClient(a, s.url).sync_once().state == "ok"
        url = s.url
    state = a.parent / "a.db.sync.json"
    kept = state.read_bytes()
    # Another server (its address): nothing is known of it, so every event of the file waits for it.
    assert SyncClient(a, url.replace("127.0.0.1", "localhost")).sync_once().waiting == everything + 1
    # The file back to the earlier copy, beside the state of the later file: set aside, every event waits
    # again (trusted, it would have said nothing waits, and an event made now might never have been sent).
    for leftover in (a, wal_of(a), a.with_name(a.name + "-shm")):
        leftover.unlink(missing_ok=True)
    earlier.rename(a)
    state.write_bytes(kept)
    assert SyncClient(a, url).sync_once().waiting == everything
