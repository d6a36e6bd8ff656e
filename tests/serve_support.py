"""Shared by the tests of `cardengine serve` (tests/test_serve_*.py): a real workshop file with tables, picks,
scores and proposals (a copy of an example), the app driven in-process by Starlette's TestClient, and reading the
file back with a separate connection to check what was (or was not) saved."""

from __future__ import annotations

import re
import shutil
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cardengine.serve import Limits, make_server

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2, which no registry mirror here carries
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "trezzano-2022-06-14.db"  # three tables, Italian, every kind of record


def example_copy(tmp_path: Path, name: str = "w.db") -> Path:
    path = tmp_path / name
    shutil.copy(EXAMPLE, path)
    return path


@contextmanager
def serving(path: Path, limits: Limits | None = None) -> Iterator[TestClient]:
    """The app on `path`, its lifespan (watcher, closing the file) run by the context."""
    app = make_server(path, limits=limits)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        client.app_state = app.state  # type: ignore[attr-defined]
        yield client


def keys(client: TestClient):  # the ServeKeys of the app under test
    return client.app_state.server.keys  # type: ignore[attr-defined]


def join(client: TestClient) -> str:
    """Join as a phone; the device cookie's value."""
    response = client.get(f"/j/{keys(client).join}")
    assert response.status_code == 303 and response.headers["location"] == "/vote"
    return client.cookies["voter"]


def csrf_in(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def stored(path: Path) -> list[tuple[str, str]]:
    """(kind, payload) of every event in the file, read by a connection of its own (what a restart would read)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT kind, payload FROM events ORDER BY seq").fetchall()
