"""Laptops in sync with the workshop's server: the protocol's JSON shapes (protocol.py), the server's answers to
a pull and a push (server.py) and the laptop's background client (client.py).

May import cardengine.sessions, .decks, .i18n and the shared basics; never the CLI, printing, compare or serve.
The app (cardengine_tui) and the CLI use the names below, imported from this package; each is loaded on first
use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.sync.client import SyncClient, SyncStatus
    from cardengine.sync.protocol import ProtocolError, SyncTarget, event_from_dict, event_to_dict, parse_sync_url
    from cardengine.sync.server import lock_of, pull_response, push_response

_HOME = {
    "SyncClient": "client", "SyncStatus": "client",
    "ProtocolError": "protocol", "SyncTarget": "protocol", "event_from_dict": "protocol", "event_to_dict": "protocol",
    "parse_sync_url": "protocol",
    "lock_of": "server", "pull_response": "server", "push_response": "server",
}

__all__ = ["ProtocolError", "SyncClient", "SyncStatus", "SyncTarget", "event_from_dict", "event_to_dict",
           "lock_of", "parse_sync_url", "pull_response", "push_response"]

__getattr__ = lazy_names(__name__, _HOME)
