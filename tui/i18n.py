"""The app's words in the app's language: keyed words looked up in the `app` gettext catalogue.

Each word is kept under a key with its English (tui/app_words.py, tui/error_words.py: CATALOGUE_ENTRIES, which
tools/catalogues.py writes into the catalogue as msgctxt = key, msgid = English). `t(key, lang)` asks
`catalogue(lang, "app").pgettext(key, English)`: the translation in
cardengine/i18n/locale/<lang>/LC_MESSAGES/app.po, or the English for a language without one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cardengine.i18n import catalogue, languages

from .app_words import APP_WORDS
from .error_words import ERROR_WORDS

# Every word of the app by key, in English (words part, issue 11: the engine's refusals and errors too).
CATALOGUE_ENTRIES: dict[str, str] = APP_WORDS | ERROR_WORDS

# The description of each binding by its id; the table screen's `table.ACTION` ids are `action_ACTION` words.
BINDING_TEXT = {"app.quit": "key_quit", "app.palette": "key_palette", "start.quit": "key_quit",
                "tables.quit": "key_quit", "form.cancel": "cancel", "form.save": "save", "text.close": "key_close",
                "browse.cancel": "cancel", "priorities.cancel": "cancel", "table.escape": "key_search",
                "comments.close": "key_close", "comments.card_or_table": "comments_toggle",
                "comments.new": "comments_new",
                "participants.close": "key_close", "participants.add": "action_participant",
                "participants.details": "action_table_details", "order.up": "order_up", "order.down": "order_down",
                "order.toggle": "order_toggle"}

# Words of the other language that must never be on screen (tests/test_tui_language.py reads the rendered
# screens of each language and fails on any of these, as whole words). Keep it next to the strings: a new
# English string is a candidate for "it", a new Italian one for "en".
FOREIGN_WORDS: dict[str, list[str]] = {
    "it": ["Quit", "Cancel", "Save", "Close", "Search", "palette", "commands", "Keys", "Maximize", "Minimize",
           "Theme", "Screenshot", "slash", "space", "press", "barrier", "enabler", "question", "quote",
           "company", "building", "district", "municipality", "high", "low", "medium", "short", "long",
           "Who", "Scale", "Cost", "Time", "Examples", "Barriers", "selected", "favourite", "discarded",
           "marked", "Table", "Picks", "Feasibility", "assessed", "Recent", "Create", "Workshop title",
           "Territory", "Decks folder", "Criteria file", "Language", "invalid", "Undone", "Redone", "Saved",
           "actions", "card", "criterion", "Comment", "Proposal", "Participant", "Domains", "Open", "Choose",
           "found", "matches", "New table",
           # words part (round 2): the engine's refusals and errors
           "full", "locked", "read-only", "damaged", "nothing", "untouched", "permission", "denied", "program",
           "control character", "remove", "already", "exists", "empty", "events", "left out", "try again",
           "cannot", "holds", "check the id", "did you mean", "scale", "malformed", "payload", "kind", "pick", "score"],
    "en": ["Esci", "Annulla", "Salva", "Chiudi", "Cerca", "comandi", "Tasti", "spazio", "Premi", "Ostacolo",
           "abilitante", "Domanda", "Citazione", "Azienda", "Edificio", "Distretto", "Comune", "Alto", "Basso",
           "Medio", "Breve", "Lungo", "Chi", "Scala", "Costo", "Tempi", "Esempi", "Ostacoli", "scelta",
           "preferita", "scartata", "segnata", "segnate", "Tavolo", "Carte", "scelte", "Fattibilità",
           "valutato", "Recenti", "Crea", "Titolo", "Territorio", "Cartella", "mazzi", "criteri", "Lingua",
           "azioni", "Salvato", "Annullato", "Ripristinato", "carta", "criterio", "Commento", "Proposta",
           "Partecipante", "Ambiti", "Apri", "Scegli", "Nessun", "Nuovo",
           # words part (round 2): the engine's refusals and errors
           "disco", "pieno", "bloccato", "salvare", "Impossibile", "nulla", "toccato", "carattere", "controllo",
           "danneggiato", "vuoto", "esiste", "programma", "riprova", "forse", "tavoli", "tralasciata"],
}



def deck_language(texts: Mapping[str, str], lang: str) -> str:
    """The language to show a deck's own words in: `lang` when the deck speaks it, else English, as the app's
    words are (else the text's first language, which cardengine.text.Text.get_text falls back to)."""
    return lang if lang in texts or "en" not in texts else "en"


def deck_text(texts: Mapping[str, str], lang: str, default: str = "") -> str:
    """A deck's own words (a card's title, a deck's name, a criterion's label) in `lang`, else in English, else
    in their first language; `default` when there are none."""
    return texts.get(deck_language(texts, lang)) or next(iter(texts.values()), default)


def english(key: str) -> str:
    """A word in English: what code declares (a binding's description) before the screen says it in its language."""
    return CATALOGUE_ENTRIES[key]


def word(key: str, lang: str) -> str:
    """The word `key` in `lang`, its values not filled in; English where `lang` has no translation."""
    return catalogue(lang, "app").pgettext(key, CATALOGUE_ENTRIES[key])


def t(key: str, lang: str, **values: object) -> str:
    return word(key, lang).format(**values)


def error_text(error: object, lang: str) -> str:
    """An engine error (ActionError, StoreError) or problem (event_check.Problem, such as the reason an event
    was left out) in the app's language when the catalogue knows its code; else the engine's own text.
    A value named `X_code` is a word itself: it is shown as `X_<value>` in the app's language, under the name X."""
    key = f"error_{getattr(error, 'code', '')}"
    if key not in CATALOGUE_ENTRIES:
        return str(error)
    values = dict(getattr(error, "values", {}))
    for name, value in list(values.items()):
        if name.endswith("_code"):
            code = f"{name[:-5]}_{value}"
            values[name[:-5]] = t(code, lang, **values) if code in CATALOGUE_ENTRIES else str(value)
    return t(key, lang, **values)


def event_kind(kind: str, lang: str) -> str:
    """An event's kind in the app's language ('pick' -> 'carta scelta'); one of a newer version as stored."""
    return t(f"event_{kind}", lang) if f"event_{kind}" in CATALOGUE_ENTRIES else kind


def coded_word(kind: str, code: str, lang: str) -> str:
    """A card's coded fact ("scale", "cost", "horizon") in the app's language ('high' -> 'Alto' in Italian);
    a code of a newer version as stored."""
    return t(f"{kind}_{code}", lang) if f"{kind}_{code}" in CATALOGUE_ENTRIES else code


def tn(key: str, n: int, lang: str, **values: object) -> str:
    """A string that agrees with the number `n` ("1 carta segnata", "2 carte segnate"): entries `KEY_one` and
    `KEY_other`, chosen by the plural rule of `lang`'s catalogue (French says "0 carte marquée"); for one
    exactly where the language has no catalogue."""
    return t(f"{key}_one" if singular(n, lang) else f"{key}_other", lang, n=n, **values)


def singular(n: int, lang: str) -> bool:
    """`n` takes the singular in `lang`: by the Plural-Forms of its catalogue, else for one exactly."""
    rule = getattr(catalogue(lang, "app"), "plural", None)  # gettext's Plural-Forms of the .mo, if any
    return bool(rule(n) == 0) if callable(rule) else n == 1


def binding_text(binding_id: str, lang: str) -> str | None:
    """The description of the binding `binding_id` in `lang`; None for one the catalogue does not describe."""
    key = BINDING_TEXT.get(binding_id)
    if key is None and binding_id.startswith("table."):
        action = binding_id.removeprefix("table.")
        if action.startswith("score_"):  # the digits, and n (not assessed)
            digit = action.removeprefix("score_")
            return t("not_assessed", lang) if digit == "n" else t("score_key", lang, digit=digit)
        key = f"action_{action}"
    return t(key, lang) if key is not None and key in CATALOGUE_ENTRIES else None


class Labels(Mapping[str, dict[str, str]]):
    """{lang: {code: word}} for any language: the words `PREFIX<code>` of a fixed set of codes (comment kinds,
    stakeholder types), read from the catalogue when a language is asked for."""

    def __init__(self, prefix: str, codes: tuple[str, ...]):
        self.prefix, self.codes = prefix, codes

    def __getitem__(self, lang: str) -> dict[str, str]:
        return {code: t(f"{self.prefix}{code}", lang) for code in self.codes}

    def __iter__(self) -> Iterator[str]:
        return iter(languages("app"))

    def __len__(self) -> int:
        return len(languages("app"))
