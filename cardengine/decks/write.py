"""Write a Deck back to YAML in the same shape people write by hand."""

from __future__ import annotations

from typing import Any

import yaml

from cardengine.decks.model import Deck
from cardengine.text import Text

SCHEMA_COMMENT = "# yaml-language-server: $schema=../cardengine/schemas/deck.schema.json\n"


class _Flow(dict):
    """A mapping written on one line: {it: ..., en: ...}."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people (and the bundled decks) write them.
        super().increase_indent(flow, False)


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
# Keep lists of codes (scale, sdgs, tags) on one line, as people write them.
_Dumper.add_representer(tuple, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _text(value: Text) -> Any:
    if value.is_uniform:
        return next(iter(value.values()))
    mapping = dict(value)
    return _Flow(mapping) if sum(len(v) for v in mapping.values()) <= 70 else mapping


def deck_to_data(deck: Deck) -> dict[str, Any]:
    data: dict[str, Any] = {"id": deck.id, "domain": deck.domain, "name": _text(deck.name)}
    if deck.description is not None:
        data["description"] = _text(deck.description)
    data.update(colour=deck.colour, version=deck.version, languages=tuple(deck.languages),
                licence=deck.licence, authors=list(deck.authors))
    # What the common back prints (series, logo) and what tells the domains apart (icon, pattern).
    if deck.series is not None:
        data["series"] = _text(deck.series)
    data.update({k: v for k, v in (("logo", deck.logo), ("icon", deck.icon), ("pattern", deck.pattern)) if v})
    data["cards"] = []
    for card in deck.cards:
        c: dict[str, Any] = {
            "id": card.id, "title": _text(card.title), "summary": _text(card.summary),
            "description": _text(card.description), "actors": [_text(a) for a in card.actors],
            "scale": tuple(s.value for s in card.scale), "cost": card.cost.value,
            "horizon": card.horizon.value, "sdgs": tuple(card.sdgs),
        }
        if card.co_benefits:
            c["co_benefits"] = [_text(t) for t in card.co_benefits]
        if card.barriers:
            c["barriers"] = [_text(t) for t in card.barriers]
        if card.examples:
            c["examples"] = [{"text": _text(e.text), **{k: v for k, v in (("url", e.url), ("source", e.source),
                                                                         ("checked", e.checked)) if v}}
                             for e in card.examples]
        if card.tags:
            c["tags"] = tuple(card.tags)
        if card.quantity != 1:
            c["quantity"] = card.quantity
        if card.image:
            c["image"] = card.image
        if card.origin:
            o = card.origin
            c["origin"] = {k: v for k, v in (("workshop", o.workshop), ("workshop_id", o.workshop_id),
                                             ("territory", o.territory), ("date", o.date), ("table", o.table),
                                             ("proposal", o.proposal), ("cards", tuple(o.cards))) if v}
        data["cards"].append(c)
    return data


def deck_to_yaml(deck: Deck) -> str:
    body = yaml.dump(deck_to_data(deck), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     indent=2)
    return SCHEMA_COMMENT + body
