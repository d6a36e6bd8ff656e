#!/usr/bin/env python3
"""Make the EXAMPLE workshop files in examples/: three territories, two workshops each.

These are EXAMPLE DATA made by this script, not the records of real workshops. Every file is marked as
such (`example: true` in its `workshop.created` event, `state.example` in the engine) and every title starts
with "ESEMPIO – ". People are pseudonymous codes and the organisations are invented.

    python examples/make_examples.py [--out DIR] [--force]

The files go to examples/ unless --out says otherwise. Existing example files are never overwritten unless
--force is given; then this script deletes its own six files (and nothing else) and makes them again.

Everything comes from one seed (random.Random(2021)): the same seed gives the same workshops, with the same
event ids, event times and content. Times come from a simulated clock (the workshop date, from 09:30 Italian
summer time, stored in UTC like real files) and ids from the seeded generator, both handed to the public
`cardengine.sessions.workshop.Workshop` API, which records every action exactly as the note-takers' app does.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from cardengine.decks.load import load_paths  # noqa: E402
from cardengine.decks.model import CriteriaSet, Deck  # noqa: E402
from cardengine.sessions.state import STAKEHOLDER_TYPES, CardRef  # noqa: E402
from cardengine.sessions.workshop import Workshop, WorkshopInfo  # noqa: E402

SEED = 2021
ITALIAN_SUMMER_TIME = timezone(timedelta(hours=2))  # every example date falls between April and October

# ---------------------------------------------------------------------------------------------------------------
# The territories: what their tables tend to pick, who sits at them, what they say and propose.
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalTemplate:
    title: str  # may hold {zona} or {quartiere}, filled from the table
    description: str
    cards: tuple[tuple[str, str], ...]  # (card id, how the proposal uses it)
    lead: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class Territory:
    key: str
    name: str  # the workshop's territory: short, it labels chart columns
    domain_weights: dict[str, float]
    core: frozenset[str]  # cards these tables reach for first (weight x3)
    excluded: frozenset[str]  # cards that make no sense here (never picked)
    stakeholders: dict[str, float]  # stakeholder type -> weight
    organisations: dict[str, tuple[str, ...]]
    bias: dict[str, float]  # criterion -> shift in "goodness" (higher is better for every criterion)
    comments: dict[str, tuple[tuple[str, str], ...]]  # card -> ((kind, text), ...)
    table_comments: tuple[tuple[str, str], ...]  # about the table's work in general, when cards run short
    proposals: tuple[ProposalTemplate, ...]
    quote_types: tuple[str, ...]  # who says the quotes


def _comments(*rows: tuple[str, str, str]) -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for card, kind, text in rows:
        out.setdefault(card, []).append((kind, text))
    return {card: tuple(items) for card, items in out.items()}


TREZZANO = Territory(
    key="trezzano",
    name="Trezzano sul Naviglio",
    domain_weights={"energy": 3.0, "waste": 2.8, "mobility": 2.6, "climate": 1.4, "built-environment": 1.1,
                    "welfare": 1.0, "governance": 1.2},
    core=frozenset(["GO-02", "GO-05", "GO-10",
                    "EN-01", "EN-02", "EN-03", "EN-07", "EN-08", "EN-11", "WA-01", "WA-02", "WA-03", "WA-04", "WA-06",
                    "MO-01", "MO-02", "MO-03", "MO-05", "MO-06", "MO-10", "MO-13", "CL-01", "CL-04", "CL-05", "CL-11",
                    "BE-01", "BE-05", "BE-07", "WW-01", "WW-03", "WW-04"]),
    excluded=frozenset(["BE-13", "WA-10"]),
    stakeholders={"company": 62, "public-authority": 9, "utility": 8, "association": 9, "expert": 10,
                  "citizen": 2},
    organisations={
        "company": ("Officine Meccaniche Baroni Srl", "Plastiform Nord Srl", "Logistica Ticinese Spa",
                    "Cartotecnica Seveso Srl", "Galvanica Moretti Snc", "Termoidraulica Colombo Srl",
                    "Imballaggi Riva Srl", "Stampaggio Valtorta Srl", "Elettromeccanica Brambilla Srl",
                    "Minuterie Ferrari & C. Snc", "Tessitura del Naviglio Srl", "Vernici Gallarini Spa",
                    "Alimentari Cascina Rossa Srl", "Trasporti Bianchi & Figli Srl", "Serramenti Pozzi Srl",
                    "Laboratorio Chimico Orsenigo Spa", "Fustellificio Lampugnani Srl", "Frigotecnica Sala Srl"),
        "public-authority": ("Comune – Ufficio tecnico", "Comune – Settore ambiente",
                             "Città metropolitana – Pianificazione territoriale", "Comune – Attività produttive"),
        "utility": ("Gestore del servizio idrico", "Società di igiene ambientale",
                    "Distributore di energia elettrica"),
        "association": ("Associazione imprenditori di zona", "Consorzio di distretto (in costituzione)",
                        "Cooperativa sociale Il Ponte", "Circolo ambientalista locale"),
        "expert": ("Università – gruppo di ricerca", "Agenzia per l'energia", "Studio di ingegneria ambientale"),
        "citizen": ("",),
    },
    bias={"technical": 0.2, "economic": -0.2, "regulatory": 0.0, "social": 0.0, "time": 0.0},
    comments=_comments(
        ("EN-01", "barrier", "Metà dei capannoni sono in affitto: prima di mettere i pannelli serve il sì del "
                             "proprietario dell'immobile."),
        ("EN-01", "question", "Chi gestisce la comunità dopo i primi anni? Il Comune da solo non ha il personale "
                              "per seguire soci, contratti e incentivi."),
        ("EN-01", "quote", "Il sabato e la domenica i nostri tetti producono e nessuno consuma: è energia buttata."),
        ("EN-02", "enabler", "Diverse aziende hanno già fatto la diagnosi energetica: i consumi orari per "
                             "dimensionare l'impianto ci sono."),
        ("EN-02", "barrier", "Con il tetto in eternit il fotovoltaico costa il doppio, perché prima va fatta la "
                             "bonifica."),
        ("EN-02", "quote", "Le batterie oggi le paghiamo care, ma i picchi di potenza in bolletta li paghiamo "
                           "di più."),
        ("EN-03", "enabler", "Un energy manager condiviso costa a ciascuno meno di una consulenza all'anno."),
        ("EN-03", "question", "L'energy manager di distretto può seguire le diagnosi di più aziende o serve un "
                              "incarico per ognuna?"),
        ("EN-04", "barrier", "Il forno che scarta più calore è lontano dalle case: la rete costerebbe troppo."),
        ("EN-05", "question", "Le pompe di calore arrivano alle temperature del nostro bagno di verniciatura?"),
        ("EN-06", "quote", "Di notte, a macchine ferme, il compressore continua a partire: sono tutte perdite."),
        ("EN-07", "barrier", "Le aziende piccole consumano troppo poco per interessare un produttore: bisogna "
                             "aggregarsi in tante."),
        ("EN-07", "question", "Che succede se un'azienda chiude o si trasferisce prima della fine di un contratto "
                              "di dieci anni?"),
        ("EN-08", "enabler", "Molte linee hanno già i contatori di reparto, manca solo qualcuno che legga i dati."),
        ("EN-08", "barrier", "Qualcuno teme che il cruscotto comune faccia capire ai concorrenti quanto si produce."),
        ("EN-09", "barrier", "Le ESCO chiedono contratti lunghi e noi non sappiamo se tra otto anni saremo ancora "
                             "qui."),
        ("EN-10", "question", "Quante volte all'anno l'aggregatore ci chiederebbe di spegnere le celle frigo?"),
        ("EN-11", "enabler", "Le pensiline fanno anche ombra alle auto d'estate: i dipendenti le chiedono da anni."),
        ("EN-11", "barrier", "Sul piazzale manovrano i camion: le pensiline devono stare alte e lasciare libere le "
                             "corsie."),
        ("EN-12", "barrier", "Il biometano certificato oggi costa più del metano e nessun cliente ci paga la "
                             "differenza."),
        ("EN-13", "enabler", "Molti lampioni della zona sono ancora al sodio e si guastano spesso."),
        ("WA-01", "question", "Esiste una mappa di cosa scarta ogni azienda? Senza quella la simbiosi resta "
                              "un'idea."),
        ("WA-01", "barrier", "Per usare lo scarto di un altro come materia prima serve la qualifica di "
                             "sottoprodotto, e le pratiche sono lunghe."),
        ("WA-02", "enabler", "Già oggi ci scambiamo pallet e bancali per telefono: una bacheca comune renderebbe "
                             "tutto più semplice."),
        ("WA-02", "quote", "I nostri sfridi di alluminio finiscono in un cassone, quando a trecento metri c'è chi "
                           "li fonde."),
        ("WA-03", "enabler", "Con un unico operatore per tutta la via i camion del ritiro passerebbero una volta "
                             "sola."),
        ("WA-03", "barrier", "Ogni azienda ha già un contratto con scadenze diverse: prima bisogna allinearle."),
        ("WA-04", "barrier", "I clienti della grande distribuzione impongono i loro imballaggi: da soli non "
                             "possiamo cambiare."),
        ("WA-04", "enabler", "Con i due fornitori principali usiamo già casse a rendere: si può allargare ad altri."),
        ("WA-05", "question", "Il centro del riuso accetterebbe anche scaffalature e arredi da ufficio?"),
        ("WA-06", "enabler", "La mensa più grande della zona avanza pasti ogni giorno e una cooperativa del "
                             "territorio è pronta a ritirarli."),
        ("WA-07", "enabler", "Con il capannone da demolire l'anno prossimo si può fare un cantiere pilota."),
        ("WA-09", "quote", "Solo nel nostro reparto buttiamo duecento bottigliette alla settimana."),
        ("WA-11", "question", "I clienti ci restituirebbero davvero i prodotti usati, o servirebbe un incentivo?"),
        ("WA-12", "barrier", "Gli scarti delle mense sono pochi per una compostiera elettromeccanica da sola."),
        ("WA-13", "enabler", "L'associazione di categoria ha già un corso sulla circolarità: va solo portato qui."),
        ("MO-01", "enabler", "Le aziende sopra i cento dipendenti devono già nominare un mobility manager: "
                             "conviene farlo insieme."),
        ("MO-01", "question", "Chi paga il mobility manager di distretto se le aziende piccole non sono obbligate?"),
        ("MO-02", "barrier", "I turni iniziano alle sei: nessuna navetta copre quell'orario senza un contributo "
                             "delle aziende."),
        ("MO-02", "quote", "Dalla stazione a qui sono venti minuti a piedi, lungo una strada senza marciapiede."),
        ("MO-03", "barrier", "La ciclabile si interrompe al ponte sulla tangenziale: è il tratto più pericoloso."),
        ("MO-03", "enabler", "Tanti operai abitano a meno di cinque chilometri: con una ciclabile sicura "
                             "verrebbero in bici."),
        ("MO-04", "enabler", "Lo spogliatoio c'è già: mancano solo le docce e una rastrelliera coperta."),
        ("MO-05", "quote", "Nel nostro parcheggio entrano ogni mattina sessanta auto con una persona sola a bordo."),
        ("MO-06", "question", "Chi gestisce le colonnine nel parcheggio comune di notte, quando i furgoni devono "
                              "ricaricare?"),
        ("MO-07", "barrier", "I furgoni elettrici non reggono i giri lunghi verso la Brianza senza una ricarica "
                             "a metà giornata."),
        ("MO-08", "question", "Il magazzino di prossimità servirebbe anche le consegne in arrivo, non solo quelle "
                              "in uscita?"),
        ("MO-09", "barrier", "In produzione gli orari sfalsati si possono fare, il lavoro agile no."),
        ("MO-10", "enabler", "Il minibus a chiamata risolve i turni di notte, quando le linee regolari non passano."),
        ("MO-11", "quote", "I camion sbagliano strada e finiscono nelle vie delle case: ogni settimana qualcuno "
                           "protesta."),
        ("MO-12", "enabler", "Il rimborso dell'abbonamento è esentasse: per l'azienda costa meno di un aumento."),
        ("MO-13", "barrier", "Sulla via principale i marciapiedi si interrompono davanti a ogni passo carraio."),
        ("CL-01", "enabler", "Il piazzale va rifatto comunque tra due anni: si può già progettarlo drenante."),
        ("CL-01", "barrier", "Dove passano i muletti serve una pavimentazione che regga i carichi, non tutto può "
                             "essere verde."),
        ("CL-02", "question", "Le aiuole drenanti lungo la strada le pulisce il Comune o le aziende frontiste?"),
        ("CL-03", "barrier", "Le coperture dei capannoni degli anni Settanta non reggono il peso di un tetto verde."),
        ("CL-04", "enabler", "Per raffreddare le presse usiamo acqua di pozzo: quella piovana andrebbe benissimo."),
        ("CL-05", "enabler", "Le fasce di rispetto lungo la provinciale sono incolte: si possono piantare subito."),
        ("CL-05", "question", "Chi si occupa di irrigare i nuovi alberi nei primi tre anni?"),
        ("CL-06", "quote", "A luglio sotto il tetto del magazzino si superano i trentacinque gradi."),
        ("CL-07", "enabler", "L'assicurazione ci ha già chiesto una valutazione del rischio allagamento."),
        ("CL-08", "quote", "Nell'ultimo nubifragio il sottopasso si è allagato e mezzo turno non è arrivato."),
        ("CL-09", "barrier", "Il terreno qui è argilloso in alcuni lotti: l'acqua non si infiltra ovunque."),
        ("CL-10", "barrier", "Un'area così grande oggi non c'è: andrebbe tolta a un lotto ancora edificabile."),
        ("CL-11", "quote", "Il Naviglio è a dieci minuti, ma dalla zona industriale nessuno ci arriva a piedi."),
        ("CL-11", "barrier", "Il corridoio attraversa terreni agricoli privati: servono accordi con le cascine."),
        ("CL-12", "enabler", "Con i contatori sulle linee di lavaggio abbiamo già tagliato un quinto dei consumi."),
        ("CL-13", "question", "La fitodepurazione basta per le acque di un piazzale dove si caricano prodotti "
                              "chimici?"),
        ("BE-01", "enabler", "Il bando INAIL copre buona parte della bonifica: va presentato alla prossima "
                             "finestra."),
        ("BE-01", "quote", "Abbiamo ancora tre capannoni in eternit e i dipendenti ce lo chiedono a ogni riunione."),
        ("BE-02", "barrier", "Rifare l'involucro con la produzione in corso vuol dire fermare i reparti per "
                             "settimane."),
        ("BE-03", "question", "Le scuole della zona userebbero davvero un laboratorio di macchine digitali?"),
        ("BE-04", "enabler", "Ci sono due capannoni sfitti da anni: un uso temporaneo eviterebbe che si degradino."),
        ("BE-05", "barrier", "Un gestore unico richiede che tutte le aziende paghino una quota: oggi la fiducia "
                             "non c'è ancora."),
        ("BE-05", "question", "La Regione riconosce le aree ecologicamente attrezzate o serve un accordo di "
                              "programma?"),
        ("BE-06", "enabler", "Le sale riunioni servono a tutti e nessuno le usa ogni giorno: condividerle conviene."),
        ("BE-07", "quote", "A mezzogiorno mangiamo in macchina: non c'è una panchina in tutta la zona."),
        ("BE-08", "enabler", "Il prato intorno agli uffici lo tagliamo ogni due settimane: lasciarlo fiorire costa "
                             "meno."),
        ("BE-09", "barrier", "Senza fondi pubblici nessuno bonifica l'area dell'ex fonderia: costa più di quanto "
                             "vale."),
        ("BE-11", "question", "Le aziende metterebbero davvero i dati dei loro impianti su una mappa condivisa?"),
        ("BE-12", "quote", "D'inverno chi esce dal turno delle dieci cammina al buio fino alla fermata."),
        ("WW-01", "enabler", "Da sole le piccole aziende non arrivano a un piano welfare: in rete sì."),
        ("WW-02", "question", "Un nido con gli orari dei turni avrebbe abbastanza bambini per stare in piedi?"),
        ("WW-03", "enabler", "Le cascine del Parco Sud sono a due chilometri e cercano sbocchi per i loro prodotti."),
        ("WW-04", "quote", "D'estate la pausa la facciamo all'ombra dei container."),
        ("WW-05", "enabler", "Le mappe del rischio calore sono già pubbliche: basta collegarle ai turni."),
        ("WW-06", "quote", "Per ritirare un pacco o una raccomandata devo prendere mezza giornata di permesso."),
        ("WW-07", "barrier", "Gli istituti tecnici della zona hanno pochi iscritti: rischiamo di contenderci gli "
                             "stessi ragazzi."),
        ("WW-08", "enabler", "Con una convenzione unica la scuola parla con un solo tutor invece che con dieci "
                             "aziende."),
        ("WW-09", "enabler", "La cooperativa sociale che cura il nostro verde può seguire anche le aziende vicine."),
        ("WW-10", "question", "I dipendenti userebbero uno sportello psicologico dentro l'azienda o lo vorrebbero "
                              "fuori?"),
        ("WW-11", "barrier", "Aprire la mensa la sera vuol dire pagare custodia e pulizie in più."),
        ("WW-12", "enabler", "Il medico competente viene già in azienda: le giornate di prevenzione si possono "
                             "agganciare alle sue visite."),
        ("WW-13", "question", "Il campo da calcetto aziendale può essere aperto ai residenti senza problemi di "
                              "assicurazione?"),
    ),
    table_comments=(
        ("quote", "Le idee ci sono, ma serve qualcuno che tenga insieme le aziende dopo oggi."),
        ("question", "Il Comune è disposto a fare da capofila sui bandi per il distretto?"),
        ("enabler", "Molte delle aziende al tavolo si conoscono già: è un punto di partenza."),
        ("barrier", "Le aziende piccole non hanno nessuno da dedicare a questi progetti."),
    ),
    proposals=(
        ProposalTemplate(
            "Comunità energetica tra i capannoni della {zona}",
            "Le aziende con coperture libere installano impianti fotovoltaici e li mettono in comune in una "
            "comunità energetica con le famiglie delle vie vicine; l'energia condivisa nei giorni feriali alimenta "
            "anche le colonnine del parcheggio comune.",
            (("EN-01", "forma giuridica, soci e incentivo sull'energia condivisa"),
             ("EN-02", "impianti con accumulo sulle aziende che consumano di più"),
             ("MO-06", "le colonnine assorbono la produzione delle ore centrali")),
            ("Comune", "Aziende della zona", "Associazione imprenditori di zona"),
            "Capannoni e parcheggio comune della {zona}"),
        ProposalTemplate(
            "Un energy manager e un cruscotto per tutta la {zona}",
            "Le piccole e medie imprese assumono insieme un energy manager: installa misuratori nei reparti, "
            "pubblica un cruscotto comune e ogni anno propone un pacchetto di interventi rapidi, a partire dalle "
            "perdite di aria compressa.",
            (("EN-03", "un esperto condiviso, pagato in quote proporzionali ai consumi"),
             ("EN-08", "misuratori sui reparti e confronto anonimo tra aziende"),
             ("EN-06", "primo intervento: ricerca perdite e inverter sui compressori")),
            ("Associazione imprenditori di zona", "Agenzia per l'energia"),
            "Tutte le aziende della {zona}"),
        ProposalTemplate(
            "Energia verde a prezzo fisso comprata insieme",
            "Un gruppo di aziende affida all'associazione di categoria la ricerca di un contratto decennale con "
            "un nuovo impianto solare in Lombardia; l'energy manager raccoglie i profili di consumo e ripartisce "
            "i volumi tra i firmatari.",
            (("EN-07", "contratto pluriennale firmato da un gruppo di acquisto"),
             ("EN-03", "profili di consumo e ripartizione dei volumi")),
            ("Associazione imprenditori di zona", "Aziende energivore"),
            "Aziende del distretto"),
        ProposalTemplate(
            "Borsa degli scarti e raccolta unica per la {zona}",
            "Una bacheca online elenca sfridi, pallet e imballaggi che ogni azienda può cedere; ciò che nessuno "
            "riusa viene ritirato da un solo operatore con un calendario comune, e i camion del ritiro passano "
            "una volta sola.",
            (("WA-02", "bacheca degli scarti riutilizzabili"),
             ("WA-03", "un unico contratto di ritiro per il resto"),
             ("WA-01", "i primi scambi stabili diventano accordi di simbiosi")),
            ("Società di igiene ambientale", "Aziende della zona"),
            "{Zona}"),
        ProposalTemplate(
            "Pallet e casse a rendere tra vicini di capannone",
            "Le aziende che si riforniscono a vicenda sostituiscono cartoni e film con casse e pallet riutilizzabili "
            "e li tengono in un deposito comune; la bacheca degli scarti segnala dove servono.",
            (("WA-04", "circuito di casse e pallet tra fornitori e clienti vicini"),
             ("WA-02", "la bacheca segnala eccedenze e richieste di contenitori")),
            ("Imballaggi Riva Srl", "Logistica Ticinese Spa"),
            "Deposito comune nella {zona}"),
        ProposalTemplate(
            "Navetta dei turni e piano spostamenti comune",
            "Il mobility manager di distretto raccoglie orari e provenienze dei dipendenti, organizza una navetta "
            "dalla stazione tarata sui turni e promuove il carpooling per chi arriva dai comuni senza trasporto "
            "pubblico.",
            (("MO-01", "un piano spostamenti casa-lavoro per tutte le aziende"),
             ("MO-02", "navetta negli orari di cambio turno"),
             ("MO-05", "carpooling con premi per chi non è servito dalla navetta")),
            ("Aziende della zona", "Comune – Mobilità", "Azienda di trasporto locale"),
            "Dalla stazione ai cancelli della {zona}"),
        ProposalTemplate(
            "Dalla stazione al cancello in sicurezza, a piedi e in bici",
            "Un percorso continuo collega la stazione agli ingressi delle aziende: pista ciclabile protetta, "
            "marciapiedi senza interruzioni e lampioni sugli attraversamenti, con le aziende che cedono le strisce "
            "di terreno necessarie lungo le recinzioni.",
            (("MO-03", "ciclabile protetta fino alla stazione"),
             ("MO-13", "marciapiedi continui e attraversamenti rialzati"),
             ("BE-12", "luce e segnaletica sul percorso")),
            ("Comune – Lavori pubblici", "Aziende frontiste"),
            "Via principale della {zona}"),
        ProposalTemplate(
            "Piazzali drenanti e ombreggiati con pensiline solari",
            "Il rifacimento dei parcheggi aziendali si fa in un unico cantiere: pavimentazioni drenanti negli "
            "stalli, pensiline fotovoltaiche sulle file centrali e alberi lungo i bordi.",
            (("CL-01", "stalli drenanti e aiuole che raccolgono la pioggia"),
             ("EN-11", "pensiline solari sulle file centrali"),
             ("CL-05", "alberi lungo i bordi del piazzale")),
            ("Aziende con parcheggi estesi", "Gestore del servizio idrico"),
            "Parcheggi aziendali della {zona}"),
        ProposalTemplate(
            "Via i tetti in eternit, su il fotovoltaico",
            "Un bando comune accompagna le aziende con coperture in cemento-amianto: rimozione, nuova copertura "
            "isolata e impianto fotovoltaico nello stesso cantiere, con un solo progettista per tutti per "
            "abbassare i costi.",
            (("BE-01", "bonifica e nuova copertura isolata"),
             ("EN-02", "impianto fotovoltaico posato nello stesso cantiere")),
            ("Aziende con coperture in amianto", "Comune – Settore ambiente", "Associazione imprenditori di zona"),
            "Capannoni della {zona}"),
        ProposalTemplate(
            "Una mensa e una pausa all'ombra per tutta la zona",
            "Un capannone sfitto vicino allo slargo centrale diventa mensa interaziendale con prodotti delle cascine "
            "del Parco Sud; lo slargo davanti diventa giardino ombreggiato per la pausa.",
            (("WW-03", "mensa aperta ai dipendenti di più aziende"),
             ("WW-04", "giardino ombreggiato per la pausa"),
             ("BE-07", "lo slargo diventa piazza")),
            ("Aziende della zona", "Cascine del Parco Sud", "Comune"),
            "Slargo centrale della {zona}"),
        ProposalTemplate(
            "Filari e percorso verde dalla zona industriale al Naviglio",
            "Un percorso alberato, in parte su strade interpoderali, collega la zona industriale all'alzaia; "
            "le aziende lungo il tracciato piantano i filari sui propri margini e li curano.",
            (("CL-11", "tracciato verso il Naviglio e accordi con le cascine"),
             ("CL-05", "filari sui margini dei lotti aziendali")),
            ("Comune", "Parco Agricolo Sud Milano", "Aziende lungo il tracciato"),
            "Dalla {zona} all'alzaia del Naviglio Grande"),
    ),
    quote_types=("company",),
)

ABBIATEGRASSO = Territory(
    key="abbiategrasso",
    name="Abbiategrasso",
    domain_weights={"built-environment": 3.0, "climate": 2.6, "welfare": 2.4, "mobility": 1.5, "energy": 1.3,
                    "waste": 1.0, "governance": 1.2},
    core=frozenset(["GO-05", "GO-08", "GO-11",
                    "BE-04", "BE-07", "BE-09", "BE-10", "BE-11", "BE-12", "BE-13", "CL-02", "CL-05", "CL-08", "CL-10",
                    "CL-11", "WW-02", "WW-07", "WW-09", "WW-11", "WW-13", "MO-03", "MO-10", "MO-13", "EN-01", "EN-13",
                    "WA-05", "WA-08", "WA-12"]),
    excluded=frozenset(["EN-05", "EN-06", "EN-09", "EN-10", "EN-12", "WA-01", "WA-02", "WA-11", "WA-13", "CL-07",
                        "CL-12", "MO-05", "MO-07", "MO-12", "WW-05", "WW-06", "WW-10", "BE-01", "BE-06"]),
    stakeholders={"public-authority": 25, "association": 26, "utility": 14, "citizen": 21, "company": 7,
                  "expert": 7},
    organisations={
        "public-authority": ("Comune – Urbanistica", "Comune – Servizi sociali", "Comune – Lavori pubblici",
                             "Comune – Istruzione", "Comune – Polizia locale",
                             "Parco regionale – Ufficio tecnico"),
        "association": ("Polisportiva cittadina", "Comitato genitori delle scuole", "Associazione Amici del Naviglio",
                        "Cooperativa sociale La Rete", "Pro loco", "Associazione volontari anziani",
                        "Consulta dei giovani", "Gruppo comunale di protezione civile"),
        "utility": ("Gestore del servizio idrico", "Società di igiene ambientale",
                    "Gestore dell'illuminazione pubblica", "Azienda di trasporto locale"),
        "citizen": ("",),
        "company": ("Panificio Rognoni Snc", "Impresa edile Carnevali Srl", "Studio tecnico Bellini",
                    "Supermercato di quartiere"),
        "expert": ("Istituto tecnico superiore", "Università – gruppo di ricerca", "Agenzia per l'energia"),
    },
    bias={"technical": 0.0, "economic": -0.3, "regulatory": 0.3, "social": 0.2, "time": -0.2},
    comments=_comments(
        ("BE-04", "enabler", "Ci sono almeno tre edifici comunali chiusi: un uso temporaneo eviterebbe che si "
                             "degradino ancora."),
        ("BE-04", "question", "Chi risponde della sicurezza se un'associazione usa un edificio non ancora a norma?"),
        ("BE-07", "quote", "La piazza del mercato, il resto della settimana, è solo un parcheggio."),
        ("BE-07", "barrier", "Ogni posto auto tolto in centro diventa una discussione in consiglio comunale."),
        ("BE-09", "barrier", "Bonificare costa più di quanto vale l'area: senza fondi regionali nessun privato "
                             "interviene."),
        ("BE-10", "enabler", "Il regolamento edilizio va aggiornato comunque: è il momento giusto per le regole su "
                             "ombra e suolo permeabile."),
        ("BE-10", "question", "Le nuove regole varrebbero anche per le ristrutturazioni o solo per le nuove "
                              "costruzioni?"),
        ("BE-11", "barrier", "Gli uffici hanno le planimetrie in formati diversi, molte ancora solo su carta."),
        ("BE-12", "quote", "La sera, nella strada che porta alla stazione, io a piedi non ci passo."),
        ("BE-13", "barrier", "Una variante al PGT richiede almeno due anni: rischia di andare oltre il mandato."),
        ("BE-03", "enabler", "L'istituto tecnico cerca spazi per un laboratorio aperto anche agli artigiani."),
        ("BE-08", "enabler", "Le aiuole delle scuole si possono trasformare in prati fioriti con i bambini."),
        ("CL-02", "enabler", "I lavori sulla fognatura sono già programmati: i rain garden si possono fare nello "
                             "stesso cantiere."),
        ("CL-02", "question", "Chi pulisce le aiuole drenanti dopo ogni temporale?"),
        ("CL-03", "question", "Il tetto piano della scuola media reggerebbe un tetto verde?"),
        ("CL-05", "enabler", "Le scuole sono pronte a piantare alberi con gli studenti, come già fanno per la festa "
                             "degli alberi."),
        ("CL-05", "barrier", "Le aree libere comunali sono poche e sparse."),
        ("CL-06", "question", "Le vernici chiare sui tetti dei condomini hanno bisogno di un'autorizzazione?"),
        ("CL-08", "enabler", "La protezione civile ha già una chat con i volontari: si può partire da lì."),
        ("CL-08", "quote", "Nel nubifragio dell'anno scorso gli scantinati della via si sono allagati in venti "
                           "minuti."),
        ("CL-09", "enabler", "Il gestore del servizio idrico offre già un contributo a chi scollega le pluviali."),
        ("CL-10", "barrier", "Un'area così grande si trova solo ai margini, lontano da dove si allaga."),
        ("CL-11", "enabler", "Il Parco del Ticino e il consorzio di bonifica sono interessati a collaborare sui "
                             "filari."),
        ("CL-13", "question", "Una vasca di fitodepurazione vicino alle case farebbe zanzare?"),
        ("WW-02", "barrier", "Le liste d'attesa del nido sono lunghe, ma le educatrici sono difficili da trovare."),
        ("WW-02", "question", "I posti per le famiglie del Comune avrebbero le stesse rette del nido comunale?"),
        ("WW-03", "enabler", "Le aziende agricole del Parco cercano nuovi clienti per i prodotti freschi."),
        ("WW-04", "quote", "Nel giardino della biblioteca non c'è un albero: d'estate è deserto."),
        ("WW-07", "enabler", "L'istituto tecnico superiore ha laboratori che il pomeriggio restano vuoti."),
        ("WW-08", "question", "Le aziende del territorio hanno posto per tutti gli studenti in alternanza?"),
        ("WW-09", "enabler", "Due cooperative sociali del territorio cercano commesse stabili per la manutenzione "
                             "del verde."),
        ("WW-11", "quote", "Le associazioni fanno le riunioni in salotto perché non hanno una sede."),
        ("WW-12", "enabler", "La farmacia comunale si è offerta di ospitare le giornate di prevenzione."),
        ("WW-13", "enabler", "La polisportiva è pronta a gestire i percorsi il sabato mattina."),
        ("MO-03", "barrier", "Attraversare la statale in bici oggi è pericoloso: serve un sottopasso o un semaforo."),
        ("MO-03", "enabler", "La ciclabile lungo l'alzaia c'è già, manca il tratto che la collega alla stazione."),
        ("MO-04", "question", "Alla stazione le bici spariscono: un deposito chiuso chi lo custodisce?"),
        ("MO-08", "barrier", "In centro i furgoni scaricano in doppia fila: un punto di consolidamento servirebbe, "
                             "ma dove?"),
        ("MO-10", "question", "Il minibus a chiamata servirebbe anche le frazioni la domenica?"),
        ("MO-13", "quote", "Con il passeggino devo scendere in strada tre volte per arrivare all'asilo."),
        ("MO-11", "enabler", "La polizia locale ha già la mappa delle vie dove i camion non dovrebbero passare."),
        ("EN-01", "enabler", "Il tetto della palestra comunale è ampio e ben esposto: può essere il primo impianto "
                             "della comunità."),
        ("EN-01", "question", "Le famiglie in affitto possono entrare nella comunità energetica?"),
        ("EN-02", "barrier", "Sui tetti del centro storico i pannelli hanno bisogno del parere della "
                             "Soprintendenza."),
        ("EN-04", "question", "C'è un'azienda abbastanza vicina alle scuole da scaldarle con il suo calore di "
                              "scarto?"),
        ("EN-13", "enabler", "Il contratto dell'illuminazione pubblica scade a breve: la telegestione si può "
                             "chiedere nella nuova gara."),
        ("WA-03", "quote", "Al mercato del sabato la differenziata è un disastro."),
        ("WA-05", "enabler", "Il centro di raccolta ha uno spazio coperto inutilizzato accanto all'ingresso."),
        ("WA-06", "enabler", "Le mense scolastiche avanzano pasti ogni giorno e la Caritas è a due passi."),
        ("WA-08", "barrier", "L'ufficio acquisti è piccolo e teme che i criteri ambientali rallentino ogni gara."),
        ("WA-10", "barrier", "Con la tariffa puntuale qualcuno abbandona i sacchi ai bordi delle strade di "
                             "campagna."),
        ("WA-12", "question", "Dove si mette la compostiera senza disturbare i vicini con gli odori?"),
    ),
    table_comments=(
        ("question", "Quali di queste proposte entrano nel bilancio del prossimo anno?"),
        ("quote", "Finalmente siamo allo stesso tavolo con gli uffici, e non solo per protestare."),
        ("enabler", "Molte associazioni sono pronte a mettere ore di volontariato, se c'è un referente in Comune."),
    ),
    proposals=(
        ProposalTemplate(
            "Edifici comunali vuoti aperti alle associazioni",
            "Il Comune censisce gli edifici inutilizzati e li affida per tre anni ad associazioni e gruppi di "
            "cittadini con un patto di collaborazione; in cambio le associazioni curano le piccole manutenzioni e "
            "aprono le sale la sera.",
            (("BE-04", "affidamento temporaneo con patto di collaborazione"),
             ("WW-11", "sale aperte la sera a gruppi e associazioni")),
            ("Comune – Servizi sociali", "Associazioni del territorio"),
            "Edifici comunali inutilizzati"),
        ProposalTemplate(
            "Rain garden nelle vie che si allagano",
            "Nelle strade dove i temporali allagano gli scantinati il gestore del servizio idrico scollega le "
            "pluviali pubbliche e realizza aiuole drenanti; un sistema di allerta avvisa i residenti prima dei "
            "nubifragi.",
            (("CL-02", "aiuole drenanti al posto di tratti di marciapiede"),
             ("CL-09", "pluviali degli edifici pubblici scollegate"),
             ("CL-08", "allerta meteo ai residenti delle vie a rischio")),
            ("Gestore del servizio idrico", "Comune – Lavori pubblici", "Gruppo comunale di protezione civile"),
            "Vie a sud della ferrovia"),
        ProposalTemplate(
            "Un bosco per ogni scuola",
            "Ogni plesso scolastico adotta un'area verde vicina: gli studenti piantano e curano alberi autoctoni e "
            "i percorsi tra la scuola e il bosco diventano anelli pedonali segnalati per il quartiere.",
            (("CL-05", "alberi autoctoni piantati con le scuole"),
             ("WW-13", "anelli pedonali segnalati tra scuola e bosco")),
            ("Comune – Istruzione", "Comitato genitori delle scuole", "Parco regionale – Ufficio tecnico"),
            "Aree verdi vicine ai plessi scolastici"),
        ProposalTemplate(
            "Regolamento edilizio per una città più fresca",
            "Il nuovo regolamento edilizio chiede coperture chiare o verdi, una quota di suolo permeabile e pluviali "
            "scollegate per ogni intervento oltre una certa superficie, con uno sconto sugli oneri per chi fa di "
            "più.",
            (("BE-10", "requisiti bioclimatici nel regolamento"),
             ("CL-06", "coperture e pavimentazioni chiare"),
             ("CL-09", "acqua dei tetti trattenuta nel lotto")),
            ("Comune – Urbanistica",),
            "Tutto il territorio comunale"),
        ProposalTemplate(
            "Comunità energetica sui tetti pubblici",
            "Le coperture di palestre, scuole e magazzino comunale ospitano gli impianti di una comunità energetica "
            "aperta alle famiglie; i risparmi della nuova illuminazione pubblica pagano lo sportello che segue le "
            "adesioni.",
            (("EN-01", "comunità energetica con il Comune promotore"),
             ("EN-13", "i risparmi dei lampioni LED finanziano lo sportello")),
            ("Comune – Lavori pubblici", "Agenzia per l'energia", "Famiglie aderenti"),
            "Scuole, palestre e magazzino comunale"),
        ProposalTemplate(
            "Nido condiviso tra Comune e imprese, gestito da una cooperativa",
            "Il Comune mette a disposizione un edificio vicino alla zona artigianale; le imprese acquistano posti per "
            "i figli dei dipendenti e una cooperativa sociale gestisce il nido assumendo personale del territorio.",
            (("WW-02", "posti per i dipendenti e per le famiglie del Comune"),
             ("WW-09", "gestione affidata a una cooperativa sociale")),
            ("Comune – Servizi sociali", "Imprese della zona artigianale", "Cooperativa sociale La Rete"),
            "Vicino alla zona artigianale"),
        ProposalTemplate(
            "In bici dalla stazione al Naviglio",
            "Si completa il tratto mancante tra la stazione e la ciclabile dell'alzaia, con un attraversamento "
            "protetto della statale, marciapiedi continui e una nuova illuminazione lungo il percorso.",
            (("MO-03", "tratto mancante e attraversamento protetto"),
             ("MO-13", "marciapiedi continui intorno alla stazione"),
             ("BE-12", "illuminazione e segnaletica lungo il percorso")),
            ("Comune – Lavori pubblici", "Associazione Amici del Naviglio"),
            "Dalla stazione all'alzaia del Naviglio Grande"),
        ProposalTemplate(
            "Minibus a chiamata per frazioni e servizi",
            "Un minibus prenotabile per telefono o app collega le frazioni all'ospedale, al mercato e alla stazione; "
            "le fermate sono raggiungibili da marciapiedi sicuri.",
            (("MO-10", "minibus a chiamata, anche il sabato"),
             ("MO-13", "percorsi pedonali sicuri verso le fermate")),
            ("Azienda di trasporto locale", "Comune – Servizi sociali", "Associazione volontari anziani"),
            "Frazioni e servizi del centro"),
        ProposalTemplate(
            "Centro del riuso accanto al centro di raccolta",
            "Nello spazio coperto accanto al centro di raccolta una cooperativa sociale ripara mobili e oggetti e li "
            "rivende; il Comune si impegna a comprare arredi usati per i propri uffici secondo i criteri ambientali "
            "minimi.",
            (("WA-05", "laboratorio di riparazione e vendita"),
             ("WA-08", "il Comune compra arredi usati per i suoi uffici"),
             ("WW-09", "la cooperativa assume persone in difficoltà")),
            ("Società di igiene ambientale", "Cooperativa sociale La Rete", "Comune"),
            "Centro di raccolta comunale"),
        ProposalTemplate(
            "Una mappa condivisa per l'agenda 2030",
            "Il Comune raccoglie in una mappa digitale edifici pubblici, aree allagabili, tetti adatti al solare e "
            "servizi, e la apre ad associazioni e gestori per scegliere insieme dove intervenire per primi.",
            (("BE-11", "mappa aggiornata da Comune, gestori e associazioni"),
             ("CL-08", "le aree allagabili alimentano il piano di emergenza")),
            ("Comune – Urbanistica", "Gestore del servizio idrico"),
            "Tutto il territorio comunale"),
        ProposalTemplate(
            "L'area dismessa diventa parco che trattiene l'acqua",
            "L'area produttiva abbandonata vicino alla circonvallazione viene bonificata e in parte ribassata: "
            "durante i nubifragi raccoglie l'acqua delle vie vicine, negli altri giorni è un parco.",
            (("BE-09", "bonifica con fondi regionali"),
             ("CL-10", "vasca di laminazione sistemata a parco")),
            ("Comune – Urbanistica", "Regione", "Gestore del servizio idrico"),
            "Area dismessa lungo la circonvallazione"),
    ),
    quote_types=("citizen", "association"),
)

MILANO = Territory(
    key="milano",
    name="Milano periferie",
    domain_weights={"welfare": 3.0, "climate": 2.5, "mobility": 2.4, "built-environment": 1.5, "waste": 1.2,
                    "energy": 0.9, "governance": 1.2},
    core=frozenset(["GO-06", "GO-09", "GO-12",
                    "WW-11", "WW-13", "WW-09", "WW-02", "WW-12", "WW-07", "WW-03", "WW-04", "CL-02", "CL-05", "CL-06",
                    "CL-10", "MO-03", "MO-13", "MO-08", "MO-10", "BE-04", "BE-07", "BE-03", "BE-12", "WA-05", "WA-12",
                    "WA-06", "EN-01", "EN-13"]),
    excluded=frozenset(["EN-02", "EN-03", "EN-05", "EN-06", "EN-07", "EN-08", "EN-09", "EN-10", "EN-11", "EN-12",
                        "WA-01", "WA-02", "WA-03", "WA-04", "WA-07", "WA-10", "WA-11", "WA-13", "CL-01", "CL-04",
                        "CL-07", "CL-12", "CL-13", "MO-01", "MO-02", "MO-05", "MO-07", "MO-09", "MO-11", "MO-12",
                        "BE-01", "BE-02", "BE-05", "BE-06", "BE-13", "WW-01", "WW-05", "WW-06", "WW-08", "WW-10"]),
    stakeholders={"citizen": 40, "association": 36, "public-authority": 10, "expert": 7, "utility": 4,
                  "company": 3},
    organisations={
        "citizen": ("",),
        "association": ("Comitato inquilini", "Associazione genitori della scuola primaria", "Doposcuola di quartiere",
                        "Emporio solidale", "Cooperativa sociale di quartiere", "Orti condivisi",
                        "Ciclofficina popolare", "Centro anziani", "Associazione donne del quartiere",
                        "Oratorio – centro giovanile"),
        "public-authority": ("Municipio – Servizi sociali", "Comune – Quartieri e partecipazione",
                             "Comune – Verde urbano", "Ente gestore delle case popolari"),
        "expert": ("Università – gruppo di ricerca", "Casa di comunità – infermiere di famiglia"),
        "utility": ("Azienda dei trasporti", "Società di igiene ambientale"),
        "company": ("Commercianti del mercato comunale", "Bar tabacchi della piazza"),
    },
    bias={"technical": -0.2, "economic": -0.4, "regulatory": -0.1, "social": 0.4, "time": -0.1},
    comments=_comments(
        ("WW-11", "quote", "Qui dopo le sette di sera non c'è un posto al chiuso dove i ragazzi possano stare."),
        ("WW-11", "enabler", "La parrocchia e il centro anziani hanno sale che la sera restano chiuse: si possono "
                             "mettere in rete."),
        ("WW-13", "enabler", "Il campo dell'oratorio è libero tutti i pomeriggi tranne il giovedì."),
        ("WW-13", "quote", "Per camminare tranquilli gli anziani vanno al centro commerciale."),
        ("WW-09", "enabler", "La cooperativa del quartiere cura già il verde dei cortili con persone in borsa "
                             "lavoro."),
        ("WW-02", "barrier", "Il nido più vicino ha quasi cento bambini in lista d'attesa."),
        ("WW-12", "enabler", "La casa di comunità apre l'anno prossimo e cerca luoghi per fare prevenzione fuori "
                             "dagli ambulatori."),
        ("WW-07", "question", "I corsi sarebbero aperti anche agli adulti senza lavoro o solo ai giovani?"),
        ("WW-03", "quote", "Al mercato comunale metà dei banchi è chiusa: una mensa con prodotti locali lo "
                           "riporterebbe in vita."),
        ("WW-04", "enabler", "I cortili delle case popolari hanno spazio, mancano solo ombra e panchine."),
        ("CL-02", "barrier", "Sotto i marciapiedi passano cavi e tubi di tutti i gestori: scavare è complicato."),
        ("CL-05", "enabler", "Lungo il viale ci sono aiuole vuote dove gli alberi sono morti e non sono mai stati "
                             "sostituiti."),
        ("CL-05", "barrier", "Qualcuno teme che i nuovi alberi tolgano posti auto."),
        ("CL-06", "quote", "D'estate in cortile si arriva a quaranta gradi e l'asfalto resta caldo fino a "
                           "mezzanotte."),
        ("CL-08", "question", "Come si avvisa chi non ha lo smartphone quando arriva un nubifragio?"),
        ("CL-10", "question", "Il parco che si allaga verrebbe chiuso durante i temporali? Chi avvisa chi c'è "
                              "dentro?"),
        ("CL-03", "barrier", "I tetti delle case popolari hanno bisogno prima di tutto di essere riparati."),
        ("CL-09", "question", "Chi paga i lavori per scollegare le pluviali nei condomini?"),
        ("CL-11", "enabler", "Il parco agricolo è a un chilometro: basterebbe un percorso sicuro per arrivarci."),
        ("MO-03", "barrier", "La ciclabile sul viale finisce alla rotonda e da lì si torna in mezzo alle auto."),
        ("MO-03", "enabler", "Molti ragazzi vanno già a scuola in bici, anche senza ciclabile."),
        ("MO-04", "quote", "La bici in cantina me l'hanno rubata due volte."),
        ("MO-06", "question", "Le colonnine in strada servono a chi qui non ha un'auto elettrica?"),
        ("MO-13", "quote", "Per arrivare alla fermata del tram bisogna attraversare quattro corsie senza semaforo."),
        ("MO-08", "question", "Un magazzino di quartiere per i pacchi potrebbe dare lavoro a chi abita qui?"),
        ("MO-10", "enabler", "Gli anziani che non guidano più chiedono da tempo un servizio per arrivare alla casa "
                             "di comunità."),
        ("BE-04", "enabler", "Ci sono negozi sfitti al piano terra delle case popolari: un uso temporaneo costerebbe "
                             "poco."),
        ("BE-04", "barrier", "I bandi per gli spazi sfitti chiedono garanzie che le associazioni piccole non hanno."),
        ("BE-07", "quote", "La piazza è diventata un parcheggio abusivo: i bambini giocano tra le macchine."),
        ("BE-03", "enabler", "Nel quartiere ci sono artigiani in pensione disposti a insegnare, serve solo un "
                             "laboratorio."),
        ("BE-08", "enabler", "Il comitato degli orti condivisi può seminare i prati fioriti."),
        ("BE-09", "barrier", "L'area dell'ex deposito è recintata da vent'anni e nessuno sa di chi sia la bonifica."),
        ("BE-10", "question", "Le regole nuove valgono anche per l'ente che gestisce le case popolari?"),
        ("BE-11", "question", "Sulla mappa ci sarebbero anche le segnalazioni dei residenti?"),
        ("BE-12", "barrier", "I lampioni del parco sono spenti da mesi e le segnalazioni non hanno avuto risposta."),
        ("WA-05", "enabler", "Quando si svuotano le cantine finiscono in discarica mobili ancora buoni: un centro del "
                             "riuso li recupererebbe."),
        ("WA-06", "enabler", "Le mense delle scuole avanzano pasti ogni giorno e l'emporio solidale è a cinquecento "
                             "metri."),
        ("WA-08", "question", "Il Municipio potrebbe comprare gli arredi delle sue sedi dal centro del riuso?"),
        ("WA-09", "enabler", "Nelle scuole del quartiere le borracce le hanno già distribuite l'anno scorso."),
        ("WA-12", "question", "Chi gestisce la compostiera d'estate, quando le associazioni sono chiuse?"),
        ("EN-01", "barrier", "Nelle case popolari i tetti sono dell'ente gestore: serve il suo consenso e i tempi "
                             "sono lunghi."),
        ("EN-01", "quote", "Le bollette dell'inverno scorso hanno messo in difficoltà mezzo condominio."),
        ("EN-04", "question", "Il calore della centrale del teleriscaldamento arriva anche alle case popolari?"),
        ("EN-13", "enabler", "Il Comune sta già cambiando i lampioni in altri quartieri: chiediamo di anticipare il "
                             "nostro."),
    ),
    table_comments=(
        ("quote", "Ci chiedono sempre cosa vogliamo, poi non torna nessuno a dirci cosa è stato fatto."),
        ("question", "Queste proposte arriveranno al Municipio o restano qui?"),
        ("enabler", "Al tavolo c'erano per la prima volta insieme il comitato inquilini e il doposcuola."),
    ),
    proposals=(
        ProposalTemplate(
            "Cortili freschi nelle case popolari di {quartiere}",
            "Nei cortili più esposti al sole l'asfalto lascia il posto a pavimentazioni chiare e aiuole, si piantano "
            "alberi e si mettono panchine all'ombra; gli inquilini scelgono insieme dove intervenire.",
            (("CL-06", "pavimentazioni chiare al posto dell'asfalto"),
             ("WW-04", "panchine e spazi di sosta all'ombra"),
             ("CL-05", "alberi nei cortili più caldi")),
            ("Ente gestore delle case popolari", "Comitato inquilini", "Comune – Verde urbano"),
            "Cortili delle case popolari di {quartiere}"),
        ProposalTemplate(
            "Una sala di quartiere aperta la sera",
            "Un negozio sfitto al piano terra diventa sede condivisa di comitati, doposcuola e corsi serali, gestita a "
            "turno dalle associazioni con un patto di collaborazione con il Municipio.",
            (("WW-11", "sala aperta la sera a gruppi e associazioni"),
             ("BE-04", "negozio sfitto affidato con uso temporaneo")),
            ("Municipio – Servizi sociali", "Associazioni del quartiere"),
            "Piano terra delle case popolari di {quartiere}"),
        ProposalTemplate(
            "Strada scolastica alberata e sicura",
            "Il tratto di strada davanti alla scuola diventa pedonale negli orari di entrata e uscita, con alberi, "
            "attraversamenti rialzati e un collegamento alla ciclabile del viale.",
            (("MO-13", "attraversamenti rialzati e marciapiedi larghi"),
             ("CL-05", "alberi lungo la strada della scuola"),
             ("MO-03", "collegamento alla ciclabile del viale")),
            ("Comune – Quartieri e partecipazione", "Associazione genitori della scuola primaria"),
            "Scuola primaria di {quartiere}"),
        ProposalTemplate(
            "Punto pacchi e consegne in cargo bike",
            "Un locale vuoto riceve i pacchi dei corrieri; le consegne nel quartiere si fanno in cargo bike con "
            "persone assunte da una cooperativa sociale.",
            (("MO-08", "punto di consolidamento e consegne in cargo bike"),
             ("WW-09", "la cooperativa assume persone del quartiere")),
            ("Cooperativa sociale di quartiere", "Municipio – Servizi sociali"),
            "Locale sfitto vicino al mercato di {quartiere}"),
        ProposalTemplate(
            "Laboratorio di riparazione nel mercato comunale",
            "I banchi chiusi del mercato ospitano un laboratorio dove artigiani e volontari riparano mobili, "
            "biciclette ed elettrodomestici e insegnano il mestiere ai giovani del quartiere.",
            (("WA-05", "riparazione e riuso di mobili e oggetti"),
             ("BE-03", "attrezzature condivise per chi vuole imparare"),
             ("WW-07", "corsi per giovani e adulti senza lavoro")),
            ("Commercianti del mercato comunale", "Ciclofficina popolare", "Comune – Quartieri e partecipazione"),
            "Mercato comunale di {quartiere}"),
        ProposalTemplate(
            "Comunità energetica dei condomini di {quartiere}",
            "Scuole e condomini con tetti liberi ospitano impianti solari di una comunità energetica; una parte "
            "dell'incentivo aiuta le famiglie in difficoltà con le bollette.",
            (("EN-01", "comunità energetica con un fondo per le bollette"),
             ("EN-13", "lampioni LED: il risparmio finanzia l'avvio")),
            ("Ente gestore delle case popolari", "Comitato inquilini", "Comune"),
            "Tetti delle scuole e dei condomini di {quartiere}"),
        ProposalTemplate(
            "Percorsi della salute tra parco e casa di comunità",
            "Un anello pedonale segnalato collega il parco, la casa di comunità e il centro anziani; una volta al "
            "mese gli infermieri fanno prevenzione all'aperto e un minibus a chiamata porta chi non cammina.",
            (("WW-13", "anello pedonale segnalato"),
             ("WW-12", "giornate di prevenzione all'aperto"),
             ("MO-10", "minibus a chiamata per chi non cammina")),
            ("Casa di comunità – infermiere di famiglia", "Centro anziani", "Municipio – Servizi sociali"),
            "Parco e casa di comunità di {quartiere}"),
        ProposalTemplate(
            "Un parco che trattiene l'acqua dei temporali",
            "L'area verde abbandonata vicino al cavalcavia viene ribassata e sistemata a parco: trattiene l'acqua dei "
            "nubifragi delle vie vicine, con aiuole drenanti lungo i marciapiedi che la portano fin lì.",
            (("CL-10", "vasca verde che si riempie durante i nubifragi"),
             ("CL-02", "aiuole drenanti lungo le vie vicine")),
            ("Comune – Verde urbano", "Gestore del servizio idrico"),
            "Area verde vicino al cavalcavia, {quartiere}"),
        ProposalTemplate(
            "Pranzo solidale con le eccedenze delle mense",
            "Ogni giorno le eccedenze delle mense scolastiche vanno all'emporio solidale e a un pranzo comunitario; "
            "gli scarti finiscono in una compostiera che concima gli orti condivisi.",
            (("WA-06", "ritiro quotidiano delle eccedenze"),
             ("WW-03", "pranzo comunitario con prodotti locali"),
             ("WA-12", "compostiera per gli orti condivisi")),
            ("Emporio solidale", "Orti condivisi", "Comune – Istruzione"),
            "Emporio solidale e orti di {quartiere}"),
        ProposalTemplate(
            "Strade illuminate e sicure verso la metro",
            "Nuovi lampioni LED, marciapiedi continui e segnaletica chiara lungo il tragitto dalla fermata della "
            "metropolitana alle case, scelto con una passeggiata serale insieme alle residenti.",
            (("BE-12", "luce e segnaletica sul tragitto"),
             ("EN-13", "lampioni LED con luce regolata"),
             ("MO-13", "marciapiedi continui fino alla fermata")),
            ("Comune – Quartieri e partecipazione", "Associazione donne del quartiere"),
            "Dalla fermata della metropolitana alle case di {quartiere}"),
        ProposalTemplate(
            "Nido di quartiere con le cooperative",
            "Un piano terra pubblico inutilizzato diventa micronido; lo gestisce una cooperativa sociale che forma "
            "e assume educatrici del quartiere.",
            (("WW-02", "posti nido per le famiglie del quartiere"),
             ("WW-09", "la cooperativa forma e assume personale locale"),
             ("BE-04", "spazio pubblico vuoto riusato subito")),
            ("Municipio – Servizi sociali", "Cooperativa sociale di quartiere"),
            "Piano terra pubblico di {quartiere}"),
    ),
    quote_types=("citizen", "association"),
)

TERRITORIES = {t.key: t for t in (TREZZANO, ABBIATEGRASSO, MILANO)}
for _t in TERRITORIES.values():  # a proposal only combines cards its territory's tables can pick
    assert not {c for p in _t.proposals for c, _ in p.cards} & _t.excluded, _t.key


@dataclass(frozen=True)
class TableSpec:
    name: str
    area: str
    code: str  # prefix of the participants' pseudonymous labels
    place: str  # fills {zona} / {quartiere} in the proposals


@dataclass(frozen=True)
class WorkshopSpec:
    file: str
    territory: str  # key into TERRITORIES
    title: str
    date: str
    place: str
    facilitator: str
    tables: tuple[TableSpec, ...]


WORKSHOPS = (
    WorkshopSpec("trezzano-2021-09-28.db", "trezzano", "ESEMPIO – Atelier di co-design dei distretti produttivi",
                 "2021-09-28", "Trezzano sul Naviglio, sala consiliare", "Gruppo di ricerca",
                 (TableSpec("Area nord", "Zona industriale nord", "N", "zona nord"),
                  TableSpec("Area sud", "Zona industriale sud", "S", "zona sud"))),
    WorkshopSpec("trezzano-2022-06-14.db", "trezzano", "ESEMPIO – Distretti produttivi: un anno dopo",
                 "2022-06-14", "Trezzano sul Naviglio, sala consiliare", "Gruppo di ricerca",
                 (TableSpec("Area nord", "Zona industriale nord", "N", "zona nord"),
                  TableSpec("Area sud", "Zona industriale sud", "S", "zona sud"),
                  TableSpec("Area est", "Zona industriale est, lungo la tangenziale", "E", "zona est"))),
    WorkshopSpec("abbiategrasso-2022-05-18.db", "abbiategrasso",
                 "ESEMPIO – Agenda strategica 2030: laboratorio di comunità", "2022-05-18",
                 "Abbiategrasso, biblioteca civica", "Ufficio di piano",
                 (TableSpec("Centro e stazione", "Centro storico e stazione", "CS", "centro"),
                  TableSpec("Quartieri e frazioni", "Quartieri esterni e frazioni", "QF", "quartieri"),
                  TableSpec("Naviglio e Ticino", "Margini verso il Naviglio e il Parco del Ticino", "NT",
                            "Naviglio"))),
    WorkshopSpec("abbiategrasso-2022-10-12.db", "abbiategrasso",
                 "ESEMPIO – Agenda strategica 2030: priorità e progetti", "2022-10-12",
                 "Abbiategrasso, biblioteca civica", "Ufficio di piano",
                 (TableSpec("Centro e stazione", "Centro storico e stazione", "CS", "centro"),
                  TableSpec("Quartieri e frazioni", "Quartieri esterni e frazioni", "QF", "quartieri"))),
    WorkshopSpec("milano-periferie-2023-04-15.db", "milano", "ESEMPIO – Laboratori di quartiere, primavera",
                 "2023-04-15", "Milano, spazio civico di quartiere", "Gruppo di ricerca",
                 (TableSpec("Gratosoglio", "Municipio 5", "GR", "Gratosoglio"),
                  TableSpec("Giambellino", "Municipio 6", "GB", "Giambellino"),
                  TableSpec("Corvetto", "Municipio 4", "CV", "Corvetto"))),
    WorkshopSpec("milano-periferie-2023-10-07.db", "milano", "ESEMPIO – Laboratori di quartiere, autunno",
                 "2023-10-07", "Milano, spazio civico di quartiere", "Gruppo di ricerca",
                 (TableSpec("Quarto Oggiaro", "Municipio 8", "QO", "Quarto Oggiaro"),
                  TableSpec("Comasina", "Municipio 9", "CO", "Comasina"))),
)

NOTE_TAKERS = ("Ricercatrice A", "Ricercatore B", "Ricercatrice C")

# ---------------------------------------------------------------------------------------------------------------
# Deterministic clock and ids
# ---------------------------------------------------------------------------------------------------------------


class SimClock:
    """Event times for the engine: the time the script sets, never earlier than one second after the last."""

    def __init__(self, start: datetime):
        self.target = start
        self._last: datetime | None = None

    def __call__(self) -> str:
        t = self.target if self._last is None or self.target > self._last else self._last + timedelta(seconds=1)
        self._last = t
        return t.astimezone(UTC).isoformat(timespec="microseconds")


def id_maker(rng: random.Random) -> Callable[[], str]:
    return lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))


# ---------------------------------------------------------------------------------------------------------------
# Plausible scores
# ---------------------------------------------------------------------------------------------------------------

COST_RANK = {"low": 0, "medium": 1, "high": 2, "very-high": 3}
HORIZON_RANK = {"short": 0, "medium": 1, "long": 2}


@dataclass(frozen=True)
class Target:
    """What a score is about: a card, or a proposal with the combined attributes of its cards."""

    ref: str
    domains: tuple[str, ...]
    cost: str
    horizon: str
    scale: frozenset[str]


def card_target(card: CardRef) -> Target:
    return Target(card.id, (card.domain,), card.cost, card.horizon, frozenset(card.scale))


def proposal_target(ref: str, cards: list[CardRef]) -> Target:
    return Target(ref, tuple(c.domain for c in cards), max((c.cost for c in cards), key=COST_RANK.__getitem__),
                  max((c.horizon for c in cards), key=HORIZON_RANK.__getitem__),
                  frozenset(s for c in cards for s in c.scale))


def goodness(criterion: str, target: Target, territory: Territory, liked: bool) -> float:
    """How good the target looks on a criterion, 1 (worst) to 5 (best), before table bias and noise."""
    cost, horizon = COST_RANK[target.cost], HORIZON_RANK[target.horizon]
    if criterion == "technical":
        g = 3.7 - (0, 0.2, 0.5, 1.0)[cost] - (0, 0.2, 0.8)[horizon]
    elif criterion == "economic":
        g = (4.2, 3.3, 2.5, 1.7)[cost]
    elif criterion == "regulatory":
        g = 3.6 - (0.6 if "municipality" in target.scale else 0) - (0.4 if horizon == 2 else 0) \
            + (0.5 if target.scale <= {"company", "building"} else 0)
    elif criterion == "social":
        top = sorted(territory.domain_weights, key=territory.domain_weights.__getitem__, reverse=True)[:3]
        g = 3.3 + (0.5 if any(d in top for d in target.domains) else 0) + (0.5 if liked else 0)
    elif criterion == "time":
        g = (4.4, 3.0, 1.5)[horizon] - (0.3 if cost == 3 else 0)
    else:  # a criterion these examples do not model: the middle of the scale
        g = 3.0
    return g + territory.bias.get(criterion, 0.0)


def to_value(g: float, lowest: int, highest: int, lower_is_better: bool) -> int:
    """Goodness 1..5 onto the criterion's own scale and direction."""
    share = min(max((g - 1) / 4, 0.0), 1.0)
    if lower_is_better:
        share = 1 - share
    return min(max(round(lowest + share * (highest - lowest)), lowest), highest)


# ---------------------------------------------------------------------------------------------------------------
# One table's morning, as a list of timed actions
# ---------------------------------------------------------------------------------------------------------------

Action = Callable[[Workshop], object]


class Plan:
    """A table's actions with their time, in seconds from the start of the table work."""

    def __init__(self, rng: random.Random, start: float):
        self.rng = rng
        self.t = start
        self.actions: list[tuple[float, Action]] = []

    def then(self, low: int, high: int, action: Action) -> None:
        self.t += self.rng.randint(low, high)
        self.actions.append((self.t, action))


@dataclass
class TableDraft:
    spec: TableSpec
    participants: list[tuple[str, str, str]]  # label, stakeholder type, organisation
    plan: Plan


def weighted_sample(rng: random.Random, items: list[str], weights: list[float], k: int) -> list[str]:
    items, weights = list(items), list(weights)
    out = []
    for _ in range(min(k, len(items))):
        i = rng.choices(range(len(items)), weights=weights)[0]
        out.append(items.pop(i))
        weights.pop(i)
    return out


def draw_participants(rng: random.Random, territory: Territory, table: TableSpec,
                      used_orgs: set[str]) -> list[tuple[str, str, str]]:
    types = [t for t in territory.stakeholders if t in STAKEHOLDER_TYPES]
    weights = [territory.stakeholders[t] for t in types]
    n = rng.randint(4, 7)
    while True:
        drawn = rng.choices(types, weights=weights, k=n)
        # Companies fill the district's tables; the town's tables mix the public authority with associations,
        # utilities and citizens; in the neighbourhoods citizens and associations are the majority.
        if territory is TREZZANO and drawn.count("company") >= n - 2:
            break
        if territory is ABBIATEGRASSO and len(set(drawn)) >= 3 and "public-authority" in drawn \
                and {"citizen", "association"} & set(drawn):
            break
        if territory is MILANO and "citizen" in drawn and "association" in drawn \
                and drawn.count("citizen") + drawn.count("association") >= n // 2 + 1:
            break
    order = {t: i for i, t in enumerate(STAKEHOLDER_TYPES)}
    drawn.sort(key=order.__getitem__)
    people = []
    for i, kind in enumerate(drawn, start=1):
        free = [o for o in territory.organisations[kind] if o not in used_orgs or not o]
        org = rng.choice(free or list(territory.organisations[kind]))
        if org and kind in ("company", "association"):
            used_orgs.add(org)  # one person per firm or association in a workshop
        people.append((f"{table.code}{i}", kind, org))
    return people


def draft_table(rng: random.Random, territory: Territory, table: TableSpec, cards: dict[str, CardRef],
                criteria: CriteriaSet, used_orgs: set[str], used_comments: set[str],
                used_proposals: set[str]) -> TableDraft:
    people = draw_participants(rng, territory, table, used_orgs)
    plan = Plan(rng, start=rng.randint(0, 90))
    tname = table.name

    # Proposals first: the table picked the cards it later combined.
    free = [p for p in territory.proposals if p.title not in used_proposals]
    proposals = rng.sample(free, k=min(len(free), rng.choice((1, 2))))
    for p in proposals:
        used_proposals.add(p.title)
    needed: list[str] = []
    for p in proposals:
        needed += [c for c, _ in p.cards if c not in needed]

    # The picks: the proposals' cards plus cards drawn by the territory's and the table's leanings.
    tilt = {d: rng.uniform(0.75, 1.3) for d in territory.domain_weights}
    pool = [c for c in sorted(cards) if c not in territory.excluded and c not in needed]
    weights = [territory.domain_weights.get(cards[c].domain, 1.0) * tilt.get(cards[c].domain, 1.0)
               * (3.0 if c in territory.core else 1.0) for c in pool]
    total = rng.randint(max(8, len(needed) + 3), 14)
    picked = needed + weighted_sample(rng, pool, weights, total - len(needed))
    rng.shuffle(picked)
    others = [c for c in picked if c not in needed]
    discarded = rng.sample(others, k=rng.randint(1, 3))
    kept = [c for c in picked if c not in discarded]
    favourites = rng.sample(kept, k=rng.randint(1, 3))

    # Comments on the cards the table talked about, each text used once per territory.
    speakers = [p for p in people if p[1] in territory.quote_types] or people
    comments: dict[str, list[tuple[str, str, str | None]]] = {}
    options = [(c, kind, text) for c in picked for kind, text in territory.comments.get(c, ())
               if text not in used_comments]
    rng.shuffle(options)
    options.sort(key=lambda o: 0 if o[0] in discarded and o[1] == "barrier" else 1)  # why a card was put aside
    n_comments = rng.randint(3, 5)
    for card, kind, text in options:
        if text in used_comments or sum(map(len, comments.values())) >= n_comments:
            continue
        if any(card == c for c in comments) and rng.random() < 0.7:
            continue  # spread the comments over several cards
        who = rng.choice(speakers)[0] if kind == "quote" else (rng.choice(people)[0] if rng.random() < 0.5 else None)
        comments.setdefault(card, []).append((kind, text, who))
        used_comments.add(text)
    general = [(k, t) for k, t in territory.table_comments if t not in used_comments]
    while sum(map(len, comments.values())) < 3 and general:
        kind, text = general.pop(rng.randrange(len(general)))
        who = rng.choice(speakers)[0] if kind == "quote" else None
        comments.setdefault("", []).append((kind, text, who))
        used_comments.add(text)

    def comment_actions(card: str) -> None:
        for kind, text, who in comments.pop(card, []):
            plan.then(20, 70, lambda w, k=kind, x=text, c=card or None, b=who:
                      w.comment(tname, k, x, card=c, by=b))

    # Which cards the table scored person by person instead of by consensus.
    by_person: set[str] = set()
    if rng.random() < 0.45:
        by_person = set(rng.sample(kept, k=rng.randint(1, min(3, len(kept)))))
    table_bias = {c.id: rng.gauss(0, 0.25) for c in criteria.criteria}
    person_bias = {"company": {"economic": -0.3}, "public-authority": {"regulatory": 0.3},
                   "citizen": {"social": 0.3, "technical": -0.2}, "association": {"social": 0.2},
                   "expert": {"technical": 0.2}, "utility": {"technical": 0.2, "regulatory": -0.1}}

    def score_actions(target: Target, liked: bool, voters: list[tuple[str, str, str]] | None) -> None:
        for who in voters or [None]:
            for crit in criteria.criteria:
                g = goodness(crit.id, target, territory, liked) + table_bias[crit.id] + rng.gauss(0, 0.55)
                missing = {"regulatory": 0.09}.get(crit.id, 0.03)
                if who:
                    g += person_bias.get(who[1], {}).get(crit.id, 0.0) + rng.gauss(0, 0.45)
                    if who[1] == "citizen" and crit.id in ("regulatory", "technical"):
                        missing += 0.12
                value = None if rng.random() < missing else \
                    to_value(g, crit.lowest, crit.highest, crit.direction.value == "lower-is-better")
                plan.then(12, 45, lambda w, r=target.ref, c=crit.id, v=value, b=(who[0] if who else None):
                          w.score(tname, r, c, v, by=b))

    # 1. Going through the decks: picks, a slip of the hand now and then, quick discards.
    quick = {c for c in discarded if rng.random() < 0.5}
    for card in picked:
        plan.then(45, 150, lambda w, c=card: w.pick(tname, c))
        if rng.random() < 0.05:
            wrong = rng.choice([c for c in sorted(cards) if c not in picked])
            plan.then(10, 30, lambda w, c=wrong: w.pick(tname, c))
            plan.then(5, 20, lambda w: w.undo(tname))
        if card in quick:
            plan.then(60, 180, lambda w, c=card: w.pick(tname, c, kind="discarded"))
            comment_actions(card)
    # 2. Discussing and scoring each card kept.
    plan.t += rng.randint(300, 600)
    for card in picked:
        if card in discarded:
            continue
        plan.t += rng.randint(60, 240)
        voters = rng.sample(people, k=min(len(people), rng.randint(2, 3))) if card in by_person else None
        score_actions(card_target(cards[card]), card in favourites, voters)
        comment_actions(card)
    for card in [c for c in picked if c in discarded and c not in quick]:  # the rest, after the scoring
        plan.then(30, 90, lambda w, c=card: w.pick(tname, c, kind="discarded"))
        comment_actions(card)
    # 3. Favourites, in a second round.
    plan.t += rng.randint(180, 420)
    for card in favourites:
        plan.then(20, 60, lambda w, c=card: w.pick(tname, c, kind="favourite", round=2))
    # 4. New proposals, scored like cards.
    for number, p in enumerate(proposals, start=1):
        ref = f"P{number}"
        fill = {"zona": table.place, "Zona": table.place[:1].upper() + table.place[1:], "quartiere": table.place}
        plan.t += rng.randint(600, 1200)
        plan.then(30, 90, lambda w, p=p, fill=fill, ref=ref: _propose(w, tname, p, fill, ref))
        plan.t += rng.randint(120, 300)
        score_actions(proposal_target(ref, [cards[c] for c, _ in p.cards]), True, None)
    comment_actions("")
    # 5. The table's priorities: domains by what it favoured and kept, then its favourite cards.
    points: dict[str, float] = {}
    for card in kept:
        d = cards[card].domain
        points[d] = points.get(d, 0.0) + (3 if card in favourites else 1) + territory.domain_weights.get(d, 1) / 100
    domains = sorted(points, key=lambda d: (-points[d], d))[:3]
    plan.then(240, 480, lambda w, d=domains, f=list(favourites): w.set_priorities(tname, domains=d, cards=f))
    return TableDraft(table, people, plan)


def _propose(w: Workshop, table: str, p: ProposalTemplate, fill: dict[str, str], ref: str) -> str:
    made = w.propose(table, p.title.format(**fill), [c for c, _ in p.cards],
                     description=p.description.format(**fill), how=dict(p.cards), lead_actors=list(p.lead),
                     where=p.where.format(**fill))
    assert made == ref, (made, ref)
    return made


# ---------------------------------------------------------------------------------------------------------------
# Whole workshops
# ---------------------------------------------------------------------------------------------------------------


def make_workshop(path: Path, spec: WorkshopSpec, decks: list[Deck], criteria: CriteriaSet,
                  content_rng: random.Random, id_rng: random.Random, used_comments: set[str],
                  used_proposals: set[str]) -> None:
    territory = TERRITORIES[spec.territory]
    start = datetime.combine(date.fromisoformat(spec.date), datetime.min.time().replace(hour=9, minute=30),
                             tzinfo=ITALIAN_SUMMER_TIME)
    clock = SimClock(start)
    info = WorkshopInfo(title=spec.title, territory=territory.name, date=spec.date, language="it",
                        place=spec.place, facilitator=spec.facilitator, example=True)
    with Workshop.create(path, info, decks, criteria, clock=clock, new_id=id_maker(id_rng)) as w:
        cards = dict(w.state.cards)
        used_orgs: set[str] = set()
        drafts = [draft_table(content_rng, territory, t, cards, w.state.criteria, used_orgs, used_comments,
                              used_proposals) for t in spec.tables]
        # Setting up: the tables, then each person as they sit down.
        t = 60.0
        for i, d in enumerate(drafts):
            clock.target = start + timedelta(seconds=t)
            w.add_table(d.spec.name, area=d.spec.area, note_taker=NOTE_TAKERS[i % len(NOTE_TAKERS)])
            t += content_rng.randint(20, 60)
        arrivals = [(d.spec.name, person) for d in drafts for person in d.participants]
        content_rng.shuffle(arrivals)
        for table_name, (label, kind, org) in arrivals:
            t += content_rng.randint(15, 75)
            clock.target = start + timedelta(seconds=t)
            w.add_participant(label, kind, organisation=org, table=table_name)
        # The tables work side by side: their actions interleave in time.
        work_start = start + timedelta(seconds=t + 600)
        timeline = sorted(((at, i, n, action) for i, d in enumerate(drafts)
                           for n, (at, action) in enumerate(d.plan.actions)), key=lambda x: x[:3])
        for at, _, _, action in timeline:
            clock.target = work_start + timedelta(seconds=at)
            action(w)


def make_examples(out: Path, force: bool = False, quiet: bool = False) -> list[Path]:
    """Write the six example workshops into `out`; returns their paths."""
    paths = [out / spec.file for spec in WORKSHOPS]
    leftovers = [Path(f"{p}{suffix}") for p in paths for suffix in ("", "-wal", "-shm")
                 if Path(f"{p}{suffix}").exists()]
    if leftovers and not force:
        raise FileExistsError(f"{', '.join(str(p) for p in leftovers)} already exist(s); "
                              "run again with --force to replace the example files")
    for p in leftovers:
        p.unlink()
    loaded = load_paths([ROOT / "decks"])
    if not loaded.ok or not loaded.decks or not loaded.criteria:
        raise RuntimeError("the bundled decks do not load; run `cardengine validate decks/`")
    criteria = next(c for c in loaded.criteria if c.id == "city-feasibility")
    master = random.Random(SEED)
    seeds = [(master.getrandbits(64), master.getrandbits(64)) for _ in WORKSHOPS]
    used: dict[str, tuple[set[str], set[str]]] = {}
    for spec, path, (content_seed, id_seed) in zip(WORKSHOPS, paths, seeds, strict=False):
        comments, proposals = used.setdefault(spec.territory, (set(), set()))
        make_workshop(path, spec, loaded.decks, criteria, random.Random(content_seed), random.Random(id_seed),
                      comments, proposals)
        for suffix in ("-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                raise RuntimeError(f"{path}{suffix} was left behind; the workshop was not closed cleanly")
        if not quiet:
            with Workshop.open(path) as w:
                s = w.state
                picks = sum(len(t.picks) for t in s.tables.values())
                props = sum(len(t.proposals) for t in s.tables.values())
                print(f"{path}: {s.territory}, {s.date}, {len(s.tables)} tables, {len(s.participants)} participants, "
                      f"{picks} picks, {props} proposals, {len(w.events)} events")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make the EXAMPLE workshop files (not real workshops).")
    parser.add_argument("--out", type=Path, default=ROOT / "examples", help="folder (default: examples/)")
    parser.add_argument("--force", action="store_true", help="replace this script's example files if they exist")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        make_examples(args.out, force=args.force)
    except FileExistsError as exc:
        print(f"make_examples: {exc}", file=sys.stderr)
        return 1
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
