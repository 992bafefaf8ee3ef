"""The dossier: what is known of the jeugdige and gezin, contactmomenten, closing.

Only who may see the dossier may read or change it (services/autorisatie.py: a jeugdconsulent
their own and second-person dossiers, the teamleider all). Opening one (`detail`) reads the whole
dossier view — gegevens and gezin, contactmomenten, klikgesprekken, the ondersteuningsplan, the
toewijzingen, the consulent history, the triage history and the history of corrections — after one check, on one connection, and
writes ONE OPENEN line ("dossier geopend"), plus one OPENEN line per broer or zus the gezin tab shows
(another jeugdige's name, BSN and birth date: a read of that child too). There is no way to read those parts without a line: read
on their own (zorg.ondersteuningsplan, zorg.toewijzingen, caseload.consulent_historie,
triage.besluit_historie) each writes a line of its own. A change writes its line in the same
transaction as the change."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from jet_desktop.domain.codelijsten import Codelijsten
from jet_desktop.domain.enums import Afsluitreden, AuditActie, ContactType
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.tekst import CONTACTMOMENT_VELDEN, TOELICHTING_VELDEN, tekst_fouten
from jet_desktop.services import audit, codelijsten
from jet_desktop.services.aanmeldingen import BekendeJeugdige, OuderInvoer, gezin_in
from jet_desktop.services.autorisatie import vereis_dossier
from jet_desktop.services.caseload import WijzigingRij, wisselingen_in
from jet_desktop.services.caseload import historie_in as consulent_historie_in
from jet_desktop.services.correcties import WijzigingRij as CorrectieRij
from jet_desktop.services.correcties import geschiedenis_in
from jet_desktop.services.naming import volledige_naam
from jet_desktop.services.triage import BesluitRij
from jet_desktop.services.triage import historie_in as triage_historie_in
from jet_desktop.services.zorg import PlanRij, ToewijzingRij, plan_in, toewijzingen_in
from jet_desktop.storage.models import Aanmelding, Contactmoment, Dossier, Jeugdige, Klikgesprek, Medewerker
from jet_desktop.storage.store import Store, versioned_update

A, J, D, M = Aanmelding.__table__, Jeugdige.__table__, Dossier.__table__, Medewerker.__table__
C, K = Contactmoment.__table__, Klikgesprek.__table__


@dataclass(frozen=True)
class ContactRij:
    id: uuid.UUID
    datum: date
    type: str
    duur_minuten: int
    notitie: str
    medewerker: str
    version: int = 1  # for a correction under the optimistic lock (services/correcties.py)


@dataclass(frozen=True)
class KlikRij:
    datum: date
    consulent: str
    resultaat: str
    toelichting: str


@dataclass(frozen=True)
class DossierDetail:
    dossier_id: uuid.UUID
    version: int
    aanmelding_id: uuid.UUID
    dossiernummer: str
    jeugdige_id: uuid.UUID
    naam: str
    geboortedatum: date | None
    uitgerekende_datum: date | None
    bsn: str | None
    adres: str
    wijk: str
    school: str
    aanmelddatum: date
    verwijzer: str
    hulpvraag: str
    veiligheidssignalen: str
    regie: str
    steunfiguur: str
    geopend_op: date
    consulent: str
    tweede: str
    afgesloten_op: date | None
    afsluitreden: str
    broers_zussen: list[BekendeJeugdige]
    ouders: list[OuderInvoer]
    contacten: list[ContactRij]
    klikgesprekken: list[KlikRij]
    plan: PlanRij | None = None
    toewijzingen: list[ToewijzingRij] = field(default_factory=list)
    consulent_historie: list[WijzigingRij] = field(default_factory=list)
    wisselingen: int = 0
    triage_historie: list[BesluitRij] = field(default_factory=list)
    geschiedenis: list[CorrectieRij] = field(default_factory=list)  # corrections (services/correcties.py)
    codelijsten: Codelijsten = field(default_factory=Codelijsten)  # as stored at the opening: the tabs' labels
    gelezen_door: uuid.UUID | None = None  # the medewerker whose opening this is (herlees: no second line)
    afsluit_toelichting: str = ""


def detail(store: Store, dossier_id: uuid.UUID) -> DossierDetail:
    """Everything the dossier screen shows, all its tabs; refused (GeenToegang, and a GEWEIGERD line) for a
    dossier the medewerker may not see. Logged as one opening of the dossier."""
    return _lees(store, dossier_id, None)


def herlees(store: Store, geopend: DossierDetail) -> DossierDetail:
    """The open dossier read again (after a save in its window): the rights checked again, and no second
    "dossier geopend" line — one opening is one line. A broer or zus it did not show before still gets its
    line; a detail read by another medewerker (a different sign-in) is a new opening with its own line."""
    return _lees(store, geopend.dossier_id, geopend if geopend.gelezen_door == store.user_id else None)


def _lees(store: Store, dossier_id: uuid.UUID, geopend: DossierDetail | None) -> DossierDetail:
    with store.engine.connect() as conn:
        vereis_dossier(conn, store, dossier_id)
        d = detail_in(conn, store, dossier_id)
    al_getoond = {k.id for k in geopend.broers_zussen} if geopend is not None else set()
    nieuw = [k for k in d.broers_zussen if k.id not in al_getoond]
    if geopend is None or nieuw:
        with store.engine.begin() as conn:  # the opening, and each other child of the gezin it shows (their own
            # name, BSN and birth date are on the gezin tab: a read of that child too, as in aanmeldingen.gezin_van)
            if geopend is None:
                audit.schrijf(conn, store, AuditActie.OPENEN, "dossier", dossier_id, d.dossiernummer,
                              "dossier geopend")
            for k in nieuw:
                audit.schrijf(conn, store, AuditActie.OPENEN, "jeugdige", k.id,
                              omschrijving=f"broer of zus getoond bij het openen van dossier {d.dossiernummer}")
    return d


def detail_in(conn, store: Store, dossier_id: uuid.UUID) -> DossierDetail:
    """What `detail` reads, on an open connection, with NO rights check and NO audit line: for a service that
    has checked the dossier on `conn` (vereis_dossier) and writes the one line of its own view (a print:
    reports/dossierafdruk.py). Contactmomenten newest first."""
    prim, tweede = aliased(M), aliased(M)
    q = (select(D, A.c.dossiernummer, A.c.aanmelddatum, A.c.verwijzer_route, A.c.verwijzer_organisatie,
                A.c.hulpvraag, A.c.veiligheidssignalen, A.c.regie, A.c.steunfiguur_naam, A.c.steunfiguur_relatie,
                J.c.id.label("jid"), J.c.gezin_id, J.c.voornaam, J.c.tussenvoegsel, J.c.achternaam, J.c.geboortedatum,
                J.c.uitgerekende_datum, J.c.bsn, J.c.adres, J.c.postcode, J.c.woonplaats, J.c.wijk, J.c.school,
                prim.c.naam.label("prim"), tweede.c.naam.label("tweede"))
         .select_from(D).join(A, A.c.id == D.c.aanmelding_id).join(J, J.c.id == A.c.jeugdige_id)
         .join(prim, prim.c.id == D.c.consulent_id).outerjoin(tweede, tweede.c.id == D.c.tweede_consulent_id)
         .where(D.c.id == dossier_id))
    r = conn.execute(q).first()
    if r is None:
        raise ValidationError([FieldError("dossier", "Dossier bestaat niet (meer).")])
    contacten = [ContactRij(c.id, c.datum, c.type, c.duur_minuten, c.notitie, c.naam or "", c.version)
                 for c in conn.execute(
        select(C.c.id, C.c.datum, C.c.type, C.c.duur_minuten, C.c.notitie, M.c.naam, C.c.version)
        .outerjoin(M, M.c.id == C.c.medewerker_id)
        .where(C.c.dossier_id == dossier_id, C.c.deleted_at.is_(None)).order_by(C.c.datum.desc(), C.c.created_at.desc()))]
    klik = [KlikRij(k.datum, k.naam, k.resultaat, k.toelichting) for k in conn.execute(
        select(K.c.datum, M.c.naam, K.c.resultaat, K.c.toelichting).join(M, M.c.id == K.c.medewerker_id)
        .where(K.c.dossier_id == dossier_id).order_by(K.c.datum))]
    kinderen, ouders = gezin_in(conn, r.gezin_id)
    plan, toewijzingen = plan_in(conn, dossier_id), toewijzingen_in(conn, dossier_id)
    historie, wisselingen = consulent_historie_in(conn, dossier_id), wisselingen_in(conn, dossier_id)
    triage_historie = triage_historie_in(conn, r.aanmelding_id)
    geschiedenis = geschiedenis_in(conn, dossier_id)
    lijsten = codelijsten.lijsten_in(conn)
    verwijzer = lijsten.verwijzer_label(r.verwijzer_route) + (f" — {r.verwijzer_organisatie}" if r.verwijzer_organisatie else "")
    steun = r.steunfiguur_naam + (f" ({r.steunfiguur_relatie})" if r.steunfiguur_relatie else "")
    adres = ", ".join(p for p in (r.adres, f"{r.postcode} {r.woonplaats}".strip()) if p)
    return DossierDetail(
        r.id, r.version, r.aanmelding_id, r.dossiernummer, r.jid, volledige_naam(r.voornaam, r.tussenvoegsel, r.achternaam),
        r.geboortedatum, r.uitgerekende_datum, r.bsn, adres, r.wijk, r.school, r.aanmelddatum, verwijzer, r.hulpvraag,
        r.veiligheidssignalen, r.regie, steun, r.geopend_op, r.prim, r.tweede or "", r.afgesloten_op, r.afsluitreden,
        [k for k in kinderen if k.id != r.jid], ouders, contacten, klik, plan, toewijzingen, historie, wisselingen,
        triage_historie, geschiedenis, lijsten, store.user_id, r.afsluit_toelichting or "")


def voeg_contactmoment_toe(store: Store, dossier_id: uuid.UUID, datum: date, type: str, duur_minuten: int,
                           notitie: str, vandaag: date) -> uuid.UUID:
    errors = []
    if type not in {t.value for t in ContactType}:
        errors.append(FieldError("type", "Type contact: kies een type uit de lijst."))
    if datum > vandaag:
        errors.append(FieldError("datum", "Datum: een contactmoment kan niet in de toekomst liggen."))
    if not 0 <= duur_minuten <= 24 * 60:
        errors.append(FieldError("duur", "Duur: tussen 0 en 1440 minuten."))
    if not notitie.strip():
        errors.append(FieldError("notitie", "Notitie: verplicht."))
    errors += tekst_fouten({"notitie": notitie}, CONTACTMOMENT_VELDEN, al=errors)  # domain/tekst.py
    with store.engine.begin() as conn:
        vereis_dossier(conn, store, dossier_id)
        d = conn.execute(select(D.c.geopend_op, D.c.afgesloten_op, A.c.dossiernummer)
                         .join(A, A.c.id == D.c.aanmelding_id).where(D.c.id == dossier_id)).first()
        if d is None:
            errors.append(FieldError("dossier", "Dossier bestaat niet (meer)."))
        elif d.afgesloten_op is not None:
            errors.append(FieldError("dossier", "Dossier is afgesloten; er kunnen geen contactmomenten bij."))
        elif datum < d.geopend_op:
            errors.append(FieldError("datum", "Datum: ligt vóór de start van het dossier."))
        if errors:
            raise ValidationError(errors)
        row = store.new_row(dossier_id=dossier_id, medewerker_id=store.user_id, datum=datum, type=type,
                            duur_minuten=duur_minuten, notitie=notitie.strip())
        conn.execute(C.insert().values(row))
        audit.schrijf(conn, store, AuditActie.AANMAKEN, "contactmoment", row["id"], d.dossiernummer,
                      f"contactmoment toegevoegd ({ContactType(type).label.lower()}, {duur_minuten} min)")
    return row["id"]


def sluit_af(store: Store, dossier_id: uuid.UUID, expected_version: int, datum: date, reden: str,
             toelichting: str, vandaag: date) -> int:
    errors = []
    if reden not in {r.value for r in Afsluitreden}:
        errors.append(FieldError("reden", "Reden: kies een reden van afsluiten."))
    if datum > vandaag:
        errors.append(FieldError("datum", "Einddatum: ligt in de toekomst."))
    if reden == Afsluitreden.ANDERS.value and not toelichting.strip():
        errors.append(FieldError("toelichting", "Toelichting: verplicht bij reden 'Anders'."))
    errors += tekst_fouten({"toelichting": toelichting}, TOELICHTING_VELDEN, al=errors)  # domain/tekst.py
    with store.engine.begin() as conn:
        vereis_dossier(conn, store, dossier_id)
        d = conn.execute(select(D.c.geopend_op, D.c.afgesloten_op, A.c.dossiernummer)
                         .join(A, A.c.id == D.c.aanmelding_id).where(D.c.id == dossier_id)).first()
        if d is None:
            errors.append(FieldError("dossier", "Dossier bestaat niet (meer)."))
        elif d.afgesloten_op is not None:
            errors.append(FieldError("dossier", f"Dossier {d.dossiernummer} is al afgesloten."))
        elif datum < d.geopend_op:
            errors.append(FieldError("datum", "Einddatum: ligt vóór de start van het dossier."))
        if errors:
            raise ValidationError(errors)
        version = versioned_update(conn, store, D, dossier_id, expected_version, f"Dossier {d.dossiernummer}",
                                   afgesloten_op=datum, afsluitreden=reden, afsluit_toelichting=toelichting.strip())
        audit.schrijf(conn, store, AuditActie.WIJZIGEN, "dossier", dossier_id, d.dossiernummer,
                      f"afgesloten: {Afsluitreden(reden).label.lower()}")
        return version
