"""Where the note-taker aimed a key: the widget that had the focus when the app received it.

A key typed in a burst can be handled after the focus has moved on (an id typed right after `/`, keys after
Tab or Enter): whoever holds such a key hands it on to the widget that has the focus now, behind the keys
handed on before it, so that a burst's keys keep their order wherever the focus went meanwhile.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual import events
from textual.widget import Widget

__all__ = ["aim", "aimed_at", "send_on"]

# Kept beside the keys, not on them: a key is Textual's object (and dropped with it).
_AIMS: WeakKeyDictionary[events.Key, Widget | None] = WeakKeyDictionary()


def aim(key: events.Key, target: Widget | None) -> None:
    _AIMS[key] = target


def aimed_at(key: events.Key) -> Widget | None:
    """The widget `key` was aimed at (None: not known, or nothing had the focus)."""
    return _AIMS.get(key)


def send_on(event: events.Key, target: Widget) -> None:
    """Hand a key queued here to `target` (where the focus is now), behind the keys handed on before it."""
    event.stop()
    event.prevent_default()
    key = events.Key(event.key, event.character)
    aim(key, target)  # see CardEngineApp._on_key
    target._forward_event(key)
