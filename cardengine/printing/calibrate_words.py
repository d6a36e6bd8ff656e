"""The words on the calibration page, in Italian and English: how to print it, read it and use the reading."""

from __future__ import annotations

import textwrap

FLIP = {"long-edge": ("capovolgi sul lato lungo", "flip on long edge"),
        "short-edge": ("capovolgi sul lato corto", "flip on short edge")}
WIDTH = 92  # characters a line at 8 pt across the page's middle


def _wrap(text: str) -> tuple[str, ...]:
    return tuple(textwrap.wrap(text, WIDTH))


def instructions(sheet: str, duplex: str, front: bool) -> list[tuple[float, bool, tuple[str, ...]]]:
    """(size pt, bold, lines) paragraphs, top to bottom."""
    it_flip, en_flip = FLIP[duplex]
    if not front:
        return [(14, True, ("RETRO · BACK",)),
                (8, False, _wrap("Questo è il retro: le frecce e le linee rosse devono trasparire sul fronte. "
                                 "Se le vedi su questo lato davanti a te, gira il foglio.")),
                (8, False, _wrap("This is the back: the red arrows and lines show through on the front. "
                                 "If you are looking at this side, turn the sheet over."))]
    return [
        (13, True, (f"Calibrazione fronte-retro · Duplex calibration ({sheet.upper()}, {duplex})",)),
        (9, True, ("Italiano",)),
        (8, False, _wrap(f"1. Stampa questo file sui due lati di un solo foglio {sheet.upper()} (fronte-retro, "
                         f"{it_flip}), a dimensione reale (100%, senza «adatta alla pagina»).")),
        (8, False, _wrap("2. Guarda il fronte controluce (finestra o lampada): le frecce rosse del retro "
                         "trasparono sui quattro righelli neri.")),
        (8, False, _wrap("3. Su ogni righello leggi i millimetri interi dove punta la freccia rossa: il numero "
                         "della tacca nera subito prima della freccia, andando verso i numeri più grandi. Per i "
                         "decimi conta le linee rosse corte a partire dalla freccia: quella che combacia meglio "
                         "con una tacca nera dà i decimi (la 4ª linea = 0,4 mm). Esempio: freccia tra -2 e -1, "
                         "combacia la 4ª linea: -2 + 0,4 = -1,6.")),
        (8, False, _wrap("4. I righelli in alto e in basso danno X, quelli ai lati danno Y (se differiscono, "
                         "usa la media: la stampante ruota un poco il retro). I numeri hanno già il segno giusto.")),
        (8, True, _wrap(f"5. Stampa le carte con: cardengine build --duplex {duplex} --back-offset=X,Y "
                        "(per esempio --back-offset=-1.6,0.4). Per controllare: cardengine calibrate "
                        f"--sheet {sheet} --duplex {duplex} --back-offset=X,Y: le frecce devono puntare a 0.")),
        (9, True, ("English",)),
        (8, False, _wrap(f"1. Print this file on both sides of one {sheet.upper()} sheet (duplex, {en_flip}), "
                         "at actual size (100%, no \"fit to page\").")),
        (8, False, _wrap("2. Hold the front against the light (a window or a lamp): the back's red arrows "
                         "show through on the four black rulers.")),
        (8, False, _wrap("3. On each ruler, read the whole millimetres where the red arrow points: the number "
                         "of the black tick just before the arrow, going towards the larger numbers. For tenths, "
                         "count the short red lines from the arrow: the one that best meets a black tick gives "
                         "the tenths (the 4th line = 0.4 mm). Example: arrow between -2 and -1, 4th line meets "
                         "a tick: -2 + 0.4 = -1.6.")),
        (8, False, _wrap("4. The top and bottom rulers give X, the side rulers give Y (if they differ, use "
                         "the average: the printer turns the back a little). The numbers already carry the "
                         "right sign.")),
        (8, True, _wrap(f"5. Print the cards with: cardengine build --duplex {duplex} --back-offset=X,Y "
                        "(for example --back-offset=-1.6,0.4). To check: cardengine calibrate "
                        f"--sheet {sheet} --duplex {duplex} --back-offset=X,Y: every arrow should point at 0.")),
    ]
