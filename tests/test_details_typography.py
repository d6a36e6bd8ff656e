"""The details side's typography (`markup: lines` text boxes, cardengine/printing/markup.py), read from built PDFs:
headings in the bold face with space above, bullets with a hanging indent, card text never turned into markup,
and boxes without markup printed as before."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from .conftest import SMALL_DECK, run_here
from .pdf_read import MM, Char, read_pages

BLEED = 3.0  # --sheet none: each page is the card plus 3 mm of bleed
BOX_X, BOX_W = 4.0, 55.0  # the poker details box (layouts/poker.yaml)

# One card with long lists (bullets that wrap) and hostile text: card text starting with "# " or "• ", on its
# first line and after a line break, in the description, a list item and the example.
DECK = SMALL_DECK[:SMALL_DECK.index("cards:\n")] + """\
cards:
  - id: WT-01
    title: {it: Riuso delle acque piovane, en: Rainwater reuse}
    summary:
      it: Le aziende raccolgono la pioggia dei tetti per i servizi igienici.
      en: Companies collect roof rainwater for toilet flushing.
    description:
      it: "# Non un titolo: una cisterna interrata raccoglie l'acqua dei tetti dei capannoni.\\n# NEMMENO QUESTO"
      en: "# Not a heading: an underground tank collects water from factory roofs.\\n# NOR THIS"
    actors:
      - {it: Aziende, en: Companies}
    scale: [company]
    cost: medium
    horizon: short
    sdgs: [6, 13]
    co_benefits:
      - it: "Meno acqua potabile consumata per i servizi igienici e per l'irrigazione delle aree verdi aziendali"
        en: "Less drinking water used for toilets and for watering the green areas of the firms"
      - {it: "# Meno scarichi in fognatura", en: "# Less load on the sewers"}
    barriers:
      - it: "Costo della cisterna e dei doppi impianti idraulici, difficile da recuperare in pochi anni"
        en: "Cost of the tank and of the dual plumbing, hard to recover within a few years"
    examples:
      - text:
          it: "# Un esempio: il polo logistico di Castel San Giovanni (PC) raccoglie la pioggia dei tetti"
          en: "# An example: the Castel San Giovanni (PC) logistics hub collects the rain from its roofs"
"""


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into printed lines (same baseline), top to bottom, each left to right."""
    rows: dict[int, list[Char]] = {}
    for c in chars:
        rows.setdefault(round(c.bottom * 2), []).append(c)
    return [sorted(row, key=lambda c: c.x0) for _, row in sorted(rows.items())]


def _text(line: list[Char]) -> str:
    out, last = "", None
    for c in line:
        if last is not None and c.x0 - last.x1 > c.size * 0.15:
            out += " "
        out += c.text
        last = c
    return out


def _details_lines(pdf: Path) -> list[list[Char]]:
    page = read_pages(pdf, range(2, 3))[0]  # page 1: the front, page 2: the card's details side
    mm = 72 / 25.4  # the page is the card with 3 mm of bleed; the card's id sits at its foot, below 80.7 mm
    return _lines([c for c in page.chars if c.text.strip() and c.top / mm - 3 < 80.5])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, list[list[Char]]]:
    folder = tmp_path_factory.mktemp("typo")
    deck = folder / "water.yaml"
    deck.write_text(DECK, encoding="utf-8")
    found = {}
    for lang in ("it", "en"):
        run = run_here("build", deck, "--layout", "poker", "--lang", lang, "--sheet", "none", "-o", folder / lang)
        assert run.returncode == 0, run.output
        found[lang] = _details_lines(next((folder / lang).glob("*.pdf")))
    return found


HEADINGS = {"it": ("CO-BENEFICI", "OSTACOLI", "ESEMPIO"), "en": ("CO-BENEFITS", "BARRIERS", "EXAMPLE")}


@pytest.mark.parametrize("lang", ["it", "en"])
def test_headings_are_set_in_the_bold_face_and_the_body_is_not(built, lang):
    lines = built[lang]
    texts = [_text(line) for line in lines]
    for heading in HEADINGS[lang]:
        assert heading in texts, texts
        assert all(c.bold for c in lines[texts.index(heading)]), heading
    body = [line for line, text in zip(lines, texts, strict=False) if text not in HEADINGS[lang]]
    assert body and not any(c.bold for line in body for c in line)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_bullet_continuation_lines_start_where_the_text_after_the_bullet_starts(built, lang):
    lines = built[lang]
    left = (BLEED + BOX_X) * MM
    wrapped = 0
    for i, line in enumerate(lines[:-1]):
        if line[0].text != "•":
            continue
        text_start = line[1].x0  # the first letter after "• "
        following = lines[i + 1]
        if _text(following) in HEADINGS[lang] or following[0].text == "•":
            continue  # a one-line item
        wrapped += 1
        assert abs(following[0].x0 - text_start) < 0.3, (_text(line), _text(following))
        assert following[0].x0 > left + 2, "continuation runs back under the bullet"
    assert wrapped >= 2  # the deck's long co-benefit and barrier wrap


@pytest.mark.parametrize("lang", ["it", "en"])
def test_card_text_starting_with_a_hash_prints_literally_in_the_regular_face(built, lang):
    texts = [_text(line) for line in built[lang]]
    hostile = [i for i, t in enumerate(texts) if t.startswith(("# ", "• # "))]
    # The description's two lines, the co-benefit "# ..." and the example: all printed with their "#".
    assert len(hostile) == 4, texts
    for i in hostile:
        assert not any(c.bold for c in built[lang][i]), texts[i]
    assert texts[0].startswith("# N")  # the description's first line, as the card has it
    # ... while the template's own "# " lines in the same box are headings.
    assert all(c.bold for c in built[lang][texts.index(HEADINGS[lang][0])])


@pytest.mark.parametrize("lang", ["it", "en"])
def test_space_above_each_heading_and_nothing_past_the_box(built, lang):
    lines = built[lang]
    texts = [_text(line) for line in lines]
    baselines = [line[0].bottom for line in lines]
    steps = [b - a for a, b in itertools.pairwise(baselines)]
    normal = min(steps)  # the leading of the body lines
    for heading in HEADINGS[lang]:
        i = texts.index(heading)
        assert steps[i - 1] > normal * 1.2, heading  # 0.3 line of space above it
        assert texts[i + 1] not in HEADINGS[lang]  # something follows each heading in the box
    right = (BLEED + BOX_X + BOX_W) * MM
    assert max(c.x1 for line in lines for c in line) <= right + 0.05


LAYOUT_WITHOUT_MARKUP = """\
id: no-markup
name: Details without markup
extends: poker
details:
  - name: details
    markup: none
    template: |-
      # {{ card.title }}
      • {{ card.co_benefits[0] }}
      {{ card.description }}
"""


def test_a_box_without_markup_prints_hash_and_bullet_lines_as_plain_text(tmp_path):
    deck = tmp_path / "water.yaml"
    deck.write_text(DECK, encoding="utf-8")
    layout = tmp_path / "no-markup.yaml"
    layout.write_text(LAYOUT_WITHOUT_MARKUP, encoding="utf-8")
    run = run_here("build", deck, "--layout", layout, "--lang", "it", "--sheet", "none", "-o", tmp_path / "out")
    assert run.returncode == 0, run.output
    lines = _details_lines(next((tmp_path / "out").glob("*.pdf")))
    texts = [_text(line) for line in lines]
    assert texts[0] == "# Riuso delle acque piovane"
    assert texts[1].startswith("• Meno acqua potabile")
    left = (BLEED + BOX_X) * MM
    assert abs(lines[2][0].x0 - left) < 0.3  # the bullet's second line runs back to the box's edge, as before
    assert not any(c.bold for line in lines for c in line)
    baselines = [line[0].bottom for line in lines]
    steps = [round(b - a, 2) for a, b in itertools.pairwise(baselines)]
    assert len(set(steps)) == 1  # even lines: no space added anywhere


def test_a_heading_on_the_template_s_first_line_is_a_heading(tmp_path):
    # The rendered text is stripped of outer whitespace: the first line's marker must survive that.
    deck = tmp_path / "water.yaml"
    deck.write_text(DECK, encoding="utf-8")
    layout = tmp_path / "first.yaml"
    layout.write_text(LAYOUT_WITHOUT_MARKUP.replace("markup: none", "markup: lines"), encoding="utf-8")
    run = run_here("build", deck, "--layout", layout, "--lang", "en", "--sheet", "none", "-o", tmp_path / "out")
    assert run.returncode == 0, run.output
    lines = _details_lines(next((tmp_path / "out").glob("*.pdf")))
    assert _text(lines[0]) == "Rainwater reuse" and all(c.bold for c in lines[0])
    assert _text(lines[1]).startswith("• Less drinking water")
    assert lines[2][0].x0 > lines[1][0].x0 + 2  # its second line hangs
    assert _text(lines[3]).startswith("# Not a heading") and not any(c.bold for c in lines[3])
