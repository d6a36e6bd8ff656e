"""Small file helpers: writes that never leave a half-written file behind, and flushes to disk."""

from __future__ import annotations

import os
from pathlib import Path

# SQLite's application_id of a cardengine workshop file ("CARD"): the session store writes it, and the output
# guard reads it to tell a workshop file from any other database (both stand above this module).
WORKSHOP_APPLICATION_ID = 0x43415244


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries, so a name just given to a file survives a power cut. Some file systems
    cannot sync a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path` (a link is followed;
    a new file gets the user's usual mode, a replaced one keeps its mode). Raises OSError (an OutputError
    that names the file and the cause) and leaves nothing behind if it cannot."""
    from cardengine.outputs import OutputSet

    with OutputSet() as out:
        out.write(path, data, follow_links=True)
