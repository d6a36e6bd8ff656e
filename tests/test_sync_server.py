"""The server's answers to a laptop's pull and push (cardengine.sync.server) on real workshop files.

Two laptops are copies of one workshop file (`session copy`), each recording at its own table; their events
reach the server's file by push, come back by pull, are refused when they break the workshop's rules or
belong to another workshop, and are never stored twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardengine.sessions import Event, Store, Workshop, WorkshopInfo
from cardengine.sync import event_from_dict, event_to_dict, pull_response, push_response
from cardengine.sync.protocol import PAGE, ProtocolError, parse_sync_url

from .tui_support import bundled


def make_workshop(path: Path, tables: tuple[str, ...] = ("Nord", "Sud")) -> Path:
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), *bundled()) as w:
        for name in tables:
            w.add_table(name)
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    server = make_workshop(tmp_path / "server.db")
    laptops = []
    for name in ("a", "b"):
        with Store.open(server) as store:
            store.copy_to(tmp_path / f"{name}.db")
        laptops.append(tmp_path / f"{name}.db")
    return server, laptops[0], laptops[1]


def body(path: Path) -> dict:
    with Workshop.open(path) as w:
        # Through JSON, as it travels.
        return json.loads(json.dumps({"workshop_id": w.state.id, "events": [event_to_dict(e) for e in w.events]}))


def ids(path: Path) -> list[str]:
    with Store.open(path) as store:
        return [e.id for e in store.events()]


def test_push_adds_the_new_events_once_and_pull_returns_them_with_their_seq(files):
    server, a, b = files
    with Workshop.open(a) as w:
        w.pick("Nord", "EN-01")
        w.score("Nord", "EN-01", "technical", 4)
    with Workshop.open(b) as w:
        w.pick("Sud", "EN-02")
    with Store.open(server) as store:
        before = store.count()
        assert push_response(store, body(a)) == (200, {"added": 2, "last": before + 2})
        assert push_response(store, body(a)) == (200, {"added": 0, "last": before + 2})  # idempotent
        assert push_response(store, body(b)) == (200, {"added": 1, "last": before + 3})
        answer = pull_response(store, before)
        assert [e["kind"] for e in answer["events"]] == ["pick", "score", "pick"]
        assert [e["seq"] for e in answer["events"]] == [before + 1, before + 2, before + 3]
        assert answer["last"] == before + 3
        assert pull_response(store, before + 3) == {"workshop_id": answer["workshop_id"], "events": [],
                                                    "last": before + 3}
        assert pull_response(store, before + 50)["last"] == 0  # the file went back: the laptop starts again
    assert sorted(ids(server)) == sorted(set(ids(a)) | set(ids(b)))
    with Workshop.open(server) as w:
        assert set(w.state.tables[w.table_id("Nord")].picks) == {"EN-01"}
        assert set(w.state.tables[w.table_id("Sud")].picks) == {"EN-02"}


def test_pull_answers_in_pages(files):
    server, a, _ = files
    with Workshop.open(a) as w:
        table = w.table_id("Nord")
        for _ in range(PAGE // 2 + 10):  # picks and undos: many events, few cards
            w.pick(table, "EN-01")
            w.undo(table)
    with Store.open(server) as store:
        assert push_response(store, body(a))[0] == 200
        first = pull_response(store, 0)
        assert len(first["events"]) == PAGE and first["last"] == PAGE
        second = pull_response(store, first["last"])
        assert len(second["events"]) == store.count() - PAGE


def test_one_invalid_event_refuses_the_whole_push(files):
    server, a, _ = files
    with Workshop.open(a) as w:
        w.pick("Nord", "EN-01")
    sent = body(a)
    bad = dict(sent["events"][-1], id="bad-1", payload={"card": "ZZ-99", "kind": "selected", "round": 1})
    sent["events"].append(bad)
    with Store.open(server) as store:
        before = store.count()
        status, answer = push_response(store, sent)
        assert status == 422
        assert "ZZ-99" in answer["error"] and "bad-1" in answer["error"]
        assert store.count() == before  # nothing of it saved, the good pick neither


def test_an_event_whose_id_is_taken_by_other_contents_is_refused(files):
    server, a, _ = files
    sent = body(a)
    sent["events"][-1]["payload"] = {**sent["events"][-1]["payload"], "area": "elsewhere"}
    with Store.open(server) as store:
        status, answer = push_response(store, sent)
    assert status == 422 and "other contents" in answer["error"]


def test_another_workshop_is_refused_with_409(files, tmp_path):
    server, _, _ = files
    other = make_workshop(tmp_path / "other.db")
    with Store.open(server) as store:
        before = store.count()
        status, answer = push_response(store, body(other))
        assert status == 409 and "another workshop" in answer["error"]
        # Its id claimed, but its own `workshop.created` inside: refused too.
        forged = body(other)
        forged["workshop_id"] = store.workshop_id()
        assert push_response(store, forged)[0] == 409
        assert store.count() == before


@pytest.mark.parametrize(("change", "words"), [
    (lambda e: e.pop("payload"), "missing field(s): payload"),
    (lambda e: e.update(extra=1), "unknown field(s): extra"),
    (lambda e: e.update(id=7), "'id' must be non-empty text"),
    (lambda e: e.update(id="x" * 201), "'id' must be non-empty text"),
    (lambda e: e.update(at="yesterday"), "not an ISO 8601 time"),
    (lambda e: e.update(kind="vote.stolen"), "unknown kind"),
    (lambda e: e.update(table=["Nord"]), "'table' must be text or null"),
    (lambda e: e.update(payload=[1]), "'payload' must be a mapping"),
    (lambda e: e.update(payload={"a": float("nan")}), "not plain JSON"),
    (lambda e: e.update(payload={"a": "x" * 1_000_001}), "too big"),
])
def test_a_malformed_event_dict_is_refused_with_what_is_wrong(files, change, words):
    server, a, _ = files
    with Workshop.open(a) as w:
        w.pick("Nord", "EN-01")
        picked = event_to_dict(w.events[-1])
    change(picked)
    with pytest.raises(ProtocolError, match=r"event 1\b") as caught:
        event_from_dict(picked)
    assert words in str(caught.value)
    with Store.open(server) as store:
        before = store.count()
        status, answer = push_response(store, {"workshop_id": store.workshop_id(), "events": [picked]})
        assert status == 422 and words in answer["error"]
        assert store.count() == before


def test_a_deeply_nested_payload_is_refused():
    nested: object = "x"
    for _ in range(100):
        nested = [nested]
    with pytest.raises(ProtocolError, match="nested"):
        event_from_dict({"id": "e", "at": "2021-07-27T10:00:00", "origin": "o", "kind": "pick",
                         "table": "nord", "payload": {"a": nested}})


@pytest.mark.parametrize("body_", [None, [], {"events": []}, {"workshop_id": 3, "events": []},
                                   {"workshop_id": "w"}, {"workshop_id": "w", "events": {}}])
def test_a_push_body_not_in_shape_is_refused(files, body_):
    server, _, _ = files
    with Store.open(server) as store:
        status, answer = push_response(store, body_)
    assert status in (400, 422) and answer["error"]


def test_the_event_dict_round_trips():
    event = Event("id-1", "2021-07-27T10:00:00.000000+00:00", "o", "pick", "nord",
                  {"card": "EN-01", "kind": "selected", "round": 1}, seq=5)
    assert event_from_dict(event_to_dict(event, seq=True)) == Event(*[getattr(event, f) for f in (
        "id", "at", "origin", "kind", "table", "payload")])


@pytest.mark.parametrize("url", ["http://10.0.0.2:8000/sync/abcdefgh12", "https://box.local/sync/abc-def_123",
                                 "http://[::1]:9000/sync/abcdefgh12/"])
def test_a_sync_url_gives_the_server_and_the_token(url):
    target = parse_sync_url(url)
    assert target.endpoint("pull").endswith("/api/sync/pull") and target.token.startswith("abc")
    assert "/sync/" not in target.base


@pytest.mark.parametrize("url", ["", "10.0.0.2:8000/sync/abcdefgh12", "ftp://h/sync/abcdefgh12",
                                 "http://h:port/sync/abcdefgh12", "http://h/j/abcdefgh12", "http://h/sync/",
                                 "http://h/sync/short", "http://h/sync/abcdefgh12?x=1", "http:///sync/abcdefgh12"])
def test_a_bad_sync_url_is_refused_saying_what_one_looks_like(url):
    with pytest.raises(ProtocolError, match=r"is not a sync URL.*cardengine serve"):
        parse_sync_url(url)
