"""A photo saved again at the same path prints anew (`--watch` keeps one process running between saves)."""

from __future__ import annotations

import os

from PIL import Image

from cardengine.decks.images import prepared_image


def _pixel(reader) -> tuple[int, ...]:
    return reader.getRGBData()[:3]  # the first pixel's RGB bytes


def test_an_image_saved_again_at_the_same_path_is_read_again(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (120, 80), (200, 30, 30)).save(path)
    first = _pixel(prepared_image(path, 10.0, 6.0, False))
    Image.new("RGB", (120, 80), (30, 30, 200)).save(path)
    os.utime(path, ns=(1, 1))  # a different time even on a file system with coarse timestamps
    second = _pixel(prepared_image(path, 10.0, 6.0, False))
    assert first[0] > 150 and second[2] > 150, (first, second)
