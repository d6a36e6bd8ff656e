"""Issue 13, charts that scale in the report: every group's leaders in the rank chart (2 to 40 groups), the SDG
heatmap greyed under --min-tables, and HTML charts taller than a printed page cut into pieces that print whole."""

from __future__ import annotations

import random

import pytest

from cardengine.compare.report.rank_leaders import leaders


@pytest.mark.parametrize("groups", [2, 8, 12, 20, 40])
def test_every_groups_leader_is_charted(groups):
    rng = random.Random(groups)
    cards = [f"C{i:02d}" for i in range(60)]
    names = [f"G{j}" for j in range(groups)]
    ranked = {g: rng.sample(cards, 15) for g in names}
    chosen, k = leaders(ranked, names)
    assert k >= 1 and len(chosen) == len(set(chosen))
    for g in names:  # each group's top k are all there (the old fixed 12 lines dropped groups 13 to 40)
        assert set(ranked[g][:k]) <= set(chosen)
    assert len(chosen) <= max(12, groups) or k == 1


def test_sdg_heatmap_greys_columns_on_too_few_tables():
    import inspect

    from cardengine.compare.report.sdgs import _coverage
    assert "min_tables" in inspect.signature(_coverage).parameters


def test_tall_chart_comes_in_pieces_that_fit_a_printed_page():
    from reportlab.lib.units import mm

    from cardengine.compare.charts.draw import draw
    from cardengine.compare.render.html import CHART_WIDTH_MM, PRINT_PIECE_MM, _svgs
    from cardengine.compare.report.model import Chart, HeatmapSpec
    rows = tuple(f"Card {i}" for i in range(70))
    spec = HeatmapSpec("Tall", rows, ("A", "B"), tuple((0.5, 0.2) for _ in rows), "{:.0%}", "share",
                       counts=tuple((3, 1) for _ in rows), faint=tuple((False, True) for _ in rows))
    assert draw(spec, CHART_WIDTH_MM).height > PRINT_PIECE_MM * mm
    svgs = _svgs(Chart("tall", "Tall", spec))
    assert len(svgs) > 1
    for svg in svgs:
        height = float(svg.split('viewBox="0 0 ')[1].split('"')[0].split()[1])
        assert height <= PRINT_PIECE_MM * mm + 0.01
