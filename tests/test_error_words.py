"""Every refusal and error the engine can give the app has a code, and the app has words for it in both
languages (issue 11, deliverable 7: "all Italian when Italian").

The engine's English messages are what the command line prints and stay as they were; the code and values
are extra. The first test reads the engine's source, so a new refusal without a code, or with a code the app
has no words for, fails here rather than showing English in the Italian app."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from cardengine.sessions import (
    ActionError,
    Event,
    Problem,
    Workshop,
    WorkshopInfo,
    WorkshopState,
    card_problem,
    check_event,
    disk_failure,
    event_rules,
    name_problem,
    payload_checks,
    store,
)
from cardengine_tui.i18n import CATALOGUE_ENTRIES, FOREIGN_WORDS, error_text, word

from .conftest import DECKS, ROOT, SMALL_DECK

# The engine modules whose errors reach the app (opening, recording, refreshing, the fold's reasons).
ENGINE = [ROOT / "cardengine" / "sessions" / name for name in (
    "workshop.py", "name_lookup.py", "store.py", "disk_failure.py", "file_checks.py", "new_files.py", "event_check.py",
    "event_rules.py", "payload_checks.py")]
PROBLEM_MODULES = {"event_check.py", "event_rules.py", "payload_checks.py"}  # where `Problem` is the checker's
EVERY_MODULE = sorted((ROOT / "cardengine").rglob("*.py"))  # import, merge and the CLI too
ERROR_CLASSES = {"ActionError", "StoreError", "Problem"}


def _code_strings(node: ast.expr) -> list[str] | None:
    """The codes a `code` argument can take: a literal, or either literal of `A if COND else B`; None when it
    is computed (only re-raising another error's code is allowed, checked below)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _code_strings(node.body), _code_strings(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _error_calls(path: Path) -> list[tuple[int, ast.Call]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # (`Problem` is the event checker's; deckload's problems.Problem is another thing, a deck file's problem)
    classes = ERROR_CLASSES if path.name in PROBLEM_MODULES else ERROR_CLASSES - {"Problem"}
    return [(node.lineno, node) for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name) and node.func.id in classes]


def test_every_engine_error_carries_a_code_the_app_has_words_for():
    missing, unknown, seen = [], [], set()
    for path in EVERY_MODULE:
        for line, call in _error_calls(path):
            where = f"{path.name}:{line}"
            code = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "code"),
                                                                  None)
            if code is None:
                missing.append(where)
                continue
            codes = _code_strings(code)
            if codes is None:  # `StoreError(..., exc.code, ...)`: passing on a code already checked
                assert isinstance(code, ast.Attribute) and code.attr == "code", f"{where}: computed code"
                continue
            seen.update(codes)
            unknown += [f"{where}: {c}" for c in codes if f"error_{c}" not in CATALOGUE_ENTRIES]
            for keyword in call.keywords:  # a value that is a word itself: X_code="literal"
                if keyword.arg and keyword.arg.endswith("_code") and isinstance(keyword.value, ast.Constant):
                    code_word = f"{keyword.arg[:-5]}_{keyword.value.value}"
                    if code_word not in CATALOGUE_ENTRIES:
                        unknown.append(f"{where}: {code_word}")
    assert not missing, f"errors without a code (the app would show English): {missing}"
    assert not unknown, f"codes the app has no words for (add them to tui/error_words.py): {unknown}"
    assert len(seen) > 60  # the scan found the engine's errors (it reads the right files)


def test_every_word_inside_an_error_is_known_too():
    """The values that are words themselves: which field (what_), why a write failed (reason_), which type
    a field must have (type_)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in [*ENGINE, ROOT / "cardengine" / "cli" / "main.py"])
    whats = set(re.findall(r"(?:name_problem|line_problem)\([^,()]+(?:\([^()]*\))?, \"([^\"]+)\"\)", source))
    whats |= set(re.findall(r"\(p\[\"\w+\"\], \"([^\"]+)\"\)", source))
    assert {"table name", "participant label", "lead actor", "place", "macro-area", "note-taker"} <= whats
    # the command line shows each of them in its language: every one is in the catalogue (marked in WHATS)
    assert not sorted(whats - set(event_rules.WHATS))
    words = {f"what_{event_rules._what(w)}" for w in whats} | {"what_table", "what_workshop", "what_participant"}
    words |= {f"reason_{code}" for _, code in disk_failure.REASON_CODES} | {"reason_other"}
    words |= {f"type_{kind.__name__}" for kind in payload_checks._TYPE_WORDS}
    assert not sorted(w for w in words if w not in CATALOGUE_ENTRIES)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_error_words_are_in_one_language_and_name_the_same_values(lang):
    other = "en" if lang == "it" else "it"
    problems = {}
    for key in CATALOGUE_ENTRIES:
        if not key.startswith(("error_", "reason_", "what_", "type_")):
            continue
        assert _placeholders(word(key, lang)) == _placeholders(word(key, other)), key
        text = word(key, lang).format(**dict.fromkeys(_placeholders(word(key, lang)), "X"))
        found = [w for w in FOREIGN_WORDS[lang] if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)]
        if found:
            problems[key] = found
    assert not problems, problems


def test_a_problem_is_the_english_sentence_the_command_line_prints():
    """The code is extra: the text, equality, printing and the `if problem:` tests are those of a str."""
    problem = card_problem(WorkshopState(), "XX-99")
    assert problem == "no card 'XX-99' in this workshop's decks (no decks); check the id on the card"
    assert isinstance(problem, str) and f"{problem}" == str(problem) and problem.code == "no_card"
    assert error_text(problem, "it") == "Nessuna carta 'XX-99' nei mazzi di questo workshop; controlla il codice " \
                                        "sulla carta"  # (the decks' ids are codes, in English: left out)
    control = name_problem("Nord\u202e", "table name")
    assert control == "the table name 'Nord\\u202e' holds the control character \\u202e; remove it"
    assert error_text(control, "it") == "Nome del tavolo: 'Nord\\u202e' contiene il carattere di controllo " \
                                        "\\u202e; toglilo"
    assert error_text(ActionError.of(control), "en") == \
        "Table name: 'Nord\\u202e' holds the control character \\u202e; remove it"
    import copy
    import pickle
    for same in (copy.deepcopy(control), pickle.loads(pickle.dumps(control))):  # a state copied keeps its words
        assert same == control and same.code == "name_control" and same.values == control.values


@pytest.fixture
def small_deck(tmp_path: Path) -> Path:
    """A folder with one small deck (WT-01, WT-02) and the bundled criteria."""
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "water.yaml").write_text(SMALL_DECK, encoding="utf-8")
    (folder / "criteria.yaml").write_bytes((DECKS / "criteria.yaml").read_bytes())
    return folder


def test_the_refusals_of_edits_name_themselves(tmp_path, small_deck):
    """Refusals the app meets when another program changed the file under it (a comment or proposal undone
    there, a participant undone there): each has a code and Italian words."""
    from cardengine.decks.load import load_for_workshop

    result, criteria = load_for_workshop(small_deck)
    with Workshop.create(tmp_path / "w.db", WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), result.decks,
                         criteria) as w:
        w.add_table("Nord")
        attempts = {"no_comments_at": lambda: w.edit_comment("Nord", "1", text="x"),
                    "no_proposal": lambda: w.update_proposal("Nord", "P3", title="x"),
                    "no_participant": lambda: w.score("Nord", "WT-01", "technical", 3, by="Ghost"),
                    "no_card_near": lambda: w.pick("Nord", "WT-1"),
                    "no_card": lambda: w.pick("Nord", "ZZ-99"),
                    "no_table": lambda: w.pick("Sud", "WT-01"),
                    "off_scale": lambda: w.score("Nord", "WT-01", "technical", 9),
                    "name_control": lambda: w.update_table("Nord", area="Zona\x1b[31m"),
                    "comment_empty": lambda: w.comment("Nord", "barrier", "  "),
                    "proposal_no_cards": lambda: w.propose("Nord", "Tetti", [])}
        attempts["no_comment"] = lambda: (w.comment("Nord", "barrier", "uno"), w.edit_comment("Nord", "7", text="x"))
        for code, attempt in attempts.items():  # in order: the table has no comment until the last one
            with pytest.raises(ActionError) as caught:
                attempt()
            assert caught.value.code == code, (code, str(caught.value))
            italian = error_text(caught.value, "it")
            assert not [x for x in FOREIGN_WORDS["it"] if re.search(rf"(?<!\w){re.escape(x)}(?!\w)", italian, re.I)]
    # the CLI's words are unchanged
    assert str(caught.value).startswith("no comment '7' at table 'Nord' (give its number, 1-1, or its id)")


def test_the_reason_an_event_was_left_out_has_its_code(tmp_path, small_deck):
    from cardengine.decks.load import load_for_workshop

    result, criteria = load_for_workshop(small_deck)
    path = tmp_path / "w.db"
    Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), result.decks, criteria).close()
    with store.Store.open(path) as s:
        s.insert([Event("e1", "2021-07-27T10:00:00", "x", "pick", "nord", {"card": "WT-01"})])
    with Workshop.open(path) as w:
        reason = w.state.skipped[0].reason
    assert reason.code == "no_table" and error_text(reason, "it").startswith("Nessun tavolo 'nord'")
    assert check_event(WorkshopState(), "nothing").code == "not_event"
    assert isinstance(check_event(WorkshopState(), "x"), Problem)


@pytest.fixture
def cli_language():
    """Set the process's command-line language for one test, and put English back after it."""
    from cardengine.i18n import language, set_language

    before = language()
    yield set_language
    set_language(before)


@pytest.mark.parametrize(("lang", "opening", "control"), [
    ("en", "{path} is damaged or not a workshop file (no SQLite header); it was left untouched",
     "the table name 'Nord\\u202e' holds the control character \\u202e; remove it"),
    ("fr", "{path} est endommagé ou n'est pas un fichier d'atelier (pas d'en-tête SQLite) ; il n'a pas été modifié",
     "le champ « nom de la table » 'Nord\\u202e' contient le caractère de contrôle \\u202e ; supprimez-le"),
    ("it", "{path} è danneggiato o non è un file di workshop (manca l'intestazione SQLite); non è stato toccato",
     "il campo «nome del tavolo» 'Nord\\u202e' contiene il carattere di controllo \\u202e; toglilo"),
])
def test_the_store_speaks_the_command_lines_language(tmp_path, cli_language, lang, opening, control):
    """The store's errors and the checks' problems are in the process's language (the command line's);
    their code and values stay the same, so the app still says them in its own."""
    cli_language(lang)
    path = tmp_path / "notes.db"
    path.write_text("not a workshop, just notes\n" * 10, encoding="utf-8")
    with pytest.raises(store.StoreError) as caught:
        Workshop.open(path)
    assert str(caught.value) == opening.format(path=path)
    assert caught.value.code == "damaged" and caught.value.values["error"] == "no SQLite header"
    problem = name_problem("Nord\u202e", "table name")
    assert problem == control and problem.code == "name_control" and problem.values["what_code"] == "table_name"
    assert error_text(problem, "it") == "Nome del tavolo: 'Nord\\u202e' contiene il carattere di controllo " \
                                        "\\u202e; toglilo"
