"""The note-taker's app. `make_app` builds it from paths and settings for the CLI, the tests and snapshots."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, TextArea

from cardengine.sessions import ActionError, StoreError, Workshop, WorkshopInfo

from .aim import aim, aimed_at, send_on
from .app_languages import is_language
from .i18n import coded_word, deck_text, english, error_text, event_kind, t, tn
from .localise import LocalCommandPalette
from .safe_text import shown
from .settings import Settings, load_settings
from .start_screens import StartScreen, TableChooser
from .sync_mark import SyncMark
from .table_screen import ACTIONS, TableScreen, table_screen

if TYPE_CHECKING:
    from cardengine.decks import Card

    from .host import NoteTakerApp


class CardEngineApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "cardengine"
    # Described in the app's language by the screens (tui/localise.py, by id). The palette's own binding is
    # declared here so that Textual does not add its English one.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", english("key_quit"), id="app.quit", priority=True),
        Binding("ctrl+p", "command_palette", english("key_palette"), id="app.palette", show=False, priority=True)]
    # After this many seconds without a key or a click, the events saved meanwhile are written from the
    # write-ahead log into the workshop file itself, so that the file alone holds them all.
    IDLE_CHECKPOINT_SECONDS = 5.0
    # How often the app looks for events another program saved to its file (another table, a second laptop
    # at this one): a check of SQLite's data version, microseconds when nothing changed.
    REFRESH_SECONDS = 1.0

    def __init__(self, settings: Settings, workshop: Workshop | None = None, table: str | None = None,
                 clock: Callable[[], datetime] = datetime.now, sync: SyncMark | None = None):
        super().__init__()
        self.sync = sync  # `--sync URL`: keeps the workshop file in step with the server's (sync_mark.py)
        self._sync_shown = ""  # the sync mark as drawn last
        self.clock = clock  # tests and snapshots pass a fixed clock
        self.settings = settings
        self.lang = settings.language
        self.workshop = workshop
        self.initial_table = table
        self._last_input = time.monotonic()
        self._since_checkpoint = False  # a key or click since the last checkpoint (only input saves events)
        self._refresh_problem: str | None = None  # the file's problem last said (said once)
        self._deck_cards: dict[str, Card] | None = None

    def on_mount(self) -> None:
        self.set_interval(min(1.0, self.IDLE_CHECKPOINT_SECONDS / 2), self._checkpoint_when_idle)
        self.set_interval(self.REFRESH_SECONDS, self.refresh_from_file)
        if self.sync is not None:
            self.sync.start()
            self.set_interval(self.REFRESH_SECONDS / 2, self._show_sync)
        self._warn_skipped()
        if self.workshop is None:
            self.push_screen(StartScreen())
        elif self.initial_table:
            try:
                self.start_table(self.workshop.table_id(self.initial_table))
            except ActionError:
                try:
                    self.workshop.add_table(self.initial_table)
                except ActionError as exc:  # e.g. its name makes the key of another table: choose one
                    self.notify(error_text(exc, self.lang), severity="error", markup=False)
                    self.push_screen(TableChooser(self.workshop))
                    return
                self.start_table(self.workshop.table_id(self.initial_table))
        else:
            self.push_screen(TableChooser(self.workshop))

    def on_unmount(self) -> None:
        if self.sync is not None:
            self.sync.stop()  # after a last push of what was just recorded, if the server is there
        if self.workshop is not None:
            self._checkpoint(final=True)
            self.workshop.close()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._last_input = time.monotonic()
            self._since_checkpoint = True
        if isinstance(event, events.Key) and not event.is_forwarded:
            aim(event, self.focused)  # where the note-taker typed it (see _on_key)
        await super().on_event(event)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.settings.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False  # the settings say so (settings.yaml: cursor_blink: false)
    async def _on_key(self, event: events.Key) -> None:
        # A key typed in a burst before the focus moved to a text field (an id right after `/`) reaches the
        # bindings from the widget that had the focus then: it goes to the field, as typing (never `e`, `n`,
        # a digit's binding), and Enter submits it.
        focused = self.focused
        if isinstance(focused, (Input, TextArea)) and aimed_at(event) is not focused:
            send_on(event, focused)
        # Otherwise App's own handler runs next (Textual calls each class's handler in turn): the bindings.

    def _checkpoint_when_idle(self) -> None:
        if self._since_checkpoint and time.monotonic() - self._last_input >= self.IDLE_CHECKPOINT_SECONDS:
            self._since_checkpoint = not self._checkpoint(final=False)  # another program was reading: again later

    def _checkpoint(self, final: bool) -> bool:
        if self.workshop is None:
            return True
        try:
            return self.workshop.checkpoint(final=final)
        except StoreError:
            return False  # every event stays safe in the write-ahead log; the next checkpoint tries again

    def refresh_from_file(self) -> None:
        """Take in what other programs saved to the file and tell every screen that shows it."""
        if self.workshop is None:
            return
        skipped = len(self.workshop.state.skipped)
        try:
            changed = self.workshop.refresh()
        except StoreError as exc:  # the disk removed, the file damaged: say it once, keep the screen as it is
            if str(exc) != self._refresh_problem:
                self._refresh_problem = str(exc)
                self.notify(error_text(exc, self.lang), severity="error", timeout=15, markup=False)
            return
        self._refresh_problem = None
        if not changed:
            return
        if len(self.workshop.state.skipped) > skipped:
            self._warn_skipped()
        for screen in self.screen_stack:
            # A screen pushed but not yet composed (a table chosen in the second before this tick) draws the
            # state as it is when it mounts; one taken down while the app quits has nothing left to redraw.
            if hasattr(screen, "workshop_changed") and screen.is_mounted:
                with contextlib.suppress(NoMatches):
                    screen.workshop_changed(changed)

    def sync_mark(self) -> str:
        """The status line's sync mark, or "" when the app does not sync."""
        return self.sync.mark(self.lang) if self.sync is not None else ""

    def _show_sync(self) -> None:
        if self.sync is None:
            return
        refusal = self.sync.refusal(self.lang)
        if refusal:
            self.notify(refusal, severity="error", timeout=15, markup=False)
        mark = self.sync_mark()
        if mark != self._sync_shown:
            self._sync_shown = mark
            for screen in self.screen_stack:
                if hasattr(screen, "show_status") and screen.is_mounted:
                    with contextlib.suppress(NoMatches):
                        screen.show_status()

    # ---------------------------------------------------------------- workshop files

    def open_workshop(self, path: Path) -> None:
        try:
            workshop = Workshop.open(path)
        except StoreError as exc:
            self.notify(error_text(exc, self.lang), severity="error", timeout=15, markup=False)
            return
        self._use(workshop, path)

    def create_workshop(self, path: Path, info: WorkshopInfo) -> None:
        from cardengine.decks import load_for_workshop  # the deck checker (jsonschema) costs start-up time

        result, criteria = (load_for_workshop(self.settings.decks, self.settings.criteria)
                            if self.settings.decks.is_dir() else (None, None))
        if result is None or not result.ok or not result.decks or criteria is None:
            self.notify(t("decks_unusable", self.lang, path=self.settings.decks), severity="error", timeout=10,
                        markup=False)
            return
        try:
            workshop = Workshop.create(path, info, result.decks, criteria)
        except (StoreError, ActionError) as exc:
            self.notify(error_text(exc, self.lang), severity="error", timeout=10, markup=False)
            return
        self._use(workshop, path)

    def _use(self, workshop: Workshop, path: Path) -> None:
        if self.workshop is not None:
            self._checkpoint(final=True)
            self.workshop.close()
        self.workshop = workshop
        self.settings.remember(path)
        self._warn_skipped()
        self.switch_screen(TableChooser(workshop))

    def _warn_skipped(self) -> None:
        """A file holding invalid events (older versions, hand edits) opens without them; say so."""
        skipped = self.workshop.state.skipped if self.workshop is not None else []
        if skipped:
            first = skipped[0]
            self.notify(tn("skipped_events", len(skipped), self.lang, kind=event_kind(first.kind, self.lang),
                           reason=error_text(first.reason, self.lang)), severity="warning", timeout=15,
                        markup=False)  # the reason quotes stored text, escaped

    def _opened(self) -> Workshop:
        """The workshop open: a table and its cards are only shown once one is."""
        if self.workshop is None:
            raise RuntimeError("no workshop is open")
        return self.workshop

    def start_table(self, table_id: str) -> None:
        screen = table_screen(self._opened(), table_id, self.lang)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # ---------------------------------------------------------------- helpers for screens

    @property
    def deck_cards(self) -> dict[str, Card]:
        """Full card texts from the decks folder (the workshop file keeps titles only); loaded once."""
        if self._deck_cards is None:
            from cardengine.decks import load_paths  # not at start-up: the file has what the table needs

            result = load_paths([self.settings.decks]) if self.settings.decks.exists() else None
            self._deck_cards = {c.id: c for d in (result.decks if result else []) for c in d.cards}
        return self._deck_cards

    def card_summary(self, target: str) -> str:
        card = self.deck_cards.get(target)
        lang = self.lang
        if card is None or not card.summary:
            return ""
        return f"{deck_text(card.summary, lang)}\n\n{deck_text(card.description, lang)}"

    def card_text(self, target: str) -> str:
        """Everything known about a card or proposal, for the full-text view."""
        state = self._opened().state
        lang = self.lang
        if target in state.cards:
            card = state.cards[target]
            deck = state.decks[card.deck]
            scale = ", ".join(coded_word("scale", s, lang) for s in card.scale)
            lines = [deck_text(card.title, lang), "", deck_text(deck.name, lang, deck.id),
                     t("card_scale", lang, scale=scale), t("card_cost", lang, cost=coded_word("cost", card.cost, lang)),
                     t("card_horizon", lang, horizon=coded_word("horizon", card.horizon, lang)),
                     t("sdgs", lang, goals=", ".join(map(str, card.sdgs)))]
            full = self.deck_cards.get(target)
            if full is not None and full.summary:
                lines += ["", deck_text(full.summary, lang), "", deck_text(full.description, lang), "",
                          t("card_actors", lang, actors=" · ".join(deck_text(a, lang) for a in full.actors))]
                for label, items in (("co_benefits", full.co_benefits), ("barriers", full.barriers),
                                     ("examples", [e.text for e in full.examples])):
                    if items:
                        lines += ["", t(label, lang)] + [f"  - {deck_text(i, lang)}" for i in items]
            return "\n".join(lines)
        for table in state.tables.values():
            if target in table.proposals:
                p = table.proposals[target]
                return shown("\n".join([p.title, "", p.description, "", " + ".join(c["card"] for c in p.cards)]))
        return target

    # ---------------------------------------------------------------- Textual's own words, in our language

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands are English (and its theme picker and keys panel are too): the palette
        offers ours instead, in the app's language: quit, maximize/minimize, and every table action."""
        lang = self.lang
        yield SystemCommand(t("key_quit", lang), t("cmd_quit_help", lang), self.action_quit)
        if screen.maximized is not None:
            yield SystemCommand(t("cmd_minimize", lang), t("cmd_minimize_help", lang), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(t("cmd_maximize", lang), t("cmd_maximize_help", lang), screen.action_maximize)
        if isinstance(screen, TableScreen):
            for key, action in ACTIONS:
                yield SystemCommand(t(f"action_{action}", lang), self.get_key_display(Binding(key, action)),
                                    getattr(screen, f"action_{action}"))


    def action_command_palette(self) -> None:
        if self.use_command_palette and not LocalCommandPalette.is_open(self):
            self.push_screen(LocalCommandPalette(self.lang))

    def action_help_quit(self) -> None:
        """ctrl+c (which people press to quit) says how to quit, in the app's language."""
        for _key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("quit_notice", self.lang, keys=self.get_key_display(active.binding)),
                            title=t("quit_title", self.lang), markup=False)
                return

    def get_key_display(self, binding: Binding) -> str:
        """Key names that are words (Textual shows "space", "slash") in the app's language or as the sign."""
        if binding.key == "space":
            return t("key_space", self.lang)
        if binding.key == "slash":
            return "/"
        return super().get_key_display(binding)


def make_app(workshop: Path | None = None, *, table: str | None = None, config_dir: Path | None = None,
             language: str | None = None, clock: Callable[[], datetime] = datetime.now,
             sync_url: str | None = None) -> CardEngineApp:
    """Build the app. Opening a workshop file here raises StoreError before anything is shown; a `sync_url`
    that is no sync URL raises cardengine.sync.ProtocolError (it needs a workshop file)."""
    settings = load_settings(config_dir, language)
    if workshop is None:
        return CardEngineApp(settings, None, table, clock)
    sync = SyncMark(workshop, sync_url) if sync_url is not None else None
    opened = Workshop.open(workshop)
    if table is not None:
        try:  # a --table that cannot be added (empty, control characters, a full disk) is refused before the app
            try:
                opened.table_id(table)
            except ActionError:
                opened.add_table(table)
        except (ActionError, StoreError):
            opened.close()
            raise
    if language is None:
        settings.language = opened.state.language if is_language(opened.state.language) else "it"
    settings.remember(workshop)
    return CardEngineApp(settings, opened, table, clock, sync)


if TYPE_CHECKING:
    _KEEPS_ITS_WORD: type[NoteTakerApp] = CardEngineApp  # mypy checks the app against what its screens may ask
