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
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {_short(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
               "object": "a mapping of fields", "boolean": "yes or no", "null": "nothing"}


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value) if not isinstance(value, str) else "'" + value + "'"
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _hint(error: ValidationError) -> str:
    return error.schema.get("x-hint", "") if isinstance(error.schema, dict) else ""


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
            return [(path, False, "is empty", hint)]
        return [(path, False, f"expected text, found {kind_of(inst)}", hint)]

    if kw == "type":
        expected = rule
        expected = [expected] if isinstance(expected, str) else expected
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        if inst is None:
            if path and path[-1] == "colour":
                hint = "a # starts a YAML comment, so quote the colour: colour: \"#E69F00\""
            return [(path, False, f"is empty, expected {words}", hint)]
        if "number" not in expected and "integer" not in expected and isinstance(inst, (int, float)) \
                and not isinstance(inst, bool) and path and path[-1] == "version":
            return [(path, False, f"is {kind_of(inst)}, expected text", hint)]
        return [(path, False, f"expected {words}, found {kind_of(inst)}", hint)]

    if kw == "required":
        missing = [name for name in rule if isinstance(inst, dict) and name not in inst]
        out = []
        for name in missing:
            sub = schema.get("properties", {}).get(name, {})
            sub_hint = sub.get("x-hint") or (f"add {name}: ({sub['description'].rstrip('.')})"
                                             if "description" in sub else f"add {name}:")
            out.append((path, False, f"missing required field '{name}'", sub_hint))
        return out

    if kw == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in inst if k not in allowed] if isinstance(inst, dict) else []
        out = []
        for key in extras:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if close:
                fix = f"did you mean '{close[0]}'?"
            elif allowed:
                fix = "allowed fields here: " + ", ".join(allowed)
            else:
                fix = "remove it"
            out.append(((*path, key), True, f"unknown field '{key}'", fix))
        return out

    if kw == "enum":
        options = [str(o) for o in rule]
        close = difflib.get_close_matches(str(inst), options, n=1, cutoff=0.6)
        fix = (f"did you mean '{close[0]}'? " if close else "") + "use one of: " + ", ".join(options)
        if inst is None:
            return [(path, False, "is empty", "use one of: " + ", ".join(options))]
        return [(path, False, f"{_short(inst)} is not allowed here", fix)]

    if kw == "pattern":
        if isinstance(inst, str) and not inst.strip():
            return [(path, False, "is blank", hint or "write some text")]
        if isinstance(inst, str) and "\n" in inst.strip() and "\\n" in rule:
            return [(path, False, "must fit on one line", "remove the line breaks (in YAML, use >- rather than |)")]
        return [(path, False, f"{_short(inst)} is not valid here", hint)]

    if kw == "minLength":
        return [(path, False, "is empty", hint or "write some text")]
    if kw == "maxLength":
        return [(path, False, f"is {len(inst)} characters long, at most {rule} fit",
                 f"shorten it by {len(inst) - rule} characters")]
    if kw in ("minimum", "maximum"):
        return [(path, False, f"{inst} is {'below' if kw == 'minimum' else 'above'} the "
                 f"{kw} {rule}", hint)]
    if kw == "minItems":
        if not inst:
            return [(path, False, "is an empty list", hint)]
        return [(path, False, f"has {len(inst)} items, at least {rule} needed", hint)]
    if kw == "maxItems":
        return [(path, False, f"has {len(inst)} items, at most {rule} allowed",
                 hint or f"keep the {rule} most important")]
    if kw == "uniqueItems":
        seen, dupes = set(), []
        for item in inst:
            key = repr(item)
            if key in seen and item not in dupes:
                dupes.append(item)
            seen.add(key)
        return [(path, False, "repeats " + ", ".join(_short(d) for d in dupes), "list each item once")]
    if kw == "minProperties":
        return [(path, False, "is an empty mapping", hint or "give the text for each language")]
    if kw == "propertyNames":
        return [(path, False, f"{_short(inst)} is not a valid name here", hint)]
    return [(path, False, error.message, hint)]
