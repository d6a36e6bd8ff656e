"""`cardengine calibrate`: the printed page's own geometry (read back with pdfplumber) measures the duplex offset.

The back is read the way a person reads the sheet held up to the light: each point of the back page is
carried through the paper (mirrored for the duplex flip) onto the front, and the red arrow is read on the
front's numbered ruler, the red vernier line that meets a black tick giving the tenths.
"""

from __future__ import annotations

import math
from pathlib import Path

import pdfplumber
import pytest

from cardengine.printing.imposition import PAPERS

from .conftest import run_here

PT = 72 / 25.4
RED = (0.839216, 0.0, 0.298039)


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they do and say is tested, not Python's start-up."""
    return run_here


def _calibrate(cli, out: Path, sheet: str, duplex: str, offset: str = "0,0") -> Path:
    run = cli("calibrate", "--sheet", sheet, "--duplex", duplex, f"--back-offset={offset}", "-o", out)
    assert run.returncode == 0, run.output
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """(sheet, duplex, simulated printer shift) -> the PDF; built once for the module."""
    folder = tmp_path_factory.mktemp("calibrate")
    cases = {("a4", "long-edge", "0,0"), ("letter", "short-edge", "0,0"), ("a4", "long-edge", "1.3,-0.7"),
             ("a4", "short-edge", "-2.4,1.6"), ("letter", "long-edge", "0.5,2")}
    return {case: _calibrate(run_here, folder / f"{'-'.join(case)}.pdf", *case) for case in cases}


def _ticks(page, colour) -> list[dict]:
    """Thin filled rectangles of one colour, in page mm from the top-left: (cx, cy, w, h)."""
    out = []
    for r in page.rects:
        if tuple(round(c, 3) for c in r["non_stroking_color"] or ()) == tuple(round(c, 3) for c in colour):
            out.append({"cx": (r["x0"] + r["x1"]) / 2 / PT, "cy": (r["top"] + r["bottom"]) / 2 / PT,
                        "w": r["width"] / PT, "h": r["height"] / PT})
    return out


def _to_front(t: dict, sheet: str, duplex: str) -> dict:
    """A back-page mark seen through the paper from the front (the duplex flip: long edge mirrors x)."""
    w, h = PAPERS[sheet].width, PAPERS[sheet].height
    if duplex == "long-edge":
        return {**t, "cx": w - t["cx"]}
    return {**t, "cy": h - t["cy"]}


def _rulers(front, sheet: str):
    """The four rulers: axis, the ticks across them (black), their zero tick and labels -> value fit."""
    w, h = PAPERS[sheet].width, PAPERS[sheet].height
    black = _ticks(front, (0.0, 0.0, 0.0))
    found = {}
    for name, axis, near in (("top", "x", lambda t: t["cy"] < h / 4 and t["h"] > t["w"]),
                             ("bottom", "x", lambda t: t["cy"] > 3 * h / 4 and t["h"] > t["w"]),
                             ("left", "y", lambda t: t["cx"] < w / 4 and t["w"] > t["h"]),
                             ("right", "y", lambda t: t["cx"] > 3 * w / 4 and t["w"] > t["h"])):
        ticks = [t for t in black if near(t)]
        along = "cx" if axis == "x" else "cy"
        zero = max(ticks, key=lambda t: max(t["w"], t["h"]))
        found[name] = (axis, sorted(t[along] for t in ticks), zero, _label_fit(front, ticks, axis))
    return found


def _label_fit(front, ticks, axis):
    """Position (mm along the ruler) -> printed number, from the ruler's own labels (every 5 mm)."""
    along = "cx" if axis == "x" else "cy"
    lo = min(t["cx" if axis == "y" else "cy"] for t in ticks) - 12
    hi = max(t["cx" if axis == "y" else "cy"] for t in ticks) + 12
    words = front.extract_words(x_tolerance=0.5, y_tolerance=0.5)
    labels = []
    for wd in words:
        cx, cy = (wd["x0"] + wd["x1"]) / 2 / PT, (wd["top"] + wd["bottom"]) / 2 / PT
        across = cy if axis == "x" else cx
        first, last = min(t[along] for t in ticks), max(t[along] for t in ticks)
        pos = cx if axis == "x" else cy
        try:
            value = float(wd["text"])
        except ValueError:
            continue
        if lo <= across <= hi and first - 1 <= pos <= last + 1:
            tick = min((t[along] for t in ticks), key=lambda p: abs(p - pos))  # the tick it numbers
            assert abs(tick - pos) < 0.6
            labels.append((tick, value))
    assert len(labels) == 9, labels  # -20 ... +20 every 5 mm
    (p1, v1), (p2, v2) = min(labels), max(labels)
    slope = (v2 - v1) / (p2 - p1)
    assert abs(abs(slope) - 1) < 0.01  # the ruler is in millimetres, whichever way it counts
    return lambda pos: v1 + (pos - p1) * slope


def _read(path: Path, sheet: str, duplex: str) -> dict[str, float]:
    """Read each ruler as the instructions say: whole mm where the arrow points, tenths from the vernier."""
    with pdfplumber.open(path) as pdf:
        front, back = pdf.pages
        rulers = _rulers(front, sheet)
        red = [_to_front(t, sheet, duplex) for t in _ticks(back, RED)]
    readings = {}
    for name, (axis, positions, zero, value_at) in rulers.items():
        along, across = ("cx", "cy") if axis == "x" else ("cy", "cx")
        mine = [t for t in red if abs(t[across] - zero[across]) < 15
                and (t["h"] > t["w"]) == (axis == "x")]
        arrow = max(mine, key=lambda t: max(t["w"], t["h"]))  # the shaft is the longest red line
        vernier = [t for t in mine if t is not arrow]
        assert len(vernier) == 10
        arrow_value = value_at(arrow[along])
        whole = math.floor(arrow_value + 0.05)  # the black tick just before the arrow (on it, when it is on one)
        # Lines counted from the arrow (0 = the arrow itself): the one nearest a black tick gives the tenths.
        ordered = [arrow, *sorted(vernier, key=lambda t: abs(value_at(t[along]) - arrow_value))]
        miss = [min(abs(p - t[along]) for p in positions) for t in ordered]
        k = next(i for i, m in enumerate(miss) if m < min(miss) + 0.02)  # on a tick: the arrow itself, not line 10
        readings[name] = round(whole + k / 10, 1)
        readings[name + "_direct"] = arrow_value
    return readings


@pytest.mark.parametrize("sheet,duplex", [("a4", "long-edge"), ("letter", "short-edge")])
def test_back_zero_lands_behind_front_zero(pages, sheet, duplex):
    """With no offset, every red arrow is exactly behind its ruler's zero tick once the sheet is flipped."""
    path = pages[(sheet, duplex, "0,0")]
    with pdfplumber.open(path) as pdf:
        front, back = pdf.pages
        assert (front.width / PT, front.height / PT) == pytest.approx((PAPERS[sheet].width, PAPERS[sheet].height),
                                                                      abs=0.01)
        rulers = _rulers(front, sheet)
        red = [_to_front(t, sheet, duplex) for t in _ticks(back, RED)]
    for name, (axis, _, zero, value_at) in rulers.items():
        along, across = ("cx", "cy") if axis == "x" else ("cy", "cx")
        shafts = [t for t in red if max(t["w"], t["h"]) > 9 and (t["h"] > t["w"]) == (axis == "x")
                  and abs(t[across] - zero[across]) < 15]
        assert len(shafts) == 1, name
        assert shafts[0][along] == pytest.approx(zero[along], abs=0.01), name
        assert value_at(zero[along]) == pytest.approx(0, abs=0.01)
        # The vernier's ten lines run from the arrow towards the larger numbers, 0.9 mm apart, outside the
        # front's ticks (a back turned the wrong way round would run them the other way).
        vernier = sorted(value_at(t[along]) for t in red if t is not shafts[0] and (t["h"] > t["w"]) == (axis == "x")
                         and abs(t[across] - zero[across]) < 15)
        assert vernier == pytest.approx([0.9 * k for k in range(1, 11)], abs=0.01), name


@pytest.mark.parametrize("sheet,duplex,shift", [("a4", "long-edge", (1.3, -0.7)), ("a4", "short-edge", (-2.4, 1.6)),
                                                ("letter", "long-edge", (0.5, 2.0))])
def test_a_shifted_back_reads_as_the_back_offset_that_corrects_it(pages, sheet, duplex, shift):
    """The back shifted by (dx, dy) through build's own back transform (as a drifting printer would) reads
    (-dx, -dy) on the rulers: the --back-offset that puts it back. X and Y differ, so a swap fails."""
    readings = _read(pages[(sheet, duplex, f"{shift[0]:g},{shift[1]:g}")], sheet, duplex)
    want_x, want_y = -shift[0], -shift[1]
    for name, want in (("top", want_x), ("bottom", want_x), ("left", want_y), ("right", want_y)):
        assert readings[name + "_direct"] == pytest.approx(want, abs=0.01), (name, readings)
        assert readings[name] == pytest.approx(want, abs=0.05), (name, readings)  # by the vernier, to 0.1 mm


def test_calibrate_refuses_to_write_over_an_input_or_a_foreign_file(cli, tmp_path):
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF-1.4 someone else's file")
    run = cli("calibrate", "-o", other)
    assert run.returncode != 0 and "was not written by `cardengine calibrate`" in run.output
    assert other.read_bytes() == b"%PDF-1.4 someone else's file"
    mine = tmp_path / "cal.pdf"
    assert cli("calibrate", "-o", mine).returncode == 0
    assert cli("calibrate", "-o", mine, "--duplex", "short-edge").returncode == 0  # its own file: replaced
    bad = cli("calibrate", "-o", tmp_path / "x.pdf", "--back-offset", "nan,1")
    assert bad.returncode == 2 and "--back-offset takes X,Y" in bad.output
    assert cli("calibrate", "--sheet", "a3").returncode == 2  # a4 or letter: what home printers take


def test_calibrate_page_says_how_to_read_it_in_both_languages(pages):
    with pdfplumber.open(pages[("a4", "long-edge", "0,0")]) as pdf:
        text = pdf.pages[0].extract_text()
    assert "controluce" in text and "against the light" in text
    assert "--back-offset=X,Y" in text and "--duplex long-edge" in text
