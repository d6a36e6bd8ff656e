"""The report's fixed words in any language, and the number formats of each language.

Every word of the report is kept under a key with its English in the `words_*` modules; `CATALOGUE_ENTRIES`
gathers them all (so the catalogue tool sees every key whatever was imported before), and `Words(lang)` looks
each up in the `report` gettext catalogue of `lang` (cardengine/i18n/locale/<lang>/LC_MESSAGES/report.po),
English where the language has no catalogue or no translation for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from cardengine.compare.report.words_comments import COMMENT_WORDS
from cardengine.compare.report.words_data import DATA_WORDS, data_key
from cardengine.compare.report.words_figures import FIGURE_WORDS
from cardengine.compare.report.words_methods import METHODS_WORDS
from cardengine.compare.report.words_polls import POLL_WORDS
from cardengine.compare.report.words_provenance import PROVENANCE_WORDS
from cardengine.compare.report.words_sdgs import SDG_WORDS
from cardengine.compare.report.words_sections import SECTION_WORDS
from cardengine.i18n import KeyedEnglish, catalogue, keyed_word, languages

if TYPE_CHECKING:
    from cardengine.compare.measures.comparison import CriterionInfo

DOMAIN = "report"
DECIMAL_COMMA = frozenset({"it", "fr"})  # languages that write 0,5 (the others 0.5)
GROUP_KINDS = ("territory", "workshop", "table")  # what `compare --by` groups by
STAKEHOLDER_KINDS = ("company", "public-authority", "utility", "association", "expert", "citizen", "other")
# "colon" is what follows a label: French sets a no-break space before it ("Territoires :").
UI_LABELS = ("contents", "sources", "methods", "warnings", "data", "page", "columns", "of", "colon", *GROUP_KINDS)


def _gathered(*tables: Mapping[str, KeyedEnglish]) -> dict[str, KeyedEnglish]:
    """One table of every key; a key in two tables is a programming error, not a silent override."""
    entries: dict[str, KeyedEnglish] = {}
    for table in tables:
        taken = sorted(set(table) & set(entries))
        if taken:
            raise ValueError(f"report words defined twice: {', '.join(taken)}")
        entries.update(table)
    return entries


# {key: English} of every word of the report: the catalogue's entries (msgctxt = key, msgid = English).
CATALOGUE_ENTRIES = _gathered(SECTION_WORDS, METHODS_WORDS, FIGURE_WORDS, SDG_WORDS, COMMENT_WORDS, PROVENANCE_WORDS,
                              DATA_WORDS, POLL_WORDS)


def base_language(lang: str) -> str:
    """'fr' for 'fr', 'fr-CA' or 'fr_CA': the catalogues are per language, not per region."""
    return lang.replace("_", "-").split("-")[0].lower() or "en"


class Words:
    """The report's fixed texts and number formats in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.base = base_language(lang)
        self.decimal = "," if self.base in DECIMAL_COMMA else "."
        self._catalogue = catalogue(self.base, DOMAIN)

    def __call__(self, key: str, **values: object) -> str:
        return keyed_word(self._catalogue, key, CATALOGUE_ENTRIES[key], values)

    def description(self, english: str) -> str:
        """A data table's or column's description in this language; as written where it is not a report word."""
        key = data_key(english)
        return self(key) if key in CATALOGUE_ENTRIES else english

    def has(self, key: str) -> bool:
        return key in CATALOGUE_ENTRIES

    def pick(self, names: Mapping[str, str]) -> str:
        """A deck's name (card, domain, criterion) in this language if the deck has it, else in English, else the
        first it has."""
        return names.get(self.base) or names.get("en") or next(iter(names.values()), "")

    def num(self, value: float | None, digits: int = 1) -> str:
        return "–" if value is None else f"{value:.{digits}f}".replace(".", self.decimal)

    def pct(self, value: float | None) -> str:
        return "–" if value is None else f"{value:.0%}"

    def mean_sd(self, m: float | None, sd: float | None, digits: int = 1) -> str:
        if m is None:
            return "–"
        return self.num(m, digits) + ("" if sd is None else f" ± {self.num(sd, digits)}")

    def stakeholder(self, kind: str) -> str:
        """A stakeholder type's name in this language; a type the report has no name for, as recorded."""
        key = f"stakeholder.{kind}"
        return self(key) if key in CATALOGUE_ENTRIES else kind

    def group_noun(self, group_by: str) -> tuple[str, str]:
        """What a group is (singular, plural): 'territory', 'territories'; an unknown grouping as it is."""
        if group_by not in GROUP_KINDS:
            return group_by, group_by
        return self(f"noun.{group_by}"), self(f"noun.{group_by}.plural")

    def criterion(self, criteria: Sequence[CriterionInfo], crit: str) -> str:
        """A criterion's name in this language, saying when lower is better; an unknown id as it is."""
        for c in criteria:
            if c.id == crit:
                return self.pick(c.name) + (f" ({self('lower')})" if c.lower_is_better else "")
        return crit


def ui_labels(lang: str) -> dict[str, str]:
    """Fixed headings and words of the rendered report (both renderers) in `lang`, English as fallback."""
    w = Words(lang)
    return {name: w(f"ui.{name}") for name in UI_LABELS}


V = TypeVar("V")


class ByLanguage(Mapping[str, V]):
    """A word in every language, looked up when read: `names[lang]` answers for any language (English where
    there is no catalogue). It keeps working the code that indexed the former {lang: text} tables."""

    def __init__(self, lookup: Callable[[str], V]):
        self._lookup = lookup

    def __getitem__(self, lang: str) -> V:
        return self._lookup(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(languages(DOMAIN))

    def __len__(self) -> int:
        return len(languages(DOMAIN))


def _stakeholder(kind: str) -> ByLanguage[str]:
    return ByLanguage(lambda lang: Words(lang).stakeholder(kind))


def _group_noun(group_by: str) -> ByLanguage[tuple[str, str]]:
    return ByLanguage(lambda lang: Words(lang).group_noun(group_by))


# {kind: {lang: name}} and {group_by: {lang: (singular, plural)}}, for the renderers that read them so.
STAKEHOLDERS: dict[str, ByLanguage[str]] = {kind: _stakeholder(kind) for kind in STAKEHOLDER_KINDS}
GROUP_NOUN: dict[str, ByLanguage[tuple[str, str]]] = {kind: _group_noun(kind) for kind in GROUP_KINDS}
