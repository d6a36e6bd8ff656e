"""Check data against a shipped JSON Schema and turn each violation into a Problem a person can act on.

The schema is the one source of the structural rules (the same file editors use); this module
only translates jsonschema's errors into "what is wrong; how to fix it" with the line and column.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cardengine.decks.schema_fast import is_surely_valid
from cardengine.decks.yaml_source import Positions
from cardengine.i18n import tr, tr_later
from cardengine.problems import FieldPath, Problem
from cardengine.schemas import load_schema

if TYPE_CHECKING:  # jsonschema is imported only when a file breaks a rule (it takes 0.1 s to import)
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

_validators: dict[str, Draft7Validator] = {}


def _validator(kind: str) -> Draft7Validator:
    from jsonschema import Draft7Validator

    if kind not in _validators:
        _validators[kind] = Draft7Validator(load_schema(kind))
    return _validators[kind]


def check_schema(kind: str, data: Any, file: Path | str, positions: Positions) -> list[Problem]:
    if is_surely_valid(kind, data):
        return []  # jsonschema would find nothing: it is needed for the wording of what is wrong only
    problems: list[Problem] = []
    for error in _validator(kind).iter_errors(data):
        for path, at_key, message, hint in _describe(error):
            if path in positions.refused:
                continue  # the reader said what is wrong with this value
            line, col = positions.of_key(path) if at_key else positions.of_value(path)
            problems.append(Problem(file, line, col, path, message, hint))
    # One mistake can break several rules (a missing value breaks both type and pattern): keep one per place.
    unique: dict[tuple[FieldPath, str], Problem] = {}
    for p in problems:
        unique.setdefault((p.path, p.message), p)
    return list(unique.values())


def kind_of(value: Any) -> str:
    if value is None:
        return tr("nothing")
    if isinstance(value, bool):
        return tr("yes/no ({value})").format(value=str(value).lower())
    if isinstance(value, int):
        return tr("the number {value}").format(value=value)
    if isinstance(value, float):
        return tr("the number {value}").format(value=repr(value))
    if isinstance(value, str):
        return tr("the text {value}").format(value=_short(value))
    if isinstance(value, list):
        return tr("a list")
    if isinstance(value, dict):
        return tr("a mapping of fields")
    return type(value).__name__


_TYPE_WORDS = {"string": tr_later("text"), "integer": tr_later("a whole number"), "number": tr_later("a number"),
               "array": tr_later("a list"), "object": tr_later("a mapping of fields"),
               "boolean": tr_later("yes or no"), "null": tr_later("nothing")}


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value) if not isinstance(value, str) else "'" + value + "'"
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def translated_hint(english: str) -> str:
    from cardengine.decks.schema_hints import translated_hint  # walks every schema: only once a file has errors

    return translated_hint(english)


def _hint(error: ValidationError) -> str:
    return translated_hint(error.schema.get("x-hint", "")) if isinstance(error.schema, dict) else ""


def _describe(error: ValidationError) -> list[tuple[FieldPath, bool, str, str]]:
    """(field path, point at the key rather than the value, message, hint) for one error."""
    path: FieldPath = tuple(error.absolute_path)
    kw = error.validator
    inst: Any = error.instance  # the value that breaks the rule: any JSON value
    # What the broken keyword asks (any JSON value); jsonschema sets these on every error it yields.
    rule: Any = error.validator_value
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    hint = _hint(error)

    if kw in ("oneOf", "anyOf"):
        # Keep the errors of the branch whose type fits the value; if none fits, say what was expected.
        fitting = [e for e in error.context or [] if not (e.validator == "type" and not e.relative_path)]
        if fitting:
            first_branch = min(e.schema_path[0] for e in fitting)
            out = []
            for e in fitting:
                if e.schema_path[0] == first_branch:
                    out.extend(_describe(e))
            return out
        if inst is None:
            return [(path, False, tr("is empty"), hint)]
        return [(path, False, tr("expected text, found {kind}").format(kind=kind_of(inst)), hint)]

    if kw == "type":
        expected = rule
        expected = [expected] if isinstance(expected, str) else expected
        words = f" {tr('or')} ".join(tr(_TYPE_WORDS[t]) if t in _TYPE_WORDS else t for t in expected)
        if inst is None:
            if path and path[-1] == "colour":
                hint = tr("a # starts a YAML comment, so quote the colour: colour: \"#E69F00\"")
            return [(path, False, tr("is empty, expected {words}").format(words=words), hint)]
        if "number" not in expected and "integer" not in expected and isinstance(inst, (int, float)) \
                and not isinstance(inst, bool) and path and path[-1] == "version":
            return [(path, False, tr("is {kind}, expected text").format(kind=kind_of(inst)), hint)]
        return [(path, False, tr("expected {words}, found {kind}").format(words=words, kind=kind_of(inst)), hint)]

    if kw == "required":
        missing = [name for name in rule if isinstance(inst, dict) and name not in inst]
        out = []
        for name in missing:
            sub = schema.get("properties", {}).get(name, {})
            sub_hint = translated_hint(sub.get("x-hint", "")) or (tr("add {name}: ({description})").format(
                name=name, description=sub["description"].rstrip(".")) if "description" in sub else
                tr("add {name}:").format(name=name))
            out.append((path, False, tr("missing required field '{name}'").format(name=name), sub_hint))
        return out

    if kw == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in inst if k not in allowed] if isinstance(inst, dict) else []
        out = []
        for key in extras:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if close:
                fix = tr("did you mean '{name}'?").format(name=close[0])
            elif allowed:
                fix = tr("allowed fields here: {names}").format(names=", ".join(allowed))
            else:
                fix = tr("remove it")
            out.append(((*path, key), True, tr("unknown field '{key}'").format(key=key), fix))
        return out

    if kw == "enum":
        options = [str(o) for o in rule]
        close = difflib.get_close_matches(str(inst), options, n=1, cutoff=0.6)
        use = tr("use one of: {names}").format(names=", ".join(options))
        fix = (tr("did you mean '{name}'?").format(name=close[0]) + " " if close else "") + use
        if inst is None:
            return [(path, False, tr("is empty"), use)]
        return [(path, False, tr("{value} is not allowed here").format(value=_short(inst)), fix)]

    if kw == "pattern":
        if isinstance(inst, str) and not inst.strip():
            return [(path, False, tr("is blank"), hint or tr("write some text"))]
        if isinstance(inst, str) and "\n" in inst.strip() and "\\n" in rule:
            return [(path, False, tr("must fit on one line"),
                     tr("remove the line breaks (in YAML, use >- rather than |)"))]
        return [(path, False, tr("{value} is not valid here").format(value=_short(inst)), hint)]

    if kw == "minLength":
        return [(path, False, tr("is empty"), hint or tr("write some text"))]
    if kw == "maxLength":
        return [(path, False, tr("is {length} characters long, at most {most} fit").format(length=len(inst), most=rule),
                 tr("shorten it by {count} characters").format(count=len(inst) - rule))]
    if kw in ("minimum", "maximum"):
        beyond = tr("{value} is below the minimum {rule}") if kw == "minimum" else tr(
            "{value} is above the maximum {rule}")
        return [(path, False, beyond.format(value=inst, rule=rule), hint)]
    if kw == "minItems":
        if not inst:
            return [(path, False, tr("is an empty list"), hint)]
        return [(path, False, tr("has {count} items, at least {least} needed").format(count=len(inst), least=rule),
                 hint)]
    if kw == "maxItems":
        return [(path, False, tr("has {count} items, at most {most} allowed").format(count=len(inst), most=rule),
                 hint or tr("keep the {most} most important").format(most=rule))]
    if kw == "uniqueItems":
        seen, dupes = set(), []
        for item in inst:
            key = repr(item)
            if key in seen and item not in dupes:
                dupes.append(item)
            seen.add(key)
        return [(path, False, tr("repeats {items}").format(items=", ".join(_short(d) for d in dupes)),
                 tr("list each item once"))]
    if kw == "minProperties":
        return [(path, False, tr("is an empty mapping"), hint or tr("give the text for each language"))]
    if kw == "propertyNames":
        return [(path, False, tr("{value} is not a valid name here").format(value=_short(inst)), hint)]
    return [(path, False, error.message, hint)]
