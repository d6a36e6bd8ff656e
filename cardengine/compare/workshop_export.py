"""`cardengine export`: a workshop's exports, the REFI-QDA project of its comments (qdpx) among them.

The json, yaml and csv exports are the session store's own (cardengine.sessions.exports); the qdpx project is
built from the comparison's facts of the workshop with the comparison's qdpx renderer, so it lives here, in the
layer that may use both.
"""

from __future__ import annotations

from pathlib import Path

from cardengine.i18n import tr
from cardengine.outputs import OutputError
from cardengine.sessions import Workshop
from cardengine.sessions.exports import export as session_export
from cardengine.sessions.exports import write_files


def export(workshop: Workshop, fmt: str, folder: Path) -> list[Path]:
    """Write the export's files into `folder`: all of them or none, never over the workshop file itself, and
    never over a project another program wrote (one coded in QualCoder, say)."""
    if fmt != "qdpx":
        return session_export(workshop, fmt, folder)
    from cardengine.compare.render.qdpx import foreign_project

    files: dict[str, str | bytes] = {"comments.qdpx": qdpx(workshop)}  # for QualCoder, ATLAS.ti, MAXQDA, NVivo
    target = folder / "comments.qdpx"
    if foreign_project(target):
        raise OutputError(tr("{path} is a project cardengine did not write (coded in QualCoder, say); it was left "
                             "untouched: move it, or export to another folder (-o)").format(path=target))
    return write_files(workshop, files, folder)


def qdpx(workshop: Workshop) -> bytes:
    """The workshop's comments as a REFI-QDA project (see cardengine.compare.render.qdpx)."""
    from cardengine import __version__
    from cardengine.compare.measures.comparison import workshop_facts
    from cardengine.compare.render.qdpx import qdpx_bytes

    facts = workshop_facts(workshop.state, workshop.store.path.name)
    return qdpx_bytes([facts], workshop.state.language or "en", f"cardengine {__version__}")
