"""Two laptops running `cardengine tui --sync URL` in real pseudo-terminals and one sync server process.

The note-takers record at their tables; the server is killed with SIGKILL in the middle and started again;
meanwhile both apps go on recording, showing "offline" and what waits. At the end every event is exactly once
in the server's file and in both laptops' files, and a third laptop that was offline for the whole workshop
(recording with `session` commands) brings its events with one `session sync`.
"""

from __future__ import annotations

from pathlib import Path

from cardengine.sessions import Store, Workshop

from .conftest import run_cli
from .sync_support import SyncServer, copies, ids, make_workshop, wait_until
from .terminal import AppInTerminal

ENTER, CTRL_Q = "\r", "\x11"


# What each laptop's app says, in its language: a pick, the sync mark in step, offline with events waiting.
SAYS = {"en": ("{card} picked", "⇅ synced", "⇅ offline, {n} waiting"),
        "it": ("{card} scelta", "⇅ sincronizzato", "⇅ non in rete, {n} in attesa")}


class Laptop(AppInTerminal):
    def __init__(self, path: Path, table: str, url: str, config: Path, lang: str):
        super().__init__([str(path), "--table", table, "--sync", url, "--lang", lang], config, size=(110, 30))
        self.picked, self.synced, self.offline = SAYS[lang]

    def pick(self, card: str) -> None:
        mark = self.mark()
        self.type(card + ENTER)
        self.wait_shown(self.picked.format(card=card), mark)


def picks(path: Path, table: str) -> set[str]:
    with Workshop.open(path) as w:
        return set(w.state.tables[w.table_id(table)].picks)


def exactly_once(path: Path) -> set[str]:
    found = ids(path)
    assert len(found) == len(set(found)), f"{path.name} holds an event twice"
    return set(found)


def test_two_laptops_and_a_server_killed_mid_session(tmp_path: Path):
    server_file = make_workshop(tmp_path / "server.db", language="en")
    a, b, c = copies(server_file, "a", "b", "c")  # c: the laptop that never reaches the network
    config = tmp_path / "config"
    (config / "cardengine").mkdir(parents=True)
    (config / "cardengine" / "settings.yaml").write_text("cursor_blink: false\n")
    server = SyncServer(server_file).start()
    apps = [Laptop(a, "Nord", server.url, config, "en"), Laptop(b, "Sud", server.url, config, "it")]
    app_a, app_b = apps
    try:
        # Laptop c records with `session` commands and never reaches the network (while the apps start).
        assert run_cli("session", "pick", c, "--table", "Nord", "WW-01").returncode == 0
        for app in apps:
            app.wait_on_screen(app.synced)
        app_a.pick("EN-01")
        app_b.pick("EN-02")
        app_a.pick("CL-01")
        wait_until(lambda: exactly_once(a) | exactly_once(b) <= exactly_once(server_file), what="all on the server")
        wait_until(lambda: picks(a, "Sud") == {"EN-02"} and picks(b, "Nord") == {"EN-01", "CL-01"},
                   what="each laptop has the other's picks")
        app_b.wait_shown("da un altro programma", 0)  # the app took in what the pull wrote, and said so

        server.kill()  # mid-session, as a power cut
        with Store.open(server_file) as store:  # what it acknowledged is on its disk
            assert exactly_once(a) | exactly_once(b) <= {e.id for e in store.events()}
        app_a.pick("MO-02")
        app_b.pick("WA-01")
        app_b.pick("BE-02")
        app_a.wait_on_screen(app_a.offline.format(n=1))
        app_b.wait_on_screen(app_b.offline.format(n=2))

        server.start()  # on the same file and port
        for app in apps:
            mark = app.mark()
            app.wait_shown(app.synced, mark)
        wait_until(lambda: picks(a, "Sud") == picks(b, "Sud") == {"EN-02", "WA-01", "BE-02"}
                   and picks(a, "Nord") == picks(b, "Nord") == {"EN-01", "CL-01", "MO-02"}, what="in step again")

        # The laptop offline for the whole workshop syncs at the end.
        done = run_cli("session", "sync", c, server.url)
        assert done.returncode == 0, done.stderr
        assert "in step with" in done.stdout
        wait_until(lambda: "WW-01" in picks(a, "Nord") and "WW-01" in picks(b, "Nord"), what="c's pick everywhere")
        for app in apps:
            app.type(CTRL_Q)
        for app in apps:
            app.proc.wait(15)
    finally:
        for app in apps:
            app.close()
        server.kill()
    assert run_cli("session", "sync", c, server.url).returncode == 1  # the server is gone: exit 1, said why
    everywhere = exactly_once(server_file)
    assert exactly_once(a) == exactly_once(b) == exactly_once(c) == everywhere
    assert picks(server_file, "Nord") == {"EN-01", "CL-01", "MO-02", "WW-01"}
    assert picks(server_file, "Sud") == {"EN-02", "WA-01", "BE-02"}
