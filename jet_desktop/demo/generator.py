"""A realistic, reproducible demo data set, bulk-inserted with SQLAlchemy Core.

Same seed and `vandaag` give the same rows, ids included. Scales to 100,000 jeugdigen:
rows are built as plain dicts and inserted in batches (executemany), never as ORM
objects; Faker fills name pools once, the seeded Random draws from them.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from faker import Faker
from sqlalchemy import func, select

from jet_desktop.codelists import verwijzer_routes
from jet_desktop.domain.dates import add_months
from jet_desktop.domain.enums import (JET_UITKOMSTEN, Afsluitreden, ConsulentRol, HulpvraagCategorie,
                                      KlikResultaat, Rol, WijzigingsReden)
from jet_desktop.storage.engine import make_engine
from jet_desktop.storage.migrations import ensure_schema
from jet_desktop.storage.models import (Aanmelding, Afwezigheid, Contactmoment, ConsulentWijziging, Dossier, Gezin,
                                        Gezinslid, Jeugdige, Klikgesprek, Medewerker, Triagebesluit, TABLES)

BATCH = 10_000
HISTORY_YEARS = 4
CASELOAD_NORM = 16  # matches the default setting caseload_norm_per_fte

WIJKEN = ["Binnenstad", "Heechterp-Schieringen", "Vrijheidswijk", "Bilgaard", "Huizum", "Camminghaburen",
          "Westeinde", "Aldlân", "Zuiderburen", "Oranjewijk", "Grou", "Stiens"]
WOONPLAATSEN = ["Leeuwarden"] * 8 + ["Grou", "Stiens", "Wirdum", "Goutum", "Jirnsum"]
VERWIJZER_GEWICHT = {"huisarts": 18, "zorgdomein": 12, "poh_jeugd": 14, "jeugdarts": 8, "medisch_specialist": 4,
                     "gi": 3, "rechter": 1, "veilig_thuis": 6, "school": 10, "amaryllis": 6, "politie": 2,
                     "leerplicht": 3, "ouders": 25, "anders": 5}
UITKOMST_GEWICHT = {"zelf_oppakken": 40, "specialistische_jeugdhulp": 20, "voorliggend_veld": 20, "veiligheid": 5,
                    "ander_domein": 7, "geen_hulp": 8}
URGENTIE_GEWICHT = {"spoed": 5, "hoog": 25, "normaal": 70}
ORGANISATIES = {
    "voorliggend_veld": ["Amaryllis", "Buurtgezinnen", "PreventiePlus", "Jongerenwerk", "Opvoedondersteuning"],
    "veiligheid": ["Veilig Thuis Friesland", "Zicht op Veiligheid (GI)", "Raad voor de Kinderbescherming"],
    "ander_domein": ["Wmo-loket (18+)", "Wlz / CIZ", "Samenwerkingsverband onderwijs", "Schuldhulpverlening"],
}
HULPVRAGEN = [
    "Ouders lopen vast in de opvoeding; veel ruzie thuis.", "Zoon zit al maanden thuis en gaat niet naar school.",
    "Somberheid en terugtrekken, huisarts vermoedt depressie.", "Ouders gaan scheiden, kinderen raken klem.",
    "Driftbuien en agressie op school en thuis.", "Vermoeden van autisme; school vraagt om onderzoek.",
    "Moeder is overbelast, weinig netwerk.", "Zorgen over middelengebruik en verkeerde vrienden.",
    "Licht verstandelijke beperking, ouders zoeken passende dagbesteding.", "Angstklachten en slaapproblemen.",
    "Schulden en huisvestingsproblemen drukken op het gezin.", "Zwangere moeder met zorgen over de veiligheid thuis.",
]
CONTACT_NOTITIES = [
    "Kennismaking; hulpvraag en doelen besproken.", "Huisbezoek: ouders en kind gesproken, afspraken gemaakt.",
    "Overleg met school over aanwezigheid en ondersteuning.", "Telefonisch contact met moeder over voortgang.",
    "Verklarende Analyse met gezin en netwerk uitgewerkt.", "Evaluatie doelen; eerste resultaten zichtbaar.",
    "Overleg met huisarts over verwijzing.", "Steunfiguur betrokken bij het plan.",
]
CONTACT_GEWICHT = {"huisbezoek": 35, "telefonisch": 25, "kantoor": 15, "online": 10, "overleg": 15}
TUSSENVOEGSELS = ("van der ", "van den ", "van de ", "van ", "de ", "den ", "der ", "ter ", "te ", "in 't ")


@dataclass
class _Ctx:
    rng: random.Random
    vandaag: date
    stats: dict = field(default_factory=dict)

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def stamp(self, d: date, who: str = "demo") -> dict:
        ts = datetime.combine(min(d, self.vandaag), time(8 + self.rng.randrange(9), self.rng.randrange(60)),
                              tzinfo=timezone.utc)
        return {"version": 1, "created_at": ts, "updated_at": ts, "updated_by": who}

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]


class _Writer:
    """Buffers rows per table and inserts them in batches, in foreign-key order."""

    def __init__(self, conn, progress, total_hint: int):
        self.conn, self.progress, self.total = conn, progress, total_hint
        self.buffers: dict = {}
        self.done = 0
        self.counts: dict[str, int] = {}

    def add(self, table, row: dict) -> None:
        buf = self.buffers.setdefault(table, [])
        buf.append(row)
        if len(buf) >= BATCH:
            self.flush()

    def flush(self, table=None) -> None:
        """Insert buffered rows; without `table`, all tables in foreign-key order."""
        for t in [table] if table is not None else [t for t in TABLES if t in self.buffers]:
            rows = self.buffers.get(t)
            if rows:
                self.conn.execute(t.insert(), rows)
                self.counts[t.name] = self.counts.get(t.name, 0) + len(rows)
                self.done += len(rows)
                self.buffers[t] = []
                if self.progress:
                    self.progress(min(self.done, self.total), self.total, _LABELS.get(t.name, t.name))


_LABELS = {"jeugdige": "Jeugdigen", "gezin": "Gezinnen", "gezinslid": "Ouders", "aanmelding": "Aanmeldingen",
           "triagebesluit": "Triagebesluiten", "dossier": "Dossiers", "consulentwijziging": "Consulentwissels",
           "klikgesprek": "Klikgesprekken", "contactmoment": "Contactmomenten", "medewerker": "Medewerkers",
           "afwezigheid": "Afwezigheden"}


def _bsn(rng: random.Random, used: set) -> str:
    while True:
        digits = [rng.randrange(1, 10)] + [rng.randrange(10) for _ in range(7)]
        last = sum((9 - i) * d for i, d in enumerate(digits)) % 11
        if last <= 9:
            bsn = "".join(map(str, digits)) + str(last)
            if bsn not in used:
                used.add(bsn)
                return bsn


def _split_achternaam(naam: str) -> tuple[str, str]:
    for t in TUSSENVOEGSELS:
        if naam.startswith(t):
            return t.strip(), naam[len(t):]
    return "", naam


def generate(url: str, jeugdigen: int = 2000, seed: int = 1, progress=None, vandaag: date | None = None) -> str:
    """Fill an empty store with demo data; returns a Dutch summary."""
    if jeugdigen < 50:
        raise ValueError("Demogegevens: kies minstens 50 jeugdigen.")
    vandaag = vandaag or date.today()
    engine = make_engine(url)
    ensure_schema(engine)
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Aanmelding.__table__)).scalar_one():
            raise ValueError("Deze gegevensset bevat al aanmeldingen; demogegevens worden alleen in een lege set geladen.")
    ctx = _Ctx(random.Random(seed), vandaag)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    pools = {
        "m": sorted({fake.first_name_male() for _ in range(600)}),
        "v": sorted({fake.first_name_female() for _ in range(600)}),
        "achternaam": sorted({fake.last_name() for _ in range(1500)}),
        "straat": sorted({fake.street_name() for _ in range(400)}),
    }
    pools["scholen"] = [f"{p} {n}" for p, n in zip(
        ["OBS", "CBS", "IKC", "Kindcentrum", "Montessorischool", "RSG", "Piter Jelles", "Friesland College",
         "Comenius", "ROC"] * 3, sorted({fake.last_name() for _ in range(60)})[:30])]
    with engine.begin() as conn:
        w = _Writer(conn, progress, total_hint=int(jeugdigen * 12))
        team = _team(ctx, w, fake, jeugdigen)
        w.flush()
        _families_and_cases(ctx, w, pools, team, jeugdigen)
        w.flush()
    s = ctx.stats
    return (f"Demogegevens geladen: {s['jeugdigen']} jeugdigen in {s['gezinnen']} gezinnen, {s['aanmeldingen']} "
            f"aanmeldingen ({s['triage']} wachten op triage, {s['wachtlijst']} op de wachtlijst), {s['dossiers']} "
            f"dossiers waarvan {s['actief']} actief, {w.counts.get('contactmoment', 0)} contactmomenten; "
            f"{len(team['consulenten'])} consulenten (capaciteit {team['capaciteit']}), peildatum {vandaag:%d-%m-%Y}.")


def _team(ctx: _Ctx, w: _Writer, fake: Faker, jeugdigen: int) -> dict:
    rng = ctx.rng
    n = max(8, min(30, jeugdigen // 100))
    start = ctx.vandaag - timedelta(days=365 * HISTORY_YEARS)
    M, AF = Medewerker.__table__, Afwezigheid.__table__
    names = set()

    def person() -> str:
        while True:
            naam = f"{fake.first_name()} {fake.last_name()}"
            if naam not in names:
                names.add(naam)
                return naam

    consulenten = []
    for _ in range(n):
        row = {"id": ctx.uid(), "naam": person(), "rol": Rol.CONSULENT.value,
               "fte": rng.choice([0.5, 0.6, 0.7, 0.8, 0.8, 0.9, 1.0, 1.0]), "actief": True, "deleted_at": None,
               **ctx.stamp(start)}
        w.add(M, row)
        consulenten.append(row)
    for rol, count in ((Rol.TEAMLEIDER, 1 if n < 20 else 2), (Rol.BEHEERDER, 1)):
        for _ in range(count):
            w.add(M, {"id": ctx.uid(), "naam": person(), "rol": rol.value, "fte": 1.0, "actief": True,
                      "deleted_at": None, **ctx.stamp(start)})
    w.flush(M)
    for c in consulenten:  # past absences
        for _ in range(rng.randrange(3)):
            van = start + timedelta(days=rng.randrange(365 * HISTORY_YEARS - 30))
            w.add(AF, {"id": ctx.uid(), "medewerker_id": c["id"], "van": van,
                       "tot": van + timedelta(days=rng.randrange(3, 40)), "reden": rng.choice(["Ziekte", "Verlof"]),
                       "deleted_at": None, **ctx.stamp(van, c["naam"])})
    for c in rng.sample(consulenten, 2 if n >= 10 else 1):  # absent right now
        van = ctx.vandaag - timedelta(days=rng.randrange(1, 10))
        w.add(AF, {"id": ctx.uid(), "medewerker_id": c["id"], "van": van,
                   "tot": ctx.vandaag + timedelta(days=rng.randrange(7, 42)), "reden": "Ziekte", "deleted_at": None,
                   **ctx.stamp(van, "demo")})
    return {"consulenten": consulenten,
            "capaciteit": sum(int(c["fte"] * CASELOAD_NORM + 1e-9) for c in consulenten)}


def _families_and_cases(ctx: _Ctx, w: _Writer, pools: dict, team: dict, jeugdigen: int) -> None:
    rng, vandaag = ctx.rng, ctx.vandaag
    G, GL, J = Gezin.__table__, Gezinslid.__table__, Jeugdige.__table__
    history = 365 * HISTORY_YEARS
    start = vandaag - timedelta(days=history)
    used_bsn: set = set()
    routes = [r.route for r in verwijzer_routes()]
    verwijzer_gewicht = {r: VERWIJZER_GEWICHT.get(r, 1) for r in routes}
    aanmeldingen = []  # (aanmelddatum, jeugdige_id, age info) to number and triage after sorting
    n_kinderen = n_gezinnen = 0
    while n_kinderen < jeugdigen:
        achternaam = rng.choice(pools["achternaam"])
        tussen, kern = _split_achternaam(achternaam)
        wijk = rng.choice(WIJKEN)
        adres = f"{rng.choice(pools['straat'])} {rng.randrange(1, 180)}"
        postcode = f"{rng.randrange(8900, 9299)} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLNPRSTX')}"
        woonplaats = rng.choice(WOONPLAATSEN)
        gezin_id = ctx.uid()
        eerste = start + timedelta(days=int(history * rng.random() ** 0.8))
        w.add(G, {"id": gezin_id, "naam": f"Gezin {achternaam}", **ctx.stamp(eerste)})
        n_gezinnen += 1
        moeder = f"{rng.choice(pools['v'])} {achternaam}"
        ouders = [(moeder, "moeder", True)]
        if rng.random() < 0.75:
            ouders.append((f"{rng.choice(pools['m'])} {achternaam}", "vader", rng.random() < 0.9))
        if rng.random() < 0.04:
            ouders = [(f"{rng.choice(pools['v'])} {rng.choice(pools['achternaam'])}",
                       rng.choice(["pleegouder", "voogd"]), rng.random() < 0.5)]
        for naam, relatie, gezag in ouders:
            w.add(GL, {"id": ctx.uid(), "gezin_id": gezin_id, "naam": naam, "relatie": relatie, "gezag": gezag,
                       "telefoon": f"06-{rng.randrange(10000000, 99999999)}", "deleted_at": None, **ctx.stamp(eerste)})
        for k in range(rng.choices([1, 2, 3], weights=[70, 22, 8])[0]):
            if n_kinderen >= jeugdigen:
                break
            aanmelddatum = eerste + timedelta(days=rng.randrange(0, 60) if k else 0)
            aanmelddatum = min(aanmelddatum, vandaag)
            geslacht = rng.choice("mmvvx" if rng.random() < 0.02 else "mv")
            voornaam = rng.choice(pools["m" if geslacht == "m" else "v"])
            unborn = rng.random() < 0.006
            if unborn:
                geboren, uitgerekend = None, min(aanmelddatum + timedelta(days=rng.randrange(30, 250)),
                                                 add_months(aanmelddatum, 9))
            else:
                age_years = min(rng.choices(range(24), weights=[3, 3, 4, 4, 5, 6, 7, 8, 8, 8, 8, 8, 8, 8, 8, 7, 6, 5,
                                                                3, 2, 1, 1, 1, 1])[0], 23)
                geboren = aanmelddatum - timedelta(days=age_years * 365 + rng.randrange(1, 364))
                uitgerekend = None
            jid = ctx.uid()
            w.add(J, {"id": jid, "gezin_id": gezin_id, "voornaam": voornaam, "tussenvoegsel": tussen,
                      "achternaam": kern, "geboortedatum": geboren, "uitgerekende_datum": uitgerekend,
                      "bsn": _bsn(rng, used_bsn) if rng.random() < 0.85 else None, "geslacht": geslacht,
                      "adres": adres, "postcode": postcode, "woonplaats": woonplaats, "wijk": wijk,
                      "school": rng.choice(pools["scholen"]) if (geboren and aanmelddatum.year - geboren.year >= 4)
                      else "", **ctx.stamp(aanmelddatum)})
            n_kinderen += 1
            aanmeldingen.append((aanmelddatum, jid, voornaam, geboren))
            terug = aanmelddatum + timedelta(days=rng.randrange(200, 1200))
            if not unborn and rng.random() < 0.1 and terug < vandaag:
                aanmeldingen.append((terug, jid, voornaam, geboren))
    w.flush()
    ctx.stats.update(jeugdigen=n_kinderen, gezinnen=n_gezinnen)
    _cases(ctx, w, pools, team, sorted(aanmeldingen, key=lambda a: (a[0], a[1].int)), verwijzer_gewicht)


def _cases(ctx: _Ctx, w: _Writer, pools: dict, team: dict, aanmeldingen: list, verwijzer_gewicht: dict) -> None:
    rng, vandaag = ctx.rng, ctx.vandaag
    A, T = Aanmelding.__table__, Triagebesluit.__table__
    consulenten = team["consulenten"]
    n = len(aanmeldingen)
    undecided = max(8, min(60, n // 250))
    wacht_doel = max(20, min(2000, int(n * 0.012)))
    # the wachtlijst: mostly recent aanmeldingen, a tail of long waits (weights by days waiting)
    def wacht_gewicht(dagen: int) -> float:
        return 1.0 if dagen <= 21 else 0.5 if dagen <= 60 else 0.15 if dagen <= 150 else 0.0

    recent_jet = sum(wacht_gewicht((vandaag - a[0]).days) for a in aanmeldingen[:-undecided]) * 0.6
    p_wacht = min(0.95, wacht_doel / max(recent_jet, 1))
    volgnummer: dict[int, int] = {}
    cases = []  # (aanmelding_id, besloten_op, urgentie, consulent naam hint)
    stats = {"triage": 0, "wachtlijst": 0}
    for i, (aanmelddatum, jid, voornaam, geboren) in enumerate(aanmeldingen):
        volgnummer[aanmelddatum.year] = volgnummer.get(aanmelddatum.year, 0) + 1
        route = ctx.pick(verwijzer_gewicht)
        aid = ctx.uid()
        cats = rng.sample([c.value for c in HulpvraagCategorie], rng.choice([1, 1, 2, 3]))
        steun = rng.random() < 0.3
        row = {"id": aid, "dossiernummer": f"{aanmelddatum.year}-{volgnummer[aanmelddatum.year]:05d}",
               "jeugdige_id": jid, "aanmelddatum": aanmelddatum, "verwijzer_route": route,
               "verwijzer_organisatie": _organisatie(rng, route, pools),
               "verwijzer_contactpersoon": f"{rng.choice(pools['v'] + pools['m'])} {rng.choice(pools['achternaam'])}"
               if route not in ("ouders", "anders") else "",
               "hulpvraag": " ".join(rng.sample(HULPVRAGEN, rng.choice([1, 2]))),
               "hulpvraag_categorieen": ",".join(cats),
               "veiligheidssignalen": rng.choice(["Huiselijk geweld gemeld door school.", "Zorgen over verwaarlozing.",
                                                  "Ouder met ernstige psychische problemen."])
               if rng.random() < 0.1 else "",
               "regie": rng.choices(["ja", "deels", "nee", "onbekend"], weights=[45, 35, 12, 8])[0],
               "steunfiguur_naam": f"{rng.choice(pools['v'] + pools['m'])} {rng.choice(pools['achternaam'])}"
               if steun else "",
               "steunfiguur_relatie": rng.choice(["oma", "opa", "tante", "buurvrouw", "trainer"]) if steun else "",
               "huidig_besluit_id": None, "deleted_at": None, **ctx.stamp(aanmelddatum)}
        if i >= n - undecided:
            w.add(A, row)
            stats["triage"] += 1
            continue
        uitkomst, urgentie = ctx.pick(UITKOMST_GEWICHT), ctx.pick(URGENTIE_GEWICHT)
        besloten = min(aanmelddatum + timedelta(days=rng.choice([0, 1, 2, 3, 4, 5, 7, 8, 10, 14, 21])), vandaag)
        door = rng.choice(consulenten)
        bid = ctx.uid()
        row["huidig_besluit_id"] = bid
        w.add(A, row)  # before its decisions: a batch flush must never see a decision without its aanmelding
        vorig = None
        if rng.random() < 0.05:  # revised: the first decision stays as history
            vorig = ctx.uid()
            eerder = rng.choice([u for u in UITKOMST_GEWICHT if u != uitkomst])
            w.add(T, _besluit(ctx, vorig, aid, besloten, door, eerder, urgentie, None))
            besloten = min(besloten + timedelta(days=rng.randrange(3, 30)), vandaag)
        w.add(T, _besluit(ctx, bid, aid, besloten, door, uitkomst, urgentie, vorig))
        if uitkomst not in JET_UITKOMSTEN:
            continue
        dagen = (vandaag - aanmelddatum).days
        wacht = rng.random() < p_wacht * wacht_gewicht(dagen) * (0.25 if urgentie == "spoed" else 1.0)
        geopend = besloten + timedelta(days=rng.randrange(2, 12) if urgentie == "spoed" else rng.randrange(5, 70))
        if wacht or geopend > vandaag:
            stats["wachtlijst"] += 1
            continue
        cases.append((aid, geopend, urgentie))
    w.flush()
    ctx.stats.update(aanmeldingen=n, **stats)
    _dossiers(ctx, w, team, cases)


def _besluit(ctx, bid, aid, besloten, door, uitkomst, urgentie, vorig) -> dict:
    rng = ctx.rng
    return {"id": bid, "aanmelding_id": aid, "besloten_op": besloten, "besloten_door_id": door["id"],
            "uitkomst": uitkomst, "urgentie": urgentie,
            "motivering": rng.choice(["Hulpvraag past bij kortdurende ondersteuning door JET.",
                                      "Meervoudige problematiek; Verklarende Analyse nodig.",
                                      "Gezin is gebaat bij hulp dichtbij in de wijk.",
                                      "Veiligheid staat voorop; overdracht nodig.",
                                      "Ouders kunnen met lichte steun zelf verder."]),
            "organisatie": rng.choice(ORGANISATIES[uitkomst]) if uitkomst in ORGANISATIES else "",
            "beoogd_consulent_id": None, "vorig_besluit_id": vorig, **ctx.stamp(besloten, door["naam"])}


def _organisatie(rng: random.Random, route: str, pools: dict) -> str:
    naam = rng.choice(pools["achternaam"])
    return {
        "huisarts": f"Huisartsenpraktijk {naam}", "zorgdomein": f"Huisartsenpraktijk {naam} (ZorgDomein)",
        "poh_jeugd": f"Huisartsenpraktijk {naam}", "jeugdarts": "GGD Fryslân, JGZ",
        "medisch_specialist": rng.choice(["MCL, kinderafdeling", "Tjongerschans, kinderarts", "Kinder- en jeugdpsychiatrie"]),
        "gi": rng.choice(["Jeugdbescherming Noord", "William Schrikker Stichting"]),
        "rechter": "Raad voor de Kinderbescherming", "veilig_thuis": "Veilig Thuis Friesland",
        "school": rng.choice(pools["scholen"]), "amaryllis": f"Amaryllis, wijkteam {rng.choice(WIJKEN)}",
        "politie": "Politie Noord-Nederland", "leerplicht": "Leerplicht en jongerenteam",
    }.get(route, "")


def _dossiers(ctx: _Ctx, w: _Writer, team: dict, cases: list) -> None:
    rng, vandaag = ctx.rng, ctx.vandaag
    D, CW, K, C = (Dossier.__table__, ConsulentWijziging.__table__, Klikgesprek.__table__,
                   Contactmoment.__table__)
    consulenten = team["consulenten"]
    weights = [c["fte"] * rng.uniform(0.85, 1.15) for c in consulenten]
    active_target = int(team["capaciteit"] * rng.uniform(0.95, 1.08))
    by_recent = sorted(range(len(cases)), key=lambda i: cases[i][1], reverse=True)
    active = set(by_recent[:active_target])
    n_actief = 0
    for i, (aid, geopend, urgentie) in enumerate(cases):
        cons = rng.choices(consulenten, weights=weights)[0]
        tweede = rng.choice([c for c in consulenten if c is not cons]) if rng.random() < 0.4 else None
        if i in active:
            einde, reden = None, ""
            n_actief += 1
        else:
            einde = min(geopend + timedelta(days=rng.randrange(30, 400)), vandaag - timedelta(days=1))
            einde = max(einde, geopend)
            reden = rng.choices([r.value for r in Afsluitreden], weights=[50, 20, 12, 5, 8, 5])[0]
        did = ctx.uid()
        klik_datum = geopend + timedelta(days=rng.randrange(0, 15))
        geen_klik = rng.random() < 0.05 and klik_datum <= (einde or vandaag)
        nieuw = rng.choice([c for c in consulenten if c is not cons and c is not tweede]) if geen_klik else None
        w.add(D, {"id": did, "aanmelding_id": aid, "geopend_op": geopend, "consulent_id": (nieuw or cons)["id"],
                  "tweede_consulent_id": tweede["id"] if tweede else None, "afgesloten_op": einde,
                  "afsluitreden": reden, "afsluit_toelichting": "", **ctx.stamp(einde or geopend, cons["naam"])})
        w.add(CW, {"id": ctx.uid(), "dossier_id": did, "rol": ConsulentRol.PRIMAIR.value, "van_id": None,
                   "naar_id": cons["id"], "datum": geopend, "reden": WijzigingsReden.TOEWIJZING.value,
                   "toelichting": "", **ctx.stamp(geopend)})
        if tweede:
            w.add(CW, {"id": ctx.uid(), "dossier_id": did, "rol": ConsulentRol.TWEEDE.value, "van_id": None,
                       "naar_id": tweede["id"], "datum": geopend, "reden": WijzigingsReden.TOEWIJZING.value,
                       "toelichting": "", **ctx.stamp(geopend)})
        if klik_datum <= (einde or vandaag):
            w.add(K, {"id": ctx.uid(), "dossier_id": did, "medewerker_id": cons["id"], "datum": klik_datum,
                      "resultaat": (KlikResultaat.GEEN_KLIK if geen_klik else KlikResultaat.KLIK).value,
                      "toelichting": "Jongere voelt zich niet begrepen." if geen_klik else "",
                      **ctx.stamp(klik_datum, cons["naam"])})
        if geen_klik:
            w.add(CW, {"id": ctx.uid(), "dossier_id": did, "rol": ConsulentRol.PRIMAIR.value, "van_id": cons["id"],
                       "naar_id": nieuw["id"], "datum": klik_datum, "reden": WijzigingsReden.GEEN_KLIK.value,
                       "toelichting": "Geen klik na kennismaking.", **ctx.stamp(klik_datum)})
        laatste = einde or vandaag
        span = (laatste - geopend).days
        for _ in range(max(1, min(15, 2 + span // 21 + rng.randrange(-1, 3)))):
            d = geopend + timedelta(days=rng.randrange(span + 1))
            w.add(C, {"id": ctx.uid(), "dossier_id": did, "medewerker_id": (nieuw or cons)["id"], "datum": d,
                      "type": ctx.pick(CONTACT_GEWICHT), "duur_minuten": rng.choice([15, 30, 45, 60, 60, 90, 120]),
                      "notitie": rng.choice(CONTACT_NOTITIES), "deleted_at": None, **ctx.stamp(d, cons["naam"])})
    w.flush()
    ctx.stats.update(dossiers=len(cases), actief=n_actief)
