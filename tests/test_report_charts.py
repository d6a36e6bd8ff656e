"""Report charts, checked on real output: PDFs written by reportlab, read back and rendered by pdfium,
and the SVG parsed as XML."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm

from cardengine.compare.charts.draw import OKABE_ITO, draw, split_heatmap, to_svg
from cardengine.compare.report.model import BarsSpec, HeatmapSpec, SlopeSpec

SVG_NS = "{http://www.w3.org/2000/svg}"
SCALE = 3  # pixels per point when rendering pages

HEATMAP = HeatmapSpec(
    title="Domini scelti per territorio",
    row_labels=("Benessere e welfare", "Ambiente costruito", "Mobilità", "Acqua"),
    col_labels=("Reggio Emilia", "Bologna", "Aosta"),
    values=((0.1, 0.5, 0.9), (0.3, None, 0.7), (0.0, 1.0, 0.4), (1.5, -0.2, 0.6)),  # last row: out of range
    value_format="{:.0%}",
    legend_label="Quota di tavoli",
    missing_label="n.d.",
)
BARS = BarsSpec(
    title="Criteri per territorio",
    categories=("Fattibilità", "Costo", "Impatto", "Equità", "Tempi"),
    series=(("Reggio Emilia", (3.2, 2.5, 4.1, None, 3.0)), ("Bologna", (4.5, 1.8, 3.3, 2.9, 5.0)),
            ("Aosta", (2.0, 3.8, 4.9, 3.5, 1.0))),
    axis_label="Punteggio medio",
    low=1,
    high=5,
    spread=((0.4, 0.3, 0.5, None, 0.2), (0.3, 0.2, 0.6, 0.4, 0.0), (0.5, 0.5, 0.1, 0.3, 0.4)),
)
SLOPE = SlopeSpec(
    title="Classifica delle carte",
    columns=("Uno", "Due", "Tre"),
    lines=(("Orti urbani", (1, 2, 1)), ("Piste ciclabili", (2, 1, 3)), ("Tetti verdi", (3, 3, 2)),
           ("Case di quartiere", (3, None, 4)), ("Bus a chiamata", (None, 4, None))),
    max_rank=5,
    axis_label="Posizione (1 = più scelta)",
)
TRICKY = 'Salute <e> "benessere" & città, è à ò'


class Pdf:
    """One chart drawn into a one-page PDF of its own size, with its text and a rendering."""

    def __init__(self, drawing: Drawing, path: Path):
        renderPDF.drawToFile(drawing, str(path))
        self.drawing = drawing
        self.page = pdfium.PdfDocument(str(path))[0]
        self.textpage = self.page.get_textpage()
        self.text = self.textpage.get_text_range()
        self.image = self.page.render(scale=SCALE).to_pil().convert("RGB")

    def box(self, text: str, occurrence: int = 0) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) in points of an occurrence of `text` on the page."""
        searcher = self.textpage.search(text, match_case=True, match_whole_word=True)
        for _ in range(occurrence + 1):
            found = searcher.get_next()
            assert found, f"{text!r} not found in {self.text!r}"
        start, count = found
        boxes = [self.textpage.get_charbox(i) for i in range(start, start + count)]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))

    def pixel(self, x: float, y: float) -> tuple[int, int, int]:
        """Colour at (x, y) in PDF points (y up from the bottom)."""
        return self.image.getpixel((int(x * SCALE), int((self.drawing.height - y) * SCALE)))

    def background(self, text: str, occurrence: int = 0) -> tuple[int, int, int]:
        """The most common colour just around `text`: the fill it is printed on."""
        left, bottom, right, top = self.box(text, occurrence)
        region = self.image.crop((int((left - 3) * SCALE), int((self.drawing.height - top - 1) * SCALE),
                                  int((right + 3) * SCALE), int((self.drawing.height - bottom + 1) * SCALE)))
        return max(region.getcolors(region.width * region.height))[1]

    def all_text_inside(self) -> bool:
        for i in range(self.textpage.count_chars()):
            left, bottom, right, top = self.textpage.get_charbox(i)
            if right > left and not (left >= -0.5 and right <= self.drawing.width + 0.5
                                     and bottom >= -0.5 and top <= self.drawing.height + 0.5):
                return False
        return True


def luminance(rgb: tuple[int, int, int]) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


@pytest.fixture
def pdf(tmp_path):
    def make(spec, width_mm: float = 160) -> Pdf:
        return Pdf(draw(spec, width_mm), tmp_path / "chart.pdf")
    return make


# ------------------------------------------------------------------------------------------- heatmap


def test_heatmap_pdf_has_every_label_and_the_title(pdf):
    chart = pdf(HEATMAP)
    for label in (HEATMAP.title, *HEATMAP.row_labels, *HEATMAP.col_labels, HEATMAP.legend_label, "n.d."):
        assert label in chart.text
    assert chart.all_text_inside()


def test_heatmap_higher_values_are_darker_and_missing_is_grey(pdf):
    chart = pdf(HEATMAP)
    shades = [luminance(chart.background(v)) for v in ("10%", "50%", "90%")]
    assert shades[0] > shades[1] > shades[2]
    missing = chart.background("n.d.")
    assert max(missing) - min(missing) < 8 and luminance(missing) > 180  # light, neutral grey


def test_heatmap_clamps_values_outside_low_high(pdf):
    chart = pdf(HEATMAP)
    # 150% looks like 100%, and -20% like 0%; the printed numbers stay true. (The legend prints
    # "0%" and "100%" first.)
    assert chart.background("150%") == chart.background("100%", occurrence=1)
    assert chart.background("-20%") == chart.background("0%", occurrence=1)


def test_heatmap_text_is_legible_on_its_cell(pdf):
    chart = pdf(HEATMAP)
    for value in ("10%", "90%"):
        left, bottom, right, top = chart.box(value)
        cell = luminance(chart.background(value))
        crop = chart.image.crop((int(left * SCALE), int((chart.drawing.height - top) * SCALE),
                                 int(right * SCALE), int((chart.drawing.height - bottom) * SCALE)))
        ink = max((c for _, c in crop.getcolors(crop.width * crop.height)),
                  key=lambda p: abs(luminance(p) - cell))  # the pixel least like the cell
        assert abs(luminance(ink) - cell) > 120


def test_heatmap_grows_with_rows_and_keeps_its_width():
    def spec(rows: int) -> HeatmapSpec:
        return HeatmapSpec(title="Carte", row_labels=tuple(f"Carta {i}" for i in range(rows)),
                           col_labels=tuple(f"Tavolo {j}" for j in range(12)),
                           values=tuple(tuple((i + j) % 10 / 10 for j in range(12)) for i in range(rows)),
                           value_format="{:.0%}", legend_label="Quota")
    small, large = draw(spec(20), 170), draw(spec(80), 170)
    assert small.width == pytest.approx(170 * mm) and large.width == pytest.approx(170 * mm)
    assert (large.height - small.height) / 60 >= 4.5 * mm - 1e-6  # rows stay readable
    assert draw(spec(1), 170).width == pytest.approx(170 * mm)


def test_long_labels_are_cut_with_an_ellipsis_inside_the_drawing(pdf):
    long_row = "Una voce lunghissima " * 8
    spec = HeatmapSpec(title="T " * 80, row_labels=(long_row, "Breve"), col_labels=("Colonna " * 10, "B"),
                       values=((0.5, 0.2), (None, 1.0)), value_format="{:.1f}", legend_label="L " * 100)
    chart = pdf(spec, 100)
    assert "…" in chart.text and "Breve" in chart.text
    assert chart.all_text_inside()
    left, _, right, _ = chart.box("Una voce")
    assert right - left <= 0.36 * 100 * mm


def test_narrow_columns_get_rotated_headings_that_stay_whole(pdf):
    names = tuple(f"Castelnovo{j}neimonti" for j in range(12))
    spec = HeatmapSpec(title="Ruotate", row_labels=("A",), col_labels=names, values=((0.5,) * 12,),
                       value_format="{:.1f}", legend_label="x")
    chart = pdf(spec, 160)
    for name in names:
        left, bottom, right, top = chart.box(name)
        assert top - bottom > right - left  # reads upwards
    assert chart.all_text_inside()


def test_split_heatmap_fits_blocks_into_a_page():
    spec = HeatmapSpec(title="Carte", row_labels=tuple(f"Carta {i}" for i in range(80)), col_labels=("A", "B"),
                       values=tuple((i / 80, None) for i in range(80)), value_format="{:.0%}", legend_label="Quota")
    parts = split_heatmap(spec, 160, 240)
    assert len(parts) == 2 and [len(p.row_labels) for p in parts] == [40, 40]
    assert parts[0].title == "Carte (1/2)" and parts[1].row_labels[0] == "Carta 40"
    assert all(draw(p, 160).height <= 240 * mm for p in parts)
    assert split_heatmap(spec, 160, 1000) == [spec]


# ---------------------------------------------------------------------------------------------- bars


def test_bars_pdf_has_every_label_and_the_title(pdf):
    chart = pdf(BARS)
    for label in (BARS.title, *BARS.categories, *(name for name, _ in BARS.series), BARS.axis_label, "4.9"):
        assert label in chart.text
    assert chart.all_text_inside()


def test_bar_series_have_different_palette_colours(pdf):
    chart = pdf(replace(BARS, spread=None))  # no whiskers between a bar's end and its value

    def bar_colour(value_label: str) -> tuple[int, int, int]:
        left, bottom, _right, top = chart.box(value_label)  # printed just after the bar's end
        return chart.pixel(left - 6, (bottom + top) / 2)

    first, second = bar_colour("3.2"), bar_colour("4.5")  # Fattibilità
    assert first != second

    def near(rgb, hex_colour):
        return all(abs(c - int(hex_colour[i:i + 2], 16)) < 12 for c, i in zip(rgb, (1, 3, 5), strict=False))
    assert near(bar_colour("1.8"), OKABE_ITO[1]) and near(bar_colour("3.8"), OKABE_ITO[2])


def test_bars_missing_value_has_no_bar_but_a_mark(pdf):
    chart = pdf(BARS)
    assert "–" in chart.text  # Reggio Emilia has no value for Equità
    _left, bottom, right, top = chart.box("–")
    assert luminance(chart.pixel(right + 8, (bottom + top) / 2)) > 240  # nothing drawn after it


def test_more_than_eight_series_is_refused():
    spec = BarsSpec(title="Troppi", categories=("A",), series=tuple((f"G{k}", (1.0,)) for k in range(9)),
                    axis_label="x", low=0, high=2)
    with pytest.raises(ValueError, match="9 series"):
        draw(spec, 160)
    eight = BarsSpec(title="Otto", categories=("A",), series=tuple((f"G{k}", (1.0,)) for k in range(8)),
                     axis_label="x", low=0, high=2)
    assert draw(eight, 160).width == pytest.approx(160 * mm)


# --------------------------------------------------------------------------------------------- slope


def test_slope_pdf_names_each_item_once_with_its_rank_per_group(pdf):
    # The rank comparison is a dot grid (one row per item, one column per group): each item is named
    # once, at the start of its row, and its row reads its rank in each group, "–" where it is not ranked.
    chart = pdf(SLOPE)
    for label in (SLOPE.title, SLOPE.axis_label, *SLOPE.columns):
        assert label in chart.text
    lines = chart.text.splitlines()
    for name, ranks in SLOPE.lines:
        assert chart.text.count(name) == 1
        row = next(line for line in lines if line.startswith(name))
        assert row[len(name):].split() == ["\u2013" if r is None else str(r) for r in ranks]
    assert chart.all_text_inside()


def test_slope_leaves_a_gap_where_an_item_is_not_ranked(pdf):
    spec = SlopeSpec(title="Gap", columns=("Uno", "Due", "Tre"),
                     lines=(("Salta", (1, None, 1)), ("Resta", (2, 2, 2))), max_rank=2, axis_label="Rank")
    chart = pdf(spec)
    x2 = (chart.box("Due")[0] + chart.box("Due")[2]) / 2

    def row_y(name: str) -> float:
        _, bottom, _, top = chart.box(name)
        return (bottom + top) / 2
    # A blue dot where the item is ranked (rank 2 of 2: the palest blue); only a small grey dash where it is not.
    ranked, unranked = chart.pixel(x2 + 3.5, row_y("Resta")), chart.pixel(x2 + 3.5, row_y("Salta"))
    assert ranked[2] - ranked[0] > 15
    assert max(unranked) - min(unranked) < 6 and luminance(unranked) > 230
    assert chart.text.count("Salta") == 1


def test_slope_tied_labels_do_not_overlap(pdf):
    spec = SlopeSpec(title="Pari", columns=("Uno", "Due"),
                     lines=(("Alfa", (1, 1)), ("Beta", (1, 2)), ("Gamma", (1, 3))), max_rank=3, axis_label="Rank")
    chart = pdf(spec)
    boxes = sorted(chart.box(name) for name in ("Alfa", "Beta", "Gamma"))  # left labels come first
    spans = sorted((b[1], b[3]) for b in boxes)
    assert all(lower[1] <= upper[0] + 0.5 for lower, upper in itertools.pairwise(spans))


def test_slope_grows_to_hold_more_tied_labels_than_ranks(pdf):
    spec = SlopeSpec(title="Folla", columns=("A", "B"), lines=tuple((f"Voce {k}", (2, 1)) for k in range(8)),
                     max_rank=2, axis_label="Rank")
    chart = pdf(spec, 100)
    assert all(f"Voce {k}" in chart.text for k in range(8))
    assert chart.all_text_inside()


def test_slope_rejects_ranks_beyond_max_rank():
    spec = SlopeSpec(title="x", columns=("A",), lines=(("a", (4,)),), max_rank=3, axis_label="r")
    with pytest.raises(ValueError, match="outside"):
        draw(spec, 100)


# ----------------------------------------------------------------------------------------------- svg


@pytest.mark.parametrize("spec", [HEATMAP, BARS, SLOPE], ids=["heatmap", "bars", "slope"])
def test_svg_is_an_inline_accessible_element(spec):
    drawing = draw(spec, 160)
    svg = to_svg(drawing)
    assert svg.startswith("<svg") and "<?xml" not in svg and "DOCTYPE" not in svg
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == spec.title
    assert root.find(f"{SVG_NS}title").text == spec.title
    assert root.get("width") == "100%" and root.get("height") is None
    assert [float(v) for v in root.get("viewBox").split()] == pytest.approx([0, 0, drawing.width, drawing.height],
                                                                             abs=0.01)
    assert "DejaVu Sans Condensed" in root.get("font-family") and "sans-serif" in root.get("font-family")
    assert "CardSans" not in svg
    assert not [e for e in root.iter() if "id" in e.attrib]  # several charts share one HTML page
    texts = svg_texts(svg)
    labels = {
        HeatmapSpec: lambda s: (*s.row_labels, *s.col_labels),
        BarsSpec: lambda s: (*s.categories, *(n for n, _ in s.series)),
        SlopeSpec: lambda s: (*s.columns, *(n for n, _ in s.lines)),
    }[type(spec)](spec)
    for label in (spec.title, *labels):
        assert label in texts


def test_svg_escapes_markup_and_keeps_accents(tmp_path):
    spec = HeatmapSpec(title=TRICKY, row_labels=(TRICKY[:20], "ò"), col_labels=("a & b", "<c>"),
                       values=((0.2, 0.4), (None, 1.0)), value_format="{:.0%}", legend_label='"q"')
    svg = to_svg(draw(spec, 170))
    assert "<e>" not in svg and "& " not in svg
    assert "&lt;e&gt;" in svg and "&amp;" in svg and "&quot;" in svg  # the quote is escaped in aria-label
    texts = svg_texts(svg)
    assert TRICKY in texts and "a & b" in texts and "<c>" in texts and "ò" in texts
    chart = Pdf(draw(spec, 170), tmp_path / "tricky.pdf")
    assert TRICKY in chart.text


def test_svg_text_keeps_its_anchor_and_measured_length():
    svg = to_svg(draw(HEATMAP, 160))
    root = ET.fromstring(svg)
    rows = [t for t in root.iter(f"{SVG_NS}text") if t.text in HEATMAP.row_labels]
    assert rows and all(t.get("text-anchor") == "end" and float(t.get("textLength")) > 0 for t in rows)
    assert len({t.get("x") for t in rows}) == 1  # right-aligned on one edge, whatever the browser's font
