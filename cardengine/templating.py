"""Jinja2 templates of layout boxes, run in a sandbox: a layout from someone else cannot run code."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .model import Card, Deck
from .vocabulary import COST, COST_SIGNS, HORIZON, LABELS, SCALE, SDG_NAMES


@cache
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                                        lstrip_blocks=True)
    return env


@cache
def compile_template(source: str):
    """Compile once per distinct template text; raises jinja2.TemplateError on a syntax error."""
    return environment().from_string(source)


def template_error(source: str) -> str | None:
    try:
        compile_template(source)
    except TemplateError as exc:
        return str(exc)
    return None


def card_context(deck: Deck, card: Card | None, lang: str) -> dict[str, Any]:
    """What a box template can use: the card and deck in one language, and printed labels."""
    ctx: dict[str, Any] = {
        "lang": lang,
        "deck": {"id": deck.id, "name": deck.name[lang], "domain": deck.domain, "version": deck.version,
                 "description": deck.description[lang] if deck.description else "",
                 "licence": deck.licence, "authors": list(deck.authors), "cards": len(deck.cards)},
        "labels": {key: text[lang] for key, text in LABELS.items()},
    }
    if card is not None:
        ctx["card"] = {
            "id": card.id, "title": card.title[lang], "summary": card.summary[lang],
            "description": card.description[lang], "actors": [a[lang] for a in card.actors],
            "scale": [SCALE[s][lang] for s in card.scale], "cost": COST[card.cost][lang],
            "cost_signs": "€" * COST_SIGNS[card.cost], "horizon": HORIZON[card.horizon][lang],
            "sdgs": list(card.sdgs), "sdg_names": [SDG_NAMES[n][lang] for n in card.sdgs],
            "tags": list(card.tags), "co_benefits": [t[lang] for t in card.co_benefits],
            "barriers": [t[lang] for t in card.barriers], "examples": [e.text[lang] for e in card.examples],
        }
    return ctx


def render(source: str, context: dict[str, Any]) -> str:
    return compile_template(source).render(context).strip()
