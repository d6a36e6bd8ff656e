"""The words of the report's Methods section (report_methods): {key: English}.

Keys "methods.KEY" are paragraphs, "methods.KEY.lead" their run-in headings, "methods.f.KEY" the meanings of
a formula's symbols, in the formula's order, separated by " | " (a translation keeps the same number of parts).
Placeholders: {B} bootstrap resamples, {seed}, {N} the --min-tables threshold, {by} the --by value, {nouns} the
groups (plural noun), {groups} what a group is. "methods.rank.symbol" is the rank's name in formula (7).
"""

from __future__ import annotations

METHODS_WORDS: dict[str, str] = {
    "methods.title": "Methods",
    "methods.intro": "How every figure of this report is computed from the workshop files, with the rules for "
                     "the edge cases. Notation: g is a group ({groups}), t a table, c a card, k a criterion, "
                     "j a participant, d a domain.",
    "methods.where": "where",
    "methods.by.territory": "here a territory",
    "methods.by.workshop": "here a workshop",
    "methods.by.table": "here a single table of a workshop",
    "methods.settings.lead": "Settings.",
    "methods.settings": "This report compares {nouns} (--by {by}); bootstrap intervals over B = {B} resamples "
                        "(--bootstrap {B}) with seed {seed} (--seed {seed}); minimum number of tables N = {N} "
                        "(--min-tables {N}). With the same files and settings the command reproduces the same "
                        "figures.",
    "methods.settings_off": "This report compares {nouns} (--by {by}), without bootstrap intervals "
                            "(--bootstrap 0); minimum number of tables N = {N} (--min-tables {N}). With the "
                            "same files and settings the command reproduces the same figures.",
    "methods.unit.lead": "Unit of analysis.",
    "methods.unit": "The unit is the table instance: one table of one workshop. A group pools the table "
                    "instances of all its workshops: a territory with two workshops of three and four tables "
                    "counts seven tables, each with the same weight whichever workshop it comes from, so a "
                    "workshop with more tables weighs more. Tables of one workshop share a day, facilitators "
                    "and decks, but are treated as independent observations.",
    "methods.picks.lead": "Picks.",
    "methods.picks": "A table picks a card when it selects it or marks it favourite; a discarded card was "
                     "discussed and rejected and is counted apart, never as a pick. A card's pick rate is a "
                     "share of tables, not a count, because workshops differ in their number of tables and in "
                     "their decks:",
    "methods.f.rate": "tables of group g whose workshop had card c's deck | of those, the tables that picked it",
    "methods.domain.lead": "Domains.",
    "methods.domain": "For a domain d the report gives the cards picked per table, the share of tables that "
                      "picked at least one of them, and the mean card pick rate. The latter is a pooled ratio "
                      "(picks / cards offered): it equals the mean of the domain's card pick rates when every "
                      "card of the domain was offered to the same tables, and otherwise weighs each card by "
                      "the number of tables it was offered to.",
    "methods.f.domain": "tables of the group offered at least one card of the domain | cards of the domain "
                        "table t picked | cards of the domain offered to table t | cards picked per table | "
                        "share of tables | mean card pick rate",
    "methods.counts.lead": "Other counts.",
    "methods.counts": "Participants are counted per group and stakeholder type (all those registered in the "
                      "group's workshops; grouped by table, those seated at the table). A card is never "
                      "picked in a group when none of its tables picked it, with whether another group did. A "
                      "proposal counts for every domain among its source cards, so a proposal joining two "
                      "domains counts in both. Priority domains: the tables naming each domain, how many put "
                      "it first, and its mean position where named (1 = first).",
    "methods.value.lead": "A table's value for a criterion.",
    "methods.value": "A table scores a card (or a proposal) on each criterion by consensus or through each "
                     "participant's own value. A recorded consensus value beats the participants' values, and "
                     "so does a consensus 'not assessed', which leaves the value missing even when some "
                     "participants gave one. Without a consensus, the table's value is the mean of the values "
                     "of the participants who gave one; a participant's 'not assessed' stays out of that "
                     "mean. With no value at all the criterion is not assessed: the value is missing and "
                     "stays out of every mean, never counted as zero.",
    "methods.f.value": "the value participant j gave | participants of the table who gave a value",
    "methods.normalised.lead": "Normalisation.",
    "methods.normalised": "To combine criteria on different scales, each value is placed on 0–1 along its "
                          "criterion's scale: the first formula for 'higher is better' criteria, the second "
                          "for 'lower is better' ones, so that 1 is always the favourable end. A one-point "
                          "scale (H = L) counts as 1 before flipping.",
    "methods.f.normalised": "lowest point of the scale | highest point",
    "methods.weighted.lead": "Weighted feasibility (0–100).",
    "methods.weighted": "A card's feasibility at a table is the weighted mean of its normalised values, times "
                        "100, over the criteria assessed that have a positive weight. A criterion weighted "
                        "zero is left out (it neither lowers nor raises the score); a criterion not assessed "
                        "is left out and the other weights are renormalised. When no criterion with a "
                        "positive weight has a value, the card has no score (not zero) at that table and does "
                        "not enter the ranking. Each table uses its own workshop's criteria, scales and weights.",
    "methods.f.weighted": "weight of criterion k | criteria with a positive weight that the table assessed "
                          "for the card",
    "methods.spread.lead": "Mean and spread between tables.",
    "methods.spread": "For each card and criterion, the mean and the sample standard deviation (n − 1) of the "
                      "values of the group's tables that assessed it; below two values the standard deviation "
                      "is undefined and left empty. The same holds for the weighted feasibility.",
    "methods.f.spread": "tables that assessed the card | table t's value",
    "methods.pooled.lead": "Values pooled by domain and by criterion.",
    "methods.pooled": "Means by domain and by criterion pool every value of the cards concerned: a table "
                      "gives one value per card it scored, so a table that scored more cards weighs more, and "
                      "the standard deviation is between values, not between tables. The mean disagreement "
                      "between tables on a criterion is the mean, over the cards assessed by at least two of "
                      "the group's tables, of the standard deviation between tables on the same card.",
    "methods.rank.lead": "Rankings.",
    "methods.rank.symbol": "rank",
    "methods.rank": "In each group the cards are ordered by their mean weighted feasibility over the tables "
                    "that scored them, highest first. Ties share the best rank (competition ranking: 1, 2, 2, "
                    "4); among equal means the card scored by more tables comes first, then by card id. Every "
                    "rank is shown with the number of tables it rests on.",
    "methods.f.rank": "mean weighted feasibility of card c in group g",
    "methods.disagreement.lead": "Disagreement.",
    "methods.disagreement": "Within a group: per card and criterion, the standard deviation between the "
                            "group's tables (two or more), with the lowest and highest value, largest first. "
                            "Between groups: per card, on each criterion and on the weighted feasibility, the "
                            "sample standard deviation and the range (highest − lowest) of the means of the "
                            "groups that scored the card (two or more); each group mean weighs the same "
                            "whatever its number of tables.",
    "methods.jaccard.lead": "Overlap of picks (Jaccard).",
    "methods.jaccard": "For each pair of tables of a workshop, and each pair of groups (a group stands for "
                       "the cards any of its tables picked; up to 100 groups), the Jaccard index. When "
                       "neither picked any card the index is undefined: the cell is left empty and the pair "
                       "stays out of the mean. A group's set grows with its number of tables, so overlaps "
                       "between groups of very different sizes are to be read with care.",
    "methods.f.jaccard": "cards the two tables (or groups) picked",
    "methods.kendall.lead": "Agreement of rankings (Kendall's W).",
    "methods.kendall": "The raters are the tables of a workshop with at least one scored card (their weighted "
                       "feasibility scores), or the groups (their means). W is computed over the cards every "
                       "rater scored only; each rater's scores become ranks, with average ranks for ties, and "
                       "W carries the correction for ties. W is missing below two raters or two common cards, "
                       "or when every rater gave every card the same score.",
    "methods.f.kendall": "raters, j = 1, …, m | common cards, i = 1, …, n | sum of card i's ranks | sum of u³ "
                         "− u over rater j's groups of u tied cards",
    "methods.chi.lead": "Testing W.",
    "methods.chi": "The hypothesis of no agreement is tested with the chi-square approximation on n − 1 "
                   "degrees of freedom. With fewer than three common cards W is not tested and the report "
                   "says so. With few cards (fewer than about seven) the approximation is rough: read the "
                   "p-value as indicative.",
    "methods.f.chi": "probability of a value at least as large under no agreement",
    "methods.spearman.lead": "Mean Spearman correlation.",
    "methods.spearman": "Tables rarely score the same cards, so W often rests on few cards. For each pair of "
                        "raters with three or more cards in common, Spearman's correlation of their ranks "
                        "(average ranks for ties), recomputed over the common cards only; a pair where one "
                        "rater gave every card the same score is not comparable. The report gives the mean "
                        "over the comparable pairs and their number.",
    "methods.f.spearman": "rank of card i by rater a | mean rank",
    "methods.boot.lead": "Bootstrap intervals.",
    "methods.boot": "For pick rates, criterion means and weighted feasibility, a 95 % percentile interval: B "
                    "= {B} times, as many tables as the group has are drawn with replacement from the group's "
                    "tables (numpy default_rng seeded with [{seed}, CRC-32 of the group's label in UTF-8], so "
                    "a group's intervals do not change when other groups join the comparison; the draws are "
                    "rng.integers(0, k, size=(B, k)) over the group's k tables, in the order of "
                    "group_workshops.csv and, within a workshop, of the rows of its export's tables.csv); on "
                    "each resample the statistic is recomputed exactly as on the data; resamples where it is "
                    "undefined are dropped; the bounds are the 2.5th and 97.5th percentiles. No interval for "
                    "groups with fewer than two tables, nor for a figure that rests on one table. Tables are "
                    "resampled, not workshops: the interval leaves out the variation between workshops of one "
                    "territory and, with few tables, never reaches beyond the values observed, so it "
                    "understates the uncertainty.",
    "methods.f.boot": "the b-th resample of the group's tables | the statistic | α percentile of the resampled values",
    "methods.boot_off": "Not computed for this report (--bootstrap 0).",
    "methods.n.lead": "Number of tables beside every figure.",
    "methods.n": "Every mean, rate, rank and standard deviation carries the number of tables it rests on (and "
                 "of participants, where individual values stand behind it). Figures resting on fewer than N "
                 "= {N} tables stay in the CSV files with their n, but are greyed in the charts, marked in "
                 "the tables and left out of the rankings' top lists, with a sentence saying how many were left out.",
    "methods.sdg.lead": "SDG coverage.",
    "methods.sdg": "Per group and Sustainable Development Goal s: the picks (table × card) of cards that list "
                   "the goal, their share of the group's picks, the distinct cards, and the proposals whose "
                   "source cards list it. A card listing several goals counts for each, so the shares of the "
                   "goals can add up to more than 1.",
    "methods.f.sdg": "share of group g's picks that address goal s | cards table t picked | goals card c lists",
    "methods.stake.lead": "Means by stakeholder type.",
    "methods.stake": "Where participants scored individually, per group, criterion k and stakeholder type h, "
                     "the mean of the individual values given by participants of that type; consensus values "
                     "are not individual and are left out. Participants, tables and values are counted; a "
                     "participant who scored several cards contributes several values.",
    "methods.f.stake": "individual values given in group g on criterion k by participants of type h",
    "methods.comments.lead": "Comments.",
    "methods.comments": "The comments recorded at the tables (barrier, enabler, question, quote) are counted "
                        "by kind, per card, proposal and group, as last edited (undone ones left out), with "
                        "their table and workshop; the speaker is given only by stakeholder type, never by name.",
    "methods.criteria_sets.lead": "Different criteria sets.",
    "methods.criteria_sets": "When workshops used different criteria sets (the report warns), criteria are "
                             "matched by id: a criterion sharing an id is assumed to have the same scale and "
                             "direction in every set. Each table's weighted feasibility uses its own "
                             "workshop's criteria and weights.",
    "methods.provenance.lead": "Provenance.",
    "methods.provenance": "Every row of the CSV files carries the workshop's id (UUID), or its group's "
                          "workshop ids, so it joins back to the session exports; each input file is "
                          "identified by its SHA-256 digest, event count and last event time. The report "
                          "states the cardengine version, the command line and the time it was made.",
    "methods.exact.lead": "Exact and missing values.",
    "methods.exact": "Every figure is computed from unrounded values; rounding happens only when the report "
                     "prints it. A missing value ('–' in the report, an empty cell in the CSV files) means "
                     "undefined, never zero.",
    "methods.csv.lead": "Data.",
    "methods.csv": "Every table and chart names the CSV file it comes from; datapackage.json gives the type "
                   "and meaning of every column.",
}
