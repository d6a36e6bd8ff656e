"""The id field in a real pseudo-terminal at 80x24: scanner bursts with wrong ids, typos, a word search.

Bytes are written to the terminal as fast as the pty takes them, as a barcode scanner types; the file is
then read back with `Workshop.open` and the screen is read for what it said about each entry.
"""

from __future__ import annotations

from pathlib import Path

from cardengine.sessions.workshop import Workshop

from .terminal import AppInTerminal
from .tui_support import new_workshop


def pick_events(path: Path) -> list[tuple[str, str]]:
    with Workshop.open(path) as w:
        return [(e.payload["card"], e.payload["kind"]) for e in w.store.events() if e.kind == "pick"]


def first_match(path: Path, words: str) -> str:
    """The card a word search lists first: the first card, in deck order, whose id or titles hold every word."""
    with Workshop.open(path) as w:
        return next(card.id for card in w.state.cards.values()
                    if all(word in " ".join([card.id, *card.title.values()]).lower() for word in words.split()))


def test_enter_at_once_after_words_picks_the_first_result_even_before_the_list_has_the_focus(tmp_path):
    # Words and Enter in one burst: the second Enter reaches the field before the focus has moved to the
    # results; it is the choice all the same, never lost.
    path = new_workshop(tmp_path, "en")
    app = AppInTerminal([str(path), "--table", "Nord"], tmp_path / "config", size=(80, 24))
    expected = first_match(path, "roof solar")
    try:
        app.wait_for("Card id")
        mark = app.mark()
        app.type("roof solar\r\r")
        app.wait_for(f"{expected} picked", mark)
    finally:
        app.close()
    assert pick_events(path) == [(expected, "selected")]


def test_a_scanner_burst_with_wrong_ids_logs_every_right_one_in_order_and_names_each_wrong_one(tmp_path):
    path = new_workshop(tmp_path, "it")
    burst = ["EN-05", "XX-99", "EN-06", "CL-03", "MO-05", "EN-1", "WA-02", "WW-07", "BE-11", "EN-99", "EN-09",
             "CL-12"]
    wrong = {"XX-99", "EN-1", "EN-99"}
    app = AppInTerminal([str(path), "--table", "Nord"], tmp_path / "config", size=(80, 24))
    try:
        app.wait_for("Codice carta")
        mark = app.mark()
        app.type("".join(card + "\r" for card in burst))
        app.wait_for("CL-12 scelta", mark)
        for card in wrong:
            app.wait_for(f"Nessuna carta '{card}'", mark)
        screen = app.text_since(mark)
    finally:
        app.close()
    assert pick_events(path) == [(card, "selected") for card in burst if card not in wrong]
    assert "EN-10" not in screen  # EN-1 named as typed, never taken for EN-10
    assert "EN-06EN" not in screen and "XX-99EN" not in screen  # nothing glued to the next scan


def test_typos_and_a_word_search_through_the_terminal(tmp_path):
    path = new_workshop(tmp_path, "en")
    app = AppInTerminal([str(path), "--table", "Nord"], tmp_path / "config", size=(80, 24))
    try:
        app.wait_for("Card id")
        mark = app.mark()
        app.type("en 01\r")
        app.wait_for("EN-01 picked", mark)
        mark = app.mark()
        app.type("en01\r")  # the same card again, as typed by hand
        app.wait_for("EN-01 is already picked", mark)
        mark = app.mark()
        app.type("EN-1\r")
        app.wait_for("No card 'EN-1'", mark)
        app.wait_for("did you mean EN-01?", mark)
        mark = app.mark()
        app.type("roof solar\r")  # words: the results and a request to choose, nothing logged yet
        app.wait_for("is not an id", mark)
        assert pick_events(path) == [("EN-01", "selected")]
        mark = app.mark()
        app.type("\r")  # Enter on the highlighted (first) result
        app.wait_for(f"{first_match(path, 'roof solar')} picked", mark)
    finally:
        app.close()
    picks = pick_events(path)
    assert picks[0] == ("EN-01", "selected") and len(picks) == 2
    with Workshop.open(path) as w:
        chosen = w.state.cards[picks[1][0]]
    assert all(word in " ".join(chosen.title.values()).lower() for word in ("roof", "solar"))


def test_words_then_scans_in_one_burst_are_never_taken_as_a_choice(tmp_path):
    path = new_workshop(tmp_path, "en")
    app = AppInTerminal([str(path), "--table", "Nord"], tmp_path / "config", size=(80, 24))
    try:
        app.wait_for("Card id")
        mark = app.mark()
        app.type("tetti\rEN-05\rEN-06\rtetti verdi\r")  # words, two scans, words: the results, no pick
        app.wait_for("'tetti verdi' is not an id", mark)
        assert pick_events(path) == [("EN-05", "selected"), ("EN-06", "selected")]
        mark = app.mark()
        app.type("\r")  # Enter on the highlighted result, once it is shown
        app.wait_for("CL-03 picked", mark)
    finally:
        app.close()
    assert pick_events(path) == [("EN-05", "selected"), ("EN-06", "selected"), ("CL-03", "selected")]
