"""A small set of real workshop files whose comments test the qualitative record (test_compare_comments,
test_qdpx): every kind, comments on cards, on a proposal and on nothing, authors of several stakeholder types,
and hostile text (markup, controls, formula starts, accents and emoji, a very long comment).

Alfa (territory Alfa): tables T1 and "T2 / nord" (a slash: a file name QualCoder could not make);
Beta (territory Beta): table T3, no comments at table T4.
"""

from __future__ import annotations

from pathlib import Path

from cardengine.sessions import Workshop, WorkshopInfo

ACCENTS = "Perché è così caro? L'àrea è già «piena» 🚲👩‍👩‍👧 ok"
MARKUP = "</Project><script>alert(1)</script> & ]]> <!-- x"
CONTROLS = "bell\x07 nul\x00 esc\x1b[31m red\x0b\x0c cr\r\nlf\rend \ufffe"
FORMULA = "=cmd|' /C calc'!A0"
LONG = "Lungo. " * 3000  # 21,000 characters

# (workshop, table, kind, text, card or proposal, author)
COMMENTS = [
    ("alfa", "T1", "barrier", "Mancano i fondi per le batterie.", "EN-01", "Anna"),
    ("alfa", "T1", "enabler", "Il Comune ha già un bando aperto.", "EN-01", "Carla"),
    ("alfa", "T1", "quote", ACCENTS, "MO-01", "Anna"),
    ("alfa", "T1", "question", "Chi gestisce la navetta?", "P1", None),
    ("alfa", "T1", "quote", MARKUP, None, "Carla"),
    ("alfa", "T2 / nord", "barrier", CONTROLS, "EN-01", "Bruno"),
    ("alfa", "T2 / nord", "quote", FORMULA, "CL-01", "Bruno"),
    ("beta", "T3", "enabler", LONG, "EN-02", "Dario"),
    ("beta", "T3", "quote", "Qui il vento non manca mai.", None, "Dario"),
    ("beta", "T3", "barrier", "Il terreno è vincolato.", "EN-01", None),
]


def make_set(folder: Path, decks, criteria) -> list[Path]:
    alfa = folder / "alfa.db"
    with Workshop.create(alfa, WorkshopInfo("Alfa 2021", "Alfa", "2021-06-10"), decks, criteria) as w:
        w.add_table("T1")
        w.add_table("T2 / nord")
        w.add_participant("Anna", "company", table="T1")
        w.add_participant("Carla", "public-authority", table="T1")
        w.add_participant("Bruno", "citizen", table="T2 / nord")
        for card in ("EN-01", "MO-01"):
            w.pick("T1", card)
        w.pick("T2 / nord", "EN-01")
        w.pick("T2 / nord", "CL-01")
        w.propose("T1", "Navetta & comunità <energetica>", ["EN-01", "MO-01"])
        _comments(w, "alfa")
    beta = folder / "beta.db"
    with Workshop.create(beta, WorkshopInfo("Beta 2022", "Beta", "2022-03-01"), decks, criteria) as w:
        w.add_table("T3")
        w.add_table("T4")
        w.add_participant("Dario", "association", table="T3")
        w.pick("T3", "EN-01")
        w.pick("T3", "EN-02")
        _comments(w, "beta")
    return [alfa, beta]


def _comments(w: Workshop, workshop: str) -> None:
    for where, table, kind, text, about, by in COMMENTS:
        if where == workshop:
            w.comment(table, kind, text, about, by)
