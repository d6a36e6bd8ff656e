"""Text made safe to print on a terminal, in a module of its own: every command's output goes through it
(terminal.py), and importing it from event_check pulled in the workshop store and sqlite3 (0.15 s) before
`cardengine build` or `validate` printed a line."""

from __future__ import annotations

import unicodedata

# What an XML 1.0 document cannot hold: C0 controls but tab, LF and CR, unpaired surrogates, U+FFFE/U+FFFF
# (a character class body, for re). The comments export and the report's charts and HTML each replace them.
NOT_IN_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"

_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})  # controls, format (bidi overrides), line breaks, surrogates


_JOINERS = frozenset("\u200c\u200d")  # inside emoji (👩‍👧) and Persian or Indic words: they move nothing


def _unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _UNSAFE and ch not in _JOINERS


def escape(text: str) -> str:
    """Text safe to print on a terminal: control characters become \\x1b, \\u202e... (newlines too)."""
    if text.isprintable() or not any(_unsafe(ch) for ch in text):  # the common case, fast
        return text
    return "".join(ch.encode("unicode_escape", "backslashreplace").decode("ascii") if _unsafe(ch) else ch
                   for ch in text)
