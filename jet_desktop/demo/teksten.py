"""Fixed word lists and texts for the demo data: places, schools, organisations, hulpvragen.

Everything here is fictitious but plausible for a Frisian municipality; people's names
come from Faker (nl_NL). Real public bodies that are part of the domain (Veilig Thuis,
GGD, Raad voor de Kinderbescherming, Amaryllis, ...) appear by name, schools and GP
practices do not.
"""

from __future__ import annotations

# wijk, woonplaats, first four postcode digits, weight (bigger / more vulnerable wijken refer more)
WIJKEN = [
    ("Binnenstad", "Leeuwarden", 8911, 8),
    ("Oud-Oost", "Leeuwarden", 8913, 9),
    ("Vrijheidswijk", "Leeuwarden", 8921, 13),
    ("Heechterp-Schieringen", "Leeuwarden", 8924, 14),
    ("Camminghaburen", "Leeuwarden", 8925, 10),
    ("Bilgaard", "Leeuwarden", 8926, 9),
    ("Huizum", "Leeuwarden", 8932, 10),
    ("Westeinde", "Leeuwarden", 8933, 7),
    ("Zuiderburen", "Leeuwarden", 8935, 8),
    ("Grou", "Grou", 9001, 5),
    ("Stiens", "Stiens", 9051, 6),
]

STRAAT_STAM = [
    "Kerk", "School", "Molen", "Linde", "Esdoorn", "Berken", "Wilgen", "Iepen", "Eiken", "Lijster", "Merel",
    "Zwaluw", "Kievit", "Grutto", "Reiger", "Tjalk", "Skûtsje", "Terp", "Wâlden", "Polder", "Dijk", "Vaart",
    "Sluis", "Haven", "Marne", "Zuider", "Noorder", "Ooster", "Wester", "Fabrieks", "Stations", "Park",
    "Tuin", "Bloemen", "Klaver", "Boterhoek", "Harlinger", "Franeker", "Dokkumer", "Sneeker", "Drachtster",
    "Aldlânster", "Hoeks", "Spoor", "Zaailand", "Oranje", "Nassau", "Willem Lodewijk", "Piter Jelles",
    "Menno van Coehoorn", "Pieter Stuyvesant", "Mata Hari", "Rembrandt", "Vermeer", "Mondriaan",
]
STRAAT_SUFFIX = ["straat", "straat", "weg", "laan", "laan", "pad", "hof", "plein", "singel", "dyk", "leane"]

BASISSCHOLEN = [
    "OBS De Wâldsang", "CBS De Fontein", "IKC De Trije", "OBS De Vlieger", "CBS De Wegwijzer", "IKC Het Palet",
    "OBS Nijlân", "CBS De Springplank", "RK Basisschool Sint Bonifatius", "Montessorischool De Klimop",
    "OBS De Kleine Wereld", "CBS Prinses Margriet", "IKC De Regenboog", "Vrije School De Zonnewijzer",
    "OBS 't Holtsje", "CBS De Bolder",
]
SPECIAAL_ONDERWIJS = ["SBO De Sprong", "SO De Wiekslag", "VSO De Twirre"]
VOORTGEZET = [
    "Lyceum Aldlân", "Scholengemeenschap De Vlieten", "Vakcollege Leeuwarden", "Montessori Lyceum Fryslân",
    "Gymnasium Zaailand", "Praktijkschool De Pôlle", "Christelijk College Noord", "Tweetalig Lyceum Stiens",
]
MBO = ["ROC Fryslân Leeuwarden", "MBO College Noord", "Vakschool De Waag"]
KINDEROPVANG = ["Kinderopvang De Kikkert", "Peuterspeelzaal It Krobbeheim", "Kinderdagverblijf Pimpernel"]

# verwijzer routes (resources/verwijzers.csv): about 72 % external, huisarts routes the largest
VERWIJZER_GEWICHT = {
    "huisarts": 14, "zorgdomein": 12, "poh_jeugd": 13, "school": 9, "jeugdarts": 6, "veilig_thuis": 5,
    "amaryllis": 4, "medisch_specialist": 3, "leerplicht": 3, "gi": 2, "politie": 2, "rechter": 1,
    "ouders": 24, "anders": 4,
}
VASTE_VERWIJZERS = {
    "jeugdarts": ["GGD Fryslân, Jeugdgezondheidszorg", "Consultatiebureau GGD Fryslân"],
    "medisch_specialist": ["Ziekenhuis Noord, kindergeneeskunde", "Kinder- en jeugdpsychiatrie Noord",
                           "Ziekenhuis Noord, polikliniek psychiatrie"],
    "gi": ["Jeugdbescherming Noord", "William Schrikker Stichting", "Leger des Heils Jeugdbescherming"],
    "rechter": ["Raad voor de Kinderbescherming", "Rechtbank Noord-Nederland"],
    "veilig_thuis": ["Veilig Thuis Friesland"],
    "politie": ["Politie Noord-Nederland, basisteam Leeuwarden"],
    "leerplicht": ["Leerplicht en RMC Leeuwarden", "Jongerenteam gemeente"],
    "anders": ["", "", "Kinderopvang De Kikkert", "Wooncorporatie Noordwest", "Schuldhulpverlening gemeente"],
    "ouders": [""],
}

UITKOMST_GEWICHT = {"zelf_oppakken": 40, "specialistische_jeugdhulp": 20, "voorliggend_veld": 20, "veiligheid": 5,
                    "ander_domein": 7, "geen_hulp": 8}
URGENTIE_GEWICHT = {"spoed": 5, "hoog": 25, "normaal": 70}
REGIE_GEWICHT = {"ja": 45, "deels": 35, "nee": 12, "onbekend": 8}

ORGANISATIES = {
    "voorliggend_veld": ["Amaryllis", "Buurtgezinnen", "PreventiePlus", "Jongerenwerk", "Opvoedondersteuning CJG",
                         "Home-Start"],
    "veiligheid": ["Veilig Thuis Friesland", "Jeugdbescherming Noord (Zicht op Veiligheid)",
                   "Raad voor de Kinderbescherming", "William Schrikker Stichting"],
    "ander_domein": ["Wmo-loket gemeente (18+)", "CIZ (Wlz)", "Samenwerkingsverband passend onderwijs",
                     "Schuldhulpverlening gemeente"],
}

MOTIVERING = {
    "zelf_oppakken": [
        "Enkelvoudige opvoedvraag; JET kan het gezin kortdurend zelf ondersteunen.",
        "Ouders kunnen met steun de regie houden; JET pakt dit zelf op.",
        "Vraag is helder en past bij de kortdurende ondersteuning van JET.",
        "Gezin wil één vast gezicht; JET begeleidt en betrekt het netwerk.",
    ],
    "specialistische_jeugdhulp": [
        "Complexe problematiek; na een Verklarende Analyse direct passende specialistische hulp (matched care).",
        "Ernst en duur van de klachten vragen om specialistische jeugdhulp; JET stelt de Verklarende Analyse op.",
        "Eerdere lichte hulp heeft onvoldoende geholpen; matched care via JET.",
        "Meervoudige problematiek bij kind en ouders; gezamenlijke Verklarende Analyse nodig.",
    ],
    "voorliggend_veld": [
        "Lichte ondersteuningsvraag die goed past bij het voorliggend veld.",
        "Hulp dichtbij in de wijk volstaat; warme overdracht geregeld.",
        "Ouders zoeken vooral praktische opvoedtips; verwezen naar laagdrempelig aanbod.",
    ],
    "veiligheid": [
        "Veiligheid staat voorop; overdracht aan de veiligheidsketen.",
        "Signalen van onveiligheid vragen om een onderzoek; JET blijft betrokken waar nodig.",
        "Er loopt al een maatregel; afgestemd met de gecertificeerde instelling.",
    ],
    "ander_domein": [
        "Jongvolwassene; ondersteuning past beter binnen de Wmo.",
        "Langdurige zorgbehoefte; aanvraag Wlz via het CIZ.",
        "Vraag ligt op het terrein van het onderwijs; overgedragen aan het samenwerkingsverband.",
        "Geldzorgen zijn de kern van de vraag; doorverwezen naar schuldhulpverlening.",
    ],
    "geen_hulp": [
        "Ouders trekken de aanmelding in; zij hebben zelf een oplossing gevonden.",
        "Na het triagegesprek blijkt geen hulp nodig; advies gegeven.",
        "Gezin is verhuisd naar een andere gemeente; aanmelding vervalt.",
        "Jongere wil geen hulp en er zijn geen zorgen over de veiligheid.",
    ],
}

# hulpvraag sentences per category; {v} is the child's first name
HULPVRAAG = {
    "opvoeding": [
        "Ouders lopen vast in de opvoeding van {v}; er is veel strijd over regels en schermtijd.",
        "Moeder voelt zich onzeker in de opvoeding en vraagt om steun.",
        "{v} luistert thuis slecht en ouders weten niet meer hoe ze grenzen kunnen stellen.",
        "Veel ruzie thuis tussen {v} en de ouders; de sfeer is gespannen.",
    ],
    "psychiatrie": [
        "{v} heeft somberheidsklachten en trekt zich terug; de huisarts vermoedt een depressie.",
        "Angst- en paniekklachten: {v} durft niet meer alleen de deur uit.",
        "Zorgen over zelfbeschadiging; {v} heeft gezegd niet meer te willen leven.",
        "{v} eet slecht en is de afgelopen maanden veel afgevallen.",
        "Slaapproblemen en piekeren houden {v} al maanden uit balans.",
    ],
    "lvb": [
        "{v} heeft een licht verstandelijke beperking; ouders zoeken passende begeleiding.",
        "Door een LVB overziet {v} situaties slecht en raakt snel overvraagd.",
    ],
    "scheiding": [
        "Ouders zitten in een vechtscheiding; {v} raakt klem tussen beide ouders.",
        "Na de scheiding is er geen omgangsregeling; de communicatie tussen de ouders is vastgelopen.",
        "{v} heeft moeite met de nieuwe gezinssituatie na de scheiding.",
    ],
    "multiproblematiek": [
        "Het gezin kampt met meerdere problemen tegelijk: schulden, werkloosheid en spanningen thuis.",
        "Veel hulpverleners betrokken zonder samenhang; het gezin vraagt om één plan.",
    ],
    "onveiligheid": [
        "Zorgen over huiselijk geweld; {v} vertelde op school over ruzies thuis.",
        "Vermoeden van verwaarlozing: {v} komt vaak zonder ontbijt en in vuile kleding op school.",
        "Ouder met ernstige psychische problemen; de zorg voor {v} komt in het gedrang.",
    ],
    "school": [
        "{v} zit al weken thuis en gaat niet meer naar school.",
        "Veel verzuim; leerplicht is betrokken en school maakt zich zorgen.",
        "School geeft aan handelingsverlegen te zijn bij het gedrag van {v}.",
    ],
    "ontwikkeling": [
        "Vermoeden van autisme; school vraagt om onderzoek en advies.",
        "{v} heeft driftbuien en gedraagt zich agressief, thuis en op school.",
        "Concentratieproblemen, mogelijk ADHD; ouders willen duidelijkheid.",
        "Achterstand in de spraak-taalontwikkeling; het consultatiebureau maakt zich zorgen.",
    ],
    "bestaanszekerheid": [
        "Het gezin heeft schulden en dreigt de woning te verliezen.",
        "Moeder is alleenstaand en overbelast; weinig netwerk en geldzorgen.",
    ],
}
ONGEBOREN_HULPVRAAG = [
    "Zwangere moeder maakt zich zorgen over de periode na de bevalling; weinig steun uit het netwerk.",
    "Aanstaande ouders hebben eerder hulp gehad; de verloskundige vraagt om tijdige ondersteuning.",
    "Zorgen over de woonsituatie en geldzorgen rond de komende geboorte.",
]
# category weights by age group: jong (0-3), school (4-17), volwassen (18+)
CATEGORIE_GEWICHT = {
    "jong": {"opvoeding": 30, "ontwikkeling": 25, "onveiligheid": 10, "bestaanszekerheid": 10, "scheiding": 12,
             "multiproblematiek": 8, "psychiatrie": 3, "lvb": 2},
    "school": {"opvoeding": 20, "psychiatrie": 14, "lvb": 6, "scheiding": 10, "multiproblematiek": 8,
               "onveiligheid": 7, "school": 14, "ontwikkeling": 16, "bestaanszekerheid": 5},
    "volwassen": {"psychiatrie": 30, "lvb": 15, "bestaanszekerheid": 15, "multiproblematiek": 12, "school": 10,
                  "onveiligheid": 5, "opvoeding": 3},
}
VEILIGHEIDSSIGNALEN = [
    "Huiselijk geweld gemeld door school.", "Zorgen over verwaarlozing.", "Ouder met ernstige psychische problemen.",
    "Politiemelding na ruzie thuis.", "Vermoeden van middelengebruik door ouder.",
    "Jongere heeft het over zelfbeschadiging.", "Eerdere melding bij Veilig Thuis.",
]
STEUNFIGUUR_RELATIE = ["oma", "oma", "opa", "tante", "oom", "buurvrouw", "vriendin van moeder", "trainer voetbal",
                       "peettante", "oudere zus"]

AFSLUIT_GEWICHT = {
    "zelf_oppakken": {"doelen_bereikt": 58, "voorliggend_veld": 14, "gestopt": 10, "verhuisd": 5,
                      "overgedragen": 8, "anders": 5},
    "specialistische_jeugdhulp": {"overgedragen": 72, "doelen_bereikt": 10, "gestopt": 7, "verhuisd": 4,
                                  "voorliggend_veld": 3, "anders": 4},
}
AFSLUIT_TOELICHTING = {
    "doelen_bereikt": ["Doelen uit het plan zijn behaald; ouders kunnen zelf verder.", ""],
    "overgedragen": ["Toewijzing gestart bij de aanbieder; warme overdracht gedaan.", ""],
    "voorliggend_veld": ["Gezin kan verder met steun uit de wijk.", ""],
    "verhuisd": ["Gezin verhuisd; overdracht aan de nieuwe gemeente."],
    "gestopt": ["Gezin wil de begeleiding niet voortzetten.", ""],
    "anders": ["Jongere is 18 geworden en wil geen verdere hulp.", "Situatie veranderd; hulp niet meer nodig."],
}

CONTACT_GEWICHT = {"huisbezoek": 35, "telefonisch": 25, "kantoor": 12, "online": 10, "overleg": 18}
CONTACT_DUUR = {"huisbezoek": [45, 60, 60, 75, 90, 120], "telefonisch": [15, 15, 20, 30],
                "kantoor": [30, 45, 60, 60, 90], "online": [30, 30, 45, 60], "overleg": [30, 45, 60, 90]}
CONTACT_NOTITIE = {
    "huisbezoek": ["Huisbezoek: ouders en {v} gesproken, afspraken gemaakt.",
                   "Huisbezoek; Verklarende Analyse met het gezin doorgenomen.",
                   "Huisbezoek: steunfiguur sloot aan, taken verdeeld.",
                   "Huisbezoek; sfeer thuis is rustiger, doelen geëvalueerd."],
    "telefonisch": ["Telefonisch contact met moeder over de voortgang.", "Vader gebeld: afspraak verzet.",
                    "Telefonisch overleg met {v} over school."],
    "kantoor": ["Gesprek op kantoor met ouders over het ondersteuningsplan.", "Gesprek met {v} alleen."],
    "online": ["Beeldbellen met ouders; tussenevaluatie.", "Online gesprek met {v}."],
    "overleg": ["Overleg met school over aanwezigheid en ondersteuning.", "Overleg met de huisarts.",
                "Multidisciplinair overleg; matched care besproken.", "Overleg met de aanbieder over de start."],
}
KENNISMAKING = "Kennismaking bij het gezin thuis; hulpvraag en doelen besproken met ouders en {v}."
AFSLUITING = "Afsluitend gesprek; afspraken vastgelegd en evaluatie gedaan."

AFWEZIGHEID_REDEN = {"Ziekte": 45, "Verlof": 35, "Studieverlof": 8, "Zwangerschapsverlof": 4, "Langdurig ziek": 8}

# ---- care in the dossier: the ondersteuningsplan (Verklarende Analyse) and toewijzingen

# the five parts of the Verklarende Analyse; {v} is the child's first name
VA_KIND = [
    "{v} is snel overprikkeld en reageert met boosheid.", "{v} piekert veel en slaapt slecht.",
    "{v} trekt zich terug en heeft weinig plezier.", "{v} heeft moeite met plannen en concentreren.",
    "{v} heeft een ontwikkelingsachterstand in taal.", "{v} heeft angstklachten die het dagelijks leven beperken.",
    "{v} laat grensoverschrijdend gedrag zien thuis en buiten.", "{v} heeft een diagnose ASS en weinig structuur.",
    "{v} heeft een licht verstandelijke beperking en wordt snel beïnvloed.", "{v} is somber en vermijdt contact.",
]
VA_OUDERS = [
    "Moeder is overbelast en ervaart weinig steun.", "Ouders zijn gescheiden en communiceren moeizaam.",
    "Vader heeft eigen psychische klachten en is in behandeling.",
    "Ouders zijn betrokken maar onzeker in grenzen stellen.",
    "Ouders verschillen van mening over de aanpak.", "Moeder heeft zelf een belaste jeugd gehad.",
    "Ouders werken onregelmatig; weinig vaste momenten samen.",
    "Ouders staan open voor hulp en willen de regie houden.",
]
VA_SCHOOL = [
    "School meldt veel verzuim sinds de zomer.", "Op school gaat het redelijk; de leerkracht is een steun.",
    "{v} zit thuis; het samenwerkingsverband is betrokken.", "Conflicten met klasgenoten; school zoekt handvatten.",
    "School ziet leerachterstanden en overweegt speciaal onderwijs.", "Peuteropvang ziet een taalachterstand.",
    "Stage op het mbo is gestopt; {v} heeft geen dagbesteding.", "Intern begeleider en JET hebben goed contact.",
]
VA_NETWERK = [
    "Oma woont dichtbij en vangt {v} na school op.", "Het gezin heeft weinig netwerk in de buurt.",
    "Een tante is bereid om mee te denken en te helpen.", "Voetbaltrainer is een belangrijke volwassene voor {v}.",
    "Contact met de familie is verbroken na een conflict.", "Buren en vrienden bieden praktische hulp.",
    "Kerkgemeenschap biedt steun aan moeder.", "Steunfiguur uit het netwerk sluit aan bij gesprekken.",
]
VA_BESTAANSZEKERHEID = [
    "Geen financiële zorgen bekend.", "Het gezin heeft schulden; schuldhulpverlening is gestart.",
    "Huisvesting is krap: vijf personen in een flat met twee slaapkamers.", "Vader is werkloos geraakt.",
    "Het gezin leeft van een uitkering; er is weinig ruimte voor extra's.",
    "Dreigende huisuitzetting door huurachterstand.",
    "Inkomen is stabiel; wonen en werk zijn op orde.", "Moeder combineert twee banen en heeft weinig tijd.",
]
DOELEN = [
    "{v} gaat weer elke dag naar school.", "Ouders hanteren samen dezelfde afspraken en grenzen.",
    "{v} kan spanning herkennen en op een veilige manier uiten.", "Er is een vaste dagstructuur thuis.",
    "Ouders communiceren zakelijk over de kinderen.", "{v} slaapt weer door en heeft minder angstklachten.",
    "Het netwerk is uitgebreid met twee vaste steunfiguren.", "De financiële situatie is stabiel en overzichtelijk.",
    "{v} heeft een passende plek in het onderwijs.", "Moeder ervaart minder opvoedstress.",
]

# toewijzingen: productcategorie (iJw JZ020, resources/productcategorieen.csv) -> weight
TOEWIJZING_CATEGORIE = {
    "specialistische_jeugdhulp": {"45": 62, "41": 12, "43": 5, "44": 5, "46": 4, "42": 4, "40": 5, "50": 3},
    "zelf_oppakken": {"45": 80, "40": 15, "42": 5},
}
# a second toewijzing running alongside the first (verticale stapeling): first category -> companions
SAMEN_MET = {"45": ["41", "40", "45"], "41": ["42", "45"], "43": ["45"], "44": ["45", "40"], "46": ["45"],
             "42": ["45"], "40": ["45"], "50": ["45"]}
INTENSITEIT_PER_CATEGORIE = {
    "45": {"licht": 35, "middel": 45, "zwaar": 20}, "41": {"middel": 30, "zwaar": 60, "intensief": 10},
    "43": {"intensief": 1}, "44": {"zwaar": 30, "intensief": 70}, "46": {"intensief": 1},
    "42": {"licht": 60, "middel": 40}, "40": {"licht": 50, "middel": 40, "zwaar": 10},
    "50": {"middel": 40, "zwaar": 60},
}
AANBIEDERS_PER_CATEGORIE = {
    "45": ["fjild", "fjild", "wadden", "noorderlicht", "sterk", "terp"], "41": ["opstap", "opstap", "terp"],
    "43": ["terp", "noorderlicht"], "44": ["kompas", "meander", "meander"], "46": ["noorderlicht", "terp"],
    "42": ["taxi_fr"], "40": ["sterk", "noorderlicht"], "50": ["noorderlicht", "wadden", "terp", "opstap"],
}
PRODUCTEN = {
    "45": ["Ambulante gezinsbehandeling", "Jeugd-ggz behandeling (profiel 2)", "Individuele begeleiding",
           "Ouderbegeleiding", "Traumabehandeling (EMDR)", "Diagnostiek en advies", "Systeemtherapie",
           "Ambulante begeleiding LVB"],
    "41": ["Dagbehandeling jonge kind", "Dagbehandeling (profiel 4)", "Naschoolse dagbehandeling"],
    "43": ["Behandelgroep met verblijf", "Residentiële behandeling jeugd-ggz"],
    "44": ["Gezinshuis", "Pleegzorg (bestand)", "Logeeropvang weekend"],
    "46": ["Crisisopvang", "Crisisinterventie thuis (ambulant spoed)"],
    "42": ["Vervoer naar dagbehandeling", "Zorgvervoer taxi"],
    "40": ["Persoonlijke verzorging thuis", "Begeleiding bij dagelijkse verzorging"],
    "50": ["Maatwerkarrangement jeugd", "Combinatiearrangement onderwijs-zorg"],
}
# length in months (min, max) and estimated cost per month in euros (min, max) at intensiteit middel
DUUR_MAANDEN = {"45": (3, 12), "41": (6, 12), "43": (6, 18), "44": (6, 24), "46": (0.5, 2), "42": (6, 12),
                "40": (3, 12), "50": (6, 12)}
# (verblijf and crisis: per month whatever the intensiteit; verblijf € 40.000-120.000 a year)
KOSTEN_PER_MAAND = {"45": (550, 1100), "41": (1800, 3200), "43": (3500, 10000), "44": (3300, 8000),
                    "46": (6000, 11000), "42": (200, 450), "40": (250, 800), "50": (1500, 4500)}
INTENSITEIT_FACTOR = {"licht": 0.55, "middel": 1.0, "zwaar": 1.45, "intensief": 1.9}
VAST_TARIEF = {"43", "44", "46"}
KOSTEN_GRENZEN = {"45": (2000, 15000)}  # ambulant stays within what the contracts pay
DVO_MOTIVERING = [
    "Geen gecontracteerd profiel dekt de combinatie van LVB en trauma; maatwerk afgesproken.",
    "Benodigde intensiteit valt tussen twee profielen in; DVO voor de duur van het traject.",
    "Gecontracteerde aanbieders hebben een wachttijd van meer dan drie maanden; tijdelijk maatwerk.",
    "Combinatie van onderwijs en zorg past niet in één profiel; arrangement op maat.",
    "Specifieke expertise (doof kind) alleen bij deze aanbieder via maatwerk.",
]
