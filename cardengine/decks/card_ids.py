"""What a typed or scanned id means: one rule for the app and the command line.

An id is matched exactly after harmless normalisation only: letter case, surrounding spaces, full-width or
typographic forms (NFKC, any dash), and the separator between a run of letters and a run of digits, which
may be missing, doubled or a space (`en01`, `en 01`, `EN 01`, `en-01` all mean EN-01). Digits are never
reinterpreted: `EN-1` is not EN-01 (a missing leading zero changes the number as written) and never EN-10.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["id_tokens", "looks_like_id", "match_id", "near_ids"]

_RUNS = re.compile(r"[A-Z]+|[0-9]+")


def id_tokens(text: str) -> tuple[str, ...] | None:
    """The runs of letters and of digits in `text`, upper case; None if it holds anything but ASCII letters,
    digits, spaces and dashes (then it is words, not an id). A separator between two letter runs or two
    digit runs is kept as a boundary (`E N01` is not EN-01, `EN-0 1` is not EN-01)."""
    # The workshop's ids are tokenised on every keystroke: short texts are remembered (long ones would
    # only fill the memory).
    return _cached_tokens(text) if len(text) <= 40 else _tokens(text)


@lru_cache(maxsize=4096)
def _cached_tokens(text: str) -> tuple[str, ...] | None:
    return _tokens(text)


def _tokens(text: str) -> tuple[str, ...] | None:
    norm = unicodedata.normalize("NFKC", text).strip().upper()
    parts = re.split(r"[\s\-\u2010-\u2015\u2212]+", norm)  # spaces and every dash a keyboard or phone types
    tokens: list[str] = []
    for part in parts:
        if not part:
            continue
        runs = _RUNS.findall(part)
        if "".join(runs) != part:
            return None
        tokens += runs
    return tuple(tokens) or None


def match_id(text: str, ids: Iterable[str]) -> str | None:
    """The one id of `ids` that `text` names, or None. The exact id (case and spaces aside) wins; otherwise
    the id with the same letter and digit runs, if exactly one has them (two would be a guess)."""
    ids = list(ids)
    exact = text.strip().upper()
    if exact in ids:
        return exact
    tokens = id_tokens(text)
    if tokens is None:
        return None
    same = [i for i in ids if id_tokens(i) == tokens]
    return same[0] if len(same) == 1 else None


def looks_like_id(text: str, ids: Iterable[str]) -> bool:
    """Whether `text` is written as an id of these would be: one of their letter prefixes, alone or followed
    by digits (`EN`, `EN-1`, `xx` is not). An unknown one is then refused, never taken for search words,
    and no search list flickers while an id is typed or scanned."""
    tokens = id_tokens(text)
    if tokens is None:
        return False
    prefixes = {t[0] for t in map(id_tokens, ids) if t}
    return tokens[0] in prefixes and (len(tokens) == 1 or tokens[1].isdigit())


def near_ids(text: str, ids: Iterable[str]) -> list[str]:
    """Ids that differ from `text` only in leading zeros (`EN-1` -> EN-01): offered to the user, never taken."""
    def loose(tokens: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return None if tokens is None else tuple(t.lstrip("0") or "0" if t.isdigit() else t for t in tokens)

    want = loose(id_tokens(text))
    return [] if want is None else [i for i in ids if loose(id_tokens(i)) == want]
