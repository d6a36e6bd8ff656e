"""Decks to and from CSV, so facilitators can write cards in Excel or LibreOffice.

One row per card, one column per language of each text field (`title.it`, `title.en`). Lists of
texts hold one item per line inside the cell; lists of codes are comma-separated. Import reads
UTF-8 with or without BOM, comma- or semicolon-separated, and validates with the same rules as
YAML decks, naming the spreadsheet row and column of every problem.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cardengine.csvcell import csv_cell, unneutralise
from cardengine.decks.load import deck_from_data
from cardengine.decks.model import Deck
from cardengine.decks.yaml_source import Positions
from cardengine.i18n import tr
from cardengine.problems import FieldPath, Problem
from cardengine.textcheck import describe_char, first_control

TEXT_FIELDS = ("title", "summary", "description")
TEXT_LIST_FIELDS = ("actors", "co_benefits", "barriers", "examples")
CODE_LIST_FIELDS = ("scale", "sdgs", "tags")
EXAMPLE_FIELDS = ("url", "source", "checked")  # one line per example in their cells, empty where an example has none
ORIGIN_FIELDS = ("workshop", "workshop_id", "territory", "date", "table", "proposal", "cards")
MAX_PROBLEMS = 20  # a problem per line is readable; thousands of them bury the first
MAX_CSV_BYTES = 5 * 1024 * 1024  # as for a YAML deck
MAX_DIGITS = 6  # a quantity or SDG number longer than this is kept as text for the checks to refuse

# A row's cell by column name, noting the field path it fills (for the position of any problem with it).
Cell = Callable[[str, FieldPath], str]


def columns(languages: tuple[str, ...]) -> list[str]:
    def per_lang(name: str) -> list[str]:
        return [f"{name}.{lang}" for lang in languages]

    cols = ["id"]
    for name in (*TEXT_FIELDS, "actors"):
        cols += per_lang(name)
    cols += ["scale", "cost", "horizon", "sdgs"]
    for name in ("co_benefits", "barriers", "examples"):
        cols += per_lang(name)
    cols += [f"examples.{f}" for f in EXAMPLE_FIELDS]
    return cols + ["tags", "quantity", "image"] + [f"origin.{f}" for f in ORIGIN_FIELDS]


# ---------------------------------------------------------------- export

def deck_to_csv(deck: Deck, delimiter: str = ",") -> str:
    langs = deck.languages
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    with_origin = any(card.origin for card in deck.cards)
    head = columns(langs)
    if not with_origin:  # only proposal decks carry origins; keep other sheets narrow
        head = [h for h in head if not h.startswith("origin.")]
    writer.writerow([csv_cell(h) for h in head])
    for card in deck.cards:
        row: list[str] = [card.id]
        for name in TEXT_FIELDS:
            row += [getattr(card, name)[lang] for lang in langs]
        row += ["\n".join(a[lang] for a in card.actors) for lang in langs]
        row += [", ".join(s.value for s in card.scale), card.cost.value, card.horizon.value,
                ", ".join(map(str, card.sdgs))]
        for name in ("co_benefits", "barriers"):
            row += ["\n".join(t[lang] for t in getattr(card, name)) for lang in langs]
        row += ["\n".join(e.text[lang] for e in card.examples) for lang in langs]
        row += ["\n".join(getattr(e, f) or "" for e in card.examples) if any(getattr(e, f) for e in card.examples)
                else "" for f in EXAMPLE_FIELDS]
        row += [", ".join(card.tags), str(card.quantity), card.image or ""]
        if with_origin:
            o = card.origin
            row += [", ".join(o.cards) if f == "cards" else getattr(o, f) for f in ORIGIN_FIELDS] if o else \
                [""] * len(ORIGIN_FIELDS)
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


# ---------------------------------------------------------------- import

@dataclass
class DeckHeader:
    """The deck-level fields, which a spreadsheet of cards does not hold."""

    id: str
    domain: str
    name: dict[str, str]
    colour: str
    version: str = "1.0"
    licence: str = "CC-BY-SA-4.0"
    authors: list[str] = field(default_factory=lambda: ["cardengine contributors"])
    description: dict[str, str] | None = None
    languages: tuple[str, ...] | None = None  # None: take them from the CSV's columns
    series: dict[str, str] | None = None  # the common back's lab or programme, and the deck's marks
    logo: str | None = None
    icon: str | None = None
    pattern: str | None = None

    @classmethod
    def from_deck(cls, deck: Deck) -> DeckHeader:
        return cls(id=deck.id, domain=deck.domain, name=dict(deck.name), colour=deck.colour,
                   version=deck.version, licence=deck.licence, authors=list(deck.authors),
                   description=dict(deck.description) if deck.description else None,
                   languages=deck.languages, series=dict(deck.series) if deck.series else None,
                   logo=deck.logo, icon=deck.icon, pattern=deck.pattern)


def _decode(raw: bytes, file: Path) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file, line, 0, (), tr("the file is not UTF-8 text"),
                              tr("in Excel save as 'CSV UTF-8'; in LibreOffice choose the UTF-8 character set"))]


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def csv_to_deck(file: Path, header: DeckHeader, deck_path: Path) -> tuple[Deck | None, list[Problem]]:
    """Read cards from `file`; `deck_path` is where the deck will live (images are relative to it)."""
    try:
        size = file.stat().st_size
        if size > MAX_CSV_BYTES:
            return None, [Problem(file, 0, 0, (), tr("the file is {size} KiB, larger than the {most} MiB a sheet of "
                                                     "cards may be").format(size=size // 1024,
                                                                            most=MAX_CSV_BYTES // 1024 // 1024),
                                  tr("split it into several decks"))]
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Problem(file, 0, 0, (), tr("cannot read the file: {reason}").format(reason=exc.strerror or exc))]
    text, problems = _decode(raw, file)
    if text is None:
        return None, problems
    rows, problems = _read_rows(text, file)
    if problems:
        return None, problems
    if not rows or not any(cell.strip() for cell in rows[0]):
        return None, [Problem(file, 1, 1, (), tr("the file has no header row"),
                              tr("export a deck with cardengine export-csv to see the expected columns"))]
    head = [h.strip() for h in rows[0]]
    first_column: dict[str, int] = {}
    for col, name in enumerate(head, start=1):
        if name and name in first_column:
            problems.append(Problem(file, 1, col, (), tr("column '{name}' appears twice (columns {first} and "
                                                         "{col}); only one of them can be read").format(
                                                             name=name, first=first_column[name], col=col),
                                    tr("delete or rename one of the two columns")))
        first_column.setdefault(name, col)
    langs = header.languages or tuple(dict.fromkeys(h.split(".", 1)[1] for h in head
                                                    if h.startswith("title.") and "." in h))
    expected = columns(langs)
    for col, name in enumerate(head, start=1):
        if name and name not in expected:
            close = difflib.get_close_matches(name, expected, n=1, cutoff=0.6)
            problems.append(Problem(file, 1, col, (), tr("unknown column '{name}'").format(name=name),
                                    tr("did you mean '{name}'?").format(name=close[0]) if close else
                                    tr("expected columns: {names}").format(names=", ".join(expected))))
    missing = [name for name in expected if name not in head and not name.startswith(
        tuple(f"{f}." for f in ("co_benefits", "barriers", "examples"))) and name not in
        ("tags", "quantity", "image") and not name.startswith("origin.")]
    for name in missing:
        problems.append(Problem(file, 1, 0, (), tr("missing column '{name}'").format(name=name),
                                tr("add a column headed {name}").format(name=name)))
    if len(problems) > MAX_PROBLEMS:  # a sheet of 10,000 stray columns: name the first ones, count the rest
        problems = [Problem(file, 1, 0, (), tr("the header has {count} problems; the first {shown} follow").format(
            count=f"{len(problems):,}", shown=MAX_PROBLEMS), tr("fix them and import again")), *problems[:MAX_PROBLEMS]]
    if problems:
        return None, problems

    index = {name: i for i, name in enumerate(head)}
    positions = Positions()
    cards: list[dict[str, Any]] = []
    for row_number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # spreadsheets keep blank rows at the end
        path = ("cards", len(cards))
        positions.values[path] = (row_number, 1)

        def cell(name: str, sub: FieldPath = (), _row: list[str] = row, _path: FieldPath = path,
                 _line: int = row_number) -> str:
            col = index.get(name)
            positions.values.setdefault(_path + sub, (_line, (col or 0) + 1))
            return unneutralise(_row[col]) if col is not None and col < len(_row) else ""

        cards.append(_card_from_cells(cell, langs))
    data: dict[str, Any] = {"id": header.id, "domain": header.domain, "name": header.name}
    if header.description:
        data["description"] = header.description
    data.update(colour=header.colour, version=header.version, languages=list(langs),
                licence=header.licence, authors=list(header.authors))
    if header.series:
        data["series"] = header.series
    data.update({k: v for k, v in (("logo", header.logo), ("icon", header.icon), ("pattern", header.pattern)) if v})
    data["cards"] = cards
    deck, problems = deck_from_data(data, file, positions, base=deck_path.parent)
    return (replace(deck, source=deck_path) if deck else None), problems


def _card_from_cells(cell: Cell, langs: tuple[str, ...]) -> dict[str, Any]:
    card: dict[str, Any] = {"id": cell("id", ("id",)).strip()}
    for name in TEXT_FIELDS:
        card[name] = {lang: cell(f"{name}.{lang}", (name, lang)).strip() for lang in langs}
    for name in TEXT_LIST_FIELDS:
        per_lang = {lang: _lines(cell(f"{name}.{lang}", (name,))) for lang in langs}
        count = max(len(v) for v in per_lang.values())
        if name == "examples":
            extra = {f: _lines(cell(f"examples.{f}", (name,)), keep_blank=True) for f in EXAMPLE_FIELDS}
        items = []
        for j in range(count):
            text = {lang: (per_lang[lang][j] if j < len(per_lang[lang]) else "") for lang in langs}
            if name == "examples":
                item: dict[str, Any] = {"text": text}
                item.update({f: lines[j] for f, lines in extra.items() if j < len(lines) and lines[j]})
                items.append(item)
            else:
                items.append(text)
        if items or name == "actors":
            card[name] = items
    for name in CODE_LIST_FIELDS:
        raw = cell(name, (name,))
        values = [v.strip() for v in raw.split(",") if v.strip()]
        if values or name != "tags":
            card[name] = [_whole(v) for v in values] if name == "sdgs" else values
    for name in ("cost", "horizon"):
        card[name] = cell(name, (name,)).strip()
    quantity = cell("quantity", ("quantity",)).strip()
    if quantity:
        card["quantity"] = _whole(quantity)
    image = cell("image", ("image",)).strip()
    if image:
        card["image"] = image
    origin = {f: cell(f"origin.{f}", ("origin", f)).strip() for f in ORIGIN_FIELDS}
    if any(origin.values()):
        cards = [c.strip() for c in origin["cards"].split(",") if c.strip()]
        card["origin"] = {k: v for k, v in {**origin, "cards": cards}.items() if v}
    return card


def _whole(text: str) -> int | str:
    """'12' -> 12; anything else stays text for the deck checks to name (never int() of a huge or odd number:
    '²' passes str.isdigit() and 5,000 digits pass Python's int limit)."""
    return int(text) if text.isdecimal() and len(text) <= MAX_DIGITS else text


def _read_rows(text: str, file: Path) -> tuple[list[list[str]], list[Problem]]:
    """The CSV's rows, or the problems that stop reading it: a malformed line, a control character."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[str]] = []
    problems: list[Problem] = []
    try:
        for row in reader:
            rows.append(row)
            for col, cell in enumerate(row, start=1):
                at = first_control(cell)
                if at is not None:
                    name = rows[0][col - 1].strip() if len(rows) > 1 and col <= len(rows[0]) else ""
                    found = tr("the cell contains the control character {char} (character {n})").format(
                        char=describe_char(cell[at]), n=at + 1)
                    if name:
                        found = tr("column {name}: {problem}").format(name=repr(name), problem=found)
                    problems.append(Problem(file, len(rows), col, (), found,
                                            tr("delete it in the spreadsheet and save again")))
    except csv.Error as exc:
        message = tr("cannot read this line as CSV ({reason})").format(reason=exc)
        return [], [Problem(file, reader.line_num, 0, (), message,
                            tr("save the sheet again as CSV UTF-8 from the spreadsheet"))]
    return rows, problems[:MAX_PROBLEMS]


def _lines(text: str, keep_blank: bool = False) -> list[str]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    if keep_blank:
        while lines and not lines[-1]:
            lines.pop()
        return lines
    return [line for line in lines if line]
