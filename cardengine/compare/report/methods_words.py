"""The words of the report's Methods section (report_methods), in Italian and English.

Keys "methods.KEY" are paragraphs, "methods.KEY.lead" their run-in headings, "methods.f.KEY" the meanings of
a formula's symbols, in the formula's order, separated by " | ". Placeholders: {B} bootstrap resamples, {seed},
{N} the --min-tables threshold, {by} the --by value, {nouns} the groups (plural
noun), {groups} what a group is.
"""

from __future__ import annotations

from cardengine.compare.report.words import register

METHODS_TEXT: dict[str, dict[str, str]] = {
    "methods.title": {"it": "Metodi", "en": "Methods"},
    "methods.intro": {
        "it": "Come si calcola ogni valore di questo rapporto a partire dai file dei workshop, con le regole per i "
              "casi limite. Notazione: g è un gruppo ({groups}), t un tavolo, c una carta, k un criterio, "
              "j un partecipante, d un dominio.",
        "en": "How every figure of this report is computed from the workshop files, with the rules for the edge "
              "cases. Notation: g is a group ({groups}), t a table, c a card, k a criterion, j a participant, "
              "d a domain."},
    "methods.where": {"it": "dove", "en": "where"},
    "methods.by.territory": {"it": "qui un territorio", "en": "here a territory"},
    "methods.by.workshop": {"it": "qui un workshop", "en": "here a workshop"},
    "methods.by.table": {"it": "qui un singolo tavolo di un workshop", "en": "here a single table of a workshop"},
    "methods.settings.lead": {"it": "Impostazioni.", "en": "Settings."},
    "methods.settings": {
        "it": "Questo rapporto confronta {nouns} (--by {by}); intervalli bootstrap su B = {B} ricampionamenti "
              "(--bootstrap {B}) con seme {seed} (--seed {seed}); soglia minima di tavoli N = {N} (--min-tables {N}). "
              "Con gli stessi file e le stesse impostazioni il comando riproduce gli stessi numeri.",
        "en": "This report compares {nouns} (--by {by}); bootstrap intervals over B = {B} resamples (--bootstrap {B}) "
              "with seed {seed} (--seed {seed}); minimum number of tables N = {N} (--min-tables {N}). With the "
              "same files and settings the command reproduces the same figures."},
    "methods.settings_off": {
        "it": "Questo rapporto confronta {nouns} (--by {by}), senza intervalli bootstrap (--bootstrap 0); soglia "
              "minima di tavoli N = {N} (--min-tables {N}). Con gli stessi file e le stesse impostazioni il comando "
              "riproduce gli stessi numeri.",
        "en": "This report compares {nouns} (--by {by}), without bootstrap intervals (--bootstrap 0); minimum "
              "number of tables N = {N} (--min-tables {N}). With the same files and settings the command "
              "reproduces the same figures."},
    "methods.unit.lead": {"it": "Unità di analisi.", "en": "Unit of analysis."},
    "methods.unit": {
        "it": "L'unità è l'istanza di tavolo: un tavolo di un workshop. Un gruppo riunisce le istanze di tavolo di "
              "tutti i suoi workshop: un territorio con due workshop di tre e quattro tavoli conta sette tavoli, "
              "ciascuno con lo stesso peso, qualunque sia il workshop di provenienza; un workshop con più tavoli "
              "pesa quindi di più. I tavoli di uno stesso workshop condividono giornata, facilitatori e mazzi, ma "
              "sono trattati come osservazioni indipendenti.",
        "en": "The unit is the table instance: one table of one workshop. A group pools the table instances of "
              "all its workshops: a territory with two workshops of three and four tables counts seven tables, "
              "each with the same weight whichever workshop it comes from, so a workshop with more tables weighs "
              "more. Tables of one workshop share a day, facilitators and decks, but are treated as independent "
              "observations."},
    "methods.picks.lead": {"it": "Scelte.", "en": "Picks."},
    "methods.picks": {
        "it": "Una carta è scelta da un tavolo se il tavolo l'ha selezionata o segnata come preferita; una carta "
              "scartata è stata discussa e respinta e si conta a parte, mai come scelta. La quota di scelta di "
              "una carta è una proporzione di tavoli, non un conteggio, perché i workshop hanno numeri di tavoli e "
              "mazzi diversi:",
        "en": "A table picks a card when it selects it or marks it favourite; a discarded card was discussed and "
              "rejected and is counted apart, never as a pick. A card's pick rate is a share of tables, not a "
              "count, because workshops differ in their number of tables and in their decks:"},
    "methods.f.rate": {
        "it": "tavoli del gruppo g il cui workshop aveva il mazzo della carta c | tra questi, i tavoli che l'hanno "
              "scelta",
        "en": "tables of group g whose workshop had card c's deck | of those, the tables that picked it"},
    "methods.domain.lead": {"it": "Domini.", "en": "Domains."},
    "methods.domain": {
        "it": "Per un dominio d si riportano le carte scelte per tavolo, la quota di tavoli che ne hanno scelta "
              "almeno una e la quota di scelta media delle sue carte. Quest'ultima è un rapporto complessivo "
              "(scelte / carte offerte): coincide con la media delle quote delle singole carte quando tutte le "
              "carte del dominio sono state offerte agli stessi tavoli, altrimenti pesa ogni carta per il numero "
              "di tavoli a cui è stata offerta.",
        "en": "For a domain d the report gives the cards picked per table, the share of tables that picked at "
              "least one of them, and the mean card pick rate. The latter is a pooled ratio (picks / cards "
              "offered): it equals the mean of the domain's card pick rates when every card of the domain was "
              "offered to the same tables, and otherwise weighs each card by the number of tables it was offered "
              "to."},
    "methods.f.domain": {
        "it": "tavoli del gruppo a cui è stata offerta almeno una carta del dominio | carte del dominio scelte "
              "dal tavolo t | carte del dominio offerte al tavolo t | carte scelte per tavolo | quota di tavoli "
              "| quota di scelta media delle carte",
        "en": "tables of the group offered at least one card of the domain | cards of the domain table t picked | "
              "cards of the domain offered to table t | cards picked per table | share of tables | mean card "
              "pick rate"},
    "methods.counts.lead": {"it": "Altri conteggi.", "en": "Other counts."},
    "methods.counts": {
        "it": "I partecipanti si contano per gruppo e per tipo di portatore di interesse (tutti quelli registrati "
              "nei workshop del gruppo; raggruppando per tavolo, quelli seduti al tavolo). Una carta non è mai "
              "scelta in un gruppo se nessuno dei suoi tavoli l'ha scelta; si indica se l'ha scelta un altro "
              "gruppo. Una proposta conta per ogni dominio delle sue carte di partenza, quindi una proposta che "
              "unisce due domini conta in entrambi. Domini prioritari: i tavoli che nominano ciascun dominio, "
              "quanti lo mettono al primo posto e la sua posizione media quando è nominato (1 = primo).",
        "en": "Participants are counted per group and stakeholder type (all those registered in the group's "
              "workshops; grouped by table, those seated at the table). A card is never picked in a group when "
              "none of its tables picked it, with whether another group did. A proposal counts for every domain "
              "among its source cards, so a proposal joining two domains counts in both. Priority domains: the "
              "tables naming each domain, how many put it first, and its mean position where named (1 = first)."},
    "methods.value.lead": {"it": "Il valore di un tavolo su un criterio.", "en": "A table's value for a criterion."},
    "methods.value": {
        "it": "Un tavolo valuta una carta (o una proposta) su ogni criterio per consenso oppure con i valori dei "
              "singoli partecipanti. Il valore di consenso, se registrato, prevale sui valori individuali; "
              "prevale anche un «non valutato» deciso per consenso, che lascia il valore mancante anche se alcuni "
              "partecipanti hanno dato un valore. Senza consenso, il valore del tavolo è la media dei valori dei "
              "partecipanti che ne hanno dato uno; un partecipante che ha indicato «non valutato» resta fuori "
              "dalla media. Senza alcun valore, il criterio non è valutato: il valore manca e resta fuori da ogni "
              "media, senza mai contare come zero.",
        "en": "A table scores a card (or a proposal) on each criterion by consensus or through each participant's "
              "own value. A recorded consensus value beats the participants' values, and so does a consensus "
              "'not assessed', which leaves the value missing even when some participants gave one. Without a "
              "consensus, the table's value is the mean of the values of the participants who gave one; a "
              "participant's 'not assessed' stays out of that mean. With no value at all the criterion is not "
              "assessed: the value is missing and stays out of every mean, never counted as zero."},
    "methods.f.value": {
        "it": "valore dato dal partecipante j | partecipanti del tavolo che hanno dato un valore",
        "en": "the value participant j gave | participants of the table who gave a value"},
    "methods.normalised.lead": {"it": "Normalizzazione.", "en": "Normalisation."},
    "methods.normalised": {
        "it": "Per combinare criteri con scale diverse, ogni valore è riportato su 0–1 lungo la scala del suo "
              "criterio: prima formula per i criteri «più alto è meglio», seconda per quelli «più basso è "
              "meglio», così che 1 sia sempre l'estremo favorevole. Una scala di un solo punto (H = L) vale 1 "
              "prima del ribaltamento.",
        "en": "To combine criteria on different scales, each value is placed on 0–1 along its criterion's "
              "scale: the first formula for 'higher is better' criteria, the second for 'lower is better' ones, "
              "so that 1 is always the favourable end. A one-point scale (H = L) counts as 1 before flipping."},
    "methods.f.normalised": {"it": "estremo inferiore della scala | estremo superiore",
                             "en": "lowest point of the scale | highest point"},
    "methods.weighted.lead": {"it": "Fattibilità ponderata (0–100).", "en": "Weighted feasibility (0–100)."},
    "methods.weighted": {
        "it": "La fattibilità di una carta a un tavolo è la media pesata dei valori normalizzati, per 100, sui "
              "soli criteri valutati con peso positivo. Un criterio con peso zero resta fuori (non abbassa né "
              "alza il punteggio); un criterio non valutato resta fuori e i pesi degli altri si rinormalizzano. "
              "Se nessun criterio con peso positivo ha un valore, la carta non ha punteggio (non zero) a quel "
              "tavolo e non entra nella classifica. Ogni tavolo usa i criteri, le scale e i pesi del proprio "
              "workshop.",
        "en": "A card's feasibility at a table is the weighted mean of its normalised values, times 100, over "
              "the criteria assessed that have a positive weight. A criterion weighted zero is left out (it "
              "neither lowers nor raises the score); a criterion not assessed is left out and the other weights "
              "are renormalised. When no criterion with a positive weight has a value, the card has no score "
              "(not zero) at that table and does not enter the ranking. Each table uses its own workshop's "
              "criteria, scales and weights."},
    "methods.f.weighted": {
        "it": "peso del criterio k | criteri con peso positivo che il tavolo ha valutato per la carta",
        "en": "weight of criterion k | criteria with a positive weight that the table assessed for the card"},
    "methods.spread.lead": {"it": "Media e dispersione tra tavoli.", "en": "Mean and spread between tables."},
    "methods.spread": {
        "it": "Per ogni carta e criterio, la media e la deviazione standard campionaria (n − 1) dei valori dei "
              "tavoli del gruppo che l'hanno valutata; con meno di due valori la deviazione standard non è "
              "definita e resta vuota. Lo stesso vale per la fattibilità ponderata.",
        "en": "For each card and criterion, the mean and the sample standard deviation (n − 1) of the values of "
              "the group's tables that assessed it; below two values the standard deviation is undefined and "
              "left empty. The same holds for the weighted feasibility."},
    "methods.f.spread": {"it": "tavoli che hanno valutato la carta | valore del tavolo t",
                         "en": "tables that assessed the card | table t's value"},
    "methods.pooled.lead": {"it": "Valori aggregati per dominio e criterio.",
                            "en": "Values pooled by domain and by criterion."},
    "methods.pooled": {
        "it": "Le medie per dominio e per criterio riuniscono tutti i valori delle carte interessate: un tavolo "
              "dà un valore per ogni carta che ha valutato, quindi un tavolo che valuta più carte pesa di più, e "
              "la deviazione standard è calcolata tra valori, non tra tavoli. Il disaccordo medio tra tavoli su un "
              "criterio è la media, sulle carte valutate da almeno due tavoli del gruppo, della deviazione "
              "standard tra tavoli sulla stessa carta.",
        "en": "Means by domain and by criterion pool every value of the cards concerned: a table gives one value "
              "per card it scored, so a table that scored more cards weighs more, and the standard deviation is "
              "between values, not between tables. The mean disagreement between tables on a criterion is the "
              "mean, over the cards assessed by at least two of the group's tables, of the standard deviation "
              "between tables on the same card."},
    "methods.rank.lead": {"it": "Classifiche.", "en": "Rankings."},
    "methods.rank.symbol": {"it": "pos", "en": "rank"},  # the rank's name in formula (7)
    "methods.rank": {
        "it": "In ogni gruppo le carte sono ordinate per fattibilità ponderata media tra i tavoli che le hanno "
              "valutate, dalla più alta. I pareggi condividono la posizione migliore (classifica «sportiva»: 1, "
              "2, 2, 4); a parità di media viene prima la carta valutata da più tavoli, poi l'ordine dei codici. "
              "Accanto a ogni posizione si riporta il numero di tavoli su cui poggia.",
        "en": "In each group the cards are ordered by their mean weighted feasibility over the tables that scored "
              "them, highest first. Ties share the best rank (competition ranking: 1, 2, 2, 4); among equal means "
              "the card scored by more tables comes first, then by card id. Every rank is shown with the number "
              "of tables it rests on."},
    "methods.f.rank": {"it": "fattibilità ponderata media della carta c nel gruppo g",
                       "en": "mean weighted feasibility of card c in group g"},
    "methods.disagreement.lead": {"it": "Disaccordo.", "en": "Disagreement."},
    "methods.disagreement": {
        "it": "Entro un gruppo: per carta e criterio, la deviazione standard tra i tavoli del gruppo (almeno "
              "due), con minimo e massimo, dalla più grande. Tra gruppi: per carta, su ogni criterio e sulla "
              "fattibilità ponderata, la deviazione standard campionaria e l'intervallo (massimo − minimo) delle "
              "medie dei gruppi che hanno valutato la carta (almeno due); ogni media di gruppo pesa allo stesso "
              "modo, qualunque sia il numero dei suoi tavoli.",
        "en": "Within a group: per card and criterion, the standard deviation between the group's tables (two "
              "or more), with the lowest and highest value, largest first. Between groups: per card, on each "
              "criterion and on the weighted feasibility, the sample standard deviation and the range (highest − "
              "lowest) of the means of the groups that scored the card (two or more); each group mean weighs the "
              "same whatever its number of tables."},
    "methods.jaccard.lead": {"it": "Sovrapposizione delle scelte (Jaccard).", "en": "Overlap of picks (Jaccard)."},
    "methods.jaccard": {
        "it": "Per ogni coppia di tavoli di un workshop, e per ogni coppia di gruppi (un gruppo vale l'insieme "
              "delle carte scelte da almeno uno dei suoi tavoli, fino a 100 gruppi), l'indice di Jaccard. Se "
              "nessuno dei due ha scelto carte l'indice non è definito: la cella resta vuota e la coppia non entra "
              "nella media. L'insieme di un gruppo cresce con il numero dei suoi tavoli, quindi la "
              "sovrapposizione tra gruppi di dimensioni molto diverse va letta con cautela.",
        "en": "For each pair of tables of a workshop, and each pair of groups (a group stands for the cards any of "
              "its tables picked; up to 100 groups), the Jaccard index. When neither picked any card the index "
              "is undefined: the cell is left empty and the pair stays out of the mean. A group's set grows with "
              "its number of tables, so overlaps between groups of very different sizes are to be read with "
              "care."},
    "methods.f.jaccard": {"it": "carte scelte dai due tavoli (o gruppi)", "en": "cards the two tables (or groups) picked"},
    "methods.kendall.lead": {"it": "Concordanza delle classifiche (W di Kendall).",
                             "en": "Agreement of rankings (Kendall's W)."},
    "methods.kendall": {
        "it": "I valutatori sono i tavoli di un workshop con almeno una carta valutata (i loro punteggi di "
              "fattibilità ponderata), oppure i gruppi (le loro medie). W si calcola sulle sole carte valutate da "
              "tutti i valutatori; i punteggi di ogni valutatore diventano ranghi, con rango medio per i pareggi, "
              "e W include la correzione per i pareggi. W manca con meno di due valutatori o di due carte comuni, "
              "o se ogni valutatore ha dato a tutte le carte lo stesso punteggio.",
        "en": "The raters are the tables of a workshop with at least one scored card (their weighted feasibility "
              "scores), or the groups (their means). W is computed over the cards every rater scored only; each "
              "rater's scores become ranks, with average ranks for ties, and W carries the correction for ties. "
              "W is missing below two raters or two common cards, or when every rater gave every card the same "
              "score."},
    "methods.f.kendall": {
        "it": "valutatori, j = 1, …, m | carte comuni, i = 1, …, n | somma dei ranghi della carta i | somma di "
              "u³ − u sui gruppi di u carte a pari merito del valutatore j",
        "en": "raters, j = 1, …, m | common cards, i = 1, …, n | sum of card i's ranks | sum of u³ − u over "
              "rater j's groups of u tied cards"},
    "methods.chi.lead": {"it": "Test di W.", "en": "Testing W."},
    "methods.chi": {
        "it": "L'ipotesi di nessuna concordanza si verifica con l'approssimazione chi quadrato, con n − 1 gradi di "
              "libertà. Con meno di tre carte comuni W non è sottoposto a test e il rapporto lo segnala. Con poche "
              "carte (meno di sette circa) l'approssimazione è grossolana: il valore p va letto come indicativo.",
        "en": "The hypothesis of no agreement is tested with the chi-square approximation on n − 1 degrees of "
              "freedom. With fewer than three common cards W is not tested and the report says so. With few "
              "cards (fewer than about seven) the approximation is rough: read the p-value as indicative."},
    "methods.f.chi": {"it": "probabilità di un valore almeno pari sotto l'ipotesi di nessuna concordanza",
                      "en": "probability of a value at least as large under no agreement"},
    "methods.spearman.lead": {"it": "Correlazione di Spearman media.", "en": "Mean Spearman correlation."},
    "methods.spearman": {
        "it": "I tavoli valutano di rado le stesse carte, quindi W poggia spesso su poche carte. Per ogni coppia "
              "di valutatori con almeno tre carte in comune si calcola la correlazione di Spearman sui ranghi "
              "(medi per i pareggi) ricalcolati sulle sole carte comuni; una coppia in cui un valutatore dà a "
              "tutte le carte lo stesso punteggio non è confrontabile. Il rapporto dà la media sulle coppie "
              "confrontabili e il loro numero.",
        "en": "Tables rarely score the same cards, so W often rests on few cards. For each pair of raters with "
              "three or more cards in common, Spearman's correlation of their ranks (average ranks for ties), "
              "recomputed over the common cards only; a pair where one rater gave every card the same score is "
              "not comparable. The report gives the mean over the comparable pairs and their number."},
    "methods.f.spearman": {"it": "rango della carta i per il valutatore a | rango medio",
                           "en": "rank of card i by rater a | mean rank"},
    "methods.boot.lead": {"it": "Intervalli bootstrap.", "en": "Bootstrap intervals."},
    "methods.boot": {
        "it": "Per quote di scelta, medie dei criteri e fattibilità ponderate, un intervallo percentile al 95 %: si"
              " estraggono con reinserimento, B = {B} volte, tanti tavoli quanti ne ha il gruppo, tra i tavoli del "
              "gruppo (generatore numpy default_rng con seme [{seed}, CRC-32 del nome del gruppo in UTF-8], così "
              "gli intervalli di un gruppo non cambiano se altri gruppi entrano nel confronto; le estrazioni sono "
              "rng.integers(0, k, size=(B, k)) sui k tavoli del gruppo, nell'ordine di group_workshops.csv e, in "
              "ogni workshop, delle righe di tables.csv del suo export); su ogni ricampionamento la statistica è "
              "ricalcolata esattamente come sui dati; i ricampionamenti in cui non è definita sono scartati; gli "
              "estremi sono il 2,5° e il 97,5° percentile. Nessun intervallo per gruppi con meno di due tavoli, né "
              "per un valore che poggia su un solo tavolo. Si ricampionano tavoli, non workshop: l'intervallo non "
              "include la variazione tra workshop di uno stesso territorio e, con pochi tavoli, non va oltre i "
              "valori osservati, quindi sottostima l'incertezza.",
        "en": "For pick rates, criterion means and weighted feasibility, a 95 % percentile interval: B = {B} times,"
              " as many tables as the group has are drawn with replacement from the group's tables (numpy "
              "default_rng seeded with [{seed}, CRC-32 of the group's label in UTF-8], so a group's intervals do "
              "not change when other groups join the comparison; the draws are rng.integers(0, k, size=(B, k)) over"
              " the group's k tables, in the order of group_workshops.csv and, within a workshop, of the rows of "
              "its export's tables.csv); on each resample the statistic is recomputed exactly as on the data; "
              "resamples where it is undefined are dropped; the bounds are the 2.5th and 97.5th percentiles. No "
              "interval for groups with fewer than two tables, nor for a figure that rests on one table. Tables are"
              " resampled, not workshops: the interval leaves out the variation between workshops of one territory "
              "and, with few tables, never reaches beyond the values observed, so it understates the uncertainty."},
    "methods.f.boot": {
        "it": "b-esimo ricampionamento dei tavoli del gruppo | la statistica | percentile α dei valori ricampionati",
        "en": "the b-th resample of the group's tables | the statistic | α percentile of the resampled values"},
    "methods.boot_off": {
        "it": "Non calcolati in questo rapporto (--bootstrap 0).",
        "en": "Not computed for this report (--bootstrap 0)."},
    "methods.n.lead": {"it": "Numero di tavoli accanto a ogni valore.", "en": "Number of tables beside every figure."},
    "methods.n": {
        "it": "Ogni media, quota, posizione e deviazione standard riporta il numero di tavoli su cui poggia (e "
              "di partecipanti, dove stanno dietro valori individuali). I valori che poggiano su meno di N = {N} "
              "tavoli restano nei file CSV con il loro n, ma nei grafici sono attenuati, nelle tabelle sono "
              "segnalati e nelle prime posizioni delle classifiche non compaiono; una frase dice quanti ne sono "
              "stati esclusi.",
        "en": "Every mean, rate, rank and standard deviation carries the number of tables it rests on (and of "
              "participants, where individual values stand behind it). Figures resting on fewer than N = {N} "
              "tables stay in the CSV files with their n, but are greyed in the charts, marked in the tables and "
              "left out of the rankings' top lists, with a sentence saying how many were left out."},
    "methods.sdg.lead": {"it": "Copertura degli SDG.", "en": "SDG coverage."},
    "methods.sdg": {
        "it": "Per gruppo e Obiettivo di sviluppo sostenibile s: le scelte (tavolo × carta) di carte che "
              "indicano l'obiettivo, la loro quota sulle scelte del gruppo, le carte distinte e le proposte le "
              "cui carte di partenza lo indicano. Una carta che indica più obiettivi conta per ciascuno, quindi le "
              "quote dei diversi obiettivi possono sommare a più di 1.",
        "en": "Per group and Sustainable Development Goal s: the picks (table × card) of cards that list the "
              "goal, their share of the group's picks, the distinct cards, and the proposals whose source cards "
              "list it. A card listing several goals counts for each, so the shares of the goals can add up to "
              "more than 1."},
    "methods.f.sdg": {"it": "quota delle scelte del gruppo g che riguardano l'obiettivo s | carte scelte dal "
                            "tavolo t | obiettivi indicati dalla carta c",
                      "en": "share of group g's picks that address goal s | cards table t picked | goals card c "
                            "lists"},
    "methods.stake.lead": {"it": "Medie per tipo di portatore di interesse.", "en": "Means by stakeholder type."},
    "methods.stake": {
        "it": "Dove i partecipanti hanno valutato individualmente, per gruppo, criterio k e tipo di portatore di "
              "interesse h, la media dei valori individuali dati da partecipanti di quel tipo; i valori di "
              "consenso non sono individuali e restano fuori. Si riportano i partecipanti, i tavoli e i valori "
              "contati; un partecipante che ha valutato più carte contribuisce con più valori.",
        "en": "Where participants scored individually, per group, criterion k and stakeholder type h, the mean "
              "of the individual values given by participants of that type; consensus values are not individual "
              "and are left out. Participants, tables and values are counted; a participant who scored several "
              "cards contributes several values."},
    "methods.f.stake": {"it": "valori individuali dati nel gruppo g sul criterio k da partecipanti di tipo h",
                        "en": "individual values given in group g on criterion k by participants of type h"},
    "methods.comments.lead": {"it": "Commenti.", "en": "Comments."},
    "methods.comments": {
        "it": "I commenti registrati ai tavoli (ostacolo, fattore abilitante, domanda, citazione) si contano per "
              "tipo, per carta, per proposta e per gruppo, nella loro ultima versione (le modifiche applicate, "
              "quelli annullati esclusi), con il tavolo e il workshop; chi ha parlato è indicato solo con il tipo "
              "di portatore di interesse, mai per nome.",
        "en": "The comments recorded at the tables (barrier, enabler, question, quote) are counted by kind, per "
              "card, proposal and group, as last edited (undone ones left out), with their table and workshop; "
              "the speaker is given only by stakeholder type, never by name."},
    "methods.criteria_sets.lead": {"it": "Insiemi di criteri diversi.", "en": "Different criteria sets."},
    "methods.criteria_sets": {
        "it": "Se i workshop hanno usato insiemi di criteri diversi (il rapporto lo segnala), i criteri si "
              "confrontano per identificativo: si presume che un criterio con lo stesso identificativo abbia la "
              "stessa scala e la stessa direzione in tutti gli insiemi. La fattibilità ponderata di ogni tavolo "
              "usa i criteri e i pesi del proprio workshop.",
        "en": "When workshops used different criteria sets (the report warns), criteria are matched by id: a "
              "criterion sharing an id is assumed to have the same scale and direction in every set. Each table's "
              "weighted feasibility uses its own workshop's criteria and weights."},
    "methods.provenance.lead": {"it": "Provenienza.", "en": "Provenance."},
    "methods.provenance": {
        "it": "Ogni riga dei file CSV riporta l'identificativo (UUID) del workshop, o dei workshop del gruppo, per "
              "collegarla alle esportazioni delle sessioni; ogni file di ingresso è identificato dalla sua impronta "
              "SHA-256, dal numero di eventi e dall'ora dell'ultimo evento. Il rapporto indica la versione di "
              "cardengine, il comando e l'ora in cui è stato generato.",
        "en": "Every row of the CSV files carries the workshop's id (UUID), or its group's workshop ids, so it "
              "joins back to the session exports; each input file is identified by its SHA-256 digest, event "
              "count and last event time. The report states the cardengine version, the command line and the "
              "time it was made."},
    "methods.exact.lead": {"it": "Valori esatti e valori mancanti.", "en": "Exact and missing values."},
    "methods.exact": {
        "it": "Ogni valore è calcolato dai valori non arrotondati; si arrotonda solo nella stampa del rapporto. "
              "Un valore mancante («–» nel rapporto, cella vuota nei CSV) significa non definito, mai zero.",
        "en": "Every figure is computed from unrounded values; rounding happens only when the report prints it. "
              "A missing value ('–' in the report, an empty cell in the CSV files) means undefined, never zero."},
    "methods.csv.lead": {"it": "Dati.", "en": "Data."},
    "methods.csv": {
        "it": "Ogni tabella e grafico indica il file CSV da cui proviene; datapackage.json descrive tipo e "
              "significato di ogni colonna.",
        "en": "Every table and chart names the CSV file it comes from; datapackage.json gives the type and "
              "meaning of every column."},
}

register(METHODS_TEXT)
