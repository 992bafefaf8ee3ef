"""The code lists in the store: verwijzers, productcategorieën, intensiteiten, aanbieders, stapeling rules.

Reading (`lijsten(store)`, or `lijsten_in(conn)` inside a caller's connection) needs no right: every role
works with the codes and they hold no personal data. It reads the five small tables afresh on every call —
one call per validation, screen or report, never one per row — so an edit saved on one connection (another
workstation on the team server) is what the next validation on any other connection accepts.

Changing them is the functioneel beheerder's (Recht.INSTELLINGEN): `voeg_toe`, `hernoem`, `beeindig`
(from a date; None takes the code into use again) and `verwijder`. Each validates, writes in one
transaction under the optimistic lock (StaleEditError on a stale save) and writes one audit line. A code
is never renumbered; a code a record holds can be ended but not removed; a stapeling rule is only ended.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from jet_desktop.domain.codelijsten import Aanbieder, Codelijsten, Intensiteit, Productcategorie, VerwijzerRoute
from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.matched_care import WILDCARD, Stapelingsoort, parse_stapeling_regels
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.tekst import Veld, tekst_fout
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import vereis
from jet_desktop.storage.models import (
    Aanmelding,
    CodeAanbieder,
    CodeIntensiteit,
    CodeProductcategorie,
    CodeStapeling,
    CodeVerwijzer,
    Toewijzing,
    utcnow,
)
from jet_desktop.storage.store import StaleEditError, Store, versioned_update

A, TW = Aanmelding.__table__, Toewijzing.__table__
V, P, I, B, S = (m.__table__ for m in (CodeVerwijzer, CodeProductcategorie, CodeIntensiteit, CodeAanbieder,
                                       CodeStapeling))

# iJw COD327 "type verwijzer" (07 "Onbekend" only for help started before 2015: not offered)
IJW_VERWIJZERS = {
    "01": "Gemeente",
    "02": "Huisarts",
    "03": "Jeugdarts",
    "04": "Gecertificeerde instelling",
    "05": "Medisch specialist",
    "06": "Zelfverwijzer/geen verwijzer",
    "08": "Rechter, Raad voor de Kinderbescherming of Officier van Justitie",
}


class Lijst(Enum):
    """A code list: (key, name on screen, what one code is called)."""

    VERWIJZERS = ("verwijzers", "Verwijzers", "De verwijzer")
    PRODUCTCATEGORIEEN = ("productcategorieen", "Productcategorieën", "De productcategorie")
    INTENSITEITEN = ("intensiteiten", "Intensiteiten", "De intensiteit")
    AANBIEDERS = ("aanbieders", "Aanbieders", "De aanbieder")
    STAPELING = ("stapeling", "Stapelingsregels", "De stapelingsregel")

    def __new__(cls, value, label, enkelvoud):
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label, obj.enkelvoud = label, enkelvoud
        return obj

    @property
    def tabel(self):
        return {"verwijzers": V, "productcategorieen": P, "intensiteiten": I, "aanbieders": B, "stapeling": S}[self.value]

    @property
    def code_lengte(self) -> int:
        return self.tabel.c.code.type.length if self is not Lijst.STAPELING else 0

    @property
    def omschrijving_lengte(self) -> int:
        return self.tabel.c.omschrijving.type.length


# --------------------------------------------------------------------------------------------- reading

def lijsten(store: Store) -> Codelijsten:
    """Every code list as stored now (ended codes included), in one connection."""
    with store.engine.connect() as conn:
        return lijsten_in(conn)


def lijsten_in(conn: Connection) -> Codelijsten:
    """`lijsten` on an open connection (a service or report that reads in its own)."""
    def rijen(t, *volgorde):
        return conn.execute(select(t).where(t.c.deleted_at.is_(None)).order_by(*volgorde, t.c.volgorde, t.c.code
                                                                                if "code" in t.c else t.c.id)).all()

    return Codelijsten(
        verwijzers=tuple(VerwijzerRoute(r.code, r.omschrijving, r.ijw_code, r.ijw_omschrijving, bool(r.extern),
                                        r.geldig_tot) for r in rijen(V)),
        productcategorieen=tuple(Productcategorie(r.code, r.omschrijving, r.kostencategorie, r.geldig_tot)
                                 for r in rijen(P)),
        intensiteiten=tuple(Intensiteit(r.code, r.omschrijving, r.niveau, r.geldig_tot) for r in rijen(I, I.c.niveau)),
        aanbieders=tuple(Aanbieder(r.code, r.omschrijving, r.geldig_tot) for r in rijen(B)),
        stapeling=tuple(_stapeling_dict(r) for r in rijen(S)),
    )


def _stapeling_dict(r) -> dict:
    return {"categorie_a": r.categorie_a, "categorie_b": r.categorie_b, "soort": r.soort,
            "binnen_dagen": "" if r.binnen_dagen is None else str(r.binnen_dagen),
            "toegestaan": "ja" if r.toegestaan else "nee", "toelichting": r.omschrijving,
            "geldig_tot": r.geldig_tot, "regelnummer": r.volgorde}


# ------------------------------------------------------------------------------------ the beheer screen

@dataclass(frozen=True)
class CodeRij:
    """One code (or stapeling rule) as the beheer screen lists it."""

    id: uuid.UUID
    version: int
    code: str  # for a stapeling rule: its combination, e.g. "45 + 45 verticaal"
    omschrijving: str
    details: str  # the list's other columns, in words
    geldig_tot: date | None
    in_gebruik: int  # records (aanmeldingen, toewijzingen, stapeling rules) that hold the code
    updated_by: str
    updated_at: datetime

    def status(self, vandaag: date) -> str:
        if self.geldig_tot is None:
            return "in gebruik" if self.in_gebruik else "beschikbaar"
        woord = "beëindigd" if self.geldig_tot <= vandaag else "eindigt"
        return f"{woord} per {self.geldig_tot:%d-%m-%Y}"


def beheer_rijen(store: Store, lijst: Lijst) -> list[CodeRij]:
    """The codes of one list with how often each is used (one query for the codes, one for the use)."""
    vereis(store, Recht.INSTELLINGEN)
    t = lijst.tabel
    with store.engine.connect() as conn:
        rijen = conn.execute(select(t).where(t.c.deleted_at.is_(None)).order_by(t.c.volgorde)).all()
        gebruik = _gebruik(conn, lijst)
    uit = []
    for r in rijen:
        if lijst is Lijst.STAPELING:
            code = _regel_code(r.categorie_a, r.categorie_b, r.soort, r.binnen_dagen)
            details = "toegestaan" if r.toegestaan else "niet toegestaan"
            n = 0
        else:
            code, details, n = r.code, _details(lijst, r), gebruik.get(r.code, 0)
        uit.append(CodeRij(r.id, r.version, code, r.omschrijving, details, r.geldig_tot, n, r.updated_by,
                           r.updated_at))
    return uit


def _regel_code(a: str, b: str, soort: str, binnen: int | None) -> str:
    if soort == Stapelingsoort.HORIZONTAAL.value:
        return f"{a} → {b} horizontaal binnen {binnen} dagen"
    return f"{a} + {b} verticaal"


def _details(lijst: Lijst, r) -> str:
    if lijst is Lijst.VERWIJZERS:
        return f"iJw {r.ijw_code} {r.ijw_omschrijving}" + ("" if r.extern else ", geen externe verwijzer")
    if lijst is Lijst.PRODUCTCATEGORIEEN:
        return r.kostencategorie
    if lijst is Lijst.INTENSITEITEN:
        return f"niveau {r.niveau}"
    return ""


def _gebruik(conn: Connection, lijst: Lijst, code: str | None = None) -> dict[str, int]:
    """Per code: how many records hold it (every aanmelding or toewijzing, removed ones too: they keep it)."""
    kolommen = {Lijst.VERWIJZERS: [A.c.verwijzer_route], Lijst.PRODUCTCATEGORIEEN: [TW.c.productcategorie],
                Lijst.INTENSITEITEN: [TW.c.intensiteit], Lijst.AANBIEDERS: [TW.c.aanbieder]}.get(lijst, [])
    telling: dict[str, int] = {}
    for k in kolommen:
        q = select(k, func.count()).group_by(k)
        if code is not None:
            q = q.where(k == code)
        for waarde, n in conn.execute(q):
            telling[waarde] = telling.get(waarde, 0) + n
    if lijst is Lijst.PRODUCTCATEGORIEEN:  # a stapeling rule naming the category holds it too
        for k in (S.c.categorie_a, S.c.categorie_b):
            q = select(k, func.count()).where(S.c.deleted_at.is_(None)).group_by(k)
            if code is not None:
                q = q.where(k == code)
            for waarde, n in conn.execute(q):
                telling[waarde] = telling.get(waarde, 0) + n
    return telling


# --------------------------------------------------------------------------------------------- changing

@dataclass
class CodeInvoer:
    """A new code; only the fields of its list count. For a stapeling rule: categorie_a/b, soort,
    binnen_dagen, toegestaan, and `omschrijving` as its toelichting."""

    code: str = ""
    omschrijving: str = ""
    ijw_code: str = ""  # verwijzers: iJw COD327
    extern: bool = True  # verwijzers
    kostencategorie: str = ""  # productcategorieën
    niveau: int | None = None  # intensiteiten
    categorie_a: str = ""  # stapeling
    categorie_b: str = ""
    soort: str = Stapelingsoort.VERTICAAL.value
    binnen_dagen: int | None = None
    toegestaan: bool = False


_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


def _tekst_fouten(veld: str, label: str, tekst: str, lengte: int, verplicht: bool = True) -> list[FieldError]:
    if verplicht and not tekst.strip():
        return [FieldError(veld, f"{label}: verplicht.")]
    fout = tekst_fout(Veld(veld, label, lengte), tekst)  # control characters, length (domain/tekst.py)
    return [fout] if fout else []


def valideer(lijst: Lijst, invoer: CodeInvoer, bestaand: Codelijsten | None = None) -> list[FieldError]:
    """Every field error of a new code at once (the existing codes in `bestaand` for the duplicates)."""
    fouten: list[FieldError] = []
    if lijst is not Lijst.STAPELING:
        code = invoer.code.strip()
        if not code:
            fouten.append(FieldError("code", "Code: verplicht."))
        elif len(code) > lijst.code_lengte:
            fouten.append(FieldError("code", f"Code: ten hoogste {lijst.code_lengte} tekens."))
        elif lijst is Lijst.PRODUCTCATEGORIEEN and not (code.isascii() and code.isdigit()):
            fouten.append(FieldError("code", "Code: alleen cijfers (de iJw-code JZ020, bijvoorbeeld 45)."))
        elif not _CODE.fullmatch(code):
            fouten.append(FieldError("code", "Code: alleen letters, cijfers, '_', '-' en '.', zonder spaties."))
        elif bestaand is not None and getattr(bestaand, _item_methode(lijst))(code) is not None:
            fouten.append(FieldError("code", f"Code: {code} bestaat al in de lijst {lijst.label.lower()}; "
                                             "een code wordt niet opnieuw uitgegeven."))
    label = "Toelichting" if lijst is Lijst.STAPELING else ("Naam" if lijst is Lijst.AANBIEDERS else "Omschrijving")
    fouten += _tekst_fouten("omschrijving", label, invoer.omschrijving, lijst.omschrijving_lengte,
                            verplicht=lijst is not Lijst.STAPELING)
    if lijst is Lijst.VERWIJZERS and invoer.ijw_code not in IJW_VERWIJZERS:
        fouten.append(FieldError("ijw_code", "iJw-code: kies een type verwijzer uit de lijst (COD327)."))
    if lijst is Lijst.PRODUCTCATEGORIEEN:
        fouten += _tekst_fouten("kostencategorie", "Kostencategorie", invoer.kostencategorie,
                                P.c.kostencategorie.type.length)
    if lijst is Lijst.INTENSITEITEN:
        n = invoer.niveau
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 99:
            fouten.append(FieldError("niveau", "Niveau: een geheel getal van 1 tot en met 99 (hoger is zwaarder)."))
    if lijst is Lijst.STAPELING:
        fouten += _regel_fouten(invoer, bestaand)
    return fouten


def _item_methode(lijst: Lijst) -> str:
    return {Lijst.VERWIJZERS: "verwijzer", Lijst.PRODUCTCATEGORIEEN: "productcategorie",
            Lijst.INTENSITEITEN: "intensiteit", Lijst.AANBIEDERS: "aanbieder"}[lijst]


def _regel_fouten(invoer: CodeInvoer, bestaand: Codelijsten | None) -> list[FieldError]:
    fouten = []
    codes = {p.code for p in bestaand.productcategorieen} if bestaand else set()
    for veld, label in (("categorie_a", "Eerste categorie"), ("categorie_b", "Tweede categorie")):
        waarde = getattr(invoer, veld)
        if waarde != WILDCARD and (not waarde or (bestaand is not None and waarde not in codes)):
            fouten.append(FieldError(veld, f"{label}: kies een productcategorie uit de lijst (of * voor elke)."))
    if invoer.soort not in {s.value for s in Stapelingsoort}:
        fouten.append(FieldError("soort", "Soort: kies verticaal (tegelijk) of horizontaal (na elkaar)."))
    elif invoer.soort == Stapelingsoort.HORIZONTAAL.value:
        n = invoer.binnen_dagen
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 3650:
            fouten.append(FieldError("binnen_dagen", "Binnen dagen: verplicht bij horizontaal, 0 tot en met 3650."))
    if fouten or bestaand is None:
        return fouten
    nieuw = {"categorie_a": invoer.categorie_a, "categorie_b": invoer.categorie_b, "soort": invoer.soort,
             "binnen_dagen": "" if invoer.soort == Stapelingsoort.VERTICAAL.value else str(invoer.binnen_dagen),
             "toegestaan": "ja" if invoer.toegestaan else "nee", "toelichting": invoer.omschrijving}
    in_kracht = [r for r in bestaand.stapeling if r["geldig_tot"] is None]
    try:
        parse_stapeling_regels([*in_kracht, nieuw], codes)
    except ValidationError:
        return [FieldError("categorie_a", "Combinatie: er is al een regel voor deze combinatie van categorieën en "
                                          "soort; beëindig die eerst.")]
    return []


def _volgende(conn: Connection, t) -> int:
    return (conn.execute(select(func.max(t.c.volgorde))).scalar() or 0) + 1


def voeg_toe(store: Store, lijst: Lijst, invoer: CodeInvoer) -> uuid.UUID:
    """Add a code (or stapeling rule) at the end of its list; returns its id."""
    vereis(store, Recht.INSTELLINGEN)
    t = lijst.tabel
    with store.engine.begin() as conn:
        fouten = valideer(lijst, invoer, lijsten_in(conn))
        if fouten:
            raise ValidationError(fouten)
        waarden = _waarden(lijst, invoer)
        # a code removed before (a tombstone) is the same code: it comes back, not as a second row
        oud = (conn.execute(select(t.c.id, t.c.version).where(t.c.code == waarden["code"])).first()
               if lijst is not Lijst.STAPELING else None)
        if oud is not None:
            versioned_update(conn, store, t, oud.id, oud.version, f"{lijst.enkelvoud} {waarden['code']}",
                             deleted_at=None, geldig_tot=None, volgorde=_volgende(conn, t), **waarden)
            rij_id = oud.id
        else:
            rij = store.new_row(volgorde=_volgende(conn, t), geldig_tot=None, deleted_at=None, **waarden)
            conn.execute(t.insert().values(rij))
            rij_id = rij["id"]
        audit.schrijf(conn, store, AuditActie.BEHEER, "codelijst", rij_id,
                      omschrijving=f"{lijst.label}: {_naam(lijst, waarden)} toegevoegd")
    return rij_id


def _waarden(lijst: Lijst, invoer: CodeInvoer) -> dict:
    omschrijving = invoer.omschrijving.strip()
    if lijst is Lijst.STAPELING:
        horizontaal = invoer.soort == Stapelingsoort.HORIZONTAAL.value
        return {"categorie_a": invoer.categorie_a, "categorie_b": invoer.categorie_b, "soort": invoer.soort,
                "binnen_dagen": invoer.binnen_dagen if horizontaal else None, "toegestaan": invoer.toegestaan,
                "omschrijving": omschrijving}
    waarden = {"code": invoer.code.strip(), "omschrijving": omschrijving}
    if lijst is Lijst.VERWIJZERS:
        waarden |= {"ijw_code": invoer.ijw_code, "ijw_omschrijving": IJW_VERWIJZERS[invoer.ijw_code],
                    "extern": invoer.extern}
    elif lijst is Lijst.PRODUCTCATEGORIEEN:
        waarden["kostencategorie"] = invoer.kostencategorie.strip()
    elif lijst is Lijst.INTENSITEITEN:
        waarden["niveau"] = invoer.niveau
    return waarden


def _naam(lijst: Lijst, r) -> str:
    """How an audit line and a message name a code: by its code (never personal data)."""
    if lijst is Lijst.STAPELING:
        return "regel " + _regel_code(r["categorie_a"], r["categorie_b"], r["soort"], r["binnen_dagen"])
    return f"code {r['code']}"


def _rij(conn: Connection, lijst: Lijst, rij_id: uuid.UUID):
    t = lijst.tabel
    r = conn.execute(select(t).where(t.c.id == rij_id, t.c.deleted_at.is_(None))).first()
    if r is None:
        raise StaleEditError(lijst.enkelvoud, None, None)  # "bestaat niet meer of is verwijderd"
    return r


def hernoem(store: Store, lijst: Lijst, rij_id: uuid.UUID, expected_version: int, omschrijving: str) -> int:
    """A new label (omschrijving; an aanbieder's name; a rule's toelichting); the code stays. Returns the new
    version. Records holding the code show the new label from then on."""
    vereis(store, Recht.INSTELLINGEN)
    label = "Toelichting" if lijst is Lijst.STAPELING else ("Naam" if lijst is Lijst.AANBIEDERS else "Omschrijving")
    fouten = _tekst_fouten("omschrijving", label, omschrijving, lijst.omschrijving_lengte,
                           verplicht=lijst is not Lijst.STAPELING)
    if fouten:
        raise ValidationError(fouten)
    with store.engine.begin() as conn:
        r = _rij(conn, lijst, rij_id)
        naam = _naam(lijst, r._mapping)
        versie = versioned_update(conn, store, lijst.tabel, rij_id, expected_version, f"{lijst.enkelvoud} ({naam})",
                                  omschrijving=omschrijving.strip())
        audit.schrijf(conn, store, AuditActie.BEHEER, "codelijst", rij_id,
                      omschrijving=f"{lijst.label}: {naam} hernoemd")
    return versie


def beeindig(store: Store, lijst: Lijst, rij_id: uuid.UUID, expected_version: int, per: date | None) -> int:
    """End the code from `per` on (not offered nor accepted for a new record dated on or after it; records
    holding it keep it); `per` None takes an ended code into use again. Returns the new version."""
    vereis(store, Recht.INSTELLINGEN)
    with store.engine.begin() as conn:
        r = _rij(conn, lijst, rij_id)
        naam = _naam(lijst, r._mapping)
        if per is not None and lijst is not Lijst.STAPELING:
            t = lijst.tabel
            anderen = conn.execute(select(func.count()).select_from(t).where(
                t.c.id != rij_id, t.c.deleted_at.is_(None), or_(t.c.geldig_tot.is_(None), t.c.geldig_tot > per))
            ).scalar()
            if not anderen:
                raise ValidationError([FieldError("geldig_tot", f"Einddatum: {naam} is de laatste code die na "
                                                                f"{per:%d-%m-%Y} geldt; voeg eerst een andere toe.")])
        versie = versioned_update(conn, store, lijst.tabel, rij_id, expected_version, f"{lijst.enkelvoud} ({naam})",
                                  geldig_tot=per)
        wat = f"beëindigd per {per:%d-%m-%Y}" if per is not None else "weer in gebruik genomen"
        audit.schrijf(conn, store, AuditActie.BEHEER, "codelijst", rij_id, omschrijving=f"{lijst.label}: {naam} {wat}")
    return versie


def verwijder(store: Store, lijst: Lijst, rij_id: uuid.UUID, expected_version: int) -> int:
    """Remove a code no record holds (a tombstone: the row stays). A code in use is refused — end it instead —
    and so is a stapeling rule (it is ended: past reports keep applying it)."""
    vereis(store, Recht.INSTELLINGEN)
    with store.engine.begin() as conn:
        r = _rij(conn, lijst, rij_id)
        naam = _naam(lijst, r._mapping)
        if lijst is Lijst.STAPELING:
            raise ValidationError([FieldError("code", "Een stapelingsregel wordt niet verwijderd: beëindig hem per "
                                                      "een datum (eerdere rapporten blijven hem dan toepassen).")])
        n = _gebruik(conn, lijst, r.code).get(r.code, 0)
        if n:
            raise ValidationError([FieldError("code", f"{lijst.enkelvoud} {r.code} is in gebruik ({n}× vastgelegd) "
                                                      "en kan niet worden verwijderd; beëindig de code per een "
                                                      "datum.")])
        versie = versioned_update(conn, store, lijst.tabel, rij_id, expected_version, f"{lijst.enkelvoud} ({naam})",
                                  deleted_at=utcnow())
        audit.schrijf(conn, store, AuditActie.BEHEER, "codelijst", rij_id, omschrijving=f"{lijst.label}: {naam} verwijderd")
    return versie
