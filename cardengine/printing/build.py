"""`cardengine build`: decks -> laid-out cards -> print-ready PDFs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cardengine.decks.images import PRINT_DPI, ImageProblem, effective_dpi, open_image
from cardengine.decks.model import Deck
from cardengine.i18n import tr
from cardengine.printing.compose import ImageOp, LaidDeck, LayoutProblem, lay_out_deck
from cardengine.printing.layout import Layout


@dataclass
class BuildReport:
    written: list[tuple[Path, int, int]] = field(default_factory=list)  # (file, cards, pages)
    problems: list[LayoutProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[LayoutProblem]:
        return [p for p in self.problems if p.severity == "error"]


def output_name(deck: Deck, layout: Layout, lang: str, sheet: str, press: str = "") -> str:
    """press: "" for the RGB build (its name unchanged: scripts rely on it), "cmyk" or "pdfx4", so a
    print-shop build never replaces the RGB one in the same folder."""
    kind = "cards" if sheet == "none" else sheet
    return f"{deck.id}-{layout.id}-{lang}-{kind}{'-' + press if press else ''}.pdf"


def other_file(first: Path | None, second: Path | None) -> bool:
    """Two decks with one id come from different files (the same file given twice is one deck)."""
    return not (first and second and first.resolve() == second.resolve())


def id_clash(deck_id: str, first: Path | None, second: Path | None) -> str:
    """Why build refuses two files with one deck id: their outputs would have one name (output_name)."""
    return tr("cardengine: error: {first} and {second} are both deck '{id}', so their files would have the same "
              "name; give one of them another id. Nothing built").format(first=first, second=second, id=deck_id)


def check_images(laid: LaidDeck) -> list[LayoutProblem]:
    """Every image is a real PNG/JPEG inside the deck folder, warned about below 300 dpi."""
    problems = []
    # The fronts' photos, the details sides' images, and the common back's logo.
    sides = [(card.card_id, side) for card in laid.cards for side in (card.front, card.back) if side is not None]
    sides += [("", laid.back)] if laid.back else []
    for card_id, side in sides:
        for op in side.ops:
            if not isinstance(op, ImageOp):
                continue
            base = laid.deck.source.parent.resolve() if laid.deck.source else Path(".").resolve()
            try:
                target = op.path.resolve()
            except (OSError, RuntimeError, ValueError) as exc:  # a link loop or a NUL made after validation
                problems.append(LayoutProblem(laid.deck.id, card_id, "image", f"{op.path}: {exc}"))
                continue
            if not target.is_relative_to(base):
                problems.append(LayoutProblem(laid.deck.id, card_id, "image",
                                              tr("{path} lies outside the deck's folder").format(path=op.path)))
                continue
            try:
                img = open_image(target)
            except ImageProblem as exc:
                problems.append(LayoutProblem(laid.deck.id, card_id, "image", str(exc)))
                continue
            dpi = effective_dpi(img, op.w, op.h)
            if dpi < PRINT_DPI:
                shown = f"{dpi:.0f}" if dpi >= 1 else tr("under 1")  # a 1-pixel image is not "0 dpi"
                problems.append(LayoutProblem(
                    laid.deck.id, card_id, "image",
                    tr("{name} prints at {dpi} dpi, below {least}: it will look blurred; use an image of at least "
                       "{width} x {height} pixels").format(name=op.path.name, dpi=shown, least=PRINT_DPI,
                                                           width=round(op.w / 25.4 * PRINT_DPI),
                                                           height=round(op.h / 25.4 * PRINT_DPI)),
                    severity="warning"))
    return problems


def lay_out(decks: list[Deck], layout: Layout, lang: str | None, bleed: float) -> tuple[list[LaidDeck], list]:
    laid_decks, problems = [], []
    for deck in decks:
        laid, deck_problems = lay_out_one(deck, layout, lang, bleed)
        problems += deck_problems
        if laid is None:
            continue
        laid_decks.append(laid)
        if budget_spent(laid):
            break
    return laid_decks, problems


def lay_out_one(deck: Deck, layout: Layout, lang: str | None, bleed: float) -> tuple[LaidDeck | None, list]:
    """One deck's laid-out cards (None if it lacks the language) and its problems, images checked."""
    deck_lang = lang if lang else deck.default_language
    if deck_lang not in deck.languages:
        return None, [LayoutProblem(deck.id, "", "-", tr("the deck has no '{lang}' text; choose one of {langs}")
                                    .format(lang=deck_lang, langs=", ".join(deck.languages)))]
    laid = lay_out_deck(deck, layout, deck_lang, bleed)
    return laid, laid.problems + check_images(laid)


def budget_spent(laid: LaidDeck) -> bool:
    """A template past its budget would pass it again on every deck: once is enough to say so."""
    return any(p.budget for p in laid.problems)
