"""The report's Methods section (issue 13, deliverable 8): present in the HTML and the PDF in both languages,
naming every measure and edge rule, with formulas set as MathML in the HTML and as set text (italic
variables, sub/superscripts) in the PDF, and the comparison's settings (bootstrap, seed, --min-tables) in
its sentences.

One hand-made comparison (tests/test_comparison.py's small set), built in memory; each language rendered
once per module. The HTML is parsed, the MathML read as XML, the PDF read back with pdfplumber.
"""

from __future__ import annotations

import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import pdfplumber
import pypdfium2
import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.render.html import render_html
from cardengine.compare.render.pdf import render_pdf
from cardengine.compare.report.build import build_report
from cardengine.compare.run import load_facts

from .test_comparison import bundled, small_set  # noqa: F401  (fixtures)

MATHML = "{http://www.w3.org/1998/Math/MathML}"

# Every measure and edge rule of deliverable 8, as the section names it in each language.
NAMED = {
    "en": ["table instance", "pools the table instances of all its workshops", "pick rate",
           "cards picked per table", "share of tables", "mean card pick rate",
           "consensus 'not assessed'", "weighted zero is left out", "no score (not zero)", "Normalisation",
           "sample standard deviation (n − 1)", "competition ranking: 1, 2, 2, 4", "Disagreement",
           "Within a group", "Between groups", "Jaccard", "When neither picked any card the index is undefined",
           "Kendall's W", "correction for ties", "chi-square", "n − 1 degrees of freedom",
           "fewer than three common cards W is not tested", "Spearman", "three or more cards in common",
           "Bootstrap", "percentile", "with replacement", "No interval for groups with fewer than two tables",
           "--min-tables", "SDG coverage", "Means by stakeholder type", "individual values", "Comments",
           "barrier, enabler, question, quote", "SHA-256", "UUID", "different criteria sets", "unrounded",
           "Participants are counted per group and stakeholder type", "never picked", "Priority domains"],
    "it": ["istanza di tavolo", "riunisce le istanze di tavolo di tutti i suoi workshop", "quota di scelta",
           "carte scelte per tavolo", "quota di tavoli", "quota di scelta media delle sue carte",
           "«non valutato» deciso per consenso", "peso zero resta fuori", "non ha punteggio (non zero)",
           "Normalizzazione", "deviazione standard campionaria (n − 1)", "classifica «sportiva»: 1, 2, 2, 4",
           "Disaccordo", "Entro un gruppo", "Tra gruppi", "Jaccard", "l'indice non è definito",
           "W di Kendall", "correzione per i pareggi", "chi quadrato", "n − 1 gradi di libertà",
           "meno di tre carte comuni W non è sottoposto a test", "Spearman", "almeno tre carte in comune",
           "bootstrap", "percentile", "con reinserimento", "Nessun intervallo per gruppi con meno di due tavoli",
           "--min-tables", "Copertura degli SDG", "Medie per tipo di portatore di interesse",
           "valori individuali", "Commenti", "ostacolo, fattore abilitante, domanda, citazione", "SHA-256",
           "UUID", "insiemi di criteri diversi", "non arrotondati",
           "I partecipanti si contano per gruppo e per tipo", "non è mai scelta", "Domini prioritari"],
}
TITLE = {"en": "Methods", "it": "Metodi"}


@pytest.fixture(scope="module")
def comparison(small_set):  # noqa: F811
    return compare(load_facts(small_set), "territory")


@pytest.fixture(scope="module", params=["en", "it"])
def rendered(request, comparison):
    lang = request.param
    report = build_report(comparison, lang)
    return lang, report, render_html(report), _pdf_methods(render_pdf(report))


def _flat(text: str) -> str:
    """Text without spaces, hyphens and line breaks: the PDF wraps and hyphenates where it likes."""
    return re.sub(r"[\s\-\u00ad‐]", "", unicodedata.normalize("NFC", text)).casefold()


class _Section(HTMLParser):
    """The text of <section id="methods"> and the raw source of each <math> element in it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.headings: list[str] = []
        self._heading = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == "section"
        elif tag == "section" and ("id", "methods") in attrs:
            self.depth = 1
        self._heading = bool(self.depth) and tag == "h2"

    def handle_endtag(self, tag):
        if self.depth and tag == "section":
            self.depth -= 1
        self._heading = False

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self._heading:
                self.headings.append(data)


def _methods_html(html: str) -> str:
    start = html.find('<section id="methods"')
    return html[start:html.index("</section>", start)] if start >= 0 else ""


def _formula_lines(page) -> list[str]:
    """Each displayed formula of a pdfplumber page on one line: the characters level with its number "(n)" at
    the right margin (set on the formula's baseline), left to right; sub- and superscripts sit a few points
    off the baseline."""
    lines = []
    for word in page.extract_words():
        if re.fullmatch(r"\(\d+\)", word["text"]) and word["x0"] > page.width * 0.8:
            band = [c for c in page.chars if c["x1"] <= word["x0"] and c["top"] >= word["top"] - 8
                    and c["bottom"] <= word["bottom"] + 16]
            lines.append("".join(c["text"] for c in sorted(band, key=lambda c: c["x0"])) + word["text"])
    return lines


def _pdf_methods(pdf: bytes) -> tuple[str, list[str], list]:
    """The Methods pages (from the section heading to the appendix): their text, their formulas one a line,
    their characters with font and size. pdfium finds the pages (fast); pdfplumber reads only those."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        texts = [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()
    # The last page naming the section: the contents page names it too, on a line of its own.
    start = max((i for i, text in enumerate(texts) if re.search(r"^\d+\. (Methods|Metodi)\s*$", text, re.M)),
                default=None)
    if start is None:  # no Methods section: each test says what is missing
        return "", [], []
    with pdfplumber.open(io.BytesIO(pdf), pages=list(range(start + 1, len(texts) + 1))) as plumb:
        pages = [(p.extract_text() or "", _formula_lines(p), p.chars) for p in plumb.pages]
    return ("\n".join(p[0] for p in pages), [line for p in pages for line in p[1]],
            [c for p in pages for c in p[2]])


def test_the_methods_section_is_in_the_html_and_the_pdf(rendered):
    lang, report, html, (pdf_text, _, _) = rendered
    assert report.sections[-1].id == "methods" and report.sections[-1].title == TITLE[lang]
    page = _Section(html)
    assert page.headings and page.headings[0].endswith(f". {TITLE[lang]}")
    assert f'<a href="#methods">{TITLE[lang]}</a>' in html  # in the contents
    assert re.search(rf"^\d+\. {TITLE[lang]}$", pdf_text, re.M)


def test_every_measure_and_edge_rule_is_named(rendered):
    lang, _, html, (pdf_text, _, _) = rendered
    html_text = " ".join(" ".join(_Section(html).text).split())
    pdf_text = _flat(pdf_text)
    missing_html = [term for term in NAMED[lang] if term not in html_text]
    missing_pdf = [term for term in NAMED[lang] if _flat(term) not in pdf_text]
    assert not missing_html, missing_html
    assert not missing_pdf, missing_pdf


def test_the_italian_section_has_no_english_sentence(comparison):
    section = build_report(comparison, "it").sections[-1]
    assert section.id == "methods" and len(section.blocks) > 20
    english = [b.text for b in section.blocks if hasattr(b, "text")
               if re.search(r"\b(the|and|of|where|is|are|with)\b", b.text)]
    assert not english, english


def test_formulas_are_mathml_in_the_html(rendered):
    lang, _, html, _ = rendered
    part = _methods_html(html)
    sources = re.findall(r"<math\b.*?</math>", part, re.S)
    trees = [ET.fromstring(s) for s in sources]  # each one well-formed MathML
    assert all(t.tag == f"{MATHML}math" for t in trees)
    display = [t for t in trees if t.get("display") == "block"]
    assert len(display) >= 14  # one per measure with a formula
    assert len(re.findall(r'class="formula-number">\(\d+\)<', part)) == len(display)

    def tokens(tree) -> list[tuple[str, str]]:
        return [(e.tag.removeprefix(MATHML), (e.text or "").strip()) for e in tree.iter()]

    # Kendall's W: 12 S over m² (n³ − n) − m ∑ T_j, set with a real fraction and powers.
    kendall = next(t for t in display if ("mi", "W") in tokens(t) and ("mn", "12") in tokens(t))
    assert kendall.iter(f"{MATHML}mfrac") and any(True for _ in kendall.iter(f"{MATHML}mfrac"))
    powers = [[(c.tag.removeprefix(MATHML), "".join(c.itertext())) for c in s] for s in kendall.iter(f"{MATHML}msup")]
    assert [("mrow", "n"), ("mrow", "3")] in powers and [("mrow", "m"), ("mrow", "2")] in powers
    # The chi-square test of W: χ² = m (n − 1) W, df = n − 1.
    chi = next(t for t in display if ("mi", "χ") in tokens(t))
    assert ("mi", "df") in tokens(chi) and ("mo", "≥") in tokens(chi)
    # Jaccard: |A ∩ B| over |A ∪ B|.
    jaccard = next(t for t in display if ("mo", "∩") in tokens(t))
    assert ("mo", "∪") in tokens(jaccard) and any(True for _ in jaccard.iter(f"{MATHML}mfrac"))
    # The bootstrap percentiles, with the report's decimal mark.
    decimal = "0,025" if lang == "it" else "0.025"
    assert any(("mn", decimal) in tokens(t) for t in display)
    # No script, no external resource: MathML is drawn by the browser itself.
    assert "<script" not in html and "mathjax" not in html.lower()


def test_formulas_are_set_text_in_the_pdf(rendered):
    lang, _, _, (_, formulas, chars) = rendered
    assert [f[f.rindex("("):] for f in formulas] == [f"({n})" for n in range(1, len(formulas) + 1)]
    assert len(formulas) >= 14
    flat = _flat(" ".join(formulas))
    for part in ("J(A,B)=|A∩B|/|A∪B|", "χ2=m(n−1)W", "df=n−1", "W=(12S)/(m2(n3−n)−m∑j=1mTj)", "√(",
                 "pcg=Pcg/Acg", "ytc=100·(∑k∈Ktcwkuk(xtck))/(∑k∈Ktcwk)", ("pos" if lang == "it" else "rank")
                 + "cg=1+|{c′:ȳc′g>ȳcg}|"):  # the rank's name in the report's language
        assert _flat(part) in flat, (part, formulas)
    # Variables are italic and exponents raised and smaller: find "χ" then the "2" right after it.
    chi = next(i for i, c in enumerate(chars) if c["text"] == "χ")
    assert "Italic" in chars[chi]["fontname"] or "Oblique" in chars[chi]["fontname"]
    two = chars[chi + 1]
    assert two["text"] == "2" and two["size"] < chars[chi]["size"] and two["bottom"] < chars[chi]["bottom"]
    w = [c for c in chars if c["text"] == "W" and ("Italic" in c["fontname"] or "Oblique" in c["fontname"])]
    assert w, "W is set in italics"


def test_the_settings_are_in_the_sentences(comparison):
    custom = replace(comparison)
    custom.bootstrap, custom.seed = 250, 7  # as compare --bootstrap 250 --seed 7 --min-tables 3
    for lang in ("en", "it"):
        section = build_report(custom, lang, min_tables=3).sections[-1]
        text = " ".join(getattr(b, "text", "") for b in section.blocks)
        assert "B = 250" in text and "--bootstrap 250" in text, lang
        assert "--seed 7" in text and "--min-tables 3" in text and "N = 3" in text, lang
    defaults = " ".join(getattr(b, "text", "") for b in build_report(comparison, "en").sections[-1].blocks)
    assert "B = 1000" in defaults and "--seed 1" in defaults and "--min-tables 2" in defaults
    custom.bootstrap = 0
    off = build_report(custom, "en").sections[-1]
    text = " ".join(getattr(b, "text", "") for b in off.blocks)
    assert "--bootstrap 0" in text and "B = 0" not in text
    assert not [b for b in off.blocks if hasattr(b, "expr") and "θ" in str(b.expr)]  # no bootstrap formula


def test_formula_text_is_escaped_in_both_outputs():
    from cardengine.compare.report.math import formula_markup, math_element
    from cardengine.compare.report.model import Formula, MathNode

    hostile = MathNode("row", parts=(MathNode("i", "<script>x</script>"), MathNode("o", "&"),
                                     MathNode("t", "</math><img src=x onerror=alert(1)>")))
    source = math_element(hostile)
    tree = ET.fromstring(source)  # still one well-formed element, its text intact
    assert "".join(tree.itertext()) == "<script>x</script>&</math><img src=x onerror=alert(1)>"
    assert "<script>" not in source and "<img" not in source
    expr, where = formula_markup(Formula("(1)", hostile, "where", ((MathNode("i", "<b>"), "a < b & c"),)))
    assert "<script>" not in expr and "&lt;script&gt;" in expr and "&amp;" in expr
    assert "&lt;b&gt;" in where and "a &lt; b &amp; c" in where
