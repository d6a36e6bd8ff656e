"""The table screen's actions: kinds, marks, undo and redo, comments, proposals, priorities, views."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.widgets import DataTable, Input

from cardengine.sessions import Event

from .describe import describe, priorities_line
from .host import app_of
from .i18n import deck_text, t, tn
from .modals import BrowseDialog, PrioritiesDialog, ProposalDialog, ProposalForm, TextDialog
from .table_keys import ACTIONS
from .table_memory import MemoryMixin
from .table_panels import legend


class ActionsMixin(MemoryMixin):
    """One method per key binding (see ACTIONS in table_keys)."""

    def _set_kind(self, kind: str) -> None:
        target = self.selected_target()
        pick = self.table.picks.get(target or "")
        if pick is not None and pick.kind == kind:  # already so: say it, write nothing
            self.notify(t("already_picked", self.lang, card=target, kind=t(f"kind_{kind}", self.lang)),
                        timeout=4, markup=False)
            return
        if target and target in self.workshop.state.cards and self.pick(target, kind):
            self.set_status(t(f"did_pick_{kind}", self.lang, card=target))  # "EN-10 preferita", not "scelta"

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
            self.notify(tn("marked", len(self.marked), self.lang), timeout=2)

    def action_undo(self) -> None:
        self._step("undo")

    def action_redo(self) -> None:
        self._step("redo")

    def _step(self, kind: str) -> None:
        """Undo or redo, then say what: "Annullato: EN-10 preferita". The engine chooses the action on the file
        as it is (another laptop at this table may have acted since); this check only spares an English refusal."""
        app_of(self).refresh_from_file()  # what another laptop did in the last second counts too
        stacks = self.workshop.state.undo_stacks if kind == "undo" else self.workshop.state.redo_stacks
        if not stacks.get(self.table_id):
            self.notify(t(f"nothing_to_{kind}", self.lang), timeout=3)
            return
        step = self.workshop.undo if kind == "undo" else self.workshop.redo
        done: list[Event] = []
        said = t("undone" if kind == "undo" else "redone", self.lang)
        if self.record(lambda: done.append(step(self.table.name)), said):
            target = self.workshop.event(done[0].payload["target"])
            if target is not None:
                self.set_status(t(f"{kind}ne_what", self.lang, what=describe(self.workshop.state, target, self.lang)))

    def action_comment(self) -> None:
        self.open_comment_dialog(self.selected_target())  # the dialog can also put it on the whole table

    def action_propose(self) -> None:
        cards = list(self.marked)
        if not cards:
            target = self.selected_target()
            if target and target in self.workshop.state.cards:
                cards = [target]
        if not cards:
            self.notify(t("mark_first", self.lang), severity="warning")
            return

        def done(result: ProposalForm | None) -> None:
            if result:
                title = result["title"]
                refs: list[str] = []
                if self.record(lambda: refs.append(self.workshop.propose(self.table.name, title, cards,
                                                                         description=result["description"],
                                                                         lead_actors=result["lead_actors"],
                                                                         where=result["where"])),
                               f"{t('kind_proposal', self.lang)} {title}"):
                    self.marked.clear()
                    self.refresh_picks()
                    grid = self.query_one("#picks", DataTable)
                    grid.move_cursor(row=grid.get_row_index(refs[0]))
                else:  # refused or not saved: the dialog comes back with what was typed
                    self.app.push_screen(ProposalDialog(self.lang, cards, initial=result), done)

        self.app.push_screen(ProposalDialog(self.lang, cards), done)

    def action_priorities(self) -> None:
        state = self.workshop.state
        domains = [(d.domain, deck_text(d.name, self.lang, d.id)) for d in state.decks.values()]
        cards = [(c, f"{c} {deck_text(state.cards[c].title, self.lang)}") for c in self.table.priority_cards
                 if c in state.cards]

        def done(result: tuple[list[str], list[str]] | None) -> None:
            if result is not None:
                order, chosen = result
                if list(order) == list(self.table.priority_domains) and list(chosen) == list(self.table.priority_cards):
                    self.notify(t("unchanged", self.lang), timeout=3)  # no event: undo would seem to do nothing
                    return
                self.record(lambda: self.workshop.set_priorities(self.table.name, domains=order, cards=chosen),
                            t("did_priorities", self.lang, order=priorities_line(state, order, chosen, self.lang)
                              or "–"))

        self.app.push_screen(PrioritiesDialog(self.lang, domains, self.table.priority_domains, cards), done)

    def action_priority_card(self) -> None:
        """Add the highlighted card to the table's priority cards (last), or take it out."""
        target = self.selected_target()
        if not target or target not in self.workshop.state.cards:
            return
        cards = list(self.table.priority_cards)
        added = target not in cards
        cards = [*cards, target] if added else [c for c in cards if c != target]
        self.record(lambda: self.workshop.set_priorities(self.table.name, domains=self.table.priority_domains,
                                                         cards=cards),
                    t("priority_card_added" if added else "priority_card_removed", self.lang, card=target))

    def action_participant(self) -> None:
        self.add_participant()

    def action_view(self) -> None:
        target = self.selected_target()
        if target is None:
            return
        self.app.push_screen(TextDialog(target, app_of(self).card_text(target)))

    def action_browse(self) -> None:
        state = self.workshop.state
        options: list[tuple[str, RichText]] = []
        for deck in state.decks.values():
            heading = f"── {deck_text(deck.name, self.lang, deck.id)} ──"
            options.append(("", RichText(heading, style=f"bold {deck.colour}")))
            options += [(c.id, RichText.assemble((f"{c.id:<7}", f"bold {deck.colour}"), " ",
                                                 deck_text(c.title, self.lang)))
                        for c in state.cards.values() if c.deck == deck.id]

        def done(card: str | None) -> None:
            if card:
                self.log_card(card)  # a card already picked is shown, not logged twice

        self.app.push_screen(BrowseDialog(t("domains", self.lang), options), done)

    def action_search(self) -> None:
        # At once (focus() waits for the app's queue): an id typed right after `/` is typing, not bindings.
        self.set_focus(self.query_one("#card-input", Input))

    def _scale_keys(self) -> str:
        """The digits the workshop's criteria take ("1-5", "0-3", "1-3, 1-5"): never a hard-coded scale."""
        spans = []
        for c in self.criteria.criteria:
            values = sorted(int(v) for v in c.values)
            span = f"{values[0]}-{values[-1]}" if values == list(range(values[0], values[-1] + 1)) else \
                ",".join(map(str, values))
            if span not in spans:
                spans.append(span)
        return ", ".join(spans)

    def action_help(self) -> None:
        keys = {"slash": "/", "exclamation_mark": "!", "space": t("key_space", self.lang)}
        lines = [f"{keys.get(key, key):<8} {t(f'action_{action}', self.lang)}" for key, action in ACTIONS]
        lines += ["", t("help_entry", self.lang)]
        lines += ["", "Tab      " + t("help_tab", self.lang),
                  f"{self._scale_keys():<8} " + t("help_values", self.lang),
                  "ctrl+p   " + t("help_palette", self.lang),
                  "ctrl+q   " + t("help_quit", self.lang)]
        lines += ["", *legend(self.lang)]  # the picks table's glyphs and columns
        self.app.push_screen(TextDialog(t("help_title", self.lang), "\n".join(lines)))


