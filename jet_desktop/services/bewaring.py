"""Retention: list the closed dossiers past the bewaartermijn and destroy their personal data.

The rule (the term, the last change) is in jet_desktop/domain/bewaring.py; what is destroyed and
what is kept is in docs/bewaring.md and in `_vernietig_*` below. Destruction overwrites the
personal data in place (names, BSN, birth dates, address, every free text) and keeps the rows,
dates, codes and counts, so the monitor toegang and the matched-care figures are the same before
and after; the change history of corrected records (recordwijziging) of what goes is deleted, as it holds
old values, and the toelichting of history rows written through a destroyed dossier on records that stay
(a gezin shared with a sibling's dossier) is blanked. It is all-or-nothing: one transaction for every chosen dossier, with one audit line
(VERNIETIGEN) per dossier in that same transaction.

On SQLite the destroying connection runs with `PRAGMA secure_delete=ON` (the space the old values
occupied is overwritten with zeros) and the WAL is checkpointed and truncated after the commit,
so the old page images do not linger in the -wal file. Older reservekopieën still hold the data
until they rotate out (docs/bewaring.md).
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import and_, delete, exists, func, not_, or_, select, union_all, update
from sqlalchemy.engine import Connection

from jet_desktop.domain import bewaring as regel
from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.rollen import Recht
from jet_desktop.services import audit, settings
from jet_desktop.services.autorisatie import vereis, weiger
from jet_desktop.storage.models import (
    Aanmelding,
    ConsulentWijziging,
    Contactmoment,
    Dossier,
    Gezin,
    Gezinslid,
    Jeugdige,
    Klikgesprek,
    Ondersteuningsplan,
    Recordwijziging,
    Toewijzing,
    Triagebesluit,
    utcnow,
)
from jet_desktop.storage.store import Store

D, A, J, T = Dossier.__table__, Aanmelding.__table__, Jeugdige.__table__, Triagebesluit.__table__
C, TW, OP = Contactmoment.__table__, Toewijzing.__table__, Ondersteuningsplan.__table__
K, CW = Klikgesprek.__table__, ConsulentWijziging.__table__
G, GL = Gezin.__table__, Gezinslid.__table__
RW = Recordwijziging.__table__

VERNIETIGD = "vernietigd"  # the marker left in names and required texts (the screens show it)
# ids per statement: the UNION in _wijzigingen repeats them nine times, and SQLite allows 32,766 variables
STUK = 500


def _stukken(items) -> list[list]:
    items = list(items)
    return [items[i:i + STUK] for i in range(0, len(items), STUK)]


@dataclass(frozen=True)
class TeVernietigen:
    """A closed dossier past its term. No names: the dossiernummer and the dates identify it."""

    dossier_id: uuid.UUID
    dossiernummer: str
    afgesloten_op: date
    laatste_wijziging: date
    vernietigbaar_vanaf: date
    # dossiernummers of the jeugdige's other aanmeldingen that stay: while one does, the jeugdige's
    # own personal data (name, BSN, ...) stay too; the texts of this dossier go regardless
    blijft_bij: tuple[str, ...] = ()

    @property
    def opmerking(self) -> str:
        if not self.blijft_bij:
            return ""
        return "Gegevens van de jeugdige blijven: ook in " + ", ".join(self.blijft_bij)


@dataclass(frozen=True)
class Vernietiging:
    """What `vernietig` did."""

    dossiernummers: tuple[str, ...]
    jeugdigen: int  # jeugdigen whose personal data went (their last dossier was destroyed)
    gezinnen: int  # gezinnen whose name and gezinsleden went (no jeugdige of theirs left)
    bestand_opgeschoond: bool | None  # SQLite: the WAL was checkpointed and emptied; None on PostgreSQL


# -- the last change of each closed dossier ---------------------------------------------------------


def _wijzigingen(dossier_filter):
    """(dossier_id, updated_at) of a dossier and every row that belongs to it (domain/bewaring.py)."""
    eigen = [select(D.c.id.label("dossier_id"), D.c.updated_at.label("updated_at")).where(dossier_filter)]
    for t in (C, TW, OP, K, CW):
        eigen.append(select(t.c.dossier_id, t.c.updated_at).join(D, D.c.id == t.c.dossier_id).where(dossier_filter))
    eigen.append(select(D.c.id, A.c.updated_at).join(A, A.c.id == D.c.aanmelding_id).where(dossier_filter))
    eigen.append(select(D.c.id, T.c.updated_at).join(T, T.c.aanmelding_id == D.c.aanmelding_id).where(dossier_filter))
    eigen.append(select(D.c.id, J.c.updated_at).join(A, A.c.id == D.c.aanmelding_id)
                 .join(J, J.c.id == A.c.jeugdige_id).where(dossier_filter))
    return union_all(*eigen).subquery("wijziging")


def _dag(ts) -> date | None:
    """The local calendar day of a stored timestamp (SQLite hands back UTC without a zone)."""
    if ts is None:
        return None
    if isinstance(ts, str):  # defensive: a driver that returns the raw text
        ts = datetime.fromisoformat(ts)
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.astimezone().date()


@dataclass(frozen=True)
class _Gesloten:
    dossier_id: uuid.UUID
    dossiernummer: str
    jeugdige_id: uuid.UUID
    afgesloten_op: date | None
    vernietigd_op: datetime | None
    laatste_wijziging: date | None


def _gesloten(conn: Connection, dossier_filter) -> list[_Gesloten]:
    """The dossiers of the filter with their closing date, destruction mark and last change."""
    w = _wijzigingen(dossier_filter)
    laatste = {r.dossier_id: r.laatste for r in conn.execute(
        select(w.c.dossier_id, func.max(w.c.updated_at).label("laatste")).group_by(w.c.dossier_id))}
    rows = conn.execute(select(D.c.id, A.c.dossiernummer, A.c.jeugdige_id, D.c.afgesloten_op, D.c.vernietigd_op)
                        .join(A, A.c.id == D.c.aanmelding_id).where(dossier_filter)
                        .order_by(D.c.afgesloten_op, A.c.dossiernummer)).all()
    out = []
    for r in rows:
        wijziging = _dag(laatste.get(r.id))
        laatst = (regel.laatste_wijziging(r.afgesloten_op, [wijziging]) if r.afgesloten_op is not None
                  else wijziging)
        out.append(_Gesloten(r.id, r.dossiernummer, r.jeugdige_id, r.afgesloten_op, r.vernietigd_op, laatst))
    return out


def _blijvende_aanmeldingen(conn: Connection, jeugdige_ids) -> dict[uuid.UUID, list[tuple[str, uuid.UUID | None]]]:
    """jeugdige id -> (dossiernummer, dossier id or None) of each of their aanmeldingen that is not in a
    destroyed dossier. An aanmelding without a dossier stays: it has no closing date to count from."""
    out: dict[uuid.UUID, list[tuple[str, uuid.UUID | None]]] = defaultdict(list)
    if not jeugdige_ids:
        return out
    for stuk in _stukken(jeugdige_ids):
        rows = conn.execute(select(A.c.jeugdige_id, A.c.dossiernummer, D.c.id.label("dossier_id"))
                            .outerjoin(D, D.c.aanmelding_id == A.c.id)
                            .where(A.c.jeugdige_id.in_(stuk), D.c.vernietigd_op.is_(None))
                            .order_by(A.c.dossiernummer)).all()
        for r in rows:
            out[r.jeugdige_id].append((r.dossiernummer, r.dossier_id))
    return out


def _behalve(blijvend: list[tuple[str, uuid.UUID | None]], dossier_id: uuid.UUID) -> tuple[str, ...]:
    return tuple(nr for nr, did in blijvend if did != dossier_id)


OP_DE_TEAMSERVER = ("Op de teamserver ziet de login van een functioneel beheerder geen dossiers, dus ook niet welke "
                    "vernietigd moeten worden. IT vernietigt ze met de beheerderslogin van de server: "
                    "jet-desktop bewaring lijst --url … en jet-desktop bewaring vernietig --url … (docs/teamserver.md).")


def _vereis_bewaring(store: Store) -> None:
    """Recht.BEWARING; on the team server only for IT's own login (the system): the beheerder's login has no
    grant on casework there (storage/teamserver.py), so it is refused in Dutch before a query fails."""
    vereis(store, Recht.BEWARING)
    if store.teamserver and store.rol is not None:
        raise weiger(store, OP_DE_TEAMSERVER, "bewaring op de teamserver", "recht", Recht.BEWARING.name)


def te_vernietigen(store: Store, vandaag: date) -> list[TeVernietigen]:
    """Closed, not yet destroyed dossiers whose term has passed on `vandaag`, oldest closing first."""
    _vereis_bewaring(store)
    jaren = settings.instellingen(store).bewaartermijn_jaren
    with store.engine.connect() as conn:
        gesloten = _gesloten(conn, and_(D.c.afgesloten_op.is_not(None), D.c.vernietigd_op.is_(None)))
        klaar = [g for g in gesloten if regel.is_vernietigbaar(g.afgesloten_op, g.laatste_wijziging, jaren, vandaag)]
        blijvend = _blijvende_aanmeldingen(conn, {g.jeugdige_id for g in klaar})
    return [TeVernietigen(g.dossier_id, g.dossiernummer, g.afgesloten_op, g.laatste_wijziging,
                          regel.vernietigbaar_vanaf(g.laatste_wijziging, jaren),
                          _behalve(blijvend.get(g.jeugdige_id, []), g.dossier_id))
            for g in klaar]


def dossier_ids(store: Store, dossiernummers: list[str]) -> list[uuid.UUID]:
    """The dossiers of these dossiernummers (for the command line); an unknown number is an error."""
    with store.engine.connect() as conn:
        found = {r.dossiernummer: r.id for r in conn.execute(
            select(D.c.id, A.c.dossiernummer).join(A, A.c.id == D.c.aanmelding_id)
            .where(A.c.dossiernummer.in_(list(dossiernummers))))}
    fouten = [FieldError("dossier", f"Dossier {nr}: bestaat niet (of heeft geen dossier, alleen een aanmelding).")
              for nr in dossiernummers if nr not in found]
    if fouten:
        raise ValidationError(fouten)
    return [found[nr] for nr in dict.fromkeys(dossiernummers)]


# -- destruction ------------------------------------------------------------------------------------


def _weigeringen(ids: list[uuid.UUID], gesloten: dict[uuid.UUID, _Gesloten], jaren: int,
                 vandaag: date) -> list[FieldError]:
    fouten = []
    for did in ids:
        g = gesloten.get(did)
        if g is None:
            fouten.append(FieldError("dossier", "Een gekozen dossier bestaat niet (meer)."))
        elif g.vernietigd_op is not None:
            fouten.append(FieldError("dossier", f"Dossier {g.dossiernummer}: is al vernietigd "
                                                f"({_dag(g.vernietigd_op):%d-%m-%Y})."))
        elif g.afgesloten_op is None:
            fouten.append(FieldError("dossier", f"Dossier {g.dossiernummer}: is niet afgesloten; alleen een "
                                                "afgesloten dossier kan na de bewaartermijn worden vernietigd."))
        elif not regel.is_vernietigbaar(g.afgesloten_op, g.laatste_wijziging, jaren, vandaag):
            vanaf = regel.vernietigbaar_vanaf(g.laatste_wijziging, jaren)
            fouten.append(FieldError("dossier", f"Dossier {g.dossiernummer}: de bewaartermijn van {jaren} jaar na de "
                                                f"laatste wijziging ({g.laatste_wijziging:%d-%m-%Y}) is nog niet "
                                                f"verstreken; vernietigen kan vanaf {vanaf:%d-%m-%Y}."))
    return fouten


def _zet(conn: Connection, store: Store, table, where, **values) -> None:
    """Overwrite columns of every row matching `where`, as a change: version + 1, updated_at/by."""
    conn.execute(update(table).where(where).values(version=table.c.version + 1, **store.stamp(), **values))


def _vernietig_dossiers(conn: Connection, store: Store, ids: list[uuid.UUID], aanmelding_ids: list[uuid.UUID]) -> None:
    """The texts of the dossiers themselves; rows, dates, codes and amounts stay."""
    _zet(conn, store, D, D.c.id.in_(ids), afsluit_toelichting="", vernietigd_op=utcnow())
    _zet(conn, store, A, A.c.id.in_(aanmelding_ids), hulpvraag=VERNIETIGD, veiligheidssignalen="",
         verwijzer_contactpersoon="", steunfiguur_naam="", steunfiguur_relatie="")
    _zet(conn, store, T, T.c.aanmelding_id.in_(aanmelding_ids), motivering=VERNIETIGD)
    _zet(conn, store, C, C.c.dossier_id.in_(ids), notitie=VERNIETIGD)
    _zet(conn, store, K, K.c.dossier_id.in_(ids), toelichting="")
    _zet(conn, store, CW, CW.c.dossier_id.in_(ids), toelichting="")
    _zet(conn, store, TW, TW.c.dossier_id.in_(ids), dvo_motivering="")
    _zet(conn, store, OP, OP.c.dossier_id.in_(ids), va_kind="", va_ouders="", va_school="", va_netwerk="",
         va_bestaanszekerheid="", doelen="")


def _vernietig_jeugdigen(conn: Connection, store: Store, jeugdige_ids: list[uuid.UUID]) -> None:
    """Everything that identifies the jeugdige. Kept: gezin_id (the link), school (matched care per school)."""
    _zet(conn, store, J, J.c.id.in_(jeugdige_ids), voornaam="", tussenvoegsel="", achternaam=VERNIETIGD,
         geboortedatum=None, uitgerekende_datum=None, bsn=None, geslacht="x", adres="", postcode="", woonplaats="",
         wijk="")


def _vernietig_gezinnen(conn: Connection, store: Store, gezin_ids: list[uuid.UUID]) -> None:
    """The gezin's name and its parents/carers (removed ones too); relatie and gezag stay."""
    _zet(conn, store, G, G.c.id.in_(gezin_ids), naam=VERNIETIGD)
    _zet(conn, store, GL, GL.c.gezin_id.in_(gezin_ids), naam=VERNIETIGD, telefoon="")


def _vernietig_historie(conn: Connection, record_ids) -> None:
    """The change history (recordwijziging, services/correcties.py) of these records: it holds their old
    values, so the rows are deleted (they count in no figure)."""
    for stuk in _stukken(record_ids):
        conn.execute(delete(RW).where(RW.c.record_id.in_(stuk)))


def _vernietig_toelichtingen(conn: Connection, dossier_ids) -> None:
    """The toelichting of the history rows written through these dossiers (services/correcties.py) on records
    that stay, e.g. a gezin shared with a sibling's dossier: the note belongs to the destroyed dossier and
    goes; the old and new values are the staying record's own history and stay (the migration's trigger
    allows this one UPDATE: blanking the toelichting)."""
    for stuk in _stukken(dossier_ids):
        conn.execute(update(RW).where(RW.c.dossier_id.in_(stuk), RW.c.toelichting != "").values(toelichting=""))


def _gezinnen_zonder_jeugdigen(conn: Connection, gezin_ids: set[uuid.UUID]) -> list[uuid.UUID]:
    """Of these gezinnen, those with no jeugdige whose personal data stays: every jeugdige has
    aanmeldingen and each of them is in a destroyed dossier."""
    if not gezin_ids:
        return []
    levend_aanmelding = (select(A.c.id).outerjoin(D, D.c.aanmelding_id == A.c.id)
                         .where(A.c.jeugdige_id == J.c.id, D.c.vernietigd_op.is_(None)).correlate(J))
    heeft_aanmelding = select(A.c.id).where(A.c.jeugdige_id == J.c.id).correlate(J)
    blijven: set[uuid.UUID] = set()
    for stuk in _stukken(gezin_ids):
        levend = select(J.c.gezin_id).where(J.c.gezin_id.in_(stuk),
                                           or_(exists(levend_aanmelding), not_(exists(heeft_aanmelding))))
        blijven.update(conn.execute(levend).scalars())
    return sorted(set(gezin_ids) - blijven, key=str)


def _sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def _wal_legen(conn: Connection, pogingen: int = 20) -> bool:
    """Copy the WAL into the database file and truncate it to zero bytes; False when another
    connection keeps reading an older snapshot all the time (then SQLite empties it later)."""
    for _ in range(pogingen):
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()[0]
        conn.commit()
        if not busy:
            return True
        time.sleep(0.05)
    return False


def _vernietig_in(conn: Connection, store: Store, ids: list[uuid.UUID], jaren: int, vandaag: date):
    """The destruction inside the open transaction; returns (gesloten, blijvende aanmeldingen, destroyed
    jeugdigen, destroyed gezinnen). Raises ValidationError before writing anything when a dossier may not go."""
    # take the write lock (SQLite) / the row locks (PostgreSQL) before reading the state, so nothing
    # changes between the check and the destruction; the version is bumped below
    for stuk in _stukken(ids):
        conn.execute(update(D).where(D.c.id.in_(stuk)).values(version=D.c.version))
    gesloten = {g.dossier_id: g for stuk in _stukken(ids) for g in _gesloten(conn, D.c.id.in_(stuk))}
    fouten = _weigeringen(ids, gesloten, jaren, vandaag)
    if fouten:
        raise ValidationError(fouten)
    for stuk in _stukken(ids):
        aanmelding_ids = list(conn.execute(select(D.c.aanmelding_id).where(D.c.id.in_(stuk))).scalars())
        _vernietig_dossiers(conn, store, stuk, aanmelding_ids)
        _vernietig_historie(conn, aanmelding_ids + list(conn.execute(
            select(C.c.id).where(C.c.dossier_id.in_(stuk))).scalars()))
    # a jeugdige goes with their last dossier: no aanmelding of theirs is left undestroyed
    jeugdigen = {g.jeugdige_id for g in gesloten.values()}
    blijven = _blijvende_aanmeldingen(conn, jeugdigen)
    weg = sorted(jeugdigen - set(blijven), key=str)
    gezin_ids: set[uuid.UUID] = set()
    for stuk in _stukken(weg):
        _vernietig_jeugdigen(conn, store, stuk)
        _vernietig_historie(conn, stuk)
        gezin_ids.update(conn.execute(select(J.c.gezin_id).where(J.c.id.in_(stuk))).scalars())
    gezinnen = _gezinnen_zonder_jeugdigen(conn, gezin_ids)
    for stuk in _stukken(gezinnen):
        _vernietig_gezinnen(conn, store, stuk)
        _vernietig_historie(conn, stuk + list(conn.execute(select(GL.c.id).where(GL.c.gezin_id.in_(stuk))).scalars()))
    _vernietig_toelichtingen(conn, ids)
    for did in ids:
        g = gesloten[did]
        rest = [nr for nr, _ in blijven.get(g.jeugdige_id, [])]
        wat = ("gegevens van de jeugdige blijven zolang " + ", ".join(rest) + " bestaat" if rest
               else "ook de gegevens van de jeugdige")
        audit.schrijf(conn, store, AuditActie.VERNIETIGEN, "dossier", did, client=g.dossiernummer,
                      omschrijving=f"Persoonsgegevens vernietigd na de bewaartermijn ({jaren} jaar na de "
                                   f"laatste wijziging op {g.laatste_wijziging:%d-%m-%Y}); {wat}.")
    return gesloten, blijven, weg, gezinnen


def vernietig(store: Store, dossier_ids: list[uuid.UUID], vandaag: date) -> Vernietiging:
    """Destroy the personal data of these closed dossiers past their term, all or nothing.

    Refused as a whole (ValidationError naming each dossiernummer; nothing changed) when one of
    them is not closed, already destroyed, or not yet past its term on `vandaag`."""
    _vereis_bewaring(store)
    ids = list(dict.fromkeys(dossier_ids))
    if not ids:
        raise ValidationError([FieldError("dossier", "Kies ten minste één dossier om te vernietigen.")])
    jaren = settings.instellingen(store).bewaartermijn_jaren
    with store.engine.connect() as conn:
        sqlite = _sqlite(conn)
        if sqlite:
            vorige = int(conn.exec_driver_sql("PRAGMA secure_delete").scalar() or 0)
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
            conn.commit()
        try:
            with conn.begin():
                gesloten, _blijven, weg, gezinnen = _vernietig_in(conn, store, ids, jaren, vandaag)
            opgeschoond = _wal_legen(conn) if sqlite else None
        finally:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA secure_delete={vorige}")
                conn.commit()
    nummers = tuple(sorted(gesloten[d].dossiernummer for d in ids))
    return Vernietiging(nummers, len(weg), len(gezinnen), opgeschoond)
