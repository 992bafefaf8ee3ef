"""A realistic, reproducible demo data set, bulk-inserted with SQLAlchemy Core.

Same seed and `vandaag` give the same rows, ids and timestamps included: every random
choice comes from one seeded `random.Random` (Faker, seeded too, only fills name pools
once), UUIDs are drawn from it and timestamps derive from the generated dates, never
from the clock. Scales to 100,000 jeugdigen: rows are plain dicts inserted in batches
(executemany) in one transaction, never ORM objects.

The story the data tells (history of `HISTORY_YEARS` up to `vandaag`):
- a team of jeugdconsulenten (FTE 0.5-1.0) with a teamleider and a functioneel beheerder,
  past absences and one or two consulenten absent today;
- gezinnen with parents/carers (gezag), siblings, addresses in a dozen wijken, ~30 schools;
- aanmeldingen on working days, busier in recent years and after the summer, some
  jeugdigen returning years later; ~72 % via external referrers;
- triage within 0-15 working days, ~5 % revised; the newest aanmeldingen still undecided;
- JET outcomes wait for a consulent (wait times vary with busy periods); those still
  waiting on `vandaag` form the wachtlijst (about 1-2 % of aanmeldingen);
- dossiers with klikgesprek, consulent changes (geen klik, absence, herverdeling),
  contactmomenten, and closing dates chosen so the active caseload on `vandaag` is
  about the team's capacity (FTE x caseload norm);
- care in the dossiers (`_zorg`): an ondersteuningsplan with Verklarende Analyse for most
  active and many closed dossiers; toewijzingen for most specialistische_jeugdhulp dossiers
  and ~15 % of zelf_oppakken ones (mostly ambulant, cost by category, intensiteit and length,
  ~8 % DVO maatwerk), with step-ups within 180 days and stapeling (two at once, or one
  following another within weeks). These draw from their own seeded stream (`self.zrng`), so
  adding them left the rest of the data set as it was.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from faker import Faker
from sqlalchemy import func, select

from jet_desktop.codelists import intensiteiten, verwijzer_routes
from jet_desktop.demo import teksten as tx
from jet_desktop.demo.keuze import Keuze
from jet_desktop.domain.caseload import capaciteit
from jet_desktop.domain.dates import add_months, full_years
from jet_desktop.domain.enums import (
    JET_UITKOMSTEN,
    ConsulentRol,
    HulpvraagCategorie,
    KlikResultaat,
    Rol,
    WijzigingsReden,
)
from jet_desktop.domain.gebruikersnaam import uit_naam
from jet_desktop.storage.migrations import ensure_schema
from jet_desktop.storage.models import (
    TABLES,
    Aanmelding,
    Afwezigheid,
    ConsulentWijziging,
    Contactmoment,
    Dossier,
    Gezin,
    Gezinslid,
    Jeugdige,
    Klikgesprek,
    Medewerker,
    Ondersteuningsplan,
    Toewijzing,
    Triagebesluit,
)

BATCH = 10_000
HISTORY_YEARS = 4
MIN_JEUGDIGEN = 50
MAX_JEUGDIGEN = 200_000  # ~2.2 million rows; more would take hours and gigabytes for nothing a demo needs
WACHTLIJST_MIN_FRACTIE = 0.010  # the wachtlijst is at least this share of the aanmeldingen (and >= 5)
# longest mean dossier duration, as a multiple of the base (~150 days): small data sets stay realistic
MAX_DUUR_SCHAAL = 2.0

M, AF, G, GL, J = (Medewerker.__table__, Afwezigheid.__table__, Gezin.__table__, Gezinslid.__table__,
                   Jeugdige.__table__)
A, T, D = Aanmelding.__table__, Triagebesluit.__table__, Dossier.__table__
CW, K, C = ConsulentWijziging.__table__, Klikgesprek.__table__, Contactmoment.__table__
OP, TW = Ondersteuningsplan.__table__, Toewijzing.__table__

_LABELS = {"medewerker": "Medewerkers", "afwezigheid": "Afwezigheden", "gezin": "Gezinnen",
           "gezinslid": "Ouders en verzorgers", "jeugdige": "Jeugdigen", "aanmelding": "Aanmeldingen",
           "triagebesluit": "Triagebesluiten", "dossier": "Dossiers", "consulentwijziging": "Consulentwisselingen",
           "klikgesprek": "Klikgesprekken", "contactmoment": "Contactmomenten",
           "ondersteuningsplan": "Ondersteuningsplannen", "toewijzing": "Toewijzingen"}
_UTC = timezone.utc
_KANTOORTIJDEN = [time(h, m, tzinfo=_UTC) for h in range(7, 16) for m in range(60)]  # UTC: 08-17 h in NL
_VROEG = [time(6, m, tzinfo=_UTC) for m in range(60)]  # for rows dated `vandaag`: before the working day


# ---------------------------------------------------------------------------------------------- helpers


def _bsn(rng: random.Random, used: set) -> str:
    """A fresh nine-digit number that passes the eleven-test (weights 9..2 and -1)."""
    while True:
        digits = [rng.randrange(1, 7)] + [rng.randrange(10) for _ in range(7)]
        last = sum((9 - i) * d for i, d in enumerate(digits)) % 11
        if last <= 9:
            bsn = "".join(map(str, digits)) + str(last)
            if bsn not in used:
                used.add(bsn)
                return bsn


def _split_achternaam(naam: str) -> tuple[str, str]:
    """'van der Ploeg' -> ('van der', 'Ploeg'): Faker writes the tussenvoegsel in the surname."""
    for t in ("van der ", "van den ", "van de ", "van 't ", "in 't ", "van ", "de ", "den ", "der ", "ter ", "te ",
              "'t "):
        if naam.startswith(t):
            return t.strip(), naam[len(t):]
    return "", naam


def _hoofdletter(naam: str) -> str:
    """Surname without a first name: the tussenvoegsel gets a capital ('Gezin Van der Ploeg')."""
    return naam[:1].upper() + naam[1:]


@dataclass(slots=True, eq=False)  # compared and hashed by identity
class _Persoon:
    id: uuid.UUID
    naam: str
    fte: float = 1.0
    gewicht: float = 1.0
    capaciteit: int = 0
    actief: int = 0  # active dossiers on `vandaag`, while generating
    afwezig: list = field(default_factory=list)  # [(van, tot)]

    def afwezig_op(self, d: date) -> bool:
        for van, tot in self.afwezig:
            if van <= d <= tot:
                return True
        return False


@dataclass(slots=True)
class _Plan:
    """One aanmelding to be: who, when, and what the jeugdige brings."""

    datum: date
    volgorde: float
    jeugdige_id: uuid.UUID
    voornaam: str
    geboren: date | None
    uitgerekend: date | None
    school: str
    wijk: str
    huisarts: str
    volgende: date | None = None  # the same jeugdige's next aanmelding


@dataclass(slots=True)
class _Besluit:
    """The triage outcome of a plan, decided before any row is written (so the wachtlijst can be sized)."""

    plan: _Plan
    uitkomst: str | None = None  # None: still waiting for triage
    urgentie: str = ""
    signalen: bool = False
    besloten: date | None = None
    door: _Persoon | None = None
    eerder: tuple | None = None  # (uitkomst, besloten_op) of a revised first decision
    beoogd: _Persoon | None = None
    geopend: date | None = None  # start with a consulent; None (JET outcome) = on the wachtlijst
    aanmelding_id: uuid.UUID | None = None


class _Writer:
    """Buffers rows per table and inserts them in batches, always all tables in foreign-key order."""

    def __init__(self, conn, progress, total_hint: int):
        self.conn, self.progress, self.total = conn, progress, total_hint
        self.buffers: dict = {}
        self.done = 0
        self.counts: dict[str, int] = {}

    def add(self, table, row: dict) -> None:
        buf = self.buffers.get(table)
        if buf is None:
            buf = self.buffers[table] = []
        buf.append(row)
        if len(buf) >= BATCH:
            self.flush()

    def flush(self) -> None:
        # a child row is only ever added after its parent, so flushing parents first keeps every reference valid
        for t in TABLES:
            rows = self.buffers.get(t)
            if rows:
                self.conn.execute(t.insert(), rows)
                self.counts[t.name] = self.counts.get(t.name, 0) + len(rows)
                self.done += len(rows)
                self.buffers[t] = []
                self.report(_LABELS.get(t.name, t.name))

    def report(self, label: str) -> None:
        self.total = max(self.total, self.done)
        if self.progress:
            self.progress(self.done, self.total, label)


# -------------------------------------------------------------------------------------------- the entry

class DemoGeweigerd(ValueError):
    """No demo data written (Dutch message): a size out of bounds, or a store that is not empty or not JET's."""


def generate(url: str, jeugdigen: int = 2000, seed: int = 1, progress=None, vandaag: date | None = None) -> str:
    """Fill an empty store with demo data; returns a one-paragraph Dutch summary.

    `progress(done, total, label)` is called after every batch. Refuses (DemoGeweigerd, nothing
    written) a size outside MIN_JEUGDIGEN..MAX_JEUGDIGEN, a store that already holds aanmeldingen
    (demo data never mixes with real data), and a database that holds tables but is no JET store
    (it is never migrated and filled). A file that does not open raises WachtwoordzinFout.
    """
    if not MIN_JEUGDIGEN <= jeugdigen <= MAX_JEUGDIGEN:
        from jet_desktop.notatie import getal

        raise DemoGeweigerd(f"Demogegevens: kies tussen {MIN_JEUGDIGEN} en {getal(MAX_JEUGDIGEN)} jeugdigen "
                            f"(niet {getal(jeugdigen)}).")
    vandaag = vandaag or date.today()
    from jet_desktop.storage.herkenning import vreemde_tabellen
    from jet_desktop.storage.store import Store

    if vreemde_tabellen(url):  # a wrong key or a non-database file: WachtwoordzinFout; the file is left as it was
        raise DemoGeweigerd("Deze database is geen JET-gegevensset (er staan andere tabellen in); er zijn geen "
                            "demogegevens geladen en er is niets gewijzigd. Kies een nieuw bestand.")
    engine = Store.open(url, migrate=False).engine
    try:
        ensure_schema(engine)
        with engine.connect() as conn:
            if conn.execute(select(func.count()).select_from(A)).scalar_one():
                raise DemoGeweigerd("Deze gegevensset bevat al aanmeldingen; demogegevens worden alleen in een lege "
                                    "gegevensset geladen, zodat ze nooit met echte gegevens vermengen.")
        from jet_desktop.services import settings  # the team's own caseload norm, if it set one

        norm = settings.caseload_norm(Store(engine, "demo"))
        gen = _Generator(seed, vandaag, jeugdigen, norm)
        with engine.begin() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:  # a big page cache: the random UUID keys make index inserts jump around the file
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
            w = _Writer(conn, progress, total_hint=jeugdigen * 10)
            gen.run(w)
            if sqlite:
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
        w.report("Klaar")
        return gen.samenvatting(w)
    finally:
        engine.dispose()


class _Generator:
    def __init__(self, seed: int, vandaag: date, jeugdigen: int, caseload_norm: float):
        self.rng = random.Random(seed)
        self.zrng = random.Random(f"zorg-{seed}")  # care in the dossiers: its own stream (module docstring)
        self.vandaag = vandaag
        self.jeugdigen = jeugdigen
        self.norm = caseload_norm
        self.start = self._werkdag(add_months(vandaag, -12 * HISTORY_YEARS))
        self.stats: dict = {}
        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        self.fake = fake
        self.pool_m = sorted({fake.first_name_male() for _ in range(1500)})
        self.pool_v = sorted({fake.first_name_female() for _ in range(1500)})
        self.pool_achternaam = sorted({fake.last_name() for _ in range(3000)})
        rng = self.rng
        straten = sorted({f"{s}{rng.choice(tx.STRAAT_SUFFIX)}" for s in tx.STRAAT_STAM})
        rng.shuffle(straten)
        # every wijk its own streets
        self.wijken = [(naam, plaats, pc, straten[i::len(tx.WIJKEN)]) for i, (naam, plaats, pc, _w)
                       in enumerate(tx.WIJKEN)]
        self.kies_wijk = Keuze({i: w for i, (_n, _p, _pc, w) in enumerate(tx.WIJKEN)})
        n_praktijken = max(12, min(40, jeugdigen // 2500 + 12))
        self.huisartsen = [f"Huisartsenpraktijk {_hoofdletter(n)}" for n in rng.sample(self.pool_achternaam,
                                                                                       n_praktijken - 4)]
        self.huisartsen += [f"Gezondheidscentrum {w[0]}" for w in rng.sample(self.wijken, 4)]
        self.kies_route = Keuze({r.route: tx.VERWIJZER_GEWICHT.get(r.route, 1) for r in verwijzer_routes()})
        self.kies_uitkomst = Keuze(tx.UITKOMST_GEWICHT)
        self.kies_regie = Keuze(tx.REGIE_GEWICHT)
        self.kies_contact = Keuze(tx.CONTACT_GEWICHT)
        self.kies_categorie = {k: Keuze(v) for k, v in tx.CATEGORIE_GEWICHT.items()}
        self.kies_afsluit = {k: Keuze(v) for k, v in tx.AFSLUIT_GEWICHT.items()}
        self.kies_afwezig = Keuze(tx.AFWEZIGHEID_REDEN)
        # triage within 0-15 working days, most within the norm of 5
        self.kies_triagedagen = Keuze(dict(enumerate([9, 14, 16, 14, 12, 10, 6, 5, 4, 3, 2, 1.5, 1, 0.8, 0.5, 0.4])))
        self.kies_tw_categorie = {k: Keuze(v) for k, v in tx.TOEWIJZING_CATEGORIE.items()}
        self.kies_tw_intensiteit = {k: Keuze(v) for k, v in tx.INTENSITEIT_PER_CATEGORIE.items()}
        self.niveau = {i.code: i.niveau for i in intensiteiten()}

    # ---- small tools

    def uid(self, rng: random.Random | None = None) -> uuid.UUID:
        return uuid.UUID(int=(rng or self.rng).getrandbits(128), version=4)

    def _ts(self, d: date, rng: random.Random | None = None) -> datetime:
        rng = rng or self.rng
        if d >= self.vandaag:
            return datetime.combine(self.vandaag, _VROEG[int(rng.random() * 60)])
        return datetime.combine(d, _KANTOORTIJDEN[int(rng.random() * 540)])

    def stamp(self, d: date, who: str = "demo", bijgewerkt: date | None = None,
              rng: random.Random | None = None) -> dict:
        created = self._ts(d, rng)
        updated = created if bijgewerkt is None or bijgewerkt <= d else self._ts(bijgewerkt, rng)
        return {"version": 1, "created_at": created, "updated_at": updated, "updated_by": who}

    @staticmethod
    def _werkdag(d: date) -> date:
        """The working day on or after d."""
        wd = d.weekday()
        return d + timedelta(days=7 - wd) if wd >= 5 else d

    @staticmethod
    def _werkdag_terug(d: date) -> date:
        wd = d.weekday()
        return d - timedelta(days=wd - 4) if wd >= 5 else d

    @staticmethod
    def _plus_werkdagen(d: date, n: int) -> date:
        while d.weekday() >= 5:
            d += timedelta(days=1)
        weeks, rest = divmod(n, 5)
        d += timedelta(weeks=weeks)
        for _ in range(rest):
            d += timedelta(days=3 if d.weekday() == 4 else 1)
        return d

    def naam(self, geslacht: str | None = None) -> str:
        pool = self.pool_v if (geslacht or self.rng.choice("mv")) == "v" else self.pool_m
        return f"{self.rng.choice(pool)} {self.rng.choice(self.pool_achternaam)}"

    def run(self, w: _Writer) -> None:
        team = self._team(w)
        plans = self._gezinnen(w)
        besluiten = self._triage(plans, team)
        self._schrijf_aanmeldingen(w, besluiten)
        self._dossiers(w, team, [b for b in besluiten if b.geopend is not None])
        w.flush()

    # ---- the team

    def _team(self, w: _Writer) -> dict:
        rng, vandaag = self.rng, self.vandaag
        n = max(8, min(30, round(self.jeugdigen / 100)))
        begin = self.start - timedelta(days=rng.randrange(30, 400))
        namen: set = set()

        def uniek() -> str:
            while True:
                naam = self.naam()
                if naam not in namen:
                    namen.add(naam)
                    return naam

        consulenten = []
        for _ in range(n):
            c = _Persoon(self.uid(), uniek(), fte=rng.choice([0.5, 0.6, 0.67, 0.72, 0.8, 0.8, 0.89, 0.9, 1.0, 1.0]))
            c.gewicht = c.fte * rng.uniform(0.85, 1.2)  # some take a little more than their share
            c.capaciteit = capaciteit(c.fte, self.norm)
            consulenten.append(c)
        leiders = [_Persoon(self.uid(), uniek()) for _ in range(1 if n < 20 else 2)]
        beheerder = _Persoon(self.uid(), uniek())
        bezet = set(w.conn.execute(select(M.c.gebruikersnaam).where(M.c.gebruikersnaam.is_not(None))).scalars())
        for p, rol in ([(c, Rol.CONSULENT) for c in consulenten] + [(t, Rol.TEAMLEIDER) for t in leiders]
                       + [(beheerder, Rol.BEHEERDER)]):
            w.add(M, {"id": p.id, "naam": p.naam, "rol": rol.value, "fte": p.fte, "actief": True, "deleted_at": None,
                      "gebruikersnaam": uit_naam(p.naam, bezet), "wachtwoord_hash": "",
                      **self.stamp(begin, "demo")})
        # absent today: one or two consulenten, since a few days, for a few more weeks
        nu_afwezig = rng.sample(consulenten, 2 if n >= 12 else 1)
        for c in nu_afwezig:
            van = self._werkdag_terug(vandaag - timedelta(days=rng.randrange(1, 15)))
            tot = vandaag + timedelta(days=rng.randrange(7, 50))
            c.afwezig.append((van, tot))
        # past absences, never overlapping
        dagen = (vandaag - self.start).days
        for c in consulenten:
            for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
                reden = self.kies_afwezig(rng)
                lengte = {"Ziekte": rng.randrange(2, 15), "Verlof": rng.randrange(5, 22),
                          "Studieverlof": rng.randrange(1, 5), "Zwangerschapsverlof": 112,
                          "Langdurig ziek": rng.randrange(40, 150)}[reden]
                if dagen <= lengte + 60:
                    continue
                van = self._werkdag(self.start + timedelta(days=rng.randrange(dagen - lengte - 30)))
                tot = van + timedelta(days=lengte - 1)
                if tot >= vandaag or any(v <= tot and van <= t for v, t in c.afwezig):
                    continue
                c.afwezig.append((van, tot))
                self._afwezigheid(w, c, van, tot, reden)
        for c in nu_afwezig:
            van, tot = c.afwezig[0]
            self._afwezigheid(w, c, van, tot, rng.choice(["Ziekte", "Ziekte", "Langdurig ziek"]))
        for c in consulenten:
            c.afwezig.sort()
        cap = sum(c.capaciteit for c in consulenten)
        self.stats.update(consulenten=n, teamleiders=len(leiders), capaciteit=cap,
                          nu_afwezig=len(nu_afwezig))
        return {"consulenten": consulenten, "leiders": leiders, "capaciteit": cap,
                "kies": Keuze({i: c.gewicht for i, c in enumerate(consulenten)})}

    def _afwezigheid(self, w, c: _Persoon, van: date, tot: date, reden: str) -> None:
        w.add(AF, {"id": self.uid(), "medewerker_id": c.id, "van": van, "tot": tot, "reden": reden,
                   "deleted_at": None, **self.stamp(van - timedelta(days=self.rng.randrange(0, 3)), c.naam)})

    # ---- gezinnen, ouders, jeugdigen

    def _dag_keuze(self) -> Keuze:
        """Aanmelddatum: working days, busier in recent years and after the summer, quiet in the holidays."""
        seizoen = {1: 1.05, 2: 1.05, 3: 1.1, 4: 0.95, 5: 1.0, 6: 1.0, 7: 0.6, 8: 0.55, 9: 1.2, 10: 1.15, 11: 1.15,
                   12: 0.8}
        totaal = (self.vandaag - self.start).days or 1
        gewichten = {}
        d = self.start
        while d <= self.vandaag:
            if d.weekday() < 5:
                trend = 0.8 + 0.45 * (d - self.start).days / totaal
                kerst = 0.3 if (d.month == 12 and d.day >= 24) or (d.month == 1 and d.day == 1) else 1.0
                gewichten[d] = trend * seizoen[d.month] * kerst
            d += timedelta(days=1)
        return Keuze(gewichten)

    def _gezinnen(self, w: _Writer) -> list[_Plan]:
        rng, vandaag = self.rng, self.vandaag
        kies_dag = self._dag_keuze()
        leeftijd = Keuze(dict(enumerate([3, 3, 4, 4, 5, 6, 7, 8, 8, 8, 8, 8, 9, 9, 9, 8, 7, 5, 2.5, 1.5, 1, 0.7,
                                          0.5, 0.4])))
        used_bsn: set = set()
        plans: list[_Plan] = []
        n_kinderen = n_gezinnen = n_ouders = 0
        while n_kinderen < self.jeugdigen:
            gezin_id = self.uid()
            wijk, plaats, pc4, straten = self.wijken[self.kies_wijk(rng)]
            adres = f"{rng.choice(straten)} {rng.randrange(1, 160)}{rng.choice(['', '', '', '', 'a', '-2'])}"
            postcode = f"{pc4 + rng.randrange(3)} {rng.choice('ABCDEGHJKLMNPRSTVWX')}{rng.choice('ABCDEGHJKLNPRSTVXZ')}"
            huisarts = rng.choice(self.huisartsen)
            eerste = kies_dag(rng)
            # parents and carers
            vader_naam = rng.choice(self.pool_achternaam)
            moeder_naam = vader_naam if rng.random() < 0.25 else rng.choice(self.pool_achternaam)
            vorm = rng.random()
            if vorm < 0.60:
                ouders = [(f"{rng.choice(self.pool_v)} {moeder_naam}", "moeder", rng.random() < 0.97),
                          (f"{rng.choice(self.pool_m)} {vader_naam}", "vader", rng.random() < 0.9)]
                kind_naam = vader_naam
            elif vorm < 0.86:  # single mother, the children mostly carry the father's name
                ouders = [(f"{rng.choice(self.pool_v)} {moeder_naam}", "moeder", True)]
                kind_naam = vader_naam if rng.random() < 0.6 else moeder_naam
            elif vorm < 0.91:
                ouders = [(f"{rng.choice(self.pool_m)} {vader_naam}", "vader", True)]
                kind_naam = vader_naam
            elif vorm < 0.93:
                ouders = [(f"{rng.choice(self.pool_v)} {moeder_naam}", "ouder", True),
                          (f"{rng.choice(self.pool_v)} {rng.choice(self.pool_achternaam)}", "ouder", rng.random() < 0.8)]
                kind_naam = moeder_naam
            elif vorm < 0.98:  # foster family; a GI holds gezag as voogd
                pleeg = rng.choice(self.pool_achternaam)
                ouders = [(f"{rng.choice(self.pool_v)} {pleeg}", "pleegouder", False),
                          (f"{rng.choice(self.pool_m)} {pleeg}", "pleegouder", False),
                          (f"{self.naam()} ({rng.choice(tx.VASTE_VERWIJZERS['gi'])})", "voogd", True)]
                kind_naam = vader_naam
            else:  # with grandparents
                ouders = [(f"{rng.choice(self.pool_v)} {moeder_naam}", "grootouder", False),
                          (f"{rng.choice(self.pool_v)} {rng.choice(self.pool_achternaam)}", "moeder", True)]
                kind_naam = moeder_naam
            tussen, kern = _split_achternaam(kind_naam)
            w.add(G, {"id": gezin_id, "naam": f"Gezin {_hoofdletter(kind_naam)}", **self.stamp(eerste)})
            n_gezinnen += 1
            for naam, relatie, gezag in ouders:
                telefoon = (f"088-{rng.randrange(1000000, 9999999)}" if relatie == "voogd"
                            else f"06-{rng.randrange(10000000, 99999999)}" if rng.random() < 0.95 else "")
                w.add(GL, {"id": self.uid(), "gezin_id": gezin_id, "naam": naam, "relatie": relatie, "gezag": gezag,
                           "telefoon": telefoon, "deleted_at": None, **self.stamp(eerste)})
                n_ouders += 1
            # children: ages a few years apart, siblings often referred together ("één gezin, één plan")
            aantal = rng.choices((1, 2, 3), weights=(68, 24, 8))[0]
            ouder_leeftijd = leeftijd(rng)
            voornamen: set = set()
            for k in range(aantal):
                if n_kinderen >= self.jeugdigen:
                    break
                if k == 0:
                    datum = eerste
                elif rng.random() < 0.65:
                    datum = eerste
                else:
                    datum = self._werkdag(eerste + timedelta(days=rng.randrange(1, 120)))
                    if datum > vandaag:
                        datum = eerste
                jaren = ouder_leeftijd - (0 if k == 0 else rng.randrange(1, 5) * k)
                if jaren < 0 and rng.random() < 0.85:  # no younger child yet (rarely: one on the way)
                    break
                ongeboren = jaren < 0 or rng.random() < 0.004
                if ongeboren and k == 0 and aantal > 1:  # an unborn child is the youngest
                    ongeboren = False
                if ongeboren:
                    geboren, uitgerekend = None, datum + timedelta(days=rng.randrange(20, 270))
                    uitgerekend = min(uitgerekend, add_months(datum, 9))
                    jaren = -1
                else:
                    geboren = datum - timedelta(days=jaren * 365 + rng.randrange(5, 360) + jaren // 4)
                    uitgerekend = None
                    jaren = full_years(geboren, datum)
                geslacht = "x" if rng.random() < 0.005 else rng.choice("mv")
                while True:
                    voornaam = rng.choice(self.pool_m if geslacht == "m" or (geslacht == "x" and rng.random() < .5)
                                          else self.pool_v)
                    if voornaam not in voornamen:
                        voornamen.add(voornaam)
                        break
                school = self._school(jaren)
                jid = self.uid()
                w.add(J, {"id": jid, "gezin_id": gezin_id, "voornaam": voornaam, "tussenvoegsel": tussen,
                          "achternaam": kern, "geboortedatum": geboren, "uitgerekende_datum": uitgerekend,
                          "bsn": _bsn(rng, used_bsn) if (geboren is not None and rng.random() < 0.86) else None,
                          "geslacht": geslacht, "adres": adres, "postcode": postcode, "woonplaats": plaats,
                          "wijk": wijk, "school": school, **self.stamp(datum)})
                n_kinderen += 1
                plan = _Plan(datum, rng.random(), jid, voornaam, geboren, uitgerekend, school, wijk, huisarts)
                plans.append(plan)
                # some return years later (the earlier case is closed by then)
                terug = datum
                while geboren is not None and rng.random() < (0.24 if terug is datum else 0.15):
                    terug = self._werkdag(terug + timedelta(days=rng.randrange(300, 1100)))
                    if terug > vandaag or full_years(geboren, terug) > 26:
                        break
                    plan.volgende = terug
                    plan = _Plan(terug, rng.random(), jid, voornaam, geboren, None,
                                 self._school(full_years(geboren, terug)) if rng.random() < 0.5 else school,
                                 wijk, huisarts)
                    plans.append(plan)
        self.stats.update(jeugdigen=n_kinderen, gezinnen=n_gezinnen, ouders=n_ouders)
        plans.sort(key=lambda p: (p.datum, p.volgorde))
        return plans

    def _school(self, jaren: int) -> str:
        rng = self.rng
        if jaren < 0:
            return ""
        if jaren < 4:
            return rng.choice(tx.KINDEROPVANG) if rng.random() < 0.4 else ""
        if jaren < 12:
            return rng.choice(tx.SPECIAAL_ONDERWIJS) if rng.random() < 0.06 else rng.choice(tx.BASISSCHOLEN)
        if jaren < 16:
            return rng.choice(tx.SPECIAAL_ONDERWIJS[1:]) if rng.random() < 0.05 else rng.choice(tx.VOORTGEZET)
        if jaren < 19:
            return rng.choice(tx.VOORTGEZET if rng.random() < 0.5 else tx.MBO)
        return rng.choice(tx.MBO) if rng.random() < 0.35 else ""

    # ---- triage and the wachtlijst

    def _triage(self, plans: list[_Plan], team: dict) -> list[_Besluit]:
        rng, vandaag = self.rng, self.vandaag
        consulenten, leiders = team["consulenten"], team["leiders"]
        n = len(plans)
        besluiten = [_Besluit(p) for p in plans]
        # the triage queue: a few dozen of the newest, mostly from the last days, some overdue
        k = max(8, min(48, round(4 * math.sqrt(n / 100))))
        kandidaten = [i for i in range(n) if (vandaag - plans[i].datum).days <= 21][-max(4 * k, 1):]
        if len(kandidaten) < k:
            kandidaten = list(range(max(0, n - 2 * k), n))
        sleutels = sorted(((rng.random() ** (1 + (vandaag - plans[i].datum).days / 2.5), i) for i in kandidaten),
                          reverse=True)
        open_triage = {i for _s, i in sleutels[:k]}
        totaal_dagen = (vandaag - self.start).days or 1
        piek = 0.4 * totaal_dagen  # a busy period in the past: longer waits then (visible in the trend)
        for i, b in enumerate(besluiten):
            p = b.plan
            b.aanmelding_id = self.uid()
            leeftijd = full_years(p.geboren, p.datum) if p.geboren else -1
            b.signalen = rng.random() < 0.10
            if i in open_triage:
                continue
            # outcome: safety signals push towards veiligheid, young adults towards ander domein
            u = self.kies_uitkomst(rng)
            if b.signalen and rng.random() < 0.3:
                u = "veiligheid"
            elif u == "veiligheid" and not b.signalen and rng.random() < 0.55:
                u = "zelf_oppakken"
            if leeftijd >= 18 and u in ("voorliggend_veld", "zelf_oppakken") and rng.random() < 0.35:
                u = "ander_domein"
            b.uitkomst = u
            r = rng.random()
            b.urgentie = ("spoed" if r < (0.2 if b.signalen else 0.035) else
                          "hoog" if r < (0.6 if b.signalen else 0.27) else "normaal")
            besloten = self._plus_werkdagen(p.datum, self.kies_triagedagen(rng))
            if b.urgentie == "spoed":
                besloten = self._plus_werkdagen(p.datum, rng.randrange(2))
            besloten = min(besloten, vandaag)
            b.door = rng.choice(leiders) if rng.random() < 0.2 else self._aanwezig(team, besloten)
            if rng.random() < 0.05:  # revised: the first decision stays as history
                herzien = self._plus_werkdagen(besloten, rng.randrange(2, 15))
                if herzien <= vandaag and (p.volgende is None or herzien < p.volgende):
                    b.eerder = (rng.choice([x for x in tx.UITKOMST_GEWICHT if x != u]), besloten)
                    besloten = herzien
            b.besloten = besloten
            if u not in JET_UITKOMSTEN:
                continue
            if rng.random() < 0.25:
                b.beoogd = consulenten[team["kies"](rng)]
            # waiting for a consulent: spoed within days, otherwise weeks (longer in busy periods), a few much longer
            if b.urgentie == "spoed":
                geopend = self._plus_werkdagen(besloten, rng.randrange(0, 5))
            else:
                t = (p.datum - self.start).days
                drukte = 1 + 0.8 * math.exp(-((t - piek) / 80) ** 2) + 0.15 * math.sin(t / 58)
                gemiddeld = 8 if b.urgentie == "hoog" else 16
                wacht = (4 if b.urgentie == "hoog" else 6) + rng.expovariate(1 / gemiddeld) * drukte
                if rng.random() < 0.03:
                    wacht += rng.uniform(45, 160)
                geopend = self._werkdag(besloten + timedelta(days=int(wacht)))
            if p.volgende is not None:  # the earlier case is finished well before the jeugdige returns
                geopend = max(besloten, min(geopend, self._werkdag_terug(p.volgende - timedelta(days=60))))
            b.geopend = geopend if geopend <= vandaag else None
        # a wachtlijst worth showing at any size: if too short, the newest starts have not happened yet
        wachtend = [b for b in besluiten if b.uitkomst in JET_UITKOMSTEN and b.geopend is None]
        minimum = max(5, round(WACHTLIJST_MIN_FRACTIE * n))
        if len(wachtend) < minimum:
            gestart = sorted((b for b in besluiten if b.geopend is not None and b.plan.volgende is None),
                             key=lambda b: (b.besloten, b.plan.volgorde), reverse=True)
            for b in gestart[:minimum - len(wachtend)]:
                b.geopend = None
        # and a spoed aanmelding waiting, since spoed never waits silently (the demo should show it)
        if not any(b.urgentie == "spoed" and b.geopend is None for b in besluiten if b.uitkomst in JET_UITKOMSTEN):
            spoed = [b for b in besluiten if b.uitkomst in JET_UITKOMSTEN and b.urgentie == "spoed"
                     and b.plan.volgende is None]
            if spoed:
                spoed[-1].geopend = None
        return besluiten

    def _aanwezig(self, team: dict, d: date) -> _Persoon:
        consulenten, kies = team["consulenten"], team["kies"]
        for _ in range(20):
            c = consulenten[kies(self.rng)]
            if not c.afwezig_op(d):
                return c
        return c

    def _schrijf_aanmeldingen(self, w: _Writer, besluiten: list[_Besluit]) -> None:
        rng = self.rng
        volgnummer: dict[int, int] = {}
        categorieen = [c.value for c in HulpvraagCategorie]
        stats = {"triage": 0, "wachtlijst": 0, "herzien": 0, "extern": 0}
        extern = {r.route for r in verwijzer_routes() if r.extern}
        for b in besluiten:
            p = b.plan
            jaar = p.datum.year
            volgnummer[jaar] = volgnummer.get(jaar, 0) + 1
            route = self.kies_route(rng)
            stats["extern"] += route in extern
            organisatie = self._verwijzer(route, p)
            contactpersoon = self.naam() if organisatie and rng.random() < 0.9 else ""
            leeftijd = full_years(p.geboren, p.datum) if p.geboren else -1
            if p.geboren is None:
                cats = rng.sample(["opvoeding", "bestaanszekerheid", "onveiligheid"], rng.choice([1, 1, 2]))
                hulpvraag = " ".join(rng.sample(tx.ONGEBOREN_HULPVRAAG, len(cats)))
            else:
                groep = "jong" if leeftijd < 4 else "school" if leeftijd < 18 else "volwassen"
                cats = []
                for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                    c = self.kies_categorie[groep](rng)
                    if c not in cats:
                        cats.append(c)
                if b.signalen and "onveiligheid" not in cats and rng.random() < 0.5:
                    cats.append("onveiligheid")
                hulpvraag = " ".join(rng.choice(tx.HULPVRAAG[c]).format(v=p.voornaam) for c in cats)
            cats.sort(key=categorieen.index)
            steun = rng.random() < 0.3
            laatste = b.geopend or b.besloten or p.datum
            wacht = b.uitkomst in JET_UITKOMSTEN and b.geopend is None
            stats["wachtlijst"] += wacht
            # ids first: adding a row may flush the batch, so a buffered row is never changed afterwards
            vorig = self.uid() if b.eerder else None
            bid = self.uid() if b.uitkomst else None
            w.add(A, {
                "id": b.aanmelding_id, "dossiernummer": f"{jaar}-{volgnummer[jaar]:05d}", "jeugdige_id": p.jeugdige_id,
                "aanmelddatum": p.datum, "verwijzer_route": route, "verwijzer_organisatie": organisatie,
                "verwijzer_contactpersoon": contactpersoon, "hulpvraag": hulpvraag,
                "hulpvraag_categorieen": ",".join(cats),
                "veiligheidssignalen": " ".join(rng.sample(tx.VEILIGHEIDSSIGNALEN, rng.choice([1, 1, 2])))
                if b.signalen else "",
                "regie": self.kies_regie(rng),
                "steunfiguur_naam": self.naam() if steun else "",
                "steunfiguur_relatie": rng.choice(tx.STEUNFIGUUR_RELATIE) if steun else "",
                "huidig_besluit_id": bid, "op_wachtlijst": wacht,
                "deleted_at": None, **self.stamp(p.datum, "demo", laatste)})
            if b.uitkomst is None:
                stats["triage"] += 1
                continue
            if b.eerder:  # the first decision stays as history; the revision points at it
                uitkomst, datum = b.eerder
                w.add(T, self._besluit_rij(vorig, b, uitkomst, datum, None))
                stats["herzien"] += 1
            w.add(T, self._besluit_rij(bid, b, b.uitkomst, b.besloten, vorig))
        self.stats.update(aanmeldingen=len(besluiten), **stats)

    def _besluit_rij(self, bid, b: _Besluit, uitkomst: str, datum: date, vorig) -> dict:
        rng = self.rng
        org = rng.choice(tx.ORGANISATIES[uitkomst]) if uitkomst in tx.ORGANISATIES else ""
        motivering = rng.choice(tx.MOTIVERING[uitkomst])
        if vorig is not None:
            motivering += " Besluit herzien na nieuwe informatie."
        return {"id": bid, "aanmelding_id": b.aanmelding_id, "besloten_op": datum, "besloten_door_id": b.door.id,
                "uitkomst": uitkomst, "urgentie": b.urgentie, "motivering": motivering, "organisatie": org,
                "beoogd_consulent_id": b.beoogd.id if b.beoogd and uitkomst in JET_UITKOMSTEN else None,
                "vorig_besluit_id": vorig, **self.stamp(datum, b.door.naam)}

    def _verwijzer(self, route: str, p: _Plan) -> str:
        rng = self.rng
        if route in ("huisarts", "zorgdomein", "poh_jeugd"):
            return p.huisarts if rng.random() < 0.85 else rng.choice(self.huisartsen)
        if route == "school":
            return p.school or rng.choice(tx.BASISSCHOLEN + tx.VOORTGEZET)
        if route == "amaryllis":
            return f"Amaryllis, team {p.wijk}"
        return rng.choice(tx.VASTE_VERWIJZERS.get(route, [""]))

    # ---- dossiers and what happens in them

    def _dossiers(self, w: _Writer, team: dict, gestart: list[_Besluit]) -> None:
        rng, vandaag = self.rng, self.vandaag
        consulenten = team["consulenten"]
        # a natural length per dossier; one time scale for all, chosen so that the dossiers still open
        # on `vandaag` are about the team's capacity (the active caseload)
        basis = [rng.lognormvariate(math.log(150 if b.uitkomst == "zelf_oppakken" else 110), 0.5) for b in gestart]
        doel = round(team["capaciteit"] * rng.uniform(0.93, 1.07))
        verhoudingen = sorted((vandaag - b.geopend).days / d for b, d in zip(gestart, basis)
                              if b.plan.volgende is None)
        schaal = min(MAX_DUUR_SCHAAL, verhoudingen[doel]) if doel < len(verhoudingen) else MAX_DUUR_SCHAAL
        duren = [max(1.0, schaal * d) for d in basis]
        # re-estimate the work for the progress bar
        w.total = w.done + sum(len(rows) for rows in w.buffers.values()) + round(
            len(gestart) * 3.5 + sum(min(15, 2 + int(d) // 18) for d in duren))
        actief = contacten = wissels = geen_klik = 0
        for b, duur in zip(gestart, duren):
            p, geopend = b.plan, b.geopend
            einde = geopend + timedelta(days=int(duur))
            if p.volgende is not None:
                einde = min(einde, self._werkdag_terug(p.volgende - timedelta(days=30)))
            if p.volgende is None and (vandaag - geopend).days < duur:  # still open on `vandaag`
                einde = None
                actief += 1
            else:
                einde = max(geopend, self._werkdag_terug(einde))
            eind = einde or vandaag
            did = self.uid()
            # primary consulent: the intended one if there, else someone present (weighted by FTE; for
            # the dossiers still open today, by room left, so the caseload ends up near capacity)
            if b.beoogd and rng.random() < 0.8 and not b.beoogd.afwezig_op(geopend):
                cons = b.beoogd
            elif einde is None:
                cons = self._met_ruimte(team, geopend)
            else:
                cons = self._aanwezig(team, geopend)
            tweede = None
            if rng.random() < 0.4:
                tweede = rng.choice([c for c in consulenten if c is not cons])
            wijzigingen = [(geopend, ConsulentRol.PRIMAIR, None, cons, WijzigingsReden.TOEWIJZING, "")]
            if tweede:
                wijzigingen.append((geopend, ConsulentRol.TWEEDE, None, tweede, WijzigingsReden.TOEWIJZING, ""))
            segmenten = [(geopend, cons)]  # who is primary from when
            # klikgesprek, usually within two weeks
            klik = None
            if rng.random() < 0.97:
                klik = self._werkdag(geopend + timedelta(days=rng.randrange(0, 15)))
                if klik > eind:
                    klik = geopend
                geen = rng.random() < 0.05
                w.add(K, {"id": self.uid(), "dossier_id": did, "medewerker_id": cons.id, "datum": klik,
                          "resultaat": (KlikResultaat.GEEN_KLIK if geen else KlikResultaat.KLIK).value,
                          "toelichting": rng.choice(["Jongere voelt zich niet gehoord.", "Ouders willen een ander.",
                                                     "Geen vertrouwen opgebouwd."]) if geen else "",
                          **self.stamp(klik, cons.naam)})
                if geen:
                    geen_klik += 1
                    nieuw = self._ander(team, klik, cons, tweede)
                    wijzigingen.append((klik, ConsulentRol.PRIMAIR, cons, nieuw, WijzigingsReden.GEEN_KLIK,
                                        "Geen klik na kennismaking."))
                    segmenten.append((klik, nieuw))
                    cons = nieuw
            # a past absence of the consulent during the dossier: the teamleider reassigned it
            start_na = klik or geopend
            for van, tot in cons.afwezig:
                if start_na < van <= eind and tot < vandaag and (tot - van).days >= 10 and rng.random() < 0.6:
                    nieuw = self._ander(team, van, cons, tweede)
                    wijzigingen.append((van, ConsulentRol.PRIMAIR, cons, nieuw, WijzigingsReden.AFWEZIGHEID,
                                        f"Afwezigheid van {cons.naam}."))
                    segmenten.append((van, nieuw))
                    cons = nieuw
                    break
            span = (eind - geopend).days
            if span > 40 and rng.random() < 0.03:
                datum = self._werkdag_terug(geopend + timedelta(days=rng.randrange(21, span)))
                if datum > segmenten[-1][0]:
                    nieuw = self._ander(team, datum, cons, tweede)
                    wijzigingen.append((datum, ConsulentRol.PRIMAIR, cons, nieuw, WijzigingsReden.HERVERDELING,
                                        "Herverdeling caseload."))
                    segmenten.append((datum, nieuw))
                    cons = nieuw
            if tweede and span > 40 and rng.random() < 0.04:
                datum = self._werkdag_terug(geopend + timedelta(days=rng.randrange(14, span)))
                nieuw_tweede = rng.choice([c for c in consulenten if c is not cons and c is not tweede])
                wijzigingen.append((max(datum, geopend), ConsulentRol.TWEEDE, tweede, nieuw_tweede,
                                    WijzigingsReden.TWEEDE, ""))
                tweede = nieuw_tweede
            # contactmomenten: kennismaking first, afsluiting last, the rest spread over the open period
            aantal = max(2, min(15, 2 + span // 18 + rng.randrange(-1, 2)))
            dagen = [geopend]
            if einde is not None:
                dagen.append(einde)
            while len(dagen) < aantal:
                dagen.append(self._werkdag_terug(geopend + timedelta(days=rng.randrange(span + 1))))
            dagen = sorted(max(d, geopend) for d in dagen)
            laatste = max(dagen[-1], wijzigingen[-1][0], klik or geopend, einde or geopend)
            reden = self.kies_afsluit[b.uitkomst](rng) if einde else ""
            w.add(D, {"id": did, "aanmelding_id": b.aanmelding_id, "geopend_op": geopend, "consulent_id": cons.id,
                      "tweede_consulent_id": tweede.id if tweede else None, "afgesloten_op": einde,
                      "afsluitreden": reden,
                      "afsluit_toelichting": rng.choice(tx.AFSLUIT_TOELICHTING[reden]) if einde else "",
                      **self.stamp(geopend, cons.naam, laatste)})
            for datum, rol, van, naar, reden, toelichting in wijzigingen:
                w.add(CW, {"id": self.uid(), "dossier_id": did, "rol": rol.value, "van_id": van.id if van else None,
                           "naar_id": naar.id, "datum": datum, "reden": reden.value, "toelichting": toelichting,
                           **self.stamp(datum, "demo" if reden is WijzigingsReden.TOEWIJZING else naar.naam)})
            wissels += len(wijzigingen)
            if einde is None:
                cons.actief += 1
            self._zorg(w, b, did, geopend, einde, cons.naam)
            s = 0
            for j, d in enumerate(dagen):
                while s + 1 < len(segmenten) and segmenten[s + 1][0] <= d:
                    s += 1
                wie = segmenten[s][1]
                if j == 0:
                    soort, notitie = "huisbezoek", tx.KENNISMAKING.format(v=p.voornaam)
                elif einde is not None and j == len(dagen) - 1:
                    soort, notitie = rng.choice(["huisbezoek", "kantoor", "telefonisch"]), tx.AFSLUITING
                else:
                    soort = self.kies_contact(rng)
                    notitie = rng.choice(tx.CONTACT_NOTITIE[soort]).format(v=p.voornaam)
                w.add(C, {"id": self.uid(), "dossier_id": did, "medewerker_id": wie.id, "datum": d, "type": soort,
                          "duur_minuten": rng.choice(tx.CONTACT_DUUR[soort]), "notitie": notitie, "deleted_at": None,
                          **self.stamp(d, wie.naam)})
            contacten += len(dagen)
        self.stats.update(dossiers=len(gestart), actief=actief, contactmomenten=contacten, wisselingen=wissels,
                          geen_klik=geen_klik, duur_schaal=schaal)

    # ---- care in the dossier: ondersteuningsplan and toewijzingen (own stream: self.zrng)

    def _zorg(self, w: _Writer, b: _Besluit, did: uuid.UUID, geopend: date, einde: date | None, wie: str) -> None:
        rng, vandaag = self.zrng, self.vandaag
        # nothing is registered in a closed dossier, nor after today; care arranged before the dossier closes
        # may start after it (JET hands over: the dossiers of a big data set are short, see `_dossiers`)
        grens = einde or vandaag
        v = b.plan.voornaam
        s = self.stats.setdefault("zorg", {"plannen": 0, "toewijzingen": 0, "dvo": 0, "jeugdigen": 0,
                                           "opschaling": 0, "samen": 0, "na_elkaar": 0})
        if rng.random() < (0.85 if einde is None else 0.6):
            if einde is None:
                vastgesteld = self._werkdag(geopend + timedelta(days=rng.randrange(7, 36)))
            else:  # settled before closing
                span = (einde - geopend).days
                vastgesteld = geopend + timedelta(days=rng.randrange(min(7, span), min(36, span) + 1))
            concept = vastgesteld > grens  # too new to be settled: a draft with the analysis so far
            w.add(OP, {"id": self.uid(rng), "dossier_id": did,
                       "va_kind": rng.choice(tx.VA_KIND).format(v=v),
                       "va_ouders": rng.choice(tx.VA_OUDERS),
                       "va_school": rng.choice(tx.VA_SCHOOL).format(v=v),
                       "va_netwerk": "" if concept and rng.random() < 0.5 else rng.choice(tx.VA_NETWERK).format(v=v),
                       "va_bestaanszekerheid": "" if concept else rng.choice(tx.VA_BESTAANSZEKERHEID),
                       "doelen": "" if concept else " ".join(d.format(v=v) for d in rng.sample(tx.DOELEN, 2)),
                       "vastgesteld_op": None if concept else vastgesteld,
                       "evaluatiedatum": None if concept else add_months(vastgesteld, rng.choice([3, 3, 6])),
                       **self.stamp(min(geopend + timedelta(days=3), grens), wie, None if concept else vastgesteld,
                                    rng)})
            s["plannen"] += 1
        if b.uitkomst not in self.kies_tw_categorie or rng.random() >= (
                0.85 if b.uitkomst == "specialistische_jeugdhulp" else 0.15):
            return
        # the first toewijzing a few weeks after the start (the Verklarende Analyse comes first)
        start = self._werkdag(geopend + timedelta(days=rng.randrange(14, 50)))
        if start > vandaag:
            return
        categorie = self.kies_tw_categorie[b.uitkomst](rng)
        eerste = self._toewijzing(did, categorie, self.kies_tw_intensiteit[categorie](rng), start, geopend, wie,
                                  grens)
        # rows are complete before they are added: adding may flush the batch (see _schrijf_aanmeldingen)
        tweede = None
        r = rng.random()
        if r < 0.12 and self.niveau[eerste["intensiteit"]] < 4:
            # opschaling: a heavier toewijzing within 180 days of the first start; the first one stops then
            op = self._werkdag(start + timedelta(days=rng.randrange(30, 170)))
            if op <= vandaag:
                hoger = [c for c, n in self.niveau.items() if n > self.niveau[eerste["intensiteit"]]]
                zelfde = categorie in ("45", "41", "40") and rng.random() < 0.6
                cat = categorie if zelfde else rng.choice(["41", "43"])
                toegestaan = [c for c in hoger if c in tx.INTENSITEIT_PER_CATEGORIE[cat]] or hoger
                tweede = self._toewijzing(did, cat, rng.choice(toegestaan), op, geopend, wie, grens)
                gestopt = op - timedelta(days=1)
                if eerste["einddatum"] is None or eerste["einddatum"] > gestopt:
                    eerste["einddatum"] = gestopt
                    eerste["updated_at"] = max(eerste["updated_at"], tweede["created_at"])
                s["opschaling"] += 1
        elif r < 0.24:
            # verticale stapeling: a second toewijzing running alongside the first
            samen = self._werkdag(start + timedelta(days=rng.randrange(0, 40)))
            if samen <= vandaag and (eerste["einddatum"] is None or samen <= eerste["einddatum"]):
                cat = rng.choice(tx.SAMEN_MET[categorie])
                tweede = self._toewijzing(did, cat, self.kies_tw_intensiteit[cat](rng), samen, geopend, wie, grens)
                s["samen"] += 1
        elif r < 0.32 and eerste["einddatum"] is not None:
            # horizontale stapeling: one following the other within weeks
            na = self._werkdag(eerste["einddatum"] + timedelta(days=rng.randrange(3, 42)))
            if na <= vandaag:
                cat = categorie if rng.random() < 0.7 else self.kies_tw_categorie[b.uitkomst](rng)
                tweede = self._toewijzing(did, cat, self.kies_tw_intensiteit[cat](rng), na, geopend, wie, grens)
                s["na_elkaar"] += 1
        for row in (eerste, tweede) if tweede else (eerste,):
            w.add(TW, row)
            s["toewijzingen"] += 1
            s["dvo"] += row["contractvorm"] == "dvo"
        s["jeugdigen"] += 1

    def _toewijzing(self, did: uuid.UUID, categorie: str, intensiteit: str, start: date, geopend: date,
                    wie: str, uiterlijk: date) -> dict:
        """A toewijzing row, registered a few days before its start (at the latest on `uiterlijk`)."""
        rng = self.zrng
        lo, hi = tx.DUUR_MAANDEN[categorie]
        dagen = max(14, round(rng.uniform(lo, hi) * 30.4))
        lo, hi = tx.KOSTEN_PER_MAAND[categorie]
        factor = 1.0 if categorie in tx.VAST_TARIEF else tx.INTENSITEIT_FACTOR[intensiteit]
        kosten = rng.uniform(lo, hi) * factor * dagen / 30.4
        if categorie in tx.KOSTEN_GRENZEN:
            kosten = min(max(kosten, tx.KOSTEN_GRENZEN[categorie][0]), tx.KOSTEN_GRENZEN[categorie][1])
        dvo = categorie == "50" or rng.random() < 0.05
        return {"id": self.uid(rng), "dossier_id": did, "productcategorie": categorie,
                "product": rng.choice(tx.PRODUCTEN[categorie]), "intensiteit": intensiteit,
                "aanbieder": rng.choice(tx.AANBIEDERS_PER_CATEGORIE[categorie]), "startdatum": start,
                # mostly a planned end; some open-ended
                "einddatum": None if rng.random() < 0.12 else start + timedelta(days=dagen),
                "geschatte_kosten": int(round(kosten, -1)), "contractvorm": "dvo" if dvo else "profiel",
                "dvo_motivering": rng.choice(tx.DVO_MOTIVERING) if dvo else "", "deleted_at": None,
                **self.stamp(max(geopend, min(start - timedelta(days=rng.randrange(0, 10)), uiterlijk)),
                             wie, rng=rng)}

    def _met_ruimte(self, team: dict, d: date) -> _Persoon:
        aanwezig = [c for c in team["consulenten"] if not c.afwezig_op(d)] or team["consulenten"]
        return Keuze({c: max(0.3, c.capaciteit * c.gewicht / c.fte - c.actief) for c in aanwezig})(self.rng)

    def _ander(self, team: dict, d: date, *niet: _Persoon | None) -> _Persoon:
        for _ in range(30):
            c = self._aanwezig(team, d)
            if c not in niet:
                return c
        return next(c for c in team["consulenten"] if c not in niet)

    # ---- the summary

    def samenvatting(self, w: _Writer) -> str:
        s = self.stats

        from jet_desktop.notatie import getal as n

        ext = round(100 * s["extern"] / max(s["aanmeldingen"], 1))
        z = s.get("zorg") or dict.fromkeys(("plannen", "toewijzingen", "dvo", "jeugdigen", "opschaling", "samen",
                                            "na_elkaar"), 0)
        dvo = round(100 * z["dvo"] / max(z["toewijzingen"], 1))
        return (
            f"Demogegevens geladen (peildatum {self.vandaag:%d-%m-%Y}, aanmeldingen vanaf {self.start:%d-%m-%Y}): "
            f"{n(s['jeugdigen'])} jeugdigen in {n(s['gezinnen'])} gezinnen met {n(s['ouders'])} ouders en "
            f"verzorgers; {n(s['aanmeldingen'])} aanmeldingen ({ext}% via een externe verwijzer), waarvan "
            f"{n(s['triage'])} nog wachten op een triagebesluit en {n(s['wachtlijst'])} op de wachtlijst staan; "
            f"{n(s['herzien'])} triagebesluiten zijn herzien. {n(s['dossiers'])} dossiers, waarvan {n(s['actief'])} "
            f"actief, met {n(s['contactmomenten'])} contactmomenten en {n(w.counts.get('klikgesprek', 0))} "
            f"klikgesprekken. Het team telt {s['consulenten']} jeugdconsulenten (capaciteit {n(s['capaciteit'])} "
            f"dossiers; {s['nu_afwezig']} vandaag afwezig), {s['teamleiders']} "
            f"teamleider{'s' if s['teamleiders'] > 1 else ''} en 1 functioneel beheerder. "
            f"Zorg: {n(z['plannen'])} ondersteuningsplannen; {n(z['toewijzingen'])} toewijzingen voor "
            f"{n(z['jeugdigen'])} dossiers ({dvo}% DVO maatwerk), {n(z['opschaling'])} keer opgeschaald binnen "
            f"180 dagen, {n(z['samen'])} keer twee tegelijk en {n(z['na_elkaar'])} keer kort na elkaar.")
