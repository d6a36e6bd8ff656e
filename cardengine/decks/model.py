"""Typed domain objects for decks, cards and feasibility criteria.

Objects are immutable: loaders build them from validated data, and every later step (layout,
sessions, analysis) only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cardengine.text import Text


class Scale(StrEnum):
    BUILDING = "building"
    COMPANY = "company"
    DISTRICT = "district"
    MUNICIPALITY = "municipality"


class CostBand(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very-high"


class Horizon(StrEnum):
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher-is-better"
    LOWER_IS_BETTER = "lower-is-better"


@dataclass(frozen=True)
class Example:
    """A real example or reference for a card, with where a facilitator can check it."""

    text: Text
    url: str | None = None
    # A law with its article, an official page's address or a publication: one line, the same in every language.
    source: str | None = None
    checked: str | None = None  # YYYY-MM-DD: when the example was last checked against its source


@dataclass(frozen=True)
class Origin:
    """Where a card that came out of a workshop proposal came from."""

    workshop: str
    table: str
    cards: tuple[str, ...]
    workshop_id: str = ""
    territory: str = ""
    date: str = ""
    proposal: str = ""


@dataclass(frozen=True)
class Card:
    id: str
    title: Text
    summary: Text
    description: Text
    actors: tuple[Text, ...]
    scale: tuple[Scale, ...]
    cost: CostBand
    horizon: Horizon
    sdgs: tuple[int, ...]
    co_benefits: tuple[Text, ...] = ()
    barriers: tuple[Text, ...] = ()
    examples: tuple[Example, ...] = ()
    tags: tuple[str, ...] = ()
    quantity: int = 1
    image: str | None = None  # as written in the deck, relative to the deck file
    origin: Origin | None = None


@dataclass(frozen=True)
class Deck:
    id: str
    domain: str
    name: Text
    colour: str
    version: str
    languages: tuple[str, ...]
    licence: str
    authors: tuple[str, ...]
    cards: tuple[Card, ...]
    description: Text | None = None
    series: Text | None = None  # the lab or programme printed on the common back
    logo: str | None = None  # as written in the deck, relative to the deck file
    icon: str | None = None  # one glyph the card font carries, e.g. "⚡"
    pattern: str | None = None  # a name from patterns.PATTERNS
    # Where the deck was read from; not part of the deck's identity.
    source: Path | None = field(default=None, compare=False)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def card(self, card_id: str) -> Card:
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def image_path(self, card: Card) -> Path | None:
        if card.image is None:
            return None
        base = self.source.parent if self.source else Path(".")
        return base / card.image

    def logo_path(self) -> Path | None:
        if self.logo is None:
            return None
        return (self.source.parent if self.source else Path(".")) / self.logo


@dataclass(frozen=True)
class Level:
    """One level of a criterion's scale, with what it means."""

    value: int
    label: Text
    meaning: Text


@dataclass(frozen=True)
class Criterion:
    id: str
    label: Text
    question: Text
    direction: Direction
    weight: float
    scale: tuple[Level, ...]

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.scale)

    @property
    def lowest(self) -> int:
        return self.scale[0].value

    @property
    def highest(self) -> int:
        return self.scale[-1].value


@dataclass(frozen=True)
class CriteriaSet:
    id: str
    name: Text
    version: str
    languages: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    source_note: Text | None = None
    source: Path | None = field(default=None, compare=False)

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)
