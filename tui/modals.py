"""Small dialogs: comment, proposal, card text, domain browser, priorities, help, errors."""

from __future__ import annotations

from typing import ClassVar, Literal, NotRequired, TypedDict, TypeVar

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from .i18n import Labels, english, t
from .localise import Localised

COMMENT_KINDS = ("barrier", "enabler", "question", "quote")
# The words for the codes are in the catalogue (i18n), in any language; every view of comments reads them here.
COMMENT_LABELS = Labels("comment_kind_", COMMENT_KINDS)


class CommentForm(TypedDict):
    """A comment's fields as its dialog gives them back, and takes them (a comment edited, a draft refused)."""

    kind: str
    text: str
    by: str | None  # a participant's id
    about: NotRequired[str | None]  # a new comment's card or proposal; None: the whole table


COMMENT_FIELDS: tuple[Literal["kind", "text", "by"], ...] = ("kind", "text", "by")  # what an edit may change


class ProposalForm(TypedDict):
    """A proposal's fields as its dialog gives them back, and takes them."""

    title: str
    description: str
    lead_actors: list[str]
    where: str


ParticipantForm = tuple[str, str, str]  # (label, stakeholder type, organisation)
Result = TypeVar("Result")


class FormDialog(Localised, ModalScreen[Result]):
    """A dialog with Save and Cancel: escape or Cancel closes it with None; Save calls `save`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", english("cancel"), id="form.cancel"),
                                             Binding("ctrl+s", "save", english("save"), id="form.save")]
    lang = "it"

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(t("save", self.lang), variant="primary", id="save")
            yield Button(t("cancel", self.lang), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class CommentDialog(FormDialog[CommentForm]):
    """A new comment, or the edit of one (`initial`): kind, text, who said it and, for a new one, what it is
    about (the selected card or proposal, or the whole table). Dismisses with a dict of those, or None."""

    AUTO_FOCUS = "#comment-text"  # at once: text typed right after the key that opened it lands here

    def __init__(self, lang: str, about: str | None, participants: list[tuple[str, str]], *,
                 whole_table: bool = False, initial: CommentForm | None = None, editing: bool = False):
        super().__init__()
        self.lang, self.about, self.participants = lang, about, participants  # participants: (id, label)
        # `initial`: the fields' values (the comment edited, or a draft the engine refused, offered again)
        self.whole_table, self.initial, self.editing = whole_table or about is None, initial, editing

    def compose(self) -> ComposeResult:
        lang, initial = self.lang, self.initial or CommentForm(kind="barrier", text="", by=None)
        title = f"{t('comment_edit', lang)} · {self.about or t('whole_table', lang)}" if self.editing \
            else t("comment_text", lang)
        with Vertical(classes="dialog comment"):
            yield Label(title, classes="dialog-title")
            if not self.editing:
                about = [(t("comment_on_value", lang, about=t("whole_table", lang)), "")]
                if self.about:
                    about.insert(0, (t("comment_on_value", lang, about=self.about), self.about))
                yield Select(about, value="" if self.whole_table else self.about, allow_blank=False,
                             id="comment-about", compact=True)
            yield Select([(t("comment_kind_value", lang, kind=COMMENT_LABELS[lang][k]), k) for k in COMMENT_KINDS],
                         value=initial.get("kind", "barrier"),
                         allow_blank=False, id="comment-kind", compact=True)
            people = [(t("comment_by_value", lang, who=t("nobody", lang)), "")] + \
                [(RichText(t("comment_by_value", lang, who=label)), key)  # a typed name: not markup
                 for key, label in self.participants]
            by = initial.get("by") or ""
            yield Select(people, value=by if any(key == by for _, key in people) else "", allow_blank=False,
                         id="comment-by", compact=True)
            # A saved text is not selected on focus: a key typed to add to it must not replace it all.
            yield Input(value=initial.get("text", ""), placeholder=t("comment_text", lang), id="comment-text",
                        select_on_focus=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#comment-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#comment-text", Input).value.strip()
        if not text:
            self.notify(t("comment_empty", self.lang), severity="warning")
            return
        about = None if self.editing else self.query_one("#comment-about", Select).value
        self.dismiss({"kind": str(self.query_one("#comment-kind", Select).value), "text": text,
                      "about": str(about) if about else None,
                      "by": str(self.query_one("#comment-by", Select).value) or None})


class ProposalDialog(FormDialog[ProposalForm]):
    """A new proposal of `cards`, or the edit of one (`initial`): title, description, lead actors (one a
    line: a name may hold a comma) and place. Dismisses with a dict of the four, or None."""

    AUTO_FOCUS = "#proposal-title"  # at once: text typed right after the key that opened it lands here

    def __init__(self, lang: str, cards: list[str], initial: ProposalForm | None = None):
        super().__init__()
        self.lang, self.cards, self.initial = lang, cards, initial

    def compose(self) -> ComposeResult:
        lang, initial = self.lang, self.initial or ProposalForm(title="", description="", lead_actors=[], where="")
        with Vertical(classes="dialog proposal"):
            yield Label(t("proposal_cards_value", lang, cards=" + ".join(self.cards)), classes="dialog-title")
            yield Label(t("proposal_title", lang))
            yield Input(value=initial.get("title", ""), id="proposal-title",  # a saved title is never cut:
                        max_length=max(60, len(initial.get("title", ""))), compact=True, select_on_focus=False)
            yield Label(t("proposal_description", lang))
            yield TextArea(initial.get("description", ""), id="proposal-description", compact=True)
            yield Label(t("proposal_lead", lang))
            yield TextArea("\n".join(initial.get("lead_actors", [])), id="proposal-lead", compact=True)
            yield Label(t("proposal_where", lang))
            yield Input(value=initial.get("where", ""), id="proposal-where", compact=True, select_on_focus=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        for area in self.query(TextArea):  # what is typed into a saved text goes after it, as in the inputs
            area.move_cursor(area.document.end)
        self.query_one("#proposal-title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "proposal-where":
            self.action_save()
        else:
            self.query_one("#proposal-description", TextArea).focus()

    def action_save(self) -> None:
        title = self.query_one("#proposal-title", Input).value.strip()
        if not title:
            self.notify(t("proposal_untitled", self.lang), severity="warning")
            return
        lead = self.query_one("#proposal-lead", TextArea).text.splitlines()
        self.dismiss({"title": title, "description": self.query_one("#proposal-description", TextArea).text.strip(),
                      "lead_actors": [a.strip() for a in lead if a.strip()],
                      "where": self.query_one("#proposal-where", Input).value.strip()})


class TextDialog(Localised, ModalScreen[None]):
    """A card's full text, or the help screen: read, then escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "close", english("key_close"), id="text.close")]

    def __init__(self, title: str, body: str):
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll():
                yield Static(self.body, markup=False, id="dialog-body")

    def action_close(self) -> None:
        self.dismiss(None)


class BrowseDialog(Localised, ModalScreen[str | None]):
    """Cards by domain, in the domain colours; Enter picks one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", english("cancel"), id="browse.cancel")]

    def __init__(self, title: str, options: list[tuple[str, RichText]]):
        super().__init__()
        self.title_text, self.options = title, options  # (card id or "" for a heading, its line)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*[Option(text, id=card) if card else Option(text, disabled=True)
                               for card, text in self.options], id="browse-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OrderList(OptionList):
    """Items by name in an order the note-taker changes: shift+up/down (or + and -) move the highlighted item,
    space includes it or leaves it out. Included items come first, numbered; the rest follow, marked."""

    # (toggle_item: DOMNode's own action_toggle flips an attribute)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up,plus", "move(-1)", english("order_up"), id="order.up"),
        Binding("shift+down,minus", "move(1)", english("order_down"), id="order.down"),
        Binding("space", "toggle_item", english("order_toggle"), id="order.toggle")]

    def __init__(self, items: list[tuple[str, str]], chosen: list[str], lang: str, *, id: str | None = None):
        super().__init__(id=id)
        names = dict(items)
        self.lang = lang
        self.chosen = [key for key in chosen if key in names]  # in their order
        self.items = self.chosen + [key for key, _ in items if key not in self.chosen]
        self.names = names

    def on_mount(self) -> None:
        self._draw(0)

    def _draw(self, highlight: int) -> None:
        self.set_options([Option(RichText(f"{i + 1}. {self.names[key]}" if key in self.chosen else  # not markup
                                          f"   {self.names[key]}  {t('priorities_not_in', self.lang)}"))
                          for i, key in enumerate(self.items)])
        if self.items:
            self.highlighted = min(max(highlight, 0), len(self.items) - 1)

    def result(self) -> list[str]:
        return [key for key in self.items if key in self.chosen]

    def action_move(self, step: int) -> None:
        i = self.highlighted
        if i is None or not 0 <= i + step < len(self.items):
            return
        j = i + step
        if (self.items[i] in self.chosen) != (self.items[j] in self.chosen):
            return  # an item keeps to its group: the priorities first, then the rest
        self.items[i], self.items[j] = self.items[j], self.items[i]
        self.chosen = [key for key in self.items if key in self.chosen]
        self._draw(j)

    def action_toggle_item(self) -> None:
        i = self.highlighted
        if i is None or not self.items:
            return
        key = self.items[i]
        if key in self.chosen:
            self.chosen.remove(key)  # left out: first among the rest
            rest = [key] + [k for k in self.items if k not in self.chosen and k != key]
        else:
            self.chosen.append(key)  # included: last of the priorities
            rest = [k for k in self.items if k not in self.chosen]
        self.items = self.chosen + rest
        self._draw(self.items.index(key))


class PrioritiesDialog(FormDialog[tuple[list[str], list[str]]]):
    """The table's priorities by name in their current order: domains, then priority cards (added with ! on
    the table). Enter or ctrl+s saves what is shown; unchanged, it saves the same order."""

    DEFAULT_CSS = """
    PrioritiesDialog > .dialog { overflow-y: auto; }
    PrioritiesDialog OrderList { height: auto; max-height: 8; border: none; border-left: blank; padding: 0; }
    PrioritiesDialog OrderList:focus { border: none; border-left: thick $accent; }
    PrioritiesDialog .help { color: $text-muted; }
    """

    def __init__(self, lang: str, domains: list[tuple[str, str]], current: list[str],
                 cards: list[tuple[str, str]] | None = None):
        super().__init__()
        self.lang, self.domains, self.current, self.cards = lang, domains, current, cards or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("priorities_title", self.lang), classes="dialog-title")
            yield Static(t("priorities_help", self.lang), classes="help", markup=False)
            yield Label(t("domains", self.lang))
            yield OrderList(self.domains, self.current, self.lang, id="priorities-domains")
            if self.cards:
                yield Label(t("priority_cards", self.lang).capitalize())
                yield OrderList(self.cards, [card for card, _ in self.cards], self.lang, id="priorities-cards")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#priorities-domains", OrderList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_save()  # Enter saves the order shown

    def action_save(self) -> None:
        cards = self.query("#priorities-cards")
        self.dismiss((self.query_one("#priorities-domains", OrderList).result(),
                      cards.first(OrderList).result() if cards else []))


STAKEHOLDER_TYPES = ("company", "public-authority", "utility", "association", "expert", "citizen", "other")
STAKEHOLDER_LABELS = Labels("stakeholder_", STAKEHOLDER_TYPES)


class ParticipantDialog(FormDialog[ParticipantForm]):
    """A participant at this table: pseudonymous label, stakeholder type, organisation."""

    AUTO_FOCUS = "#participant-label"  # at once: text typed right after the key that opened it lands here

    def __init__(self, lang: str, initial: ParticipantForm | None = None):
        super().__init__()
        self.lang = lang
        self.initial = initial  # (label, type, organisation) the engine refused: offered again, never lost

    def compose(self) -> ComposeResult:
        labels = STAKEHOLDER_LABELS[self.lang]
        label, kind, organisation = self.initial or ("", "company", "")
        with Vertical(classes="dialog"):
            yield Label(t("participant", self.lang), classes="dialog-title")
            yield Input(value=label, placeholder=t("participant_label", self.lang), id="participant-label",
                        select_on_focus=False)
            yield Select([(labels[k], k) for k in labels], value=kind if kind in labels else "company",
                         allow_blank=False, id="participant-type")
            yield Input(value=organisation, placeholder=t("organisation", self.lang), id="participant-organisation",
                        select_on_focus=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#participant-label", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()  # Enter saves at once; Tab reaches the type and organisation first

    def action_save(self) -> None:
        label = self.query_one("#participant-label", Input).value.strip()
        if label:
            self.dismiss((label, str(self.query_one("#participant-type", Select).value),
                          self.query_one("#participant-organisation", Input).value.strip()))
