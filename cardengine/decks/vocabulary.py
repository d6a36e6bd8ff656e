"""Words the engine prints or shows for coded values (scales, cost bands, horizons, SDGs), per language.

The English words are here, keyed; their translations are in the `cli` gettext catalogue (msgctxt = key), which
tools/catalogues.py fills from `CATALOGUE_ENTRIES`. Each table maps a code to a `Text` in every language the
catalogue speaks, so that cards, the app and the report pick a language the same way they pick a deck's texts.
"""

from __future__ import annotations

from collections.abc import Callable

from cardengine.decks.model import CostBand, Horizon, Scale
from cardengine.decks.model_data import FALLBACK_LANGUAGE
from cardengine.i18n import catalogue, languages
from cardengine.text import Text

_SCALE_WORDS = {
    Scale.BUILDING: "Building", Scale.COMPANY: "Company", Scale.DISTRICT: "District",
    Scale.MUNICIPALITY: "Municipality",
}
_COST_WORDS = {
    CostBand.LOW: "Low (< €20k)", CostBand.MEDIUM: "Medium (€20-250k)", CostBand.HIGH: "High (€0.25-2M)",
    CostBand.VERY_HIGH: "Very high (> €2M)",
}
_HORIZON_WORDS = {
    Horizon.SHORT: "Short (< 1 year)", Horizon.MEDIUM: "Medium (1-3 years)", Horizon.LONG: "Long (> 3 years)",
}
_LABEL_WORDS = {
    "actors": "Who", "scale": "Scale", "cost": "Cost", "horizon": "Time", "sdgs": "Sustainable Development Goals",
    "card": "Card",
    # Headings of the details side (layouts/poker.yaml `details:`)
    "co_benefits": "Co-benefits", "barriers": "Barriers", "example": "Example", "examples": "Examples",
}
# The UN's official short names of the Sustainable Development Goals (each language's as the UN publishes it).
_SDG_WORDS = {
    1: "No poverty", 2: "Zero hunger", 3: "Good health and well-being", 4: "Quality education",
    5: "Gender equality", 6: "Clean water and sanitation", 7: "Affordable and clean energy",
    8: "Decent work and economic growth", 9: "Industry, innovation and infrastructure", 10: "Reduced inequalities",
    11: "Sustainable cities and communities", 12: "Responsible consumption and production", 13: "Climate action",
    14: "Life below water", 15: "Life on land", 16: "Peace, justice and strong institutions",
    17: "Partnerships for the goals",
}

# {catalogue key: English}, read by tools/catalogues.py for the `cli` domain.
CATALOGUE_ENTRIES: dict[str, str] = {
    **{f"scale.{code.value}": english for code, english in _SCALE_WORDS.items()},
    **{f"cost.{code.value}": english for code, english in _COST_WORDS.items()},
    **{f"horizon.{code.value}": english for code, english in _HORIZON_WORDS.items()},
    **{f"label.{key}": english for key, english in _LABEL_WORDS.items()},
    **{f"sdg.{goal}": english for goal, english in _SDG_WORDS.items()},
}


def _in_every_language(key: str) -> Text:
    """The keyed word in each language the `cli` catalogue speaks (English where a translation is missing)."""
    english = CATALOGUE_ENTRIES[key]
    return Text({lang: catalogue(lang, "cli").pgettext(key, english) for lang in languages("cli")})


SCALE = {code: _in_every_language(f"scale.{code.value}") for code in _SCALE_WORDS}
COST = {code: _in_every_language(f"cost.{code.value}") for code in _COST_WORDS}
# Cost as a count of euro signs, for compact display.
COST_SIGNS = {CostBand.LOW: 1, CostBand.MEDIUM: 2, CostBand.HIGH: 3, CostBand.VERY_HIGH: 4}
HORIZON = {code: _in_every_language(f"horizon.{code.value}") for code in _HORIZON_WORDS}
LABELS = {key: _in_every_language(f"label.{key}") for key in _LABEL_WORDS}
SDG_NAMES = {goal: _in_every_language(f"sdg.{goal}") for goal in _SDG_WORDS}

# Official UN SDG colours (UN SDG guidelines, 2020); the icons themselves may not be altered, so cards
# show numbered badges in these colours rather than modified icons.
SDG_COLOURS = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2", 7: "#FCC30B",
    8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E", 13: "#3F7E44", 14: "#0A97D9",
    15: "#56C02B", 16: "#00689D", 17: "#19486A",
}

# Each kind's code -> its words; an unknown code raises ValueError (from the enumeration).
_CODED: dict[str, Callable[[str], Text]] = {
    "scale": lambda code: SCALE[Scale(code)], "cost": lambda code: COST[CostBand(code)],
    "horizon": lambda code: HORIZON[Horizon(code)],
}


def word_in(words: Text, lang: str) -> str:
    """One of the engine's words in `lang`; in English where the engine does not speak it (a deck may declare
    any language: its own texts are translated, the engine's labels may not be yet)."""
    if lang in words:
        return words[lang]
    return words[FALLBACK_LANGUAGE] if FALLBACK_LANGUAGE in words else words.get_text(lang)


def coded_label(kind: str, value: str, lang: str) -> str:
    """The word for a coded card fact ("scale", "cost", "horizon") in `lang`; an unknown code (a file from a
    newer version) is shown as stored rather than guessed."""
    words = _CODED[kind]
    try:
        return word_in(words(value), lang)
    except ValueError:
        return value
