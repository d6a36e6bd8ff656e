"""The words said beside a figure (its interval, its tables, the mark for too few tables) and about the
rank chart's leaders (numbers, rank_leaders): {key: English}.
"""

from __future__ import annotations

from cardengine.i18n import KeyedEnglish

FIGURE_WORDS: dict[str, KeyedEnglish] = {
    "numbers.people": "{n} part.",
    "numbers.note": "In square brackets the 95 % confidence interval (bootstrap over the tables, {b} "
                    "resamples); in round brackets the tables the figure rests on (and the participants who "
                    "scored individually, 'part.'); {few} = fewer than {min} tables.",
    "numbers.note_plain": "In round brackets the tables the figure rests on (and the participants who scored "
                          "individually, 'part.'); {few} = fewer than {min} tables. Confidence intervals not "
                          "computed (--bootstrap 0).",
    "numbers.note_n": "In round brackets the tables the figure rests on; {few} = fewer than {min} tables.",
    "numbers.ranking_one": "{one} of the {total} ranking positions rest on a single table.",
    "numbers.ranking_groups_one": "The ranking of {groups} rests entirely on a single table.",
    "numbers.ranking_one_left_out": "{one} of the {total} ranking positions rest on a single table: they are "
                                    "left out of this table and the chart (they stay in "
                                    "feasibility_ranking.csv, with their number of tables; --min-tables 1 "
                                    "shows them).",
    "numbers.between_left_out": "{left} cards whose lowest or highest mean rests on fewer than {min} tables "
                                "are left out of this table (they stay in disagreement_between.csv).",
    "numbers.ranking_groups_one_n": "The ranking of {n} of the {total} groups rests entirely on a single table.",
    "numbers.ranking_left_out": "{left} of the {total} positions rest on fewer than {min} tables and are left "
                                "out of this table and the chart (they stay in feasibility_ranking.csv, with "
                                "their number of tables; --min-tables 1 shows them).",
    "numbers.ranking_none_left_out": "Every ranking position rests on at least {min} tables.",
    "numbers.w_untested": ("Caution: in {n} case Kendall's W rests on fewer than three cards scored by every "
                           "rater; there it is not tested (no chi-square) and says little.",
                           "Caution: in {n} cases Kendall's W rests on fewer than three cards scored by every "
                           "rater; there it is not tested (no chi-square) and says little."),
    "numbers.w_untested_list": "Kendall's W rests on fewer than {min} cards scored by every rater, so it is "
                               "not tested and says little: {shown}",
    "numbers.and_more": " and {n} more",
    "numbers.between_groups": "between groups",
    "numbers.col.chi2": "χ² (df)",
    "numbers.col.p": "p",
    "ranks.leaders": "The chart shows each group's top {k} cards ({cards} cards in all)",
    "ranks.leader": "The chart shows each group's leading card ({cards} cards in all)",
    "ranks.among": ", among the positions resting on at least {min} tables",
    "ranks.all_in_csv": "; every position is in feasibility_ranking.csv.",
    "ranks.no_leaders": "No card in the chart ({why}): {groups}.",
    "ranks.no_leaders_n": ("{n} of the {total} groups has no card in the chart ({why}).",
                           "{n} of the {total} groups have no card in the chart ({why})."),
    "ranks.why_min": "no position on at least {min} tables",
    "ranks.why_none": "no card with a score",
}
