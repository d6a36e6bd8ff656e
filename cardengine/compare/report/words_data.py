"""The descriptions of the comparison's CSV tables and columns (datapackage.json, the data card README.md) as
report words, so a comparison in French (or any language with a catalogue) describes its data in that language.

Keyed by the English description, as a message catalogue is (`data.` and a short hash of it): when a measure
changes what a column means, its English changes, the old translation no longer applies and
`tests/test_compare_french.py` names the description missing here. This catalogue is the one source of the
descriptions in every language, Italian included (the measures write English only), so one English text has
one meaning wherever a table uses it: a column that means something else (a comment's card, which may be
none) has English of its own.
"""

from __future__ import annotations

import hashlib


def data_key(english: str) -> str:
    """The report word key of a table's or column's English description."""
    return "data." + hashlib.sha256(english.encode("utf-8")).hexdigest()[:12]


# Every table's and column's English description, in the order of the tables.
DESCRIPTIONS = (
    'Size of each group',
    'the group compared: a territory, a workshop or a table',
    'workshops in the group',
    'tables in the group',
    'participants registered',
    'cards picked (selected or favourite)',
    'proposals made',
    "workshop ids (UUID) behind the row: the workshop's id for a row about one workshop, else the ids "
    "of the group's (or groups') workshops, sorted and space-separated; group_workshops.csv has one per "
    'row, and each is the workshop column of `cardengine export --format csv`',
    'Participants by stakeholder type',
    'company, public-authority, utility, association, expert, citizen, other',
    'participants of that type',
    "share of the group's participants (empty when the group has none)",
    'tables of the group (n)',
    'How often each card was picked, per group',
    'card id',
    'domain id (deck domain)',
    "tables whose workshop had the card's deck",
    'of those, tables that picked it (selected or favourite)',
    'tables that marked it favourite',
    'tables that discussed and discarded it',
    'tables_picked / tables_available (n = tables_available)',
    "lower end of the 95 % bootstrap confidence interval over the group's tables (empty: bootstrap off, "
    'or fewer than two tables behind the figure)',
    'upper end of that interval',
    'How often each domain was picked, per group',
    "tables whose workshop had the domain's deck",
    'cards of the domain picked, over those tables',
    'cards of the domain marked favourite',
    'picks / tables_available',
    'tables that picked at least one card of the domain',
    'tables_picking / tables_available',
    'picks / (cards of the domain offered to those tables): mean card pick rate',
    'Cards no table of the group picked',
    'true when a table of another group picked it',
    'Feasibility per card and criterion, per group',
    'criterion id',
    'values (one per table that assessed it)',
    'mean value',
    'sample standard deviation between tables (empty below two values)',
    'lowest value',
    'highest value',
    "participants whose own values make the tables' values (tables that scored individually, without a "
    'consensus value); 0 when every value is by consensus',
    "Feasibility per domain and criterion, per group (all values of the domain's cards pooled)",
    'tables behind the figure (n)',
    'Feasibility per criterion, per group (all scored cards pooled)',
    "cards assessed on this criterion by two or more of the group's tables",
    'mean, over those cards, of the spread between tables: how much tables disagree on this criterion',
    'Cards ranked by weighted feasibility (0-100), per group',
    '1 = most feasible; tied scores share a rank',
    'tables that scored the card (n)',
    "mean of the tables' weighted feasibility, 0-100",
    'sample standard deviation between tables (empty below two)',
    "Where a group's tables disagree: spread of each card's criterion values between tables, largest "
    'first',
    'tables that assessed it',
    'sample standard deviation between tables',
    'Where groups disagree: spread of the group means of each card, per criterion and for the weighted '
    'score (0-100), largest first',
    "a criterion id, or 'weighted' for the weighted feasibility 0-100",
    'groups whose tables scored the card',
    'sample standard deviation of the group means',
    'highest group mean minus lowest',
    'group with the lowest mean',
    'its mean',
    'group with the highest mean',
    'tables behind all the group means',
    'tables behind the lowest mean',
    'tables behind the highest mean',
    'Overlap of picks (Jaccard): between the tables of each workshop, and between groups (cards picked '
    'by any of their tables)',
    "'tables' (two tables of one workshop) or 'groups' (two groups compared)",
    'territory, date and title of the workshop (empty for groups)',
    'first table or group',
    'second table or group',
    'cards both picked',
    'cards either picked',
    'shared / union (empty when neither picked anything)',
    'tables behind the two pick sets (2 for two tables)',
    'Agreement between the rankings of tables (per workshop) and of groups, and the overlap of their '
    'picks',
    "'tables' (the tables of one workshop) or 'groups' (the groups compared)",
    'the group holding the workshop (grouping by table: territory, date and title of the workshop); empty for '
    'the groups row',
    'territory, date and title (empty for groups)',
    'tables (or groups) with at least one scored card',
    'cards every one of those raters scored',
    "Kendall's W over those cards: 0 = no agreement, 1 = identical rankings; empty below 2 raters or 2 "
    'cards',
    "Friedman's chi-square of W: raters x (items - 1) x W; empty below 3 items (W not tested)",
    'degrees of freedom of that test: items - 1 (given also where W is not tested, where chi2 and '
    'p_value are empty)',
    'P(chi-square with df degrees of freedom >= chi2): the chance of agreement at least this strong if '
    'the raters ranked at random',
    'pairs of raters whose rankings could be compared: three or more cards in common, not all tied',
    "mean Spearman correlation of those pairs' rankings over their common cards (-1 = opposite, 0 = "
    'unrelated, 1 = identical)',
    'mean pick overlap over all pairs of raters',
    "tables behind the raters' rankings (for groups: all their tables that scored a card)",
    'Proposals made at the tables',
    'territory, date and title',
    'table name',
    "the table's proposal reference, e.g. P1",
    'proposal title',
    'source card ids, space-separated',
    'domains of the source cards',
    'weighted feasibility 0-100 the table gave it (empty if not scored)',
    'The cards each proposal was built from (one row per card)',
    'proposal reference',
    'how the card is used in the proposal',
    'Proposals per domain: proposals drawing on at least one card of the domain (a proposal spanning '
    'two domains counts in both)',
    'proposals using a card of the domain',
    'cards of the domain used across those proposals',
    'Priority domains the tables named, in order',
    'tables of the group that set priority domains',
    'of those, tables that named this domain',
    'tables that put it first',
    'mean position where named (1 = first; n = tables_naming); empty if never named',
    "SDG coverage: how many of each group's picks and proposals address each of the 17 Sustainable "
    'Development Goals (a card lists several goals, so shares add up to more than 1)',
    'Sustainable Development Goal, 1-17',
    'picks (table x card, selected or favourite) whose card lists the goal',
    'picks / group_picks (empty when the group picked nothing)',
    'distinct cards behind those picks',
    'tables that picked at least one card listing the goal',
    'proposals with at least one source card listing the goal',
    'proposals / group_proposals (empty when the group made none)',
    "all picks of the group (the share's denominator)",
    'all proposals of the group',
    'table instances of the group, whose picks are pooled',
    'Feasibility by stakeholder type: per group and criterion, the mean of the values participants gave '
    'on their own (consensus values left out), over the cards their tables picked',
    "company, public-authority, utility, association, expert, citizen, other; 'unknown' when the "
    'participant has no recorded type',
    'participants whose own values are pooled',
    'tables those participants scored at',
    'individual values (one per participant, card and criterion)',
    'mean of the individual values, unrounded',
    'sample standard deviation of the individual values (empty below two)',
    'Feasibility by stakeholder type, per card: per group, card and criterion, the mean of the values '
    'participants gave on their own',
    'Every comment the tables recorded, in the order made at each table',
    "the workshop's id (UUID): joins to `cardengine export` rows",
    "the comment's event id (stable across exports and merges)",
    'when it was recorded (ISO 8601)',
    'comment kind: barrier, enabler, question or quote',
    'card id the comment is about (empty when none)',
    'domain id of that card (empty when none)',
    "the table's proposal it is about, e.g. P1 (empty when none)",
    "that proposal's title",
    'stakeholder type of the participant credited with it (empty when nobody)',
    'the comment as recorded (edits applied)',
    'Comments of each kind, per group',
    'comments of this kind',
    'of those, comments about a card',
    'of those, comments about a proposal',
    "of those, comments about neither (the table's discussion in general)",
    'tables that made at least one comment of this kind',
    'Comments about each card, by kind, per group (cards without comments are left out)',
    'comments of this kind about the card',
    'tables that made them',
    'Comments about each proposal, by kind (a proposal belongs to one table)',
    'comments of this kind about the proposal',
    'The workshop files compared: one row per file, with what identifies its content',
    'workshop id (UUID); the workshop column of `cardengine export --format csv`',
    'file name of the workshop file (.db)',
    "SHA-256 of the file's bytes as compared (what `sha256sum FILE` prints for it)",
    'events recorded in the file',
    'time of the latest event (ISO 8601, UTC)',
    'workshop title',
    'territory of the workshop',
    'date of the workshop',
    'tables of the workshop compared',
    'Which workshops each group holds: one row per group and workshop, to join a row of any table to '
    'one workshop id at a time',
    "id (UUID) of one of the group's workshops",
    "Every option of the plenary's polls, with the votes it drew (one row per workshop, poll and option)",
    "the poll's id in its workshop: Q1, Q2, ...",
    'goals (choose SDGs), dots (dot vote on favoured cards and proposals) or domains (ranking)',
    "the question asked, in the workshop's language",
    "place of the option in the poll's results (1 = most points; ties in the options' order)",
    'SDG number, card id, proposal as TABLE/P1, or domain id',
    'voters who chose the option',
    'goals: voters; dots: dots placed on it; domains: Borda points (first choice of N choices N points, then '
    'N-1, ...)',
    'voters in the poll (n behind every figure of its rows)',
    'whether the poll was closed when the file was read',
)

DATA_WORDS: dict[str, str] = {data_key(english): english for english in DESCRIPTIONS}
