"""Print-shop files: 100% K text and rules in --cmyk, PDF/X-4 with an output intent (--icc), names that keep
the RGB build, distinct font subset prefixes, trim and bleed boxes. Read back from the built PDFs."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from cardengine.printing.pdfx import PdfxProblem, box_problems, colour_problems, make_pdfx, read_output_profile

from .conftest import SMALL_DECK, run_cli, run_here
from .icc_cmyk import cmyk_profile

MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """One small deck (with a photo) built as a print shop and a home printer would: RGB sheets, CMYK sheets,
    PDF/X-4 sheets and PDF/X-4 one-card-per-page on the photo layout, all into one folder."""
    root = tmp_path_factory.mktemp("press")
    (root / "img").mkdir()
    Image.new("RGB", (800, 380), (30, 120, 200)).save(root / "img" / "roof.png")  # 63 x 30 mm at 300 dpi
    deck = root / "water.yaml"
    deck.write_text(SMALL_DECK.replace("    sdgs: [6, 13]\n", "    sdgs: [6, 13]\n    image: img/roof.png\n"),
                    encoding="utf-8")
    icc = root / "press.icc"
    icc.write_bytes(cmyk_profile())
    out = root / "out"
    for extra in ([], ["--cmyk"], ["--cmyk", "--icc", icc],
                  ["--cmyk", "--icc", icc, "--layout", "poker-photo", "--sheet", "none"]):
        run = run_here("build", deck, "-o", out, *extra)
        assert run.returncode == 0, run.output
    return {"root": root, "deck": deck, "icc": icc, "out": out, "rgb": out / "water-poker-it-a4.pdf",
            "cmyk": out / "water-poker-it-a4-cmyk.pdf", "pdfx": out / "water-poker-it-a4-pdfx4.pdf",
            "cards": out / "water-poker-photo-it-cards-pdfx4.pdf"}


def colour_uses(pdf: pikepdf.Pdf) -> list[tuple[str, tuple[float, ...], float]]:
    """(what, fill or stroke colour, line width) for every text run, fill and stroke drawn on every page:
    the graphics state is followed through q/Q as a PDF viewer would."""
    uses = []
    for page in pdf.pages:
        state = {"fill": (0.0,), "stroke": (0.0,), "width": 1.0}
        stack = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "q":
                stack.append(dict(state))
            elif op == "Q":
                state = stack.pop()
            elif op in ("k", "g", "rg", "sc", "scn"):
                state["fill"] = tuple(float(v) for v in operands)
            elif op in ("K", "G", "RG", "SC", "SCN"):
                state["stroke"] = tuple(float(v) for v in operands)
            elif op == "w":
                state["width"] = float(operands[0])
            elif op in ("Tj", "TJ", "'", '"'):
                uses.append(("text", state["fill"], 0.0))
            elif op in ("f", "F", "f*", "b", "B", "b*", "B*"):
                uses.append(("fill", state["fill"], 0.0))
            if op in ("S", "s", "b", "B", "b*", "B*"):
                uses.append(("stroke", state["stroke"], state["width"]))
    return uses


def looks_black(colour: tuple[float, ...]) -> bool:
    """A CMYK colour that prints as black or near-black (every channel of its RGB look at most 15%)."""
    if len(colour) != 4:
        return False
    c, m, y, k = colour
    return max((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)) <= 0.15


@pytest.mark.parametrize("name", ["cmyk", "pdfx"])
def test_cmyk_text_rules_and_qr_in_black_are_100_percent_k(built, name):
    with pikepdf.open(built[name]) as pdf:
        uses = colour_uses(pdf)
    text = [colour for what, colour, _ in uses if what == "text"]
    assert text and all(len(colour) == 4 for colour in text)  # every text run is set in CMYK
    dark_text = [colour for colour in text if looks_black(colour)]
    assert len(dark_text) > 10  # titles, summaries, labels: the near-black #1A1A1A of the design
    assert set(dark_text) == {(0.0, 0.0, 0.0, 1.0)}  # 100% K, not 90% K and not rich black
    # Thin rules and crop marks (strokes under 1 pt) and the QR modules (fills) in black: K alone too.
    thin = {colour for what, colour, width in uses if what == "stroke" and width < 1 and looks_black(colour)}
    fills = {colour for what, colour, _ in uses if what == "fill" and looks_black(colour)}
    assert thin == {(0.0, 0.0, 0.0, 1.0)} and fills <= {(0.0, 0.0, 0.0, 1.0)}


def test_cmyk_files_hold_no_rgb_colour_or_image(built):
    for name in ("cmyk", "pdfx", "cards"):
        with pikepdf.open(built[name]) as pdf:
            assert colour_problems(pdf) == [], name
            ops = {str(op) for page in pdf.pages for _, op in pikepdf.parse_content_stream(page)}
            assert not ops & {"rg", "RG"}, name
            spaces = {str(image.get("/ColorSpace")) for page in pdf.pages for image in page.get_images().values()}
            if name == "cards":
                assert spaces == {"/DeviceCMYK"}  # the photo, converted
    with pikepdf.open(built["rgb"]) as pdf:  # the check finds RGB where it is
        assert colour_problems(pdf)


def test_pdfx_has_output_intent_version_and_metadata(built):
    profile = built["icc"].read_bytes()
    for name in ("pdfx", "cards"):
        with pikepdf.open(built[name]) as pdf:
            assert pdf.pdf_version >= "1.6" and not pdf.is_encrypted
            assert pdf.check_pdf_syntax() == []  # qpdf finds nothing wrong in the structure
            intents = pdf.Root.OutputIntents
            assert len(intents) == 1
            intent = intents[0]
            assert intent.Type == pikepdf.Name.OutputIntent and intent.S == pikepdf.Name.GTS_PDFX
            assert str(intent.OutputConditionIdentifier) and str(intent.Info) == "cardengine test CMYK"
            assert intent.DestOutputProfile.read_bytes() == profile  # the profile given, byte for byte
            assert int(intent.DestOutputProfile.N) == 4
            assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
            assert pdf.docinfo.Trapped == pikepdf.Name("/False")
            meta = pdf.open_metadata()
            assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4" and meta["pdf:Trapped"] == "False"
            assert meta["xmpMM:DocumentID"].startswith("uuid:") and meta["xmpMM:VersionID"] == "1"
            assert meta["dc:title"] == str(pdf.docinfo.Title)
            assert box_problems(pdf) == []
            assert not any("/ArtBox" in page.obj for page in pdf.pages)  # trim box or art box, not both
            for font in _fonts(pdf):  # every font embedded
                assert "/FontFile2" in font.FontDescriptor or "/FontFile3" in font.FontDescriptor, font.BaseFont


def _fonts(pdf: pikepdf.Pdf) -> list:
    fonts = {}
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            fonts[font.objgen] = font
    return list(fonts.values())


def test_trim_and_bleed_boxes_on_sheets_and_cards(built):
    # Sheets (RGB and PDF/X): the paper is the trim and the bleed, on every page.
    for name in ("rgb", "pdfx"):
        with pikepdf.open(built[name]) as pdf:
            for page in pdf.pages:
                media = [float(v) for v in page.MediaBox]
                assert [float(v) for v in page.TrimBox] == media
                assert [float(v) for v in page.BleedBox] == media
    # One card per page: trim is the 63 x 88 mm card, bleed the page (3 mm around).
    with pikepdf.open(built["cards"]) as pdf:
        assert len(pdf.pages) == 4
        for page in pdf.pages:
            trim = [round(float(v) / MM, 2) for v in page.TrimBox]
            assert trim == [3.0, 3.0, 66.0, 91.0]
            assert [float(v) for v in page.BleedBox] == [float(v) for v in page.MediaBox]


def test_rgb_cmyk_and_pdfx_builds_keep_their_own_files(built):
    names = sorted(p.name for p in built["out"].iterdir())
    assert names == ["water-poker-it-a4-cmyk.pdf", "water-poker-it-a4-pdfx4.pdf", "water-poker-it-a4.pdf",
                     "water-poker-photo-it-cards-pdfx4.pdf"]
    with pikepdf.open(built["rgb"]) as pdf:  # the RGB name is still the RGB build
        assert colour_problems(pdf) and "/OutputIntents" not in pdf.Root


def test_font_subsets_have_distinct_prefixes(built):
    for name in ("rgb", "pdfx"):
        with pikepdf.open(built[name]) as pdf:
            base = [str(font.BaseFont)[1:] for font in _fonts(pdf)]
        assert len(base) >= 3  # regular, bold and italic faces
        prefixes = [b.split("+")[0] for b in base]
        assert all(re.fullmatch(r"[A-Z]{6}\+\S+", b) for b in base), base
        assert len(set(prefixes)) == len(prefixes), base


def test_pdfx_build_is_reproducible(built, tmp_path):
    # In a process of its own (the module's builds ran in this one): the same bytes from a fresh start.
    run = run_cli("build", built["deck"], "--cmyk", "--icc", built["icc"], "-o", tmp_path)
    assert run.returncode == 0, run.output
    assert (tmp_path / built["pdfx"].name).read_bytes() == built["pdfx"].read_bytes()


def _rgb_profile(path: Path) -> Path:
    path.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    return path


@pytest.mark.parametrize("case", ["no-cmyk", "missing", "not-icc", "rgb", "folder", "truncated", "fifo"])
def test_bad_icc_is_one_clear_line_and_nothing_written(built, tmp_path, case):
    icc = {"no-cmyk": built["icc"], "missing": tmp_path / "nowhere.icc", "folder": tmp_path,
           "not-icc": tmp_path / "notes.icc", "rgb": tmp_path / "srgb.icc", "truncated": tmp_path / "cut.icc",
           "fifo": tmp_path / "fifo.icc"}[case]
    if case == "not-icc":
        icc.write_text("this is a text file, not a colour profile\n")
    if case == "rgb":
        _rgb_profile(icc)
    if case == "truncated":  # its header reads as CMYK; its tables are cut off
        icc.write_bytes(built["icc"].read_bytes()[:1000])
    if case == "fifo":  # reading it would wait for a writer for ever
        os.mkfifo(icc)
    cmyk = [] if case == "no-cmyk" else ["--cmyk"]
    out = tmp_path / "out"
    # The FIFO in a real process: a build that opened it would wait for ever; the child is stopped at 120 s.
    run = (run_cli if case == "fifo" else run_here)("build", built["deck"], *cmyk, "--icc", icc, "-o", out)
    assert run.returncode == 2, run.output
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and str(icc) in lines[0], run.stderr
    expected = {"no-cmyk": "add --cmyk", "missing": "no such file", "folder": "is a folder",
                "not-icc": "is not an ICC colour profile", "rgb": "is a profile for RGB, not CMYK",
                "truncated": "is a damaged ICC profile", "fifo": "is not a regular file"}[case]
    assert expected in lines[0]
    assert not out.exists()


def test_build_never_writes_over_the_icc_profile(built, tmp_path):
    # A profile saved under the name the build would write: refused, and the profile is left as it was.
    icc = tmp_path / built["pdfx"].name
    shutil.copy(built["icc"], icc)
    run = run_here("build", built["deck"], "--cmyk", "--icc", icc, "-o", tmp_path)
    assert run.returncode == 1 and "is an input of this command; it was left untouched" in run.stderr
    assert icc.read_bytes() == built["icc"].read_bytes()


def test_read_output_profile_accepts_cmyk_printer_profiles_only(tmp_path):
    good = tmp_path / "press.icc"
    good.write_bytes(cmyk_profile("Test press"))
    assert read_output_profile(good).description == "Test press"
    with pytest.raises(PdfxProblem, match="for RGB, not CMYK"):
        read_output_profile(_rgb_profile(tmp_path / "srgb.icc"))


def test_make_pdfx_refuses_a_file_with_rgb(built, tmp_path):
    copy = tmp_path / "rgb.pdf"
    shutil.copy(built["rgb"], copy)
    before = copy.read_bytes()
    with pytest.raises(PdfxProblem, match="RGB"):
        make_pdfx(copy, read_output_profile(built["icc"]))
    assert copy.read_bytes() == before


@pytest.mark.parametrize("hex_colour, expected", [
    ("#1A1A1A", (0, 0, 0, 1)),  # the design's near-black text: 100% K (it was 90% K)
    ("#000000", (0, 0, 0, 1)),
    ("#1B1A1D", (0, 0, 0, 1)),  # a grey with a cast too small to see: still K alone
    ("#666666", (0, 0, 0, 0.6)),  # greys on K alone
    ("#FFFFFF", (0, 0, 0, 0)),
    ("#0072B2", (1, 0.359551, 0, 0.301961)),  # a domain colour converts as before
])
def test_make_colour_puts_greys_and_black_on_k(hex_colour, expected):
    from cardengine.printing.render import make_colour

    colour = make_colour(hex_colour, True)
    got = (colour.cyan, colour.magenta, colour.yellow, colour.black)
    assert got == pytest.approx(expected, abs=1e-5)


def test_pdfx_photos_go_through_the_print_shops_profile(built):
    """With --icc the photo is converted as the shop's RIP would, through its profile; not Pillow's naive
    RGB -> CMYK (K always 0), which is what a plain --cmyk build keeps."""
    from pikepdf import PdfImage
    from PIL import ImageCms

    through = ImageCms.applyTransform(
        Image.new("RGB", (1, 1), (30, 120, 200)),
        ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(str(built["icc"])),
                                "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)).getpixel((0, 0))
    naive = Image.new("RGB", (1, 1), (30, 120, 200)).convert("CMYK").getpixel((0, 0))
    assert through != naive  # else this test could not tell them apart
    with pikepdf.open(built["cards"]) as pdf:
        photo = next(iter(pdf.pages[0].get_images().values()))
        pixel = PdfImage(photo).as_pil_image().getpixel((5, 5))
    if pixel != through:  # a PIL CMYK JPEG/raw can come back inverted (Adobe convention)
        pixel = tuple(255 - v for v in pixel)
    assert all(abs(a - b) <= 2 for a, b in zip(pixel, through, strict=False)), (pixel, through, naive)
