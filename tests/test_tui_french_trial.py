"""What a French note-taker met in the first trial of the French app (issue 14): every "label: value" the app
builds came out with the English colon ("Sur: EN-01") and the full text of a card kept the engine's English
labels and coded facts ("Scale: Building", "Cost: High (€0.25-2M)") amid French. The catalogue now carries each
whole pattern, so French spaces its colon; English and Italian read exactly as before."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input

from cardengine_tui.app import make_app
from cardengine_tui.i18n import word
from cardengine_tui.table_screen import TableScreen

from .tui_support import FIXED, app_config, new_workshop


def screen_text(app) -> str:
    """The text of the screen as drawn (modal over its background, notices included)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def dialogs(tmp_path, lang: str) -> dict[str, str]:
    """The comment and proposal dialogs, the participants view and a card's full text, as drawn."""
    path = new_workshop(tmp_path, lang)
    app = make_app(path, table="Nord", config_dir=app_config(tmp_path, lang), clock=lambda: FIXED)
    seen: dict[str, str] = {}
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        field = app.screen.query_one("#card-input", Input)
        field.focus()
        field.value = "EN-02"
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#picks", DataTable).focus()
        await pilot.press("space")
        for key, name in (("c", "comment"), ("p", "proposal"), ("g", "participants"), ("v", "card")):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            seen[name] = screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
    return seen


async def test_french_spaces_the_colon_of_every_label_and_value_the_app_builds(tmp_path):
    seen = await dialogs(tmp_path, "fr")
    for name, text in (("comment", "Sur : EN-02"), ("comment", "Type de commentaire : Obstacle"),
                       ("comment", "De : personne en particulier"), ("proposal", "Cartes combinées : EN-02"),
                       ("participants", "Macro-zone : non indiquée"), ("participants", "Rapporteur : non indiqué")):
        assert text in seen[name], (name, text)


async def test_the_full_text_of_a_card_speaks_french_not_the_engines_english(tmp_path):
    card = (await dialogs(tmp_path, "fr"))["card"]
    for french in ("Échelle : Bâtiment, Entreprise", "Coût : Élevé (0,25-2 M€)", "Délai : Court (< 1 an)", "Qui : "):
        assert french in card, french
    for english in ("Scale:", "Cost:", "Time:", "Who:", "Building", "High (", "Short ("):
        assert english not in card, english


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["About: EN-02", "Comment kind: Barrier", "Cards combined: EN-02", "Macro-area: not given",
            "Scale: Building, Company", "Cost: High (€0.25-2M)", "Time: Short (< 1 year)", "Who: "]),
    ("it", ["Su: EN-02", "Tipo di commento: Ostacolo", "Carte combinate: EN-02", "Macro-area: non indicata",
            "Scala: Edificio, Azienda", "Costo: Alto (0,25-2 M€)", "Tempi: Breve (< 1 anno)", "Chi: "]),
])
async def test_english_and_italian_read_as_before(tmp_path, lang, expected):
    seen = "\n".join((await dialogs(tmp_path, lang)).values())
    for text in expected:
        assert text in seen, text


@pytest.mark.parametrize("lang", ["fr", "it", "en"])
async def test_the_help_on_typing_an_id_fits_80_columns_without_a_line_starting_with_its_colon(tmp_path, lang):
    """At 80x24 the French help wrapped "… des mots" / ": une liste," (and the Italian "… parole: elenco,")."""
    path = new_workshop(tmp_path, lang)
    app = make_app(path, table="Nord", config_dir=app_config(tmp_path, lang), clock=lambda: FIXED)
    async with app.run_test(size=(80, 60)) as pilot:  # tall: the whole help on screen; the width is what counts
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        shown = screen_text(app)
    for line in word("help_entry", lang).splitlines():
        assert line.strip() in shown, line
