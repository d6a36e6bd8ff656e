"""Where the decks, criteria and layouts that ship with cardengine are, from any working folder.

The top-level `decks/` and `layouts/` folders are the single source; pyproject.toml maps them into the
package as `cardengine/bundled_decks` and `cardengine/bundled_layouts`, so an installed cardengine holds
them. An editable install or a source checkout has no such folders inside the package (setuptools'
editable finder cannot import a mapped folder without an __init__.py), so there they are the folders
beside the package.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    inside = files("cardengine") / f"bundled_{name}"
    if inside.is_dir():
        with as_file(inside) as path:  # wheels install as plain files: this is the folder itself
            return Path(path)
    return _SOURCE_ROOT / name


def bundled_decks() -> Path:
    """The folder of the bundled decks (it also holds the bundled criteria.yaml)."""
    return _bundled("decks")


def default_decks() -> Path:
    """Where commands look for decks when given none: ./decks if there is one (a project folder), else the
    bundled decks, so a first run works from any folder."""
    local = Path("decks")
    return local if local.is_dir() else bundled_decks()


def bundled_criteria() -> Path:
    return bundled_decks() / "criteria.yaml"


def bundled_layouts() -> Path:
    return _bundled("layouts")


def criteria_beside(decks: Path, criteria: Path | None) -> Path:
    """The criteria file to use: the one given, else the decks folder's own criteria.yaml if it has one,
    else the bundled criteria (a folder of decks alone still makes a workshop)."""
    if criteria is not None:
        return criteria
    own = decks / "criteria.yaml"
    return own if own.is_file() else bundled_criteria()
