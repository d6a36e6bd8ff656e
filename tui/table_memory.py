"""The table screen's memory actions: comments (on a card, a proposal or the whole table, and their edits),
participants, who is scoring, proposal edits and the table's details. Every change is one engine action,
so it is saved at once and undone with ctrl+z like the others."""

from __future__ import annotations

from textual.widgets import DataTable

from .host import Then
from .i18n import t
from .modals import (
    COMMENT_FIELDS,
    COMMENT_LABELS,
    CommentDialog,
    CommentForm,
    ParticipantDialog,
    ParticipantForm,
    ProposalDialog,
    ProposalForm,
)
from .safe_text import shown
from .table_base import TableScreenBase
from .views import TableDetailsDialog, comments_view, participant_label, participants_view


class MemoryMixin(TableScreenBase):
    """Comments, participants, who is scoring, proposal edits and the table's details."""

    def participant_choices(self) -> list[tuple[str, str]]:
        """(id, label) of this table's participants, then of those who sit at no table."""
        people = self.workshop.state.participants.values()
        return [(p.id, shown(p.label)) for p in people if p.table == self.table_id] + \
            [(p.id, shown(p.label)) for p in people if p.table is None]

    def refresh_subtitle(self) -> None:
        if self.scoring_by and self.scoring_by not in self.workshop.state.participants:
            self.scoring_by = None  # their addition was undone: back to the consensus, and the header says so
        # Who is scoring is shown twice: in the header, and on the criteria panel where the digits go (the
        # header is cut first on a narrow terminal). The table's area and note-taker are in its view (g).
        scoring = self.scoring_text()
        self.sub_title = shown(" · ".join(part for part in (f"{t('table', self.lang)} {self.table.name}", scoring)
                                          if part))
        crit = self.query_one("#criteria", DataTable)
        if scoring != self._scoring_shown and crit.columns:
            # The criteria panel's title holds who is scoring and the card's score (refresh_detail writes it):
            # written here, it wiped the score after every action.
            self._scoring_shown, self._score_shown = scoring, None
            self.refresh_detail()

    def scoring_text(self) -> str:
        """"valuta: Azienda A" while the digits score for a participant; "" for the table's consensus."""
        who = participant_label(self.workshop.state, self.scoring_by)
        return t("scoring_as_value", self.lang, who=shown(who)) if who else ""

    def own_values(self, target: str) -> dict[str, float | None]:
        """The values the participant scoring (`scoring_by`) gave `target`, criterion by criterion."""
        scores, by = self.table.scores, self.scoring_by  # (None, the consensus, has no values of its own here)
        return {c.id: scores.get((target, c.id, by)) if by is not None else None for c in self.criteria.criteria}

    def _then(self, after: Then) -> None:
        self.refresh_subtitle()
        if after is not None:
            after()

    # ---------------------------------------------------------------- comments

    def open_comment_dialog(self, about: str | None, *, whole_table: bool = False, after: Then = None,
                            draft: CommentForm | None = None) -> None:
        def done(result: CommentForm | None) -> None:
            if result:
                on = result.get("about")
                label = COMMENT_LABELS[self.lang].get(result["kind"], result["kind"])
                if self.record(lambda: self.workshop.comment(self.table.name, result["kind"], result["text"],
                                                             card=on, by=result["by"]),
                               t("comment_saved", self.lang, kind=label, about=on or t("whole_table", self.lang))):
                    self._then(after)
                else:  # refused (the notice says why) or not saved: what was typed comes back, never lost
                    self.open_comment_dialog(about, whole_table=on is None, after=after, draft=result)

        self.app.push_screen(CommentDialog(self.lang, about, self.participant_choices(), whole_table=whole_table,
                                           initial=draft), done)

    def action_comment_table(self) -> None:
        self.open_comment_dialog(self.selected_target(), whole_table=True)

    def action_comments(self) -> None:
        self.app.push_screen(comments_view(self, self.selected_target()))

    def edit_comment(self, event_id: str, after: Then = None) -> None:
        numbered = {c.event: (n, c) for n, c in enumerate(self.table.comments, 1)}
        if event_id not in numbered:
            return
        n, comment = numbered[event_id]

        def done(result: CommentForm | None) -> None:
            if not result:
                return
            changed = {key: result[key] or "" for key in COMMENT_FIELDS
                       if (result[key] or "") != (getattr(comment, key) or "")}
            if not changed:
                self.notify(t("unchanged", self.lang), timeout=3)
                return
            if self.record(lambda: self.workshop.edit_comment(self.table.name, event_id, **changed),
                           t("comment_edited", self.lang, n=str(n))):
                self._then(after)
            else:
                ask(result)

        def ask(values: CommentForm) -> None:
            self.app.push_screen(CommentDialog(self.lang, comment.card or comment.proposal,
                                               self.participant_choices(), initial=values, editing=True), done)

        ask({"kind": comment.kind, "text": comment.text, "by": comment.by})

    # ---------------------------------------------------------------- participants and the table

    def add_participant(self, after: Then = None, draft: ParticipantForm | None = None) -> None:
        def done(result: ParticipantForm | None) -> None:
            if result:
                label, kind, organisation = result
                if self.record(lambda: self.workshop.add_participant(label, kind, organisation=organisation,
                                                                     table=self.table.name),
                               t("participant_saved", self.lang, label=label)):
                    self._then(after)
                else:  # refused (the notice says why) or not saved: the dialog comes back with what was typed
                    self.add_participant(after, draft=result)

        self.app.push_screen(ParticipantDialog(self.lang, initial=draft), done)

    def action_participants(self) -> None:
        self.app.push_screen(participants_view(self))

    def action_table_details(self, after: Then = None) -> None:
        table = self.table

        def done(result: tuple[str, str] | None) -> None:
            if not result:
                return
            changed = {key: value for key, value in zip(("area", "note_taker"), result, strict=False)
                       if value != getattr(table, key)}
            if not changed:
                self.notify(t("unchanged", self.lang), timeout=3)
                return
            if self.record(lambda: self.workshop.update_table(self.table.name, **changed),
                           t("table_saved", self.lang)):
                self._then(after)

        self.app.push_screen(TableDetailsDialog(self.lang, table), done)

    def action_scoring_by(self) -> None:
        """Consensus, then each participant of the table in turn, then the consensus again."""
        order = [None] + [key for key, _ in self.participant_choices()]
        now = order.index(self.scoring_by) if self.scoring_by in order else 0
        self.scoring_by = order[(now + 1) % len(order)]
        self.refresh_subtitle()
        self.refresh_detail()  # the values beside the criteria are now theirs (or the table's)
        who = participant_label(self.workshop.state, self.scoring_by) or t("consensus", self.lang)
        self.set_status(t("scoring_as_now", self.lang, who=who))

    # ---------------------------------------------------------------- proposals

    def action_edit_proposal(self) -> None:
        ref = self.selected_target()
        proposal = self.table.proposals.get(ref or "")
        if proposal is None:
            self.notify(t("choose_proposal", self.lang), severity="warning", timeout=4)
            return
        before = ProposalForm(title=proposal.title, description=proposal.description,
                              lead_actors=list(proposal.lead_actors), where=proposal.where)

        def done(result: ProposalForm | None) -> None:
            if not result:
                return
            changed = {key: value for key, value in result.items() if value != before.get(key)}
            if not changed:
                self.notify(t("unchanged", self.lang), timeout=3)
                return
            if self.record(lambda: self.workshop.update_proposal(self.table.name, proposal.id, **changed),
                           t("proposal_edited", self.lang, ref=proposal.id)):
                grid = self.query_one("#picks", DataTable)
                grid.move_cursor(row=grid.get_row_index(proposal.id))
            else:
                ask(result)

        def ask(values: ProposalForm) -> None:
            self.app.push_screen(ProposalDialog(self.lang, [c["card"] for c in proposal.cards], initial=values),
                                 done)

        ask(before)
