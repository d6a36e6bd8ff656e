"""Heavy libraries that only some tests of a file use (scipy, pandas, duckdb, frictionless), imported when first
used rather than when the file is collected: every xdist worker collects every file, and these imports cost each
of them seconds (about 2.5 s a worker) although one worker runs the tests that need them."""

from __future__ import annotations

import importlib
from typing import Any


class lazy:  # a module stand-in, named as one: `pd = lazy("pandas")`, then `pd.DataFrame`
    """A module imported on the first use of one of its names. Dunder names are not forwarded: pytest looks for
    `__test__` on every name of a test file while collecting, which would import the module."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(importlib.import_module(self._name), attr)
