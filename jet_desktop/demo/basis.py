"""What every stage of the demo generator shares (jet_desktop/demo/generator.py runs them): the seeded
random streams, Faker's name pools, the wijken and huisartsen, the weighted choices, and the small tools
(ids, timestamps, working days, names); the people, plans and decisions passed from stage to stage."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from faker import Faker

from jet_desktop.codelists import uit_bestanden
from jet_desktop.demo import teksten as tx
from jet_desktop.demo.keuze import Keuze
from jet_desktop.demo.plan import Teamplan, begin_historie
from jet_desktop.storage.models import (
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

M, AF, G, GL, J = (Medewerker.__table__, Afwezigheid.__table__, Gezin.__table__, Gezinslid.__table__,
                   Jeugdige.__table__)
A, T, D = Aanmelding.__table__, Triagebesluit.__table__, Dossier.__table__
CW, K, C = ConsulentWijziging.__table__, Klikgesprek.__table__, Contactmoment.__table__
OP, TW = Ondersteuningsplan.__table__, Toewijzing.__table__
_UTC = timezone.utc
KANTOORTIJDEN = [time(h, m, tzinfo=_UTC) for h in range(7, 16) for m in range(60)]  # UTC: 08-17 h in NL
VROEG = [time(6, m, tzinfo=_UTC) for m in range(60)]  # for rows dated `vandaag`: before the working day


def hoofdletter(naam: str) -> str:
    """Surname without a first name: the tussenvoegsel gets a capital ('Gezin Van der Ploeg')."""
    return naam[:1].upper() + naam[1:]


@dataclass(slots=True, eq=False)  # compared and hashed by identity
class Persoon:
    id: uuid.UUID
    naam: str
    fte: float = 1.0
    gewicht: float = 1.0
    capaciteit: int = 0
    doel: float = 0.0  # the active caseload this consulent ends up near (team.py)
    actief: int = 0  # active dossiers on `vandaag`, while generating
    afwezig: list = field(default_factory=list)  # [(van, tot)]

    def afwezig_op(self, d: date) -> bool:
        for van, tot in self.afwezig:
            if van <= d <= tot:
                return True
        return False


@dataclass(slots=True)
class Plan:
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
class Besluit:
    """The triage outcome of a plan, decided before any row is written (so the wachtlijst can be sized)."""

    plan: Plan
    uitkomst: str | None = None  # None: still waiting for triage
    urgentie: str = ""
    signalen: bool = False
    besloten: date | None = None
    door: Persoon | None = None
    eerder: tuple | None = None  # (uitkomst, besloten_op) of a revised first decision
    beoogd: Persoon | None = None
    geopend: date | None = None  # start with a consulent; None (JET outcome) = on the wachtlijst
    aanmelding_id: uuid.UUID | None = None


class Basis:
    """The generator's state and small tools; the stages are mixed in (generator._Generator)."""

    def __init__(self, seed: int, vandaag: date, jeugdigen: int, caseload_norm: float, plan: Teamplan):
        self.rng = random.Random(seed)
        self.zrng = random.Random(f"zorg-{seed}")  # care in the dossiers: its own stream (zorg.py)
        self.vandaag = vandaag
        self.jeugdigen = jeugdigen
        self.norm = caseload_norm
        self.plan = plan  # team size, crisis (plan.py)
        self.start = begin_historie(vandaag)
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
        self.huisartsen = [f"Huisartsenpraktijk {hoofdletter(n)}" for n in rng.sample(self.pool_achternaam,
                                                                                       n_praktijken - 4)]
        self.huisartsen += [f"Gezondheidscentrum {w[0]}" for w in rng.sample(self.wijken, 4)]
        self.kies_route = Keuze({r.route: tx.VERWIJZER_GEWICHT.get(r.route, 1) for r in uit_bestanden().verwijzers})
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
        self.niveau = {i.code: i.niveau for i in uit_bestanden().intensiteiten}

    # ---- small tools

    def uid(self, rng: random.Random | None = None) -> uuid.UUID:
        return uuid.UUID(int=(rng or self.rng).getrandbits(128), version=4)

    def _ts(self, d: date, rng: random.Random | None = None) -> datetime:
        rng = rng or self.rng
        if d >= self.vandaag:
            return datetime.combine(self.vandaag, VROEG[int(rng.random() * 60)])
        return datetime.combine(d, KANTOORTIJDEN[int(rng.random() * 540)])

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
