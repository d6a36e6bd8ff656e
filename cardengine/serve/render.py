"""Pages and fragments from Jinja2 templates (cardengine/serve/templates), always autoescaped: every name, title
and question a participant or note-taker typed is escaped on every page and in every live fragment, which are
rendered by the same templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from cardengine.serve.view import KEEP_RANKED

TEMPLATES = Path(__file__).parent / "templates"


class Renderer:
    def __init__(self) -> None:
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                      auto_reload=False)  # the templates do not change while serving: no stat
        self.env.filters["score"] = lambda value: "–" if value is None else f"{value:.0f}"
        self.env.globals["KEEP_RANKED"] = KEEP_RANKED

    def __call__(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)
