"""A package's public names, each imported from its module on first use (PEP 562's module `__getattr__`), so that
importing the package stays light: `cardengine.printing` without reportlab, the app's package without Textual."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """The `__getattr__` of `package` that finds each name in its home module (`homes`: name -> module path
    relative to the package) and keeps it in the package, so the next use costs nothing."""

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{homes[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
