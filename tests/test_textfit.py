"""Text fitting: bundled fonts, glyph checks, hyphenating wrap and shrink-to-fit never clip text."""

from __future__ import annotations

import dataclasses
import io
import itertools
import pickle

import pyphen
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cardengine.printing.textfit import Fit, TextOverflow, fit_text, missing_glyphs, register_fonts, wrap

FONTS = ("CardSans", "CardSans-Bold", "CardSans-Italic")
TOL = 1e-6  # float sums of glyph widths may differ in the last bits from stringWidth's own sum

TEXTS = {
    "it": [
        "Riuso delle acque piovane",
        "Una cisterna interrata raccoglie l'acqua dei tetti dei capannoni e la rimanda ai servizi.",
        "La riqualificazione ecologicamente sostenibile degli edifici sottoutilizzati del quartiere "
        "riduce il pendolarismo casa-lavoro e i costi (circa 10\u00a0000\u00a0€) per l'amministrazione.",
        "Prima riga\nSeconda riga più lunga, con accenti: àèéìòù – fine\n\nDopo una riga vuota.",
    ],
    "en": [
        "Rainwater reuse",
        "An underground tank collects water from factory roofs and feeds it back to the toilets.",
        "Neighbourhood-scale infrastructure for intergenerational co-housing: see "
        "https://example.org/projects/co-housing-2030 for the municipality's guidelines.",
    ],
}
CASES = [(lang, text) for lang, texts in TEXTS.items() for text in texts]
LONG_IT = ("riqualificazione", "ecologicamente", "sottoutilizzati")


@pytest.fixture(autouse=True, scope="module")
def fonts():
    register_fonts()


def width_of(text: str, font: str = "CardSans", size: float = 10) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def letters(text: str) -> str:
    """Text without the spaces and hyphens wrapping may remove or add."""
    return "".join(c for c in text if c not in " \n-\u00a0")


# --- fonts and glyphs -------------------------------------------------------------------------------


def test_register_fonts_is_idempotent_and_registers_ttfs():
    register_fonts()
    register_fonts()
    for name in FONTS:
        assert isinstance(pdfmetrics.getFont(name), TTFont)
    assert width_of("Mm", "CardSans-Bold") > width_of("Mm", "CardSans")


def test_fonts_embed_in_a_pdf():
    out = io.BytesIO()
    canvas = Canvas(out)
    for i, name in enumerate(FONTS):
        canvas.setFont(name, 10)
        canvas.drawString(20, 700 - 20 * i, "Città più verde – 10 €")
    canvas.save()
    assert out.getvalue().count(b"/FontFile2") == len(FONTS)


@pytest.mark.parametrize("font", FONTS)
def test_italian_and_typographic_characters_are_present(font):
    assert missing_glyphs("àèéìòù€–’ ÀÈÉÌÒÙ «»“”…\u00a0", font) == []


@pytest.mark.parametrize("font", FONTS)
def test_missing_glyphs_in_first_seen_order_without_repeats(font):
    assert missing_glyphs("Città 漢 🙂 e 漢字\n🙂", font) == ["漢", "🙂", "字"]


def test_missing_glyphs_ignores_spaces_and_newlines():
    assert missing_glyphs(" \n\t\r\n", "CardSans") == []
    assert missing_glyphs("", "CardSans") == []


def test_missing_glyphs_needs_a_truetype_font():
    with pytest.raises(TypeError, match="Helvetica"):
        missing_glyphs("abc", "Helvetica")


# --- wrap ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("width", [18, 25, 40, 60, 95, 150, 400])
@pytest.mark.parametrize("lang,text", CASES)
def test_wrap_never_exceeds_width_and_loses_nothing(lang, text, width, font):
    lines = wrap(text, font, 9, width, lang)
    assert lines, "non-empty text gives lines"
    for line in lines:
        assert width_of(line, font, 9) <= width + TOL, line
        assert line == line.strip(" "), "no leading or trailing spaces"
    assert letters("".join(lines)) == letters(text)


def test_wrap_is_greedy():
    text = TEXTS["en"][1]
    lines = wrap(text, "CardSans", 10, 120, "en")
    for line, following in itertools.pairwise(lines):
        # The next line's first word would not have fitted on this line.
        assert width_of(f"{line} {following.split()[0]}") > 120


def test_wrap_keeps_short_text_on_one_line():
    assert wrap("Rainwater reuse", "CardSans", 10, 200, "en") == ["Rainwater reuse"]
    assert wrap("  spaced   out  ", "CardSans", 10, 200, "en") == ["spaced out"]


def test_explicit_newlines_start_new_lines():
    assert wrap("a\nb\n\nc d", "CardSans", 10, 200, "en") == ["a", "b", "", "c d"]
    assert wrap("a\r\nb", "CardSans", 10, 200, "en") == ["a", "b"]


def test_outer_blank_lines_are_dropped():
    assert wrap("\n\nYAML block\n", "CardSans", 10, 200, "en") == ["YAML block"]
    assert wrap("", "CardSans", 10, 200, "en") == []
    assert wrap(" \n ", "CardSans", 10, 200, "en") == []


def test_no_break_space_keeps_words_together():
    lines = wrap("costo 10\u00a0000\u00a0€ totale", "CardSans", 10, width_of("costo 10\u00a0000"), "it")
    assert "10\u00a0000\u00a0€" in lines


def test_wrap_returns_a_fresh_list():
    first = wrap("Rainwater reuse", "CardSans", 10, 30, "en")
    first.append("mutated")
    assert "mutated" not in wrap("Rainwater reuse", "CardSans", 10, 30, "en")


def test_box_narrower_than_a_character_raises():
    with pytest.raises(ValueError, match="narrower than 'W'"):
        wrap("WWW", "CardSans", 10, 5, "en")
    with pytest.raises(ValueError):
        wrap("abc", "CardSans", 10, 0, "en")


# --- hyphenation --------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", LONG_IT)
@pytest.mark.parametrize("width", [25, 30, 40, 50, 60])
def test_long_italian_words_hyphenate_at_dictionary_points(word, width):
    assert width_of(word) > width, "the test needs a word wider than its box"
    lines = wrap(word, "CardSans", 10, width, "it")
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert not lines[-1].endswith("-")
    assert "".join(line.removesuffix("-") for line in lines) == word
    allowed = set(pyphen.Pyphen(lang="it_IT").positions(word))
    cuts, at = set(), 0
    for line in lines[:-1]:
        at += len(line) - 1
        cuts.add(at)
    assert cuts <= allowed, f"{lines} breaks outside the dictionary's points {sorted(allowed)}"
    for line in lines:
        assert width_of(line) <= width + TOL


def test_hyphenation_uses_the_last_point_that_fits():
    # Exactly as wide as "riqualifica-": that is the head, not an earlier point.
    assert wrap("riqualificazione", "CardSans", 10, width_of("riqualifica-"), "it") == ["riqualifica-", "zione"]
    narrower = width_of("riqualifica-") - 0.01
    assert wrap("riqualificazione", "CardSans", 10, narrower, "it")[0] == "riqualifi-"


def test_hyphenated_word_fills_the_current_line_first():
    width = width_of("La riqua-")
    assert width_of("riqualificazione") > width
    assert wrap("La riqualificazione", "CardSans", 10, width, "it")[0] == "La riqua-"


def test_a_word_that_fits_a_line_of_its_own_is_not_hyphenated():
    width = width_of("riqualificazione")
    assert wrap("La riqualificazione", "CardSans", 10, width, "it") == ["La", "riqualificazione"]


def test_existing_hyphen_is_used_without_adding_another():
    # "casa-la-" would fit too, but a compound reads best split where it is already split.
    lines = wrap("casa-lavoro", "CardSans", 10, width_of("casa-lavo-"), "it")
    assert lines == ["casa-", "lavoro"]
    assert wrap("il casa-lavoro", "CardSans", 10, width_of("il casa-"), "it") == ["il casa-", "lavoro"]


def test_english_uses_british_hyphenation():
    lines = wrap("neighbourhood", "CardSans", 10, width_of("neighbour-"), "en")
    assert lines == ["neighbour-", "hood"]


def test_punctuation_around_a_word_does_not_stop_hyphenation():
    lines = wrap("(riqualificazione),", "CardSans", 10, width_of("(riqualifica-"), "it")
    assert lines == ["(riqualifica-", "zione),"]


def test_unknown_language_breaks_between_characters_without_hyphens():
    word = "riqualificazione"
    lines = wrap(word, "CardSans", 10, 40, "de")
    assert len(lines) > 1 and "".join(lines) == word
    assert all(width_of(line) <= 40 + TOL for line in lines)
    # Greedy: each piece takes as many characters as fit.
    for line, following in itertools.pairwise(lines):
        assert width_of(line + following[0]) > 40


def test_char_break_when_no_hyphenation_point_fits():
    # At this width not even "ri-" fits, so the word is broken between characters.
    width = width_of("ri-") - 0.01
    lines = wrap("riqualificazione", "CardSans", 10, width, "it")
    assert lines[0] == "ri"  # no hyphen added to a break between characters
    assert "".join(line.removesuffix("-") for line in lines) == "riqualificazione"
    assert all(width_of(line) <= width + TOL for line in lines)


def test_addresses_gain_no_hyphens():
    url = "https://example.org/community/gardening"
    lines = wrap(url, "CardSans", 10, 60, "en")
    assert "".join(lines) == url
    assert all(width_of(line) <= 60 + TOL for line in lines)


# --- fit_text -----------------------------------------------------------------------------------------

BOXES = [(60, 30), (100, 40), (150, 60), (180, 90), (240, 40), (45, 120)]


def fits(text, font, size, width, height, lang, leading=1.2):
    return len(wrap(text, font, size, width, lang)) * size * leading <= height + TOL


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("width,height", BOXES)
@pytest.mark.parametrize("lang,text", CASES)
def test_fit_picks_the_largest_size_that_fits(lang, text, width, height, font):
    try:
        fit = fit_text(text, font, width, height, max_size=14, min_size=5, lang=lang)
    except TextOverflow as overflow:
        assert not fits(text, font, 5, width, height, lang)
        assert overflow.needed > overflow.available == height
        return
    assert 5 <= fit.size <= 14
    assert (fit.size - 5) % 0.25 == 0 or fit.size == 5
    assert fit.lines == tuple(wrap(text, font, fit.size, width, lang))
    assert fit.leading == pytest.approx(fit.size * 1.2)
    assert fit.height == pytest.approx(len(fit.lines) * fit.leading)
    assert fit.height <= height + TOL
    assert all(width_of(line, font, fit.size) <= width + TOL for line in fit.lines)
    if fit.size < 14:
        assert not fits(text, font, fit.size + 0.25, width, height, lang)


def test_fit_matches_a_linear_scan_from_the_top():
    text = TEXTS["it"][2]
    for height in range(20, 200, 7):
        scan = next((s / 4 for s in range(48, 23, -1) if fits(text, "CardSans", s / 4, 120, height, "it")), None)
        try:
            assert fit_text(text, "CardSans", 120, height, 12, 6, lang="it").size == scan
        except TextOverflow:
            assert scan is None


def test_short_text_fits_at_max_size():
    fit = fit_text("Rainwater reuse", "CardSans-Bold", 200, 30, max_size=16, min_size=8)
    assert fit == Fit(16.0, 16 * 1.2, ("Rainwater reuse",), 16 * 1.2)


def test_empty_text_fits_with_no_lines():
    fit = fit_text("", "CardSans", 100, 10, 12, 6)
    assert (fit.size, fit.lines, fit.height) == (12.0, (), 0.0)
    assert fit.leading == pytest.approx(14.4)


def test_fit_is_frozen():
    fit = fit_text("Rainwater reuse", "CardSans", 200, 30, 12, 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fit.size = 1  # type: ignore[misc]


def test_custom_leading_and_step():
    text = TEXTS["en"][1]
    fit = fit_text(text, "CardSans", 100, 50, max_size=11, min_size=6, leading=1.0, step=0.5)
    assert fit.leading == fit.size and fit.size % 0.5 == 0
    assert fit.height <= 50 and not fits(text, "CardSans", fit.size + 0.5, 100, 50, "en", leading=1.0)


def test_grid_counts_down_from_max_and_ends_at_min():
    # 10 - 0.3k never lands on 6.1, so min_size itself is the last size tried.
    text = "a\nb\nc\nd\ne"
    height = 5 * 6.1 * 1.2
    assert fit_text(text, "CardSans", 100, height, max_size=10, min_size=6.1, step=0.3).size == 6.1
    assert fit_text(text, "CardSans", 100, 5 * 7.0 * 1.2, max_size=10, min_size=6.1, step=0.3).size == 7.0


def test_overflow_reports_needed_and_available_height():
    text = "\n".join("abcdefgh")  # eight lines at any size
    with pytest.raises(TextOverflow) as raised:
        fit_text(text, "CardSans", 100, 40, max_size=10, min_size=6, leading=1.0)
    overflow = raised.value
    assert (overflow.needed, overflow.available, overflow.size) == (48.0, 40.0, 6.0)
    assert overflow.message == "needs 48.0 pt of height at 6 pt, the box has 40.0 pt (20% too much text)"
    assert str(overflow) == overflow.message


def test_overflow_counts_wrapped_lines_at_min_size():
    text = TEXTS["it"][2]
    lines = wrap(text, "CardSans", 6, 80, "it")
    with pytest.raises(TextOverflow) as raised:
        fit_text(text, "CardSans", 80, 20, max_size=9, min_size=6, lang="it")
    assert raised.value.needed == pytest.approx(len(lines) * 6 * 1.2)
    assert raised.value.available == 20


def test_overflow_in_a_box_without_height():
    with pytest.raises(TextOverflow, match="no room at all"):
        fit_text("x", "CardSans", 100, 0, 10, 6)


def test_overflow_is_raised_afresh_and_pickles():
    args = ("x\n" * 20, "CardSans", 100, 40, 10, 6)
    with pytest.raises(TextOverflow) as first:
        fit_text(*args)
    with pytest.raises(TextOverflow) as second:
        fit_text(*args)
    assert first.value is not second.value
    copy = pickle.loads(pickle.dumps(second.value))
    assert (copy.needed, copy.available, copy.size, str(copy)) == (
        second.value.needed, second.value.available, second.value.size, str(second.value))


def test_smaller_size_rescues_a_box_narrower_than_a_glyph_at_max():
    width = width_of("W", size=8)
    fit = fit_text("W", "CardSans", width, 100, max_size=20, min_size=6)
    assert fit.size == 8 and fit.lines == ("W",)


@pytest.mark.parametrize("bad", [
    {"max_size": 6, "min_size": 8}, {"min_size": 0}, {"step": 0}, {"leading": 0}, {"height": -1},
])
def test_bad_parameters_raise(bad):
    args = {"text": "x", "font_name": "CardSans", "width": 100, "height": 20, "max_size": 10, "min_size": 6} | bad
    with pytest.raises(ValueError):
        fit_text(**args)
