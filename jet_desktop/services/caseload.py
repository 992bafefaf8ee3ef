"""Caseload: consulenten and their dossiers, consulent changes, klikgesprek, absence
and the one-action reassignment of an absent consulent's caseload.

Rights (services/autorisatie.py): lists of dossiers show only the dossiers the medewerker may see
(a jeugdconsulent: own and second-person dossiers); a change needs the right to see its dossier;
the reassignment of someone else's caseload needs Recht.TEAM_DOSSIERS. Every change writes one
audit line per dossier, in the same transaction as the change. `consulenten` (names, load and capacity, no data
of jeugdigen) is open to every role: the monitor shows it too. Lists that name jeugdigen (a caseload, a
reassignment proposal, the consulent history) write one audit line per call (services/inzage.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import BigInteger, Uuid, and_, column, func, or_, select, text
from sqlalchemy.orm import aliased

from jet_desktop.domain.caseload import Collega, TeVerdelenDossier, capaciteit, herverdeling_voorstel
from jet_desktop.domain.enums import AuditActie, ConsulentRol, KlikResultaat, Rol, Urgentie, WijzigingsReden
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.tekst import AFWEZIGHEID_VELDEN, TOELICHTING_VELDEN, tekst_fouten
from jet_desktop.services import audit, inzage, settings
from jet_desktop.services.autorisatie import dossier_zichtbaar, mag, vereis, vereis_dossier, weiger
from jet_desktop.services.naming import volledige_naam
from jet_desktop.storage.models import (
    Aanmelding,
    Afwezigheid,
    ConsulentWijziging,
    Dossier,
    Jeugdige,
    Klikgesprek,
    Medewerker,
    Triagebesluit,
)
from jet_desktop.storage.store import Store, versioned_update
from jet_desktop.storage.teamserver import is_teamserver

A, J, T, D, M = (Aanmelding.__table__, Jeugdige.__table__, Triagebesluit.__table__, Dossier.__table__,
                 Medewerker.__table__)
CW, K, AF = ConsulentWijziging.__table__, Klikgesprek.__table__, Afwezigheid.__table__


@dataclass(frozen=True)
class ConsulentRij:
    id: uuid.UUID
    naam: str
    fte: float
    capaciteit: int
    belasting: int
    afwezig_tot: date | None  # set when absent on the peildatum

    @property
    def ruimte(self) -> int:
        return self.capaciteit - self.belasting


def consulenten(store: Store, peildatum: date) -> list[ConsulentRij]:
    """Active jeugdconsulenten with caseload (active dossiers) against capacity."""
    norm = settings.instellingen(store).caseload_norm_per_fte
    if store.teamserver:  # a consulent's login sees only their own dossiers: the counts come from the server
        tellingen = func.jet_caseload().table_valued(column("consulent_id", Uuid), column("n", BigInteger))
        load = select(tellingen.c.consulent_id, tellingen.c.n).subquery()
    else:
        load = (select(D.c.consulent_id, func.count().label("n")).where(D.c.afgesloten_op.is_(None))
                .group_by(D.c.consulent_id).subquery())
    absent = (select(AF.c.medewerker_id, func.max(AF.c.tot).label("tot"))
              .where(AF.c.van <= peildatum, AF.c.tot >= peildatum, AF.c.deleted_at.is_(None))
              .group_by(AF.c.medewerker_id).subquery())
    q = (select(M.c.id, M.c.naam, M.c.fte, func.coalesce(load.c.n, 0), absent.c.tot)
         .outerjoin(load, load.c.consulent_id == M.c.id).outerjoin(absent, absent.c.medewerker_id == M.c.id)
         .where(M.c.rol == Rol.CONSULENT.value, M.c.actief.is_(True), M.c.deleted_at.is_(None))
         .order_by(M.c.naam))
    with store.engine.connect() as conn:
        return [ConsulentRij(r[0], r[1], r[2], capaciteit(r[2], norm), r[3], r[4]) for r in conn.execute(q)]


@dataclass(frozen=True)
class DossierRij:
    dossier_id: uuid.UUID
    version: int
    dossiernummer: str
    naam: str
    urgentie: str
    aanmelddatum: date
    geopend_op: date
    consulent: str
    tweede: str
    is_tweede: bool  # listed because this consulent is the second person
    tweede_consulent_id: uuid.UUID | None
    afgesloten_op: date | None = None


def dossiers_van(store: Store, consulent_id: uuid.UUID) -> list[DossierRij]:
    """Active dossiers where this consulent is primary or second person, as far as the medewerker
    may see them (a jeugdconsulent: only the ones where they are primary or second person too).
    A read of names: one audit line for the list ("caseload bekeken: N dossiers (…)"). Without casework
    rights (the functioneel beheerder) the attempt is refused with a GEWEIGERD line, not answered with an
    empty list that leaves no trace."""
    vereis(store, Recht.EIGEN_DOSSIERS)
    with store.engine.connect() as conn:
        rijen = dossiers_in(conn, store, consulent_id)
    inzage.bekeken(store, "caseload", consulent_id, "caseload van een consulent bekeken",
                   [d.dossiernummer for d in rijen], eenheid=("dossier", "dossiers"))
    return rijen


def _rij_query(store: Store):
    prim, tweede = aliased(M), aliased(M)
    return (select(D.c.id, D.c.version, A.c.dossiernummer, J.c.voornaam, J.c.tussenvoegsel, J.c.achternaam,
                   T.c.urgentie, A.c.aanmelddatum, D.c.geopend_op, prim.c.naam, tweede.c.naam, D.c.consulent_id,
                   D.c.tweede_consulent_id, D.c.afgesloten_op)
            .select_from(D).join(A, A.c.id == D.c.aanmelding_id).join(J, J.c.id == A.c.jeugdige_id)
            .outerjoin(T, T.c.id == A.c.huidig_besluit_id)
            .join(prim, prim.c.id == D.c.consulent_id).outerjoin(tweede, tweede.c.id == D.c.tweede_consulent_id)
            .where(dossier_zichtbaar(store)))


def _rij(r, consulent_id) -> DossierRij:
    return DossierRij(r[0], r[1], r[2], volledige_naam(r[3], r[4], r[5]), r[6] or "", r[7], r[8], r[9],
                      r[10] or "", r[11] != consulent_id, r[12], r[13])


def dossiers_in(conn, store: Store, consulent_id: uuid.UUID) -> list[DossierRij]:
    """The query of `dossiers_van` on an open connection (still limited to what the medewerker may see),
    without an audit line: for a service or report that writes the line of its view itself."""
    q = (_rij_query(store)
         .where(D.c.afgesloten_op.is_(None),
                or_(D.c.consulent_id == consulent_id, D.c.tweede_consulent_id == consulent_id))
         .order_by(D.c.consulent_id != consulent_id, D.c.geopend_op, A.c.dossiernummer))
    return [_rij(r, consulent_id) for r in conn.execute(q)]


def dossiers_per_consulent(conn, store: Store) -> dict[uuid.UUID, list[DossierRij]]:
    """`dossiers_in` for every consulent at once, in one query (the caseloadoverzicht of a team of hundreds:
    one query per consulent read every active dossier again for each of them). Same rows and order."""
    primair: dict[uuid.UUID, list[DossierRij]] = {}
    als_tweede: dict[uuid.UUID, list[DossierRij]] = {}
    q = _rij_query(store).where(D.c.afgesloten_op.is_(None)).order_by(D.c.geopend_op, A.c.dossiernummer)
    for r in conn.execute(q):
        primair.setdefault(r[11], []).append(_rij(r, r[11]))
        if r[12] is not None and r[12] != r[11]:
            als_tweede.setdefault(r[12], []).append(_rij(r, r[12]))
    return {c: primair.get(c, []) + als_tweede.get(c, []) for c in primair.keys() | als_tweede.keys()}


def dossier_rij(store: Store, dossier_id: uuid.UUID) -> DossierRij | None:
    """One dossier as the caseload lists it, as stored now (also when closed: `afgesloten_op`), seen from
    its vaste consulent; to reload a form after a conflict. None when it does not exist. One audit line."""
    with store.engine.connect() as conn:
        vereis_dossier(conn, store, dossier_id)
        r = conn.execute(_rij_query(store).where(D.c.id == dossier_id)).first()
    if r is None:
        return None
    rij = _rij(r, r[11])
    inzage.dossier_gelezen(store, "dossier", dossier_id, rij.dossiernummer, "dossier herladen (caseload)")
    return rij


def _dossier(conn, store: Store, dossier_id):
    """The open dossier to change, after checking the medewerker may see it."""
    vereis_dossier(conn, store, dossier_id)
    d = conn.execute(select(D.c.consulent_id, D.c.tweede_consulent_id, D.c.afgesloten_op, D.c.geopend_op,
                            A.c.dossiernummer).join(A, A.c.id == D.c.aanmelding_id)
                     .where(D.c.id == dossier_id)).first()
    if d is None:
        raise ValidationError([FieldError("dossier", "Dossier bestaat niet (meer).")])
    if d.afgesloten_op is not None:
        raise ValidationError([FieldError("dossier", f"Dossier {d.dossiernummer} is afgesloten.")])
    return d


def vereis_actieve_consulent(conn, medewerker_id: uuid.UUID, veld: str, label: str) -> None:
    """Refuse a dossier for a medewerker who is not an active jeugdconsulent (switched off, another role,
    removed): their dossiers would vanish from every caseload list. The row is read FOR SHARE on
    PostgreSQL, so switching them off at the same moment (services/medewerkers.wijzig, FOR UPDATE) waits."""
    if is_teamserver(conn):  # a login may not lock the row itself
        m = conn.execute(text("SELECT * FROM jet_consulent_vast(:id)"), {"id": medewerker_id}).first()
        m = None if m is None or m.naam is None else m
    else:
        m = conn.execute(select(M.c.naam, M.c.rol, M.c.actief).where(M.c.id == medewerker_id,
                                                                     M.c.deleted_at.is_(None))
                         .with_for_update(read=True)).first()
    if m is None or not m.actief or m.rol != Rol.CONSULENT.value:
        reden = ("bestaat niet (meer)" if m is None else "is uitgeschakeld" if not m.actief
                 else "is geen jeugdconsulent")
        raise ValidationError([FieldError(veld, f"{label}: deze medewerker {reden}; kies een actieve jeugdconsulent.")])


def lopende_waarnemingen(conn, tweede: dict[uuid.UUID, uuid.UUID | None]) -> dict[uuid.UUID, object]:
    """Per dossier (its id → its tweede persoon now) the first row of the waarneming running on it, where one
    runs: the latest changes of tweede persoon are waarnemingen (a waarneming over a waarneming is one chain) and
    the last one's colleague is still the tweede persoon. The row's `van_id` is who the tweede persoon was
    before, its `datum` when it began. One query for all the dossiers."""
    per: dict[uuid.UUID, list] = {}
    for r in conn.execute(select(CW.c.dossier_id, CW.c.van_id, CW.c.naar_id, CW.c.datum, CW.c.reden)
                          .where(CW.c.dossier_id.in_(set(tweede)), CW.c.rol == ConsulentRol.TWEEDE.value)
                          .order_by(CW.c.datum.desc(), CW.c.created_at.desc())):
        per.setdefault(r.dossier_id, []).append(r)
    return {d: w for d, rijen in per.items() if (w := _begin_van_keten(rijen, tweede[d])) is not None}


def _begin_van_keten(rijen: list, tweede_id: uuid.UUID | None):
    """`rijen`: a dossier's changes of tweede persoon, newest first."""
    if rijen[0].reden != WijzigingsReden.WAARNEMING.value or rijen[0].naar_id != tweede_id:
        return None
    eerste = rijen[0]
    for r in rijen[1:]:
        if r.reden != WijzigingsReden.WAARNEMING.value or r.naar_id != eerste.van_id:
            break
        eerste = r
    return eerste


def _wijzig_primair(conn, store, d, dossier_id, expected_version, naar_id, reden, toelichting, datum,
                    omschrijving: str) -> int:
    """Change the primary consulent; `omschrijving` is the audit line (one per dossier)."""
    vereis_actieve_consulent(conn, naar_id, "consulent", "Nieuwe consulent")
    values = {"consulent_id": naar_id}
    terug_naar = None  # the waarnemer becomes vaste consulent: the tweede persoon from before the waarneming returns
    if d.tweede_consulent_id == naar_id:  # the second person becomes primary: no longer second
        values["tweede_consulent_id"] = None
        w = lopende_waarnemingen(conn, {dossier_id: naar_id}).get(dossier_id)
        if w is not None and w.van_id not in (None, naar_id):
            try:
                vereis_actieve_consulent(conn, w.van_id, "tweede_consulent", "Tweede persoon")
                values["tweede_consulent_id"] = terug_naar = w.van_id
            except ValidationError:
                pass  # they left meanwhile: none rather than a stranger
    # version check first: a stale proposal reports who changed the dossier
    version = versioned_update(conn, store, D, dossier_id, expected_version, f"Dossier {d.dossiernummer}", **values)
    if naar_id == d.consulent_id:  # raising rolls the update back
        raise ValidationError([FieldError("consulent", "Nieuwe consulent: kies een andere consulent dan de huidige.")])
    conn.execute(CW.insert().values(store.new_row(
        dossier_id=dossier_id, rol=ConsulentRol.PRIMAIR.value, van_id=d.consulent_id, naar_id=naar_id,
        datum=datum, reden=reden, toelichting=toelichting)))
    if terug_naar is not None:
        conn.execute(CW.insert().values(store.new_row(
            dossier_id=dossier_id, rol=ConsulentRol.TWEEDE.value, van_id=naar_id, naar_id=terug_naar,
            datum=datum, reden=WijzigingsReden.EINDE_WAARNEMING.value)))
    audit.schrijf(conn, store, AuditActie.WIJZIGEN, "dossier", dossier_id, d.dossiernummer, omschrijving)
    return version


def wijzig_consulent(store: Store, dossier_id: uuid.UUID, expected_version: int, naar_id: uuid.UUID,
                     reden: str, datum: date, toelichting: str = "") -> int:
    reden_label = WijzigingsReden(reden).label.lower()
    if fouten := tekst_fouten({"toelichting": toelichting}, TOELICHTING_VELDEN):  # domain/tekst.py
        raise ValidationError(fouten)
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        return _wijzig_primair(conn, store, d, dossier_id, expected_version, naar_id, reden, toelichting, datum,
                               f"vaste consulent gewijzigd: {reden_label}")


def zet_tweede_persoon(store: Store, dossier_id: uuid.UUID, expected_version: int,
                       tweede_id: uuid.UUID | None, datum: date) -> int:
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        if tweede_id is not None and tweede_id == d.consulent_id:
            raise ValidationError([FieldError("tweede_consulent",
                                              "Tweede persoon: kies een andere medewerker dan de vaste consulent.")])
        if tweede_id == d.tweede_consulent_id:  # nothing changes (a merge that kept the colleague's choice):
            return conn.execute(select(D.c.version).where(D.c.id == dossier_id)).scalar_one()  # no history row
        if tweede_id is not None:
            vereis_actieve_consulent(conn, tweede_id, "tweede_consulent", "Tweede persoon")
        version = versioned_update(conn, store, D, dossier_id, expected_version, f"Dossier {d.dossiernummer}",
                                   tweede_consulent_id=tweede_id)
        conn.execute(CW.insert().values(store.new_row(
            dossier_id=dossier_id, rol=ConsulentRol.TWEEDE.value, van_id=d.tweede_consulent_id, naar_id=tweede_id,
            datum=datum, reden=WijzigingsReden.TWEEDE.value)))
        wat = ("verwijderd" if tweede_id is None else "ingesteld" if d.tweede_consulent_id is None else "gewijzigd")
        audit.schrijf(conn, store, AuditActie.WIJZIGEN, "dossier", dossier_id, d.dossiernummer,
                      f"tweede persoon {wat}")
        return version


def registreer_klikgesprek(store: Store, dossier_id: uuid.UUID, expected_version: int, resultaat: str,
                           datum: date, toelichting: str = "", nieuwe_consulent_id: uuid.UUID | None = None) -> int:
    """Record the klikgesprek. 'Geen klik' reassigns the dossier in the same transaction."""
    res = KlikResultaat(resultaat)
    if res is KlikResultaat.GEEN_KLIK and nieuwe_consulent_id is None:
        raise ValidationError([FieldError("consulent", "Geen klik: kies de nieuwe consulent.")])
    if fouten := tekst_fouten({"toelichting": toelichting}, TOELICHTING_VELDEN):  # domain/tekst.py
        raise ValidationError(fouten)
    with store.engine.begin() as conn:
        d = _dossier(conn, store, dossier_id)
        if datum < d.geopend_op:
            raise ValidationError([FieldError("datum", "Datum klikgesprek: ligt vóór de start van het dossier.")])
        conn.execute(K.insert().values(store.new_row(
            dossier_id=dossier_id, medewerker_id=d.consulent_id, datum=datum, resultaat=res.value,
            toelichting=toelichting.strip())))
        if res is KlikResultaat.GEEN_KLIK:
            return _wijzig_primair(conn, store, d, dossier_id, expected_version, nieuwe_consulent_id,
                                   WijzigingsReden.GEEN_KLIK.value, toelichting.strip(), datum,
                                   "klikgesprek: geen klik; vaste consulent gewijzigd")
        version = versioned_update(conn, store, D, dossier_id, expected_version, f"Dossier {d.dossiernummer}")
        audit.schrijf(conn, store, AuditActie.WIJZIGEN, "dossier", dossier_id, d.dossiernummer, "klikgesprek: klik")
        return version


def markeer_afwezig(store: Store, medewerker_id: uuid.UUID, van: date, tot: date, reden: str = "") -> uuid.UUID:
    """One's own absence, or (teamleider) anyone's. The audit line leaves the reden out (it may say why)."""
    if medewerker_id != store.user_id and not mag(store, Recht.TEAM_DOSSIERS):
        raise weiger(store, "Geen toegang: u kunt alleen uw eigen afwezigheid melden.",
                     "afwezigheid van een ander melden", "medewerker", medewerker_id)
    if tot < van:
        raise ValidationError([FieldError("tot", "Afwezig tot: ligt vóór de begindatum.")])
    if fouten := tekst_fouten({"reden": reden}, AFWEZIGHEID_VELDEN):  # domain/tekst.py
        raise ValidationError(fouten)
    row = store.new_row(medewerker_id=medewerker_id, van=van, tot=tot, reden=reden.strip())
    with store.engine.begin() as conn:
        conn.execute(AF.insert().values(row))
        audit.schrijf(conn, store, AuditActie.WIJZIGEN, "medewerker", medewerker_id,
                      omschrijving=f"afwezig gemeld van {van:%d-%m-%Y} t/m {tot:%d-%m-%Y}")
    return row["id"]


@dataclass(frozen=True)
class VoorstelRij:
    dossier_id: uuid.UUID
    version: int
    dossiernummer: str
    naam: str
    urgentie: str
    naar_id: uuid.UUID
    naar_naam: str
    boven_capaciteit: bool


def herverdeling(store: Store, afwezige_id: uuid.UUID, peildatum: date) -> list[VoorstelRij]:
    """Proposal: the absent consulent's primary dossiers spread over colleagues with room."""
    vereis(store, Recht.TEAM_DOSSIERS)
    team = consulenten(store, peildatum)
    collegas = [Collega(str(c.id), c.naam, c.capaciteit, c.belasting) for c in team
                if c.id != afwezige_id and c.afwezig_tot is None]
    with store.engine.connect() as conn:
        dossiers = [d for d in dossiers_in(conn, store, afwezige_id) if not d.is_tweede]
    inzage.bekeken(store, "caseload", afwezige_id, "voorstel herverdeling caseload bekeken",
                   [d.dossiernummer for d in dossiers], eenheid=("dossier", "dossiers"))
    by_id = {str(d.dossier_id): d for d in dossiers}
    names = {c.id: c.naam for c in collegas}
    voorstel = herverdeling_voorstel(
        [TeVerdelenDossier(str(d.dossier_id), d.dossiernummer, Urgentie(d.urgentie or "normaal"),
                           str(d.tweede_consulent_id) if d.tweede_consulent_id else None) for d in dossiers],
        collegas)
    out = []
    for v in voorstel:
        d = by_id[v.dossier_id]
        out.append(VoorstelRij(d.dossier_id, d.version, d.dossiernummer, d.naam, d.urgentie,
                               uuid.UUID(v.naar_id), names[v.naar_id], v.boven_capaciteit))
    return out


def voer_herverdeling_uit(store: Store, voorstel: list[VoorstelRij], datum: date,
                          reden: str = WijzigingsReden.AFWEZIGHEID.value, toelichting: str = "") -> int:
    """Apply a proposal in one transaction: all dossiers move, or (on a stale one) none."""
    vereis(store, Recht.TEAM_DOSSIERS)
    omschrijving = f"vaste consulent gewijzigd: herverdeling caseload ({WijzigingsReden(reden).label.lower()})"
    if fouten := tekst_fouten({"toelichting": toelichting}, TOELICHTING_VELDEN):  # domain/tekst.py
        raise ValidationError(fouten)
    with store.engine.begin() as conn:
        for v in voorstel:
            d = _dossier(conn, store, v.dossier_id)
            _wijzig_primair(conn, store, d, v.dossier_id, v.version, v.naar_id, reden, toelichting, datum,
                            omschrijving)
    return len(voorstel)


@dataclass(frozen=True)
class WijzigingRij:
    datum: date
    rol: str
    van: str
    naar: str
    reden: str
    toelichting: str
    door: str


def consulent_historie(store: Store, dossier_id: uuid.UUID) -> list[WijzigingRij]:
    """Every change of consulent of the dossier, oldest first. One audit line when read on its own; the
    dossier window reads it within its opening (dossiers.detail)."""
    with store.engine.connect() as conn:
        vereis_dossier(conn, store, dossier_id)
        rijen = historie_in(conn, dossier_id)
        nummer = conn.execute(select(A.c.dossiernummer).join(D, D.c.aanmelding_id == A.c.id)
                              .where(D.c.id == dossier_id)).scalar()
    if nummer is not None:
        inzage.dossier_gelezen(store, "dossier", dossier_id, nummer,
                               f"consulenthistorie bekeken: {inzage.rijen_tekst(len(rijen), 'wijziging', 'wijzigingen')}")
    return rijen


def historie_in(conn, dossier_id: uuid.UUID) -> list[WijzigingRij]:
    """The query of `consulent_historie` on an open connection. No check and no line: for a service that
    has checked the right to the dossier on `conn` and writes the line of its view (dossiers.detail)."""
    van, naar = aliased(M), aliased(M)
    q = (select(CW.c.datum, CW.c.rol, van.c.naam, naar.c.naam, CW.c.reden, CW.c.toelichting, CW.c.updated_by)
         .outerjoin(van, van.c.id == CW.c.van_id).outerjoin(naar, naar.c.id == CW.c.naar_id)
         .where(CW.c.dossier_id == dossier_id).order_by(CW.c.datum, CW.c.created_at))
    return [WijzigingRij(r[0], r[1], r[2] or "", r[3] or "", r[4], r[5], r[6]) for r in conn.execute(q)]


def aantal_wisselingen(store: Store, dossier_id: uuid.UUID) -> int:
    """Quality figure: changes of primary consulent after the first assignment (a count: no line)."""
    with store.engine.connect() as conn:
        vereis_dossier(conn, store, dossier_id)
        return wisselingen_in(conn, dossier_id)


def wisselingen_in(conn, dossier_id: uuid.UUID) -> int:
    return conn.execute(select(func.count()).where(and_(
        CW.c.dossier_id == dossier_id, CW.c.rol == ConsulentRol.PRIMAIR.value, CW.c.van_id.is_not(None)))).scalar_one()
