"""The table screen's actions: kinds, marks, undo and redo, comments, proposals, priorities, views."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.widgets import DataTable

from .i18n import t
from .modals import (BrowseDialog, CommentDialog, ParticipantDialog, PrioritiesDialog, ProposalDialog,
                     TextDialog)
from .table_keys import ACTIONS
from .table_panels import legend


class ActionsMixin:
    """One method per key binding (see ACTIONS in table_keys)."""

    def _set_kind(self, kind: str) -> None:
        target = self.selected_target()
        if target and target in self.workshop.state.cards:
            self.pick(target, kind)

    def action_favourite(self) -> None:
        self._set_kind("favourite")

    def action_discard(self) -> None:
        self._set_kind("discarded")

    def action_select(self) -> None:
        self._set_kind("selected")

    def action_mark(self) -> None:
        target = self.selected_target()
        if target and target in self.workshop.state.cards:
            self.marked.remove(target) if target in self.marked else self.marked.append(target)
            self.refresh_picks()
            self.notify(f"{len(self.marked)} {t('marked', self.lang)}", timeout=2)

    def action_undo(self) -> None:
        self.record(lambda: self.workshop.undo(self.table.name), t("undone", self.lang))

    def action_redo(self) -> None:
        self.record(lambda: self.workshop.redo(self.table.name), t("redone", self.lang))

    def action_comment(self) -> None:
        target = self.selected_target()

        def done(result) -> None:
            if result:
                kind, text = result
                self.record(lambda: self.workshop.comment(self.table.name, kind, text, card=target),
                            f"{t('comment_text', self.lang)} ({kind})")

        self.app.push_screen(CommentDialog(self.lang, target or t("table", self.lang)), done)

    def action_propose(self) -> None:
        cards = list(self.marked)
        if not cards:
            target = self.selected_target()
            if target and target in self.workshop.state.cards:
                cards = [target]
        if not cards:
            self.notify(t("mark_first", self.lang), severity="warning")
            return

        def done(result) -> None:
            if result:
                title, description = result
                refs: list[str] = []
                if self.record(lambda: refs.append(self.workshop.propose(self.table.name, title, cards,
                                                                         description=description)),
                               f"{t('kind_proposal', self.lang)} {title}"):
                    self.marked.clear()
                    self.refresh_picks()
                    grid = self.query_one("#picks", DataTable)
                    grid.move_cursor(row=grid.get_row_index(refs[0]))

        self.app.push_screen(ProposalDialog(self.lang, cards), done)

    def action_priorities(self) -> None:
        state = self.workshop.state
        domains = [(d.domain, d.name.get(self.lang, d.id)) for d in state.decks.values()]

        def done(order) -> None:
            if order is not None:
                self.record(lambda: self.workshop.set_priorities(self.table.name, domains=order,
                                                                 cards=self.table.priority_cards),
                            t("priorities_saved", self.lang))

        self.app.push_screen(PrioritiesDialog(self.lang, domains, self.table.priority_domains), done)

    def action_participant(self) -> None:
        def done(result) -> None:
            if result:
                label, kind, organisation = result
                self.record(lambda: self.workshop.add_participant(label, kind, organisation=organisation,
                                                                  table=self.table.name),
                            t("participant_saved", self.lang, label=label))

        self.app.push_screen(ParticipantDialog(self.lang), done)

    def action_view(self) -> None:
        target = self.selected_target()
        if target is None:
            return
        self.app.push_screen(TextDialog(target, self.app.card_text(target)))

    def action_browse(self) -> None:
        state = self.workshop.state
        options: list[tuple[str, object]] = []
        for deck in state.decks.values():
            options.append(("", RichText(f"── {deck.name.get(self.lang, deck.id)} ──", style=f"bold {deck.colour}")))
            options += [(c.id, RichText.assemble((f"{c.id:<7}", f"bold {deck.colour}"), " ",
                                                 c.title.get(self.lang, "")))
                        for c in state.cards.values() if c.deck == deck.id]

        def done(card) -> None:
            if card:
                self.pick(card)

        self.app.push_screen(BrowseDialog(t("domains", self.lang), options), done)

    def action_search(self) -> None:
        self.query_one("#card-input", Input).focus()

    def action_help(self) -> None:
        keys = {"slash": "/", "space": "spazio" if self.lang == "it" else "space"}
        lines = [f"{keys.get(key, key):<8} {it if self.lang == 'it' else en}" for key, _, it, en in ACTIONS]
        lines += ["", "Tab      " + ("campo di ricerca → carte → criteri" if self.lang == "it" else
                                     "search field → cards → criteria"),
                  "1-5      " + ("valore del criterio; n = non valutato" if self.lang == "it" else
                                 "criterion value; n = not assessed"),
                  "ctrl+p   " + ("tavolozza dei comandi" if self.lang == "it" else "command palette"),
                  "ctrl+q   " + ("esci (tutto è già salvato)" if self.lang == "it" else "quit (all is saved)")]
        lines += ["", *legend(self.lang)]  # the picks table's glyphs and columns
        self.app.push_screen(TextDialog(t("help_title", self.lang), "\n".join(lines)))


