"""The screens before the table: the start form (open a recent workshop or create one) and the table chooser."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from cardengine.bundled import bundled_criteria, criteria_beside
from cardengine.sessions import ActionError, Event, StoreError, Workshop, WorkshopInfo

from .app_languages import offered_languages
from .host import app_of
from .i18n import english, error_text, t
from .localise import Localised
from .safe_text import shown


class StartScreen(Localised, Screen[None]):
    """Open a recent workshop or create one. Every field has a label above it (a placeholder vanishes once
    the field is filled) and the form scrolls, so at 80x24 each one can be reached and read."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.quit", english("key_quit"), id="start.quit")]
    FIELDS = (("file", "file"), ("title", "workshop_title"), ("territory", "territory"), ("date", "date"))

    def compose(self) -> ComposeResult:
        app = app_of(self)
        lang = app.lang
        yield Header()
        with VerticalScroll(classes="form", id="start-form"):
            yield Label(t("recent", lang), classes="dialog-title")
            yield OptionList(*[Option(p, id=p) for p in app.settings.recent if Path(p).exists()] or
                             [Option("–", disabled=True)], id="recent")
            yield Label(t("create", lang), classes="dialog-title")
            for name, label in self.FIELDS:
                with Vertical(classes="field"):
                    yield Label(t(label, lang), id=f"label-{name}")
                    yield Input(placeholder=t(label, lang), id=f"new-{name}")
            with Vertical(classes="field"):
                yield Label(t("language", lang), id="label-lang")
                yield Select(offered_languages(lang, app_of(self).settings.decks), value=lang, allow_blank=False,
                             id="new-lang")
            with Vertical(classes="field"):
                yield Label(t("decks_folder", lang), id="label-decks")
                yield Input(value=str(app.settings.decks), placeholder=t("decks_folder", lang), id="new-decks")
            with Vertical(classes="field"):
                yield Label(t("criteria_file", lang), id="label-criteria")
                yield Input(value=str(app.settings.criteria), placeholder=t("criteria_file", lang),
                            id="new-criteria")
            yield Button(t("create", lang), variant="primary", id="create")
        yield Footer()

    def on_mount(self) -> None:
        recent = [p for p in app_of(self).settings.recent if Path(p).exists()]
        self.query_one("#recent" if recent else "#new-file").focus()
        self._implied_criteria = self.query_one("#new-criteria", Input).value
        self._decks_seen = self.query_one("#new-decks", Input).value

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Focus scrolls the field into view; scroll its label in too.
        parent = event.widget.parent
        if isinstance(parent, Widget) and parent.has_class("field"):
            parent.scroll_visible(animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """A decks folder with its own criteria.yaml brings it along, unless the criteria were typed."""
        if event.input.id != "new-decks" or event.value == getattr(self, "_decks_seen", event.value):
            return  # not a change the note-taker made (the form's own filling reports one too)
        self._decks_seen = event.value
        field = self.query_one("#new-criteria", Input)
        if field.value != getattr(self, "_implied_criteria", field.value):
            return  # the note-taker chose a criteria file: keep it
        own = Path(event.value.strip()).expanduser() / "criteria.yaml"
        self._implied_criteria = field.value = str(own if own.is_file() else bundled_criteria())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:  # (the "–" of no recent workshop is disabled)
            app_of(self).open_workshop(Path(event.option.id))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.create()

    def create(self) -> None:
        app = app_of(self)
        lang = app.lang
        values = {k: self.query_one(f"#new-{k}", Input).value.strip() for k, _ in self.FIELDS}
        missing = [t(label, lang) for k, label in self.FIELDS if not values[k]]
        if missing:
            self.notify(t("missing_fields", lang, fields=", ".join(missing)), severity="warning", markup=False)
            return
        lang = str(self.query_one("#new-lang", Select).value)
        app.lang = lang
        decks = self.query_one("#new-decks", Input).value.strip()
        criteria = self.query_one("#new-criteria", Input).value.strip()
        # Absolute, so that the settings mean the same folders wherever the app is started next time.
        app.settings.decks = Path(decks).expanduser().resolve() if decks else app.settings.decks
        app.settings.criteria = (Path(criteria).expanduser().resolve() if criteria else
                                 criteria_beside(app.settings.decks, None))
        app.create_workshop(Path(values["file"]), WorkshopInfo(values["title"], values["territory"], values["date"],
                                                               language=lang))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id in ("new-date", "new-criteria"):
            self.create()  # Enter on the date (or the last field) creates the workshop
        else:
            self.focus_next()


class TableChooser(Localised, Screen[None]):
    """Which table of `workshop` does this laptop record?"""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.quit", english("key_quit"), id="tables.quit")]

    def __init__(self, workshop: Workshop):
        super().__init__()
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        lang = app_of(self).lang
        workshop = self.workshop
        yield Header()
        with Vertical(classes="form"):
            yield Label(t("choose_table", lang), classes="dialog-title")
            tables = workshop.state.tables.values()
            yield OptionList(*[Option(shown(f"{tb.name}  {tb.area}"), id=tb.id) for tb in tables]
                             or [Option("–", disabled=True)], id="tables", markup=False)  # names as typed
            yield Label(t("table_name", lang))
            yield Input(placeholder=t("new_table", lang), id="new-table")
        yield Footer()

    def on_mount(self) -> None:
        self.title = shown(f"{self.workshop.state.title} · {self.workshop.state.territory}")
        target = "#tables" if self.workshop.state.tables else "#new-table"
        self.query_one(target).focus()

    def workshop_changed(self, events: list[Event]) -> None:
        """Tables another app added (or renamed) since this list was drawn are listed too, at once."""
        listing = self.query_one("#tables", OptionList)
        tables = [(tb.id, f"{tb.name}  {tb.area}") for tb in self.workshop.state.tables.values()]
        shown = [listing.get_option_at_index(i) for i in range(listing.option_count)]
        if [(o.id, str(o.prompt)) for o in shown] == tables:
            return
        keep = listing.highlighted_option.id if listing.highlighted_option is not None else None
        listing.clear_options()
        listing.add_options([Option(label, id=key) for key, label in tables])
        ids = [key for key, _ in tables]
        listing.highlighted = ids.index(keep) if keep in ids else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:  # (the "–" of no tables yet is disabled)
            app_of(self).start_table(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:
            return
        try:
            table_id = self.workshop.add_table(name)
        except (ActionError, StoreError) as exc:
            self.notify(error_text(exc, app_of(self).lang), severity="error", markup=False)
            return
        app_of(self).start_table(table_id)
