"""TrueType fonts whose embedded subsets each get their own six-letter name prefix.

reportlab names subset n of every font SUBSETN(n), so the first subset of each face is "AAAAAA+..." in one
file; PDF requires the tag to identify one subset and preflight tools flag the duplicates. The prefix here is
derived from the face and subset number, so builds stay byte-for-byte reproducible (invariant=1).
"""

from __future__ import annotations

import hashlib
import string
from typing import TYPE_CHECKING

from reportlab.pdfbase import ttfonts

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFDocument


def subset_prefix(face: bytes, subset: int) -> bytes:
    """Six uppercase letters from a hash of the face name and subset number."""
    value = int.from_bytes(hashlib.sha256(face + b"/%d" % subset).digest()[:8], "big")
    letters = []
    for _ in range(6):
        value, digit = divmod(value, 26)
        letters.append(string.ascii_uppercase[digit])
    return "".join(letters).encode("ascii")


class PrefixedTTFont(ttfonts.TTFont):
    def addObjects(self, doc: PDFDocument) -> None:
        # reportlab builds each subset's BaseFont, descriptor and ToUnicode names from the module-level
        # SUBSETN(n) inside addObjects; swap it for the duration of this font's call (printing is one thread).
        face = self.face.name + getattr(self.face, "subfontNameX", b"")
        original = ttfonts.SUBSETN

        def prefixed(n: int, table: object = None) -> bytes:  # the signature of ttfonts.SUBSETN
            return subset_prefix(face, n)

        ttfonts.SUBSETN = prefixed
        try:
            super().addObjects(doc)
        finally:
            ttfonts.SUBSETN = original
