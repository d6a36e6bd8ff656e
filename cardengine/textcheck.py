"""Characters that have no place in deck, criteria or spreadsheet text: control characters.

They print as boxes (or nothing) on cards, move the cursor or ring the bell when a terminal shows them, and
YAML refuses them in a file, so a deck that holds one could not be read back. Line breaks and tabs are text.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BACKSPACE", "\x1b": "ESC", "\x7f": "DEL"}


def first_control(text: str) -> int | None:
    """Index of the first control character in `text`, or None."""
    found = CONTROL.search(text)
    return found.start() if found else None


def describe_char(char: str) -> str:
    """'U+0000 (NUL)': a character named so a person can find it, whether or not it prints."""
    name = _NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")
