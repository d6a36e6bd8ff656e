"""Benchmark the commands a facilitator runs, whole: `cardengine build` and `cardengine validate` of a deck FILE
of 1,000 cards (written from the bundled cards, ids made unique) and of the six bundled decks, against a floor.

The floor is a bare script run the same way: a fresh Python reads the same deck files with PyYAML's fastest
loader and draws the same text and shapes with reportlab (fronts, backs, crop marks, the same QR codes with
segno, the call the engine makes), with no engine between: no validation, no layout model, no shrink-to-fit, no
templates. About half of the floor's time is segno choosing each QR code's mask, which the engine pays too.
Every card of the 1,000 has its own texts (a copy number is added), so no cache of fitted text serves a repeat.
Everything runs in a fresh process, timed from outside: wall time, CPU time (user + system, from the child's
rusage, steadier than wall time on a shared machine) and peak RSS. Each command runs --runs times; the table
shows medians. Decks of over 1,000 cards are written as several files (a deck file may hold 5 MiB).

    .venv/bin/python bench/build.py [--cards 1000] [--runs 3]
    .venv/bin/python bench/build.py --memory 1000,5000,10000   # peak RSS of build as decks grow
"""

from __future__ import annotations

import argparse
import copy
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "decks"
PER_FILE = 1000  # cards per generated file: 1,000 cards take 2.6 MB, under the 5 MiB a deck file may have


# ---------------------------------------------------------------- the decks

def write_decks(n: int, folder: Path) -> list[Path]:
    """n cards from the bundled decks, ids made unique, as deck files of at most PER_FILE cards each."""
    import yaml

    bundled = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
               for p in sorted(DECKS.glob("*.yaml"))]
    decks = [d for d in bundled if isinstance(d, dict) and "cards" in d]
    cards = [(d, c) for d in decks for c in d["cards"]]
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for part, start in enumerate(range(0, n, PER_FILE)):
        head = {k: v for k, v in decks[part % len(decks)].items() if k != "cards"}
        head["id"] = f"bench-{part + 1}"
        body = []
        for i in range(start, min(n, start + PER_FILE)):
            _, card = cards[i % len(cards)]
            card = copy.deepcopy(card)  # a copy per card, or the dumper would write anchors and aliases
            copy_no = i // len(cards)
            card["id"] = f"{card['id']}-{copy_no}"
            if copy_no:  # every text its own, as in a real deck: no cache of fitted text may serve a repeat
                for key in ("summary", "description"):
                    card[key] = {k: f"{v} ({copy_no})" for k, v in card[key].items()} \
                        if isinstance(card[key], dict) else f"{card[key]} ({copy_no})"
            body.append(card)
        head["cards"] = body
        path = folder / f"bench-{part + 1}.yaml"
        path.write_text(yaml.dump(head, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=110),
                        encoding="utf-8")
        files.append(path)
    return files


# ---------------------------------------------------------------- the floor (run in a child process)

@functools.cache
def _colour(hex_colour: str):
    """One colour object per colour, as a script would keep them (parsing "#RRGGBB" per call costs 2 s)."""
    from reportlab.lib.colors import HexColor

    return HexColor(hex_colour)


def floor(paths: list[Path], out: Path) -> None:
    """What a hand-written script would do: read each deck file, draw every card's text and shapes on A4 sheets
    of 3 x 3 poker cards, fronts then backs, with crop marks, at fixed sizes and positions."""
    import segno
    import yaml
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    fonts = ROOT / "cardengine" / "fonts"
    for name, file in (("CardSans", "DejaVuSansCondensed.ttf"), ("CardSans-Bold", "DejaVuSansCondensed-Bold.ttf"),
                       ("CardSans-Italic", "DejaVuSansCondensed-Oblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    sdg = ["#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942", "#FD6925",
           "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D", "#19486A"]
    files = [f for p in paths for f in (sorted(p.glob("*.yaml")) if p.is_dir() else [p])]
    for file in files:
        deck = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if "cards" not in deck:
            continue  # criteria
        lang = deck["languages"][0]
        c = Canvas(str(out / f"floor-{file.stem}.pdf"), pagesize=(210 * mm, 297 * mm), pageCompression=1)
        cards = deck["cards"]
        for sheet in range(0, len(cards), 9):
            chunk = cards[sheet:sheet + 9]
            for side in ("front", "back"):
                for slot, card in enumerate(chunk):
                    x0, y0 = (9 + (slot % 3) * 64) * mm, (201 - (slot // 3) * 89) * mm
                    _floor_front(c, deck, card, lang, x0, y0, sdg, segno, simpleSplit, mm) if side == "front" \
                        else _floor_back(c, deck, lang, x0, y0, mm)
                c.setLineWidth(0.25)
                for slot in range(len(chunk)):  # crop marks: two short lines at each corner
                    x0, y0 = (9 + (slot % 3) * 64) * mm, (201 - (slot // 3) * 89) * mm
                    for x, y in ((x0, y0), (x0 + 63 * mm, y0), (x0, y0 + 88 * mm), (x0 + 63 * mm, y0 + 88 * mm)):
                        c.line(x - 3 * mm, y, x - 1 * mm, y)
                        c.line(x, y - 3 * mm, x, y - 1 * mm)
                c.setFont("CardSans", 6)
                c.drawString(4 * mm, 2.5 * mm, f"{deck['id']} · poker · {lang} · sheet {sheet // 9 + 1} · {side}")
                c.showPage()
        c.save()


def _floor_front(c, deck, card, lang, x0, y0, sdg, segno, simpleSplit, mm) -> None:
    c.setFillColor(_colour(deck["colour"]))
    c.rect(x0, y0 + 77 * mm, 63 * mm, 11 * mm, stroke=0, fill=1)
    c.setFillColor(_colour("#FFFFFF"))
    c.setFont("CardSans-Bold", 7)
    name = deck["name"][lang] if isinstance(deck["name"], dict) else deck["name"]
    c.drawString(x0 + 4 * mm, y0 + 80 * mm, name.upper())
    c.drawRightString(x0 + 59 * mm, y0 + 80 * mm, card["id"])
    c.setFillColor(_colour("#F5F0E0"))
    c.rect(x0, y0 + 12 * mm, 63 * mm, 14.4 * mm, stroke=0, fill=1)
    c.setFillColor(_colour(deck["colour"]))
    c.rect(x0 + 4 * mm, y0 + 57.2 * mm, 55 * mm, 0.3 * mm, stroke=0, fill=1)
    c.setFillColor(_colour("#1A1A1A"))
    y = y0 + 72 * mm
    def t(text) -> str:  # a text is one string, or one per language
        return text[lang] if isinstance(text, dict) else text

    actors = ", ".join(t(a) for a in card["actors"])
    facts = f"{', '.join(card['scale'])}\n{card['cost']} · {card['horizon']}"
    for font, size, text in (("CardSans-Bold", 10.5, t(card["title"])), ("CardSans-Italic", 7.5, t(card["summary"])),
                             ("CardSans", 7.2, t(card["description"])), ("CardSans", 6.5, actors),
                             ("CardSans", 6.2, facts)):
        c.setFont(font, size)
        for part in text.split("\n"):
            for line in simpleSplit(part, font, size, 55 * mm):
                c.drawString(x0 + 4 * mm, y, line)
                y -= size * 1.15
    for k, goal in enumerate(card["sdgs"]):
        c.setFillColor(_colour(sdg[goal - 1]))
        c.roundRect(x0 + (4 + k * 7.2) * mm, y0 + 4.5 * mm, 6 * mm, 6 * mm, 0.7 * mm, stroke=0, fill=1)
        c.setFillColor(_colour("#FFFFFF"))
        c.setFont("CardSans-Bold", 8.5)
        c.drawCentredString(x0 + (7 + k * 7.2) * mm, y0 + 6.4 * mm, str(goal))
    matrix = segno.make(card["id"], error="m", micro=False).matrix  # the call the engine makes
    m = 9.4 / (len(matrix) + 4) * mm
    path = c.beginPath()
    for r, row in enumerate(matrix):
        start = None
        for col, dark in enumerate([*list(row), 0]):  # one rectangle per run of dark modules, as the engine
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x0 + 50 * mm + (start + 2) * m, y0 + 12 * mm - (r + 3) * m, (col - start) * m, m)
                start = None
    c.setFillColor(_colour("#000000"))
    c.drawPath(path, stroke=0, fill=1)


def _floor_back(c, deck, lang, x0, y0, mm) -> None:
    c.setFillColor(_colour(deck["colour"]))
    c.rect(x0, y0, 63 * mm, 88 * mm, stroke=0, fill=1)
    c.setStrokeColor(_colour("#FFFFFF"))
    c.setLineWidth(1)
    c.roundRect(x0 + 4 * mm, y0 + 4 * mm, 55 * mm, 80 * mm, 3 * mm, stroke=1, fill=0)
    c.setFillColor(_colour("#FFFFFF"))
    c.setFont("CardSans-Bold", 16)
    c.drawCentredString(x0 + 31.5 * mm, y0 + 50 * mm, (deck["name"][lang] if isinstance(deck["name"], dict)
                                                      else deck["name"]).upper())
    c.setFont("CardSans-Italic", 7.5)
    c.drawCentredString(x0 + 31.5 * mm, y0 + 34 * mm, "Carte delle soluzioni progettuali")


# ---------------------------------------------------------------- measuring

def measure(argv: list[str]) -> dict:
    """Run argv in a fresh process; its wall time, CPU time (user + system) and peak RSS, from its own rusage."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024}


def cardengine(*args: str) -> list[str]:
    return [sys.executable, "-m", "cardengine", *args]


def median_of(runs: list[dict]) -> dict:
    return {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu")} | {"mb": max(r["mb"] for r in runs)}


def table(cards: int, runs: int, tmp: Path) -> None:
    deck = write_decks(cards, tmp / "deck")[0] if cards <= PER_FILE else tmp / "deck"
    if cards > PER_FILE:
        write_decks(cards, deck)
    out = tmp / "out"
    out.mkdir()
    rows = {
        f"build {cards}": cardengine("build", str(deck), "-o", str(out / "a")),
        f"validate {cards}": cardengine("validate", str(deck)),
        f"floor {cards}": [sys.executable, __file__, "--floor", str(deck), str(out)],
        "build bundled": cardengine("build", str(DECKS), "-o", str(out / "b")),
        "validate bundled": cardengine("validate", str(DECKS)),
        "floor bundled": [sys.executable, __file__, "--floor", str(DECKS), str(out)],
    }
    results: dict[str, list[dict]] = {name: [] for name in rows}
    for _ in range(runs):  # interleaved, so a burst of load elsewhere falls on every row alike
        for name, argv in rows.items():
            results[name].append(measure(argv))
    med = {name: median_of(r) for name, r in results.items()}
    print(f"median of {runs} runs; ratio = this command / the floor of the same decks (CPU and wall)")
    print(f"{'command':<20}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}{'CPU ratio':>11}{'wall ratio':>11}"
          f"   CPU of each run")
    for name, m in med.items():
        base = med[f"floor {cards}" if str(cards) in name else "floor bundled"]
        print(f"{name:<20}{m['wall']:>8.2f}{m['cpu']:>8.2f}{m['mb']:>9.0f}{m['cpu'] / base['cpu']:>11.2f}"
              f"{m['wall'] / base['wall']:>11.2f}   " + " ".join(f"{r['cpu']:.2f}" for r in results[name]))


def memory(sizes: list[int], tmp: Path) -> None:
    print(f"{'cards':>8}{'files':>7}{'CPU s':>8}{'peak MB':>9}")
    points = []
    for n in sizes:
        folder = tmp / f"m{n}"
        files = write_decks(n, folder)
        m = measure(cardengine("build", str(folder), "-o", str(tmp / f"out{n}")))
        points.append((n, m["mb"]))
        print(f"{n:>8}{len(files):>7}{m['cpu']:>8.2f}{m['mb']:>9.1f}")
    if len(points) > 1:
        (n0, mb0), (n1, mb1) = points[0], points[-1]
        print(f"peak RSS grows {(mb1 - mb0) / (n1 - n0) * 1000:.2f} MB per 1,000 cards")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory", help="comma-separated card counts: peak RSS of build for each")
    parser.add_argument("--floor", nargs=2, metavar=("DECKS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor([Path(args.floor[0])], Path(args.floor[1]))
        return
    import yaml
    from reportlab.lib import rl_accel

    accel = "with" if "fp_str" in getattr(rl_accel, "_c_funcs", {}) else "WITHOUT"
    print(f"poker layout, A4 sheets, first language; reportlab {accel} its C accelerator, "
          f"PyYAML {'with' if yaml.__with_libyaml__ else 'WITHOUT'} libyaml")
    with tempfile.TemporaryDirectory() as tmp:
        if args.memory:
            memory([int(n) for n in args.memory.split(",")], Path(tmp))
        else:
            table(args.cards, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
