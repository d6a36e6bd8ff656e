"""Words the engine prints or shows for coded values (scales, cost bands, horizons, SDGs), per language."""

from __future__ import annotations

from collections.abc import Callable

from cardengine.decks.model import CostBand, Horizon, Scale
from cardengine.decks.model_data import FALLBACK_LANGUAGE
from cardengine.text import Text

SCALE = {
    Scale.BUILDING: Text({"it": "Edificio", "en": "Building"}),
    Scale.COMPANY: Text({"it": "Azienda", "en": "Company"}),
    Scale.DISTRICT: Text({"it": "Distretto", "en": "District"}),
    Scale.MUNICIPALITY: Text({"it": "Comune", "en": "Municipality"}),
}

COST = {
    CostBand.LOW: Text({"it": "Basso (< 20 k€)", "en": "Low (< €20k)"}),
    CostBand.MEDIUM: Text({"it": "Medio (20-250 k€)", "en": "Medium (€20-250k)"}),
    CostBand.HIGH: Text({"it": "Alto (0,25-2 M€)", "en": "High (€0.25-2M)"}),
    CostBand.VERY_HIGH: Text({"it": "Molto alto (> 2 M€)", "en": "Very high (> €2M)"}),
}

# Cost as a count of euro signs, for compact display.
COST_SIGNS = {CostBand.LOW: 1, CostBand.MEDIUM: 2, CostBand.HIGH: 3, CostBand.VERY_HIGH: 4}

HORIZON = {
    Horizon.SHORT: Text({"it": "Breve (< 1 anno)", "en": "Short (< 1 year)"}),
    Horizon.MEDIUM: Text({"it": "Medio (1-3 anni)", "en": "Medium (1-3 years)"}),
    Horizon.LONG: Text({"it": "Lungo (> 3 anni)", "en": "Long (> 3 years)"}),
}

LABELS = {
    "actors": Text({"it": "Chi", "en": "Who"}),
    "scale": Text({"it": "Scala", "en": "Scale"}),
    "cost": Text({"it": "Costo", "en": "Cost"}),
    "horizon": Text({"it": "Tempi", "en": "Time"}),
    "sdgs": Text({"it": "Obiettivi di sviluppo sostenibile", "en": "Sustainable Development Goals"}),
    "card": Text({"it": "Carta", "en": "Card"}),
    # Headings of the details side (layouts/poker.yaml `details:`)
    "co_benefits": Text({"it": "Co-benefici", "en": "Co-benefits"}),
    "barriers": Text({"it": "Ostacoli", "en": "Barriers"}),
    "example": Text({"it": "Esempio", "en": "Example"}),
    "examples": Text({"it": "Esempi", "en": "Examples"}),
}

# Official UN SDG colours (UN SDG guidelines, 2020); the icons themselves may not be altered, so cards
# show numbered badges in these colours rather than modified icons.
SDG_COLOURS = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2", 7: "#FCC30B",
    8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E", 13: "#3F7E44", 14: "#0A97D9",
    15: "#56C02B", 16: "#00689D", 17: "#19486A",
}

SDG_NAMES = {
    1: Text({"it": "Sconfiggere la povertà", "en": "No poverty"}),
    2: Text({"it": "Sconfiggere la fame", "en": "Zero hunger"}),
    3: Text({"it": "Salute e benessere", "en": "Good health and well-being"}),
    4: Text({"it": "Istruzione di qualità", "en": "Quality education"}),
    5: Text({"it": "Parità di genere", "en": "Gender equality"}),
    6: Text({"it": "Acqua pulita e servizi igienico-sanitari", "en": "Clean water and sanitation"}),
    7: Text({"it": "Energia pulita e accessibile", "en": "Affordable and clean energy"}),
    8: Text({"it": "Lavoro dignitoso e crescita economica", "en": "Decent work and economic growth"}),
    9: Text({"it": "Imprese, innovazione e infrastrutture", "en": "Industry, innovation and infrastructure"}),
    10: Text({"it": "Ridurre le disuguaglianze", "en": "Reduced inequalities"}),
    11: Text({"it": "Città e comunità sostenibili", "en": "Sustainable cities and communities"}),
    12: Text({"it": "Consumo e produzione responsabili", "en": "Responsible consumption and production"}),
    13: Text({"it": "Lotta contro il cambiamento climatico", "en": "Climate action"}),
    14: Text({"it": "Vita sott'acqua", "en": "Life below water"}),
    15: Text({"it": "Vita sulla terra", "en": "Life on land"}),
    16: Text({"it": "Pace, giustizia e istituzioni solide", "en": "Peace, justice and strong institutions"}),
    17: Text({"it": "Partnership per gli obiettivi", "en": "Partnerships for the goals"}),
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
