"""Correcting what was saved: the jeugdige's gegevens, the gezin and its gezinsleden, the aanmelding's
details and the contactmomenten of a dossier, each with a change history (docs/correcties.md).

Every correction goes through a dossier: who may see the dossier (services/autorisatie.vereis_dossier:
its consulent and tweede persoon, the teamleider; never the functioneel beheerder) may correct its
records, and only while the dossier is open — a closed dossier's records are read-only (its texts are
changed only by destruction after the bewaartermijn, services/bewaring.py). Each call:

- validates with the rules of registration (domain/tekst.py lengths and control characters, the BSN
  eleven-test of domain/bsn.py, the age rules of domain/age.py, the code lists);
- writes in ONE transaction, under the optimistic lock (`versioned_update`: a stale save raises
  StaleEditError and writes nothing);
- adds one `recordwijziging` row per changed field, with the value before and after, who and when
  (rows only added, never overwritten), and ONE audit line (WIJZIGEN/AANMAKEN) naming the record and
  the fields, never the values.

A correction that changes nothing writes nothing. Removing a gezinslid or a contactmoment sets its
tombstone (`deleted_at`): it leaves the lists and the counts, and stays as a row for the history.

Reading the history (`geschiedenis`, `dossiergeschiedenis`) and reading the records to correct
(`gegevens`, `contactmoment`) are audited reads: one OPENEN line each.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from jet_desktop.domain.age import MAX_ZWANGERSCHAP_MAANDEN, leeftijd_fouten
from jet_desktop.domain.bsn import bsn_error, normalize_bsn
from jet_desktop.domain.codelijsten import Codelijsten
from jet_desktop.domain.dates import add_months
from jet_desktop.domain.enums import AuditActie, ContactType, Geslacht, HulpvraagCategorie, Regie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.tekst import (
    AANMELDING_VELDEN,
    CONTACTMOMENT_VELDEN,
    OUDER_VELDEN,
    TOELICHTING_VELDEN,
    Veld,
    tekst_fouten,
)
from jet_desktop.services import audit, codelijsten, inzage
from jet_desktop.services.aanmeldingen import OuderInvoer, bsn_elders
from jet_desktop.services.autorisatie import verborgen_dossier, vereis_dossier
from jet_desktop.storage.models import (
    Aanmelding,
    Contactmoment,
    Dossier,
    Gezin,
    Gezinslid,
    Jeugdige,
    Recordwijziging,
    utcnow,
)
from jet_desktop.storage.store import StaleEditError, Store, versioned_update

A, J, D, G, GL = (Aanmelding.__table__, Jeugdige.__table__, Dossier.__table__, Gezin.__table__,
                  Gezinslid.__table__)
C, RW = Contactmoment.__table__, Recordwijziging.__table__

GEWIJZIGD, TOEGEVOEGD, VERWIJDERD = "gewijzigd", "toegevoegd", "verwijderd"

# the fields a correction may change, with their Dutch labels (history, audit line, conflict messages)
JEUGDIGE_VELDEN = {
    "voornaam": "Voornaam", "tussenvoegsel": "Tussenvoegsel", "achternaam": "Achternaam",
    "geboortedatum": "Geboortedatum", "uitgerekende_datum": "Uitgerekende datum", "bsn": "BSN",
    "geslacht": "Geslacht", "adres": "Adres", "postcode": "Postcode", "woonplaats": "Woonplaats", "wijk": "Wijk",
    "school": "School",
}
GEZIN_VELDEN = {"naam": "Naam van het gezin"}
GEZINSLID_VELDEN = {"naam": "Naam", "relatie": "Relatie", "gezag": "Gezag", "telefoon": "Telefoon"}
# what of an aanmelding may change after registration: not the aanmelddatum (the start of the wachttijd
# clock, docs/wachttijd.md, and of the monitor's traject), the jeugdige or the dossiernummer; a triagebesluit
# is revised by triage (a new row), never here
AANMELDING_VELDEN_CORRIGEERBAAR = {
    "verwijzer_route": "Verwijzer", "verwijzer_organisatie": "Verwijzer: organisatie",
    "verwijzer_contactpersoon": "Verwijzer: contactpersoon", "hulpvraag": "Hulpvraag",
    "hulpvraag_categorieen": "Hulpvraag: categorieën", "veiligheidssignalen": "Veiligheidssignalen",
    "regie": "Regie-inschatting", "steunfiguur_naam": "Steunfiguur: naam",
    "steunfiguur_relatie": "Steunfiguur: relatie",
}
CONTACT_VELDEN = {"datum": "Datum", "type": "Type", "duur_minuten": "Duur", "notitie": "Notitie"}
LABELS = {"jeugdige": JEUGDIGE_VELDEN, "gezin": GEZIN_VELDEN, "gezinslid": GEZINSLID_VELDEN,
          "aanmelding": AANMELDING_VELDEN_CORRIGEERBAAR, "contactmoment": CONTACT_VELDEN}
GEZIN_TEKST = (Veld("naam", "Naam van het gezin", 160),)


# ------------------------------------------------------------------------------------------ the records

@dataclass
class JeugdigeInvoer:
    voornaam: str = ""
    tussenvoegsel: str = ""
    achternaam: str = ""
    geboortedatum: date | None = None
    uitgerekende_datum: date | None = None
    bsn: str = ""
    geslacht: str = Geslacht.ANDERS.value
    adres: str = ""
    postcode: str = ""
    woonplaats: str = ""
    wijk: str = ""
    school: str = ""


GezinslidInvoer = OuderInvoer  # a gezinslid is corrected with the fields it was registered with


@dataclass
class AanmeldingDetails:
    verwijzer_route: str = ""
    verwijzer_organisatie: str = ""
    verwijzer_contactpersoon: str = ""
    hulpvraag: str = ""
    hulpvraag_categorieen: list[str] = field(default_factory=list)
    veiligheidssignalen: str = ""
    regie: str = Regie.ONBEKEND.value
    steunfiguur_naam: str = ""
    steunfiguur_relatie: str = ""


@dataclass
class ContactInvoer:
    datum: date | None = None
    type: str = ContactType.HUISBEZOEK.value
    duur_minuten: int = 0
    notitie: str = ""


@dataclass(frozen=True)
class JeugdigeRij:
    id: uuid.UUID
    version: int
    invoer: JeugdigeInvoer


@dataclass(frozen=True)
class GezinslidRij:
    id: uuid.UUID
    version: int
    invoer: GezinslidInvoer


@dataclass(frozen=True)
class GezinRij:
    id: uuid.UUID
    version: int
    naam: str
    leden: list[GezinslidRij]


@dataclass(frozen=True)
class AanmeldingRij:
    id: uuid.UUID
    version: int
    aanmelddatum: date
    details: AanmeldingDetails


@dataclass(frozen=True)
class Gegevens:
    """The correctable records of one dossier, with their versions (for the optimistic lock)."""

    dossier_id: uuid.UUID
    dossiernummer: str
    afgesloten: bool
    jeugdige: JeugdigeRij
    gezin: GezinRij
    aanmelding: AanmeldingRij


@dataclass(frozen=True)
class ContactmomentRij:
    id: uuid.UUID
    version: int
    dossier_id: uuid.UUID
    invoer: ContactInvoer


@dataclass(frozen=True)
class WijzigingRij:
    """One line of the history, ready to show: values as the screens write them."""

    gewijzigd_at: datetime
    gewijzigd_door: str
    tabel: str
    record_id: uuid.UUID
    record: str  # "Jeugdige", "Gezinslid Ria Jansen", "Contactmoment 12-11-2026 (huisbezoek)"
    soort: str
    veld: str  # the field's Dutch label; "" for a removal
    oud: str
    nieuw: str
    toelichting: str
    version: int


# ------------------------------------------------------------------------------------------ reading

def _kern(conn: Connection, dossier_id: uuid.UUID):
    return conn.execute(select(D.c.id, D.c.geopend_op, D.c.afgesloten_op, A.c.id.label("aanmelding_id"),
                               A.c.dossiernummer, A.c.aanmelddatum, J.c.id.label("jeugdige_id"), J.c.gezin_id)
                        .join(A, A.c.id == D.c.aanmelding_id).join(J, J.c.id == A.c.jeugdige_id)
                        .where(D.c.id == dossier_id)).first()


def _dossier(conn: Connection, store: Store, dossier_id: uuid.UUID):
    """The dossier with its aanmelding, jeugdige and gezin ids, after the right to see it was checked."""
    vereis_dossier(conn, store, dossier_id)
    d = _kern(conn, dossier_id)
    if d is None:
        raise ValidationError([FieldError("dossier", "Dossier bestaat niet (meer).")])
    return d


def _open(d) -> None:
    if d.afgesloten_op is not None:
        raise ValidationError([FieldError("dossier", f"Dossier {d.dossiernummer} is afgesloten; de gegevens kunnen "
                                                     "niet meer worden gecorrigeerd.")])


def _jeugdige_invoer(r) -> JeugdigeInvoer:
    return JeugdigeInvoer(r.voornaam, r.tussenvoegsel, r.achternaam, r.geboortedatum, r.uitgerekende_datum,
                          r.bsn or "", r.geslacht, r.adres, r.postcode, r.woonplaats, r.wijk, r.school)


def _lid_invoer(r) -> GezinslidInvoer:
    return GezinslidInvoer(r.naam, r.relatie, bool(r.gezag), r.telefoon)


def _details(r) -> AanmeldingDetails:
    return AanmeldingDetails(r.verwijzer_route, r.verwijzer_organisatie, r.verwijzer_contactpersoon, r.hulpvraag,
                             [c for c in r.hulpvraag_categorieen.split(",") if c], r.veiligheidssignalen, r.regie,
                             r.steunfiguur_naam, r.steunfiguur_relatie)


def _contact_invoer(r) -> ContactInvoer:
    return ContactInvoer(r.datum, r.type, r.duur_minuten, r.notitie)


def gegevens_in(conn: Connection, d) -> Gegevens:
    j = conn.execute(select(J).where(J.c.id == d.jeugdige_id)).one()
    g = conn.execute(select(G).where(G.c.id == d.gezin_id)).one()
    leden = conn.execute(select(GL).where(GL.c.gezin_id == d.gezin_id, GL.c.deleted_at.is_(None))
                         .order_by(GL.c.naam, GL.c.created_at)).all()
    a = conn.execute(select(A).where(A.c.id == d.aanmelding_id)).one()
    return Gegevens(d.id, d.dossiernummer, d.afgesloten_op is not None,
                    JeugdigeRij(j.id, j.version, _jeugdige_invoer(j)),
                    GezinRij(g.id, g.version, g.naam, [GezinslidRij(r.id, r.version, _lid_invoer(r)) for r in leden]),
                    AanmeldingRij(a.id, a.version, a.aanmelddatum, _details(a)))


def gegevens(store: Store, dossier_id: uuid.UUID) -> Gegevens:
    """The jeugdige, gezin (with its gezinsleden) and aanmelding of a dossier as stored now, with their
    versions: what a correction form starts from. One audit line (a read of the dossier's gegevens)."""
    with store.engine.connect() as conn:
        d = _dossier(conn, store, dossier_id)
        uit = gegevens_in(conn, d)
    inzage.dossier_gelezen(store, "jeugdige", d.jeugdige_id, d.dossiernummer, "gegevens geopend om te corrigeren")
    return uit


def _contact(conn: Connection, store: Store, contactmoment_id: uuid.UUID):
    r = conn.execute(select(C).where(C.c.id == contactmoment_id, C.c.deleted_at.is_(None))).first()
    if r is None and store.teamserver and (verborgen := verborgen_dossier(conn, "contactmoment", contactmoment_id)):
        vereis_dossier(conn, store, verborgen[0])  # in a dossier this login may not see: refused, as locally
    if r is None:
        raise StaleEditError("Het contactmoment", None, None)  # "bestaat niet meer of is verwijderd"
    return r, _dossier(conn, store, r.dossier_id)


def contactmoment(store: Store, contactmoment_id: uuid.UUID) -> ContactmomentRij:
    """One contactmoment (not removed) with its version; one audit line."""
    with store.engine.connect() as conn:
        r, d = _contact(conn, store, contactmoment_id)
    inzage.dossier_gelezen(store, "contactmoment", r.id, d.dossiernummer, "contactmoment geopend om te wijzigen")
    return ContactmomentRij(r.id, r.version, r.dossier_id, _contact_invoer(r))


# ------------------------------------------------------------------------------------------ history

def _waarde(v) -> str:
    """A value as it is kept in the history: dates ISO, booleans ja/nee, lists comma separated."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return ",".join(v)
    return str(v)


def _verschil(oud: dict, nieuw: dict) -> list[tuple[str, str, str]]:
    """(veld, oud, nieuw) of each field whose value changes, in the order of `nieuw`."""
    return [(k, _waarde(oud[k]), _waarde(v)) for k, v in nieuw.items() if _waarde(oud[k]) != _waarde(v)]


def _historie(conn: Connection, store: Store, tabel: str, record_id: uuid.UUID, version: int, soort: str,
              regels: list[tuple[str, str, str]], toelichting: str, dossier_id: uuid.UUID) -> None:
    """One history row per (veld, oud, nieuw), with the dossier through which the change is made: destroying
    that dossier blanks the toelichting of its rows on records that stay (services/bewaring.py)."""
    nu = utcnow()
    conn.execute(RW.insert(), [
        dict(id=uuid.uuid4(), tabel=tabel, record_id=record_id, version=version, soort=soort, veld=veld, oud=oud,
             nieuw=nieuw, gewijzigd_at=nu, gewijzigd_door=store.user, gewijzigd_door_id=store.user_id,
             toelichting=toelichting.strip(), dossier_id=dossier_id)
        for veld, oud, nieuw in regels])


def _velden_tekst(tabel: str, regels: list[tuple[str, str, str]]) -> str:
    labels = LABELS[tabel]
    return ", ".join(labels[v].lower() if v != "bsn" else "BSN" for v, _, _ in regels)


def _toelichting_fouten(toelichting: str) -> list[FieldError]:
    return tekst_fouten({"toelichting": toelichting}, TOELICHTING_VELDEN)


def _corrigeer(conn: Connection, store: Store, tabel: str, table, record_id: uuid.UUID, expected_version: int,
               oud_rij, nieuw: dict, what: str, d, omschrijving: str, toelichting: str) -> int:
    """Update `nieuw` (column -> value) under the lock, with a history row per changed field (made through
    dossier `d`, a `_kern` row) and one audit line; nothing when nothing changes. Returns the record's version."""
    regels = _verschil(oud_rij._mapping, nieuw)
    if not regels:  # nothing to save (a stale form that changes nothing is no conflict either)
        return oud_rij.version
    version = versioned_update(conn, store, table, record_id, expected_version, what,
                               **{k: v for k, v in nieuw.items() if k in {r[0] for r in regels}})
    _historie(conn, store, tabel, record_id, version, GEWIJZIGD, regels, toelichting, d.id)
    audit.schrijf(conn, store, AuditActie.WIJZIGEN, tabel, record_id, d.dossiernummer,
                  f"{omschrijving}: {_velden_tekst(tabel, regels)}")
    return version


# ------------------------------------------------------------------------------------------ validation

def _geboorte_fouten(geboortedatum: date | None, uitgerekende_datum: date | None, aanmelddatum: date,
                     vandaag: date) -> list[FieldError]:
    """The age rules of registration against the aanmelddatum; besides, a child born since the aanmelding
    (birth date after the aanmelddatum, not after today, within nine months of it) may get its birth date."""
    if (geboortedatum is not None and uitgerekende_datum is None and aanmelddatum < geboortedatum <= vandaag
            and geboortedatum <= add_months(aanmelddatum, MAX_ZWANGERSCHAP_MAANDEN)):
        return []
    if geboortedatum is not None and geboortedatum > vandaag:
        return [FieldError("geboortedatum", "Geboortedatum: ligt in de toekomst.")]
    return leeftijd_fouten(geboortedatum, uitgerekende_datum, aanmelddatum)


def jeugdige_fouten(invoer: JeugdigeInvoer, aanmelddatum: date, vandaag: date) -> list[FieldError]:
    errors: list[FieldError] = []
    for veld, label in (("voornaam", "Voornaam"), ("achternaam", "Achternaam")):
        if not getattr(invoer, veld).strip():
            errors.append(FieldError(veld, f"{label}: verplicht."))
    errors += _geboorte_fouten(invoer.geboortedatum, invoer.uitgerekende_datum, aanmelddatum, vandaag)
    if (e := bsn_error(invoer.bsn)) is not None:
        errors.append(e)
    if invoer.geslacht not in {g.value for g in Geslacht}:
        errors.append(FieldError("geslacht", "Geslacht: kies een waarde uit de lijst."))
    errors += tekst_fouten(invoer, AANMELDING_VELDEN, al=errors)
    return errors


def lid_fouten(invoer: GezinslidInvoer) -> list[FieldError]:
    errors = [] if invoer.naam.strip() else [FieldError("naam", "Naam: verplicht.")]
    return errors + tekst_fouten(invoer, OUDER_VELDEN, al=errors)


def details_fouten(details: AanmeldingDetails, lijsten: Codelijsten, huidige_route: str | None = None,
                   aanmelddatum: date | None = None) -> list[FieldError]:
    """`lijsten`: the code lists as stored; a verwijzer ended on or before the aanmelddatum is refused unless
    the aanmelding already holds it (`huidige_route`)."""
    errors: list[FieldError] = list(lijsten.verwijzer_fouten(details.verwijzer_route, aanmelddatum, huidige_route))
    if not details.hulpvraag.strip():
        errors.append(FieldError("hulpvraag", "Hulpvraag: beschrijf de hulpvraag."))
    if any(c not in {h.value for h in HulpvraagCategorie} for c in details.hulpvraag_categorieen):
        errors.append(FieldError("hulpvraag_categorieen", "Hulpvraag: onbekende categorie."))
    if details.regie not in {r.value for r in Regie}:
        errors.append(FieldError("regie", "Regie-inschatting: kies een waarde uit de lijst."))
    if details.steunfiguur_relatie.strip() and not details.steunfiguur_naam.strip():
        errors.append(FieldError("steunfiguur_naam", "Steunfiguur: vul ook de naam in."))
    return errors + tekst_fouten(details, AANMELDING_VELDEN, al=errors)


def contact_fouten(invoer: ContactInvoer, geopend_op: date, vandaag: date) -> list[FieldError]:
    errors = []
    if invoer.type not in {t.value for t in ContactType}:
        errors.append(FieldError("type", "Type contact: kies een type uit de lijst."))
    if invoer.datum is None:
        errors.append(FieldError("datum", "Datum: verplicht."))
    elif invoer.datum > vandaag:
        errors.append(FieldError("datum", "Datum: een contactmoment kan niet in de toekomst liggen."))
    elif invoer.datum < geopend_op:
        errors.append(FieldError("datum", "Datum: ligt vóór de start van het dossier."))
    if not 0 <= invoer.duur_minuten <= 24 * 60:
        errors.append(FieldError("duur", "Duur: tussen 0 en 1440 minuten."))
    if not invoer.notitie.strip():
        errors.append(FieldError("notitie", "Notitie: verplicht."))
    return errors + tekst_fouten(invoer, CONTACTMOMENT_VELDEN, al=errors)


def _weiger_bij_fouten(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)


# ------------------------------------------------------------------------------------------ corrections

def corrigeer_jeugdige(store: Store, dossier_id: uuid.UUID, expected_version: int, invoer: JeugdigeInvoer,
                       vandaag: date, toelichting: str = "") -> int:
    """Correct the jeugdige of an open dossier (name, dates, BSN, gender, address, school). A BSN that
    belongs to another jeugdige is refused (that is one child recorded twice: not solved by a correction).
    Returns the jeugdige's new version."""
    bsn = normalize_bsn(invoer.bsn) or None
    try:
        return _corrigeer_jeugdige(store, dossier_id, expected_version, invoer, vandaag, toelichting, bsn)
    except _AlBekend as e:
        # the refusal tells that a child with this BSN is known (perhaps on a colleague's caseload): a look at
        # personal data, audited like the known-jeugdige check at registration (never the BSN itself)
        inzage.dossier_gelezen(store, "jeugdige", e.jeugdige_id, e.dossiernummer,
                               "BSN bij een correctie al bekend bij een andere jeugdige")
        raise ValidationError(e.errors) from None


class _AlBekend(Exception):
    def __init__(self, errors: list[FieldError], jeugdige_id: uuid.UUID, dossiernummer: str):
        super().__init__()
        self.errors, self.jeugdige_id, self.dossiernummer = errors, jeugdige_id, dossiernummer


def _corrigeer_jeugdige(store: Store, dossier_id: uuid.UUID, expected_version: int, invoer: JeugdigeInvoer,
                        vandaag: date, toelichting: str, bsn: str | None) -> int:
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        _open(d)
        errors = jeugdige_fouten(invoer, d.aanmelddatum, vandaag) + _toelichting_fouten(toelichting)
        ander = None if not bsn or any(e.field == "bsn" for e in errors) else bsn_elders(conn, store, bsn,
                                                                                        d.jeugdige_id)
        if ander is not None:
            errors.append(FieldError("bsn", "BSN: dit burgerservicenummer staat al bij een andere jeugdige; "
                                            "controleer het nummer."))
            raise _AlBekend(errors, ander, d.dossiernummer)
        _weiger_bij_fouten(errors)
        oud = conn.execute(select(J).where(J.c.id == d.jeugdige_id)).one()
        nieuw = dict(voornaam=invoer.voornaam.strip(), tussenvoegsel=invoer.tussenvoegsel.strip(),
                     achternaam=invoer.achternaam.strip(), geboortedatum=invoer.geboortedatum,
                     uitgerekende_datum=invoer.uitgerekende_datum, bsn=bsn, geslacht=invoer.geslacht,
                     adres=invoer.adres.strip(), postcode=invoer.postcode.strip().upper(),
                     woonplaats=invoer.woonplaats.strip(), wijk=invoer.wijk.strip(), school=invoer.school.strip())
        return _corrigeer(conn, store, "jeugdige", J, d.jeugdige_id, expected_version, oud, nieuw,
                          f"De gegevens van de jeugdige (dossier {d.dossiernummer})", d,
                          "gegevens van de jeugdige gecorrigeerd", toelichting)


def corrigeer_gezin(store: Store, dossier_id: uuid.UUID, expected_version: int, naam: str,
                    toelichting: str = "") -> int:
    """Correct the gezin's name (the gezin is shared by the brothers and sisters)."""
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        _open(d)
        errors = [] if naam.strip() else [FieldError("naam", "Naam van het gezin: verplicht.")]
        errors += tekst_fouten({"naam": naam}, GEZIN_TEKST, al=errors) + _toelichting_fouten(toelichting)
        _weiger_bij_fouten(errors)
        oud = conn.execute(select(G).where(G.c.id == d.gezin_id)).one()
        return _corrigeer(conn, store, "gezin", G, d.gezin_id, expected_version, oud, {"naam": naam.strip()},
                          f"Het gezin (dossier {d.dossiernummer})", d, "gezin gecorrigeerd",
                          toelichting)


def _lid(conn: Connection, d, gezinslid_id: uuid.UUID):
    r = conn.execute(select(GL).where(GL.c.id == gezinslid_id, GL.c.gezin_id == d.gezin_id,
                                      GL.c.deleted_at.is_(None))).first()
    if r is None:
        raise StaleEditError("Het gezinslid", None, None)
    return r


def _lid_waarden(invoer: GezinslidInvoer) -> dict:
    return dict(naam=invoer.naam.strip(), relatie=invoer.relatie.strip(), gezag=bool(invoer.gezag),
                telefoon=invoer.telefoon.strip())


def corrigeer_gezinslid(store: Store, dossier_id: uuid.UUID, gezinslid_id: uuid.UUID, expected_version: int,
                        invoer: GezinslidInvoer, toelichting: str = "") -> int:
    """Correct a parent or carer of the dossier's gezin."""
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        _open(d)
        _weiger_bij_fouten(lid_fouten(invoer) + _toelichting_fouten(toelichting))
        oud = _lid(conn, d, gezinslid_id)
        return _corrigeer(conn, store, "gezinslid", GL, gezinslid_id, expected_version, oud, _lid_waarden(invoer),
                          f"Het gezinslid (dossier {d.dossiernummer})", d, "gezinslid gecorrigeerd",
                          toelichting)


def voeg_gezinslid_toe(store: Store, dossier_id: uuid.UUID, invoer: GezinslidInvoer,
                       toelichting: str = "") -> uuid.UUID:
    """A parent or carer added to the dossier's gezin; the history keeps its first values."""
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        _open(d)
        _weiger_bij_fouten(lid_fouten(invoer) + _toelichting_fouten(toelichting))
        waarden = _lid_waarden(invoer)
        row = store.new_row(gezin_id=d.gezin_id, **waarden)
        conn.execute(GL.insert().values(row))
        _historie(conn, store, "gezinslid", row["id"], 1, TOEGEVOEGD,
                  [(k, "", _waarde(v)) for k, v in waarden.items() if _waarde(v)], toelichting, d.id)
        audit.schrijf(conn, store, AuditActie.AANMAKEN, "gezinslid", row["id"], d.dossiernummer,
                      "gezinslid toegevoegd")
    return row["id"]


def verwijder_gezinslid(store: Store, dossier_id: uuid.UUID, gezinslid_id: uuid.UUID, expected_version: int,
                        toelichting: str = "") -> int:
    """Tombstone: the gezinslid leaves the gezin's lists; the row stays, for the history."""
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        _open(d)
        _weiger_bij_fouten(_toelichting_fouten(toelichting))
        _lid(conn, d, gezinslid_id)
        version = versioned_update(conn, store, GL, gezinslid_id, expected_version,
                                   f"Het gezinslid (dossier {d.dossiernummer})", deleted_at=utcnow())
        _historie(conn, store, "gezinslid", gezinslid_id, version, VERWIJDERD, [("", "", "")], toelichting, d.id)
        audit.schrijf(conn, store, AuditActie.WIJZIGEN, "gezinslid", gezinslid_id, d.dossiernummer,
                      "gezinslid verwijderd")
        return version


def corrigeer_aanmelding(store: Store, dossier_id: uuid.UUID, expected_version: int, details: AanmeldingDetails,
                         toelichting: str = "") -> int:
    """Correct the aanmelding's details: verwijzer, hulpvraag and categories, veiligheidssignalen, regie,
    steunfiguur (AANMELDING_VELDEN_CORRIGEERBAAR). The aanmelddatum is not correctable here."""
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        _open(d)
        oud = conn.execute(select(A).where(A.c.id == d.aanmelding_id)).one()
        _weiger_bij_fouten(details_fouten(details, codelijsten.lijsten_in(conn), oud.verwijzer_route, oud.aanmelddatum)
                           + _toelichting_fouten(toelichting))
        nieuw = dict(verwijzer_route=details.verwijzer_route,
                     verwijzer_organisatie=details.verwijzer_organisatie.strip(),
                     verwijzer_contactpersoon=details.verwijzer_contactpersoon.strip(),
                     hulpvraag=details.hulpvraag.strip(),
                     hulpvraag_categorieen=",".join(details.hulpvraag_categorieen),
                     veiligheidssignalen=details.veiligheidssignalen.strip(), regie=details.regie,
                     steunfiguur_naam=details.steunfiguur_naam.strip(),
                     steunfiguur_relatie=details.steunfiguur_relatie.strip())
        return _corrigeer(conn, store, "aanmelding", A, d.aanmelding_id, expected_version, oud, nieuw,
                          f"De aanmelding van dossier {d.dossiernummer}", d,
                          "aanmelding gecorrigeerd", toelichting)


def wijzig_contactmoment(store: Store, contactmoment_id: uuid.UUID, expected_version: int, invoer: ContactInvoer,
                         vandaag: date, toelichting: str = "") -> int:
    """Change a contactmoment of an open dossier (date, type, duration, note)."""
    with store.engine.begin() as conn:
        oud, d = _contact(conn, store, contactmoment_id)
        _open(d)
        _weiger_bij_fouten(contact_fouten(invoer, d.geopend_op, vandaag) + _toelichting_fouten(toelichting))
        nieuw = dict(datum=invoer.datum, type=invoer.type, duur_minuten=invoer.duur_minuten,
                     notitie=invoer.notitie.strip())
        return _corrigeer(conn, store, "contactmoment", C, contactmoment_id, expected_version, oud, nieuw,
                          f"Het contactmoment (dossier {d.dossiernummer})", d,
                          "contactmoment gewijzigd", toelichting)


def verwijder_contactmoment(store: Store, contactmoment_id: uuid.UUID, expected_version: int,
                            toelichting: str = "") -> int:
    """Tombstone: the contactmoment leaves the dossier's list and the monitor's count of gesprekken; the
    row stays, with its values, for the history."""
    with store.engine.begin() as conn:
        _oud, d = _contact(conn, store, contactmoment_id)
        _open(d)
        _weiger_bij_fouten(_toelichting_fouten(toelichting))
        version = versioned_update(conn, store, C, contactmoment_id, expected_version,
                                   f"Het contactmoment (dossier {d.dossiernummer})", deleted_at=utcnow())
        _historie(conn, store, "contactmoment", contactmoment_id, version, VERWIJDERD, [("", "", "")], toelichting, d.id)
        audit.schrijf(conn, store, AuditActie.WIJZIGEN, "contactmoment", contactmoment_id, d.dossiernummer,
                      "contactmoment verwijderd")
        return version


# ------------------------------------------------------------------------------------------ reading the history

TABEL_LABELS = {"jeugdige": "Jeugdige", "gezin": "Gezin", "gezinslid": "Gezinslid", "aanmelding": "Aanmelding",
                "contactmoment": "Contactmoment", "dossier": "Dossier", "ondersteuningsplan": "Ondersteuningsplan",
                "klikgesprek": "Klikgesprek", "toewijzing": "Toewijzing", "triagebesluit": "Triagebesluit",
                "consulentwijziging": "Consulentwijziging", "recordwijziging": "Wijziging", "sync_conflict": "Conflict"}


def tabel_label(tabel: str) -> str:
    """What a record of `tabel` is called on screen."""
    return TABEL_LABELS.get(tabel) or tabel.replace("_", " ").capitalize()


def veld_label(tabel: str, veld: str) -> str:
    """A field's Dutch label as a correction names it, else made from its name."""
    return LABELS.get(tabel, {}).get(veld) or veld.replace("_", " ").capitalize()


def _toon(tabel: str, veld: str, waarde: str, lijsten: Codelijsten) -> str:
    """A kept value as the screens write it: dates dd-mm-jjjj, codes by their label."""
    if not waarde:
        return ""
    if veld in {"geboortedatum", "uitgerekende_datum", "datum"}:
        try:
            return date.fromisoformat(waarde).strftime("%d-%m-%Y")
        except ValueError:
            return waarde
    enums = {"geslacht": Geslacht, "regie": Regie, "type": ContactType}
    if veld in enums:
        return next((e.label for e in enums[veld] if e.value == waarde), waarde)
    if veld == "hulpvraag_categorieen":
        labels = {h.value: h.label for h in HulpvraagCategorie}
        return ", ".join(labels.get(c, c) for c in waarde.split(","))
    if veld == "verwijzer_route":
        return lijsten.verwijzer_label(waarde)
    if veld == "duur_minuten":
        return f"{waarde} min"
    return waarde


def _records(conn: Connection, d) -> dict[uuid.UUID, tuple[str, str]]:
    """record id -> (tabel, description) of every record of the dossier with a history: its jeugdige, gezin,
    gezinsleden (removed ones too), aanmelding and contactmomenten (removed ones too)."""
    out = {d.jeugdige_id: ("jeugdige", "Jeugdige"), d.gezin_id: ("gezin", "Gezin"),
           d.aanmelding_id: ("aanmelding", "Aanmelding")}
    for r in conn.execute(select(GL.c.id, GL.c.naam).where(GL.c.gezin_id == d.gezin_id)):
        out[r.id] = ("gezinslid", f"Gezinslid {r.naam}")
    for r in conn.execute(select(C.c.id, C.c.datum, C.c.type).where(C.c.dossier_id == d.id)):
        soort = next((t.label.lower() for t in ContactType if t.value == r.type), r.type)
        out[r.id] = ("contactmoment", f"Contactmoment {r.datum:%d-%m-%Y} ({soort})")
    return out


def _rijen(conn: Connection, records: dict[uuid.UUID, tuple[str, str]]) -> list[WijzigingRij]:
    ids = list(records)
    rows = conn.execute(select(RW).where(or_(*[RW.c.record_id.in_(ids[i:i + 500]) for i in range(0, len(ids), 500)]))
                        .order_by(RW.c.gewijzigd_at.desc(), RW.c.tabel, RW.c.veld)).all()
    uit = []
    lijsten = codelijsten.lijsten_in(conn)
    for r in rows:
        tabel, beschrijving = records[r.record_id]
        label = LABELS.get(r.tabel, {}).get(r.veld, r.veld)
        uit.append(WijzigingRij(r.gewijzigd_at, r.gewijzigd_door, r.tabel, r.record_id, beschrijving, r.soort, label,
                                _toon(r.tabel, r.veld, r.oud, lijsten), _toon(r.tabel, r.veld, r.nieuw, lijsten), r.toelichting,
                                r.version))
    return uit


def geschiedenis_in(conn: Connection, dossier_id: uuid.UUID) -> list[WijzigingRij]:
    """The query of `dossiergeschiedenis` on an open connection. No check and no line: for a service that
    has checked the right to the dossier on `conn` and writes the line of its view (dossiers.detail)."""
    d = _kern(conn, dossier_id)
    return [] if d is None else _rijen(conn, _records(conn, d))


def dossiergeschiedenis(store: Store, dossier_id: uuid.UUID) -> list[WijzigingRij]:
    """Every kept change of the dossier's records, newest first. Readable by who may see the dossier (closed
    ones too); one audit line."""
    with store.engine.connect() as conn:
        d = _dossier(conn, store, dossier_id)
        rijen = _rijen(conn, _records(conn, d))
    inzage.dossier_gelezen(store, "wijzigingshistorie", dossier_id, d.dossiernummer,
                           f"wijzigingshistorie bekeken: {inzage.rijen_tekst(len(rijen), 'wijziging', 'wijzigingen')}")
    return rijen


def geschiedenis(store: Store, dossier_id: uuid.UUID, record_id: uuid.UUID) -> list[WijzigingRij]:
    """The kept changes of one record of the dossier (its jeugdige, gezin, a gezinslid, its aanmelding or a
    contactmoment), newest first; one audit line. A record that is not the dossier's is an error."""
    with store.engine.connect() as conn:
        d = _dossier(conn, store, dossier_id)
        records = _records(conn, d)
        if record_id not in records:
            raise ValidationError([FieldError("record", f"Dit gegeven hoort niet bij dossier {d.dossiernummer}.")])
        rijen = _rijen(conn, {record_id: records[record_id]})
    tabel = records[record_id][0]
    inzage.dossier_gelezen(store, "wijzigingshistorie", record_id, d.dossiernummer,
                           f"wijzigingshistorie van {TABEL_LABELS[tabel].lower()} bekeken: "
                           f"{inzage.rijen_tekst(len(rijen), 'wijziging', 'wijzigingen')}")
    return rijen


__all__ = [  # the API (services are the only API of ui/)
    "AanmeldingDetails", "ContactInvoer", "Gegevens", "GezinslidInvoer", "JeugdigeInvoer", "WijzigingRij",
    "contactmoment", "corrigeer_aanmelding", "corrigeer_gezin", "corrigeer_gezinslid", "corrigeer_jeugdige",
    "dossiergeschiedenis", "gegevens", "geschiedenis", "verwijder_contactmoment", "verwijder_gezinslid",
    "voeg_gezinslid_toe", "wijzig_contactmoment",
]
