"""The JSON Schemas for deck and criteria files, shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

KINDS = ("deck", "criteria", "layout", "sheet")


def schema_text(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown schema {kind!r}; choose one of {', '.join(KINDS)}")
    return resources.files(__name__).joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")


@cache
def load_schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_text(kind))
