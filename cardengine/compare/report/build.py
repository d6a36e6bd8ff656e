"""Comparison -> Report: the sections, tables and charts a researcher reads, in the report's language.

Pure. Every table and chart is made from one of the comparison's tidy tables and names its CSV file; each
section is made by its own module (choices, feasibility, agreement, proposals, sdgs, comments, methods).
"""

from __future__ import annotations

from dataclasses import replace

from cardengine import __version__
from cardengine.compare.measures.comparison import Comparison
from cardengine.compare.report.agreement import agreement_section, disagreement_section
from cardengine.compare.report.blocks import MAX_GROUP_COLUMNS
from cardengine.compare.report.choices import cards_section, domains_section, participation_section
from cardengine.compare.report.comments import comments_section
from cardengine.compare.report.feasibility import feasibility_section, rankings_section
from cardengine.compare.report.methods import methods_section
from cardengine.compare.report.model import (
    BarsSpec,
    Block,
    Chart,
    HeatmapSpec,
    Paragraph,
    Report,
    Section,
    SlopeSpec,
    Table,
)
from cardengine.compare.report.numbers import warnings as said_warnings
from cardengine.compare.report.polls import polls_section
from cardengine.compare.report.proposals import proposals_section
from cardengine.compare.report.sdgs import sdg_sections
from cardengine.compare.report.words import Words


def build_report(cmp: Comparison, lang: str = "it", min_tables: int = 2) -> Report:
    """The report; figures resting on fewer than `min_tables` tables are greyed, marked and left out of top lists."""
    w = Words(lang)
    groups = tuple(g.label for g in cmp.groups)
    sizes = {r["group"]: r for r in cmp.tables["groups"].records()}
    singular, plural = w.group_noun(cmp.group_by)
    subtitle = w("subtitle", groups=len(groups), noun=singular if len(groups) == 1 else plural,
                 workshops=len(cmp.workshops), tables=sum(len(x.tables) for x in cmp.workshops),
                 participants=sum(sum(x.participants.values()) for x in cmp.workshops))
    if cmp.group_by == "workshop":  # "6 workshops · 6 workshops" says nothing twice
        subtitle = subtitle.split(" · ", 1)[1]

    sections: tuple[Section, ...] = (
        participation_section(cmp, w, groups, sizes),
        domains_section(cmp, w, groups, min_tables),
        cards_section(cmp, w, groups, min_tables),
        feasibility_section(cmp, w, groups, min_tables),
        rankings_section(cmp, w, groups, min_tables),
        disagreement_section(cmp, w, groups, min_tables),
        agreement_section(cmp, w, groups),
        proposals_section(cmp, w, groups),
        *sdg_sections(cmp, w, groups, min_tables),
        comments_section(cmp, w, groups),
        *((polls,) if (polls := polls_section(cmp, w)) else ()),  # only where a plenary held polls
        methods_section(cmp, w, min_tables),  # last: how every figure above is computed
    )
    sections = tuple(_without_empty_charts(section, w) for section in sections)
    sections = tuple(in_language(section, lang) for section in sections)  # the words charts draw
    if len(groups) > MAX_GROUP_COLUMNS:
        sections = tuple(_csv_only(section, len(groups), w) for section in sections)
    sources = tuple((x.source, x.title, x.territory, x.date, str(len(x.tables)))
                    for x in cmp.workshops)
    return Report(
        title=w("title"), subtitle=subtitle, lang=lang, groups=groups, group_by=cmp.group_by,
        sections=sections, sources=sources,
        source_columns=(w("src.file"), w("src.title"), w("src.territory"), w("src.date"), w("src.tables")),
        methods=(),  # the Methods section (report_methods) replaces the short appendix paragraphs
        example_banner=w("example") if cmp.example else "",
        generated_by=w("generated", version=__version__),
        warnings=said_warnings(w, cmp.warnings, cmp._memo.get("w untested")))


def _empty(spec: HeatmapSpec | BarsSpec | SlopeSpec) -> bool:
    if isinstance(spec, HeatmapSpec):
        return not spec.row_labels or not spec.col_labels
    if isinstance(spec, BarsSpec):
        return not spec.categories or all(v is None for _, values in spec.series for v in values)
    return not spec.lines


def _without_empty_charts(section: Section, w: Words) -> Section:
    """A workshop with nothing picked or scored yet has nothing to draw: say so instead."""
    blocks = tuple(Paragraph(w("chart.empty", caption=b.caption)) if isinstance(b, Chart) and _empty(b.spec) else b
                   for b in section.blocks)
    return Section(section.id, section.title, section.intro, blocks)


def _csv_only(section: Section, groups: int, w: Words) -> Section:
    """Too many groups to set side by side: each wide table or chart becomes a pointer to its CSV."""
    blocks: list[Block] = []
    for b in section.blocks:
        wide = isinstance(b, Chart) or (isinstance(b, Table) and len(b.columns) > MAX_GROUP_COLUMNS)
        if wide and isinstance(b, Chart | Table):
            blocks.append(Paragraph(w("too_many", caption=b.caption, groups=groups, csv=b.csv)))
        else:
            blocks.append(b)
    return Section(section.id, section.title, section.intro, tuple(blocks))


def in_language(section: Section, lang: str) -> Section:
    """The section with every chart spec set to the report's language, for the words its key draws."""
    blocks = tuple(replace(b, spec=replace(b.spec, lang=lang)) if isinstance(b, Chart) else b
                   for b in section.blocks)
    return replace(section, blocks=blocks)
