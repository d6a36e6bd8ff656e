"""What the app's tests share: a fixed clock, settings of their own, the bundled decks, typing with Pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import yaml

from cardengine.decks.load import load_paths
from cardengine.decks.model import CriteriaSet, Deck
from cardengine.sessions import Workshop, WorkshopInfo

from .conftest import DECKS

FIXED = datetime(2021, 7, 27, 10, 30, 0)


def app_config(tmp_path: Path, lang: str = "it", name: str = "config") -> Path:
    """A settings folder under tmp_path (the tests never read the user's): language, decks and criteria."""
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    (folder / "settings.yaml").write_text(yaml.safe_dump({"language": lang, "decks": str(DECKS),
                                                          "criteria": str(DECKS / "criteria.yaml")}))
    return folder


@cache
def bundled() -> tuple[list[Deck], CriteriaSet]:
    """The bundled decks and their criteria, read once per test process."""
    result = load_paths([DECKS])
    return result.decks, result.criteria[0]


def laptop_clock(offset_seconds: float) -> Callable[[], str]:
    """The wall clock of a laptop `offset_seconds` ahead of this one (behind when negative), as Workshop takes it."""
    return lambda: (datetime.now(UTC) + timedelta(seconds=offset_seconds)).isoformat(timespec="microseconds")


def new_workshop(tmp_path: Path, lang: str) -> Path:
    """A workshop in `lang` with the table Nord."""
    path = tmp_path / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27", language=lang), *bundled()) as w:
        w.add_table("Nord")
    return path


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def enter_id(app, pilot, card: str) -> None:
    """Type a card id into the table screen's entry and press Enter, as a note-taker (or a scanner) does."""
    from textual.widgets import Input

    field = app.screen.query_one("#card-input", Input)
    field.focus()
    field.value = card
    await pilot.press("enter")
    await pilot.pause()
