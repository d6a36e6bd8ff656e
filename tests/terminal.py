"""Run `cardengine tui` in a real pseudo-terminal and read what it draws (used by tests and bench/tui.py)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P^_].*?(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class AppInTerminal:
    def __init__(self, args: list[str], config: Path, size: tuple[int, int] = (100, 30)):
        self.master, slave = pty.openpty()
        cols, rows = size
        self.size = (rows, cols)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows),
               "XDG_CONFIG_HOME": str(config)}
        self.proc = subprocess.Popen([sys.executable, "-m", "cardengine", "tui", *args], stdin=slave, stdout=slave,
                                     stderr=slave, env=env, cwd=ROOT, start_new_session=True)
        os.close(slave)
        self.output = bytearray()
        self._screen = None
        self._stream = None
        self._played = 0
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def mark(self) -> int:
        return len(self.output)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def text_since(self, start: int) -> str:
        return ANSI.sub(b"", bytes(self.output[start:])).decode("utf-8", "replace")

    def wait_for(self, text: str, since: int = 0, timeout: float = 20) -> None:
        """Until the terminal has received `text` after position `since`; TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        wanted, read = text.encode(), -1
        while True:
            # Read again only when more has come (every 0.5 ms, over all the output since `since`, was most of
            # the test process's time while the app drew).
            if len(self.output) != read:
                read = len(self.output)
                if wanted in ANSI.sub(b"", bytes(self.output[since:read])):
                    return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} not shown; last output: {self.text_since(since)[-500:]!r}")
            time.sleep(0.0005)

    def screen(self) -> list[str]:
        """The terminal's screen now, line by line, as the note-taker sees it (pyte plays every byte received)."""
        import pyte

        if self._screen is None:
            rows, cols = self.size
            self._screen = pyte.Screen(cols, rows)
            self._stream = pyte.ByteStream(self._screen)
        data = bytes(self.output[self._played:])
        self._played += len(data)
        self._stream.feed(data)  # the stream keeps a sequence cut between two reads for the next
        return [line.rstrip() for line in self._screen.display]

    def cursors(self) -> list[tuple[int, int]]:
        """Where the screen shows a text cursor (Textual draws it in reverse video): (row, column) of each."""
        self.screen()
        return [(y, x) for y, line in self._screen.buffer.items() for x, char in line.items() if char.reverse]

    def wait_on_screen(self, text: str, timeout: float = 20, since: int = 0) -> list[str]:
        """Until `text` is on the screen now (not merely sent once), drawn after position `since`; the lines."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.screen()
            if len(self.output) > since and any(text in line for line in lines):
                return lines
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} not on screen:\n" + "\n".join(lines))
            time.sleep(0.02)

    def wait_shown(self, text: str, since: int, timeout: float = 20) -> None:
        """Until `text` has been shown after position `since`: sent in one piece (a notice), or on the screen
        now (a line of which only the changed cells were sent)."""
        deadline = time.monotonic() + timeout
        while True:
            if text.encode() in ANSI.sub(b"", bytes(self.output[since:])):
                return
            if len(self.output) > since and any(text in line for line in self.screen()):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} not shown:\n" + "\n".join(self.screen()))
            time.sleep(0.02)

    def settle(self, since: int, quiet: float = 0.1, first: float = 0.3, longest: float = 5.0) -> None:
        """Until the app has drawn what the keys sent after position `since` changed, then nothing for `quiet`
        seconds (a person looks at the screen before the next key). A key that changes nothing on screen costs
        `first` seconds; nothing waits longer than `longest`."""
        start = time.monotonic()
        while len(self.output) == since and time.monotonic() - start < first:
            time.sleep(0.005)
        seen, still = len(self.output), time.monotonic()
        while time.monotonic() - start < longest:
            time.sleep(0.01)
            if len(self.output) != seen:
                seen, still = len(self.output), time.monotonic()
            elif time.monotonic() - still >= quiet:
                return

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self.master)
