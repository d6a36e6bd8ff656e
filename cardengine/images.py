"""Card images: checked, cropped to their box and resampled to print resolution with Pillow."""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

from PIL import Image, ImageOps

PRINT_DPI = 300
MAX_PIXELS = 60_000_000  # refuse decompression bombs well before they exhaust memory


class ImageProblem(Exception):
    pass


def open_image(path: Path) -> Image.Image:
    """Open and fully decode a PNG or JPEG, refusing anything else and oversized images."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            if img.format not in ("PNG", "JPEG"):
                raise ImageProblem(f"{path.name} is a {img.format or 'unknown'} file, not a PNG or JPEG")
            img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(f"{path.name} is too large to be a card image (over {MAX_PIXELS:,} pixels)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"{path.name} is not a readable image ({exc})") from None
    return img


def effective_dpi(img: Image.Image, w_mm: float, h_mm: float) -> float:
    """Resolution at printed size once cropped to cover the box."""
    scale = max(w_mm / img.width, h_mm / img.height)  # mm per source pixel after cover-scaling
    return 25.4 / scale


@cache
def prepared_image(path: Path, w_mm: float, h_mm: float, cmyk: bool):
    from reportlab.lib.utils import ImageReader

    img = open_image(path)
    img = ImageOps.exif_transpose(img)
    target = (max(1, round(w_mm / 25.4 * PRINT_DPI)), max(1, round(h_mm / 25.4 * PRINT_DPI)))
    if img.width < target[0] or img.height < target[1]:
        # Too small for 300 dpi: crop to the box shape, never upscale (the build warned about it).
        ratio = min(img.width / target[0], img.height / target[1])
        target = (max(1, round(target[0] * ratio)), max(1, round(target[1] * ratio)))
    img = ImageOps.fit(img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB"), target,
                       Image.LANCZOS)
    if img.mode == "RGBA":
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img, mask=img.getchannel("A"))
        img = background
    if cmyk:
        img = img.convert("CMYK")
    return ImageReader(img)
