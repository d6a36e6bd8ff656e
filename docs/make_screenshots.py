"""Make the app screenshots in docs/ (SVG, via Textual's save_screenshot): .venv/bin/python docs/make_screenshots.py"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cardengine.decks.load import load_paths  # noqa: E402
from cardengine.sessions.workshop import Workshop, WorkshopInfo  # noqa: E402
from cardengine_tui.app import make_app  # noqa: E402


async def shoot(path: Path, config: Path, size: tuple[int, int], name: str, keys: str = "",
                language: str | None = None) -> None:
    app = make_app(path, table="Nord", config_dir=config, language=language,
                   clock=lambda: datetime(2021, 7, 27, 10, 30))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys.split():
            await pilot.press(key)
        await pilot.pause()
        app.save_screenshot(name, str(ROOT / "docs" / "images"))


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    config = tmp / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(f"language: it\ndecks: {ROOT / 'decks'}\n")
    result = load_paths([ROOT / "decks"])
    path = tmp / "atelier.db"
    with Workshop.create(path, WorkshopInfo("Atelier di co-design", "Trezzano sul Naviglio", "2021-07-27"),
                         result.decks, result.criteria[0]) as w:
        w.add_table("Nord", area="Area nord")
        for card in ("EN-01", "CL-01", "MO-02", "WA-01", "EN-11"):
            w.pick("Nord", card)
        w.pick("Nord", "MO-02", kind="favourite")
        w.pick("Nord", "WA-01", kind="discarded")
        for card, values in (("EN-01", (4, 3, 5, 2, 2)), ("CL-01", (5, 4, 4, 5, 1)), ("EN-11", (4, 3, 4, 4, 2))):
            for criterion, value in zip(("technical", "economic", "regulatory", "social", "time"), values, strict=True):
                w.score("Nord", card, criterion, value)
        w.propose("Nord", "Parcheggi solari con ricarica", ["EN-11", "MO-06"],
                  description="Pensiline fotovoltaiche alimentano colonnine di ricarica condivise.",
                  lead_actors=["Comune di Trezzano", "Consorzio del distretto"], where="Area nord")
        w.add_participant("Azienda A", "company", table="Nord")
        w.add_participant("Cittadina B", "citizen", table="Nord")
        w.comment("Nord", "barrier", "Serve un accordo con il GSE per la cabina primaria", card="EN-01")
        w.comment("Nord", "enabler", "I tetti dei capannoni sono già censiti", card="EN-01", by="azienda-a")
        w.comment("Nord", "question", "Chi gestisce la manutenzione delle pensiline?")
        w.comment("Nord", "quote", "Il quartiere vuole più verde, non più asfalto", by="cittadina-b")
        w.set_priorities("Nord", domains=["mobility", "energy", "climate"], cards=["EN-01"])
    asyncio.run(shoot(path, config, (80, 24), "tui-80x24.svg"))
    asyncio.run(shoot(path, config, (160, 45), "tui-160x45.svg"))
    asyncio.run(shoot(path, config, (80, 24), "tui-search-80x24.svg", "t e t t i"))
    asyncio.run(shoot(path, config, (100, 30), "tui-help.svg", "f1"))
    asyncio.run(shoot(path, config, (120, 40), "tui-120x40-en.svg", language="en"))
    asyncio.run(shoot(path, config, (80, 24), "tui-comments-80x24.svg", "tab m t"))
    asyncio.run(shoot(path, config, (80, 24), "tui-participants-80x24.svg", "tab g"))
    asyncio.run(shoot(path, config, (80, 24), "tui-priorities-80x24.svg", "tab o"))
    asyncio.run(shoot(path, config, (80, 24), "tui-comment-dialog-80x24.svg", "tab c"))


if __name__ == "__main__":
    main()
