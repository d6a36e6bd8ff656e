"""How the comparison's data tables and columns are described in a language: only through the report catalogue
(`data.<hash of the English>` keys, cardengine/i18n/locale/<lang>/LC_MESSAGES/report.po), for Italian as for
every other language. Shared by the tests that check a table's columns are described."""

from __future__ import annotations

from collections.abc import Iterable

from cardengine.compare.report.words import CATALOGUE_ENTRIES, Words
from cardengine.compare.report.words_data import data_key
from cardengine.i18n import missing

LANGUAGES = ("it", "fr")  # the languages whose catalogue must describe every column
# Descriptions that are column names and operators, or the codes a column holds, only: the same in a language
# whose translators found nothing to translate. Any other description reads differently from the English.
SAME_AS_ENGLISH = {
    "it": {"tables_picked / tables_available (n = tables_available)", "picks / tables_available",
           "tables_picking / tables_available"},
    "fr": {"tables_picked / tables_available (n = tables_available)", "picks / tables_available",
           "tables_picking / tables_available",
           "company, public-authority, utility, association, expert, citizen, other"},
}


def undescribed(descriptions: Iterable[str], lang: str) -> list[str]:
    """The English descriptions `lang` does not describe: not a report word, no translation in the catalogue,
    or a translation that is the English itself (outside `SAME_AS_ENGLISH`)."""
    words = Words(lang)
    gaps = set(missing(lang, "report"))
    out = []
    for english in descriptions:
        key = data_key(english)
        if (not english or key not in CATALOGUE_ENTRIES or f"{key}: {english}" in gaps
                or (words.description(english) == english and english not in SAME_AS_ENGLISH[lang])):
            out.append(english)
    return out
