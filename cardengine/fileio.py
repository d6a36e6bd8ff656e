"""Small file helpers: writes that never leave a half-written file behind."""

from __future__ import annotations

from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path` (a link is followed;
    a new file gets the user's usual mode, a replaced one keeps its mode). Raises OSError (an OutputError
    that names the file and the cause) and leaves nothing behind if it cannot."""
    from .outputs import OutputSet

    with OutputSet() as out:
        out.write(path, data, follow_links=True)
