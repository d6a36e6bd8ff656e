"""All Italian when Italian, all English when English (issue 11, deliverable 7).

The app is driven in each language through its screens, dialogs, the command palette and notices; what is
actually rendered (the screen's text as a terminal shows it) must hold no word of the other language from
the list kept next to the strings (tui/i18n.FOREIGN_WORDS)."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, Select

from cardengine.decks.load import load_for_workshop
from cardengine.sessions import ActionError, Workshop, WorkshopInfo
from cardengine_tui.app import make_app
from cardengine_tui.i18n import FOREIGN_WORDS, error_text, tn, word
from cardengine_tui.table_screen import TableScreen

from .conftest import DECKS, SMALL_DECK

FIXED = datetime(2021, 7, 27, 10, 30, 0)


def screen_text(app) -> str:
    """The text of the screen as drawn (modal over its background, notices included)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def foreign(text: str, lang: str) -> list[str]:
    return [w for w in FOREIGN_WORDS[lang] if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)]


async def tour(app, pilot, path: Path, lang: str) -> dict[str, str]:
    """Every screen a note-taker sees in a first session, by name -> its text."""
    seen: dict[str, str] = {}

    async def look(name: str) -> None:
        await pilot.pause()
        await pilot.pause()  # a notice is mounted on the screen one message later
        seen[name] = screen_text(app)

    await look("start")
    for field in ("new-date", "new-criteria"):  # the form scrolled to its middle and to its end
        app.screen.query_one(f"#{field}").focus()
        await look(f"start {field}")
    await pilot.press("enter")  # Enter on the criteria field with the form empty: a notice names what is missing
    await look("start missing fields")
    for field, value in (("new-file", str(path)), ("new-title", "Atelier"), ("new-territory", "Trezzano"),
                         ("new-date", "2021-07-27")):
        app.screen.query_one(f"#{field}", Input).value = value
    app.screen.query_one("#new-lang", Select).value = lang
    app.screen.query_one("#new-date", Input).focus()
    await pilot.press("enter")
    await look("table chooser")
    app.screen.query_one("#new-table", Input).value = "Nord"
    app.screen.query_one("#new-table", Input).focus()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TableScreen)
    await pilot.press("ctrl+z")  # nothing to undo yet: the engine refuses, the app says it in its language
    await look("nothing to undo")
    for card in ("EN-01", "EN-02"):
        app.screen.query_one("#card-input", Input).value = card
        await pilot.press("enter")
    await look("table")
    app.screen.query_one("#picks", DataTable).focus()
    await pilot.press("space")
    await look("one card marked")
    await pilot.press("ctrl+c")
    await look("ctrl+c notice")
    for key, name in (("f1", "help"), ("v", "card text"), ("d", "browse"), ("o", "priorities"),
                      ("a", "participant"), ("p", "proposal"), ("c", "comment")):
        await pilot.press(key)
        await look(name)
        if name == "comment":
            for ch in "ok":
                await pilot.press(ch)
            await pilot.press("enter")
            await look("comment saved")
        else:
            await pilot.press("escape")
    await pilot.press("ctrl+p")
    await look("palette")
    for ch in "zzqj":
        await pilot.press(ch)
    await pilot.pause(0.8)  # the palette says "no matches" after half a second
    await look("palette, no matches")
    await pilot.press("escape")
    return seen


@pytest.mark.parametrize("lang", ["it", "en"])
async def test_every_screen_is_in_the_app_language_only(tmp_path, lang):
    config = tmp_path / "config"
    app = make_app(config_dir=config, language=lang, clock=lambda: FIXED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        seen = await tour(app, pilot, tmp_path / "w.db", lang)
    found = {name: words for name, text in seen.items() if (words := foreign(text, lang))}
    assert not found, f"words of the other language in the {lang} app: {found}"
    # The tour reached what it meant to: the palette and the notices were on screen.
    palette = word("palette_placeholder", lang)
    assert palette in seen["palette"]
    assert word("palette_no_matches", lang) in seen["palette, no matches"]
    assert tn("marked", 1, lang) in seen["one card marked"]
    # A notice wraps inside its box: every word of it is on screen.
    assert all(w in seen["nothing to undo"] for w in word("error_nothing_to_undo", lang).split())
    with Workshop.open(tmp_path / "w.db") as w:
        assert [c.kind for c in w.state.tables[w.table_id("Nord")].comments] == ["barrier"]


def test_number_agreement():
    assert tn("marked", 1, "it") == "1 carta segnata per la proposta"
    assert tn("marked", 2, "it") == "2 carte segnate per la proposta"
    assert tn("marked", 2, "en") == "2 cards marked for a proposal"


def test_engine_refusals_carry_a_code_the_app_words_in_its_language(tmp_path):
    """The engine's refusals a note-taker meets name themselves (ActionError.code); the app says them in its
    language rather than in the engine's English (the undo case is on screen in the tour above)."""
    small = tmp_path / "decks"
    small.mkdir()
    (small / "water.yaml").write_text(SMALL_DECK, encoding="utf-8")
    (small / "criteria.yaml").write_bytes((DECKS / "criteria.yaml").read_bytes())
    result, criteria = load_for_workshop(small)
    with Workshop.create(tmp_path / "w.db", WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), result.decks,
                         criteria) as w:
        w.add_table("Nord")
        w.add_participant("Firm A", "company")
        refusals = []
        for attempt in (lambda: w.add_participant("Firm A", "company"), lambda: w.add_table("Nord"),
                        lambda: w.undo("Nord"), lambda: w.redo("Nord")):
            with pytest.raises(ActionError) as caught:
                attempt()
            refusals.append(caught.value)
    assert [e.code for e in refusals] == ["participant_exists", "table_exists", "nothing_to_undo", "nothing_to_redo"]
    assert error_text(refusals[0], "it") == "Il partecipante 'Firm A' esiste già"
    assert error_text(refusals[1], "en") == "Table 'Nord' already exists"
    assert not foreign(" ".join(error_text(e, "it") for e in refusals), "it")
    assert error_text(ActionError("card EN-99 unknown"), "it") == "card EN-99 unknown"  # no code: as the engine says


def test_card_facts_use_the_engine_words_and_keep_unknown_codes():
    from cardengine.decks.vocabulary import coded_label

    assert coded_label("scale", "company", "it") == "Azienda"
    assert coded_label("cost", "high", "en") == "High (€0.25-2M)"
    assert coded_label("horizon", "short", "it") == "Breve (< 1 anno)"
    assert coded_label("scale", "galaxy", "it") == "galaxy"  # a code from a newer version: shown as stored
