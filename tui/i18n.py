"""The app's words in Italian and English."""

from __future__ import annotations

from .error_words import ERROR_WORDS

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
    # part 6 and 10: the table's memory (comments, participants, proposals and table details)
    "comment_edit": {"it": "Modifica il commento", "en": "Edit the comment"},
    "comment_on": {"it": "Su", "en": "About"},
    "comment_by": {"it": "Di", "en": "By"},
    "whole_table": {"it": "tutto il tavolo", "en": "the whole table"},
    "nobody": {"it": "nessuno in particolare", "en": "nobody in particular"},
    "comment_empty": {"it": "Il commento è vuoto: scrivi il testo", "en": "The comment is empty: type its text"},
    "comment_saved": {"it": "Commento ({kind}) su {about}", "en": "Comment ({kind}) about {about}"},
    "comment_edited": {"it": "Commento {n} modificato", "en": "Comment {n} edited"},
    "comments": {"it": "Commenti", "en": "Comments"},
    "no_comments": {"it": "Nessun commento", "en": "No comments"},
    "comments_keys": {"it": "Invio modifica · c nuovo · t carta/tavolo · Esc chiudi",
                      "en": "Enter edit · c new · t card/table · Esc close"},
    "participants": {"it": "Partecipanti", "en": "Participants"},
    "no_participants": {"it": "Nessun partecipante: aggiungili con a", "en": "No participants: add them with a"},
    "without_table": {"it": "Senza tavolo", "en": "Without a table"},
    "participants_keys": {"it": "a aggiungi · e area e verbalizzante · Esc chiudi",
                          "en": "a add · e area and note-taker · Esc close"},
    "area": {"it": "Macro-area", "en": "Macro-area"},
    "note_taker": {"it": "Verbalizzante", "en": "Note-taker"},
    "none_given": {"it": "non indicata", "en": "not given"},
    "none_given_m": {"it": "non indicato", "en": "not given"},
    "table_saved": {"it": "Dettagli del tavolo salvati", "en": "Table details saved"},
    "unchanged": {"it": "Nulla da salvare: nessuna modifica", "en": "Nothing to save: nothing changed"},
    "scoring_as": {"it": "valuta", "en": "scoring as"},
    "consensus": {"it": "consenso del tavolo", "en": "the table's consensus"},
    "scoring_as_now": {"it": "Ora valuta: {who}", "en": "Now scoring as: {who}"},
    "proposal_lead": {"it": "Attori promotori (uno per riga)", "en": "Lead actors (one a line)"},
    "proposal_where": {"it": "Luogo", "en": "Place"},
    "proposal_untitled": {"it": "La proposta ha bisogno di un titolo", "en": "The proposal needs a title"},
    "proposal_edited": {"it": "Proposta {ref} modificata", "en": "Proposal {ref} edited"},
    "choose_proposal": {"it": "Scegli una proposta (riga P) da modificare",
                        "en": "Choose a proposal (a P row) to edit"},
    # sync part (issue 11): what an action did, undo and redo, other programs, priorities
    "did_pick_selected": {"it": "{card} scelta", "en": "{card} picked"},
    "did_pick_favourite": {"it": "{card} preferita", "en": "{card} favourite"},
    "did_pick_discarded": {"it": "{card} scartata", "en": "{card} discarded"},
    "did_score": {"it": "{target} {criterion} = {value}", "en": "{target} {criterion} = {value}"},
    "did_comment": {"it": "Commento ({kind}) sul tavolo", "en": "Comment ({kind}) on the table"},
    "did_comment_on": {"it": "Commento ({kind}) su {target}", "en": "Comment ({kind}) on {target}"},
    "did_propose": {"it": "Proposta {ref} «{title}»", "en": "Proposal {ref} “{title}”"},
    "did_update_proposal": {"it": "Proposta {ref} modificata", "en": "Proposal {ref} edited"},
    "did_priorities": {"it": "Priorità: {order}", "en": "Priorities: {order}"},
    "undone_what": {"it": "Annullato: {what}", "en": "Undone: {what}"},
    "redone_what": {"it": "Ripristinato: {what}", "en": "Redone: {what}"},
    "nothing_to_undo": {"it": "Niente da annullare a questo tavolo", "en": "Nothing to undo at this table"},
    "nothing_to_redo": {"it": "Niente da ripristinare a questo tavolo", "en": "Nothing to redo at this table"},
    "from_elsewhere": {"it": "da un altro programma: {what}", "en": "from another program: {what}"},
    "other_tables": {"it": "{n} azioni di altri tavoli", "en": "{n} actions at other tables"},
    "other_table": {"it": "1 azione di un altro tavolo", "en": "1 action at another table"},
    "priority_cards": {"it": "carte", "en": "cards"},
    "priorities_none": {"it": "Priorità: nessuna (o per ordinarle)", "en": "Priorities: none (o to order them)"},
    "priorities_title": {"it": "Priorità del tavolo", "en": "The table's priorities"},
    "priorities_help": {"it": "↑↓ scegli · shift+↑↓ o +/- sposta · spazio include/esclude · Invio salva · "
                              "Esc annulla",
                        "en": "↑↓ choose · shift+↑↓ or +/- move · space include/leave out · Enter saves · "
                              "Esc cancels"},
    "priorities_not_in": {"it": "(non prioritario)", "en": "(not a priority)"},
    "priority_card_added": {"it": "{card} tra le carte prioritarie", "en": "{card} is a priority card"},
    "priority_card_removed": {"it": "{card} tolta dalle carte prioritarie", "en": "{card} is no longer a priority card"},
    # ---- deliverable 7 and 9: every word the app shows, in its language (Textual's own words included)
    "key_quit": {"it": "Esci", "en": "Quit"},
    "key_close": {"it": "Chiudi", "en": "Close"},
    "key_search": {"it": "Cerca", "en": "Search"},
    "key_palette": {"it": "comandi", "en": "commands"},
    "key_space": {"it": "spazio", "en": "space"},
    "palette_placeholder": {"it": "Cerca un comando…", "en": "Search for commands…"},
    "palette_no_matches": {"it": "Nessun comando trovato", "en": "No matches found"},
    "quit_title": {"it": "Vuoi uscire?", "en": "Do you want to quit?"},
    "quit_notice": {"it": "Premi {keys} per uscire (tutto è già salvato)", "en": "Press {keys} to quit (all is saved)"},
    "cmd_quit_help": {"it": "Chiude l'app; tutto è già salvato", "en": "Quit the app; everything is saved"},
    "cmd_maximize": {"it": "Ingrandisci", "en": "Maximize"},
    "cmd_maximize_help": {"it": "Ingrandisce il riquadro attivo", "en": "Maximize the focused panel"},
    "cmd_minimize": {"it": "Riduci", "en": "Minimize"},
    "cmd_minimize_help": {"it": "Riporta il riquadro alla sua misura", "en": "Restore the panel to its size"},
    "language": {"it": "Lingua del workshop", "en": "Workshop language"},
    "missing_fields": {"it": "Manca: {fields}", "en": "Missing: {fields}"},
    "decks_unusable": {"it": "{path}: mazzi o criteri non utilizzabili; prova cardengine validate",
                       "en": "{path}: decks or criteria not usable; run cardengine validate"},
    "skipped_events_one": {"it": "{n} azione non valida è stata tralasciata: esegui `cardengine session check` "
                                 "su questo file ({kind}: {reason})",
                           "en": "{n} invalid event left out: run `cardengine session check` on this file "
                                 "({kind}: {reason})"},
    "skipped_events_other": {"it": "{n} azioni non valide sono state tralasciate: esegui `cardengine session "
                                   "check` su questo file ({kind}: {reason})",
                             "en": "{n} invalid events left out: run `cardengine session check` on this file "
                                   "({kind}: {reason})"},
    "marked_one": {"it": "{n} carta segnata per la proposta", "en": "{n} card marked for a proposal"},
    "marked_other": {"it": "{n} carte segnate per la proposta", "en": "{n} cards marked for a proposal"},
    "comment_kind_barrier": {"it": "Ostacolo", "en": "Barrier"},
    "comment_kind_enabler": {"it": "Fattore abilitante", "en": "Enabler"},
    "comment_kind_question": {"it": "Domanda", "en": "Question"},
    "comment_kind_quote": {"it": "Citazione", "en": "Quote"},
    "stakeholder_company": {"it": "Azienda", "en": "Company"},
    "stakeholder_public-authority": {"it": "Ente pubblico", "en": "Public authority"},
    "stakeholder_utility": {"it": "Multiutility / gestore", "en": "Utility"},
    "stakeholder_association": {"it": "Associazione", "en": "Association"},
    "stakeholder_expert": {"it": "Esperto", "en": "Expert"},
    "stakeholder_citizen": {"it": "Cittadino", "en": "Citizen"},
    "stakeholder_other": {"it": "Altro", "en": "Other"},
    "co_benefits": {"it": "Co-benefici", "en": "Co-benefits"},
    "barriers": {"it": "Ostacoli", "en": "Barriers"},
    "examples": {"it": "Esempi", "en": "Examples"},
    "table_name": {"it": "Nuovo tavolo", "en": "New table"},
    # The engine's refusals a note-taker meets in the app, by ActionError.code (others show the engine's text).
    "error_table_exists": {"it": "Il tavolo '{name}' esiste già", "en": "Table '{name}' already exists"},
    "error_participant_exists": {"it": "Il partecipante '{label}' esiste già",
                                 "en": "Participant '{label}' already exists"},
    "error_nothing_to_undo": {"it": "Niente da annullare a questo tavolo", "en": "Nothing to undo at this table"},
    "error_nothing_to_redo": {"it": "Niente da ripristinare a questo tavolo", "en": "Nothing to redo at this table"},
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
    # panels (issue 11, scoring and counts): the picks counter, the legend of the glyphs, a criterion's direction
    "n_picks_one": {"it": "{n} scelta", "en": "{n} pick"},
    "n_picks_many": {"it": "{n} scelte", "en": "{n} picks"},
    "n_scored_one": {"it": "{n} valutata", "en": "{n} scored"},
    "n_scored_many": {"it": "{n} valutate", "en": "{n} scored"},
    "n_unscored": {"it": "{n} da valutare", "en": "{n} to score"},
    "n_discarded_one": {"it": "{n} scartata", "en": "{n} discarded"},
    "n_discarded_many": {"it": "{n} scartate", "en": "{n} discarded"},
    "legend_selected": {"it": "carta scelta", "en": "card picked"},
    "legend_favourite": {"it": "preferita del tavolo", "en": "the table's favourite"},
    "legend_discarded": {"it": "scartata (fuori dalla classifica)", "en": "discarded (not ranked)"},
    "legend_marked": {"it": "segnata per una proposta (spazio)", "en": "marked for a proposal (space)"},
    "legend_marked_short": {"it": "segnata", "en": "marked"},
    "legend_proposal": {"it": "proposta del tavolo", "en": "the table's proposal"},
    "legend_score": {"it": "fattibilità pesata, da 0 a 100", "en": "weighted feasibility, 0 to 100"},
    "legend_rank": {"it": "posizione in classifica", "en": "rank"},
    "direction_higher": {"it": "{best} = migliore, {worst} = peggiore", "en": "{best} = best, {worst} = worst"},
    "direction_lower": {"it": "al contrario: {best} = migliore",
                        "en": "reversed: {best} = best"},
    "rank_of": {"it": "{rank}° di {n}", "en": "rank {rank} of {n}"},
    "off_scale": {"it": "{digit} non è sulla scala di «{criterion}» ({values}); n = non valutato",
                  "en": "{digit} is not on the scale of '{criterion}' ({values}); n = not assessed"},
    "nothing_to_score": {"it": "Nessuna carta da valutare: scegli prima una carta",
                         "en": "No card to score: pick a card first"},
    "score_key": {"it": "Valore {digit}", "en": "Value {digit}"},
}

STRINGS |= ERROR_WORDS  # words part (issue 11, round 2): the engine's refusals and errors

# The footer text of every binding outside the table screen (whose keys are described in table_keys), by id.
BINDING_TEXT = {"app.quit": "key_quit", "app.palette": "key_palette", "start.quit": "key_quit",
                "tables.quit": "key_quit", "form.cancel": "cancel", "form.save": "save", "text.close": "key_close",
                "browse.cancel": "cancel", "priorities.cancel": "cancel", "table.escape": "key_search"}

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


def t(key: str, lang: str, **values: object) -> str:
    entry = STRINGS[key]
    return entry.get(lang, entry["en"]).format(**values)


def error_text(error: object, lang: str) -> str:
    """An engine error (ActionError, StoreError) or problem (event_check.Problem, such as the reason an event
    was left out) in the app's language when the catalogue knows its code; else the engine's own text.
    A value named `X_code` is a word itself: it is shown as `X_<value>` in the app's language, under the name X."""
    key = f"error_{getattr(error, 'code', '')}"
    if key not in STRINGS:
        return str(error)
    values = dict(getattr(error, "values", {}))
    for name, value in list(values.items()):
        if name.endswith("_code"):
            word = f"{name[:-5]}_{value}"
            values[name[:-5]] = t(word, lang, **values) if word in STRINGS else str(value)
    return t(key, lang, **values)


def event_kind(kind: str, lang: str) -> str:
    """An event's kind in the app's language ('pick' -> 'carta scelta'); one of a newer version as stored."""
    return t(f"event_{kind}", lang) if f"event_{kind}" in STRINGS else kind


def tn(key: str, n: int, lang: str, **values: object) -> str:
    """A string that agrees with the number `n` ("1 carta segnata", "2 carte segnate"): entries `KEY_one` and
    `KEY_other`. Italian and English both use the singular for exactly one."""
    return t(f"{key}_one" if n == 1 else f"{key}_other", lang, n=n, **values)
