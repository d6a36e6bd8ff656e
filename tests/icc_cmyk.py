"""A real, minimal CMYK output ICC profile for the PDF/X tests, made with pyiccprofile (an ICC encoder).

No CMYK profile installs from PyPI and LittleCMS (Pillow's ImageCms) cannot create one, so the tests make
their own: a v4 printer profile, Lab PCS, with lut16 A2B0 (CMYK -> Lab) and B2A0 (Lab -> CMYK) tables
computed from the naive CMYK <-> sRGB model. It is not a press characterisation (a print shop would send
FOGRA39 or GRACoL); it is a valid profile that LittleCMS opens and transforms with, which is what the
output intent needs to be tested.
"""

from __future__ import annotations

from itertools import product

from pyiccprofile import (
    ICCColorSpace,
    ICCCopyright,
    ICCLut16,
    ICCMediaWhitePoint,
    ICCProfile,
    ICCProfileClass,
    ICCProfileDescription,
    ICCRenderingIntent,
)
from pyiccprofile.atob0 import ICCAToB0
from pyiccprofile.btoa0 import ICCBToA0
from pyiccprofile.codec import ICCDateTime

D50 = (0.9642, 1.0, 0.8249)


def _srgb_to_lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    # sRGB -> XYZ (D50, Bradford-adapted matrix, as in the ICC's sRGB profile)
    m = ((0.4360, 0.3851, 0.1431), (0.2225, 0.7169, 0.0606), (0.0139, 0.0971, 0.7141))
    xyz = [sum(m[i][j] * lin[j] for j in range(3)) / D50[i] for i in range(3)]
    f = [t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _lab_to_srgb(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    fy = (lab[0] + 16) / 116
    fx, fz = fy + lab[1] / 500, fy - lab[2] / 200
    xyz = [(t ** 3 if t ** 3 > 216 / 24389 else (116 * t - 16) / (24389 / 27)) * w
           for t, w in zip((fx, fy, fz), D50, strict=True)]
    inv = ((3.1339, -1.6169, -0.4906), (-0.9788, 1.9161, 0.0335), (0.0719, -0.2290, 1.4052))
    lin = [min(1.0, max(0.0, sum(inv[i][j] * xyz[j] for j in range(3)))) for i in range(3)]
    return tuple(12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in lin)  # type: ignore


def _lab16(lab: tuple[float, float, float]) -> list[int]:
    # lut16's legacy Lab encoding: L 0..100 -> 0..0xFF00, a/b -128..127.996 -> 0..0xFFFF
    clamp = lambda v: max(0, min(0xFFFF, round(v)))  # noqa: E731
    return [clamp(lab[0] * 0xFF00 / 100), clamp((lab[1] + 128) * 256), clamp((lab[2] + 128) * 256)]


def _identity(channels: int) -> list[list[int]]:
    return [[0, 0xFFFF] for _ in range(channels)]


def cmyk_profile(description: str = "cardengine test CMYK", grid: int = 5) -> bytes:
    """grid: points per channel of the tables (5: a 5 KB profile; 11: 90 KB, the size of a real one)."""
    steps = [i / (grid - 1) for i in range(grid)]
    a2b = [_lab16(_srgb_to_lab(tuple((1 - c) * (1 - k) for c in (c_, m_, y_))))  # type: ignore[arg-type]
           for c_, m_, y_, k in product(steps, repeat=4)]
    b2a = []
    for l_, a_, b_ in product(steps, repeat=3):
        r, g, b = _lab_to_srgb((l_ * 100, a_ * 255 - 128, b_ * 255 - 128))
        k = 1 - max(r, g, b)
        cmy = [0.0, 0.0, 0.0] if k >= 1 else [(1 - v - k) / (1 - k) for v in (r, g, b)]
        b2a.append([round(v * 0xFFFF) for v in (*cmy, k)])
    unit = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)
    return ICCProfile(
        profile_class=ICCProfileClass.OUTPUT, data_color_space=ICCColorSpace.CMYK, pcs=ICCColorSpace.LAB,
        creation_time=ICCDateTime(2026, 1, 1, 0, 0, 0), rendering_intent=ICCRenderingIntent.PERCEPTUAL,
        version=(4, 3, 0),
        tagged_elements=[
            ICCProfileDescription([("en", "US", description)]),
            ICCCopyright([("en", "US", "No copyright, use freely (cardengine tests)")]),
            ICCMediaWhitePoint([D50]),
            ICCAToB0(ICCLut16(*unit, _identity(4), a2b, _identity(3))),
            ICCBToA0(ICCLut16(*unit, _identity(3), b2a, _identity(4))),
        ]).encode()
