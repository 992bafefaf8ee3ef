"""Triage: the queue of aanmeldingen without a decision, decisions and their history.

The queue and decisions need Recht.TRIAGE, the history Recht.WACHTLIJST; once an aanmelding has
a dossier, also the right to see that dossier (services/autorisatie.py). A decision writes its
audit line in the same transaction. Reading the queue (names, hulpvraag, veiligheidssignalen) or an
aanmelding's decisions is a read of personal data: one audit line per call (services/inzage.py);
`aantal_wachtend` and `versie` show no one and write nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from jet_desktop.domain.enums import AuditActie, TriageUitkomst, Urgentie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.tekst import BESLUIT_VELDEN, tekst_fouten
from jet_desktop.domain.wachttijd import Signaal, triage_signaal
from jet_desktop.services import audit, codelijsten, inzage, settings
from jet_desktop.services.autorisatie import verborgen_dossier, vereis, vereis_dossier
from jet_desktop.services.naming import volledige_naam
from jet_desktop.storage.models import Aanmelding, Dossier, Jeugdige, Medewerker, Triagebesluit
from jet_desktop.storage.store import Store, versioned_update

A, J, T, M = Aanmelding.__table__, Jeugdige.__table__, Triagebesluit.__table__, Medewerker.__table__
D = Dossier.__table__


@dataclass(frozen=True)
class TriageRij:
    aanmelding_id: uuid.UUID
    version: int
    dossiernummer: str
    naam: str
    geboortedatum: date | None
    uitgerekende_datum: date | None
    aanmelddatum: date
    verwijzer: str
    hulpvraag: str
    veiligheidssignalen: str
    signaal: Signaal


def triage_wachtrij(store: Store, peildatum: date) -> list[TriageRij]:
    """Aanmeldingen still waiting for a triagebesluit, oldest first."""
    vereis(store, Recht.TRIAGE)
    normen = settings.instellingen(store).normen
    q = (
        select(A.c.id, A.c.version, A.c.dossiernummer, A.c.aanmelddatum, A.c.verwijzer_route, A.c.hulpvraag,
               A.c.veiligheidssignalen, J.c.voornaam, J.c.tussenvoegsel, J.c.achternaam, J.c.geboortedatum,
               J.c.uitgerekende_datum)
        .join(J, J.c.id == A.c.jeugdige_id)
        .where(A.c.huidig_besluit_id.is_(None), A.c.deleted_at.is_(None))
        .order_by(A.c.aanmelddatum, A.c.dossiernummer)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
        verwijzer_label = codelijsten.lijsten_in(conn).verwijzer_label
    inzage.bekeken(store, "triage", None, "triagewachtrij bekeken (met hulpvraag en veiligheidssignalen)",
                   [r.dossiernummer for r in rows], eenheid=("aanmelding", "aanmeldingen"))
    return [
        TriageRij(r.id, r.version, r.dossiernummer, volledige_naam(r.voornaam, r.tussenvoegsel, r.achternaam),
                  r.geboortedatum, r.uitgerekende_datum, r.aanmelddatum, verwijzer_label(r.verwijzer_route),
                  r.hulpvraag, r.veiligheidssignalen, triage_signaal(r.aanmelddatum, peildatum, normen))
        for r in rows
    ]


def aantal_wachtend(store: Store) -> int:
    """How many aanmeldingen wait for a triagebesluit (a count for the navigation: no audit line)."""
    vereis(store, Recht.TRIAGE)
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(A)
                            .where(A.c.huidig_besluit_id.is_(None), A.c.deleted_at.is_(None))).scalar_one()


def versie(store: Store, aanmelding_id: uuid.UUID) -> int | None:
    """The aanmelding's current version (to reload a form after a conflict; no personal data, no line);
    None when it no longer exists."""
    vereis(store, Recht.WACHTLIJST)
    with store.engine.connect() as conn:
        _vereis_dossier_van(conn, store, aanmelding_id)
        return conn.execute(select(A.c.version).where(A.c.id == aanmelding_id, A.c.deleted_at.is_(None))).scalar()


@dataclass(frozen=True)
class BesluitInvoer:
    uitkomst: str
    urgentie: str
    motivering: str
    besloten_op: date
    organisatie: str = ""
    beoogd_consulent_id: uuid.UUID | None = None


MIN_MOTIVERING = 10


def valideer_besluit(invoer: BesluitInvoer, aanmelddatum: date, vandaag: date) -> list[FieldError]:
    errors = []
    try:
        uitkomst = TriageUitkomst(invoer.uitkomst)
    except ValueError:
        errors.append(FieldError("uitkomst", "Uitkomst: kies een uitkomst."))
        uitkomst = None
    if invoer.urgentie not in {u.value for u in Urgentie}:
        errors.append(FieldError("urgentie", "Urgentie: kies spoed, hoog of normaal."))
    if len(invoer.motivering.strip()) < MIN_MOTIVERING:
        errors.append(FieldError("motivering", f"Motivering: verplicht (minstens {MIN_MOTIVERING} tekens)."))
    if uitkomst is not None and uitkomst.needs_organisatie and not invoer.organisatie.strip():
        errors.append(FieldError("organisatie", "Organisatie: noem de organisatie waarnaar wordt verwezen."))
    if invoer.besloten_op < aanmelddatum:
        errors.append(FieldError("besloten_op", "Besluitdatum: ligt vóór de aanmelddatum."))
    if invoer.besloten_op > vandaag:
        errors.append(FieldError("besloten_op", "Besluitdatum: ligt in de toekomst."))
    errors += tekst_fouten(invoer, BESLUIT_VELDEN, al=errors)  # control characters, lengths (domain/tekst.py)
    return errors


def neem_besluit(store: Store, aanmelding_id: uuid.UUID, expected_version: int, invoer: BesluitInvoer,
                 vandaag: date) -> uuid.UUID:
    """Record a (first or revised) triagebesluit; earlier decisions stay as history rows."""
    vereis(store, Recht.TRIAGE)
    with store.engine.begin() as conn:
        _vereis_dossier_van(conn, store, aanmelding_id)
        a = conn.execute(select(A.c.aanmelddatum, A.c.huidig_besluit_id, A.c.dossiernummer)
                         .where(A.c.id == aanmelding_id)).first()
        if a is None:
            raise ValidationError([FieldError("aanmelding", "Aanmelding bestaat niet (meer).")])
        errors = valideer_besluit(invoer, a.aanmelddatum, vandaag)
        if errors:
            raise ValidationError(errors)
        besluit = store.new_row(
            aanmelding_id=aanmelding_id, besloten_op=invoer.besloten_op, besloten_door_id=store.user_id,
            uitkomst=invoer.uitkomst, urgentie=invoer.urgentie, motivering=invoer.motivering.strip(),
            organisatie=invoer.organisatie.strip(), beoogd_consulent_id=invoer.beoogd_consulent_id,
            vorig_besluit_id=a.huidig_besluit_id,
        )
        conn.execute(T.insert().values(besluit))
        heeft_dossier = conn.execute(select(D.c.id).where(D.c.aanmelding_id == aanmelding_id)).first() is not None
        op_wachtlijst = TriageUitkomst(invoer.uitkomst).needs_jet_consulent and not heeft_dossier
        versioned_update(conn, store, A, aanmelding_id, expected_version, f"Aanmelding {a.dossiernummer}",
                         huidig_besluit_id=besluit["id"], op_wachtlijst=op_wachtlijst)
        audit.schrijf(conn, store, AuditActie.WIJZIGEN, "aanmelding", aanmelding_id, a.dossiernummer,
                      f"triagebesluit{' herzien' if a.huidig_besluit_id else ''}: "
                      f"{TriageUitkomst(invoer.uitkomst).label}, urgentie {Urgentie(invoer.urgentie).label.lower()}"
                      + ("; op de wachtlijst" if op_wachtlijst else ""))
    return besluit["id"]


def _vereis_dossier_van(conn, store: Store, aanmelding_id: uuid.UUID) -> None:
    """Once the aanmelding has a dossier, only who may see that dossier may read or revise its triage."""
    dossier_id = conn.execute(select(D.c.id).where(D.c.aanmelding_id == aanmelding_id)).scalar()
    if dossier_id is None and store.teamserver and (verborgen := verborgen_dossier(conn, "aanmelding", aanmelding_id)):
        dossier_id = verborgen[0]  # a dossier this login may not see: refused and logged, as locally
    if dossier_id is not None:
        vereis_dossier(conn, store, dossier_id)


@dataclass(frozen=True)
class BesluitRij:
    id: uuid.UUID
    besloten_op: date
    besloten_door: str
    uitkomst: TriageUitkomst
    urgentie: Urgentie
    motivering: str
    organisatie: str
    beoogd_consulent: str
    actueel: bool
    vastgelegd_door: str


def besluit_historie(store: Store, aanmelding_id: uuid.UUID) -> list[BesluitRij]:
    """All decisions for an aanmelding, newest first; the one in force is marked `actueel`. One audit
    line (the dossier window reads them within its opening: dossiers.detail)."""
    vereis(store, Recht.WACHTLIJST)
    with store.engine.connect() as conn:
        _vereis_dossier_van(conn, store, aanmelding_id)
        rijen = historie_in(conn, aanmelding_id)
        nummer = conn.execute(select(A.c.dossiernummer).where(A.c.id == aanmelding_id)).scalar()
    if nummer is not None:
        inzage.dossier_gelezen(store, "aanmelding", aanmelding_id, nummer,
                               f"triagehistorie bekeken: {inzage.rijen_tekst(len(rijen), 'besluit', 'besluiten')}")
    return rijen


def historie_in(conn, aanmelding_id: uuid.UUID) -> list[BesluitRij]:
    """The query of `besluit_historie` on an open connection. No check and no line: for a service that
    has checked the right to this aanmelding and writes the line of its view (dossiers.detail)."""
    door, beoogd = aliased(M), aliased(M)
    q = (
        select(T, door.c.naam.label("door_naam"), beoogd.c.naam.label("beoogd_naam"), A.c.huidig_besluit_id)
        .join(A, A.c.id == T.c.aanmelding_id)
        .outerjoin(door, door.c.id == T.c.besloten_door_id)
        .outerjoin(beoogd, beoogd.c.id == T.c.beoogd_consulent_id)
        .where(T.c.aanmelding_id == aanmelding_id)
        .order_by(T.c.created_at.desc())
    )
    rows = conn.execute(q).all()
    return [
        BesluitRij(r.id, r.besloten_op, r.door_naam or r.updated_by, TriageUitkomst(r.uitkomst), Urgentie(r.urgentie),
                   r.motivering, r.organisatie, r.beoogd_naam or "", r.id == r.huidig_besluit_id, r.updated_by)
        for r in rows
    ]
