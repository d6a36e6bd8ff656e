"""Combine the workshop files of several laptops (or copies of one) into one, without duplicates or loss.

Events carry globally unique ids, so merging is a set union: idempotent, order-independent.
"""

from __future__ import annotations

from pathlib import Path

from .store import Store, StoreError


def merge_files(inputs: list[Path], output: Path) -> int:
    """Merge `inputs` into `output` (created if missing); returns how many events were new to it."""
    sources = []
    try:
        for path in inputs:
            sources.append(Store.open(path))
        ids = {path: s.workshop_id() for path, s in zip(inputs, sources)}
        distinct = {i for i in ids.values() if i}
        if len(distinct) > 1:
            names = ", ".join(str(p) for p in inputs)
            raise StoreError(f"{names} hold different workshops (each was created with its own `session new`); "
                             "merge only copies of one workshop file")
        target = Store.open(output) if output.exists() else Store.create(output)
        try:
            target_id = target.workshop_id()
            if target_id and distinct and target_id not in distinct:
                raise StoreError(f"{output} holds a different workshop; choose a new output file")
            added = 0
            for source in sources:
                if source.path.resolve() != output.resolve():
                    added += target.insert(source.events())
            return added
        finally:
            target.close()
    finally:
        for s in sources:
            s.close()
