"""A note-taker's trial of the merged app: what a fast hand or a scanner types lands where it was aimed.

Keys typed in one burst right after a key that moves the focus (Tab, Enter on a card, `/`) were handled by
the widget that had the focus when they were typed: digits meant for a card's criteria were typed into the
id field, and an id typed after `/` ran the screen's bindings (`e`, `n`, ...).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cardengine.deckload import load_paths
from cardengine.workshop import Workshop, WorkshopInfo

from .conftest import DECKS
from .terminal import AppInTerminal


@pytest.fixture(scope="module")
def decks():
    result = load_paths([DECKS])
    return result.decks, result.criteria[0]


def new_workshop(tmp_path: Path, decks, lang: str) -> Path:
    path = tmp_path / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27", language=lang), *decks) as w:
        w.add_table("Nord")
    return path


def test_keys_typed_right_after_tab_enter_or_slash_land_where_they_were_aimed(tmp_path, decks):
    path = new_workshop(tmp_path, decks, "it")
    app = AppInTerminal([str(path), "--table", "Nord"], tmp_path / "config", size=(80, 24))
    try:
        app.wait_for("Codice carta")
        mark = app.mark()
        app.type("EN-01\r")
        app.wait_for("EN-01 scelta", mark)
        mark = app.mark()
        # One burst: Tab to the picks, Enter opens EN-01's criteria, five values, then `/` and the next id.
        app.type("\t\r34343/EN-02\r")
        app.wait_for("EN-02 scelta", mark)
        lines = app.wait_on_screen("EN-02")
    finally:
        app.close()
    with Workshop.open(path) as w:
        table = w.state.tables["nord"]
        criteria = [c.id for c in w.state.criteria.criteria]
        assert list(table.picks) == ["EN-01", "EN-02"]
        assert {crit: v for (card, crit, _by), v in table.scores.items() if card == "EN-01"} == \
            dict(zip(criteria, [3, 4, 3, 4, 3]))
        assert [e.kind for e in w.store.events()].count("score") == 5
    assert not any("34343" in line or "EN-02EN" in line for line in lines)  # nothing typed into the field
