"""The JSON Schemas of the files people write (decks, criteria, card layouts, sheet templates), shipped with the
package: the one source of their structural rules, which editors read too.

Imports nothing of cardengine: the deck checks (cardengine.decks) and the layout and sheet loaders
(cardengine.printing) read the schemas through the names below.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["KINDS", "load_schema", "schema_text"]

KINDS = ("deck", "criteria", "layout", "sheet")


def schema_text(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown schema {kind!r}; choose one of {', '.join(KINDS)}")
    return resources.files(__name__).joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")


@cache
def load_schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_text(kind))
