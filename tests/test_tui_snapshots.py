"""Snapshots guard how the app looks at 80x24 and on a large terminal (pytest-textual-snapshot).

Update them on purpose with `pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input

from cardengine.sessions import Workshop, WorkshopInfo
from cardengine_tui.app import make_app

from .conftest import DECKS
from .tui_support import bundled

CRITERIA = ("technical", "economic", "regulatory", "social", "time")

FIXED = datetime(2021, 7, 27, 10, 30, 0)


@pytest.fixture
def session_file(tmp_path: Path) -> tuple[Path, Path]:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(yaml.safe_dump({"language": "it", "decks": str(DECKS)}))
    path = tmp_path / "atelier.db"
    with Workshop.create(path, WorkshopInfo("Atelier di co-design", "Trezzano sul Naviglio", "2021-07-27"),
                         *bundled()) as w:
        w.add_table("Nord", area="Area nord")
        for card in ("EN-01", "CL-01", "MO-02", "WA-01"):
            w.pick("Nord", card)
        w.pick("Nord", "MO-02", kind="favourite")
        w.pick("Nord", "WA-01", kind="discarded")
        for criterion, value in zip(CRITERIA, (4, 3, 5, 2, 2), strict=True):
            w.score("Nord", "EN-01", criterion, value)
        for criterion, value in zip(CRITERIA, (5, 4, 4, 5, 1), strict=True):
            w.score("Nord", "CL-01", criterion, value)
    return path, config


async def _steady(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def test_table_view_at_80x24(snap_compare, session_file):
    path, config = session_file
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_steady)


def test_table_view_on_a_large_terminal(snap_compare, session_file):
    path, config = session_file
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)
    assert snap_compare(app, terminal_size=(160, 45), run_before=_steady)


def test_search_results_while_typing(snap_compare, session_file):
    path, config = session_file
    app = make_app(path, table="Nord", config_dir=config, clock=lambda: FIXED)

    async def typed(pilot) -> None:
        await _steady(pilot)
        for key in "tetti":
            await pilot.press(key)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=typed)
