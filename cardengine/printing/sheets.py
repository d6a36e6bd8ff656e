"""Sheet templates as data: where cards go on printer paper, read from `layouts/sheets/*.yaml`.

Like Squib's sprues, a template names the paper and lists the card slots as measured with a ruler
(from the paper's top-left corner, in mm or with a unit: `2.5in`), each optionally turned; or it asks
for a `grid` (as many cards of the layout as fit inside a margin), so the same template serves every
layout. Unlike a sprue, a template is checked before anything is printed: slots that overlap, leave the
paper or cannot hold the layout's card and its bleed are errors naming the file, line and field.
Crop marks are drawn at the cards' own edges (they cannot disagree with the slots); backs are mirrored
per the duplex mode unless the template lists them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cardengine.bundled import bundled_layouts
from cardengine.decks.schema_check import check_schema
from cardengine.decks.yaml_source import Positions, read_yaml
from cardengine.i18n import ntr, tr
from cardengine.printing.imposition import PAPERS, Placement, SheetPlan, Size, fold_plan, plan_sheet
from cardengine.problems import InputError, Problem

NONE = "none"  # not a template: one card per page, page = card + bleed
SHEET_PAPERS = {**PAPERS, "sra3": Size(320.0, 450.0)}  # SRA3: the press sheet print shops gang cards on
_UNITS = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_LENGTH = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(mm|cm|in|pt)$")
MAX_PAPER = 2000.0  # mm: larger than any press sheet; keeps a typo (2100 for 210) from making a huge page
_EPS = 1e-6


@dataclass(frozen=True)
class Slot:
    x: float  # slot's left edge from the paper's left edge, mm
    y: float  # slot's top edge from the paper's top edge, mm
    rotate: int  # degrees counter-clockwise the card is turned in the slot


@dataclass(frozen=True)
class SheetTemplate:
    id: str
    name: str
    paper: Size
    margin: float | None  # a grid template: fill the paper inside this margin
    slot: Size | None  # a template of fixed slots: each slot's size as it lies on the paper
    cards: tuple[Slot, ...]
    backs: tuple[Slot, ...] | None
    min_bleed: float
    crop_marks: bool
    source: Path
    positions: Positions

    def problem(self, field: tuple, message: str, hint: str = "") -> Problem:
        line, col = self.positions.of_value(field)
        return Problem(self.source, line, col, field, message, hint)


def sheets_folder() -> Path:
    return bundled_layouts() / "sheets"


def available_sheets() -> list[str]:
    names = {p.stem for folder in (Path("layouts") / "sheets", sheets_folder()) if folder.is_dir()
             for p in folder.glob("*.yaml")}
    return sorted(names)


def find_sheet(name: str) -> Path | None:
    """A template by name: ./layouts/sheets first (a project's own), then the bundled ones."""
    for folder in (Path("layouts") / "sheets", sheets_folder()):
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    return None


def load_sheet(name_or_path: str | Path) -> SheetTemplate:
    """A template by name or path; InputError naming every problem."""
    path = Path(name_or_path)
    if not path.suffix and len(path.parts) == 1:  # a name; anything else is the path it is (as layouts do)
        found = find_sheet(str(name_or_path)) or find_sheet(str(name_or_path).lower())  # A4 is a4
        if found is None:
            wanted = f"layouts/sheets/{name_or_path}.yaml"  # the file a name stands for (a path, not words)
            raise InputError([Problem(wanted, 0, 0, (), tr("no sheet named '{name}'").format(name=name_or_path),
                                      tr("choose one of: {names}, or give the path of a sheet template (.yaml)")
                                      .format(names=", ".join([*available_sheets(), NONE])))])
        path = found
    if not path.exists():
        raise InputError([Problem(path, 0, 0, (), tr("no such sheet template"),
                                  tr("give the path of a sheet template (.yaml) or one of: {names}")
                                  .format(names=", ".join(available_sheets())))])
    doc, problems = read_yaml(path)
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(Problem(path, 1, 1, (), tr("a sheet template is a mapping of fields (name:, paper:, ...)"),
                                tr("see layouts/sheets/a4.yaml for an example")))
    elif doc is not None:
        problems += check_schema("sheet", doc.data, path, doc.positions)
    if problems or doc is None:
        raise InputError(problems)
    template = _build(doc.data, path, doc.positions)
    problems = check_template(template)
    if problems:
        raise InputError(problems)
    return template


def _mm(value: Any) -> float:
    """A schema-checked length: a number of mm or text with a unit."""
    if isinstance(value, (int, float)):
        return float(value)
    number, unit = _LENGTH.match(value.strip()).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def _size(value: Any) -> Size:
    if isinstance(value, str):
        return SHEET_PAPERS[value]
    return Size(_mm(value["width"]), _mm(value["height"]))


def _slots(items: list[dict[str, Any]] | None) -> tuple[Slot, ...]:
    return tuple(Slot(_mm(i["x"]), _mm(i["y"]), int(i.get("rotate", 0))) for i in items or ())


def _build(data: dict[str, Any], path: Path, positions: Positions) -> SheetTemplate:
    grid = data.get("grid")
    return SheetTemplate(
        id=path.stem, name=data["name"], paper=_size(data["paper"]),
        margin=_mm(grid["margin"]) if grid else None,
        slot=_size(data["slot"]) if "slot" in data else None,
        cards=_slots(data.get("cards")), backs=_slots(data["backs"]) if "backs" in data else None,
        min_bleed=_mm(data.get("bleed", 0)), crop_marks=bool(data.get("crop_marks", True)),
        source=path, positions=positions)


def check_template(t: SheetTemplate) -> list[Problem]:
    """What the schema cannot say: sizes that make sense, slots on the paper and apart from each other."""
    out: list[Problem] = []
    w, h = t.paper.width, t.paper.height
    if not (10 <= w <= MAX_PAPER and 10 <= h <= MAX_PAPER):
        out.append(t.problem(("paper",), tr("paper {paper} is not a printable size").format(paper=t.paper),
                             tr("give a width and height from 10 mm to {most} mm").format(most=f"{MAX_PAPER:g}")))
    if t.min_bleed > 10:
        out.append(t.problem(("bleed",), tr("bleed {bleed} mm is more than the 10 mm any print shop asks").format(
                                 bleed=f"{t.min_bleed:g}"), tr("write the bleed in mm (3) or with its unit (0.125in)")))
    if (t.margin is None) == (not t.cards):
        field = ("grid",) if t.margin is not None else ()
        out.append(t.problem(field, tr("a template has either grid: (computed) or cards: (listed slots), not both")
                             if t.cards else
                             tr("a template has either grid: (computed) or cards: (listed slots), not neither"),
                             tr("keep grid: {margin: 7.5mm} to fit any layout, or list the slots under cards:")))
        return out
    if t.margin is not None:
        if t.slot is not None or t.backs:
            out.append(t.problem(("grid",), tr("a grid template places its cards itself: slot: and backs: "
                                               "belong to templates that list cards:"),
                                 tr("remove them, or the grid")))
        if not 0 <= t.margin <= min(w, h) / 3:
            out.append(t.problem(("grid", "margin"), tr("margin {margin} mm leaves no room for cards").format(
                                     margin=f"{t.margin:g}"),
                                 tr("give a margin from 0 to {most} mm").format(most=f"{min(w, h) / 3:.0f}")))
        return out
    if t.slot is None:
        return [*out, t.problem(("cards",), tr("listed cards need the size of their slots"),
                                tr("add slot: {width: 63mm, height: 88mm} (the cut size, as it lies on the paper)"))]
    if not (5 <= t.slot.width <= w and 5 <= t.slot.height <= h):
        out.append(t.problem(("slot",), tr("slot {slot} does not fit on paper {paper}").format(
                                 slot=t.slot, paper=t.paper),
                             tr("measure the slot's width and height as it lies on the paper")))
        return out
    out += _check_slots(t, t.cards, "cards")
    if t.backs is not None:
        if len(t.backs) != len(t.cards):
            out.append(t.problem(("backs",), tr("{backs} back(s) for {cards} card(s)").format(
                                     backs=len(t.backs), cards=len(t.cards)),
                                 tr("list one back per card, in the same order, or leave backs: out to mirror "
                                    "the fronts per the duplex mode")))
        out += _check_slots(t, t.backs, "backs")
    return out


def _check_slots(t: SheetTemplate, slots: tuple[Slot, ...], field: str) -> list[Problem]:
    out = []
    sw, sh = t.slot.width, t.slot.height  # type: ignore[union-attr]
    for i, s in enumerate(slots):
        if s.x < -_EPS or s.y < -_EPS or s.x + sw > t.paper.width + _EPS or s.y + sh > t.paper.height + _EPS:
            out.append(t.problem((field, i), tr("slot {n} at x {x}, y {y} mm runs off the {paper} paper").format(
                                 n=i + 1, x=f"{s.x:g}", y=f"{s.y:g}", paper=t.paper),
                                 tr("measure x and y from the paper's top-left corner")))
        for j, other in enumerate(slots[:i]):
            if min(s.x + sw, other.x + sw) - max(s.x, other.x) > _EPS and \
                    min(s.y + sh, other.y + sh) - max(s.y, other.y) > _EPS:
                out.append(t.problem((field, i), tr("slot {n} overlaps slot {other} ({field}[{index}])").format(
                                     n=i + 1, other=j + 1, field=field, index=j),
                                     tr("two cards cannot share paper: check x and y")))
                break
    return out


def _on_paper(t: SheetTemplate, s: Slot, index: int, card: Size, bleed: float) -> Placement:
    turned = s.rotate in (90, 270)
    w, h = (card.height, card.width) if turned else (card.width, card.height)
    sw, sh = t.slot.width, t.slot.height  # type: ignore[union-attr]
    # The card sits centred in its slot; PDF counts y from the paper's bottom.
    return Placement(index, s.x + (sw - w) / 2, t.paper.height - s.y - sh + (sh - h) / 2, w, h, s.rotate)


def plan_template(t: SheetTemplate, card: Size, bleed: float, duplex: str = "long-edge") -> SheetPlan:
    """Where the layout's cards go on this template's paper; InputError when they do not fit it."""
    if t.margin is not None:
        try:
            if duplex == "fold":
                plan = fold_plan(t.paper, card, max(bleed, t.min_bleed), t.margin)
            else:
                plan = plan_sheet(t.paper, card, bleed, t.margin, min_bleed=t.min_bleed)
        except ValueError as exc:
            raise InputError([t.problem(("paper",), str(exc), tr("use a larger sheet or a smaller layout"))]) from None
        return _named(plan, t)
    if duplex == "fold":
        raise InputError([t.problem(("cards",), tr("--duplex fold needs a grid template (fronts on one half, "
                                                   "backs on the other); this one lists fixed slots"),
                                    tr("use --duplex long-edge or short-edge with this stock, or a grid sheet "
                                       "such as a4"))])
    problems = []
    room = math.inf
    for i, s in enumerate(t.cards):
        turned = s.rotate in (90, 270)
        w, h = (card.height, card.width) if turned else (card.width, card.height)
        spare = min(t.slot.width - w, t.slot.height - h) / 2  # type: ignore[union-attr]
        if spare < t.min_bleed - _EPS:
            # Advise turning the card only where the turned card would fit the slot.
            turned_spare = min(t.slot.width - h, t.slot.height - w) / 2  # type: ignore[union-attr]
            fits_turned = turned_spare >= t.min_bleed - _EPS
            problems.append(t.problem(("cards", i), _too_small(turned, bool(t.min_bleed)).format(
                slot=t.slot, card=card, bleed=f"{t.min_bleed:g}"), tr("choose a layout whose card fits the slot")
                if turned or not fits_turned else tr("choose a layout whose card fits the slot, or turn it with "
                                                     "rotate: 90")))
        room = min(room, spare)
    if problems:
        raise InputError(problems[:3] + ([t.problem(("cards",), tr("{count} more slot(s) too small").format(
                                                      count=len(problems) - 3))]
                                         if len(problems) > 3 else []))
    # Bleed stays inside the slot: it would print on the neighbouring card of butted die-cut stock.
    bleed = max(t.min_bleed, min(bleed, room))
    fronts = tuple(_on_paper(t, s, i, card, bleed) for i, s in enumerate(t.cards))
    backs = tuple(_on_paper(t, s, i, card, bleed) for i, s in enumerate(t.backs)) if t.backs else None
    return SheetPlan(paper=t.paper, card=card, cols=len(fronts), rows=1, rotated=any(p.rotation for p in fronts),
                     bleed=bleed, gap=2 * bleed, fronts=fronts, margin_x=0.0, margin_y=0.0, backs=backs,
                     marks=t.crop_marks, name=t.id)


def _too_small(turned: bool, bleed: bool) -> str:
    """The message for a slot too small for the card, whole per case so that a translator sees the sentence."""
    if turned:
        return (tr("slot {slot} cannot hold a {card} card (turned) with {bleed} mm bleed") if bleed else
                tr("slot {slot} cannot hold a {card} card (turned)"))
    return tr("slot {slot} cannot hold a {card} card with {bleed} mm bleed") if bleed else tr(
        "slot {slot} cannot hold a {card} card")


def _named(plan: SheetPlan, t: SheetTemplate) -> SheetPlan:
    from dataclasses import replace

    return replace(plan, marks=t.crop_marks, name=t.id)


def sheet_label(plan: SheetPlan | None, duplex: str) -> str:
    """The sheet's part of an output file name: a4, sra3, avery-5388; -fold when folded."""
    if plan is None:
        return NONE
    return plan.name + ("-fold" if duplex == "fold" else "")


def plan_for(sheet: str, card: Size, bleed: float, duplex: str, back_offset: tuple[float, float] = (0.0, 0.0)
             ) -> SheetPlan | None:
    """The plan for `--sheet NAME|FILE` (None for `none`: one card a page); InputError naming what is wrong."""
    if duplex == "fold" and any(back_offset):
        flag = "--back-offset"  # the option at fault stands where a file would (a name, not words)
        raise InputError([Problem(flag, 0, 0, (), tr("--duplex fold prints each back beside its front on the same "
                                                     "side of the paper, so there is no duplex offset to correct"),
                                  tr("leave --back-offset out with --duplex fold"))])
    if sheet == NONE:
        if duplex == "fold":
            flag = "--sheet"  # the option at fault stands where a file would (a name, not words)
            raise InputError([Problem(flag, 0, 0, (), tr("--duplex fold puts fronts and backs side by side on a "
                                                         "sheet, so it needs one"),
                                      tr("give --sheet a4 (or another sheet), not none"))])
        return None
    return plan_template(load_sheet(sheet), card, bleed, duplex)


def sheet_summary(plan: SheetPlan, duplex: str) -> str:
    """One line for the person at the printer: how many cards, how to print and (when folded) how to fold."""
    if plan.rows > 1 or plan.margin_x:
        grid = " " + (tr("({cols} x {rows}, turned)") if plan.rotated else tr("({cols} x {rows})")).format(
            cols=plan.cols, rows=plan.rows)
    else:
        grid = ", " + tr("turned") if plan.rotated else ""
    cards = ntr("{n} card", "{n} cards", plan.per_sheet).format(n=plan.per_sheet)
    facts = {"name": plan.name, "cards": cards, "grid": grid, "bleed": f"{plan.bleed:.2g}", "duplex": duplex}
    if duplex == "fold":
        line = tr("across the middle") if plan.fold == "horizontal" else tr("down the middle")
        return tr("sheet {name}: {cards} a side{grid}, bleed {bleed} mm on the sheet, fronts and backs on one side: "
                  "print single-sided at actual size (100%), fold {line} along the dashed line, then cut").format(
                      line=line, **facts)
    return tr("sheet {name}: {cards} a side{grid}, bleed {bleed} mm on the sheet, duplex {duplex}; print at actual "
              "size (100%)").format(**facts)
