"""What a JSON Schema cannot say about a deck or criteria file: texts in every declared language and only those,
no placeholder text, card ids once per deck, images and logo that open, an icon the font has, real dates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cardengine.decks.model_data import fallback_language
from cardengine.decks.yaml_source import Positions
from cardengine.i18n import tr
from cardengine.problems import FieldPath, Problem, Severity

PLACEHOLDER = re.compile(r"\b(lorem ipsum|todo|tbd|fixme|xxx+)\b|^\s*\.\.\.\s*$|\?\?\?", re.IGNORECASE)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _real_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class SemanticChecks:
    """Rules a JSON Schema cannot express. Tolerates data the schema already rejected."""

    def __init__(self, file: Path | str, positions: Positions, languages: tuple[str, ...],
                 base: Path | None = None, untranslated_warns: bool = False):
        self.file, self.positions, self.languages = file, positions, languages
        self.base = base
        # A deck's text missing in one of its languages prints in English (model_data.text_of) and is a warning:
        # a lab adding its own language prints the cards translated so far. Elsewhere it is an error.
        self.untranslated_warns = untranslated_warns
        self.owner = tr("the deck")  # whose texts are being checked, for the warnings: the deck or one card
        self.problems: list[Problem] = []

    def add(self, path: FieldPath, message: str, hint: str = "", severity: Severity = Severity.ERROR,
            at_key: bool = False) -> None:
        line, col = self.positions.of_key(path) if at_key else self.positions.of_value(path)
        self.problems.append(Problem(self.file, line, col, path, message, hint, severity))

    def text(self, value: Any, path: FieldPath) -> None:
        if isinstance(value, str):
            self._placeholder(value, path)
        elif isinstance(value, dict) and self.languages:
            missing = [lang for lang in self.languages if lang not in value]
            for lang in missing:
                if self.untranslated_warns and any(isinstance(v, str) for v in value.values()):
                    used = fallback_language(value, self.languages)
                    self.add(path, tr("{owner} has no '{lang}' text, though the deck declares languages {langs}; "
                                      "built in '{lang}', it prints the '{used}' text").format(
                                          owner=self.owner, lang=lang, langs=", ".join(self.languages), used=used),
                             tr("add {lang}: with the {lang} text").format(lang=lang), Severity.WARNING)
                else:
                    self.add(path, tr("has no '{lang}' text, but the deck declares languages {langs}").format(
                        lang=lang, langs=", ".join(self.languages)), tr("add {lang}: with the {lang} text").format(
                            lang=lang))
            for lang, text in value.items():
                if lang not in self.languages:
                    self.add((*path, lang), tr("language '{lang}' is not among the deck's languages ({langs})")
                             .format(lang=lang, langs=", ".join(self.languages)),
                             tr("add {lang} to languages: or remove this text").format(lang=lang), at_key=True)
                elif isinstance(text, str):
                    self._placeholder(text, (*path, lang))

    def _placeholder(self, text: str, path: FieldPath) -> None:
        m = PLACEHOLDER.search(text)
        if m:
            found = m.group(0).strip()
            found = found if len(found) <= 20 else found[:17] + "..."  # 'xxx+' can match megabytes
            self.add(path, tr("looks like placeholder text ('{found}')").format(found=found),
                     tr("write the real text before printing"))

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
                    self.add(("cards", i, "id"), tr("card id '{id}' is used twice in this deck (first on line "
                                                    "{line})").format(id=cid, line=first_line[cid]),
                             tr("give each card its own id"))
                else:
                    first_line[cid] = self.positions.of_value(("cards", i, "id"))[0]
            self.card(card, ("cards", i))

    def card(self, card: dict, path: FieldPath) -> None:
        cid = card.get("id")
        self.owner = (tr("card '{id}'").format(id=cid) if isinstance(cid, str) else
                      tr("card {index}").format(index=path[-1]))
        for key in ("title", "summary", "description"):
            if key in card:
                self.text(card[key], (*path, key))
        for key in ("actors", "co_benefits", "barriers"):
            self.texts(card.get(key), (*path, key))
        for j, example in enumerate(card.get("examples") or [] if isinstance(card.get("examples"), list) else []):
            if isinstance(example, dict):
                self.example(example, (*path, "examples", j), j + 1)
        image = card.get("image")
        if isinstance(image, str) and self.base is not None:
            self.image(image, (*path, "image"))
        origin = card.get("origin")
        date = origin.get("date") if isinstance(origin, dict) else None
        if isinstance(date, str) and ISO_DATE.match(date) and not _real_date(date):
            self.add((*path, "origin", "date"), tr("{date} is not a date in the calendar").format(date=date),
                     tr("write the workshop's real date as YYYY-MM-DD"))

    def example(self, example: dict, path: FieldPath, number: int) -> None:
        """An example's text, and where it can be checked: a facilitator who puts the card on the table is asked
        "where does this come from?", so an example without a source is a warning (the card still prints)."""
        if "text" in example:
            self.text(example["text"], (*path, "text"))
        if not example.get("source"):
            self.add(path, tr("{owner}: example {n} has no source, so no one can check it").format(
                owner=self.owner, n=number),
                tr("add source: (a law and its article, an official page's address or a publication) and "
                   "checked: \"YYYY-MM-DD\""), Severity.WARNING)
        checked = example.get("checked")
        if isinstance(checked, str) and ISO_DATE.match(checked) and not _real_date(checked):
            self.add((*path, "checked"), tr("{date} is not a date in the calendar").format(date=checked),
                     tr("write the date the source was checked as YYYY-MM-DD"))

    def image(self, image: str, path: FieldPath) -> None:
        from cardengine.decks.images import image_file_problem

        assert self.base is not None
        found = image_file_problem(self.base, image)
        if found:
            self.add(path, *found)
