"""Same meaning in both languages: a card's Italian and English must not differ in the numbers they give, in the
names they cite (acronyms, organisations, places, laws) or in how many things a list in the text names. A
facilitator reads one side aloud and a participant the other; "and electric van" in one language only, a figure
in one language only, or a place named in one language only would make them disagree at the table.

The checks are deliberately plain (no language model): numbers are read with each language's separators, names
are words with capitals that the other text must carry too (or its usual translation, from a short table), lists
are the items of each bracket and of each colon-led list, counted in both languages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import pytest

from cardengine.decks.load import load_paths
from cardengine.decks.model import Card

from .conftest import DECKS

# ---------------------------------------------------------------- numbers

# A number as written: digits with thousands or decimal separators (1.500 / 1,500; 2,5 / 2.5).
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str, lang: str) -> set[str]:
    """The numbers in `text`, written one way whatever the language (1.500 and 1,500 are both "1500")."""
    found = set()
    for raw in NUMBER.findall(text):
        thousands, decimal = (".", ",") if lang == "it" else (",", ".")
        parts = raw.split(thousands)
        if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and all(p.isdigit() for p in parts[1:]):
            raw = "".join(parts)  # 5.000 (it) or 5,000 (en)
        found.add(raw.replace(decimal, "."))
    return found


# ---------------------------------------------------------------- names

# A name: a word with two or more capitals or digits after a capital (GSE, ARERA, BooGI-BOP, M2C2, allertaLOM,
# CO2), or a capitalised word inside a sentence (Trezzano, Kalundborg); words at the start of a sentence, after a
# colon or a bracket are not names by position alone.
WORD = re.compile(r"[^\W_][\w'’.\-°/]*", re.UNICODE)

# Names each language writes its own way; the pair counts as the same name.
SAME_NAME = [
    ("Milano", "Milan"), ("Torino", "Turin"), ("Copenaghen", "Copenhagen"), ("Bruxelles", "Brussels"),
    ("Londra", "London"), ("Basilea", "Basel"), ("Svizzera", "Switzerland"), ("Danimarca", "Denmark"),
    ("Paesi Bassi", "Netherlands"), ("Francia", "France"), ("Inghilterra", "England"), ("Germania", "Germany"),
    ("Lombardia", "Lombardy"), ("Sicilia", "Sicily"), ("Amburgo", "Hamburg"), ("Berlino", "Berlin"),
    ("Padova", "Padova"), ("Reggio Emilia", "Reggio Emilia"),
    ("UE", "EU"), ("PMI", "SME"), ("D.Lgs.", "Legislative Decree"), ("DL", "Decree-Law"),
    ("DM", "Decree"), ("DPR", "Presidential Decree"), ("L.R.", "Regional Law"), ("TUIR", "income tax code"),
    ("PNRR", "Recovery Plan"), ("CAM", "CAM"), ("MI", "Milan"), ("BO", "Bologna"), ("CN", "Cuneo"),
    ("VA", "Varese"), ("PN", "Pordenone"), ("MB", "Monza"), ("BG", "Bergamo"), ("FE", "Ferrara"), ("TV", "Treviso"),
    ("BS", "Brescia"), ("PC", "Piacenza"), ("Italia", "Italy"), ("Europa", "Europe"), ("Parco Sud", "South Milan"),
    # Italian acronyms and titles that English spells out
    ("PSCL", "travel plan"), ("RSU", "workplace reps"), ("RSPP", "safety manager"), ("RLS", "safety representatives"),
    ("ATS", "health agenc"), ("TARI", "waste tax"), ("SCIA", "notifying"), ("SIT", "GIS"), ("PUI", "integrated urban"),
    ("PGT", "land-use plan"), ("MASE", "Ministerial"), ("risorse umane", "HR"), ("mezzi pesanti", "HGV"),
    ("videosorvegliato", "CCTV"), ("elettrica", "EV"), ("corrente alternata", "AC"), ("WC", "toilet"),
    ("Esperto in Gestione dell'Energia", "energy management expert"), ("Vigili del Fuoco", "fire brigade"),
    ("Codice dell'ambiente", "Environmental Code"), ("Criteri Ambientali Minimi", "Minimum Environmental Criteria"),
    ("Camera di commercio", "Chamber of Commerce"), ("Camere di commercio", "Chambers of Commerce"),
    ("Missione", "Mission"), ("Componente", "Component"), ("Investimento", "Investment"), ("Lavoro", "Labour"),
    ("Ambiente", "Environment"), ("Edilizia", "construction"), ("Amianto", "Asbestos"), ("Academy", "Academies"),
    ("Energiesparpartnerschaft", "Energy Saving Partnership"), ("tipo B", "Type-B"), ("LR", "Regional Law"),
    ("Protezione civile", "civil protection"), ("Aree Produttive Ecologicamente Attrezzate", "APEA"),
    ("PMI", "small"), ("D.M.", "Decree"), ("georeferenziata", "GIS"), ("lombardo", "Lombardy"),
    ("lombarde", "Lombardy"), ("TARI", "waste charge"), ("CAM", "green"),
    ("Comune di Milano", "City of Milan"), ("Città metropolitana di Milano", "Milan metropolitan"),
    ("Codice civile", "Civil Code"), ("Costituzione", "Constitution"), ("Corte costituzionale", "Constitutional Court"),
    ("Terzo settore", "Third Sector"), ("Testo unico", "code"), ("Consiglio dei ministri", "government"),
    ("Legge di Bilancio", "Budget Law"), ("Legge di Stabilità", "Stability Law"), ("Regolamento", "Regulation"),
    ("Ministero", "Ministry"), ("Assemblea legislativa", "Legislative Assembly"),
    ("Agenda strategica", "Strategic Agenda"), ("Hub dell'innovazione inclusiva", "Inclusive Innovation Hub"),
    ("Crowdfunding Civico", "Civic Crowdfunding"), ("Codice dei contratti pubblici", "Public Contracts Code"),
    ("Codice dell'amministrazione digitale", "Digital Administration Code"),
    ("Codice del Terzo settore", "Third Sector Code"), ("Codice della protezione civile", "Civil Protection Code"),
    ("Distretto Agricolo Milanese", "Milan Agricultural District"), ("Parco Agricolo Sud Milano", "South Milan"),
    ("Regione", "region"), ("Stato", "state"),
]

# Capitalised words an Italian text may carry that are ordinary words (titles, months, institutions' kinds) and are
# translated: not names to look for in the English.
COMMON_IT = {
    "Comune", "Comuni", "Regione", "Regioni", "Città", "Provincia", "Stato", "Legge", "Decreto", "Piano", "Piani",
    "Programma", "Progetto", "Bando", "Consiglio", "Codice", "Corte", "Costituzione", "Ministero", "Ministro", "Parco",
    "Centro", "Centri", "Fondazione", "Associazione", "Delibera", "Ordinanza", "Regolamento", "Norma", "Testo",
    "Agenda", "Obiettivi", "Terzo", "Assemblea", "Gruppo", "Direttiva", "Rete", "Laboratorio", "Interporto",
    "Case", "Distretti", "Distretto", "Accordo", "Partenariato", "Certificazione", "Certificati", "Titoli",
    "Efficienza", "Energetica", "Riduzione", "Impatto", "Edilizio", "Gemello", "Zone", "Territoriale",
    "Regionale", "Amianto", "Navigli", "Lombardi", "Agricolo", "Sud", "Siccità", "Legislativo", "Gadda",
    "Paesi", "Bassi", "Luoghi", "Gruppi", "Sport", "Salute", "Ricerca", "Officine", "Grandi", "Riparazioni",
    "Acqua", "Spugna", "Milanese", "Metropolitana", "Ristorazione", "Bilancio", "Stabilità", "Enti",
    "Symbiosis", "Users", "Network", "Aperte", "Piazze", "Innovazione", "Inclusiva", "Civico", "Anni",
}
COMMON_EN = {
    "City", "Region", "Municipality", "Law", "Decree", "Plan", "Programme", "Project", "Call", "Council", "Code",
    "Court", "Constitution", "Ministry", "Minister", "Park", "Centre", "Foundation", "Association", "Resolution",
    "Regulation", "Standard", "Italian", "Italy", "Italy's", "European", "Recovery", "Mission", "Component",
    "Investment", "Regional", "Legislative", "Presidential", "Ministerial", "Interministerial", "Delegated",
    "Directive", "Budget", "Stability", "Environment", "Labour", "Third", "Sector", "Network", "Act", "Part",
    "Article", "Assembly", "Agenda", "Strategic", "Goals", "Development", "Sustainable", "Metropolitan",
    "Agricultural", "District", "Districts", "Improvement", "Business", "Civil", "Protection", "Digital",
    "Administration", "Public", "Contracts", "Consolidated", "Energy", "Saving", "Partnership", "Agency", "Group",
    "Health", "Workplaces", "Walking", "Inclusive", "Innovation", "Hub", "Civic", "Crowdfunding", "Bike",
    "Friendly", "Company", "Cycle-Friendly", "Employer", "Government", "Decree-Law", "Cloudburst",
    "Management", "Symbiosis", "Users", "Water", "Square", "Constitutional", "Ruling", "Sport", "Social",
    "Inclusion", "Lab", "Living", "Impact", "Index", "Building", "Reduction", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monza",
    "Works", "Former", "Railway", "Repair", "South", "Industry",
}
MONTHS_IT = {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
             "ottobre", "novembre", "dicembre"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("’", "'").casefold()


def _strip(word: str) -> str:
    """The word without its possessive, an acronym's plural (ESCOs, SMEs) and the lowercase tail of a hyphenated
    compound (City-coordinated, Health-promoting): what is left is the name."""
    word = re.sub(r"['’]s$", "", word.strip(".'’-/"))
    if re.fullmatch(r"[A-Z0-9]{2,}s", word):
        word = word[:-1]
    head, _, tail = word.partition("-")
    if tail and tail.islower():
        word = head
    return word


def names(text: str, common: set[str]) -> list[str]:
    """The names in `text`: acronyms and words with capitals, and capitalised words inside a sentence."""
    found = []
    for m in WORD.finditer(text):
        word = _strip(m.group(0))
        if not word or not word[0].isupper():
            continue
        before = text[: m.start()].rstrip()
        starts_sentence = not before or before[-1] in ".:;!?(«\"'“–-" or before.endswith("...")
        capitals = sum(c.isupper() for c in word)
        has_digit = any(c.isdigit() for c in word)
        coded = capitals >= 2 or (capitals == 1 and has_digit)  # an acronym or a code: a name wherever it stands
        inside = not starts_sentence and word not in common and word.lower() not in MONTHS_IT
        if coded or inside:
            found.append(word)
    return found


def _present(name: str, other: str) -> bool:
    """Whether the other language's text carries `name`, as written or in its usual translation."""
    folded, name = _fold(other), _fold(name)
    if name in folded:
        return True
    for it, en in SAME_NAME:
        for a, b in ((it, en), (en, it)):
            if name in [_fold(_strip(w)) for w in a.split()] + [_fold(_strip(a))] and _fold(b) in folded:
                return True
    return False


def missing_names(it: str, en: str) -> list[str]:
    out = [f"it names {n!r}, en does not" for n in names(it, COMMON_IT) if not _present(n, en)]
    out += [f"en names {n!r}, it does not" for n in names(en, COMMON_EN) if not _present(n, it)]
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- lists

BRACKET = re.compile(r"\(([^()]*)\)")
SEPARATORS = {"it": re.compile(r",|;| e | o | oppure | né "), "en": re.compile(r",|;| and | or | nor ")}


def list_lengths(text: str, lang: str) -> list[int]:
    """How many items each bracketed list holds, in order ("(weekend, agosto)" holds 2). A bracket with a digit
    in it is a reference (a law, a date, a figure), not a list, and is left to the check on numbers."""
    return [len([p for p in SEPARATORS[lang].split(f" {inner} ") if p.strip()])
            for inner in BRACKET.findall(text) if not any(c.isdigit() for c in inner)]


def lists_differ(it: str, en: str) -> bool:
    """Whether the two texts list a different number of things in the same bracket. A translation may add or drop
    a bracket of its own (an explanation, a province's name), so only texts with as many lists are compared."""
    a, b = list_lengths(it, "it"), list_lengths(en, "en")
    return len(a) == len(b) and any(x != y and max(x, y) > 1 for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------- the check

def _texts(card: Card) -> Iterator[tuple[str, dict[str, str]]]:
    yield "title", dict(card.title)
    yield "summary", dict(card.summary)
    yield "description", dict(card.description)
    for kind, items in (("actor", card.actors), ("co-benefit", card.co_benefits), ("barrier", card.barriers)):
        for i, text in enumerate(items, 1):
            yield f"{kind} {i}", dict(text)
    for i, example in enumerate(card.examples, 1):
        yield f"example {i}", dict(example.text)


def differences(card: Card) -> list[str]:
    """What the card's Italian and English disagree on, one line each ("EN-01 summary: ...")."""
    found = []
    for field, text in _texts(card):
        it, en = text.get("it"), text.get("en")
        if not it or not en or it == en:
            continue
        only_it, only_en = numbers(it, "it") - numbers(en, "en"), numbers(en, "en") - numbers(it, "it")
        if only_it or only_en:
            found.append(f"{card.id} {field}: numbers differ (it only {sorted(only_it)}, en only {sorted(only_en)})")
        found += [f"{card.id} {field}: {line}" for line in missing_names(it, en)]
        if lists_differ(it, en):
            found.append(f"{card.id} {field}: bracketed lists differ (it {list_lengths(it, 'it')}, en "
                         f"{list_lengths(en, 'en')})")
    return found


@pytest.fixture(scope="module")
def bundled_cards() -> list[Card]:
    result = load_paths([DECKS])
    assert result.ok, "\n".join(map(str, result.problems))
    return [card for deck in result.decks for card in deck.cards]


def test_bundled_cards_say_the_same_in_italian_and_english(bundled_cards):
    found = [line for card in bundled_cards for line in differences(card)]
    assert not found, f"{len(found)} difference(s) between Italian and English:\n" + "\n".join(found)


# ---------------------------------------------------------------- the check itself

def test_numbers_are_read_with_each_languages_separators():
    assert numbers("oltre 1.500 m² e 2,5 milioni", "it") == numbers("over 1,500 m² and 2.5 million", "en")
    assert numbers("5.000 famiglie", "it") != numbers("500 homes", "en")


def test_a_figure_in_one_language_only_is_found():
    assert numbers("143 aziende seguite", "it") - numbers("companies advised", "en") == {"143"}


def test_a_name_in_one_language_only_is_found_and_translations_are_not():
    assert missing_names("Progetto con Assolombarda e CAP Holding", "Project with Assolombarda") == [
        "it names 'CAP', en does not", "it names 'Holding', en does not"]
    assert not missing_names("Il Comune di Milano e la Regione Lombardia", "The City of Milan and Regione Lombardia")
    assert not missing_names("Copenaghen (Danimarca), D.Lgs. 102/2014", "Copenhagen (Denmark), Legislative Decree")


def test_a_longer_list_in_one_language_is_found():
    assert lists_differ("consegne (cargo bike)", "deliveries (cargo bike and electric van)")
    assert not lists_differ("(weekend, agosto)", "(weekends, August)")
    assert not lists_differ("Milano (MI)", "Milan")  # a bracket of one language's own
    assert not lists_differ("(art. 28 D.Lgs. 199/2021)", "(art. 28, Legislative Decree 199/2021)")
