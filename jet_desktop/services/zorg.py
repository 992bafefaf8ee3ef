"""Care in the dossier: the ondersteuningsplan with the Verklarende Analyse, and toewijzingen.

Each call validates first and writes in one transaction; edits go through the optimistic lock
(`versioned_update`), a toewijzing is removed with a tombstone (`deleted_at`), never a DELETE.
Reading or changing needs the right to see the dossier (services/autorisatie.py); every change
writes its audit line in the same transaction, every read of the plan or the toewijzingen on its own
one line of its own (services/inzage.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from jet_desktop.domain.enums import AuditActie, Contractvorm
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.tekst import PLAN_VELDEN, TOEWIJZING_VELDEN, tekst_fouten
from jet_desktop.domain.toewijzing import (
    ToewijzingInvoer,
    einddatum_fouten,
    motivering_voor_opslag,
    toewijzing_fouten,
)
from jet_desktop.services import audit, codelijsten, inzage
from jet_desktop.services.autorisatie import verborgen_dossier, vereis_dossier
from jet_desktop.storage.models import Aanmelding, Dossier, Ondersteuningsplan, Toewijzing, utcnow
from jet_desktop.storage.store import StaleEditError, Store, versioned_update

__all__ = ["PlanInvoer", "PlanRij", "ToewijzingInvoer", "ToewijzingRij", "ondersteuningsplan", "sla_plan_op",
           "toewijzingen", "voeg_toewijzing_toe", "wijzig_toewijzing", "beeindig_toewijzing", "verwijder_toewijzing"]

A, D, P, TW = Aanmelding.__table__, Dossier.__table__, Ondersteuningsplan.__table__, Toewijzing.__table__

VA_DELEN = (  # the five parts of the Verklarende Analyse: the whole system around the child (§7.5)
    ("va_kind", "Kind"),
    ("va_ouders", "Ouders"),
    ("va_school", "School"),
    ("va_netwerk", "Netwerk"),
    ("va_bestaanszekerheid", "Bestaanszekerheid"),
)


# ------------------------------------------------------------------------------------------ the plan

@dataclass
class PlanInvoer:
    va_kind: str = ""
    va_ouders: str = ""
    va_school: str = ""
    va_netwerk: str = ""
    va_bestaanszekerheid: str = ""
    doelen: str = ""
    vastgesteld_op: date | None = None
    evaluatiedatum: date | None = None


@dataclass(frozen=True)
class PlanRij:
    id: uuid.UUID
    version: int
    va_kind: str
    va_ouders: str
    va_school: str
    va_netwerk: str
    va_bestaanszekerheid: str
    doelen: str
    vastgesteld_op: date | None
    evaluatiedatum: date | None
    updated_at: datetime
    updated_by: str


def ondersteuningsplan(store: Store, dossier_id: uuid.UUID) -> PlanRij | None:
    """The dossier's plan (None: none yet). A read of the plan on its own writes one audit line; the
    dossier window reads it within its opening (dossiers.detail)."""
    with store.engine.connect() as conn:
        nummer = _gezien_dossier(conn, store, dossier_id)
        plan = plan_in(conn, dossier_id)
    inzage.dossier_gelezen(store, "ondersteuningsplan", plan.id if plan else dossier_id, nummer,
                           "ondersteuningsplan bekeken" if plan else "ondersteuningsplan bekeken (nog geen plan)")
    return plan


def plan_in(conn: Connection, dossier_id: uuid.UUID) -> PlanRij | None:
    """The query of `ondersteuningsplan` on an open connection. No check and no line: for a service that
    has checked the right to the dossier on `conn` and writes the line of its view (dossiers.detail)."""
    r = conn.execute(select(P).where(P.c.dossier_id == dossier_id)).first()
    if r is None:
        return None
    return PlanRij(r.id, r.version, r.va_kind, r.va_ouders, r.va_school, r.va_netwerk, r.va_bestaanszekerheid,
                   r.doelen, r.vastgesteld_op, r.evaluatiedatum, r.updated_at, r.updated_by)


def _gezien_dossier(conn: Connection, store: Store, dossier_id: uuid.UUID) -> str:
    """Check the right to the dossier; its dossiernummer for the audit line."""
    vereis_dossier(conn, store, dossier_id)
    nummer = conn.execute(select(A.c.dossiernummer).join(D, D.c.aanmelding_id == A.c.id)
                          .where(D.c.id == dossier_id)).scalar()
    if nummer is None:
        raise ValidationError([FieldError("dossier", "Dossier bestaat niet (meer).")])
    return nummer


def plan_fouten(invoer: PlanInvoer) -> list[FieldError]:
    errors = []
    if invoer.vastgesteld_op is not None and not invoer.doelen.strip():
        errors.append(FieldError("doelen", "Doelen: verplicht zodra het plan is vastgesteld."))
    if (invoer.vastgesteld_op is not None and invoer.evaluatiedatum is not None
            and invoer.evaluatiedatum <= invoer.vastgesteld_op):
        errors.append(FieldError("evaluatiedatum", "Evaluatiedatum: moet na de datum van vaststellen liggen."))
    errors += tekst_fouten(invoer, PLAN_VELDEN, al=errors)  # control characters, lengths (domain/tekst.py)
    return errors


def sla_plan_op(store: Store, dossier_id: uuid.UUID, expected_version: int | None, invoer: PlanInvoer) -> uuid.UUID:
    """Insert the dossier's plan (expected_version None) or update it under the optimistic lock."""
    errors = plan_fouten(invoer)
    values = {veld: getattr(invoer, veld).strip() for veld, _ in VA_DELEN}
    values.update(doelen=invoer.doelen.strip(), vastgesteld_op=invoer.vastgesteld_op,
                  evaluatiedatum=invoer.evaluatiedatum)
    try:
        with store.engine.begin() as conn:
            d = _dossier(conn, store, dossier_id)
            errors += _open_dossier_fouten(d, "het ondersteuningsplan kan niet meer worden gewijzigd")
            if errors:
                raise ValidationError(errors)
            what = f"Het ondersteuningsplan van dossier {d.dossiernummer}"
            bestaand = conn.execute(select(P.c.id, P.c.updated_by, P.c.updated_at)
                                    .where(P.c.dossier_id == dossier_id)).first()
            if expected_version is None:
                if bestaand is not None:  # someone else wrote the first version meanwhile
                    raise StaleEditError(what, bestaand.updated_by, bestaand.updated_at)
                row = store.new_row(dossier_id=dossier_id, **values)
                conn.execute(P.insert().values(row))
                audit.schrijf(conn, store, AuditActie.AANMAKEN, "ondersteuningsplan", row["id"], d.dossiernummer,
                              "ondersteuningsplan vastgelegd" + _vastgesteld(invoer))
                return row["id"]
            if bestaand is None:
                raise StaleEditError(what, None, None)
            versioned_update(conn, store, P, bestaand.id, expected_version, what, **values)
            audit.schrijf(conn, store, AuditActie.WIJZIGEN, "ondersteuningsplan", bestaand.id, d.dossiernummer,
                          "ondersteuningsplan gewijzigd" + _vastgesteld(invoer))
            return bestaand.id
    except IntegrityError:  # two first saves at the same moment: the unique dossier_id refused ours
        with store.engine.connect() as conn:  # who saved it, and when (checked above; no plan text shown)
            p = plan_in(conn, dossier_id)
        raise StaleEditError("Het ondersteuningsplan", p.updated_by if p else "onbekend",
                             p.updated_at if p else None) from None


def _vastgesteld(invoer: PlanInvoer) -> str:
    return f" (vastgesteld op {invoer.vastgesteld_op:%d-%m-%Y})" if invoer.vastgesteld_op else ""


# ---------------------------------------------------------------------------------------- toewijzingen

@dataclass(frozen=True)
class ToewijzingRij:
    id: uuid.UUID
    version: int
    productcategorie: str
    product: str
    intensiteit: str
    aanbieder: str
    startdatum: date
    einddatum: date | None
    geschatte_kosten: int
    contractvorm: str
    dvo_motivering: str

    @property
    def is_dvo(self) -> bool:
        return self.contractvorm == Contractvorm.DVO.value

    def invoer(self) -> ToewijzingInvoer:
        return ToewijzingInvoer(self.productcategorie, self.product, self.intensiteit, self.aanbieder,
                                self.startdatum, self.einddatum, self.geschatte_kosten, self.contractvorm,
                                self.dvo_motivering)


def toewijzingen(store: Store, dossier_id: uuid.UUID) -> list[ToewijzingRij]:
    """The dossier's toewijzingen that are not removed, by startdatum. One audit line when read on their
    own; the dossier window reads them within its opening (dossiers.detail)."""
    with store.engine.connect() as conn:
        nummer = _gezien_dossier(conn, store, dossier_id)
        rijen = toewijzingen_in(conn, dossier_id)
    inzage.dossier_gelezen(store, "toewijzing", dossier_id, nummer,
                           f"toewijzingen bekeken: {inzage.rijen_tekst(len(rijen), 'toewijzing', 'toewijzingen')}")
    return rijen


def toewijzingen_in(conn: Connection, dossier_id: uuid.UUID) -> list[ToewijzingRij]:
    """The query of `toewijzingen` on an open connection. No check and no line: for a service that has
    checked the right to the dossier on `conn` and writes the line of its view (dossiers.detail)."""
    rows = conn.execute(
        select(TW.c.id, TW.c.version, TW.c.productcategorie, TW.c.product, TW.c.intensiteit, TW.c.aanbieder,
               TW.c.startdatum, TW.c.einddatum, TW.c.geschatte_kosten, TW.c.contractvorm, TW.c.dvo_motivering)
        .where(TW.c.dossier_id == dossier_id, TW.c.deleted_at.is_(None))
        .order_by(TW.c.startdatum, TW.c.created_at)).all()
    return [ToewijzingRij(*r) for r in rows]


def _code_fouten(conn: Connection, invoer: ToewijzingInvoer, geopend_op: date | None, huidig=None) -> list[FieldError]:
    """The rules of a toewijzing against the code lists as stored now (read once, on `conn`): a code must be
    on its list, and not ended on or before the startdatum unless the toewijzing already holds it (`huidig`:
    its productcategorie, intensiteit and aanbieder)."""
    lijsten = codelijsten.lijsten_in(conn)
    errors = toewijzing_fouten(invoer, lijsten.toewijzing_codes(), geopend_op)
    bekend = {e.field for e in errors}
    errors += [e for e in lijsten.toewijzing_beeindigd(invoer.productcategorie, invoer.intensiteit, invoer.aanbieder,
                                                        invoer.startdatum, huidig) if e.field not in bekend]
    return errors


def _values(invoer: ToewijzingInvoer) -> dict:
    return dict(productcategorie=invoer.productcategorie, product=invoer.product.strip(),
                intensiteit=invoer.intensiteit, aanbieder=invoer.aanbieder, startdatum=invoer.startdatum,
                einddatum=invoer.einddatum, geschatte_kosten=invoer.geschatte_kosten,
                contractvorm=invoer.contractvorm,
                dvo_motivering=motivering_voor_opslag(invoer.contractvorm, invoer.dvo_motivering))


def voeg_toewijzing_toe(store: Store, dossier_id: uuid.UUID, invoer: ToewijzingInvoer) -> uuid.UUID:
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        errors = _code_fouten(conn, invoer, d.geopend_op if d else None)
        errors += tekst_fouten(invoer, TOEWIJZING_VELDEN, al=errors)  # domain/tekst.py
        errors += _open_dossier_fouten(d, "er kunnen geen toewijzingen bij")
        if errors:
            raise ValidationError(errors)
        row = store.new_row(dossier_id=dossier_id, deleted_at=None, **_values(invoer))
        conn.execute(TW.insert().values(row))
        audit.schrijf(conn, store, AuditActie.AANMAKEN, "toewijzing", row["id"], d.dossiernummer,
                      "toewijzing toegevoegd" + (" (DVO maatwerk)" if invoer.contractvorm == Contractvorm.DVO.value
                                                 else ""))
    return row["id"]


def wijzig_toewijzing(store: Store, toewijzing_id: uuid.UUID, expected_version: int,
                      invoer: ToewijzingInvoer) -> int:
    """Returns the new version."""
    with store.engine.begin() as conn:
        t = _toewijzing(conn, store, toewijzing_id)
        errors = _code_fouten(conn, invoer, t.geopend_op, (t.productcategorie, t.intensiteit, t.aanbieder))
        errors += tekst_fouten(invoer, TOEWIJZING_VELDEN, al=errors)  # domain/tekst.py
        if errors:
            raise ValidationError(errors)
        version = versioned_update(conn, store, TW, toewijzing_id, expected_version, _wat(conn, t), **_values(invoer))
        _audit(conn, store, t, toewijzing_id, "toewijzing gewijzigd")
        return version


def beeindig_toewijzing(store: Store, toewijzing_id: uuid.UUID, expected_version: int, einddatum: date | None) -> int:
    with store.engine.begin() as conn:
        t = _toewijzing(conn, store, toewijzing_id)
        errors = (einddatum_fouten(t.startdatum, einddatum) if einddatum is not None
                  else [FieldError("einddatum", "Einddatum: verplicht.")])
        if errors:
            raise ValidationError(errors)
        version = versioned_update(conn, store, TW, toewijzing_id, expected_version, _wat(conn, t), einddatum=einddatum)
        _audit(conn, store, t, toewijzing_id, f"toewijzing beëindigd per {einddatum:%d-%m-%Y}")
        return version


def verwijder_toewijzing(store: Store, toewijzing_id: uuid.UUID, expected_version: int) -> int:
    """Tombstone: the row stays (with deleted_at), it no longer counts or shows."""
    with store.engine.begin() as conn:
        t = _toewijzing(conn, store, toewijzing_id)
        version = versioned_update(conn, store, TW, toewijzing_id, expected_version, _wat(conn, t), deleted_at=utcnow())
        _audit(conn, store, t, toewijzing_id, "toewijzing verwijderd")
        return version


# ------------------------------------------------------------------------------------------- helpers

def _dossier(conn: Connection, store: Store, dossier_id: uuid.UUID):
    """The dossier row, after checking the medewerker may see it."""
    vereis_dossier(conn, store, dossier_id)
    return conn.execute(select(D.c.geopend_op, D.c.afgesloten_op, A.c.dossiernummer)
                        .join(A, A.c.id == D.c.aanmelding_id).where(D.c.id == dossier_id)).first()


def _open_dossier_fouten(d, gevolg: str) -> list[FieldError]:
    """The dossier (a `_dossier` row) must exist and be open; `gevolg` says what a closed one means."""
    if d is None:
        return [FieldError("dossier", "Dossier bestaat niet (meer).")]
    if d.afgesloten_op is not None:
        return [FieldError("dossier", f"Dossier {d.dossiernummer} is afgesloten; {gevolg}.")]
    return []


def _toewijzing(conn: Connection, store: Store, toewijzing_id: uuid.UUID):
    """The toewijzing with its dossier's start and number, after checking the medewerker may see that dossier."""
    t = conn.execute(select(TW.c.productcategorie, TW.c.intensiteit, TW.c.aanbieder, TW.c.startdatum, TW.c.dossier_id, D.c.geopend_op,
                            A.c.dossiernummer)
                     .join(D, D.c.id == TW.c.dossier_id).join(A, A.c.id == D.c.aanmelding_id)
                     .where(TW.c.id == toewijzing_id, TW.c.deleted_at.is_(None))).first()
    if t is None and store.teamserver and (verborgen := verborgen_dossier(conn, "toewijzing", toewijzing_id)):
        vereis_dossier(conn, store, verborgen[0])  # in a dossier this login may not see: refused, as locally
    if t is None:
        raise StaleEditError("De toewijzing", None, None)  # "bestaat niet meer of is verwijderd"
    vereis_dossier(conn, store, t.dossier_id)
    return t


def _audit(conn: Connection, store: Store, t, toewijzing_id: uuid.UUID, omschrijving: str) -> None:
    audit.schrijf(conn, store, AuditActie.WIJZIGEN, "toewijzing", toewijzing_id, t.dossiernummer, omschrijving)


def _wat(conn: Connection, t) -> str:
    lijsten = codelijsten.lijsten_in(conn)
    return (f"De toewijzing {lijsten.productcategorie_label(t.productcategorie)} bij "
            f"{lijsten.aanbieder_label(t.aanbieder)} "
            f"(dossier {t.dossiernummer})")
