"""The plenary server (`cardengine serve`): a Starlette app on the workshop's own network.

Owns the pages (the projector's plenary, the participants' phone page, the facilitator's page: Jinja2 templates
in templates/, CSS and JS in static/, nothing from another host), their live updates (server-sent events), the
three secrets and the security around them (keys.py, guard.py), and the laptops' sync routes. The workshop file
stays the single record: everything the server receives is an event in it.

May import cardengine.sessions, cardengine.sync, cardengine.decks, cardengine.i18n and the shared basics; never
the CLI, printing, compare or Textual. `make_server` is loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardengine.lazy import lazy_names

if TYPE_CHECKING:
    from cardengine.serve.app import make_server
    from cardengine.serve.guard import Limits, Rate

__all__ = ["Limits", "Rate", "make_server"]

__getattr__ = lazy_names(__name__, {"make_server": "app", "Limits": "guard", "Rate": "guard"})
