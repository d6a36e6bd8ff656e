"""PDF/X-4 for print shops: the CMYK build given an output ICC profile (`build --cmyk --icc FILE`).

reportlab cannot write PDF/X, so the finished CMYK PDF is post-processed with pikepdf (a qpdf binding): the
output intent with the embedded profile, GTS_PDFXVersion in the document info and the XMP metadata, Trapped,
and a check that every page has trim and bleed boxes and no RGB colour is left. pikepdf loads only here, and
this module only when --icc is given.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cardengine.i18n import tr

if TYPE_CHECKING:
    import pikepdf

PDFX_VERSION = "PDF/X-4"
MAX_PROFILE_BYTES = 16 * 1024 * 1024  # press profiles are 0.5-4 MB; refuse before reading a huge file
RGB_OPERATORS = {"rg", "RG"}


class PdfxProblem(Exception):
    """A profile or a file that cannot make a PDF/X; the message names the file and the fix."""


@dataclass(frozen=True)
class OutputProfile:
    path: Path
    data: bytes
    description: str


def read_output_profile(path: Path) -> OutputProfile:
    """The CMYK output (printer) ICC profile at `path`, checked by LittleCMS (Pillow's ImageCms)."""
    from PIL import ImageCms

    def refused(problem: str) -> PdfxProblem:
        fix = tr("give the CMYK ICC profile your print shop names (e.g. FOGRA39 / ISO Coated v2, or GRACoL)")
        return PdfxProblem(tr("{problem}; {fix}").format(problem=problem, fix=fix))

    try:
        if path.exists() and not path.is_dir() and not path.is_file():  # a pipe or device would block or never end
            raise refused(tr("--icc {path} is not a regular file").format(path=path))
        with path.open("rb") as f:
            data = f.read(MAX_PROFILE_BYTES + 1)
    except FileNotFoundError:
        raise refused(tr("--icc {path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise refused(tr("--icc {path} is a folder, not an ICC profile").format(path=path)) from None
    except OSError as exc:
        raise refused(tr("--icc {path} cannot be read ({reason})").format(path=path,
                                                                         reason=exc.strerror or exc)) from None
    if len(data) > MAX_PROFILE_BYTES:
        raise refused(tr("--icc {path} is over {size} MB, too large for an ICC profile").format(
            path=path, size=MAX_PROFILE_BYTES // 2**20))
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError, ValueError, TypeError):
        raise refused(tr("--icc {path} is not an ICC colour profile").format(path=path)) from None
    space, kind = profile.profile.xcolor_space.strip(), profile.profile.device_class
    if space != "CMYK":
        raise refused(tr("--icc {path} is a profile for {space}, not CMYK (--cmyk prints in CMYK)").format(
            path=path, space=space))
    if kind != "prtr":
        raise refused(tr("--icc {path} is a CMYK profile but not an output (printer) profile").format(path=path))
    try:
        # Both ways, as a RIP would use it: LittleCMS reads the profile's tables only when building a transform,
        # so a truncated or damaged profile passes the header check above and fails here.
        srgb = ImageCms.createProfile("sRGB")
        ImageCms.buildTransform(profile, srgb, "CMYK", "RGB")
        ImageCms.buildTransform(srgb, profile, "RGB", "CMYK")
    except (OSError, ImageCms.PyCMSError, ValueError):
        raise refused(tr("--icc {path} is a damaged ICC profile (its colour tables cannot be read)").format(
            path=path)) from None
    description = (profile.profile.profile_description or path.stem).strip()[:200] or path.stem
    return OutputProfile(path, data, description)


def make_pdfx(path: Path, profile: OutputProfile) -> None:
    """Turn the CMYK PDF at `path` into PDF/X-4 in place; PdfxProblem if it holds what PDF/X forbids."""
    import pikepdf
    from pikepdf import Dictionary, Name, String

    original = path.read_bytes()
    # In memory, then written by Python: pikepdf aborts the whole process (a C++ terminate) when the disk
    # fills while it writes a file itself; a plain write raises OSError, which the build reports.
    with pikepdf.open(io.BytesIO(original)) as pdf:
        problems = colour_problems(pdf) + box_problems(pdf)
        if problems:
            raise PdfxProblem(f"{path.name} cannot be PDF/X: {'; '.join(problems[:3])}")
        intent = Dictionary(
            Type=Name.OutputIntent, S=Name.GTS_PDFX,
            # A profile the shop sent is not a registered condition: "Custom", described, with the profile.
            OutputConditionIdentifier=String("Custom"), OutputCondition=String(profile.description),
            Info=String(profile.description),
            DestOutputProfile=pdf.make_stream(profile.data, N=4))
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        for page in pdf.pages:
            # PDF/X wants a TrimBox or an ArtBox, not both (ISO 15930): the trim box says where to cut.
            if "/ArtBox" in page.obj:
                del page.obj["/ArtBox"]
        # The same build gives the same file (reportlab writes it with invariant=1): ids from its bytes.
        digest = hashlib.sha256(original).digest()
        doc_id = uuid.UUID(bytes=digest[:16], version=4)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            with warnings.catch_warnings():  # Trapped has no XMP twin in pikepdf's table: set below
                warnings.simplefilter("ignore", UserWarning)
                meta.load_from_docinfo(pdf.docinfo)  # title, author, creator, dates: the same in both
            meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
            meta["pdf:Trapped"] = "False"
            meta["xmp:MetadataDate"] = meta.get("xmp:ModifyDate", meta.get("xmp:CreateDate", ""))
            meta["xmpMM:DocumentID"] = f"uuid:{doc_id}"
            meta["xmpMM:InstanceID"] = f"uuid:{doc_id}"
            meta["xmpMM:VersionID"] = "1"
            meta["xmpMM:RenditionClass"] = "default"
        pdf.docinfo[Name.GTS_PDFXVersion] = String(PDFX_VERSION)
        pdf.docinfo[Name.Trapped] = Name("/False")  # nobody trapped it: the shop may
        result = io.BytesIO()
        pdf.save(result, min_version="1.6", deterministic_id=True)  # PDF/X-4 is based on PDF 1.6
    with path.open("wb") as f:
        f.write(result.getbuffer())


def colour_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every RGB colour in the pages (operators, colour spaces, images), as short descriptions."""
    import pikepdf

    problems = []
    for number, page in enumerate(pdf.pages, 1):
        for instruction in pikepdf.parse_content_stream(page):
            op, operands = str(instruction.operator), instruction.operands
            if op in RGB_OPERATORS or (op in ("cs", "CS") and operands and str(operands[0]) == "/DeviceRGB"):
                problems.append(f"page {number} sets an RGB colour ({op})")
                break
        for name, xobject in page.get_images().items():  # nested in forms too
            space = xobject.get("/ColorSpace")
            if space is not None and (space == pikepdf.Name.DeviceRGB or _icc_channels(space) == 3):
                problems.append(f"page {number} has an RGB image ({name})")
    return problems


def _icc_channels(space: pikepdf.Object) -> int | None:
    import pikepdf

    if isinstance(space, pikepdf.Array) and len(space) == 2 and space[0] == pikepdf.Name.ICCBased:
        return int(space[1].get("/N", 0))
    return None


def box_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Pages without trim and bleed boxes nested inside the media box (trim inside bleed inside media)."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        obj = page.obj
        if "/TrimBox" not in obj or "/BleedBox" not in obj:
            problems.append(f"page {number} has no trim or bleed box")
            continue
        media, bleed, trim = (_box(obj[key]) for key in ("/MediaBox", "/BleedBox", "/TrimBox"))
        if not (_inside(trim, bleed) and _inside(bleed, media)):
            problems.append(f"page {number}: trim box not inside bleed box inside media box")
    return problems


def _box(array: pikepdf.Object) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(v) for v in array)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _inside(inner: tuple[float, ...], outer: tuple[float, ...], slack: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)
