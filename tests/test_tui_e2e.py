"""A whole table recorded as a note-taker would, in a real pseudo-terminal at 80x24, in Italian.

Keys go to `cardengine tui` as bytes, at the pace of someone who looks at the screen after each action; the
screen is read as the note-taker sees it (a terminal emulator plays every byte), and at the end the file is
read back with `Workshop.open`, value by value. Then the app is opened again on the same file.
"""

from __future__ import annotations

import time
from pathlib import Path

from cardengine.sessions import Workshop, WorkshopInfo
from cardengine.sessions.state import CONSENSUS

from .terminal import AppInTerminal
from .tui_support import bundled

TAB, ENTER, ESC, SHIFT_TAB = "\t", "\r", "\x1b", "\x1b[Z"
DOWN, UP = "\x1b[B", "\x1b[A"
CTRL_Z, CTRL_Y, CTRL_S, CTRL_Q = "\x1a", "\x19", "\x13", "\x11"
CRITERIA = ("technical", "economic", "regulatory", "social", "time")


class Table:
    """The note-taker at the keyboard: type, then look at the screen until it shows what was expected."""

    def __init__(self, app: AppInTerminal):
        self.app = app
        self.in_field = True  # where the app puts the focus at start

    def do(self, keys: str, *expect: str, timeout: float = 20, pause: float = 0.0) -> list[str]:
        mark = self.app.mark()
        self.app.type(keys)
        for text in expect:
            try:
                self.app.wait_shown(text, mark, timeout=timeout)
            except TimeoutError:
                raise AssertionError(f"after {keys!r}, {text!r} never shown; the screen:\n"
                                     + "\n".join(self.app.screen())) from None
        if keys.endswith(ESC):
            pause = max(pause, 0.3)  # a lone Escape is told from the start of a key's sequence by the pause after it
        time.sleep(pause)
        self.app.settle(mark)  # a person reads the screen before the next key
        return self.app.screen()

    def field(self, text: str, *expect: str) -> list[str]:
        """Back to the id field (Escape, from wherever the focus is), then text and Enter."""
        if not self.in_field:
            self.do(ESC)
        self.in_field = True
        return self.do(text + ENTER, *expect)

    def to_card(self, card: str) -> None:
        """Find a card already at the table by typing its id, then go to the picks (Tab)."""
        self.field(card, f"{card} è già tra le carte")
        self.move()

    def move(self, keys: str = TAB) -> None:
        """Tab or shift+Tab: the focus moves after the keys already on their way, so a person waits to see it."""
        self.in_field = False
        self.do(keys, pause=0.5)

    def choose(self, steps: int) -> None:
        """In a dialog's select (focused): open it, move `steps` down, choose."""
        self.do(ENTER, pause=0.4)
        self.do(DOWN * steps)
        self.do(ENTER, pause=0.4)


def test_a_whole_table_at_80x24_in_italian_then_reopened(tmp_path: Path):
    path = tmp_path / "trezzano.db"
    with Workshop.create(path, WorkshopInfo("Living lab", "Trezzano sul Naviglio", "2021-07-27", language="it"),
                         *bundled()) as w:
        w.add_table("Nord", area="Area nord")
    config = tmp_path / "config"
    (config / "cardengine").mkdir(parents=True)
    # The cursor stands still, so the terminal is quiet once the app has handled a key (see Table.do).
    (config / "cardengine" / "settings.yaml").write_text("cursor_blink: false\n")
    app = AppInTerminal([str(path), "--table", "Nord"], config, size=(80, 24))
    try:
        table = Table(app)
        app.wait_for("Codice carta")

        # Participants at the table.
        table.move()
        table.do("a", "Partecipante al tavolo")
        table.do("Azienda A" + ENTER, "Partecipante Azienda A aggiunto")
        table.do("a", "Partecipante al tavolo")
        table.do("Cittadina B" + ENTER, "Partecipante Cittadina B aggiunto")

        # Ten picks by id, as typed by hand (case and dash forgiven, digits never guessed).
        typed = ["en01", "EN-02", "cl 01", "CL-03", "MO-02", "MO-05", "WA-01", "BE-02", "WW-01", "EN-11"]
        for text, card in zip(typed, ["EN-01", "EN-02", "CL-01", "CL-03", "MO-02", "MO-05", "WA-01", "BE-02",
                                      "WW-01", "EN-11"], strict=False):
            table.field(text, f"{card} scelta")
        # A scanner's burst with a wrong id among right ones.
        table.do(ESC)
        screen = table.do("CL-05\rXX-99\rMO-06\rWA-02\r", "·   WA-02", "Nessuna carta 'XX-99'")
        # Words are a search: the results open and nothing is logged until the note-taker chooses.
        table.do("riflettenti" + ENTER, "non è un codice")
        table.do(ENTER, "·   CL-06")
        table.in_field = False

        # Five cards scored on every criterion: Enter on the card opens its first unscored criterion.
        scores = {"EN-01": "43522", "EN-02": "34343", "CL-01": "54451", "MO-05": "23324", "BE-02": "44434"}
        for card, digits in scores.items():
            table.to_card(card)
            table.do(ENTER)
            table.do(digits, f"Tempi di attuazione      {digits[-1]}")  # typed at speed: each lands in order
        screen = app.screen()
        assert any("5 valutate" in line for line in screen), "\n".join(screen)

        # Favourites and a discard.
        table.to_card("MO-02")
        table.do("f", "★   MO-02")
        table.to_card("EN-01")
        table.do("f", "★   EN-01")
        table.to_card("WA-01")
        table.do("x", "✗   WA-01")

        # Comments of every kind: on cards and on the whole table, credited to a participant or not.
        table.to_card("EN-01")
        table.do("c", "Tipo di commento")
        table.do("Serve un accordo con il GSE" + ENTER)
        table.to_card("EN-02")
        table.do("c", "Tipo di commento")
        table.move(SHIFT_TAB)
        table.move(SHIFT_TAB)  # the kind
        table.choose(1)  # Fattore abilitante
        table.move()  # who said it
        table.choose(1)  # Azienda A
        table.move()
        table.do("I tetti dei capannoni sono già censiti" + ENTER)
        table.do("C", "Tipo di commento")  # on the whole table
        table.move(SHIFT_TAB)
        table.move(SHIFT_TAB)
        table.choose(2)  # Domanda
        table.move()
        table.move()
        table.do("Chi gestisce la manutenzione?" + ENTER)
        table.do("C", "Tipo di commento")
        table.move(SHIFT_TAB)
        table.move(SHIFT_TAB)
        table.choose(3)  # Citazione
        table.move()
        table.choose(2)  # Cittadina B
        table.move()
        table.do("Il quartiere vuole più verde" + ENTER)

        # A proposal of two marked cards, then edited: its title, lead actors and place.
        table.to_card("EN-11")
        table.do(" ", "1 carta segnata")
        table.to_card("MO-06")
        table.do(" ", "2 carte segnate")
        table.do("p", "Carte combinate")
        table.do("Parcheggi solari")
        table.do(ENTER, pause=0.5)
        table.do("Pensiline fotovoltaiche sui parcheggi aziendali")
        table.do(CTRL_S, "P   P1")
        table.field("P1", "P1")
        table.move()
        table.do("e")
        table.do(" con ricarica")  # typed after the title's saved text
        table.move()
        table.move()  # past the description, to the lead actors (one a line)
        table.do("Comune di Trezzano" + ENTER + "Consorzio del distretto")
        table.move()
        table.do("Area nord, via Leonardo da Vinci")
        table.do(CTRL_S)

        # Priorities: Mobilità first, then Energia (the dialog lists the domains by name).
        table.do("o", "Priorità del tavolo")
        screen = app.screen()
        lines = [line for line in screen if "(non prioritario)" in line]
        names = ("Ambiente", "Clima", "Energia", "Governance condivisa", "Mobilità")
        assert [name in line for name, line in zip(names, lines, strict=False)] == [True] * 5
        table.do(DOWN * 4)
        table.do(" ")  # Mobilità: first of the priorities, at the top of the list
        table.do(DOWN * 3)
        table.do(" ")  # Energia: second
        table.do(ENTER, "Priorità: 1 Mobilità")

        # Undo and redo: the status says what.
        table.do(CTRL_Z, "Annullato: Priorità")
        table.do(CTRL_Y, "Ripristinato: Priorità")
        table.to_card("WW-01")
        table.do("x", "✗   WW-01")
        table.do(CTRL_Z, "·   WW-01")
        final = app.wait_on_screen("Annullato: WW-01 scartata")  # once the last notice has gone
        table.do(CTRL_Q)
        app.proc.wait(timeout=20)
    finally:
        app.close()

    # What the file holds, value by value.
    with Workshop.open(path) as w:
        nord = w.state.tables["nord"]
        picks = {card: p.kind for card, p in nord.picks.items()}
        assert picks == {"EN-01": "favourite", "EN-02": "selected", "CL-01": "selected", "CL-03": "selected",
                         "MO-02": "favourite", "MO-05": "selected", "WA-01": "discarded", "BE-02": "selected",
                         "WW-01": "selected", "EN-11": "selected", "CL-05": "selected", "MO-06": "selected",
                         "WA-02": "selected", "CL-06": "selected"}
        assert "XX-99" not in picks
        for card, digits in scores.items():
            got = [nord.scores.get((card, c, CONSENSUS)) for c in CRITERIA]
            assert got == [int(d) for d in digits], (card, got)
        participants = {p.label: p for p in w.state.participants.values()}
        assert set(participants) == {"Azienda A", "Cittadina B"}
        comments = [(c.kind, c.card, c.text, participants_label(w, c.by)) for c in nord.comments]
        assert comments == [
            ("barrier", "EN-01", "Serve un accordo con il GSE", None),
            ("enabler", "EN-02", "I tetti dei capannoni sono già censiti", "Azienda A"),
            ("question", None, "Chi gestisce la manutenzione?", None),
            ("quote", None, "Il quartiere vuole più verde", "Cittadina B"),
        ]
        proposal = nord.proposals["P1"]
        assert proposal.title == "Parcheggi solari con ricarica"
        assert proposal.description == "Pensiline fotovoltaiche sui parcheggi aziendali"
        assert [c["card"] for c in proposal.cards] == ["EN-11", "MO-06"]
        assert proposal.lead_actors == ["Comune di Trezzano", "Consorzio del distretto"]
        assert proposal.where == "Area nord, via Leonardo da Vinci"
        assert nord.priority_domains == ["mobility", "energy"]
    # The screen said the same: the last status, the counts.
    assert any("Annullato: WW-01 scartata" in line for line in final), "\n".join(final)

    # Reopened, the app shows the table as it was left.
    app = AppInTerminal([str(path), "--table", "Nord"], config, size=(80, 24))
    try:
        app.wait_on_screen("Priorità: 1 Mobilità · 2 Energia")
        screen = app.wait_on_screen("5 valutate · 9 da valutare")
        rows = {line.split()[2]: line.split() for line in screen if line.startswith("│ ") and "-0" in line[:12]}
        assert rows["EN-01"][1:4] == ["★", "EN-01", "65"] and rows["WA-01"][1] == "✗", "\n".join(screen)
    finally:
        app.close()


def participants_label(w: Workshop, key: str | None) -> str | None:
    return w.state.participants[key].label if key else None
