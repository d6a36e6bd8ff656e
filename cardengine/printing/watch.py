"""`build --watch` and `preview --watch`: build once, then rebuild the deck whose file was saved.

A facilitator edits a deck beside its preview. Watched: each deck file, the images its cards name, the layout
file and every layout it extends, and the deck folders given (a new deck saved there is built too). A saved
deck or image rebuilds only the decks that use it; a saved layout rebuilds every deck. A save that breaks
something prints the problem as build does and keeps watching: build writes nothing when it refuses, so the
last good PDFs and pictures stay. Ctrl-C stops it, exit 0.

Changes come from watchfiles (inotify/FSEvents/ReadDirectoryChangesW through Rust's notify, as uvicorn
uses): a save is seen within about 50 ms without reading every file every half second, and editors that save
by writing a new file and renaming it over the old one (vim, many IDEs) are seen too, since folders are
watched rather than the files' inodes.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cardengine.i18n import tr
from cardengine.printing.layout import layout_files

Command = Callable[[argparse.Namespace], int]


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: watch the name as it is
        return path.absolute()


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, from an image field the next build will reject
        return False


@dataclass
class DeckFile:
    """What one deck file's output depends on besides the layout: itself and its cards' images."""

    path: Path
    images: frozenset[Path] = frozenset()
    card_ids: frozenset[str] = frozenset()
    is_deck: bool = True


def read_deck_file(path: Path) -> DeckFile:
    """The images and card ids a deck file names, read without checking it (building it checks it). A file that
    does not parse yet is still a deck to watch: the next save may mend it."""
    from cardengine.decks.yaml_source import read_yaml

    doc, _ = read_yaml(path)
    if doc is None or not isinstance(doc.data, dict):
        return DeckFile(_resolve(path))
    if "cards" not in doc.data:
        return DeckFile(_resolve(path), is_deck=False)  # a criteria file beside the decks
    cards = doc.data.get("cards")
    cards = [c for c in cards if isinstance(c, dict)] if isinstance(cards, list) else []
    images = {_resolve(path.parent / c["image"]) for c in cards if isinstance(c.get("image"), str)
              and "\0" not in c["image"]}
    ids = {c["id"].upper() for c in cards if isinstance(c.get("id"), str)}
    return DeckFile(_resolve(path), frozenset(images), frozenset(ids))


@dataclass
class Watched:
    decks: dict[Path, DeckFile] = field(default_factory=dict)
    layout: set[Path] = field(default_factory=set)
    deck_folders: set[Path] = field(default_factory=set)

    @property
    def files(self) -> set[Path]:
        return set(self.decks) | self.layout | {i for d in self.decks.values() for i in d.images}

    @property
    def folders(self) -> set[Path]:
        """Folders to watch: those of every watched file, and the deck folders given."""
        return {f.parent for f in self.files if _is_dir(f.parent)} | self.deck_folders

    def affected(self, changed: Iterable[Path]) -> list[Path]:
        """The deck files to build again after `changed` files were saved (or made, or removed)."""
        changed = set(changed)
        if changed & self.layout:
            return sorted(p for p, d in self.decks.items() if d.is_deck and p.exists())
        out = set()
        for path in changed:
            if path.suffix in (".yaml", ".yml") and (path in self.decks or path.parent in self.deck_folders):
                self.decks[path] = read_deck_file(path) if path.is_file() else DeckFile(path, is_deck=False)
                if self.decks[path].is_deck:
                    out.add(path)
        out |= {p for p, d in self.decks.items() if d.images & changed and d.is_deck}
        return sorted(p for p in out if p.is_file())


def plan(args: argparse.Namespace) -> Watched:
    from cardengine.bundled import default_decks
    from cardengine.decks.load import discover

    paths = list(args.decks) or [default_decks()]
    files, _ = discover(paths)
    watched = Watched(layout=layout_files(args.layout),
                      deck_folders={_resolve(p) for p in paths if p.is_dir()})
    for file in files:
        deck = read_deck_file(file)
        watched.decks[deck.path] = deck
    return watched


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _wanted(args: argparse.Namespace) -> set[str]:
    """The card ids of preview --cards (build has no --cards: every card)."""
    return {c.strip().upper() for c in (getattr(args, "cards", None) or "").split(",") if c.strip()}


def _run(command: Command, args: argparse.Namespace, decks: list[Path] | None, watched: Watched) -> int:
    """Build all decks, or only `decks`; the exit code."""
    from cardengine.outputs import OutputError

    changes: dict[str, Any] = {"watch": False}
    if decks is not None:
        changes["decks"] = decks
        if getattr(args, "cards", None):  # preview --cards: only the chosen cards these decks hold
            changes["cards"] = ",".join(sorted(_wanted(args) & {i for d in decks for i in watched.decks[d].card_ids}))
    try:
        return command(argparse.Namespace(**{**vars(args), **changes}))
    except OutputError as exc:  # the disk filled up or the folder went away: say so and keep watching
        print(tr("cardengine: error: {message}").format(message=exc), file=sys.stderr, flush=True)
        return exc.code
    except SystemExit as exc:  # a usage error found while building (a bad --back-offset...)
        return exc.code if isinstance(exc.code, int) else 2


Stamp = tuple[int, int] | None  # a file's modification time (ns) and size; None: no such file


def _stamps(watched: Watched) -> dict[Path, Stamp]:
    """What every watched file looks like now, and each YAML file in the deck folders (a new deck): a save made
    while no watcher ran (during the first build, between two watchers) shows as a changed stamp."""
    paths = set(watched.files)
    for folder in watched.deck_folders:
        with contextlib.suppress(OSError):  # the folder went away: the next build says so
            paths |= {_resolve(p) for p in folder.iterdir() if p.suffix in (".yaml", ".yml")}
    stamps: dict[Path, Stamp] = {}
    for path in paths:
        try:
            status = path.stat()
            stamps[path] = (status.st_mtime_ns, status.st_size)
        except OSError:
            stamps[path] = None
    return stamps


def _saved_since(before: dict[Path, Stamp], watched: Watched) -> set[Path]:
    now = _stamps(watched)
    return {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}


def watch(command: Command, args: argparse.Namespace) -> int:
    """Build, then build again what each save changes, until Ctrl-C (exit 0)."""
    import logging

    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its own "KeyboardInterrupt caught" note
    watch_plan = plan(args)
    try:
        # Files change while no watcher runs (the first build, a rebuild before watching again): their stamps
        # before it are compared once the next watcher is live, so no save is lost.
        stamps = _stamps(watch_plan)
        code = _run(command, args, None, watch_plan)
        if code == 2 or not watch_plan.layout or not (watch_plan.decks or watch_plan.deck_folders):
            return code  # bad arguments, no such layout or deck: watching would only repeat them
        while True:
            folders = watch_plan.folders
            live = False
            # The first (timeout) yield comes once the watcher runs: only then is "watching" true.
            for changes in watchfiles.watch(*sorted(folders), recursive=False, raise_interrupt=False,
                                            debounce=1600, step=50, rust_timeout=200, yield_on_timeout=True):
                changed = {_resolve(Path(p)) for _, p in changes}
                if not live:
                    live = True
                    _say(tr("watching {count} deck file(s), their images and layout {layout}; save a file to "
                            "rebuild, Ctrl-C to stop").format(count=len(watch_plan.decks), layout=args.layout))
                    changed |= _saved_since(stamps, watch_plan)
                if not changed:
                    continue
                layout_changed = bool(changed & watch_plan.layout)
                decks = watch_plan.affected(changed)
                if _wanted(args):  # preview --cards: a deck without any of those cards has no picture to redraw
                    decks = [d for d in decks if _wanted(args) & watch_plan.decks[d].card_ids]
                if layout_changed:
                    # `extends` may name another parent now; a layout that does not parse keeps its old parents
                    watch_plan.layout |= layout_files(args.layout)
                if not decks:
                    continue
                names = ", ".join(sorted(p.name for p in changed & watch_plan.files)) or tr("a new deck")
                _say(tr("changed: {files}; rebuilding {decks}").format(files=names,
                                                                      decks=", ".join(p.name for p in decks)))
                stamps = _stamps(watch_plan)  # a save during this build is seen even if the watcher changes
                code = _run(command, args, decks, watch_plan)
                if code != 0:
                    _say(tr("not rebuilt: the problems above; the last good files stay. Fix and save again"))
                if watch_plan.folders != folders:
                    break  # a new image folder or parent layout: watch again with it
            else:
                break  # Ctrl-C while waiting (watchfiles stops quietly)
    except KeyboardInterrupt:  # Ctrl-C while building: build writes all its files or none
        pass
    _say(tr("stopped watching"))
    return 0
