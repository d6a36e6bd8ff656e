"""Card ids of the other decks in a deck file's folder: a deck checked or printed on its own must not reuse them.

The decks of a folder are used together (a workshop loads the folder, a QR code names one card), so when one
deck file is given alone, its ids are checked against its siblings' as if the folder had been given.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def folder_card_ids(file: Path, loaded: Collection[Path], ids: Collection[str]) -> dict[str, tuple[Path, int]]:
    """Those of `ids` that a deck file beside `file` (not being loaded anyway: `loaded`, resolved) gives to one
    of its cards, with that file and line. Files that cannot be read or are not decks are skipped: they are not
    what is being checked, and checking their folder says what is wrong with them."""
    from cardengine.decks.yaml_source import MAX_FILE_BYTES, read_yaml

    found: dict[str, tuple[Path, int]] = {}
    try:
        siblings = sorted(p for p in file.parent.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    except OSError:
        return found
    for sibling in siblings:
        try:
            if sibling.resolve() in loaded:
                continue
            with sibling.open("rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
        except (OSError, RuntimeError):  # unreadable, or a link loop
            continue
        # Most folders share no id: a search of the bytes saves parsing every sibling on every check.
        if not any(cid.encode("utf-8") in raw for cid in ids):
            continue
        doc, _ = read_yaml(sibling)
        if doc is None:
            continue
        cards = doc.data.get("cards") if isinstance(doc.data, dict) else None
        for i, card in enumerate(cards if isinstance(cards, list) else []):
            cid = card.get("id") if isinstance(card, dict) else None
            if isinstance(cid, str) and cid in ids:
                found.setdefault(cid, (sibling, doc.positions.of_value(("cards", i, "id"))[0]))
    return found
