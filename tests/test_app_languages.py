"""The app speaks any language (issue 14): French from its catalogue, English for a language without one
(German here), Italian as before; the settings, a workshop's language and the start screen accept any language
code, and the start screen offers the languages the decks declare."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from rich.console import Console
from textual.widgets import DataTable, Input, Select, Static

from cardengine.sessions.workshop import Workshop
from cardengine_tui.app import make_app
from cardengine_tui.app_languages import deck_languages, is_language, offered_languages
from cardengine_tui.i18n import CATALOGUE_ENTRIES, deck_text, t, tn, word
from cardengine_tui.panel_text import plural
from cardengine_tui.settings import load_settings
from cardengine_tui.table_screen import TableScreen

from .conftest import DECKS
from .tui_support import FIXED, app_config, enter_id, new_workshop

# English words of the table screen that French shows in French (and German, without a catalogue, in English).
ENGLISH = ["Saved", "actions", "Undo", "Comment", "Proposal", "Keys", "Feasibility", "Picks", "Search"]


def screen_text(app) -> str:
    """The text of the screen as drawn (modal over its background, notices included)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def words_in(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]



async def test_the_app_in_french_shows_french_words_on_the_table_screen(tmp_path):
    path = new_workshop(tmp_path, "fr")
    app = make_app(path, table="Nord", config_dir=app_config(tmp_path, "fr"), clock=lambda: FIXED)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TableScreen) and app.lang == "fr"  # the workshop's language
        await enter_id(app, pilot, "EN-01")
        app.screen.query_one("#picks", DataTable).focus()  # the footer shows the table's keys
        await pilot.pause()
        table = screen_text(app)
        status = str(app.screen.query_one("#status", Static).render())
        footer = {b.binding.id: b.binding.description for b in app.screen.active_bindings.values()}
        await pilot.press("f1")
        await pilot.pause()
        help_text = str(app.screen.query_one("#dialog-body", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("space")
        await pilot.pause()
        marked = screen_text(app)
    assert status.startswith("✔ Enregistré 10:30:00 · ") and "actions" in status and "EN-01 choisie" in status
    for french in ("Enregistré", "Annuler", "Commentaire", "Proposition", "Touches", "Faisabilité", "1 choix"):
        assert french in table, french
    assert not words_in(table, [w for w in ENGLISH if w != "actions"]), words_in(table, ENGLISH)
    assert footer["table.undo"] == "Annuler" and footer["app.quit"] == "Quitter"
    assert "Annuler" in help_text and "Rechercher / taper un code" in help_text and "palette de commandes" in help_text
    assert tn("marked", 1, "fr") in marked
    with Workshop.open(path) as w:
        assert list(w.state.tables[w.table_id("Nord")].picks) == ["EN-01"]


async def test_a_language_without_a_catalogue_shows_english_and_works(tmp_path):
    path = new_workshop(tmp_path, "de")
    app = make_app(path, table="Nord", config_dir=app_config(tmp_path, "de"), clock=lambda: FIXED)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TableScreen) and app.lang == "de"
        await enter_id(app, pilot, "EN-01")
        await pilot.press("ctrl+z")  # undo, and a refusal (nothing left to undo), both in English
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        status = str(app.screen.query_one("#status", Static).render())
        for key in ("f1", "c", "a", "d", "o"):  # help, comment, participant, browse, priorities: open and close
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not None
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = screen_text(app)
        await pilot.press("escape")
    assert status.startswith("✔ Saved 10:30:00 · ") and status.endswith("Undone: EN-01 picked")
    assert "Nothing to undo at this table" in text and "No cards yet" in text and "Feasibility" in text
    assert "Undo" in text and "Keys" in text
    assert word("palette_placeholder", "de") in palette
    # The decks' own words (titles, criteria) in English too, since the decks do not speak German.
    with Workshop.open(path) as w:
        assert deck_text(w.state.cards["EN-01"].title, "de") == w.state.cards["EN-01"].title["en"]


async def test_the_start_screen_offers_french_and_makes_a_french_workshop(tmp_path):
    config = app_config(tmp_path, "it")
    app = make_app(config_dir=config, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for field, value in (("new-file", str(tmp_path / "w.db")), ("new-title", "Atelier"),
                             ("new-territory", "Lyon"), ("new-date", "2021-07-27")):
            screen.query_one(f"#{field}", Input).value = value
        screen.query_one("#new-lang", Select).value = "fr"
        screen.query_one("#new-date", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        chooser = screen_text(app)
        app.screen.query_one("#new-table", Input).value = "Nord"
        app.screen.query_one("#new-table", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        table = screen_text(app)
    assert t("choose_table", "fr") in chooser and "Quitter" in chooser
    assert "Enregistré" in table and "Touches" in table
    with Workshop.open(tmp_path / "w.db") as w:
        assert w.state.language == "fr"


def test_the_languages_offered_are_italian_english_the_catalogues_and_the_decks(tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "water.yaml").write_text("id: water\nlanguages:\n  - it\n  - es\ncards:\n  - id: WA-01\n",
                                      encoding="utf-8")
    (decks / "broken.yaml").write_text("id: [\n", encoding="utf-8")  # unreadable: declares nothing
    assert deck_languages(decks) == ["it", "es"]
    assert deck_languages(DECKS) == ["it", "en"]
    offered = offered_languages("it", decks)
    assert offered[:2] == [("Italiano", "it"), ("English", "en")]
    assert ("Français", "fr") in offered and ("Español", "es") in offered
    assert ("pt-BR", "pt-BR") in offered_languages("pt-BR", tmp_path / "none")  # the current one, by its code


@pytest.mark.parametrize(("stored", "given", "expected"), [
    ("fr", None, "fr"), ("de", None, "de"), ("en", "fr", "fr"), ("../../etc", None, "it"), (3, None, "it"),
    ("it", "x/y", "it"), ("sr-Latn", None, "sr-Latn"),
    ("fr_FR", None, "it")])  # the command line's rule (BCP 47): a locale's fr_FR is not a language code
def test_the_settings_accept_any_language_code_and_nothing_else(tmp_path, stored, given, expected):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(yaml.safe_dump({"language": stored}), encoding="utf-8")
    assert load_settings(config, given).language == expected
    assert is_language(expected)


def test_every_word_is_in_french_with_the_same_placeholders_and_number_agrees_by_the_language_rule():
    from string import Formatter

    def names(text: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(text) if name}

    for key, english in CATALOGUE_ENTRIES.items():
        assert names(word(key, "fr")) == names(english), key
        assert word(key, "de") == english  # no German catalogue: English
    assert word("saved", "fr") == "Enregistré" and word("saved", "it") == "Salvato"
    assert tn("marked", 0, "fr") == "0 carte marquée pour la proposition"  # French: one form for 0 and 1
    assert tn("marked", 0, "it") == "0 carte segnate per la proposta"
    assert tn("marked", 0, "de") == "0 cards marked for a proposal"
    assert tn("marked", 1, "de") == "1 card marked for a proposal"
    assert [plural(n, "n_scored", "fr") for n in (0, 1, 2)] == ["0 évaluée", "1 évaluée", "2 évaluées"]
    assert [plural(n, "n_scored", "it") for n in (0, 1, 2)] == ["0 valutate", "1 valutata", "2 valutate"]
