"""A table's memory in the engine: comment edits and table details as undoable events (checked, folded,
merged), proposals' lead actors and place, the proposals deck's "Chi:", and the `session` commands for them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from cardengine.sessions import ActionError, StoreError, Workshop, WorkshopInfo
from cardengine.sessions.event_check import check_event
from cardengine.sessions.merge import merge_files
from cardengine.sessions.state import fold

from .conftest import run_here
from .tui_support import bundled as bundled_decks


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they record and say is tested, not Python's start-up."""
    return run_here

@pytest.fixture(scope="module")
def decks():
    return bundled_decks()  # read once per test process


@pytest.fixture
def workshop(tmp_path: Path, decks) -> Path:
    path = tmp_path / "w.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Trezzano", "2021-07-27"), *decks) as w:
        w.add_table("Nord", area="Zona industriale")
        w.add_table("Sud")
        w.add_participant("Azienda A", "company", table="Nord")
        w.pick("Nord", "EN-01")
        w.comment("Nord", "barrier", "costa troppo", card="EN-01")
        w.comment("Nord", "question", "chi paga?")
    return path


def test_a_comment_edit_is_saved_undone_redone_and_read_back(workshop):
    with Workshop.open(workshop) as w:
        first = w.state.tables["nord"].comments[0].event
        w.edit_comment("Nord", first, kind="enabler", text="  costa poco  ", by="azienda a")
    with Workshop.open(workshop) as w:
        comment = w.state.tables["nord"].comments[0]
        assert (comment.kind, comment.text, comment.by, comment.card, comment.event) == (
            "enabler", "costa poco", "azienda-a", "EN-01", first)  # same place, same subject
        w.edit_comment("Nord", "2", text="chi paga? e quando?")  # by its number, as `session comments` shows
        w.undo("Nord")
        assert w.state.tables["nord"].comments[1].text == "chi paga?"
        w.undo("Nord")
        assert (w.state.tables["nord"].comments[0].kind, w.state.tables["nord"].comments[0].by) == ("barrier", None)
        w.redo("Nord")
    with Workshop.open(workshop) as w:
        assert [(c.kind, c.text, c.by) for c in w.state.tables["nord"].comments] == [
            ("enabler", "costa poco", "azienda-a"), ("question", "chi paga?", None)]
        w.edit_comment("Nord", "1", by="")  # credited to nobody again
        assert w.state.tables["nord"].comments[0].by is None
        assert fold(w.events).tables["nord"].comments == w.state.tables["nord"].comments


def test_an_edit_of_an_undone_comment_changes_nothing_and_comes_back_with_it(workshop):
    with Workshop.open(workshop) as w:
        w.edit_comment("Nord", "2", text="chi paga davvero?")
        w.undo("Nord")  # the edit
        w.undo("Nord")  # the comment itself
        assert [c.text for c in w.state.tables["nord"].comments] == ["costa troppo"]
        w.redo("Nord")
        assert [c.text for c in w.state.tables["nord"].comments] == ["costa troppo", "chi paga?"]


@pytest.mark.parametrize("call, message", [
    (lambda w: w.edit_comment("Nord", "3", text="x"), "no comment '3'"),
    (lambda w: w.edit_comment("Sud", "1", text="x"), "it has none"),
    (lambda w: w.edit_comment("Nord", "1", text="   "), "the comment is empty"),
    (lambda w: w.edit_comment("Nord", "1", kind="rumour"), "is not one of"),
    (lambda w: w.edit_comment("Nord", "1", by="Nessuno"), "no participant"),
    (lambda w: w.edit_comment("Nord", "1"), "changes nothing"),
    (lambda w: w.update_table("Nord"), "changes nothing"),
    (lambda w: w.update_table("Nord", area="a\x1b[2Jb"), "control character"),
    (lambda w: w.update_table("Nord", note_taker="Giulia\u202e"), "control character"),
    (lambda w: w.propose("Nord", "Tetti", ["EN-01"], lead_actors=["Comune\x07"]), "control character"),
    (lambda w: w.update_proposal("Nord", "P1", where="via\nRoma"), "control character"),
])
def test_edits_that_cannot_be_recorded_are_refused_and_save_nothing(workshop, call, message):
    with Workshop.open(workshop) as w:
        w.propose("Nord", "Tetti", ["EN-01"])
        before = w.store.count()
        with pytest.raises(ActionError, match=message):
            call(w)
        assert w.store.count() == before


def test_a_comment_of_another_table_cannot_be_edited_from_this_one(workshop):
    with Workshop.open(workshop) as w:
        event_id = w.state.tables["nord"].comments[0].event
        with pytest.raises(ActionError, match="no comment"):
            w.edit_comment("Sud", event_id, text="x")
        forged = w.store.new_event("comment.edited", {"comment": event_id, "text": "x"}, "sud")
        assert "no comment" in check_event(w.state, forged)


def test_table_details_are_updated_undone_redone_and_read_back(workshop):
    with Workshop.open(workshop) as w:
        w.update_table("Nord", note_taker="  Giulia  ")
        w.update_table("nord", area="Centro storico")
        w.undo("Nord")
        table = w.state.tables["nord"]
        assert (table.area, table.note_taker, table.name) == ("Zona industriale", "Giulia", "Nord")
        w.redo("Nord")
    with Workshop.open(workshop) as w:
        table = w.state.tables["nord"]
        assert (table.area, table.note_taker) == ("Centro storico", "Giulia")
        w.update_table("Nord", area="")  # cleared, as typed
        assert w.state.tables["nord"].area == ""


def test_lead_actors_and_place_are_edited_trimmed_and_undone(workshop):
    with Workshop.open(workshop) as w:
        ref = w.propose("Nord", "Tetti", ["EN-01"], lead_actors=[" Comune ", "", "ENEL, ufficio tecnico"],
                        where=" via Roma ")
        proposal = w.state.tables["nord"].proposals[ref]
        assert (proposal.lead_actors, proposal.where) == (["Comune", "ENEL, ufficio tecnico"], "via Roma")
        w.update_proposal("Nord", ref, lead_actors=["Consorzio"], where="Zona sud", title="Tetti solari")
        w.undo("Nord")
        assert w.state.tables["nord"].proposals[ref].lead_actors == ["Comune", "ENEL, ufficio tecnico"]
        w.redo("Nord")
    with Workshop.open(workshop) as w:
        proposal = w.state.tables["nord"].proposals["P1"]
        assert (proposal.title, proposal.lead_actors, proposal.where) == ("Tetti solari", ["Consorzio"], "Zona sud")


def test_merge_carries_edits_and_refuses_an_edit_of_a_comment_it_lacks(workshop, tmp_path):
    laptop = tmp_path / "laptop.db"
    with Workshop.open(workshop) as w:
        w.store.copy_to(laptop)
    with Workshop.open(laptop) as w:
        w.edit_comment("Nord", "1", text="costa meno del previsto")
        w.update_table("Nord", note_taker="Giulia")
        w.undo("Nord")
        w.redo("Nord")
    out = tmp_path / "merged.db"
    assert merge_files([workshop, laptop], out) > 0
    with Workshop.open(out) as merged, Workshop.open(laptop) as source:
        assert merged.state.tables["nord"].comments == source.state.tables["nord"].comments
        assert merged.state.tables["nord"].note_taker == "Giulia"
    # An edit whose comment is not in the file it is merged into (a hand-made or damaged stream) is refused.
    orphan = tmp_path / "orphan.db"
    with Workshop.open(workshop) as w:
        w.store.copy_to(orphan)
    with Workshop.open(orphan) as w:
        event = w.store.new_event("comment.edited", {"comment": "not-a-comment", "text": "x"}, "nord")
        w.store.write(-1, lambda _: [event])  # straight to the store, past the actions' checks
    with pytest.raises(StoreError, match="no comment 'not-a-comment'"):
        merge_files([orphan], tmp_path / "m2.db")


def test_a_file_of_an_older_version_without_these_events_reads_the_same(workshop):
    with Workshop.open(workshop) as w:
        events = w.events
        state = w.state
    assert fold(events).tables == state.tables
    # A stored edit whose author an older version saved unchecked still folds (it is only a label).
    with Workshop.open(workshop) as w:
        target = w.state.tables["nord"].comments[0].event
        stored = w.store.new_event("comment.edited", {"comment": target, "by": "Signora Rossi"}, "nord")
        assert check_event(w.state, stored, new=False) is None
        assert check_event(w.state, stored, new=True) is not None
        assert fold([*w.events, replace(stored)]).tables["nord"].comments[0].by == "Signora Rossi"


def test_the_proposals_deck_prints_lead_actors_under_chi_and_never_the_table_name(workshop, cli, tmp_path):
    with Workshop.open(workshop) as w:
        w.propose("Nord", "Tetti solari", ["EN-01"], lead_actors=["Comune di Trezzano", "Consorzio"])
        w.propose("Nord", "Orti", ["EN-01"])
    out = tmp_path / "proposals.yaml"
    run = cli("proposals", workshop, "-o", out)
    assert run.returncode == 0, run.output
    cards = yaml.safe_load(out.read_text())["cards"]
    assert cards[0]["actors"] == ["Comune di Trezzano", "Consorzio"]
    assert cards[1]["actors"] == ["da definire"]  # said plainly; the table is in the summary and the origin
    assert all("Nord" not in a for c in cards for a in c["actors"])


@pytest.mark.parametrize(("lang", "name", "summary", "open_question"), [
    ("fr", "Propositions", "Combine EN-01 · table « Nord »", "à définir"),
    ("it", "Proposte", "Combina EN-01 · tavolo Nord", "da definire"),
    ("de", "Proposals", "Combines EN-01 · table Nord", "to be decided")])  # no German catalogue: English
def test_the_proposals_deck_is_written_in_the_workshop_s_language(tmp_path, decks, cli, lang, name, summary,
                                                                  open_question):
    path = tmp_path / f"{lang}.db"
    with Workshop.create(path, WorkshopInfo("Atelier", "Genève", "2026-03-01", language=lang), *decks) as w:
        w.add_table("Nord")
        w.propose("Nord", "Toits solaires", ["EN-01"])
    out = tmp_path / "proposals.yaml"
    run = cli("proposals", path, "-o", out)
    assert run.returncode == 0, run.output
    deck = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert deck["name"] == name and deck["languages"] == [lang]
    assert deck["cards"][0]["summary"] == summary and deck["cards"][0]["actors"] == [open_question]


def test_session_commands_list_and_edit_comments_tables_and_lead_actors(workshop, cli):
    run = cli("session", "comments", workshop, "--table", "Nord")
    assert run.returncode == 0 and "1. barrier  EN-01" in run.stdout and "chi paga?" in run.stdout
    assert cli("session", "edit-comment", workshop, "--table", "Nord", "2", "--kind", "enabler",
               "--by", "Azienda A").returncode == 0
    assert "Azienda A" in cli("session", "comments", workshop, "--table", "Nord").stdout
    assert cli("session", "update-table", workshop, "--table", "Nord", "--note-taker", "Giulia").returncode == 0
    assert cli("session", "propose", workshop, "--table", "Nord", "--title", "Tetti",
               "--cards", "EN-01").returncode == 0
    assert cli("session", "update-proposal", workshop, "--table", "Nord", "P1", "--lead", "Comune,ENEL",
               "--where", "via Roma").returncode == 0
    refused = cli("session", "edit-comment", workshop, "--table", "Nord", "9", "--text", "x")
    assert refused.returncode == 1 and "no comment '9'" in refused.stderr
    with Workshop.open(workshop) as w:
        table = w.state.tables["nord"]
        assert (table.comments[1].kind, table.comments[1].by, table.note_taker) == ("enabler", "azienda-a", "Giulia")
        assert (table.proposals["P1"].lead_actors, table.proposals["P1"].where) == (["Comune", "ENEL"], "via Roma")


def test_export_and_import_keep_the_edits(workshop, cli, tmp_path):
    with Workshop.open(workshop) as w:
        w.edit_comment("Nord", "1", text="costa meno", by="Azienda A")
        w.update_table("Nord", note_taker="Giulia")
        w.propose("Nord", "Tetti", ["EN-01"])
        w.update_proposal("Nord", "P1", lead_actors=["Comune"], where="via Roma")
        w.undo("Nord")
        w.redo("Nord")
        expected = w.state.tables
    assert cli("export", workshop, "--format", "json", "-o", tmp_path / "out").returncode == 0
    rebuilt = tmp_path / "rebuilt.db"
    assert cli("import", tmp_path / "out" / "workshop.json", "-o", rebuilt).returncode == 0
    with Workshop.open(rebuilt) as w:
        assert w.state.tables == expected
