"""What the sync tests share: workshop files for a server and its laptops, and the workshop's server (`cardengine
serve`) as a process to start, kill (SIGKILL) and start again on the same file and port."""

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
    """`cardengine serve` on `path`, on one port for all its lives (its keys file keeps the laptop token)."""

    def __init__(self, path: Path, port: int | None = None):
        self.path, self.port = path, port or free_port()
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""  # the laptop sync URL it prints

    def start(self) -> SyncServer:
        log = (self.path.parent / f"{self.path.name}.serve.log").open("a")
        env = {**os.environ, "CARDENGINE_LANG": "en", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "cardengine", "serve", str(self.path), "--host",
                                      "127.0.0.1", "--port", str(self.port)], cwd=ROOT, env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=log, start_new_session=True)
        log.close()
        assert self.proc.stdout is not None
        for line in self.proc.stdout:  # it binds the port before it prints the addresses
            if line.startswith("laptop sync URL:"):
                url = line.split()[-1]
                assert not self.url or url == self.url, "the laptop URL changed on restart"
                self.url = url
                return self
        raise RuntimeError("cardengine serve did not start: "
                           + (self.path.parent / f"{self.path.name}.serve.log").read_text()[-2000:])

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
