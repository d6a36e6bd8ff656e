"""Card layouts as data: size, bleed, safe margin and named boxes, read from `layouts/*.yaml`.

A layout may extend another (Squib-style): it inherits every box, replaces the fields it names for
a box of the same name, adds new boxes, and drops boxes marked `remove: true`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cardengine.bundled import bundled_layouts
from cardengine.decks.schema_check import check_schema
from cardengine.decks.yaml_source import read_yaml
from cardengine.i18n import tr
from cardengine.printing.layout_check import SIDES, Origins, check_geometry, origins_of
from cardengine.problems import InputError, Problem

BUNDLED_LAYOUTS = bundled_layouts()  # inside the installed package, or beside it in a source checkout
DEFAULTS = {"bleed": 3.0, "safe": 4.0, "font_scale": 1.0}
BOX_DEFAULTS: dict[str, Any] = {
    "x": 0, "y": 0, "w": "100%", "h": "100%", "fill": "none", "stroke": "none", "stroke_width": 0.5,
    "radius": 0, "bleed": False, "template": "", "font": "regular", "size": 9, "min_size": 6, "leading": 1.2,
    "colour": "ink", "align": "left", "valign": "top", "badge": 5, "gap": 1, "fallback": "pattern",
    "markup": "none", "heading_space": 0.3,
}


@dataclass(frozen=True)
class Box:
    """One named area of a card side. Lengths in mm from the trim box's top-left corner."""

    name: str
    kind: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str
    stroke_width: float
    radius: float
    bleed: bool
    template: str
    font: str
    size: float
    min_size: float
    leading: float
    colour: str
    align: str
    valign: str
    badge: float
    gap: float
    fallback: str = "pattern"  # an image box without an image: the deck's pattern, icon and card id, or none
    where: str = ""  # "file:line" of the box in its layout, for warnings about it
    markup: str = "none"  # "lines": the template's "# " lines are bold headings, "• " lines bullets (markup.py)
    heading_space: float = 0.3  # lines of space before a heading under markup, if the fit allows


@dataclass(frozen=True)
class Layout:
    id: str
    name: str
    width: float
    height: float
    bleed: float
    safe: float
    front: tuple[Box, ...]
    back: tuple[Box, ...]
    source: Path | None = None
    # Boxes laid out for every card and printed as that card's own back (see cardsides.py); empty: the
    # common deck back is printed behind every card.
    details: tuple[Box, ...] = ()


def find_layout(name: str, search: tuple[Path, ...] = ()) -> Path | None:
    """A layout by id: in the given folders, then ./layouts, then the bundled ones."""
    for folder in (*search, Path("layouts"), BUNDLED_LAYOUTS):
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    return None


def available_layouts() -> list[str]:
    names = {p.stem for folder in (Path("layouts"), BUNDLED_LAYOUTS) if folder.is_dir()
             for p in folder.glob("*.yaml")}
    return sorted(names)


def load_layout(name_or_path: str | Path) -> Layout:
    """Load a layout and everything it extends; raise InputError naming every problem."""
    path = Path(name_or_path)
    # An id has no suffix and no folder; any other path (/dev/zero, ../mine) is read as the path it is, so the
    # problem named is that file's, not a missing layouts/<path>.yaml.
    if not path.suffix and len(path.parts) == 1:
        found = find_layout(str(name_or_path)) or (path if path.exists() else None)
        if found is None:
            wanted = f"layouts/{name_or_path}.yaml"  # the file a name stands for (a path, not words)
            raise InputError([Problem(wanted, 0, 0, (), tr("no layout named '{name}'").format(name=name_or_path),
                                      tr("choose one of: {names}").format(names=", ".join(available_layouts())))])
        path = found
    merged, origins = _resolve(path, chain=())
    return _build(merged, path, origins)


def _read(path: Path) -> tuple[dict[str, Any], Origins]:
    doc, problems = read_yaml(path)
    if doc is not None:
        problems += check_schema("layout", doc.data, path, doc.positions)
    if problems or doc is None:
        raise InputError(problems)
    return doc.data, origins_of(doc.data, path, doc.positions)


def _resolve(path: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], Origins]:
    """The layout with everything it extends merged in, and where each of its values was written."""
    if path.resolve() in chain:
        names = " -> ".join(p.stem for p in (*chain, path.resolve()))
        raise InputError([Problem(path, 0, 0, ("extends",), tr("layouts extend each other in a circle: {names}").format(
                                      names=names),
                                  tr("make one of them stand on its own"))])
    data, origins = _read(path)
    parent_name = data.get("extends")
    if not parent_name:
        return data, origins
    parent_path = find_layout(parent_name, (path.parent,))
    if parent_path is None:
        raise InputError([Problem(path, 0, 0, ("extends",), tr("extends '{name}', which does not exist").format(
                                      name=parent_name),
                                  tr("choose one of: {names}").format(names=", ".join(available_layouts())))])
    parent, parent_origins = _resolve(parent_path, (*chain, path.resolve()))
    return _merge(parent, data), {**parent_origins, **origins}


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = {**parent, **{k: v for k, v in child.items() if k not in (*SIDES, "size")}}
    out["size"] = {**parent.get("size", {}), **child.get("size", {})}
    if "font_scale" not in child and "font_scale" in parent:
        out["font_scale"] = parent["font_scale"]
    for side in SIDES:
        boxes = {b["name"]: dict(b) for b in parent.get(side, [])}
        order = [b["name"] for b in parent.get(side, [])]
        for b in child.get(side, []):
            if b.get("remove"):
                boxes.pop(b["name"], None)
                continue
            if b["name"] in boxes:
                boxes[b["name"]].update(b)
            else:
                boxes[b["name"]] = dict(b)
                order.append(b["name"])
        out[side] = [boxes[name] for name in order if name in boxes]
    return out


def _length(value: Any, whole: float) -> float:
    if isinstance(value, str) and value.endswith("%"):
        return float(value[:-1]) / 100 * whole
    return float(value)


def _build(data: dict[str, Any], path: Path, origins: Origins) -> Layout:
    size = data.get("size") or {}
    if "width" not in size or "height" not in size:
        raise InputError([Problem(path, 0, 0, ("size",), tr("the layout has no card size"),
                                  tr("give size: {width: 63, height: 88} (mm) or extend a layout that has one"))])
    geometry = check_geometry(data, BOX_DEFAULTS, origins, path)
    if geometry:
        raise InputError(geometry)
    width, height = float(size["width"]), float(size["height"])
    settings = {**DEFAULTS, **{k: data[k] for k in DEFAULTS if k in data}}
    scale = float(settings["font_scale"])

    missing_kind = [(side, b["name"]) for side in SIDES for b in data.get(side, []) if "kind" not in b]
    if missing_kind:
        raise InputError([Problem(*(origins.get((side, name)) or (path, 0, 0, (side,))),
                                  tr("box '{name}' has no kind").format(name=name),
                                  tr("add kind: (rect, text, sdgs, qr, image, line, pattern, icon or logo), or name "
                                     "a box of the layout this one extends")) for side, name in missing_kind])

    def box(raw: dict[str, Any], side: str) -> Box:
        b = {**BOX_DEFAULTS, **raw}
        at = origins.get((side, b["name"], "colour")) or origins.get((side, b["name"]))
        b.pop("remove", None)
        return Box(
            name=b["name"], kind=b["kind"], x=_length(b["x"], width), y=_length(b["y"], height),
            w=_length(b["w"], width), h=_length(b["h"], height), fill=b["fill"], stroke=b["stroke"],
            stroke_width=float(b["stroke_width"]), radius=float(b["radius"]), bleed=bool(b["bleed"]),
            template=b["template"], font=b["font"], size=float(b["size"]) * scale,
            min_size=max(6.0, float(b["min_size"]) * scale), leading=float(b["leading"]), colour=b["colour"],
            align=b["align"], valign=b["valign"], badge=float(b["badge"]), gap=float(b["gap"]),
            fallback=b["fallback"], where=f"{at[0]}:{at[1]}" if at else "",
            markup=b["markup"], heading_space=float(b["heading_space"]),
        )

    from cardengine.printing.templating import template_problem

    bad = [(side, b["name"], template_problem(b["template"])) for side in SIDES
           for b in data.get(side, []) if b.get("template")]
    problems = []
    for side, name, found in bad:
        if found:
            file, line, col, at = origins.get((side, name, "template")) or (path, 0, 0, (side,))
            message = tr("box '{name}': {problem}").format(name=name, problem=found[0])
            problems.append(Problem(file, line, col, at, message, found[1]))
    if problems:
        raise InputError(problems)
    return Layout(id=data["id"], name=data["name"], width=width, height=height,
                  bleed=float(settings["bleed"]), safe=float(settings["safe"]),
                  front=tuple(box(b, "front") for b in data.get("front", [])),
                  back=tuple(box(b, "back") for b in data.get("back", [])), source=path,
                  details=tuple(box(b, "details") for b in data.get("details", [])))


def _real_path(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: the name as it is
        return path.absolute()


def layout_files(name: str) -> set[Path]:
    """The layout file `name` stands for and each layout it extends, as load_layout finds them (read even when
    the layout is broken, so `--watch` keeps watching its parents; the build's inputs never written over)."""
    given = Path(name)
    path: Path | None = given
    if not given.suffix and len(given.parts) == 1:
        path = find_layout(name) or (given if given.exists() else None)
    found: set[Path] = set()
    while path is not None and _real_path(path) not in found:
        found.add(_real_path(path))
        doc, _ = read_yaml(path) if path.is_file() else (None, [])
        parent = doc.data.get("extends") if doc is not None and isinstance(doc.data, dict) else None
        path = find_layout(parent, (path.parent,)) if isinstance(parent, str) and parent else None
    return found
