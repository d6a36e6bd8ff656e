"""How a figure shows in the report beside what stands behind it: its interval, its tables, its participants,
and a mark when it rests on fewer tables than `--min-tables`.

Pure formatting on the tidy tables' rows (the figures stay exact in the CSVs; they are rounded only here).
"""

from __future__ import annotations

from cardengine.compare.measures.comparison import W_MIN_ITEMS
from cardengine.compare.report.words import Words, register

FEW = "†"  # marks a figure resting on fewer tables than --min-tables (DejaVu has it; so does every web font)

NUMBERS_TEXT: dict[str, dict[str, str]] = {
    "numbers.people": {"it": "{n} part.", "en": "{n} part."},
    "numbers.note": {
        "it": "Tra parentesi quadre l'intervallo di confidenza al 95 % (bootstrap sui tavoli, {b} ricampionamenti); "
              "tra parentesi tonde i tavoli su cui poggia il valore (e i partecipanti che hanno valutato "
              "individualmente, «part.»); {few} = meno di {min} tavoli.",
        "en": "In square brackets the 95 % confidence interval (bootstrap over the tables, {b} resamples); in "
              "round brackets the tables the figure rests on (and the participants who scored individually, "
              "'part.'); {few} = fewer than {min} tables."},
    "numbers.note_plain": {
        "it": "Tra parentesi tonde i tavoli su cui poggia il valore (e i partecipanti che hanno valutato "
              "individualmente, «part.»); {few} = meno di {min} tavoli. Intervalli di confidenza non calcolati "
              "(--bootstrap 0).",
        "en": "In round brackets the tables the figure rests on (and the participants who scored individually, "
              "'part.'); {few} = fewer than {min} tables. Confidence intervals not computed (--bootstrap 0)."},
    "numbers.note_n": {
        "it": "Tra parentesi tonde i tavoli su cui poggia il valore; {few} = meno di {min} tavoli.",
        "en": "In round brackets the tables the figure rests on; {few} = fewer than {min} tables."},
    "numbers.ranking_one": {
        "it": "{one} delle {total} posizioni in classifica poggiano su un solo tavolo.",
        "en": "{one} of the {total} ranking positions rest on a single table."},
    "numbers.ranking_groups_one": {
        "it": "La classifica di {groups} poggia interamente su un solo tavolo.",
        "en": "The ranking of {groups} rests entirely on a single table."},
    "numbers.ranking_one_left_out": {
        "it": "{one} delle {total} posizioni in classifica poggiano su un solo tavolo: sono escluse da questa tabella "
              "e dal grafico (restano in feasibility_ranking.csv, con il numero di tavoli; --min-tables 1 le "
              "mostra).",
        "en": "{one} of the {total} ranking positions rest on a single table: they are left out of this table and "
              "the chart (they stay in feasibility_ranking.csv, with their number of tables; --min-tables 1 shows "
              "them)."},
    "numbers.between_left_out": {
        "it": "{left} carte in cui la media più bassa o più alta poggia su meno di {min} tavoli sono escluse da "
              "questa tabella (restano in disagreement_between.csv).",
        "en": "{left} cards whose lowest or highest mean rests on fewer than {min} tables are left out of this "
              "table (they stay in disagreement_between.csv)."},
    "numbers.ranking_groups_one_n": {
        "it": "La classifica di {n} gruppi su {total} poggia interamente su un solo tavolo.",
        "en": "The ranking of {n} of the {total} groups rests entirely on a single table."},
    "numbers.ranking_left_out": {
        "it": "{left} posizioni su {total} poggiano su meno di {min} tavoli e sono escluse da questa tabella e dal "
              "grafico (restano in feasibility_ranking.csv, con il numero di tavoli; --min-tables 1 le mostra).",
        "en": "{left} of the {total} positions rest on fewer than {min} tables and are left out of this table and "
              "the chart (they stay in feasibility_ranking.csv, with their number of tables; --min-tables 1 shows "
              "them)."},
    "numbers.ranking_none_left_out": {
        "it": "Ogni posizione in classifica poggia su almeno {min} tavoli.",
        "en": "Every ranking position rests on at least {min} tables."},
    "numbers.w_untested": {
        "it": "Attenzione: in {n} casi la W di Kendall poggia su meno di tre carte valutate da tutti; lì non è "
              "verificata (nessun chi quadrato) e dice poco.",
        "en": "Caution: in {n} cases Kendall's W rests on fewer than three cards scored by every rater; there it "
              "is not tested (no chi-square) and says little."},
    "numbers.w_untested_list": {
        "it": "La W di Kendall poggia su meno di {min} carte valutate da tutti, quindi non è verificata e dice poco: "
              "{shown}",
        "en": "Kendall's W rests on fewer than {min} cards scored by every rater, so it is not tested and says "
              "little: {shown}"},
    "numbers.and_more": {"it": " e altri {n}", "en": " and {n} more"},
    "numbers.between_groups": {"it": "tra i gruppi", "en": "between groups"},
    "numbers.col.chi2": {"it": "χ² (gl)", "en": "χ² (df)"},
    "numbers.col.p": {"it": "p", "en": "p"},
}
register(NUMBERS_TEXT)


def few(n: int | None, min_tables: int) -> bool:
    """True when a figure rests on fewer tables than --min-tables (and so is greyed, marked or left out)."""
    return n is not None and n < min_tables


def interval(w: Words, low: float | None, high: float | None, digits: int = 1, percent: bool = False) -> str:
    """" [low–high]", or "" without an interval."""
    if low is None or high is None:
        return ""
    if percent:
        return f" [{low * 100:.0f}–{high * 100:.0f}]"
    return f" [{w.num(low, digits)}–{w.num(high, digits)}]"


def behind(w: Words, tables: int | None, participants: int = 0, min_tables: int = 2) -> str:
    """" (tables)" or " (tables; participants part.)", then the mark when too few tables stand behind it."""
    if tables is None:
        return ""
    people = f"; {w('numbers.people', n=participants)}" if participants else ""
    return f" ({tables}{people})" + (FEW if few(tables, min_tables) else "")


def note(w: Words, bootstrap: int, min_tables: int, intervals: bool = True) -> str:
    """The sentence under a table that says what the brackets and the mark mean (`intervals`: the table's
    figures have confidence intervals when the bootstrap is on)."""
    key = "numbers.note_n" if not intervals else "numbers.note" if bootstrap else "numbers.note_plain"
    return w(key, b=bootstrap, few=FEW, min=min_tables)


def p_value(w: Words, p: float | None) -> str:
    """A p-value as a reader expects it: three decimals, or "< 0.001"."""
    if p is None:
        return "–"
    return f"< {w.num(0.001, 3)}" if p < 0.001 else w.num(p, 3)


def warnings(w: Words, all_warnings: list[str], untested: tuple[str, list[str]] | None) -> tuple[str, ...]:
    """The comparison's warnings, the one about untested W said in the report's language."""
    if untested is None:
        return tuple(all_warnings)
    english, labels = untested
    names = [w("numbers.between_groups") if label == "between groups" else label for label in labels]
    shown = "; ".join(names[:5]) + (w("numbers.and_more", n=len(names) - 5) if len(names) > 5 else "")
    said = w("numbers.w_untested_list", min=W_MIN_ITEMS, shown=shown)
    return tuple(said if warning == english else warning for warning in all_warnings)


def with_note(existing: str, added: str) -> str:
    return f"{existing} {added}".strip()
