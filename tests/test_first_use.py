"""First use anywhere (issue 11, deliverable 9): the decks, criteria and layouts ship inside the package, so the
app and `session new` work from any folder with no settings; --decks DIR brings DIR/criteria.yaml; the start
form's fields are all reachable and labelled at 80x24."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from textual.widgets import Input, Select

from cardengine.bundled import bundled_criteria, bundled_decks, bundled_layouts
from cardengine.sessions.workshop import Workshop
from cardengine_tui.app import make_app
from cardengine_tui.i18n import t
from cardengine_tui.settings import load_settings
from cardengine_tui.start_screens import StartScreen
from cardengine_tui.table_screen import TableScreen

from .conftest import DECKS

ROOT = Path(__file__).resolve().parent.parent


def screen_text(app) -> str:
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def cardengine(*args: str, cwd: Path, config: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    return subprocess.run([sys.executable, "-m", "cardengine", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch) -> Path:
    """A folder outside the repository, as the working folder, with no decks/ or layouts/ of its own."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_the_bundled_folders_are_the_repository_ones():
    # decks/ and layouts/ stay the single source: the package maps them, it does not copy them.
    assert bundled_decks().resolve() == DECKS.resolve() or (bundled_decks() / "criteria.yaml").read_bytes() == \
        (DECKS / "criteria.yaml").read_bytes()
    assert bundled_criteria().is_file()
    assert sorted(p.name for p in bundled_layouts().glob("*.yaml")) == \
        sorted(p.name for p in (ROOT / "layouts").glob("*.yaml"))


def test_session_new_from_any_folder_uses_the_bundled_decks(elsewhere, tmp_path):
    done = cardengine("session", "new", "w.db", "--title", "Prova", "--territory", "Trezzano",
                      "--date", "2026-11-30", cwd=elsewhere, config=tmp_path / "config")
    assert done.returncode == 0, done.stderr
    with Workshop.open(elsewhere / "w.db") as w:
        assert len(w.state.decks) == len(list(DECKS.glob("*.yaml"))) - 1  # every deck but the criteria
        assert w.state.criteria.id == yaml.safe_load((DECKS / "criteria.yaml").read_text())["id"]


def test_session_new_decks_dir_brings_its_own_criteria(elsewhere, tmp_path):
    mine = elsewhere / "mine"
    mine.mkdir()
    (mine / "energy.yaml").write_bytes((DECKS / "energy.yaml").read_bytes())
    criteria = yaml.safe_load((DECKS / "criteria.yaml").read_text())
    criteria["id"] = "my-criteria"
    (mine / "criteria.yaml").write_text(yaml.safe_dump(criteria, allow_unicode=True), encoding="utf-8")
    done = cardengine("session", "new", "w.db", "--title", "Prova", "--territory", "Trezzano",
                      "--date", "2026-11-30", "--decks", "mine", cwd=elsewhere, config=tmp_path / "config")
    assert done.returncode == 0, done.stderr
    with Workshop.open(elsewhere / "w.db") as w:
        assert list(w.state.decks) == ["energy"]
        assert w.state.criteria.id == "my-criteria"


def test_session_new_decks_dir_without_criteria_takes_the_bundled_ones(elsewhere, tmp_path):
    mine = elsewhere / "mine"
    mine.mkdir()
    (mine / "energy.yaml").write_bytes((DECKS / "energy.yaml").read_bytes())
    done = cardengine("session", "new", "w.db", "--title", "Prova", "--territory", "Trezzano",
                      "--date", "2026-11-30", "--decks", str(mine), cwd=elsewhere, config=tmp_path / "config")
    assert done.returncode == 0, done.stderr
    assert "criteria city-feasibility" in done.stdout  # the output names the criteria used


def test_validate_and_layouts_from_any_folder(elsewhere, tmp_path):
    done = cardengine("validate", cwd=elsewhere, config=tmp_path / "config")
    assert done.returncode == 0, done.stderr
    from cardengine.printing.layout import available_layouts

    assert {"poker", "tarot", "a6"} <= set(available_layouts())


def test_old_settings_defaults_mean_the_bundled_decks(elsewhere, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(yaml.safe_dump({"language": "it", "decks": "decks",
                                                          "criteria": "decks/criteria.yaml"}))
    settings = load_settings(config)
    assert settings.decks == bundled_decks() and settings.criteria == bundled_criteria()
    settings.save()  # the bundled folders are not written down: they move with the installation
    assert "decks" not in yaml.safe_load((config / "settings.yaml").read_text())


async def test_the_app_creates_a_workshop_from_any_folder_with_no_settings(elsewhere, tmp_path):
    app = make_app(config_dir=tmp_path / "fresh-config")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#new-decks", Input).value == str(bundled_decks())
        assert app.screen.query_one("#new-criteria", Input).value == str(bundled_criteria())
        for field, value in (("new-file", "w.db"), ("new-title", "Prova"), ("new-territory", "Trezzano"),
                             ("new-date", "2026-11-30")):
            app.screen.query_one(f"#{field}", Input).value = value
        app.screen.query_one("#new-date", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#new-table", Input).value = "Nord"
        app.screen.query_one("#new-table", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        for ch in "EN-01":
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.pause()
    with Workshop.open(elsewhere / "w.db") as w:
        assert "EN-01" in w.state.tables[w.table_id("Nord")].picks
        assert len(w.state.cards) > 50


async def test_start_form_keeps_the_saved_criteria(elsewhere, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    own = elsewhere / "own-criteria.yaml"
    own.write_bytes((DECKS / "criteria.yaml").read_bytes())
    (config / "settings.yaml").write_text(yaml.safe_dump({"decks": str(DECKS), "criteria": str(own)}))
    app = make_app(config_dir=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#new-decks", Input).value == str(DECKS)
        assert app.screen.query_one("#new-criteria", Input).value == str(own)


async def test_start_form_decks_folder_brings_its_criteria(elsewhere, tmp_path):
    mine = elsewhere / "mine"
    mine.mkdir()
    (mine / "energy.yaml").write_bytes((DECKS / "energy.yaml").read_bytes())
    (mine / "criteria.yaml").write_bytes((DECKS / "criteria.yaml").read_bytes())
    other = elsewhere / "other"
    other.mkdir()
    app = make_app(config_dir=tmp_path / "config")
    async with app.run_test(size=(80, 24)) as pilot:
        decks = app.screen.query_one("#new-decks", Input)
        criteria = app.screen.query_one("#new-criteria", Input)
        decks.value = str(mine)
        await pilot.pause()
        assert criteria.value == str(mine / "criteria.yaml")
        decks.value = str(other)  # no criteria.yaml there: back to the bundled criteria
        await pilot.pause()
        assert criteria.value == str(bundled_criteria())
        criteria.value = "/my/own.yaml"  # typed by the note-taker: kept whatever the decks folder
        decks.value = str(mine)
        await pilot.pause()
        assert criteria.value == "/my/own.yaml"


@pytest.mark.parametrize("lang", ["it", "en"])
async def test_every_start_form_field_is_reachable_and_labelled_at_80x24(tmp_path, lang):
    app = make_app(config_dir=tmp_path / "config", language=lang)
    labels = {"new-file": "file", "new-title": "workshop_title", "new-territory": "territory", "new-date": "date",
              "new-lang": "language", "new-decks": "decks_folder", "new-criteria": "criteria_file"}
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        for field in ("new-file", "new-title", "new-territory", "new-date"):
            app.screen.query_one(f"#{field}", Input).value = "x" * 30  # filled: a placeholder would be gone
        for field, label in labels.items():
            app.screen.query_one(f"#{field}").focus()
            await pilot.wait_for_scheduled_animations()  # the form scrolls the field into view (a busy machine
            await pilot.pause()  # was once caught mid-scroll, a blank frame)
            shown = screen_text(app).splitlines()
            # The label on a line of its own (the form's scroll bar may be drawn at its end).
            own_line = re.compile(rf"\s*{re.escape(t(label, lang))}\s*[▁▂▃▄▅▆▇█▔]*\s*")
            assert any(own_line.fullmatch(line) for line in shown), (field, "\n".join(shown))
            widget = app.screen.query_one(f"#{field}")
            assert widget.region.height and app.screen.region.contains_region(widget.region), field
        assert isinstance(app.screen.query_one("#new-lang"), Select)


def test_every_data_file_of_the_packages_is_installed():
    """A normal (not editable) install copies only what package-data names: the app's stylesheet was left out
    once, and the installed app stopped at start."""
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {name: ROOT / config.get("package-dir", {}).get(name, name.replace(".", "/"))
               for name in config["packages"]}
    data = config["package-data"]
    left_out = [str(f.relative_to(ROOT)) for name, folder in folders.items() for f in folder.iterdir()
                if f.is_file() and f.suffix not in (".py", ".pyc") and not any(
                    fnmatch.fnmatch(f.name, pattern) or fnmatch.fnmatch(str(f.relative_to(folder)), pattern)
                    for pattern in data.get(name, []) + (data.get("cardengine", []) if name == "cardengine" else []))]
    assert not left_out
