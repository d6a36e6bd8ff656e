"""The qualitative record in the comparison: comments as tidy tables, their counts, the report section.

The counts are recomputed with pandas from comments.csv as written, and comments.csv is joined back to the
rows of `cardengine export --format csv` by workshop id. Hostile text (markup, controls, formula starts, a
very long comment) must come out escaped in the CSV, the HTML and the PDF.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest

from cardengine.compare.measures.comparison import compare
from cardengine.compare.render.csv import csv_bytes
from cardengine.compare.report.build import build_report
from cardengine.compare.report.comments import MAX_TEXT_CHARS, MAX_TEXT_ROWS, shown_text
from cardengine.compare.report.model import Paragraph, Table
from cardengine.compare.run import load_facts

from .comment_set import CONTROLS, FORMULA, LONG, MARKUP, make_set
from .conftest import run_here
from .data_words import LANGUAGES, undescribed
from .lazy_import import lazy
from .tui_support import bundled

pd = lazy("pandas")



@pytest.fixture(scope="module")
def files(tmp_path_factory):
    decks, criteria = bundled()
    return make_set(tmp_path_factory.mktemp("comments"), decks, criteria)


@pytest.fixture(scope="module")
def facts(files):
    return load_facts(files)


@pytest.fixture(scope="module")
def cmp(facts):
    return compare(facts, "territory")


def frame(cmp, name: str) -> pd.DataFrame:
    """A comparison table as its CSV file reads back (what a researcher gets)."""
    return pd.read_csv(io.BytesIO(csv_bytes(cmp.tables[name])), encoding="utf-8-sig", keep_default_na=False,
                       dtype=str)


def all_comments(facts):
    return [(w, t, c) for w in facts for t in w.tables for c in t.comments]


def test_one_row_per_comment_with_its_workshop_table_and_author(cmp, facts):
    rows = cmp.tables["comments"].records()
    assert len(rows) == len(all_comments(facts)) == 10
    by_event = {r["comment"]: r for r in rows}
    for w, t, c in all_comments(facts):
        r = by_event[c.event]
        assert (r["workshop_id"], r["group"], r["table"], r["kind"], r["card"], r["proposal"], r["text"], r["at"]) \
            == (w.id, w.territory, t.table_name, c.kind, c.card, c.proposal, c.text, c.at)
    question = next(r for r in rows if r["kind"] == "question")
    assert (question["proposal"], question["proposal_title"], question["card"]) == \
        ("P1", "Navetta & comunità <energetica>", "")
    assert {r["stakeholder_type"] for r in rows} == {"company", "public-authority", "citizen", "association", ""}
    assert next(r for r in rows if r["text"].startswith("Mancano"))["domain"] == "energy"


def test_every_comment_row_joins_the_workshop_export_by_workshop_id(cmp, files, tmp_path):
    exported = []
    for n, f in enumerate(files):
        out = tmp_path / f"export{n}"
        assert run_here("export", f, "--format", "csv", "-o", out).returncode == 0
        exported.append(pd.read_csv(out / "comments.csv", keep_default_na=False, dtype=str))
    export = pd.concat(exported)
    ours = frame(cmp, "comments")
    joined = ours.merge(export, left_on=["workshop_id", "at", "kind"], right_on=["workshop", "at", "kind"],
                        how="left", indicator=True, suffixes=("", "_export"))
    assert len(joined) == len(ours) == len(export)
    assert (joined["_merge"] == "both").all()
    assert (joined["text"] == joined["text_export"]).all()  # both neutralise formula starts the same way


def test_counts_by_kind_per_group_recomputed_with_pandas(cmp):
    comments = frame(cmp, "comments")
    counts = frame(cmp, "comment_counts")
    counts[["comments", "about_cards", "about_proposals", "general", "tables_commenting", "tables"]] = \
        counts[["comments", "about_cards", "about_proposals", "general", "tables_commenting", "tables"]].astype(int)
    # every kind appears for every group, zero included, so groups read side by side
    assert sorted(counts.groupby("group")["kind"].apply(list).iloc[0]) == ["barrier", "enabler", "question", "quote"]
    expected = comments.groupby(["group", "kind"]).agg(
        comments=("comment", "size"), about_cards=("card", lambda s: (s != "").sum()),
        about_proposals=("proposal", lambda s: (s != "").sum()),
        tables_commenting=("table", "nunique")).reset_index()
    general = comments[(comments.card == "") & (comments.proposal == "")].groupby(["group", "kind"]).size()
    merged = counts.merge(expected, on=["group", "kind"], how="left", suffixes=("", "_pd")).fillna(0)
    for col in ("comments", "about_cards", "about_proposals", "tables_commenting"):
        assert (merged[col] == merged[f"{col}_pd"].astype(int)).all(), col
    for (group, kind), n in general.items():
        assert counts[(counts.group == group) & (counts.kind == kind)]["general"].item() == n
    assert counts.groupby("group")["tables"].first().to_dict() == {"Alfa": 2, "Beta": 2}  # T4 made no comment
    assert counts["comments"].sum() == len(comments)


def test_counts_per_card_and_per_proposal(cmp):
    comments = frame(cmp, "comments")
    cards = frame(cmp, "card_comments")
    on_cards = comments[comments.card != ""].groupby(["group", "card", "kind"]).agg(
        comments=("comment", "size"), tables=("table", "nunique")).reset_index()
    assert len(cards) == len(on_cards)
    merged = cards.merge(on_cards, on=["group", "card", "kind"], suffixes=("", "_pd"))
    assert (merged["comments"].astype(int) == merged["comments_pd"]).all()
    assert (merged["tables"].astype(int) == merged["tables_pd"]).all()
    en01 = cards[(cards.card == "EN-01") & (cards.group == "Alfa") & (cards.kind == "barrier")]
    assert (en01["comments"].item(), en01["tables"].item()) == ("2", "2")  # T1 and T2 / nord
    proposals = frame(cmp, "proposal_comments")
    assert proposals[["workshop_id", "table", "proposal", "title", "kind", "comments"]].values.tolist() == [
        [cmp.workshops[0].id, "T1", "P1", "Navetta & comunità <energetica>", "question", "1"]]


def test_every_new_column_is_described_in_both_languages(cmp):
    """In English by the measure, in Italian (and French) by the report catalogue, the one source of both."""
    for name in ("comments", "comment_counts", "card_comments", "proposal_comments"):
        for col in cmp.tables[name].columns:
            if col.name == "group":  # the shared column of every per-group table (tidy.G), not ours
                continue
            assert col.description, (name, col.name)
            for lang in LANGUAGES:
                assert not undescribed([col.description], lang), (lang, name, col.name)


def test_hostile_text_in_the_csv_cannot_run_and_reads_back(cmp):
    raw = csv_bytes(cmp.tables["comments"]).decode("utf-8-sig")
    texts = [r["text"] for r in csv.DictReader(io.StringIO(raw))]
    assert "'" + FORMULA in texts  # a spreadsheet shows it as text
    assert MARKUP in texts
    assert CONTROLS.strip() in texts  # exactly as recorded, controls and all: the CSV is the record
    assert LONG.strip() in texts


def _section(report):
    return next(s for s in report.sections if s.id == "comments")


def _tables(section) -> list[Table]:
    return [b for b in section.blocks if isinstance(b, Table)]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_report_section_counts_side_by_side_and_the_tables_words(cmp, lang):
    section = _section(build_report(cmp, lang))
    counts, cards, *texts = _tables(section)
    assert counts.columns[1:] == ("Alfa", "Beta") and counts.csv == "comment_counts.csv"
    barrier = counts.rows[0]
    assert barrier[1:] == ("2 (2/2)", "1 (1/2)")  # Alfa: T1, T2 / nord; Beta: T3 of T3, T4
    assert counts.rows[-1][1:] == ("7", "3")
    assert cards.rows[0][0].startswith("EN-01") and cards.rows[0][-2:] == ("4", "3")  # T1 barrier + enabler, T2, T3
    kinds = [t.caption.split(":")[0] for t in texts]
    assert kinds == (["Quotes", "Barriers", "Enablers"] if lang == "en" else ["Citazioni", "Ostacoli",
                                                                             "Fattori abilitanti"])
    quotes = texts[0]
    shown = [r[1] for r in quotes.rows]
    assert MARKUP in shown and FORMULA in shown  # escaping is the renderers' job: the text is kept
    assert any(r[1].startswith("Perché") and r[2] == "Alfa 2021-06-10 · T1" for r in quotes.rows)
    enabler_long = next(r for r in texts[2].rows if r[1].startswith("Lungo"))
    assert len(enabler_long[1]) <= MAX_TEXT_CHARS + 2 and enabler_long[1].endswith("…")
    assert str(MAX_TEXT_CHARS) in texts[2].note and "comments.csv" in texts[2].note
    barrier_controls = next(r[1] for r in texts[1].rows if r[1].startswith("bell"))
    assert not re.search(r"[\x00-\x1f\ufffe]", barrier_controls)
    if lang == "it":
        words = " ".join([section.title, section.intro, counts.caption, cards.caption] + list(counts.columns[:1])
                         + list(cards.columns) + [t.caption for t in texts] + list(quotes.columns))
        for english in ("Quotes", "Barriers", "Enablers", "Comment", "Total", "Tables", "About", "Kind"):
            assert not re.search(rf"\b{english}\b", words), english


def test_report_without_comments_says_so(facts):
    bare = [dataclasses.replace(w, tables=tuple(dataclasses.replace(t, comments=()) for t in w.tables))
            for w in facts]
    section = _section(build_report(compare(bare), "en"))
    assert [b.text for b in section.blocks if isinstance(b, Paragraph)] == ["No table recorded a comment."]


def test_long_lists_are_capped_with_every_group_represented(facts):
    w0, w1 = facts
    t0 = w0.tables[0]
    c0 = t0.comments[2]  # a quote
    many = tuple(dataclasses.replace(c0, event=f"q{i}", text=f"citazione {i}") for i in range(150))
    bigger = [dataclasses.replace(w0, tables=(dataclasses.replace(t0, comments=many), *w0.tables[1:])), w1]
    section = _section(build_report(compare(bigger), "en"))
    quotes = next(t for t in _tables(section) if t.caption.startswith("Quotes"))
    assert len(quotes.rows) <= MAX_TEXT_ROWS
    assert "Beta 2022-03-01 · T3" in {r[2] for r in quotes.rows}  # Beta's one quote is not crowded out
    assert quotes.caption.startswith("Quotes: 152") and "of 152 comments shown" in quotes.note


def test_shown_text_is_one_clean_line():
    assert shown_text("a\x00b\r\nc\u2028d  e") == ("a b c d e", False)
    assert shown_text("x" * 10, 4) == ("xxxx …", True)
    assert shown_text("") == ("", False)


def test_rendered_report_escapes_markup_and_shows_the_words(cmp, tmp_path):
    from cardengine.compare.render.html import render_html
    from cardengine.compare.render.pdf import render_pdf

    report = build_report(cmp, "en")
    html = render_html(report)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Perché è così caro?" in html and "Comments: the qualitative record" in html
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(dataclasses.replace(report, sections=(_section(report),))))  # ours alone: fast
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    flat = " ".join(text.split())
    assert "Mancano i fondi per le batterie." in flat
    assert "</Project><script>alert(1)</script>" in flat
