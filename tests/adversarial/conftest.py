"""Shared tools for the adversarial tests: take a byte-exact picture of a folder before a hostile command and
compare after it (nothing changed, nothing left behind), and a disk that is nearly full.

Disk-full cases run on a small tmpfs when the tests run as root (as CI does), and under a file-size limit
(RLIMIT_FSIZE) otherwise, so they run everywhere and never fill the real disk.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import _CONFIG, DECKS, ROOT, SMALL_DECK, Run


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every file below `folder` (hidden ones too) with its bytes, and every link with its target."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            out[rel] = f"-> {os.readlink(path)}"
        elif path.is_file():
            out[rel] = path.read_bytes()
        elif path.is_dir():
            out[rel + "/"] = "dir"
    return out


def assert_unchanged(before: dict[str, bytes | str], folder: Path) -> None:
    """Nothing changed, nothing new (no temporary file, no -wal, no half-written output)."""
    after = tree(folder)
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    assert not (added or removed or changed), f"added {added}, removed {removed}, changed {changed}"


@dataclass
class SmallDisk:
    """A folder whose file system (or file-size limit) runs out after about `free` bytes."""

    path: Path
    free: int
    tmpfs: bool

    def run(self, *args: str | Path, cwd: Path = ROOT) -> Run:
        """The real command, as `run_cli` runs it, but with this disk's limit in force."""
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "XDG_CONFIG_HOME": _CONFIG}
        limit = None if self.tmpfs else self.free

        def limit_size() -> None:  # without tmpfs: writes past `free` bytes in one file fail with EFBIG
            if limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        proc = subprocess.run([sys.executable, "-m", "cardengine", *map(str, args)], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=120, preexec_fn=limit_size)
        assert "Traceback" not in proc.stderr, proc.stderr
        return Run(proc.returncode, proc.stdout, proc.stderr)


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and sys.platform.startswith("linux")


@pytest.fixture
def small_disk(tmp_path: Path, request) -> Iterator[SmallDisk]:
    """A nearly full disk: `small_disk.path` has about 64 KiB free (mark a test with
    `@pytest.mark.disk_free(BYTES)` for another amount)."""
    marker = request.node.get_closest_marker("disk_free")
    free = marker.args[0] if marker else 64 * 1024
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    if _can_mount():
        size = free + 8 * 4096  # tmpfs keeps a few pages for its own bookkeeping
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(mount)],
                              capture_output=True)
        if done.returncode == 0:
            try:
                yield SmallDisk(mount, free, tmpfs=True)
            finally:
                subprocess.run(["umount", "-l", str(mount)], capture_output=True)
            return
    yield SmallDisk(mount, free, tmpfs=False)


@pytest.fixture(scope="module")
def decks_dir(tmp_path_factory) -> Path:
    """One small deck (WT-01, WT-02) and the bundled criteria: fast to load in every command."""
    folder = tmp_path_factory.mktemp("decks")
    (folder / "water.yaml").write_text(SMALL_DECK, encoding="utf-8")
    shutil.copy(DECKS / "criteria.yaml", folder / "criteria.yaml")
    return folder
