"""The screen a note-taker uses for hours: log picks by id or search, score, comment, propose."""

from __future__ import annotations


from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from cardengine.scoring import criterion_values, table_ranking, weighted_score
from cardengine.workshop import ActionError, StoreError, Workshop

from .i18n import t
from .modals import (BrowseDialog, CommentDialog, ParticipantDialog, PrioritiesDialog, ProposalDialog,
                     TextDialog)

# Every action: (binding key, action, description it, description en). The help screen, the footer and the
# command palette all read this one list.
ACTIONS = [
    ("ctrl+z", "undo", "Annulla", "Undo"),
    ("ctrl+y", "redo", "Ripristina", "Redo"),
    ("f", "favourite", "Preferita", "Favourite"),
    ("x", "discard", "Scarta la carta", "Discard the card"),
    ("s", "select", "Riporta a scelta", "Back to selected"),
    ("space", "mark", "Segna per una proposta", "Mark for a proposal"),
    ("c", "comment", "Commento", "Comment"),
    ("p", "propose", "Proposta", "Proposal"),
    ("o", "priorities", "Priorità degli ambiti", "Priority of domains"),
    ("a", "participant", "Aggiungi un partecipante", "Add a participant"),
    ("v", "view", "Testo completo della carta", "Full text of the card"),
    ("d", "browse", "Sfoglia per ambito", "Browse by domain"),
    ("slash", "search", "Cerca / digita un codice", "Search / type an id"),
    ("f1", "help", "Tasti", "Keys"),
]
SCORE_KEYS = "1234567"


class CardInput(Input):
    """The id field. A barcode scanner types an id and Enter faster than the screen handles them, so the
    value is taken at the moment Enter arrives (and the field emptied), not when the submit is handled."""

    async def _on_key(self, event) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            value, self.value = self.value, ""
            self.post_message(self.Submitted(self, value, None))
            return
        await super()._on_key(event)


def bindings(lang: str) -> list[Binding]:
    shown = ("undo", "favourite", "comment", "propose", "help")
    return [Binding(key, action, it if lang == "it" else en, id=f"table.{action}", priority=key.startswith("ctrl"),
                    show=action in shown) for key, action, it, en in ACTIONS] + [
        Binding("escape", "search", "Search", show=False, id="table.escape"),
    ]


class TableScreen(Screen):
    BINDINGS = bindings("en")

    def __init__(self, workshop: Workshop, table_id: str, lang: str):
        super().__init__()
        self.workshop, self.table_id, self.lang = workshop, table_id, lang
        self.marked: list[str] = []
        self.criterion_index = 0
        self.last_status = ""

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield CardInput(placeholder=t("input_placeholder", self.lang), id="card-input")
        yield OptionList(id="search-results")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield DataTable(id="picks", cursor_type="row", zebra_stripes=True)
            with Vertical(id="right"):
                yield Static(id="card-detail", markup=False)
                yield DataTable(id="criteria", cursor_type="row")
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        state = self.workshop.state
        self.title = f"{state.title} · {state.territory}"
        self.sub_title = f"{t('table', self.lang)} {self.table.name}"
        picks = self.query_one("#picks", DataTable)
        self._columns = picks.add_columns("", "id", "%", "#", "carta" if self.lang == "it" else "card")
        crit = self.query_one("#criteria", DataTable)
        crit.add_columns("criterio" if self.lang == "it" else "criterion", "val")
        self.query_one("#search-results").display = False
        self.refresh_all()
        self.set_status(f"{t('table', self.lang)} {self.table.name}")
        self.query_one("#card-input", Input).focus()

    def on_resize(self, event) -> None:
        # On a large terminal the card panel also shows the summary and description.
        roomy = event.size.height >= 35 and event.size.width >= 110
        if roomy != self.has_class("-roomy"):
            self.set_class(roomy, "-roomy")
            self.refresh_detail()

    @property
    def table(self):
        return self.workshop.state.tables[self.table_id]

    # ---------------------------------------------------------------- drawing

    def refresh_all(self) -> None:
        self.refresh_picks()
        self.refresh_detail()

    def _targets(self) -> list[tuple[str, str]]:
        table = self.table
        return [(card, pick.kind) for card, pick in table.picks.items()] + \
            [(ref, "proposal") for ref in table.proposals]

    def refresh_picks(self) -> None:
        """Bring the picks table up to date, touching only the cells that changed (fast on big tables)."""
        state = self.workshop.state
        table = self.table
        grid = self.query_one("#picks", DataTable)
        ranking = {r.target: r for r in table_ranking(table, state.criteria)}
        marks = {"selected": "·", "favourite": "★", "discarded": "✗", "proposal": "P"}
        rows: dict[str, tuple] = {}
        for target, kind in self._targets():
            ranked = ranking.get(target)
            score = ranked.score if ranked else None
            title = (state.cards[target].title.get(self.lang) or next(iter(state.cards[target].title.values()))
                     if target in state.cards else table.proposals[target].title)
            colour = state.decks[state.cards[target].deck].colour if target in state.cards else "#6A3D9A"
            rows[target] = (("▶" if target in self.marked else "") + marks[kind],
                            RichText(target, style=f"bold {colour}"),
                            "" if score is None else f"{score:.0f}", str(ranked.rank if ranked else ""), title)
        shown = getattr(self, "_shown_rows", {})
        if list(rows)[:len(shown)] == list(shown) and shown:
            for key, values in rows.items():
                if key not in shown:
                    grid.add_row(*values, key=key)
                elif shown[key] != values:
                    for column, (old, new) in zip(self._columns, zip(shown[key], values)):
                        if old != new:
                            grid.update_cell(key, column, new)
        else:
            keep = grid.cursor_row
            grid.clear()
            for key, values in rows.items():
                grid.add_row(*values, key=key)
            if rows:
                grid.move_cursor(row=min(max(keep, 0), grid.row_count - 1))
            else:
                grid.add_row("", "", "", "", t("no_picks", self.lang), key="__empty__")
        self._shown_rows = rows

    def selected_target(self) -> str | None:
        grid = self.query_one("#picks", DataTable)
        if not grid.row_count:
            return None
        key = grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value
        return None if key == "__empty__" else key

    def refresh_detail(self) -> None:
        state = self.workshop.state
        target = self.selected_target()
        detail = self.query_one("#card-detail", Static)
        crit = self.query_one("#criteria", DataTable)
        crit.clear()
        if target is None:
            detail.update("")
            return
        if target in state.cards:
            card = state.cards[target]
            more = self.app.card_summary(target) if self.has_class("-roomy") else ""
            detail.update(f"{target} · {card.title.get(self.lang, '')}" + (f"\n{more}" if more else ""))
        else:
            detail.update(f"{target} · {self.table.proposals[target].title}")
        values = criterion_values(self.table, target, state.criteria)
        for c in state.criteria.criteria:
            v = values[c.id]
            crit.add_row(c.label[self.lang] if self.lang in c.label else c.label.get_text(self.lang),
                         "–" if v is None else f"{v:g}", key=c.id)
        score = weighted_score(values, state.criteria)
        crit.add_row(RichText(t("score", self.lang), style="bold"),
                     RichText("" if score is None else f"{score:.0f}", style="bold"), key="__total__")
        crit.move_cursor(row=min(self.criterion_index, len(state.criteria.criteria) - 1))
        self.show_question()

    def show_question(self) -> None:
        criteria = self.workshop.state.criteria.criteria
        c = criteria[min(self.criterion_index, len(criteria) - 1)]
        scale = " ".join(f"{lv.value}={lv.label.get_text(self.lang)}" for lv in c.scale)
        self.query_one("#criteria", DataTable).border_subtitle = f"{c.question.get_text(self.lang)}  {scale}"

    def set_status(self, message: str) -> None:
        stamp = self.app.clock().strftime("%H:%M:%S")
        self.last_status = f"✔ {t('saved', self.lang)} {stamp} · {message} · {self.workshop.state.events} " \
                           f"{t('events', self.lang)}"
        self.query_one("#status", Static).update(self.last_status)

    # ---------------------------------------------------------------- engine calls

    def record(self, call, message: str) -> bool:
        """Run one engine action (it is on disk when it returns), then show it; errors are notices."""
        try:
            call()
        except ActionError as exc:
            self.notify(str(exc), severity="warning", timeout=6, markup=False)
            return False
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return False
        self.refresh_all()
        self.set_status(message)
        return True

    # ---------------------------------------------------------------- input and search

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "card-input":
            return
        query = event.value.strip()
        results = self.query_one("#search-results", OptionList)
        if not query:
            results.display = False  # keep the options: a submit of the last query may still use them
            return
        results.clear_options()
        self._results_for = query
        if len(query) < 2 or query.upper() in self.workshop.state.cards:
            results.display = False
            return
        found = self.search(query)
        for card in found[:8]:
            colour = self.workshop.state.decks[card.deck].colour
            label = RichText.assemble((f"{card.id:<7}", f"bold {colour}"), " ", card.title.get(self.lang, ""))
            results.add_option(Option(label, id=card.id))
        results.display = bool(found)

    def search(self, query: str) -> list:
        """Cards whose id or title (in any language) holds every word of `query`."""
        words = query.lower().split()
        return [card for card in self.workshop.state.cards.values()
                if all(w in " ".join([card.id.lower(), *(v.lower() for v in card.title.values())]) for w in words)]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "card-input":
            return
        query = event.value.strip()
        if not query:
            return
        results = self.query_one("#search-results", OptionList)
        card = query.upper()
        if card not in self.workshop.state.cards and len(query) >= 2:
            # The result the note-taker highlighted, if the list was for this query; else the first match.
            if getattr(self, "_results_for", None) == query and results.option_count:
                card = results.get_option_at_index(results.highlighted or 0).id
            else:
                card = next((c.id for c in self.search(query)), card)
        results.clear_options()
        results.display = False
        if card not in self.workshop.state.cards:
            self.notify(t("unknown_card", self.lang, card=query), severity="warning", timeout=6)
            if not event.input.value:
                event.input.value = query  # give it back for correction
            return
        if card in self.table.picks and self.table.picks[card].kind != "selected":
            # Typing or scanning a card again finds it; it does not undo a favourite or a discard.
            grid = self.query_one("#picks", DataTable)
            grid.move_cursor(row=grid.get_row_index(card))
            self.notify(t("already_picked", self.lang, card=card,
                          kind=t(f"kind_{self.table.picks[card].kind}", self.lang)), timeout=3)
            return
        self.pick(card)

    def on_key(self, event) -> None:
        # Arrow keys in the search field move through the results.
        results = self.query_one("#search-results", OptionList)
        if self.focused is self.query_one("#card-input") and results.display and event.key in ("down", "up"):
            results.action_cursor_down() if event.key == "down" else results.action_cursor_up()
            event.prevent_default()
            event.stop()
        elif self.focused is self.query_one("#criteria") and event.character and event.character in SCORE_KEYS + "n0":
            self.score_key(event.character)
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "search-results" and self.pick(event.option.id):
            self.query_one("#card-input", Input).value = ""
            event.option_list.display = False
            self.query_one("#card-input", Input).focus()

    def pick(self, card: str, kind: str = "selected") -> bool:
        ok = self.record(lambda: self.workshop.pick(self.table.name, card, kind=kind),
                         t("picked", self.lang, card=card))
        if ok:
            grid = self.query_one("#picks", DataTable)
            grid.move_cursor(row=grid.get_row_index(card))
            self.refresh_detail()
        return ok

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "picks":
            self.refresh_detail()
        elif event.data_table.id == "criteria":
            self.criterion_index = min(event.cursor_row, len(self.workshop.state.criteria.criteria) - 1)
            self.show_question()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "picks":
            self.query_one("#criteria", DataTable).focus()

    # ---------------------------------------------------------------- scoring

    def score_key(self, key: str) -> None:
        target = self.selected_target()
        if target is None:
            return
        criteria = self.workshop.state.criteria.criteria
        c = criteria[self.criterion_index]
        value = None if key in "n0" else int(key)
        if self.record(lambda: self.workshop.score(self.table.name, target, c.id, value),
                       f"{target} {c.label.get_text(self.lang)} = {key if value else t('not_assessed', self.lang)}"):
            # Move on to the next criterion, as a note-taker goes round the table.
            self.criterion_index = min(self.criterion_index + 1, len(criteria) - 1)
            self.query_one("#criteria", DataTable).move_cursor(row=self.criterion_index)
            self.show_question()

    # ---------------------------------------------------------------- actions

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
        self.app.push_screen(TextDialog(t("help_title", self.lang), "\n".join(lines)))


class TableScreenIt(TableScreen):
    BINDINGS = bindings("it")


def table_screen(workshop: Workshop, table_id: str, lang: str) -> TableScreen:
    """The table screen with its keys described in the app's language."""
    return (TableScreenIt if lang == "it" else TableScreen)(workshop, table_id, lang)
