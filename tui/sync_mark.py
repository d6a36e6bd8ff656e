"""The app's side of `cardengine tui --sync URL`: the sync client it runs and the mark on the status line.

The client (cardengine.sync.SyncClient) runs in its own thread with its own connection to the workshop file,
so the note-taker never waits for the network; what it pulls reaches the screen through the app's refresh
from the file every second. The mark says where sync stands, in the app's language: synced at a time, offline
with the events waiting, or refused (the reason comes once as a notice).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cardengine.sync import SyncClient

from .i18n import t

__all__ = ["SyncMark"]


class SyncMark:
    def __init__(self, path: Path, url: str):
        self.client = SyncClient(path, url)  # a bad URL raises ProtocolError here, before the app runs
        self._said = ""  # the refusal last told

    def start(self) -> None:
        self.client.start()

    def stop(self) -> None:
        self.client.stop()

    def mark(self, lang: str) -> str:
        status = self.client.status()
        if not self.client.rounds:
            return t("sync_connecting", lang)
        if status.state == "ok" and status.last_ok:
            local = datetime.fromisoformat(status.last_ok).astimezone()
            return t("sync_ok", lang, time=local.strftime("%H:%M:%S"))
        if status.state == "offline":  # what the server lacks is known once it was reached (here, or kept by sync)
            return t("sync_offline", lang, n=status.waiting) if status.last_ok else t("sync_never", lang)
        return t("sync_refused", lang)

    def refusal(self, lang: str) -> str | None:
        """The notice of a new refusal (each reason once), or None."""
        status = self.client.status()
        if status.state != "refused":
            self._said = ""
            return None
        if status.message == self._said:
            return None
        self._said = status.message
        return t("sync_refused_notice", lang, reason=status.message)
