"""What the table screen repaints, and that it stays true (issue 11: Enter-to-screen speed).

The picks table repaints only the rows that changed (tui/cached_table.py) and updates that change no size
ask for no new layout; these tests check that the screen drawn that way is the screen drawn afresh, that
typing and logging a card lays nothing out again, and that the score and rank stay over the criteria.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import DataTable

from cardengine.sessions.workshop import Workshop
from cardengine_tui.app import make_app

from .test_tui_scoring import config, screen_lines, workshop

__all__ = ["config"]


def drawn_afresh(app) -> list[str]:
    """The screen drawn again from nothing: every cached line and row of both tables dropped."""
    for table in app.screen.query(DataTable):
        table._rows_drawn.clear()
        table._clear_caches()
        table.refresh()
    for widget in app.screen.walk_children(with_self=True):
        widget._styles_cache.clear()
    return screen_lines(app)


async def test_rows_repainted_one_by_one_show_what_a_fresh_drawing_shows(tmp_path, config):
    path = workshop(tmp_path, ["EN-01", "EN-02"], scores={"EN-02": [3, 3, 3, 3, 3]})
    app = make_app(path, table="Nord", config_dir=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # New picks (rows appended), then scores that move every rank (cells changed in other rows).
        for card in ("EN-03", "EN-04", "EN-05", "EN-06", "EN-07", "EN-08", "EN-09", "EN-10", "EN-11", "EN-12",
                     "EN-13", "BE-01", "BE-02", "BE-03"):  # more than the table's height: it scrolls
            await pilot.press(*card, "enter")
            await pilot.pause()
        await pilot.press("tab", "enter", "5", "5", "5", "5", "1", "shift+tab", "f")
        await pilot.pause()
        shown = screen_lines(app)
        assert shown == drawn_afresh(app)
        assert any("BE-03" in line and "100" in line and " 1 " in line for line in shown), shown
        assert not any("EN-01" in line for line in shown)  # scrolled out of view
    with Workshop.open(path) as w:
        assert list(w.state.tables["nord"].picks)[-1] == "BE-03"
        assert w.state.tables["nord"].picks["BE-03"].kind == "favourite"


async def test_typing_an_id_and_logging_it_lays_nothing_out_again(tmp_path, config):
    path = workshop(tmp_path, ["EN-01", "EN-02"])
    app = make_app(path, table="Nord", config_dir=config)
    layouts = 0
    refresh_layout = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        nonlocal layouts
        layouts += 1
        return refresh_layout(self, *args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.1)  # the start's own layouts are done (they are not what this test counts)
        Screen._refresh_layout = counted
        try:
            for card in ("EN-03", "EN-04", "EN-05"):
                await pilot.press(*card, "enter")
                await pilot.pause()
        finally:
            Screen._refresh_layout = refresh_layout
        assert layouts == 0
        assert [str(key.value) for key in app.screen.query_one("#picks", DataTable).rows][-3:] == \
            ["EN-03", "EN-04", "EN-05"]
    with Workshop.open(path) as w:
        assert list(w.state.tables["nord"].picks) == ["EN-01", "EN-02", "EN-03", "EN-04", "EN-05"]


async def test_the_score_and_rank_stay_over_the_criteria_after_each_key(tmp_path, config):
    # The memory part's "who is scoring" label overwrote them with nothing after every action.
    path = workshop(tmp_path, ["EN-01", "EN-02"], scores={"EN-01": [3, 3, 3, 3, 3]})
    app = make_app(path, table="Nord", config_dir=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "enter", "4")
        await pilot.pause()
        crit = app.screen.query_one("#criteria", DataTable)
        assert str(crit.border_title) == "Fattibilità 75 · 1° di 2"
        await pilot.press("2", "2", "2", "2")
        await pilot.pause()
        assert str(crit.border_title) == "Fattibilità 45 · 2° di 2"
        assert any("Fattibilità 45 · 2° di 2" in line for line in screen_lines(app))
    with Workshop.open(path) as w:
        scores = w.state.tables["nord"].scores
        assert [scores[("EN-02", c, "consensus")] for c in ("technical", "economic", "regulatory", "social", "time")] \
            == [4, 2, 2, 2, 2]
