"""Jinja2 templates of layout boxes, run in a sandbox with budgets: a layout from someone else can neither run
code nor hang the build or take all memory (template_sandbox.py, template_limits.py)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, TemplateRuntimeError

from cardengine.decks.model import Card, Deck
from cardengine.decks.vocabulary import COST, COST_SIGNS, HORIZON, LABELS, SCALE, SDG_NAMES, word_in
from cardengine.i18n import tr
from cardengine.printing.template_limits import MAX_TEMPLATE, BudgetExceeded, CardClock, budget_for
from cardengine.printing.template_sandbox import BudgetedEnvironment, loading_tag


class TemplateRefused(TemplateError):
    """A template that cannot be used at all (it loads other templates, or is far too long or deep)."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@cache
def environment() -> BudgetedEnvironment:
    return BudgetedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)


@cache
def compile_template(source: str) -> Template:
    """Compile once per distinct template text; raises jinja2.TemplateError on a syntax error or a template
    that cannot be used."""
    if len(source) > MAX_TEMPLATE:
        raise TemplateRefused(tr("the template is {length} characters long; a box template has at most {most}").format(
            length=f"{len(source):,}", most=f"{MAX_TEMPLATE:,}"), tr("shorten it"))
    env = environment()
    try:
        parsed = env.parse(source)
        loads = loading_tag(parsed)
        if loads:
            tag, line = loads
            raise TemplateRefused(tr("templates cannot load other templates ({{% {tag} %}} on line {line} of the "
                                     "template); write the text in the box's template itself").format(
                                         tag=tag, line=line), tr("a box template stands on its own"))
        return env.from_string(env.guard(parsed))
    except TemplateError:
        raise
    except (RecursionError, MemoryError, SyntaxError) as exc:  # nesting deeper than Python can compile
        raise TemplateRefused(tr("the template nests too deeply to compile ({error})").format(
            error=type(exc).__name__), tr("use fewer brackets inside each other")) from None


def template_error(source: str) -> str | None:
    found = template_problem(source)
    return found[0] if found else None


def template_problem(source: str) -> tuple[str, str] | None:
    """What is wrong with a box template before it runs, and how to fix it; None when it compiles."""
    try:
        compile_template(source)
    except TemplateRefused as exc:
        return str(exc), exc.hint
    except TemplateError as exc:
        return (f"the template does not compile: {clean_message(str(exc))}",
                "fix the Jinja2 syntax ({{ card.title }}, {% if ... %}...{% endif %})")
    return None


def card_context(deck: Deck, card: Card | None, lang: str) -> dict[str, Any]:
    """What a box template can use: the card and deck in one language, and printed labels."""
    ctx: dict[str, Any] = {
        "lang": lang,
        "deck": {"id": deck.id, "name": deck.name[lang], "domain": deck.domain, "version": deck.version,
                 "description": deck.description[lang] if deck.description else "",
                 "licence": deck.licence, "authors": list(deck.authors), "cards": len(deck.cards),
                 "series": deck.series[lang] if deck.series else ""},
        "labels": {key: word_in(text, lang) for key, text in LABELS.items()},
    }
    if card is not None:
        ctx["card"] = {
            "id": card.id, "title": card.title[lang], "summary": card.summary[lang],
            "description": card.description[lang], "actors": [a[lang] for a in card.actors],
            "scale": [word_in(SCALE[s], lang) for s in card.scale], "cost": word_in(COST[card.cost], lang),
            "cost_signs": "€" * COST_SIGNS[card.cost], "horizon": word_in(HORIZON[card.horizon], lang),
            "sdgs": list(card.sdgs), "sdg_names": [word_in(SDG_NAMES[n], lang) for n in card.sdgs],
            "tags": list(card.tags), "co_benefits": [t[lang] for t in card.co_benefits],
            "barriers": [t[lang] for t in card.barriers], "examples": [e.text[lang] for e in card.examples],
        }
    return ctx


def render(source: str, context: dict[str, Any], clock: CardClock | None = None) -> str:
    """The box's text. Raises BudgetExceeded when the template passes a limit (output, loops, memory, or the
    card's time on `clock`), and another jinja2.TemplateError when it fails (undefined names, 1/0, ...)."""
    template = compile_template(source)
    with budget_for(clock or CardClock()) as budget:
        parts = []
        try:
            for chunk in template.generate(context):
                budget.show(len(chunk))
                budget.tick()
                parts.append(chunk)
        except TemplateError:
            raise
        except RecursionError:
            raise BudgetExceeded(tr("the template calls itself without end (a macro or a recursive loop)")) from None
        except MemoryError:
            raise BudgetExceeded(tr("the template ran out of memory")) from None
        except Exception as exc:  # the template's own mistake (1/0, 'a' + 1, ...), not ours
            raise TemplateRuntimeError(f"{type(exc).__name__}: {clean_message(str(exc))}") from None
    return "".join(parts).strip()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_message(message: str, limit: int = 200) -> str:
    """One short line, control characters shown as escapes: a message may quote what the template made."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)
    return text if len(text) <= limit else text[:limit] + "..."
