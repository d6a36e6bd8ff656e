"""Charts that scale (issue 13, deliverable 9): the rank comparison stays readable from 2 to 40 groups, heatmap
text is at least 9 px in the HTML at a 1,400 px window and no number is cut, and the charts draw what rests
behind each figure: n, pale figures on too few tables, and confidence intervals beside the ± SD whiskers.

Label boxes are computed from the Drawing's own String objects (reportlab's font metrics, every group
transform applied); sizes in the HTML from the written SVG and the width the report's template gives it.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Line, String
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from cardengine.compare.charts.draw import draw, to_svg
from cardengine.compare.render.html import CHART_WIDTH_MM, TEMPLATE_DIR
from cardengine.compare.render.pdf import render_pdf
from cardengine.compare.report.model import BarsSpec, Chart, HeatmapSpec, Report, Section, SlopeSpec

SVG = "{http://www.w3.org/2000/svg}"
LONG_GROUP = "Abbiategrasso 2022-05-18 · Centro e stazione"
LONG_CARD = "WW-09 Plastic-free offices and shop floors in the whole industrial district and the station area"


def _matrix(a: tuple, b: tuple) -> tuple:
    """a then b, as affine matrices (a applied last), in reportlab's (a, b, c, d, e, f) form."""
    return (a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1], a[0] * b[2] + a[2] * b[3],
            a[1] * b[2] + a[3] * b[3], a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5])


def strings(drawing: Drawing) -> list[tuple[String, tuple]]:
    """Every String of the drawing with the transform that places it on the page."""
    out: list[tuple[String, tuple]] = []

    def walk(node, m: tuple) -> None:
        if isinstance(node, Group):
            here = _matrix(m, tuple(node.transform))
            for child in node.contents:
                walk(child, here)
        elif isinstance(node, String):
            out.append((node, m))
    for node in drawing.contents:
        walk(node, (1, 0, 0, 1, 0, 0))
    return out


def box(s: String, m: tuple) -> tuple[float, float, float, float]:
    """The ink box of a string on the page: its measured width and the font's ascent and descent."""
    w = stringWidth(s.text, s.fontName, s.fontSize)
    x0 = s.x - {"start": 0, "middle": w / 2, "end": w}[s.textAnchor]
    ascent, descent = getAscentDescent(s.fontName, s.fontSize)
    corners = [(x, y) for x in (x0, x0 + w) for y in (s.y + descent * 0.8, s.y + ascent * 0.8)]
    points = [(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x, y in corners]
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
            max(p[1] for p in points))


def overlaps(drawing: Drawing) -> list[tuple[str, str]]:
    placed = sorted((box(s, m), s.text) for s, m in strings(drawing) if s.text.strip())
    clashes = []
    for i, (a, ta) in enumerate(placed):
        for b, tb in placed[i + 1:]:
            if b[0] >= a[2] - 0.2:  # sorted by left edge: nothing further right can touch `a`
                break
            if min(a[3], b[3]) - max(a[1], b[1]) > 0.2 and min(a[2], b[2]) - max(a[0], b[0]) > 0.2:
                clashes.append((ta, tb))
    return clashes


def rank_spec(groups: int, seed: int = 7) -> SlopeSpec:
    rng = random.Random(seed)
    columns = tuple(f"{LONG_GROUP} {j}" if j % 3 == 0 else f"Gruppo {j}" for j in range(groups))
    lines = tuple((f"{LONG_CARD} {i}" if i % 4 == 0 else f"CL-{i:02d} Orti urbani",
                   tuple(rng.choice([None, *range(1, 13)]) for _ in columns)) for i in range(12))
    # Ties too: several items share rank 1 in a group, the case where slope labels piled up.
    lines = ((lines[0][0], tuple(1 for _ in columns)), (lines[1][0], tuple(1 for _ in columns)), *lines[2:])
    counts = tuple(tuple(None if r is None else rng.randint(1, 12) for r in ranks) for _, ranks in lines)
    return SlopeSpec("Rank of the leading cards, per group", columns, lines, 12, "rank (1 = most feasible)",
                     counts=counts)


@pytest.mark.parametrize("groups", [2, 8, 12, 20, 40])
@pytest.mark.parametrize("width_mm", [260, 160])
def test_rank_chart_labels_never_overlap(groups, width_mm):
    spec = rank_spec(groups)
    drawing = draw(spec, width_mm)
    assert overlaps(drawing) == []
    for s, m in strings(drawing):
        left, bottom, right, top = box(s, m)
        assert left >= -0.5 and right <= drawing.width + 0.5 and bottom >= -0.5 and top <= drawing.height + 0.5, s.text
    texts = [s.text for s, _ in strings(drawing)]
    # Every rank is printed, once per ranked cell; every group and card is named, whole.
    key_dots = len({1, (spec.max_rank + 1) // 2, spec.max_rank})
    ranked = sorted(r for _, rk in spec.lines for r in rk if r is not None)
    assert sorted(int(t) for t in texts if t.isdigit()) == sorted([*ranked, 1, (spec.max_rank + 1) // 2,
                                                                   spec.max_rank][:len(ranked) + key_dots])
    assert Counter(t for t in texts if t.startswith("n=")) == Counter(
        f"n={n}" for row in spec.counts for n in row if n is not None)
    joined = " ".join(texts)
    for name in (*spec.columns, *(label for label, _ in spec.lines)):
        assert all(word in joined.split() for word in name.split()), name
    assert "\u2026" not in joined  # nothing cut


def _content_width_px(window: int = 1400) -> float:
    """The width the report template gives a chart at a `window`-pixel-wide browser window: the body's
    max-width (box-sizing: border-box) less its side padding, read from the template's CSS."""
    css = (Path(TEMPLATE_DIR) / "report.html.j2").read_text(encoding="utf-8")
    body = re.search(r"\nbody \{(.*?)\}", css, re.S).group(1)
    max_width = float(re.search(r"max-width:\s*(\d+)px", body).group(1))
    padding = re.search(r"padding:\s*([\d.]+)(rem|px)?\s+([\d.]+)(rem|px)", body)
    side = float(padding.group(3)) * (16 if padding.group(4) == "rem" else 1)
    assert re.search(r"\* \{ box-sizing: border-box; \}", css)
    assert ".chart-box svg { display: block; max-width: 100%; height: auto; }" in css
    return min(window, max_width) - 2 * side


def heat_spec(columns: int, rows: int = 6) -> HeatmapSpec:
    rng = random.Random(columns)
    cols = tuple(f"{LONG_GROUP} {j}" for j in range(columns))
    labels = tuple(LONG_CARD if i == 0 else f"Card {i}" for i in range(rows))
    values = tuple(tuple(1.0 if (i + j) % 5 == 0 else rng.random() for j in range(columns)) for i in range(rows))
    counts = tuple(tuple(rng.randint(1, 14) for _ in range(columns)) for _ in range(rows))
    return HeatmapSpec("Share of tables", labels, cols, values, "{:.0%}", "share of tables", counts=counts,
                       faint=tuple(tuple(n < 2 for n in row) for row in counts))


@pytest.mark.parametrize("columns", [3, 15, 40])
def test_heatmap_text_is_at_least_9px_in_the_html_and_every_number_whole(columns):
    spec = heat_spec(columns, rows=4)
    svg = ET.fromstring(to_svg(draw(spec, CHART_WIDTH_MM)))
    px_per_unit = _content_width_px() / float(svg.get("viewBox").split()[2])
    sizes = []
    for t in svg.iter(f"{SVG}text"):
        size = float(re.search(r"font-size:\s*([\d.]+)px", t.get("style")).group(1))
        sizes.append(size * px_per_unit)
    assert min(sizes) >= 9.0
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    for row in spec.values:
        for v in row:
            assert f"{v:.0%}" in texts  # printed whole, not "10…"
    assert all(f"n={n}" in texts for row in spec.counts for n in row)
    joined = " ".join(texts).split()
    assert all(word in joined for word in LONG_CARD.split())  # the long row label is wrapped, not cut


def test_heatmap_in_the_pdf_report_prints_at_full_size(tmp_path):
    """A heatmap of 60 cards with n in each cell is taller than a page: the PDF splits it into row blocks
    instead of shrinking it, so its numbers print at their full 7 pt (the legend at 6.5 pt), never scaled down."""
    spec = heat_spec(5, rows=60)
    report = Report("R", "", "en", spec.col_labels, "table",
                    (Section("cards", "Cards", "", (Chart("cards", spec.title, spec),)),), (), (), ())
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(report))
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        cells = [c for page in pdf.pages for c in page.chars if c["text"] == "%"]
        assert cells and min(c["size"] for c in cells) >= 6.45  # as drawn: 7 pt cells, 6.5 pt legend
        numbers = "".join(page.extract_text() for page in pdf.pages)
    assert "Share of tables (1/" in numbers


def _pdf(drawing: Drawing, path: Path):
    renderPDF.drawToFile(drawing, str(path))
    page = pdfium.PdfDocument(str(path))[0]
    return page, page.get_textpage(), page.render(scale=3).to_pil().convert("RGB")


def _fill_behind(page, textpage, image, text: str, height: float) -> tuple[int, int, int]:
    found = textpage.search(text, match_case=True, match_whole_word=True).get_next()
    assert found, text
    boxes = [textpage.get_charbox(i) for i in range(found[0], found[0] + found[1])]
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    region = image.crop((int((left - 3) * 3), int((height - top - 1) * 3), int((right + 3) * 3),
                         int((height - bottom + 1) * 3)))
    return max(region.getcolors(region.width * region.height))[1]


def test_faint_heatmap_cells_are_pale(tmp_path):
    # Two cells of the same value: the one on too few tables is drawn paler.
    spec = HeatmapSpec("Faint", ("A", "B"), ("G1", "G2"), ((0.81, 0.8), (0.2, 0.3)), "{:.0%}", "share",
                       counts=((5, 1), (4, 4)), faint=((False, True), (False, False)))
    drawing = draw(spec, 120)
    page, textpage, image = _pdf(drawing, tmp_path / "faint.pdf")
    solid = _fill_behind(page, textpage, image, "81%", drawing.height)
    pale = _fill_behind(page, textpage, image, "80%", drawing.height)
    assert sum(pale) > sum(solid) + 150
    text = textpage.get_text_range()
    assert "n=1" in text and "n=5" in text and "fewer tables than the minimum" in text


def test_faint_bars_are_pale_and_show_n(tmp_path):
    spec = BarsSpec("Bars", ("Cost",), (("G1", (4.0,)), ("G2", (4.0,))), "mean", 1, 5,
                    counts=((6,), (1,)), faint=((False,), (True,)))
    drawing = draw(spec, 120)
    _page, textpage, image = _pdf(drawing, tmp_path / "bars.pdf")
    text = textpage.get_text_range()
    assert "n=6" in text and "n=1" in text
    searcher = textpage.search("4.0", match_case=True)
    solid_box = [textpage.get_charbox(i) for i in range(*_span(searcher.get_next()))]
    pale_box = [textpage.get_charbox(i) for i in range(*_span(searcher.get_next()))]

    def bar_pixel(boxes) -> tuple[int, int, int]:  # a little left of the value, inside the bar
        x, y = boxes[0][0] - 8, (boxes[0][1] + boxes[0][3]) / 2
        return image.getpixel((int(x * 3), int((drawing.height - y) * 3)))
    assert sum(bar_pixel(pale_box)) > sum(bar_pixel(solid_box)) + 150


def _span(found) -> tuple[int, int]:
    assert found
    return found[0], found[0] + found[1]


def test_confidence_intervals_are_drawn_apart_from_sd_and_named_in_the_key():
    spec = BarsSpec("Criteria", ("Cost", "Time"), (("G1", (3.0, 2.0)), ("G2", (4.0, None))), "mean", 1, 5,
                    spread=((0.5, 0.25), (1.0, None)), interval=(((2.5, 3.25), (1.5, 2.75)), ((3.0, 4.5), None)))
    drawing = draw(spec, 160)
    texts = {s.text: (s, m) for s, m in strings(drawing)}
    # The axis, from its own tick labels: value -> x on the page.
    (one, m1), (five, m5) = texts["1"], texts["5"]
    x1, x5 = one.x + m1[4], five.x + m5[4]

    def x_of(v: float) -> float:
        return x1 + (v - 1) / 4 * (x5 - x1)

    lines = []

    def walk(node, m):
        if isinstance(node, Group):
            for child in node.contents:
                walk(child, _matrix(m, tuple(node.transform)))
        elif isinstance(node, Line):
            lines.append((node, node.x1 + m[4], node.x2 + m[4]))
    for node in drawing.contents:
        walk(node, (1, 0, 0, 1, 0, 0))
    horizontal = [(ln, a, b) for ln, a, b in lines if abs(ln.y1 - ln.y2) < 1e-6 and b > a]
    widths = {}
    for ln, a, b in horizontal:
        widths.setdefault(round(ln.strokeWidth, 2), []).append((a, b))

    def covered(width: float, lo: float, hi: float) -> bool:
        # A whisker may be drawn in two pieces (inside and outside the bar): join touching pieces.
        pieces = sorted(widths.get(round(width, 2), []))
        return any(abs(a - x_of(lo)) < 0.5 for a, _ in pieces) and any(abs(b - x_of(hi)) < 0.5 for _, b in pieces)

    ci_width = max(widths)  # the interval is the thick one
    sd_width = min(w for w in widths if w > 0.6 and w != ci_width)
    assert ci_width >= 2 * sd_width
    for lo, hi in ((2.5, 3.25), (1.5, 2.75), (3.0, 4.5)):
        assert covered(ci_width, lo, hi), (lo, hi)
    for lo, hi in ((2.5, 3.5), (1.75, 2.25), (3.0, 5.0)):
        assert covered(sd_width, lo, hi), (lo, hi)
    assert "95% confidence interval (bootstrap)" in texts and "± standard deviation between tables" in texts
    svg = to_svg(drawing)
    assert "[2.5; 3.2]" in svg or "[2.5; 3.3]" in svg  # the interval is in the value's tooltip too


def test_chart_keys_speak_the_report_language():
    spec = BarsSpec("Criteri", ("Costo",), (("G1", (3.0,)),), "media", 1, 5, spread=((0.5,),),
                    interval=(((2.5, 3.5),),), counts=((3,),), decimal=",", lang="it")
    texts = {s.text for s, _ in strings(draw(spec, 160))}
    assert {"± deviazione standard tra i tavoli", "intervallo di confidenza al 95% (bootstrap)",
            "n = tavoli su cui poggia il valore", "3,0"} <= texts
    ranks = {s.text for s, _ in strings(draw(SlopeSpec("R", ("A", "B"), (("x", (1, None)),), 1, "posizione",
                                                       counts=((2, None),), lang="it"), 160))}
    assert "n=2" in ranks and "– non in classifica" in ranks and "più scuro = posizione più alta" in ranks


def test_tooltips_keep_hostile_text_as_text():
    # A cut label keeps its whole text in a tooltip: markup in it stays text, and the drawn text is unchanged.
    hostile = '<script>alert("x")</script> & ' + "parola " * 60
    spec = HeatmapSpec("T", (hostile, "B"), ("G1", "G2"), ((0.5, None), (1.0, 0.0)), "{:.0%}", "q",
                       counts=((3, None), (1, 2)))
    svg = to_svg(draw(spec, 120))
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    tips = [t.text for g in root.iter(f"{SVG}g") for t in g.findall(f"{SVG}title")]
    assert hostile in tips and "B · G1: 100% (n=1)" in tips
    drawn = [t.text for t in root.iter(f"{SVG}text")]
    assert any(t and t.startswith("<script>") for t in drawn) and "n=3" in drawn
