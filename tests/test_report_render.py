"""Both renderers of a comparison Report, checked on their real output: HTML parsed, PDF opened with pdfium."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import ClassVar

import pypdfium2 as pdfium
import pytest

from cardengine.compare.report.model import BarsSpec, Chart, HeatmapSpec, Paragraph, Report, Section, SlopeSpec, Table

GROUPS = ("Bologna – Navile", "Ca' Foscari & Dorsoduro", "Città <Alta>")
BANNER = "DATI DI ESEMPIO: non usare per decisioni reali"
WIDE_COLS = 30
LONG_ROWS = 120


def sample_report() -> Report:
    """A small report with every block kind, accents and <&> in the text, a wide and a long table."""
    domains = ("Acqua", "Mobilità", "Energia & clima", "Verde <urbano>", "Abitare")
    heatmap = HeatmapSpec(
        title="Quota di tavoli che ha scelto il dominio",
        row_labels=domains, col_labels=GROUPS,
        values=((0.5, 1.0, None), (0.25, 0.0, 0.75), (1.0, 0.5, 0.5), (0.0, 0.25, 1.0), (0.75, None, 0.5)),
        value_format="{:.0%}", legend_label="Quota di tavoli")
    cards_heatmap = HeatmapSpec(  # taller than a page: the PDF scales it down
        title="Carte scelte per territorio",
        row_labels=tuple(f"Carta {i:02d} – città più verde" for i in range(1, 41)), col_labels=GROUPS,
        values=tuple(((i % 5) / 4, ((i * 3) % 5) / 4, None if i % 7 == 0 else ((i * 2) % 5) / 4)
                     for i in range(1, 41)),
        value_format="{:.0%}", legend_label="Quota di tavoli")
    criteria = ("Costo", "Tempi", "Consenso sociale", "Impatto ambientale")
    bars = BarsSpec(
        title="Fattibilità media per criterio",
        categories=criteria,
        series=tuple((g, (3.2 + i * 0.4, 2.5, None if i == 1 else 4.0 - i * 0.3, 3.0)) for i, g in enumerate(GROUPS)),
        axis_label="Punteggio medio (1–5)", low=1.0, high=5.0,
        spread=tuple((0.4, 0.6, None if i == 1 else 0.3, 0.8) for i in range(len(GROUPS))))
    slope = SlopeSpec(
        title="Classifica delle proposte",
        columns=GROUPS,
        lines=(("Piazza dell'acqua", (1, 2, 3)), ("Bici & tram", (2, 1, None)), ("Tetti verdi", (3, 3, 1)),
               ("Case <popolari>", (None, 4, 2))),
        max_rank=4, axis_label="Posizione")

    domain_table = Table(
        caption="Domini scelti: quota di tavoli per territorio",
        columns=("Dominio", *GROUPS),
        rows=tuple((d, *tuple(f"{(i * 17 + j * 23) % 100} %" for j in range(len(GROUPS))))
                   for i, d in enumerate(domains)),
        align=("l", "r", "r", "r"), csv="domini.csv", note="Percentuale dei tavoli che hanno scelto almeno una carta.")
    long_rows = tuple(
        (f"Carta {i:03d}", f"Proposta {i}: più alberi & panchine <lungo> il viale, con una descrizione abbastanza "
         f"lunga da andare a capo nella cella", f"{i % 5 + 1},{i % 10}", f"{(i * 7) % 100} %")
        for i in range(1, LONG_ROWS))
    long_rows += (("Carta 120", "Ultima proposta: piazza finale", "9,87", "UR-fine"),)
    long_table = Table(
        caption="Tutte le carte con il punteggio medio", columns=("Carta", "Proposta", "Punteggio", "Quota"),
        rows=long_rows, align=("l", "l", "r", "r"), csv="carte.csv")
    wide_columns = ("Carta", *tuple(f"Tavolo {i:02d}" for i in range(1, WIDE_COLS - 1)), "Ultimo tavolo")
    wide_rows = tuple((f"Carta n. {r} – Giardini <condivisi> & orti",
                       *tuple(f"{r * c % 5 + 1},{c % 10}" for c in range(1, WIDE_COLS - 1)), f"WC-{r}")
                      for r in range(1, 9))
    wide_table = Table(caption="Punteggi per tavolo", columns=wide_columns, rows=wide_rows,
                       align=("l",) + ("r",) * (WIDE_COLS - 1), csv="punteggi_tavoli.csv")
    disagreement = Table(
        caption="Disaccordi più forti", columns=("Carta", "Criterio", "Scarto"),
        rows=(("Bici & tram", "Costo", "2,5"), ("Case <popolari>", "Consenso sociale", "2,0")),
        align=("l", "l", "r"), note="Scarto = differenza tra il punteggio più alto e il più basso.")

    sections = (
        Section("domini", "Domìni e carte scelte", "Quali domìni ha scelto ciascun territorio & perché.",
                (Paragraph("I tavoli di «Città <Alta>» hanno scelto più carte sul verde."),
                 Chart("domain-heatmap", "Figura 1 – Domini per territorio", heatmap, csv="domini.csv",
                       note="Celle vuote: territorio senza tavoli su quel dominio."),
                 domain_table,
                 Chart("card-heatmap", "Figura 2 – Carte per territorio", cards_heatmap, csv="carte.csv"))),
        Section("fattibilita", "Fattibilità per criterio", "Punteggi medi da 1 a 5.",
                (Chart("criteria-bars", "Figura 3 – Fattibilità per criterio", bars, csv="criteri.csv"),
                 disagreement)),
        Section("classifiche", "Classifiche e proposte", "",
                (Chart("rank-slope", "Figura 4 – Classifiche a confronto", slope), long_table)),
        Section("tavoli", "Accordo tra i tavoli", "Un punteggio per tavolo: la tabella è larga.",
                (wide_table, Paragraph("Fine della sezione."))),
    )
    return Report(
        title="Confronto tra laboratori – Quartieri <&> città",
        subtitle="3 territori · 6 laboratori · 14 tavoli",
        lang="it", groups=GROUPS, group_by="territory", sections=sections,
        sources=(("navile.db", "Laboratorio Navile", GROUPS[0], "2024-03-02", "5"),
                 ("dorsoduro.db", "Laboratorio Dorsoduro", GROUPS[1], "2024-03-09", "4"),
                 ("alta.db", "Laboratorio Città Alta", GROUPS[2], "2024-04-13", "5")),
        source_columns=("File", "Titolo", "Territorio", "Data", "Tavoli"),
        methods=("La quota è il numero di tavoli che hanno scelto la carta diviso il numero di tavoli.",
                 "Lo scarto è la differenza tra punteggio massimo e minimo di una carta."),
        example_banner=BANNER, generated_by="cardengine 0.1.0 compare",
        warnings=("alta.db: 2 tavoli senza punteggi <incompleti>.",))


def all_text(report: Report) -> list[str]:
    """Every piece of text the renderers must show."""
    out = [report.title, report.subtitle, report.example_banner, *report.groups, *report.methods, *report.warnings]
    for s in report.sections:
        out += [s.title, s.intro]
        for b in s.blocks:
            if isinstance(b, Paragraph):
                out.append(b.text)
            elif isinstance(b, Chart):
                out += [b.caption, b.note]
            else:
                out += [b.caption, b.note, *b.columns, *(cell for row in b.rows for cell in row)]
    return [t for t in out if t]


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report()


# ------------------------------------------------------------------------------------------------ HTML

class _Collect(HTMLParser):
    VOID: ClassVar[set[str]] = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def html(report) -> str:
    from cardengine.compare.render.html import render_html

    return render_html(report)


@pytest.fixture(scope="module")
def parsed(html) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser


def test_html_is_well_formed(parsed):
    assert parsed.errors == [] and parsed.stack == []
    assert parsed.tags[0] == ("html", {"lang": "it"})


def test_html_shows_all_text(report, parsed):
    text = " ".join(" ".join(parsed.text).split())
    missing = [t for t in all_text(report) if " ".join(t.split()) not in text]
    assert missing == []
    for c in report.source_columns + tuple(cell for row in report.sources for cell in row):
        assert c in text


def test_html_escapes_markup_characters(html):
    assert "Città &lt;Alta&gt;" in html and "Città <Alta>" not in html
    assert "Ca&#39;" in html or "Ca&#x27;" in html
    assert "Quartieri &lt;&amp;&gt; città" in html


def test_html_has_one_svg_per_chart_with_caption_and_anchor(report, html, parsed):
    from cardengine.compare.render.html import _svgs
    charts = report.charts()
    # A chart taller than a printed page comes as several <svg> pieces (issue 13): one per piece.
    pieces = sum(len(_svgs(chart)) for chart in charts)
    assert pieces >= len(charts)
    assert html.count("<svg") == pieces == sum(1 for tag, _ in parsed.tags if tag == "svg")
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    for chart in charts:
        assert chart.id in ids
    for section in report.sections:
        assert section.id in ids


def test_html_is_self_contained(html, parsed):
    assert "<script" not in html.lower()
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "xlink:href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?(https?:|//)", html)


def test_html_links_toc_and_csv(report, parsed):
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a" and "href" in attrs]
    for section in report.sections:
        assert f"#{section.id}" in hrefs
    assert "punteggi_tavoli.csv" in hrefs and "domini.csv" in hrefs


def test_html_banner_and_number_alignment(html):
    assert re.search(r'<div class="banner"[^>]*>' + re.escape(BANNER), html)
    assert html.index(BANNER) < html.index("<h1>")
    assert '<td class="r">9,87</td>' in html and '<th scope="col" class="r">Ultimo tavolo</th>' in html
    assert "@page" in html and "table-header-group" in html


# ------------------------------------------------------------------------------------------------- PDF

@pytest.fixture(scope="module")
def pdf_bytes(report) -> bytes:
    from cardengine.compare.render.pdf import render_pdf

    return render_pdf(report)


@pytest.fixture(scope="module")
def pages(pdf_bytes) -> list[str]:
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        out = []
        for page in pdf:
            text = page.get_textpage().get_text_range()
            out.append(" ".join(text.replace("\r", " ").split()))
        return out
    finally:
        pdf.close()


def test_pdf_banner_title_and_page_number_on_every_page(report, pages):
    assert 6 <= len(pages) <= 30
    for number, text in enumerate(pages, start=1):
        assert BANNER in text, number
        assert f"pagina {number}" in text
        assert report.title in text


def test_pdf_holds_the_report_text(report, pages):
    text = " ".join(pages)
    for needed in [*report.groups, *(s.title for s in report.sections), *(c.caption for c in report.charts()),
                   *(c.spec.title for c in report.charts()),
                   report.subtitle, "Fonti", "Metodi", "Avvertenze"]:
        assert needed in text, needed


def test_pdf_tables_are_not_clipped(pages):
    text = " ".join(pages)
    assert "Carta 120 Ultima proposta: piazza finale 9,87 UR-fine" in text  # the long table's last row
    assert "Ultimo tavolo" in text and "WC-8" in text  # the wide table's last column, last row
    for r in range(1, 9):
        assert f"WC-{r}" in text
    assert text.count("Carta n. 8 – Giardini <condivisi> & orti") >= 2  # the label column repeats per chunk
    assert "colonne 2–" in text and "di 30)" in text


def test_pdf_sections_start_pages_and_have_bookmarks(report, pdf_bytes, pages):
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        toc = [(b.get_title(), b.get_dest().get_index()) for b in pdf.get_toc()]
        meta = pdf.get_metadata_dict()
    finally:
        pdf.close()
    titles = [f"{n}. {s.title}" for n, s in enumerate(report.sections, start=1)]
    assert [title for title, _ in toc] == [*titles, "Fonti", "Metodi", "Avvertenze"]
    starts = [index for _, index in toc[:len(titles)]]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for (title, index) in toc[:len(titles)]:
        assert title in pages[index] and title in pages[0]  # the title page lists every section
    assert meta["Title"] == report.title and meta["Subject"] == report.subtitle and meta["Author"]


def test_pdf_embeds_only_the_bundled_fonts(pdf_bytes):
    fonts = set(re.findall(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", pdf_bytes))
    assert fonts
    for name in fonts:
        assert re.fullmatch(rb"[A-Z]{6}\+DejaVuSans[A-Za-z-]*", name) or b"CardSans" in name, name
    assert b"Helvetica" not in pdf_bytes and b"Times" not in pdf_bytes and b"Courier" not in pdf_bytes


def test_pdf_wide_table_chunks_repeat_labels_and_fit(report):
    from cardengine.compare.render.pdf_style import FRAME_W
    from cardengine.compare.render.pdf_tables import table_layout as _table_layout

    wide = report.sections[3].blocks[0]
    layout = _table_layout(wide, FRAME_W)
    assert len(layout) >= 2
    seen = []
    for cols, widths in layout:
        assert cols[0] == 0 and len(cols) == len(widths) and sum(widths) <= FRAME_W + 0.01
        seen += cols[1:]
    assert seen == list(range(1, WIDE_COLS))
    long = report.sections[2].blocks[1]
    assert len(_table_layout(long, FRAME_W)) == 1


def test_pdf_charts_fit_one_page(report):
    from cardengine.compare.render.pdf_charts import chart_drawing as _chart_drawing
    from cardengine.compare.render.pdf_style import CHART_RESERVE, FRAME_H, FRAME_W

    scaled = 0
    for chart in report.charts():
        drawing = _chart_drawing(chart)
        width, height = drawing.wrap(FRAME_W, FRAME_H)
        assert width <= FRAME_W + 0.01 and height <= FRAME_H - CHART_RESERVE + 0.01, chart.id
        assert width / height == pytest.approx(drawing.width / drawing.height)
        scaled += drawing.renderScale < 1
    assert scaled >= 1  # the 40-row heatmap is taller than a page


def test_odd_reports_render():
    """No banner, sources or methods; an empty table; a wide text-only table; a huge word; English labels."""
    from cardengine.compare.render.html import render_html
    from cardengine.compare.render.pdf import render_pdf

    huge = "Supercalifragilistichespiralidoso" * 8
    text_cols = tuple(f"Note {i}" for i in range(12))
    report = Report(
        title="Empty", subtitle="", lang="en", groups=(), group_by="workshop",
        sections=(Section("only", "Only section", "", (
            Table("No rows", ("A", "B"), (), ("l", "r")),
            Table("Text only", text_cols, ((huge, *tuple(f"a rather long remark number {i}" for i in range(11))),),
                  ("l",) * 12),
        )),),
        sources=(), source_columns=(), methods=())
    html = render_html(report)
    assert "Only section" in html and 'class="banner"' not in html and "Sources" not in html
    pdf = pdfium.PdfDocument(render_pdf(report))
    try:
        text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)
        assert [b.get_title() for b in pdf.get_toc()] == ["1. Only section"]
    finally:
        pdf.close()
    assert "page 2" in text and "No rows" in text and "a rather long remark number 10" in text
