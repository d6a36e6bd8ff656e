"""The app's settings: language, where decks are, recent workshops. One YAML file in the config folder.

Tests pass their own folder, so they never read or write the user's settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cardengine.bundled import bundled_criteria, bundled_decks
from cardengine.fileio import write_atomic

from .app_languages import is_language

# What earlier versions saved when the user had chosen nothing: folders relative to wherever the app was
# started, which do not exist outside the repository. They now mean the bundled decks unless they exist.
_OLD_DEFAULTS = {"decks": "decks", "criteria": "decks/criteria.yaml"}


def default_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cardengine"


@dataclass
class Settings:
    config_dir: Path
    language: str = "it"
    decks: Path = field(default_factory=bundled_decks)
    criteria: Path = field(default_factory=bundled_criteria)
    recent: list[str] = field(default_factory=list)
    # A blinking cursor redraws the terminal twice a second: off for screen readers, slow remote terminals and
    # the tests that wait for the screen to be still.
    cursor_blink: bool = True

    @property
    def file(self) -> Path:
        return self.config_dir / "settings.yaml"

    def remember(self, workshop: Path) -> None:
        path = str(workshop.resolve())
        self.recent = [path, *[p for p in self.recent if p != path][:7]]
        self.save()

    def save(self) -> None:
        # The bundled folders are not written down: after an upgrade or in another environment they move.
        data: dict = {"language": self.language, "recent": self.recent}
        if not self.cursor_blink:
            data["cursor_blink"] = False
        if self.decks != bundled_decks():
            data["decks"] = str(self.decks)
        if self.criteria != bundled_criteria():
            data["criteria"] = str(self.criteria)
        write_atomic(self.file, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


def load_settings(config_dir: Path | None = None, language: str | None = None) -> Settings:
    folder = config_dir or default_config_dir()
    settings = Settings(folder)
    try:
        data = yaml.safe_load(settings.file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    if isinstance(data, dict):
        if is_language(data.get("language")):
            settings.language = data["language"]
        for key in ("decks", "criteria"):
            value = data.get(key)
            if isinstance(value, str) and value and not (value == _OLD_DEFAULTS[key] and not Path(value).exists()):
                setattr(settings, key, Path(value))
        if isinstance(data.get("cursor_blink"), bool):
            settings.cursor_blink = data["cursor_blink"]
        if isinstance(data.get("recent"), list):
            settings.recent = [str(p) for p in data["recent"] if isinstance(p, str)]
    if is_language(language):
        settings.language = language
    return settings
