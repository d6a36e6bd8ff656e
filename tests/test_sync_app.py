"""The app's sync mark (`cardengine tui --sync URL`), with Pilot over real files and a real `cardengine serve`:
offline before the server was ever reached, refused (with the reason once, as a notice) by a server of another
workshop, in step with the workshop's own server; the app goes on recording all the while."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from cardengine.sessions import Workshop
from cardengine_tui.app import make_app

from .sync_support import SyncServer, copies, free_port, ids, make_workshop
from .test_tui_sync import pick, until
from .tui_support import FIXED, app_config


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).content)


async def test_the_mark_says_offline_refused_and_synced(tmp_path: Path):
    server_file = make_workshop(tmp_path / "server.db")
    (laptop,) = copies(server_file, "laptop")
    config = app_config(tmp_path)
    nowhere = f"http://127.0.0.1:{free_port()}/sync/abcdefgh12"
    app = make_app(laptop, table="Nord", config_dir=config, clock=lambda: FIXED, sync_url=nowhere)
    async with app.run_test(size=(100, 24)) as pilot:
        await until(pilot, lambda: status(app).startswith("⇅ non in rete, server non ancora raggiunto │ ✔"))
        await pick(pilot, "EN-01")  # recording never waits for the network
        assert "EN-01 scelta" in status(app)
    with SyncServer(make_workshop(tmp_path / "other.db")) as other:
        app = make_app(laptop, table="Nord", config_dir=config, clock=lambda: FIXED, sync_url=other.url)
        async with app.run_test(size=(100, 24)) as pilot:
            await until(pilot, lambda: status(app).startswith("⇅ sincronizzazione rifiutata │"), seconds=8)
            await until(pilot, lambda: len(app._notifications) > 0)  # told at the next look (every 0.5 s)
            await pilot.pause(1.0)  # and only once
            notices = [n.message for n in app._notifications]
            # Said once, in the app's language; the reason is the server's own (in the server's language).
            assert len(notices) == 1 and notices[0].startswith("Il server ha rifiutato"), notices
            assert "another workshop" in notices[0]
    with SyncServer(server_file) as server:
        app = make_app(laptop, table="Nord", config_dir=config, clock=lambda: FIXED, sync_url=server.url)
        async with app.run_test(size=(100, 24)) as pilot:
            await until(pilot, lambda: status(app).startswith("⇅ sincronizzato "), seconds=8)
            await pick(pilot, "EN-02")
            await until(pilot, lambda: set(ids(laptop)) <= set(ids(server_file)), seconds=8)
    with Workshop.open(server_file) as w:
        assert set(w.state.tables[w.table_id("Nord")].picks) == {"EN-01", "EN-02"}
