"""Card images: checked, cropped to their box and resampled to print resolution with Pillow."""

from __future__ import annotations

import errno
import io
import stat
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps

from cardengine.i18n import tr

if TYPE_CHECKING:
    from PIL.ImageCms import ImageCmsTransform
    from reportlab.lib.utils import ImageReader

PRINT_DPI = 300
MAX_PIXELS = 60_000_000  # refuse decompression bombs well before they exhaust memory


class ImageProblem(Exception):
    pass


def image_file_problem(base: Path, image: str) -> tuple[str, str] | None:
    """What stops `image` (relative to the deck folder `base`) being a card image, as (problem, fix), or None.

    Checks the path and the file's header only (cheap enough for `validate`); `open_image` decodes it all."""
    name = image if len(image) <= 80 else image[:77] + "..."  # named, not echoed whole
    if "\x00" in image:
        return tr("the image path contains a NUL character"), tr("retype the file name")
    outside = (tr("image '{name}' lies outside the deck's folder").format(name=name),
               tr("copy the image into the deck's folder and give a relative path"))
    if Path(image).is_absolute():
        return outside
    loop = (tr("image '{name}' is a symbolic link that leads round in a loop").format(name=name),
            tr("point the link at a real file"))
    try:
        base = base.resolve()
        target = (base / image).resolve()
    except (RuntimeError, OSError):  # Python 3.11 reports a loop of symbolic links as RuntimeError
        return loop
    if not target.is_relative_to(base):
        return outside
    try:
        info = target.stat()
    except FileNotFoundError:
        return (tr("image '{name}' does not exist (looked for {path})").format(name=name, path=target),
                tr("check the file name, relative to the deck file"))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return loop
        return (tr("image '{name}' cannot be read ({reason})").format(name=name, reason=exc.strerror or exc),
                tr("check the file and its permissions"))
    if stat.S_ISDIR(info.st_mode):
        return tr("image '{name}' is a folder, not an image file").format(name=name), tr(
            "give the path of a .png or .jpg file")
    if not stat.S_ISREG(info.st_mode):
        return (tr("image '{name}' is not a regular file (a pipe, socket or device)").format(name=name),
                tr("give the path of a .png or .jpg file"))
    if target.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        return None  # the schema names the expected kinds of file
    try:
        _identify(target, tr("image {name}").format(name=name)).close()
    except ImageProblem as exc:
        return str(exc), tr("save the picture as PNG or JPEG, at most {count} million pixels").format(
            count=MAX_PIXELS // 1_000_000)
    return None


def _identify(path: Path, shown: str) -> Image.Image:
    """Open `path` (reading its header only), refusing anything but a PNG or JPEG of sane pixel count;
    problems name the file as `shown`."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(_too_large(shown)) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(_unreadable(shown, exc, path)) from None
    if img.format not in ("PNG", "JPEG"):
        img.close()
        raise ImageProblem(tr("{file} is a {format} file, not a PNG or JPEG").format(
            file=shown, format=img.format or tr("unknown")))
    return img


def open_image(path: Path) -> Image.Image:
    """Open and fully decode a PNG or JPEG, refusing anything else, oversized and truncated images."""
    img = _identify(path, str(path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(_too_large(str(path))) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageProblem(_unreadable(str(path), exc, path)) from None
    return img


def _too_large(shown: str) -> str:
    return tr("{file} is too large to be a card image (over {count} pixels)").format(file=shown,
                                                                                   count=f"{MAX_PIXELS:,}")


def _unreadable(shown: str, exc: Exception, path: Path) -> str:
    return tr("{file} is not a readable image ({reason})").format(file=shown, reason=_reason(exc, path))


def _reason(exc: Exception, path: Path) -> str:
    """Pillow's explanation without the path it repeats ("cannot identify image file '/long/path'")."""
    return str(exc).replace(f" '{path}'", "").replace(f" {path}", "") or type(exc).__name__


def effective_dpi(img: Image.Image, w_mm: float, h_mm: float) -> float:
    """Resolution at printed size once cropped to cover the box."""
    scale = max(w_mm / img.width, h_mm / img.height)  # mm per source pixel after cover-scaling
    return 25.4 / scale


def prepared_image(path: Path, w_mm: float, h_mm: float, cmyk: bool, profile: bytes | None = None) -> ImageReader:
    """The image resampled for its box. Cached by the file's identity and time, not its name alone: under
    `--watch` a photo saved again at the same path must print anew; and only a few are kept, so a deck of
    many photos does not hold them all."""
    st = path.stat()
    return _prepared(path, st.st_mtime_ns, st.st_size, st.st_ino, w_mm, h_mm, cmyk, profile)


@lru_cache(maxsize=4)
def _to_press(profile: bytes) -> ImageCmsTransform:
    """sRGB -> the print shop's CMYK, as its RIP would (relative colorimetric, black point compensation)."""
    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                   "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


@lru_cache(maxsize=32)
def _prepared(path: Path, _mtime: int, _size: int, _inode: int, w_mm: float, h_mm: float, cmyk: bool,
              profile: bytes | None) -> ImageReader:
    from reportlab.lib.utils import ImageReader

    img = open_image(path)
    img = ImageOps.exif_transpose(img)
    target = (max(1, round(w_mm / 25.4 * PRINT_DPI)), max(1, round(h_mm / 25.4 * PRINT_DPI)))
    if img.width < target[0] or img.height < target[1]:
        # Too small for 300 dpi: crop to the box shape, never upscale (the build warned about it).
        ratio = min(img.width / target[0], img.height / target[1])
        target = (max(1, round(target[0] * ratio)), max(1, round(target[1] * ratio)))
    if img.mode.startswith("I"):
        # 16-bit greyscale PNG: Pillow's convert clips every value above 255 to white; scale it to 8 bits.
        img = img.convert("I").point(lambda v: v / 257).convert("L")
    img = ImageOps.fit(img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB"), target,
                       Image.Resampling.LANCZOS)
    if img.mode == "RGBA":
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img, mask=img.getchannel("A"))
        img = background
    if cmyk and profile is not None:
        from PIL import ImageCms

        pressed = ImageCms.applyTransform(img, _to_press(profile))
        assert pressed is not None  # None only when transforming in place
        img = pressed
    elif cmyk:
        img = img.convert("CMYK")
    return ImageReader(img)
