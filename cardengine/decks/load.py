"""Load and validate deck and criteria files into typed domain objects.

Order of work: read YAML with positions -> check against the JSON Schema -> check what a schema
cannot say (semantic_checks.py; ids across decks here) -> build the objects. Every
problem in a file is reported at once; nothing here raises for bad input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from cardengine.decks.model import Card, CostBand, CriteriaSet, Deck, Example, Horizon, Origin, Scale
from cardengine.decks.model_data import build_criteria
from cardengine.decks.model_data import languages_of as _languages
from cardengine.decks.model_data import text_of as _text
from cardengine.decks.schema_check import check_schema
from cardengine.decks.semantic_checks import SemanticChecks
from cardengine.decks.yaml_source import Positions, read_yaml
from cardengine.gcpause import paused_gc
from cardengine.i18n import tr, tr_later
from cardengine.problems import FieldPath, Problem, has_errors

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    """What loading some files produced: the good objects and every problem."""

    decks: list[Deck] = field(default_factory=list)
    criteria: list[CriteriaSet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


# ---------------------------------------------------------------- file discovery

def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their YAML files (sorted); name paths that do not exist."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(path, 0, 0, (), tr("the folder holds no .yaml files"),
                                        tr("point to a folder of decks, e.g. decks/")))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            problems.append(Problem(path, 0, 0, (), tr("is not a regular file (a pipe or device)"),
                                    tr("give the path of a .yaml file or of a folder of them")))
        else:
            problems.append(Problem(path, 0, 0, (), tr("no such file or folder"), tr("check the path")))
    return files, problems


def is_criteria_data(data: Any) -> bool:
    return isinstance(data, dict) and "criteria" in data and "cards" not in data


# ---------------------------------------------------------------- public entry points

def load_paths(paths: Sequence[Path]) -> LoadResult:
    """Load every deck and criteria file under `paths`, checking card ids across all decks."""
    with paused_gc():
        return _load_files(paths)


def _load_files(paths: Sequence[Path]) -> LoadResult:
    result = LoadResult()
    for obj, problems in iter_files(paths):
        result.problems.extend(problems)
        if isinstance(obj, Deck):
            result.decks.append(obj)
        elif obj is not None:
            result.criteria.append(obj)
    return result


def iter_files(paths: Sequence[Path]) -> Iterator[tuple[Deck | CriteriaSet | None, list[Problem]]]:
    """Each file under `paths` in turn: its deck or criteria set (None if it has errors) and its problems, card
    ids checked across all decks; the folders' problems come first, with None. Build holds one deck at a time."""
    files, problems = discover(paths)
    yield None, problems
    seen_ids: dict[str, tuple[Path, int]] = {}
    alone = {p.resolve() for p in paths if p.is_file()}  # deck files given one by one, not as a folder
    loaded = {f.resolve() for f in files}
    for file in files:
        with paused_gc():
            obj, file_problems = _load_file(file, seen_ids, alone, loaded)
        yield obj, file_problems
        obj = None  # not kept here while the next file loads


def _load_file(file: Path, seen_ids: dict[str, tuple[Path, int]], alone: set[Path],
               loaded: set[Path]) -> tuple[Deck | CriteriaSet | None, list[Problem]]:
    # The file's data and positions (tens of MB for 1,000 cards) go when this returns.
    doc, file_problems = read_yaml(file)
    problems = list(file_problems)
    if doc is None:
        return None, problems
    if is_criteria_data(doc.data):
        crit, probs = criteria_from_data(doc.data, file, doc.positions)
        problems.extend(probs)
        return (crit if crit and not has_errors(file_problems) else None), problems
    deck, probs = deck_from_data(doc.data, file, doc.positions)
    problems.extend(probs)
    problems.extend(_cross_deck_ids(doc.data, file, doc.positions, seen_ids))
    if file.resolve() in alone:  # its folder's other decks are used with it: their ids are taken too
        from cardengine.decks.folder_ids import folder_card_ids

        taken = folder_card_ids(file, loaded, _card_ids(doc.data))
        problems.extend(_cross_deck_ids(doc.data, file, doc.positions, taken, FOLDER_HINT))
    return (deck if deck and not has_errors(file_problems) else None), problems


def load_for_workshop(decks: Path | None = None,
                      criteria: Path | None = None) -> tuple[LoadResult, CriteriaSet | None]:
    """The decks and the one criteria set a new workshop is made of, with every problem met.

    `decks` defaults to ./decks, else the bundled decks. `criteria` defaults to the criteria in the decks folder (its
    criteria.yaml), else the bundled criteria, so a folder of decks alone is enough."""
    from cardengine.bundled import bundled_criteria, default_decks

    decks = decks if decks is not None else default_decks()
    paths = [decks]
    if criteria is not None and not (decks.is_dir() and criteria.resolve().parent == decks.resolve()):
        paths.append(criteria)  # a criteria file inside the decks folder is loaded with the folder
    result = load_paths(paths)
    if criteria is None and not result.criteria:
        extra = load_paths([bundled_criteria()])
        result.criteria += extra.criteria
        result.problems += extra.problems
    chosen = next((c for c in result.criteria if criteria is not None and c.source is not None
                   and c.source.resolve() == criteria.resolve()), result.criteria[0] if result.criteria else None)
    return result, chosen


def load_deck(path: Path) -> tuple[Deck | None, list[Problem]]:
    return _load_one(path, deck_from_data)


def load_criteria(path: Path) -> tuple[CriteriaSet | None, list[Problem]]:
    return _load_one(path, criteria_from_data)


_Loaded = TypeVar("_Loaded", Deck, CriteriaSet)


def _load_one(path: Path, from_data: Callable[[Any, Path, Positions], tuple[_Loaded | None, list[Problem]]]
              ) -> tuple[_Loaded | None, list[Problem]]:
    doc, problems = read_yaml(path)
    if doc is None:
        return None, problems
    obj, more = from_data(doc.data, path, doc.positions)
    problems += more
    return (obj if not has_errors(problems) else None), problems


# ---------------------------------------------------------------- decks

def deck_from_data(data: Any, file: Path | str, positions: Positions,
                   base: Path | None = None) -> tuple[Deck | None, list[Problem]]:
    """Validate plain data (from YAML or a spreadsheet) and build a Deck if it has no errors.

    `base` is the folder card images are relative to (default: the file's folder)."""
    problems = check_schema("deck", data, file, positions)
    if not isinstance(data, dict):
        return None, problems
    checker = SemanticChecks(file, positions, _languages(data), base or Path(file).parent, untranslated_warns=True)
    checker.deck(data)
    problems += checker.problems
    if has_errors(problems) or positions.refused:  # the reader reported refused values already
        return None, problems
    return build_deck(data, Path(file) if isinstance(file, (str, Path)) else None), problems


def _card_ids(data: Any) -> set[str]:
    cards = data.get("cards") if isinstance(data, dict) else None
    return {c["id"] for c in cards if isinstance(c, dict) and isinstance(c.get("id"), str)} \
        if isinstance(cards, list) else set()


FOLDER_HINT = tr_later("the decks of a folder are used together (a workshop loads the folder); give this card a new "
                       "id, or move the other deck out of the folder")
CROSS_DECK_HINT = tr_later("card ids must be unique across all decks; give this card a new id")


def _cross_deck_ids(data: Any, file: Path, positions: Positions, seen: dict[str, tuple[Path, int]],
                    hint: str = CROSS_DECK_HINT) -> list[Problem]:
    problems = []
    cards = data.get("cards") if isinstance(data, dict) else None
    for i, card in enumerate(cards if isinstance(cards, list) else []):
        cid = card.get("id") if isinstance(card, dict) else None
        if not isinstance(cid, str):
            continue
        line, col = positions.of_value(("cards", i, "id"))
        if cid in seen:
            other_file, other_line = seen[cid]
            if other_file != file:  # repeats within one file are reported by the deck checks
                problems.append(Problem(file, line, col, ("cards", i, "id"),
                                        tr("card id '{id}' is already used in {file}:{line}").format(
                                            id=cid, file=other_file, line=other_line), tr(hint)))
        else:
            seen[cid] = (file, line)
    return problems


def build_deck(data: dict, source: Path | None) -> Deck:
    """Build a Deck from data that has passed validation."""
    langs = _languages(data)
    cards = tuple(
        Card(
            id=c["id"],
            title=_text(c["title"], langs),
            summary=_text(c["summary"], langs),
            description=_text(c["description"], langs),
            actors=tuple(_text(a, langs) for a in c["actors"]),
            scale=tuple(Scale(s) for s in c["scale"]),
            cost=CostBand(c["cost"]),
            horizon=Horizon(c["horizon"]),
            sdgs=tuple(c["sdgs"]),
            co_benefits=tuple(_text(a, langs) for a in c.get("co_benefits", [])),
            barriers=tuple(_text(a, langs) for a in c.get("barriers", [])),
            examples=tuple(Example(_text(e["text"], langs), e.get("url"), e.get("source"), e.get("checked"))
                           for e in c.get("examples", [])),
            tags=tuple(c.get("tags", [])),
            quantity=c.get("quantity", 1),
            image=c.get("image"),
            origin=Origin(**{**c["origin"], "cards": tuple(c["origin"]["cards"])}) if "origin" in c else None,
        )
        for c in data["cards"]
    )
    return Deck(
        id=data["id"], domain=data["domain"], name=_text(data["name"], langs), colour=data["colour"].upper(),
        version=data["version"], languages=langs, licence=data["licence"],
        authors=tuple(data["authors"]), cards=cards,
        description=_text(data["description"], langs) if "description" in data else None,
        series=_text(data["series"], langs) if "series" in data else None,
        logo=data.get("logo"), icon=data.get("icon"), pattern=data.get("pattern"),
        source=source,
    )


# ---------------------------------------------------------------- criteria

def criteria_from_data(data: Any, file: Path | str,
                       positions: Positions) -> tuple[CriteriaSet | None, list[Problem]]:
    problems = check_schema("criteria", data, file, positions)
    if not isinstance(data, dict):
        return None, problems
    checker = SemanticChecks(file, positions, _languages(data))
    for key in ("name", "source"):
        if key in data:
            checker.text(data[key], (key,))
    criteria = data.get("criteria")
    seen: dict[str, int] = {}
    any_weight = False
    for i, crit in enumerate(criteria if isinstance(criteria, list) else []):
        if not isinstance(crit, dict):
            continue
        path: FieldPath = ("criteria", i)
        cid = crit.get("id")
        if isinstance(cid, str):
            if cid in seen:
                checker.add((*path, "id"), tr("criterion id '{id}' is used twice (first on line {line})").format(
                    id=cid, line=seen[cid]), tr("give each criterion its own id"))
            seen.setdefault(cid, positions.of_value((*path, "id"))[0])
        for key in ("label", "question"):
            if key in crit:
                checker.text(crit[key], (*path, key))
        weight = crit.get("weight")
        if isinstance(weight, (int, float)) and not isinstance(weight, bool) and weight > 0:
            any_weight = True
        scale = crit.get("scale")
        values = []
        for j, level in enumerate(scale if isinstance(scale, list) else []):
            if isinstance(level, dict):
                for key in ("label", "meaning"):
                    if key in level:
                        checker.text(level[key], (*path, "scale", j, key))
                if isinstance(level.get("value"), int):
                    values.append(level["value"])
        if values and values != sorted(set(values)):
            message = tr("level values {values} are not in increasing order without repeats").format(values=values)
            checker.add((*path, "scale"), message,
                        tr("list the levels from the lowest value to the highest, each value once"))
    if isinstance(criteria, list) and criteria and not any_weight:
        checker.add(("criteria",), tr("every criterion has weight 0, so no score can be combined"),
                    tr("give at least one criterion a weight above 0"))
    problems += checker.problems
    if has_errors(problems) or positions.refused:  # the reader reported refused values already
        return None, problems
    return build_criteria(data, Path(file) if isinstance(file, (str, Path)) else None), problems


