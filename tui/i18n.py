"""The app's words in Italian and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"it": "cardengine · tavolo", "en": "cardengine · table"},
    "input_placeholder": {"it": "Codice carta (o scansione) e Invio · parole per cercare",
                          "en": "Card id (or scan) and Enter · words to search"},
    "saved": {"it": "Salvato", "en": "Saved"},
    "events": {"it": "azioni", "en": "actions"},
    "table": {"it": "Tavolo", "en": "Table"},
    "picks": {"it": "Carte scelte", "en": "Picks"},
    "no_picks": {"it": "Nessuna carta ancora: digita un codice come EN-01",
                 "en": "No cards yet: type an id such as EN-01"},
    "score": {"it": "Fattibilità", "en": "Feasibility"},
    "not_assessed": {"it": "non valutato", "en": "not assessed"},
    "unknown_card": {"it": "Nessuna carta '{card}' nei mazzi di questo workshop",
                     "en": "No card '{card}' in this workshop's decks"},
    "picked": {"it": "{card} scelta", "en": "{card} picked"},
    "nothing_found": {"it": "Nessuna carta trovata", "en": "No card found"},
    "already_picked": {"it": "{card} è già tra le carte ({kind})", "en": "{card} is already picked ({kind})"},
    "undone": {"it": "Annullato", "en": "Undone"},
    "redone": {"it": "Ripristinato", "en": "Redone"},
    "choose_table": {"it": "Scegli il tavolo di questo portatile", "en": "Choose this laptop's table"},
    "new_table": {"it": "Nuovo tavolo (nome) e Invio", "en": "New table (name) and Enter"},
    "comment_kind": {"it": "Tipo di commento", "en": "Comment kind"},
    "comment_text": {"it": "Commento", "en": "Comment"},
    "proposal_title": {"it": "Titolo della proposta", "en": "Proposal title"},
    "proposal_description": {"it": "Descrizione", "en": "Description"},
    "proposal_cards": {"it": "Carte combinate", "en": "Cards combined"},
    "save": {"it": "Salva", "en": "Save"},
    "cancel": {"it": "Annulla", "en": "Cancel"},
    "help_title": {"it": "Tasti", "en": "Keys"},
    "workshop_title": {"it": "Titolo del workshop", "en": "Workshop title"},
    "territory": {"it": "Territorio", "en": "Territory"},
    "date": {"it": "Data (AAAA-MM-GG)", "en": "Date (YYYY-MM-DD)"},
    "file": {"it": "File del workshop", "en": "Workshop file"},
    "create": {"it": "Crea workshop", "en": "Create workshop"},
    "open": {"it": "Apri", "en": "Open"},
    "recent": {"it": "Recenti", "en": "Recent"},
    "marked": {"it": "segnate per la proposta", "en": "marked for a proposal"},
    "mark_first": {"it": "Segna prima le carte con la barra spaziatrice", "en": "Mark cards with space first"},
    "kind_selected": {"it": "scelta", "en": "selected"},
    "kind_favourite": {"it": "preferita", "en": "favourite"},
    "kind_discarded": {"it": "scartata", "en": "discarded"},
    "kind_proposal": {"it": "proposta", "en": "proposal"},
    "priorities_saved": {"it": "Priorità salvate", "en": "Priorities saved"},
    "domains": {"it": "Ambiti", "en": "Domains"},
    "participant": {"it": "Partecipante al tavolo", "en": "Participant at the table"},
    "participant_label": {"it": "Etichetta (pseudonimo, es. Azienda A)", "en": "Label (pseudonym, e.g. Company A)"},
    "organisation": {"it": "Organizzazione (facoltativa)", "en": "Organisation (optional)"},
    "participant_saved": {"it": "Partecipante {label} aggiunto", "en": "Participant {label} added"},
    "decks_folder": {"it": "Cartella dei mazzi", "en": "Decks folder"},
    "criteria_file": {"it": "File dei criteri", "en": "Criteria file"},
    # deliverable 1: input that never jams or guesses (tui/card_entry.py)
    "entry_placeholder": {"it": "Codice carta o scansione, Invio · parole, poi ↓ e Invio per scegliere",
                          "en": "Card id or scan, Enter · words, then ↓ and Enter to choose"},
    "did_you_mean": {"it": "forse {ids}?", "en": "did you mean {ids}?"},
    "no_results": {"it": "Nessuna carta per '{query}'", "en": "No card for '{query}'"},
    "choose_result": {"it": "'{query}': ↓↑ e Invio per scegliere · Esc chiude",
                      "en": "'{query}': ↓↑ and Enter to choose · Esc closes"},
    "choose_first": {"it": "'{query}' non è un codice: scegli una carta dall'elenco (↓↑ e Invio)",
                     "en": "'{query}' is not an id: choose a card from the list (↓↑ and Enter)"},
    "help_entry": {"it": "Invio    codice (en01, EN 01 = EN-01) o scansione: registrata; parole: elenco,\n"
                         "         ↓↑ e Invio o clic per scegliere; Esc chiude l'elenco",
                   "en": "Enter    id (en01, EN 01 = EN-01) or scan: logged; words: a list,\n"
                         "         ↓↑ and Enter or a click to choose; Esc closes the list"},
}


def t(key: str, lang: str, **values: str) -> str:
    entry = STRINGS[key]
    return entry.get(lang, entry["en"]).format(**values)
