"""What the first trial of the French command line found (issue 14): `session show` of a workshop whose language
the decks do not speak listed each card by its bare id where its title belongs, a translated "not scored" wider
than its column pushed the titles out of line, and `compare` said "en 3 groupes par territory"."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardengine.sessions import Workshop

from .tui_support import new_workshop


def _run(lang: str, *args: str | Path, cwd: Path) -> tuple[int, str, str]:
    from .cli_here import run_in_process

    return run_in_process([str(a) for a in args], cwd=cwd, input=None,
                          env={"PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "CARDENGINE_LANG": lang})


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_session_show_gives_the_english_title_when_the_decks_do_not_speak_the_workshops_language(tmp_path, lang):
    path = new_workshop(tmp_path, lang)
    assert _run("en", "session", "pick", path, "--table", "Nord", "EN-01", cwd=tmp_path)[0] == 0
    code, out, err = _run(lang, "session", "show", path, cwd=tmp_path)
    assert code == 0, err
    row = next(line for line in out.splitlines() if "EN-01" in line)
    assert row.rstrip().endswith("Energy community of firms and households"), row


@pytest.mark.parametrize("lang", ["it", "fr", "en"])
def test_session_show_keeps_the_titles_in_one_column_in_every_language(tmp_path, lang):
    path = new_workshop(tmp_path, "it")
    assert _run("en", "session", "pick", path, "--table", "Nord", "EN-01", "EN-02", cwd=tmp_path)[0] == 0
    assert _run("en", "session", "score", path, "--table", "Nord", "EN-02", "technical=4", "economic=4",
                "regulatory=4", "social=4", "time=2", cwd=tmp_path)[0] == 0
    with Workshop.open(path) as w:
        titles = [w.state.cards[card].title["it"] for card in ("EN-02", "EN-01")]  # ranked: the scored one first
    out = _run(lang, "session", "show", path, cwd=tmp_path)[1]
    rows = [line for line in out.splitlines() if "EN-0" in line]
    assert len(rows) == 2 and len({row.index(title) for row, title in zip(rows, titles, strict=True)}) == 1, rows


@pytest.mark.parametrize(("lang", "by", "said"), [
    ("fr", "territory", "par territoire"), ("fr", "table", "par table"), ("it", "workshop", "per laboratorio"),
    ("en", "territory", "by territory")])
def test_compare_says_what_it_grouped_by_in_the_language(tmp_path, lang, by, said):
    root = Path(__file__).resolve().parent.parent
    examples = sorted((root / "examples").glob("trezzano-*.db"))
    code, out, err = _run(lang, "compare", *examples, "-o", tmp_path / "out", "--by", by, "--lang", "en",
                          cwd=tmp_path)
    assert code == 0, err
    assert said in out.splitlines()[0], out


def test_the_french_help_spaces_the_colon_argparse_puts_after_its_headings(tmp_path):
    code, out, _ = _run("fr", "--help", cwd=tmp_path)
    assert code == 0
    assert "utilisation : cardengine" in out
    assert "\narguments positionnels :\n" in out and "\narguments optionnels :\n" in out, out
    code, out, _ = _run("it", "--help", cwd=tmp_path)
    assert "\nargomenti posizionali:\n" in out, out  # Italian keeps its colon close


@pytest.mark.parametrize(("lang", "saved", "shown"), [
    ("fr", "enregistré : EN-01 favorite à la table Nord", "favorite"),
    ("it", "salvato: EN-01 preferita al tavolo Nord", "preferita"),
    ("en", "saved: EN-01 favourite at Nord", "favourite")])
def test_pick_and_show_say_the_kind_of_pick_in_the_language(tmp_path, lang, saved, shown):
    """French said "EN-01 selected à la table Nord": the option's code, in a French sentence."""
    path = new_workshop(tmp_path, "it")
    code, out, err = _run(lang, "session", "pick", path, "--table", "Nord", "EN-01", "--kind", "favourite",
                          cwd=tmp_path)
    assert code == 0, err
    assert out.strip() == saved
    row = next(line for line in _run(lang, "session", "show", path, cwd=tmp_path)[1].splitlines() if "EN-01" in line)
    assert row.split()[2] == shown, row


@pytest.mark.parametrize(("lang", "kinds"), [("fr", ["obstacle", "levier"]), ("it", ["ostacolo", "fattore abilitante"]),
                                             ("en", ["barrier", "enabler"])])
def test_session_comments_say_the_kind_of_comment_in_the_language(tmp_path, lang, kinds):
    """French listed "1. barrier  EN-01": the code of the kind."""
    path = new_workshop(tmp_path, "it")
    for kind, text in (("barrier", "trop cher"), ("enabler", "des aides existent")):
        assert _run("en", "session", "comment", path, "--table", "Nord", "--kind", kind, "EN-01", text,
                    cwd=tmp_path)[0] == 0
    out = _run(lang, "session", "comments", path, "--table", "Nord", cwd=tmp_path)[1]
    rows = [line for line in out.splitlines() if "EN-01" in line]
    assert [row.split("EN-01")[0].split(".", 1)[1].strip() for row in rows] == kinds, out
    assert len({row.index("EN-01") for row in rows}) == 1, out  # one column, the longest word whole


@pytest.mark.parametrize(("lang", "said"), [("en", "pick EN-01 favourite"), ("fr", "choix EN-01 favorite"),
                                            ("it", "scelta EN-01 preferita")])
def test_undo_says_the_action_and_its_kind_in_the_language(tmp_path, lang, said):
    path = new_workshop(tmp_path, "it")
    assert _run("en", "session", "pick", path, "--table", "Nord", "--kind", "favourite", "EN-01", cwd=tmp_path)[0] == 0
    code, out, err = _run(lang, "session", "undo", path, "--table", "Nord", cwd=tmp_path)
    assert code == 0, err
    assert said in out, out
