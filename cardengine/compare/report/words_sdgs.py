"""The words of the report's sections on the SDGs and on feasibility by stakeholder type (sdgs): {key: English}.
"""

from __future__ import annotations

SDG_WORDS: dict[str, str] = {
    "sdg.s": "Sustainable Development Goals",
    "sdg.named": "SDG {goal} {name}",  # a goal in a sentence: SDG 7 Affordable and clean energy
    "sdg.leader": "{group}: SDG {goals} ({share})",  # a group's most addressed goals (ties named together)
    "sdg.intro": "Which of the UN's 17 Sustainable Development Goals (SDGs) the chosen cards address. Each "
                 "pick (a table picking a card) counts for every goal the card lists; the share is of all the "
                 "group's picks. A card lists several goals, so a group's shares add up to more than 100%. A "
                 "proposal addresses a goal when at least one of its source cards lists it.",
    "sdg.chart": "Share of picks addressing each goal, per group",
    "sdg.legend": "share of the group's picks",
    "sdg.chart_note": "Tables behind each column: {tables}.",
    "sdg.chart_same": "Tables behind each column: {n} in each.",
    "sdg.table": "Picks addressing each goal (share of the group's picks) · proposals",
    "sdg.table_note": "First row: all picks · all proposals of the group (tables). A proposal counts for "
                      "every goal of its source cards.",
    "sdg.col.goal": "Goal",
    "sdg.row.all": "Group total",
    "sdg.none": "No card has been picked yet, so no goal is addressed.",
    "sdg.no_goals": "No card picked lists a goal (picks: {n}).",
    "sdg.most": "Across all groups, the goals the picks address most are {goals}.",
    "sdg.zero": "No pick addresses {goals}.",
    "sdg.least": "The least addressed are {goals}.",
    "sdg.per_group": "Most addressed goal in each group: {groups}.",
    "sdg.proposals": "Proposals draw most on {goal}: {n} of {total} proposals.",
    "sdg.and": "and",
    "sdg.of_picks": "of picks",
    "sdg.below_one": "<1%",
    "sdg.above_99": ">99%",
    "sdg.st.s": "Feasibility by stakeholder type",
    "sdg.st.intro": "Where participants gave their own values (not by consensus), the mean per criterion of "
                    "the values each type of stakeholder gave, over the cards their table picked. Consensus "
                    "values belong to the table, not to a participant, and stay out.",
    "sdg.st.table": "Mean ± standard deviation of the individual values (participants · tables)",
    "sdg.st.note": "In brackets: participants of that type who gave values · tables where they gave them. – = "
                   "no participant of that type gave values on that criterion. Scale {low}–{high}.",
    "sdg.st.none": "No table scored individually: every value was given by consensus, so there are no means "
                   "by stakeholder type.",
    "sdg.st.missing": "No participant gave individual values in: {groups}.",
    "sdg.st.missing_count": "In {n} of {total} groups no participant gave individual values.",
    "sdg.st.unknown": "Type not recorded",
    "sdg.st.capped": "The first {shown} of {total} rows are shown; all are in {csv}.",
    # The goals' UN short names, for a language the decks' vocabulary does not name them in (French).
    "sdg.goal.1": 'No poverty',
    "sdg.goal.2": 'Zero hunger',
    "sdg.goal.3": 'Good health and well-being',
    "sdg.goal.4": 'Quality education',
    "sdg.goal.5": 'Gender equality',
    "sdg.goal.6": 'Clean water and sanitation',
    "sdg.goal.7": 'Affordable and clean energy',
    "sdg.goal.8": 'Decent work and economic growth',
    "sdg.goal.9": 'Industry, innovation and infrastructure',
    "sdg.goal.10": 'Reduced inequalities',
    "sdg.goal.11": 'Sustainable cities and communities',
    "sdg.goal.12": 'Responsible consumption and production',
    "sdg.goal.13": 'Climate action',
    "sdg.goal.14": 'Life below water',
    "sdg.goal.15": 'Life on land',
    "sdg.goal.16": 'Peace, justice and strong institutions',
    "sdg.goal.17": 'Partnerships for the goals',
}
