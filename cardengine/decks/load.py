"""Load and validate deck and criteria files into typed domain objects.

Order of work: read YAML with positions -> check against the JSON Schema -> check what a schema
cannot say (languages, placeholders, images, ids across decks) -> build the objects. Every
problem in a file is reported at once; nothing here raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cardengine.decks.model import Card, CostBand, CriteriaSet, Deck, Example, Horizon, Origin, Scale
from cardengine.decks.model_data import build_criteria
from cardengine.decks.model_data import languages_of as _languages
from cardengine.decks.model_data import text_of as _text
from cardengine.decks.schema_check import check_schema
from cardengine.decks.yaml_source import Positions, read_yaml
from cardengine.gcpause import paused_gc
from cardengine.problems import FieldPath, Problem, Severity, has_errors

PLACEHOLDER = re.compile(r"\b(lorem ipsum|todo|tbd|fixme|xxx+)\b|^\s*\.\.\.\s*$|\?\?\?", re.IGNORECASE)
YAML_SUFFIXES = (".yaml", ".yml")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _real_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


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
                problems.append(Problem(path, 0, 0, (), "the folder holds no .yaml files",
                                        "point to a folder of decks, e.g. decks/"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            problems.append(Problem(path, 0, 0, (), "is not a regular file (a pipe or device)",
                                    "give the path of a .yaml file or of a folder of them"))
        else:
            problems.append(Problem(path, 0, 0, (), "no such file or folder", "check the path"))
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


def _load_one(path: Path, from_data):
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
    checker = _SemanticChecks(file, positions, _languages(data), base or Path(file).parent)
    checker.deck(data)
    problems += checker.problems
    if has_errors(problems) or positions.refused:  # the reader reported refused values already
        return None, problems
    return build_deck(data, Path(file) if isinstance(file, (str, Path)) else None), problems


def _card_ids(data: Any) -> set[str]:
    cards = data.get("cards") if isinstance(data, dict) else None
    return {c["id"] for c in cards if isinstance(c, dict) and isinstance(c.get("id"), str)} \
        if isinstance(cards, list) else set()


FOLDER_HINT = ("the decks of a folder are used together (a workshop loads the folder); give this card a new id, "
               "or move the other deck out of the folder")


def _cross_deck_ids(data: Any, file: Path, positions: Positions, seen: dict[str, tuple[Path, int]],
                    hint: str = "card ids must be unique across all decks; give this card a new id") -> list[Problem]:
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
                                        f"card id '{cid}' is already used in {other_file}:{other_line}", hint))
        else:
            seen[cid] = (file, line)
    return problems


class _SemanticChecks:
    """Rules a JSON Schema cannot express. Tolerates data the schema already rejected."""

    def __init__(self, file: Path | str, positions: Positions, languages: tuple[str, ...],
                 base: Path | None = None):
        self.file, self.positions, self.languages = file, positions, languages
        self.base = base
        self.problems: list[Problem] = []

    def add(self, path: FieldPath, message: str, hint: str = "", severity=Severity.ERROR,
            at_key: bool = False) -> None:
        line, col = self.positions.of_key(path) if at_key else self.positions.of_value(path)
        self.problems.append(Problem(self.file, line, col, path, message, hint, severity))

    def text(self, value: Any, path: FieldPath) -> None:
        if isinstance(value, str):
            self._placeholder(value, path)
        elif isinstance(value, dict) and self.languages:
            missing = [lang for lang in self.languages if lang not in value]
            for lang in missing:
                self.add(path, f"has no '{lang}' text, but the deck declares languages "
                         f"{', '.join(self.languages)}", f"add {lang}: with the {lang} text")
            for lang, text in value.items():
                if lang not in self.languages:
                    self.add((*path, lang), f"language '{lang}' is not among the deck's languages "
                             f"({', '.join(self.languages)})",
                             f"add {lang} to languages: or remove this text", at_key=True)
                elif isinstance(text, str):
                    self._placeholder(text, (*path, lang))

    def _placeholder(self, text: str, path: FieldPath) -> None:
        m = PLACEHOLDER.search(text)
        if m:
            found = m.group(0).strip()
            found = found if len(found) <= 20 else found[:17] + "..."  # 'xxx+' can match megabytes
            self.add(path, f"looks like placeholder text ('{found}')",
                     "write the real text before printing")

    def texts(self, values: Any, path: FieldPath) -> None:
        for i, value in enumerate(values if isinstance(values, list) else []):
            self.text(value, (*path, i))

    def deck(self, data: dict) -> None:
        for key in ("name", "description", "series"):
            if key in data:
                self.text(data[key], (key,))
        if isinstance(data.get("logo"), str) and self.base is not None:
            self.image(data["logo"], ("logo",))
        if isinstance(data.get("icon"), str):
            from cardengine.decks.identity import icon_problem

            found = icon_problem(data["icon"])
            if found:
                self.add(("icon",), *found)
        cards = data.get("cards")
        first_line: dict[str, int] = {}
        for i, card in enumerate(cards if isinstance(cards, list) else []):
            if not isinstance(card, dict):
                continue
            cid = card.get("id")
            if isinstance(cid, str):
                if cid in first_line:
                    self.add(("cards", i, "id"), f"card id '{cid}' is used twice in this deck "
                             f"(first on line {first_line[cid]})", "give each card its own id")
                else:
                    first_line[cid] = self.positions.of_value(("cards", i, "id"))[0]
            self.card(card, ("cards", i))

    def card(self, card: dict, path: FieldPath) -> None:
        for key in ("title", "summary", "description"):
            if key in card:
                self.text(card[key], (*path, key))
        for key in ("actors", "co_benefits", "barriers"):
            self.texts(card.get(key), (*path, key))
        for j, example in enumerate(card.get("examples") or [] if isinstance(card.get("examples"), list) else []):
            if isinstance(example, dict) and "text" in example:
                self.text(example["text"], (*path, "examples", j, "text"))
        image = card.get("image")
        if isinstance(image, str) and self.base is not None:
            self.image(image, (*path, "image"))
        origin = card.get("origin")
        date = origin.get("date") if isinstance(origin, dict) else None
        if isinstance(date, str) and ISO_DATE.match(date) and not _real_date(date):
            self.add((*path, "origin", "date"), f"{date} is not a date in the calendar",
                     "write the workshop's real date as YYYY-MM-DD")

    def image(self, image: str, path: FieldPath) -> None:
        from cardengine.decks.images import image_file_problem

        assert self.base is not None
        found = image_file_problem(self.base, image)
        if found:
            self.add(path, *found)


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
            examples=tuple(Example(_text(e["text"], langs), e.get("url")) for e in c.get("examples", [])),
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
    checker = _SemanticChecks(file, positions, _languages(data))
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
                checker.add((*path, "id"), f"criterion id '{cid}' is used twice (first on line {seen[cid]})",
                            "give each criterion its own id")
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
            checker.add((*path, "scale"), f"level values {values} are not in increasing order without repeats",
                        "list the levels from the lowest value to the highest, each value once")
    if isinstance(criteria, list) and criteria and not any_weight:
        checker.add(("criteria",), "every criterion has weight 0, so no score can be combined",
                    "give at least one criterion a weight above 0")
    problems += checker.problems
    if has_errors(problems) or positions.refused:  # the reader reported refused values already
        return None, problems
    return build_criteria(data, Path(file) if isinstance(file, (str, Path)) else None), problems


