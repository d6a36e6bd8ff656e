"""Every key of the table screen, described in both languages; the help, the footer and the palette read it."""

from __future__ import annotations

from textual.binding import Binding

# (binding key, action, description it, description en)
ACTIONS = [
    ("ctrl+z", "undo", "Annulla", "Undo"),
    ("ctrl+y", "redo", "Ripristina", "Redo"),
    ("f", "favourite", "Preferita", "Favourite"),
    ("x", "discard", "Scarta la carta", "Discard the card"),
    ("s", "select", "Riporta a scelta", "Back to selected"),
    ("space", "mark", "Segna per una proposta", "Mark for a proposal"),
    ("c", "comment", "Commento", "Comment"),
    ("p", "propose", "Proposta", "Proposal"),
    ("o", "priorities", "Priorità del tavolo (ordine)", "The table's priorities (order)"),
    ("exclamation_mark", "priority_card", "Carta prioritaria sì/no", "Priority card on/off"),
    ("a", "participant", "Aggiungi un partecipante", "Add a participant"),
    ("m", "comments", "Commenti della carta e del tavolo", "Comments on the card and the table"),
    ("C", "comment_table", "Commento su tutto il tavolo", "Comment on the whole table"),
    ("e", "edit_proposal", "Modifica la proposta", "Edit the proposal"),
    ("g", "participants", "Partecipanti e dettagli del tavolo", "Participants and table details"),
    ("t", "table_details", "Macro-area e verbalizzante", "Macro-area and note-taker"),
    ("b", "scoring_by", "Valuta come: consenso o un partecipante", "Score as: consensus or a participant"),
    ("v", "view", "Testo completo della carta", "Full text of the card"),
    ("d", "browse", "Sfoglia per ambito", "Browse by domain"),
    ("slash", "search", "Cerca / digita un codice", "Search / type an id"),
    ("f1", "help", "Tasti", "Keys"),
]


def bindings(lang: str) -> list[Binding]:
    shown = ("undo", "favourite", "comment", "propose", "help")
    return [Binding(key, action, it if lang == "it" else en, id=f"table.{action}", priority=key.startswith("ctrl"),
                    show=action in shown) for key, action, it, en in ACTIONS] + [
        Binding("escape", "search", "Search", show=False, id="table.escape"),
    ]
