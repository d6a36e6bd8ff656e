"""Card ids of the other decks in a deck file's folder: a deck checked or printed on its own must not reuse them.

The decks of a folder are used together (a workshop loads the folder, a QR code names one card), so when one
deck file is given alone, its ids are checked against its siblings' as if the folder had been given.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def folder_card_ids(file: Path, loaded: Collection[Path]) -> dict[str, tuple[Path, int]]:
    """Each card id of the deck files beside `file` that are not being loaded anyway (`loaded`, resolved), with
    the file and line where it is written. Files that cannot be read or are not decks are skipped: they are
    not what is being checked, and checking their folder says what is wrong with them."""
    from .yamlsource import read_yaml

    ids: dict[str, tuple[Path, int]] = {}
    try:
        siblings = sorted(p for p in file.parent.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    except OSError:
        return ids
    for sibling in siblings:
        try:
            if sibling.resolve() in loaded:
                continue
        except (OSError, RuntimeError):  # a link loop
            continue
        doc, _ = read_yaml(sibling)
        cards = doc.data.get("cards") if doc is not None and isinstance(doc.data, dict) else None
        for i, card in enumerate(cards if isinstance(cards, list) else []):
            cid = card.get("id") if isinstance(card, dict) else None
            if isinstance(cid, str):
                ids.setdefault(cid, (sibling, doc.positions.of_value(("cards", i, "id"))[0]))
    return ids
