"""Benchmark `cardengine build`: 1,000 cards (the bundled decks repeated) on A4 sheets and as print-shop
cards, against a floor: a bare reportlab script drawing the same text and shapes with no engine between.

Each measurement runs in a fresh process so peak memory (max RSS) is its own. Run by hand:
    .venv/bin/python bench/build.py [--cards 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_decks(n: int):
    from cardengine.deckload import load_paths

    result = load_paths([ROOT / "decks"])
    cards = [(deck, card) for deck in result.decks for card in deck.cards]
    per_deck: dict[str, list] = {}
    for i in range(n):
        deck, card = cards[i % len(cards)]
        per_deck.setdefault(deck.id, []).append(replace(card, id=f"{card.id}-{i // len(cards)}"))
    return [replace(d, cards=tuple(per_deck[d.id])) for d in result.decks if d.id in per_deck]


def run_engine(mode: str, n: int, out: Path) -> dict:
    from cardengine.cardlayout import lay_out_deck
    from cardengine.imposition import PAPERS, Size, plan_sheet
    from cardengine.layout import load_layout
    from cardengine.pdfrender import PrintOptions, write_cards, write_sheets

    decks = bench_decks(n)
    start = time.perf_counter()
    layout = load_layout("poker")
    options = PrintOptions(sheet="a4" if mode == "sheet" else "none")
    plan = plan_sheet(PAPERS["a4"], Size(layout.width, layout.height), 3.0, min_margin=7.5)
    bleed = plan.bleed if mode == "sheet" else 3.0
    pages = 0
    for deck in decks:
        laid = lay_out_deck(deck, layout, "it", bleed)
        assert not laid.problems, laid.problems[:3]
        target = out / f"{deck.id}-{mode}.pdf"
        pages += write_sheets(laid, plan, target, options) if mode == "sheet" else write_cards(laid, target, options)
    return {"seconds": time.perf_counter() - start, "pages": pages}


def run_floor(mode: str, n: int, out: Path) -> dict:
    """What a hand-written reportlab script would do: same strings, shapes, QR path, fixed positions."""
    import segno
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from cardengine.textfit import register_fonts
    from cardengine.vocabulary import SDG_COLOURS

    decks = bench_decks(n)
    register_fonts()
    start = time.perf_counter()
    pages = 0
    size = (210 * mm, 297 * mm) if mode == "sheet" else (69 * mm, 94 * mm)
    for deck in decks:
        c = Canvas(str(out / f"floor-{deck.id}-{mode}.pdf"), pagesize=size, initialFontName="CardSans")
        for i, card in enumerate(deck.cards):
            if mode == "sheet":
                slot = i % 9
                x0, y0 = (10 + (slot % 3) * 65) * mm, (200 - (slot // 3) * 90) * mm
            else:
                x0, y0 = 3 * mm, 3 * mm
            c.setFillColor(deck.colour)
            c.rect(x0, y0 + 77 * mm, 63 * mm, 11 * mm, stroke=0, fill=1)
            c.setFillColor("#F5F0E0")
            c.rect(x0, y0 + 12 * mm, 63 * mm, 14 * mm, stroke=0, fill=1)
            c.setFillColor("#1A1A1A")
            y = y0 + 72 * mm
            for font, sz, text in (("CardSans-Bold", 10.5, card.title["it"]), ("CardSans-Italic", 7.5, card.summary["it"]),
                                   ("CardSans", 6.8, card.description["it"]),
                                   ("CardSans", 6.2, " · ".join(a["it"] for a in card.actors))):
                c.setFont(font, sz)
                for line in simpleSplit(text, font, sz, 55 * mm):
                    c.drawString(x0 + 4 * mm, y, line)
                    y -= sz * 1.15
            for k, goal in enumerate(card.sdgs):
                c.setFillColor(SDG_COLOURS[goal])
                c.roundRect(x0 + (4 + k * 7.2) * mm, y0 + 4 * mm, 6 * mm, 6 * mm, 0.7 * mm, stroke=0, fill=1)
            matrix = segno.make(card.id, error="m", micro=False).matrix  # a full QR code, as the engine draws
            m = 9 / (len(matrix) + 4) * mm
            path = c.beginPath()
            for r, row in enumerate(matrix):
                for col, dark in enumerate(row):
                    if dark:
                        path.rect(x0 + 50 * mm + col * m, y0 + 13 * mm - r * m, m, m)
            c.setFillColor("#000000")
            c.drawPath(path, stroke=0, fill=1)
            if mode != "sheet" or slot == 8 or i == len(deck.cards) - 1:
                c.showPage()
                pages += 1
        c.save()
    return {"seconds": time.perf_counter() - start, "pages": pages}


def child(kind: str, mode: str, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = (run_engine if kind == "engine" else run_floor)(mode, n, Path(tmp))
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "MODE"))
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.cards)
        return
    from reportlab.lib import rl_accel

    accel = "with the rl_accel C accelerator" if "fp_str" in getattr(rl_accel, "_c_funcs", {}) else \
        "WITHOUT the rl_accel C accelerator"
    print(f"{args.cards} cards, poker layout, Italian, {accel}")
    print(f"{'mode':<12}{'engine s':>10}{'cards/s':>10}{'peak MB':>10}{'floor s':>10}{'ratio':>8}")
    for mode in ("sheet", "print-shop"):
        results = {}
        for kind in ("engine", "floor"):
            out = subprocess.run([sys.executable, __file__, "--cards", str(args.cards), "--child", kind, mode],
                                 capture_output=True, text=True, check=True)
            results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
        e, f = results["engine"], results["floor"]
        print(f"{mode:<12}{e['seconds']:>10.2f}{args.cards / e['seconds']:>10.0f}{e['peak_mb']:>10.0f}"
              f"{f['seconds']:>10.2f}{e['seconds'] / f['seconds']:>8.2f}")


if __name__ == "__main__":
    main()
