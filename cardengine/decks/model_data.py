"""Validated deck and criteria data -> model objects, with no checking machinery: a workshop file rebuilds its
criteria snapshot with this on every open, without loading the schema checks (jsonschema) that `deckload` needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cardengine.decks.model import CriteriaSet, Criterion, Direction, Level
from cardengine.text import Text


def languages_of(data: dict) -> tuple[str, ...]:
    langs = data.get("languages")
    if isinstance(langs, list) and all(isinstance(x, str) for x in langs) and langs:
        return tuple(dict.fromkeys(langs))
    return ()


FALLBACK_LANGUAGE = "en"


def fallback_language(value: dict[str, Any], languages: tuple[str, ...]) -> str:
    """The language whose text stands in for a missing translation: English, else the first the deck declares
    that the text has."""
    if isinstance(value.get(FALLBACK_LANGUAGE), str):
        return FALLBACK_LANGUAGE
    return next((lang for lang in (*languages, *value) if isinstance(value.get(lang), str)), FALLBACK_LANGUAGE)


def text_of(value: Any, languages: tuple[str, ...]) -> Text:
    """A validated text in each of `languages`; a language it lacks (validate warned) gets the fallback's text."""
    if isinstance(value, str):
        return Text.same(value.strip(), languages)
    missing = [lang for lang in languages if lang not in value]
    if missing:
        value = {**value, **dict.fromkeys(missing, value[fallback_language(value, languages)])}
    return Text({lang: value[lang].strip() for lang in languages})


def build_criteria(data: dict, source: Path | None) -> CriteriaSet:
    """Build a CriteriaSet from data that has passed validation."""
    langs = languages_of(data)
    return CriteriaSet(
        id=data["id"], name=text_of(data["name"], langs), version=data["version"], languages=langs,
        criteria=tuple(
            Criterion(
                id=c["id"], label=text_of(c["label"], langs), question=text_of(c["question"], langs),
                direction=Direction(c["direction"]), weight=float(c["weight"]),
                scale=tuple(Level(lv["value"], text_of(lv["label"], langs), text_of(lv["meaning"], langs))
                            for lv in c["scale"]),
            )
            for c in data["criteria"]
        ),
        source_note=text_of(data["source"], langs) if "source" in data else None,
        source=source,
    )
