"""Small dialogs: comment, proposal, card text, domain browser, priorities, help, errors."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from .i18n import t
from .localise import Localised

COMMENT_KINDS = ("barrier", "enabler", "question", "quote")
# The words for the codes are in the catalogue (i18n); every view of comments reads them from here.
COMMENT_LABELS = {lang: {k: t(f"comment_kind_{k}", lang) for k in COMMENT_KINDS} for lang in ("it", "en")}


class FormDialog(Localised, ModalScreen):
    """A dialog with Save and Cancel: escape or Cancel closes it with None; Save calls `save`."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel"),
                Binding("ctrl+s", "save", "Save", id="form.save")]
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


class CommentDialog(FormDialog):
    def __init__(self, lang: str, about: str):
        super().__init__()
        self.lang, self.about = lang, about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{t('comment_text', self.lang)} · {self.about}", classes="dialog-title")
            yield Select([(COMMENT_LABELS[self.lang][k], k) for k in COMMENT_KINDS], value="barrier",
                         allow_blank=False, id="comment-kind")
            yield Input(placeholder=t("comment_text", self.lang), id="comment-text")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#comment-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#comment-text", Input).value.strip()
        if text:
            self.dismiss((str(self.query_one("#comment-kind", Select).value), text))


class ProposalDialog(FormDialog):
    def __init__(self, lang: str, cards: list[str]):
        super().__init__()
        self.lang, self.cards = lang, cards

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{t('proposal_cards', self.lang)}: {' + '.join(self.cards)}", classes="dialog-title")
            yield Input(placeholder=t("proposal_title", self.lang), id="proposal-title", max_length=60)
            yield TextArea(id="proposal-description")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#proposal-title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#proposal-description", TextArea).focus()

    def action_save(self) -> None:
        title = self.query_one("#proposal-title", Input).value.strip()
        if title:
            self.dismiss((title, self.query_one("#proposal-description", TextArea).text.strip()))


class TextDialog(Localised, ModalScreen[None]):
    """A card's full text, or the help screen: read, then escape."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="text.close")]

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

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="browse.cancel")]

    def __init__(self, title: str, options: list[tuple[str, object]]):
        super().__init__()
        self.title_text, self.options = title, options  # (card id or "" for a heading, text or Rich Text)

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


class PrioritiesDialog(Localised, ModalScreen[list[str] | None]):
    """Type the domains' numbers in order of priority, then Enter."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="priorities.cancel")]

    def __init__(self, lang: str, domains: list[tuple[str, str]], current: list[str]):
        super().__init__()
        self.lang, self.domains, self.current = lang, domains, current

    def compose(self) -> ComposeResult:
        lines = [f"{i + 1}. {name}" for i, (_, name) in enumerate(self.domains)]
        with Vertical(classes="dialog"):
            yield Label(t("domains", self.lang), classes="dialog-title")
            yield Static("\n".join(lines), markup=False)
            now = "".join(str(i + 1) for i, (d, _) in enumerate(self.domains) if d in self.current)
            yield Input(value=now, placeholder="1 3 2", id="priorities-order")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        order = []
        for ch in event.value:
            if ch.isdigit() and 1 <= int(ch) <= len(self.domains):
                domain = self.domains[int(ch) - 1][0]
                if domain not in order:
                    order.append(domain)
        self.dismiss(order)

    def action_cancel(self) -> None:
        self.dismiss(None)


STAKEHOLDER_TYPES = ("company", "public-authority", "utility", "association", "expert", "citizen", "other")
STAKEHOLDER_LABELS = {lang: {k: t(f"stakeholder_{k}", lang) for k in STAKEHOLDER_TYPES} for lang in ("it", "en")}


class ParticipantDialog(FormDialog):
    """A participant at this table: pseudonymous label, stakeholder type, organisation."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        labels = STAKEHOLDER_LABELS[self.lang]
        with Vertical(classes="dialog"):
            yield Label(t("participant", self.lang), classes="dialog-title")
            yield Input(placeholder=t("participant_label", self.lang), id="participant-label")
            yield Select([(labels[k], k) for k in labels], value="company", allow_blank=False, id="participant-type")
            yield Input(placeholder=t("organisation", self.lang), id="participant-organisation")
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
