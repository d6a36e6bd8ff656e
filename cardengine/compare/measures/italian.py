"""Italian descriptions of the comparison's tables and columns, keyed by their English description.

Data only, applied by `provenance.with_provenance` to columns that have no Italian description of
their own. Keyed by the English text, as a message catalogue is: when a builder changes what a column means
(and so its English description), the stale Italian is not applied, the column shows up untranslated and
`tests/test_datapackage.py` says which.
"""

from __future__ import annotations

TABLES_IT: dict[str, str] = {
    "Every option of the plenary's polls, with the votes it drew (one row per workshop, poll and option)":
        "Ogni opzione dei sondaggi in plenaria, con i voti ricevuti (una riga per workshop, sondaggio e opzione)",
    "SDG coverage: how many of each group's picks and proposals address each of the 17 Sustainable Development "
    "Goals (a card lists several goals, so shares add up to more than 1)":
        "Copertura degli SDG: quante scelte e quante proposte di ogni gruppo riguardano ciascuno dei 17 Obiettivi "
        "di sviluppo sostenibile (una carta ne elenca diversi, perciò le quote sommano a più di 1)",
    'Feasibility by stakeholder type: per group and criterion, the mean of the values participants gave on their '
    'own (consensus values left out), over the cards their tables picked':
        'Fattibilità per tipo di portatore di interesse: per gruppo e criterio, la media dei valori dati dai '
        'partecipanti individualmente (esclusi i valori di consenso), sulle carte scelte dai loro tavoli',
    'Feasibility by stakeholder type, per card: per group, card and criterion, the mean of the values participants '
    'gave on their own':
        'Fattibilità per tipo di portatore di interesse, per carta: per gruppo, carta e criterio, la media dei '
        'valori dati dai partecipanti individualmente',
    'Every comment the tables recorded, in the order made at each table':
        'Tutti i commenti registrati dai tavoli, nell\'ordine in cui sono stati fatti a ogni tavolo',
    'Comments of each kind, per group':
        'Commenti di ogni tipo, per gruppo',
    'Comments about each card, by kind, per group (cards without comments are left out)':
        'Commenti su ogni carta, per tipo e per gruppo (le carte senza commenti sono escluse)',
    'Comments about each proposal, by kind (a proposal belongs to one table)':
        'Commenti su ogni proposta, per tipo (una proposta appartiene a un solo tavolo)',
    'Size of each group':
        'Dimensione di ogni gruppo',
    'Participants by stakeholder type':
        'Partecipanti per tipo di portatore di interesse',
    'How often each card was picked, per group':
        'Quanto spesso è stata scelta ogni carta, per gruppo',
    'How often each domain was picked, per group':
        'Quanto spesso è stato scelto ogni dominio, per gruppo',
    'Cards no table of the group picked':
        'Carte che nessun tavolo del gruppo ha scelto',
    'Feasibility per card and criterion, per group':
        'Fattibilità per carta e criterio, per gruppo',
    "Feasibility per domain and criterion, per group (all values of the domain's cards pooled)":
        'Fattibilità per dominio e criterio, per gruppo (tutti i valori delle carte del dominio insieme)',
    'Feasibility per criterion, per group (all scored cards pooled)':
        'Fattibilità per criterio, per gruppo (tutte le carte valutate insieme)',
    'Cards ranked by weighted feasibility (0-100), per group':
        'Carte in ordine di fattibilità ponderata (0-100), per gruppo',
    "Where a group's tables disagree: spread of each card's criterion values between tables, largest first":
        "Dove i tavoli di un gruppo non sono d'accordo: dispersione tra tavoli dei valori di ogni carta su ogni"
        ' criterio, dalla maggiore',
    'Where groups disagree: spread of the group means of each card, per criterion and for the weighted score '
    '(0-100), largest first':
        "Dove i gruppi non sono d'accordo: dispersione delle medie dei gruppi per ogni carta, per criterio e "
        'per la fattibilità ponderata (0-100), dalla maggiore',
    'Overlap of picks (Jaccard): between the tables of each workshop, and between groups (cards picked by any '
    'of their tables)':
        'Sovrapposizione delle scelte (Jaccard): tra i tavoli di ogni workshop e tra i gruppi (carte scelte da '
        'almeno uno dei loro tavoli)',
    'Agreement between the rankings of tables (per workshop) and of groups, and the overlap of their picks':
        'Accordo tra le classifiche dei tavoli (per workshop) e dei gruppi, e sovrapposizione delle loro scelte',
    'Proposals made at the tables':
        'Proposte nate ai tavoli',
    'The cards each proposal was built from (one row per card)':
        'Le carte da cui è costruita ogni proposta (una riga per carta)',
    'Proposals per domain: proposals drawing on at least one card of the domain (a proposal spanning two '
    'domains counts in both)':
        'Proposte per dominio: proposte che usano almeno una carta del dominio (una proposta su due domini '
        'conta in entrambi)',
    'Priority domains the tables named, in order':
        'Domini prioritari indicati dai tavoli, in ordine',
    # provenance's tables
    'The workshop files compared: one row per file, with what identifies its content':
        'I file dei workshop confrontati: una riga per file, con ciò che ne identifica il contenuto',
    'Which workshops each group holds: one row per group and workshop, to join a row of any table to one '
    'workshop id at a time':
        'Quali workshop contiene ogni gruppo: una riga per gruppo e workshop, per collegare una riga di '
        'qualsiasi tabella a un solo id di workshop alla volta',
}

COLUMNS_IT: dict[str, str] = {
    # as the numbers part of issue 13 words them (n beside every figure)
    'tables_picked / tables_available (n = tables_available)':
        'tables_picked / tables_available (n = tables_available)',
    'tables that scored the card (n)':
        'tavoli che hanno valutato la carta (n)',
    'mean position where named (1 = first; n = tables_naming); empty if never named':
        'posizione media dove indicato (1 = primo; n = tables_naming); vuota se mai indicato',
    'the group compared: a territory, a workshop or a table':
        'il gruppo confrontato: un territorio, un workshop o un tavolo',
    'workshops in the group':
        'workshop nel gruppo',
    'tables in the group':
        'tavoli nel gruppo',
    'participants registered':
        'partecipanti registrati',
    'cards picked (selected or favourite)':
        'carte scelte (selezionate o preferite)',
    'proposals made':
        'proposte fatte',
    'company, public-authority, utility, association, expert, citizen, other':
        'company (impresa), public-authority (ente pubblico), utility (multiutility), association '
        '(associazione), expert (esperto), citizen (cittadino), other (altro)',
    'participants of that type':
        'partecipanti di quel tipo',
    "share of the group's participants (empty when the group has none)":
        'quota dei partecipanti del gruppo (vuota se il gruppo non ne ha)',
    'card id':
        'id della carta',
    'domain id (deck domain)':
        'id del dominio (dominio del mazzo)',
    "tables whose workshop had the card's deck":
        'tavoli il cui workshop aveva il mazzo della carta',
    'of those, tables that picked it (selected or favourite)':
        "di questi, tavoli che l'hanno scelta (selezionata o preferita)",
    'tables that marked it favourite':
        "tavoli che l'hanno segnata come preferita",
    'tables that discussed and discarded it':
        "tavoli che l'hanno discussa e scartata",
    'tables_picked / tables_available':
        'tables_picked / tables_available',
    "tables whose workshop had the domain's deck":
        'tavoli il cui workshop aveva il mazzo del dominio',
    'cards of the domain picked, over those tables':
        'carte del dominio scelte, su quei tavoli',
    'cards of the domain marked favourite':
        'carte del dominio segnate come preferite',
    'picks / tables_available':
        'picks / tables_available',
    'tables that picked at least one card of the domain':
        'tavoli che hanno scelto almeno una carta del dominio',
    'tables_picking / tables_available':
        'tables_picking / tables_available',
    'picks / (cards of the domain offered to those tables): mean card pick rate':
        'picks / (carte del dominio offerte a quei tavoli): quota media di scelta delle carte',
    'true when a table of another group picked it':
        "true se un tavolo di un altro gruppo l'ha scelta",
    'criterion id':
        'id del criterio',
    'values (one per table that assessed it)':
        "valori (uno per tavolo che l'ha valutata)",
    'mean value':
        'valore medio',
    'sample standard deviation between tables (empty below two values)':
        'deviazione standard campionaria tra tavoli (vuota con meno di due valori)',
    'lowest value':
        'valore più basso',
    'highest value':
        'valore più alto',
    "cards assessed on this criterion by two or more of the group's tables":
        'carte valutate su questo criterio da due o più tavoli del gruppo',
    'mean, over those cards, of the spread between tables: how much tables disagree on this criterion':
        'media, su quelle carte, della dispersione tra tavoli: quanto i tavoli sono in disaccordo su questo '
        'criterio',
    '1 = most feasible; tied scores share a rank':
        '1 = la più fattibile; punteggi pari hanno la stessa posizione',
    'tables that scored the card':
        'tavoli che hanno valutato la carta',
    "mean of the tables' weighted feasibility, 0-100":
        'media della fattibilità ponderata dei tavoli, 0-100',
    'sample standard deviation between tables (empty below two)':
        'deviazione standard campionaria tra tavoli (vuota sotto i due)',
    'tables that assessed it':
        "tavoli che l'hanno valutata",
    'sample standard deviation between tables':
        'deviazione standard campionaria tra tavoli',
    "a criterion id, or 'weighted' for the weighted feasibility 0-100":
        "un id di criterio, oppure 'weighted' per la fattibilità ponderata 0-100",
    'groups whose tables scored the card':
        'gruppi i cui tavoli hanno valutato la carta',
    'sample standard deviation of the group means':
        'deviazione standard campionaria delle medie dei gruppi',
    'highest group mean minus lowest':
        'media più alta tra i gruppi meno la più bassa',
    'group with the lowest mean':
        'gruppo con la media più bassa',
    'its mean':
        'la sua media',
    'group with the highest mean':
        'gruppo con la media più alta',
    "'tables' (two tables of one workshop) or 'groups' (two groups compared)":
        "'tables' (due tavoli dello stesso workshop) o 'groups' (due gruppi confrontati)",
    'territory, date and title of the workshop (empty for groups)':
        'territorio, data e titolo del workshop (vuoto per i gruppi)',
    'first table or group':
        'primo tavolo o gruppo',
    'second table or group':
        'secondo tavolo o gruppo',
    'cards both picked':
        'carte scelte da entrambi',
    'cards either picked':
        'carte scelte da almeno uno dei due',
    'shared / union (empty when neither picked anything)':
        'shared / union (vuoto se nessuno dei due ha scelto nulla)',
    "'tables' (the tables of one workshop) or 'groups' (the groups compared)":
        "'tables' (i tavoli di un workshop) o 'groups' (i gruppi confrontati)",
    'territory, date and title (empty for groups)':
        'territorio, data e titolo (vuoto per i gruppi)',
    'tables (or groups) with at least one scored card':
        'tavoli (o gruppi) con almeno una carta valutata',
    'cards every one of those raters scored':
        'carte valutate da tutti quei tavoli (o gruppi)',
    "Kendall's W over those cards: 0 = no agreement, 1 = identical rankings; empty below 2 raters or 2 cards":
        'W di Kendall su quelle carte: 0 = nessun accordo, 1 = classifiche identiche; vuoto con meno di 2 '
        'valutatori o 2 carte',
    'pairs of raters whose rankings could be compared: three or more cards in common, not all tied':
        'coppie di valutatori le cui classifiche si possono confrontare: tre o più carte in comune, non tutte a'
        ' pari merito',
    "mean Spearman correlation of those pairs' rankings over their common cards (-1 = opposite, 0 = unrelated, "
    '1 = identical)':
        'correlazione di Spearman media delle classifiche di quelle coppie sulle carte comuni (-1 = opposte, 0 '
        '= non legate, 1 = identiche)',
    'mean pick overlap over all pairs of raters':
        'sovrapposizione media delle scelte su tutte le coppie di valutatori',
    'territory, date and title':
        'territorio, data e titolo del workshop',
    'table name':
        'nome del tavolo',
    "the table's proposal reference, e.g. P1":
        'riferimento della proposta al tavolo, ad es. P1',
    'proposal title':
        'titolo della proposta',
    'source card ids, space-separated':
        'id delle carte di partenza, separati da spazi',
    'domains of the source cards':
        'domini delle carte di partenza',
    'weighted feasibility 0-100 the table gave it (empty if not scored)':
        'fattibilità ponderata 0-100 data dal tavolo (vuota se non valutata)',
    'proposal reference':
        'riferimento della proposta',
    'how the card is used in the proposal':
        'come la carta è usata nella proposta',
    'proposals using a card of the domain':
        'proposte che usano una carta del dominio',
    'cards of the domain used across those proposals':
        'carte del dominio usate in quelle proposte',
    'tables of the group that set priority domains':
        'tavoli del gruppo che hanno indicato domini prioritari',
    'of those, tables that named this domain':
        'di questi, tavoli che hanno indicato questo dominio',
    'tables that put it first':
        "tavoli che l'hanno messo al primo posto",
    'mean position where named (1 = first); empty if never named':
        'posizione media dove indicato (1 = primo); vuota se mai indicato',
}
