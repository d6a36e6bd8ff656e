"""The table's memory on screen: its comments, its participants and its details (macro-area, note-taker).

The views read the workshop's state each time they are drawn and change nothing themselves: editing and
adding go through the table screen (`host`), which records the action and then asks the view to redraw.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar, TypeVar

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cardengine.sessions import Comment, Event, Participant, TableState, WorkshopState

from .host import TableHost
from .i18n import binding_text, t
from .modals import COMMENT_LABELS, STAKEHOLDER_LABELS, FormDialog
from .safe_text import shown

V = TypeVar("V", bound=ModalScreen[None])


def participant_label(state: WorkshopState, key: str | None) -> str:
    """A participant's label; an author an older version saved unchecked is shown as it was stored."""
    if not key:
        return ""
    return state.participants[key].label if key in state.participants else key


def comment_lines(table: TableState, about: str | None) -> list[tuple[int, Comment]]:
    """The table's comments, numbered as `session comments` numbers them (1 = oldest); only those on `about`
    (a card or proposal) unless it is None."""
    numbered = list(enumerate(table.comments, 1))
    if about is None:
        return numbered
    return [(n, c) for n, c in numbered if (c.card or c.proposal) == about]


def comment_prompt(state: WorkshopState, n: int, c: Comment, lang: str) -> RichText:
    kind = COMMENT_LABELS[lang].get(c.kind, c.kind)
    head: list[str | tuple[str, str]] = [f"{n}. ", (kind, "bold"), " · ",
                                         shown(c.card or c.proposal or t("whole_table", lang))]
    if c.by:
        head += [" · ", (shown(participant_label(state, c.by)), "italic")]
    return RichText.assemble(*head, "\n", shown(c.text))


def keys(lang: str, prefix: str, rows: tuple[tuple[str, str], ...]) -> list[BindingType]:
    """A view's key bindings (key, action) described in `lang` by the catalogue's word for their id
    (i18n.BINDING_TEXT)."""
    return [Binding(key, action, binding_text(f"{prefix}.{action}", lang) or action, id=f"{prefix}.{action}")
            for key, action in rows]


# (card_or_table: DOMNode's own action_toggle flips an attribute)
COMMENTS_KEYS = (("escape", "close"), ("t", "card_or_table"), ("c", "new"))
PARTICIPANTS_KEYS = (("escape", "close"), ("a", "add"), ("e", "details"))


class CommentsView(ModalScreen[None]):
    """The comments on the selected card or proposal, or all the table's; Enter edits one, c adds one."""

    BINDINGS: ClassVar[list[BindingType]] = keys("en", "comments", COMMENTS_KEYS)

    def __init__(self, host: TableHost, target: str | None):
        super().__init__()
        self.host, self.target, self.lang = host, target, host.lang
        self.about: str | None = target  # None: the whole table's comments

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("", classes="dialog-title", id="comments-title", markup=False)
            yield OptionList(id="comments-list", markup=False)  # stored text is shown as typed
            yield Static(t("comments_keys", self.lang), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.redraw()
        self.query_one(OptionList).focus()

    def redraw(self) -> None:
        state, table = self.host.workshop.state, self.host.table
        lines = comment_lines(table, self.about)
        self.query_one("#comments-title", Label).update(
            f"{t('comments', self.lang)} · {self.about or t('whole_table', self.lang)} ({len(lines)})")
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(comment_prompt(state, n, c, self.lang), id=c.event) for n, c in lines]
                            or [Option(t("no_comments", self.lang), disabled=True)])
        if lines:
            listing.highlighted = min(keep or 0, len(lines) - 1)

    def workshop_changed(self, events: list[Event]) -> None:
        self.redraw()  # what another program saved is shown at once, as on the table screen

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:  # (the line of no comments is disabled)
            self.host.edit_comment(event.option.id, after=self.redraw)

    def action_card_or_table(self) -> None:
        self.about = None if self.about is not None else self.target
        self.redraw()

    def action_new(self) -> None:
        self.host.open_comment_dialog(self.about, whole_table=self.about is None, after=self.redraw)

    def action_close(self) -> None:
        self.dismiss(None)


def participant_prompt(p: Participant, lang: str) -> str:
    kind = STAKEHOLDER_LABELS[lang].get(p.stakeholder_type, p.stakeholder_type)
    return " · ".join(shown(part) for part in (p.label, kind, p.organisation) if part)


class ParticipantsView(ModalScreen[None]):
    """The table's details and its participants (label, stakeholder type, organisation)."""

    BINDINGS: ClassVar[list[BindingType]] = keys("en", "participants", PARTICIPANTS_KEYS)

    def __init__(self, host: TableHost):
        super().__init__()
        self.host, self.lang = host, host.lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("", classes="dialog-title", id="participants-title", markup=False)
            yield Static("", id="table-details", markup=False)
            yield OptionList(id="participants-list", markup=False)
            yield Static(t("participants_keys", self.lang), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.redraw()
        self.query_one(OptionList).focus()

    def redraw(self) -> None:
        state, table, lang = self.host.workshop.state, self.host.table, self.lang
        here = [p for p in state.participants.values() if p.table == table.id]
        elsewhere = [p for p in state.participants.values() if p.table is None]
        self.query_one("#participants-title", Label).update(
            f"{t('table', lang)} {shown(table.name)} · {t('participants', lang)} ({len(here)})")
        self.query_one("#table-details", Static).update(
            t("area_value", lang, area=shown(table.area) or t("none_given", lang)) + "\n"
            + t("note_taker_value", lang, name=shown(table.note_taker) or t("none_given_m", lang)))
        options = [Option(participant_prompt(p, lang), id=p.id) for p in here] or \
            [Option(t("no_participants", lang), disabled=True)]
        if elsewhere:
            options.append(Option(RichText(f"── {t('without_table', lang)} ──", style="bold"), disabled=True))
            options += [Option(participant_prompt(p, lang), id=p.id) for p in elsewhere]
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)

    def workshop_changed(self, events: list[Event]) -> None:
        self.redraw()  # what another program saved is shown at once, as on the table screen

    def action_add(self) -> None:
        self.host.add_participant(after=self.redraw)

    def action_details(self) -> None:
        self.host.action_table_details(after=self.redraw)

    def action_close(self) -> None:
        self.dismiss(None)


@cache
def in_language(view: type[V], prefix: str, rows: tuple[tuple[str, str], ...], lang: str) -> type[V]:
    """The view with its keys described in `lang`, whichever it is: a subclass made once per language."""
    return type(view.__name__, (view,), {"BINDINGS": keys(lang, prefix, rows)})


def comments_view(host: TableHost, target: str | None) -> CommentsView:
    return in_language(CommentsView, "comments", COMMENTS_KEYS, host.lang)(host, target)


def participants_view(host: TableHost) -> ParticipantsView:
    return in_language(ParticipantsView, "participants", PARTICIPANTS_KEYS, host.lang)(host)


class TableDetailsDialog(FormDialog[tuple[str, str]]):
    """The table's macro-area and note-taker. Dismisses with (area, note_taker), or None."""

    AUTO_FOCUS = "#table-area"  # at once: text typed right after the key that opened it lands here

    def __init__(self, lang: str, table: TableState):
        super().__init__()
        self.lang, self.table = lang, table

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{t('table', self.lang)} {self.table.name}", classes="dialog-title", markup=False)
            yield Label(t("area", self.lang))
            yield Input(value=self.table.area, id="table-area", compact=True, select_on_focus=False)
            yield Label(t("note_taker", self.lang))
            yield Input(value=self.table.note_taker, id="table-note-taker", compact=True, select_on_focus=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#table-area", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "table-note-taker":
            self.action_save()
        else:
            self.query_one("#table-note-taker", Input).focus()

    def action_save(self) -> None:
        self.dismiss((self.query_one("#table-area", Input).value.strip(),
                      self.query_one("#table-note-taker", Input).value.strip()))
