"""What the sync tests share: workshop files for a server and its laptops, and a sync server process to start,
kill (SIGKILL) and start again on the same file and port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from cardengine.sessions import Store, Workshop, WorkshopInfo

from .conftest import ROOT
from .tui_support import bundled

TOKEN = "laptop-token-1234"


def make_workshop(path: Path, tables: tuple[str, ...] = ("Nord", "Sud"), language: str = "it") -> Path:
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27", language=language),
                         *bundled()) as w:
        for name in tables:
            w.add_table(name)
    return path


def copies(server: Path, *names: str) -> list[Path]:
    """Each laptop's file: a copy of the server's (`session copy`), as a facilitator hands them out."""
    out = []
    for name in names:
        with Store.open(server) as store:
            store.copy_to(server.parent / f"{name}.db")
        out.append(server.parent / f"{name}.db")
    return out


def ids(path: Path) -> list[str]:
    with Store.open(path) as store:
        return [e.id for e in store.events()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SyncServer:
    """A sync server process on `path` (the stand-in of tests/sync_standin.py, as `cardengine serve` serves it)."""

    def __init__(self, path: Path, port: int | None = None):
        self.path, self.port = path, port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sync/{TOKEN}"

    def start(self) -> SyncServer:
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "sync_standin.py"), str(self.path),
                                      str(self.port), TOKEN], cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"the sync server did not start: {self.proc.stderr.read()!r}") from None
                time.sleep(0.05)
        raise TimeoutError("the sync server did not listen within 15 s")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as when the box loses power."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def __enter__(self) -> SyncServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()


def wait_until(check, timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.05)
