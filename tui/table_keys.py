"""Every key of the table screen; the help, the footer and the palette read it. Each action's description is
the word `action_ACTION` of the app's catalogue (tui/app_words.py), in the app's language."""

from __future__ import annotations

from textual.binding import Binding

from .i18n import t

# (binding key, action)
ACTIONS = [
    ("ctrl+z", "undo"),
    ("ctrl+y", "redo"),
    ("f", "favourite"),
    ("x", "discard"),
    ("s", "select"),
    ("space", "mark"),
    ("c", "comment"),
    ("p", "propose"),
    ("o", "priorities"),
    ("exclamation_mark", "priority_card"),
    ("a", "participant"),
    ("m", "comments"),
    ("C", "comment_table"),
    ("e", "edit_proposal"),
    ("g", "participants"),
    ("t", "table_details"),
    ("b", "scoring_by"),
    ("v", "view"),
    ("d", "browse"),
    ("slash", "search"),
    ("f1", "help"),
]


def bindings(lang: str) -> list[Binding]:
    shown = ("undo", "favourite", "comment", "propose", "help")
    return [Binding(key, action, t(f"action_{action}", lang), id=f"table.{action}", priority=key.startswith("ctrl"),
                    show=action in shown) for key, action in ACTIONS] + [
        Binding("escape", "search", t("key_search", lang), show=False, id="table.escape"),
    ]
