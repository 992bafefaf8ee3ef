"""Offline home visits (docs/sync.md): take the caseload along (`meenemen`), send what was recorded on the
laptop and fetch the server's state (`synchroniseer`), and say truthfully where the laptop stands (`status`).

- Every write on the laptop is in its outbox, by trigger, in the write's own transaction
  (storage/synctriggers.py). The push sends it in batches; the server applies a batch in one transaction as
  the medewerker's own login, so row-level security decides what may be written, and records each
  operation id with its result (sync_toegepast). A batch resent after a crash or a lost reply is answered
  from there: nothing is applied twice. An operation leaves the outbox only when acknowledged.
- An update is applied when the row's version is still the laptop's base version; otherwise field by field:
  a field the server did not change takes the laptop's value, a field both changed keeps the server's and
  becomes a conflict row with base, server and laptop value. An edit of a record removed on the server is a
  conflict too. A write the server refuses is kept on the laptop as *geweigerd*, with the reason.
- The pull reads the laptop's whole part of the server at one snapshot, after the push: it needs no order of
  changes, so no transaction committed late can be skipped, and no laptop clock decides anything.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from jet_desktop.domain import wachtwoord as ww
from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.errors import JetFout
from jet_desktop.domain.rollen import Recht
from jet_desktop.paths import sqlite_url
from jet_desktop.services import audit, syncsubset
from jet_desktop.services.aanmeldingen import volgend_dossiernummer
from jet_desktop.services.autorisatie import vereis
from jet_desktop.services.conflicten import KEUZES, keuze_tekst
from jet_desktop.services.correcties import veld_label
from jet_desktop.storage.models import (
    Auditregel,
    SyncApparaat,
    SyncConflict,
    SyncGeweigerd,
    SyncLaptop,
    SyncOutbox,
    SyncToegepast,
    utcnow,
)
from jet_desktop.storage.store import Store
from jet_desktop.storage.synctriggers import SYNC_TABELLEN
from jet_desktop.storage.syncwaarden import gelijk, naar_json, uit_opslag, utc
from jet_desktop.storage.teamserver import KOPPELINGEN, WIE

T = syncsubset.T
L, O, G = SyncLaptop.__table__, SyncOutbox.__table__, SyncGeweigerd.__table__
AP, ST, C, R = SyncApparaat.__table__, SyncToegepast.__table__, SyncConflict.__table__, Auditregel.__table__
BATCH = 200
Voortgang = Callable[[str], None]


class SyncFout(JetFout):
    """A Dutch message: the sync stopped, nothing on the laptop was lost."""


KOPIE = ("Deze laptopgegevensset is een kopie van een andere (of de andere is een kopie van deze): de teamserver "
         "heeft van hetzelfde apparaat al andere logregels ontvangen. Er is niets verzonden; wat hier wacht, blijft "
         "bewaard. Neem de caseload op deze computer opnieuw mee en laat de functioneel beheerder weten welke "
         "wijzigingen op deze kopie staan.")


@dataclass(frozen=True)
class Laptop:
    apparaat_id: uuid.UUID
    server_url: str
    gebruikersnaam: str
    medewerker_id: uuid.UUID
    audit_verzonden: int


def laptop(store: Store) -> Laptop | None:
    """The laptop row of a laptop store; None for any other store."""
    if store.engine.dialect.name != "sqlite":
        return None
    with store.engine.connect() as conn:
        r = conn.execute(select(L).where(L.c.id == 1)).first()
    return None if r is None else Laptop(r.apparaat_id, r.server_url, r.gebruikersnaam, r.medewerker_id,
                                         r.audit_verzonden)


def _wachtend(conn: Connection, audit_verzonden: int) -> tuple[int, int]:
    """(captured changes not acknowledged, audit lines not sent) of a laptop store."""
    return (conn.execute(select(func.count()).select_from(O)).scalar_one(),
            conn.execute(select(func.count()).select_from(R).where(R.c.volgnummer > audit_verzonden)).scalar_one())


# -- meenemen ---------------------------------------------------------------------------------------------

@dataclass
class Meegenomen:
    pad: Path
    apparaat_id: uuid.UUID
    dossiers: int
    rijen: int


def meenemen(server: Store, pad: Path, wachtwoordzin: str, voortgang: Voortgang | None = None) -> Meegenomen:
    """Copy the signed-in medewerker's caseload into a new encrypted laptop store at `pad`."""
    meld = voortgang or (lambda _t: None)
    vereis(server, Recht.EIGEN_DOSSIERS)
    if not server.teamserver or server.user_id is None:
        raise SyncFout("Een caseload meenemen kan alleen vanaf de teamserver, aangemeld met uw eigen login.")
    pad = Path(pad)
    if pad.exists():
        raise SyncFout(f"{pad.name} bestaat al; kies een nieuw bestand (een bestaande gegevensset wordt niet "
                       "overschreven).")
    if reden := ww.zwakte(wachtwoordzin):  # the rule of every new store's wachtwoordzin (inloggen.nieuwe_gegevensset)
        raise SyncFout(f"Wachtwoordzin van de laptop: {reden}.")
    apparaat_id = uuid.uuid4()
    meld("Laptop aanmelden bij de teamserver…")
    with server.engine.begin() as conn:
        conn.execute(insert(AP).values(id=apparaat_id, medewerker_id=server.user_id, aangemaakt_at=func.now(),
                                       audit_volgnummer=0))
    meld("Caseload lezen…")
    subset, servertijd = _lees_subset(server, apparaat_id)
    with server.engine.begin() as conn:  # every dossier that goes onto the laptop is a look at it
        for nummer, did in _dossiernummers(subset):
            audit.schrijf(conn, server, AuditActie.EXPORT, "dossier", did, nummer,
                          f"meegenomen naar laptop {str(apparaat_id)[:8]}")
    meld("Versleutelde laptopgegevensset schrijven…")
    laptopstore = None
    try:
        laptopstore = Store.open(sqlite_url(pad, wachtwoordzin), user=server.user)
        server_url = server.engine.url._replace(username=None, password=None).render_as_string(hide_password=False)
        with laptopstore.engine.begin() as conn:
            conn.execute(insert(L).values(
                id=1, apparaat_id=apparaat_id, server_url=server_url,
                gebruikersnaam=server.engine.url.username or "", medewerker_id=server.user_id, vastleggen=False,
                meegenomen_at=utcnow(), laatste_contact_at=utcnow(), laatste_volledige_sync=servertijd,
                audit_verzonden=0, automatisch=False))
            syncsubset.schrijf(conn, subset, set())
    except BaseException:
        if laptopstore is not None:
            laptopstore.engine.dispose()
        for deel in (pad, Path(f"{pad}-wal"), Path(f"{pad}-shm")):
            deel.unlink(missing_ok=True)
        raise
    laptopstore.engine.dispose()
    meld("Klaar.")
    return Meegenomen(pad, apparaat_id, subset.aantal("dossier"), sum(len(v) for v in subset.rijen.values()))


def _dossiernummers(subset: syncsubset.Subset) -> list[tuple[str, uuid.UUID]]:
    nummers = {r["id"]: r["dossiernummer"] for r in subset.rijen.get("aanmelding", [])}
    return [(nummers.get(d["aanmelding_id"], ""), d["id"]) for d in subset.rijen.get("dossier", [])]


def _lees_subset(server: Store, apparaat_id: uuid.UUID) -> tuple[syncsubset.Subset, datetime]:
    with server.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        with conn.begin():
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            servertijd = conn.execute(select(func.now())).scalar_one()  # the snapshot's own time
            subset = syncsubset.lees(conn, server.user_id, apparaat_id)
    return subset, servertijd


# -- push ---------------------------------------------------------------------------------------------------

@dataclass
class Verslag:
    verzonden: int = 0
    toegepast: int = 0
    samengevoegd: int = 0
    conflicten: int = 0
    geweigerd: int = 0
    auditregels: int = 0
    nieuwe_dossiers: int = 0
    weg_dossiers: int = 0
    volledig: bool = False
    nummers: dict[str, str] = field(default_factory=dict)  # provisional dossiernummer -> the server's


def _reden(exc: DBAPIError) -> str:
    staat = getattr(exc.orig, "sqlstate", "") or ""
    tekst = str(exc.orig).splitlines()[0] if exc.orig is not None else ""
    if "row-level security" in tekst or staat == "42501" and "permission denied" in tekst:
        return ("De teamserver staat deze wijziging niet toe voor uw login: het dossier staat niet (meer) op uw "
                "caseload en u bent er geen tweede persoon bij.")
    if staat == "42501":
        return f"De teamserver weigert: {tekst}"
    if staat == "23503":
        return "Het record waar dit bij hoort, staat niet (meer) op de teamserver voor u."
    if staat == "23505":
        return "Dit record bestaat al op de teamserver."
    return "De teamserver weigert deze wijziging (controle op de gegevens)."


_WEIGER = ("42501", "23503", "23505", "23514", "23502", "22001", "22P02", "P0001")


def _velden(tabel: str, ruw: str) -> dict[str, tuple]:
    t = T[tabel]
    uit = {}
    for k, (b, n) in json.loads(ruw).items():
        if k not in t.c:
            raise KeyError(k)
        uit[k] = (uit_opslag(t.c[k], b), uit_opslag(t.c[k], n))
    return uit


class _Geweigerd(Exception):
    def __init__(self, reden: str):
        self.reden = reden


def _pas_toe(conn: Connection, server: Store, op, dossier_id: uuid.UUID | None, laptop_naam: str,
             apparaat_id: uuid.UUID) -> tuple[str, dict]:
    """Apply one operation in the open server transaction; (resultaat, details)."""
    if op.tabel not in SYNC_TABELLEN:  # only what the laptop's triggers capture, never the sync's own tables
        raise _Geweigerd(f"De tabel {op.tabel} wordt niet vanaf een laptop gesynchroniseerd.")
    t = T[op.tabel]
    rid = uuid.UUID(op.record_id)
    try:
        velden = _velden(op.tabel, op.velden)
    except KeyError as k:
        raise _Geweigerd(f"Het veld {k} bestaat niet (meer) op de teamserver.") from None
    vast = set(KOPPELINGEN.get(op.tabel, "").split(",")) | set(WIE.get(op.tabel, ())) | {"id"}
    if op.operatie != "insert" and (veranderd := sorted(k for k in velden if k in vast)):
        raise _Geweigerd(f"{', '.join(veranderd)} van een {op.tabel} verandert niet (wie het vastlegde, waar het "
                         "bij hoort).")
    if op.tabel == "sync_conflict":
        _conflict_oplossing(op, velden)
    nieuw = {k: n for k, (_b, n) in velden.items()}
    if op.operatie == "insert":
        waarden = {**nieuw, "id": rid}
        details: dict = {}
        if "updated_at" in t.c:  # a versioned row (recordwijziging's `version` is its record's)
            waarden.update(version=1, updated_at=func.now(), updated_by="")
            waarden.setdefault("created_at", func.now())
        if op.tabel == "aanmelding":
            details["voorlopig"] = waarden["dossiernummer"]
            for _poging in range(5):
                waarden["dossiernummer"] = volgend_dossiernummer(conn, waarden["aanmelddatum"].year)
                sp = conn.begin_nested()
                try:
                    conn.execute(insert(t).values(**waarden))
                    sp.commit()
                    break
                except DBAPIError as exc:
                    sp.rollback()
                    if getattr(exc.orig, "sqlstate", "") != "23505" or "dossiernummer" not in str(exc.orig):
                        raise
            details["dossiernummer"] = waarden["dossiernummer"]
        else:
            conn.execute(insert(t).values(**waarden))
        return "toegepast", details
    if op.basis_versie is not None and "updated_at" in t.c:
        r = conn.execute(update(t).where(t.c.id == rid, t.c.version == op.basis_versie)
                         .values(**nieuw, version=t.c.version + 1, updated_at=func.now()).returning(t.c.version)).first()
        if r is not None:
            return "toegepast", {"version": r.version}
    huidig = conn.execute(select(t).where(t.c.id == rid).with_for_update()).first()
    if huidig is None:
        raise _Geweigerd("Het record is niet (meer) zichtbaar voor u op de teamserver: het dossier staat niet "
                         "(meer) op uw caseload.")
    huidig = huidig._mapping
    verwijderd = "deleted_at" in t.c and huidig["deleted_at"] is not None
    if verwijderd and op.operatie == "tombstone":
        if "updated_at" in t.c:
            conn.execute(update(t).where(t.c.id == rid).values(version=t.c.version + 1))
        return "samengevoegd", {"al_verwijderd": True}
    toepassen, botsend = {}, []
    for k, (b, n) in velden.items():
        s = huidig[k]
        if verwijderd:
            botsend.append(k)
        elif gelijk(s, b):
            toepassen[k] = n
        elif not gelijk(s, n):
            botsend.append(k)
    if "updated_at" in t.c:
        # also when nothing is written: the laptop numbered its edit base+1 locally, and the server's row,
        # which did not take it, must not be at that number (a next edit with base+1 would pass the version
        # check above and overwrite a value the laptop never saw)
        conn.execute(update(t).where(t.c.id == rid).values(
            **toepassen, version=t.c.version + 1, **({"updated_at": func.now()} if toepassen else {})))
    elif toepassen:
        conn.execute(update(t).where(t.c.id == rid).values(**toepassen))
    for k in botsend:
        conn.execute(insert(C).values(
            id=uuid.uuid4(), version=1, created_at=func.now(), updated_at=func.now(), updated_by="",
            apparaat_id=apparaat_id, op_id=uuid.UUID(op.op_id), medewerker_id=server.user_id, dossier_id=dossier_id,
            tabel=op.tabel, record_id=rid, veld=k, soort="verwijderd" if verwijderd else "veld",
            basis=naar_json(velden[k][0]), server=naar_json(huidig[k]), laptop=naar_json(velden[k][1]),
            server_door=huidig.get("updated_by", "") or "", server_at=huidig.get("updated_at"),
            laptop_door=laptop_naam, laptop_at=_tijd(op.vastgelegd_at), opgelost_door="", oplossing="", uitkomst=""))
    return ("conflict" if botsend else "samengevoegd"), {"velden": botsend}


_OPLOSSING = {"opgelost_at", "opgelost_door", "oplossing", "uitkomst"}


def _conflict_oplossing(op, velden: dict) -> None:
    """A laptop only resolves conflicts: a conflict row is made by the server. (That it is still open is
    checked for the whole batch first: `_al_opgelost`.)"""
    if op.operatie != "update" or not set(velden) <= _OPLOSSING:
        raise _Geweigerd("Een conflict ontstaat op de teamserver; een laptop kan het alleen oplossen.")


def _al_opgelost(conn: Connection, ops) -> dict[str, str]:
    """op_id -> reason, for a laptop's resolution of a conflict the server has resolved meanwhile (the
    teamleider's decision stands) and for the record edit that came with it: the two are one laptop
    transaction, the edit first; neither is applied."""
    geweigerd = {}
    for i, op in enumerate(ops):
        if op.tabel != "sync_conflict" or op.operatie != "update":
            continue
        c = conn.execute(select(C).where(C.c.id == uuid.UUID(op.record_id))).first()
        if c is None or c.opgelost_at is None:
            continue
        geweigerd[op.op_id] = reden = (
            f"Dit conflict is op de teamserver al opgelost door {c.opgelost_door or 'een collega'} "
            f"({keuze_tekst(c.oplossing) if c.oplossing in KEUZES else c.oplossing}); uw oplossing op de laptop "
            "is niet toegepast. Overleg zo nodig met de teamleider.")
        for eerder in reversed(ops[:i]):
            if eerder.tabel == c.tabel and uuid.UUID(eerder.record_id) == c.record_id and \
                    c.veld in json.loads(eerder.velden or "{}"):
                geweigerd[eerder.op_id] = reden
                break
    return geweigerd


def _tijd(tekst: str) -> datetime | None:
    try:
        return datetime.fromisoformat(tekst.replace("Z", "+00:00"))
    except ValueError:
        return None


def _dossier_van(conn: Connection, tabel: str, record_id: uuid.UUID) -> uuid.UUID | None:
    """On the laptop: the dossier a record belongs to (for the conflict row: who may resolve it)."""
    t = T[tabel]
    d, a, j = T["dossier"], T["aanmelding"], T["jeugdige"]
    if tabel == "dossier":
        return record_id
    if "dossier_id" in t.c:
        return conn.execute(select(t.c.dossier_id).where(t.c.id == record_id)).scalar()
    if tabel in ("aanmelding", "triagebesluit"):
        aid = record_id if tabel == "aanmelding" else conn.execute(
            select(t.c.aanmelding_id).where(t.c.id == record_id)).scalar()
        return conn.execute(select(d.c.id).where(d.c.aanmelding_id == aid)).scalar()
    if tabel == "jeugdige":
        return conn.execute(select(d.c.id).join(a, a.c.id == d.c.aanmelding_id)
                            .where(a.c.jeugdige_id == record_id).limit(1)).scalar()
    if tabel in ("gezin", "gezinslid"):
        gid = record_id if tabel == "gezin" else conn.execute(select(t.c.gezin_id).where(t.c.id == record_id)).scalar()
        return conn.execute(select(d.c.id).join(a, a.c.id == d.c.aanmelding_id).join(j, j.c.id == a.c.jeugdige_id)
                            .where(j.c.gezin_id == gid).limit(1)).scalar()
    return None


def _verzend_batch(laptopstore: Store, server: Store, lap: Laptop, verslag: Verslag) -> bool:
    """Send one batch; False when there was nothing left to send."""
    with laptopstore.engine.connect() as lc:
        ops = lc.execute(select(O).order_by(O.c.volgnummer).limit(BATCH + 20)).all()
        eind = min(BATCH, len(ops))
        while eind < len(ops) and ops[eind].tabel == "sync_conflict":  # a resolution goes with its edit
            eind += 1
        ops = ops[:eind]
        regels = lc.execute(select(R).where(R.c.volgnummer > lap.audit_verzonden)
                            .order_by(R.c.volgnummer).limit(BATCH)).all()
        dossiers = {op.op_id: _dossier_van(lc, op.tabel, uuid.UUID(op.record_id)) for op in ops}
        naam = lc.execute(select(T["medewerker"].c.naam).where(T["medewerker"].c.id == lap.medewerker_id)).scalar()
    if not ops and not regels:
        return False
    resultaten: dict[str, tuple[str, dict]] = {}
    with server.engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:a, 0))"), {"a": str(lap.apparaat_id)})
        bekend = {r.op_id.hex: (r.resultaat, json.loads(r.details or "{}")) for r in conn.execute(
            select(ST.c.op_id, ST.c.resultaat, ST.c.details).where(
                ST.c.op_id.in_([uuid.UUID(op.op_id) for op in ops])))} if ops else {}
        al_opgelost = _al_opgelost(conn, [op for op in ops if op.op_id not in bekend])
        for op in ops:
            if op.op_id in bekend:  # sent before, the reply was lost: the stored answer, nothing applied again
                resultaten[op.op_id] = bekend[op.op_id]
                continue
            sp = conn.begin_nested()
            try:
                if op.op_id in al_opgelost:
                    raise _Geweigerd(al_opgelost[op.op_id])
                uitkomst = _pas_toe(conn, server, op, dossiers[op.op_id], naam or lap.gebruikersnaam, lap.apparaat_id)
                sp.commit()
            except _Geweigerd as g:
                sp.rollback()
                uitkomst = ("geweigerd", {"reden": g.reden})
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) not in _WEIGER:
                    raise  # the connection, the server: the whole batch waits and is sent again
                sp.rollback()
                uitkomst = ("geweigerd", {"reden": _reden(exc)})
            except Exception as exc:  # a malformed operation: kept as geweigerd, it does not stall what follows
                sp.rollback()
                uitkomst = ("geweigerd", {"reden": f"De teamserver kon deze wijziging niet verwerken "
                                                   f"({type(exc).__name__})."})
            resultaten[op.op_id] = uitkomst
            conn.execute(insert(ST).values(op_id=uuid.UUID(op.op_id), apparaat_id=lap.apparaat_id, tabel=op.tabel,
                                           record_id=uuid.UUID(op.record_id), resultaat=uitkomst[0],
                                           details=json.dumps(uitkomst[1], default=str), toegepast_at=func.now()))
        conn.execute(update(AP).where(AP.c.id == lap.apparaat_id).values(laatste_sync_at=func.now()))
        nummers = _nummers(conn, lap.apparaat_id) if regels else {}
        if regels:  # last, in one round trip (psycopg pipelines an executemany): the first line takes the audit
            # chain's head, which every colleague's next audit line waits for until this transaction commits
            try:
                conn.execute(text("SELECT jet_sync_audit(:a, :n, :t, :actie, :ot, :oid, :client, :oms, :namens, :rol)"), [{
                    "a": lap.apparaat_id, "n": r.volgnummer, "t": utc(r.tijdstip), "actie": r.actie, "ot": r.objecttype,
                    "oid": r.object_id, "client": nummers.get(r.client, r.client), "oms": r.omschrijving,
                    "namens": r.namens, "rol": r.rol} for r in regels])
            except DBAPIError as exc:
                if "jet_kopie" in str(exc.orig):
                    raise SyncFout(KOPIE) from None
                raise
    _bevestig(laptopstore, ops, regels, resultaten, dossiers, verslag)
    return True


def _bevestig(laptopstore: Store, ops, regels, resultaten: dict, dossiers: dict, verslag: Verslag) -> None:
    """The server's answer is in: only now does an operation leave the outbox (a refused one is kept as
    geweigerd), in one laptop transaction. Lost before this (a kill, a dropped reply): the batch is resent."""
    with laptopstore.engine.begin() as lc:
        for op in ops:
            resultaat, details = resultaten[op.op_id]
            if resultaat == "geweigerd":
                lc.execute(insert(G).prefix_with("OR IGNORE").values(
                    op_id=op.op_id, tabel=op.tabel, record_id=op.record_id,
                    dossier_id=(dossiers[op.op_id].hex if dossiers[op.op_id] else ""), operatie=op.operatie,
                    velden=op.velden, reden=details.get("reden", ""), vastgelegd_at=op.vastgelegd_at,
                    geweigerd_at=utcnow(), afgehandeld_door=""))
            teller = _TELLERS[resultaat]
            setattr(verslag, teller, getattr(verslag, teller) + 1)
            if "dossiernummer" in details:
                verslag.nummers[details["voorlopig"]] = details["dossiernummer"]
        if ops:
            lc.execute(delete(O).where(O.c.op_id.in_([op.op_id for op in ops])))
        if regels:
            lc.execute(update(L).where(L.c.id == 1).values(audit_verzonden=regels[-1].volgnummer))
        lc.execute(update(L).where(L.c.id == 1).values(laatste_contact_at=utcnow()))
    verslag.verzonden += len(ops)
    verslag.auditregels += len(regels)


_TELLERS = {"toegepast": "toegepast", "samengevoegd": "samengevoegd", "conflict": "conflicten",
            "geweigerd": "geweigerd"}


def _nummers(conn: Connection, apparaat_id: uuid.UUID) -> dict[str, str]:
    """Provisional dossiernummers of this laptop -> the server's (for its audit lines' client)."""
    uit = {}
    for details in conn.execute(select(ST.c.details).where(ST.c.apparaat_id == apparaat_id,
                                                           ST.c.tabel == "aanmelding")).scalars():
        d = json.loads(details or "{}")
        if "voorlopig" in d and "dossiernummer" in d:
            uit[d["voorlopig"]] = d["dossiernummer"]
    return uit


# -- the whole sync -----------------------------------------------------------------------------------------

def synchroniseer(laptopstore: Store, server: Store, voortgang: Voortgang | None = None) -> Verslag:
    """Send every change of the laptop, then make its copy the server's state from after that push."""
    meld = voortgang or (lambda _t: None)
    lap = laptop(laptopstore)
    if lap is None:
        raise SyncFout("Dit is geen laptopgegevensset: er is niets te synchroniseren.")
    if server.user_id != lap.medewerker_id:
        raise SyncFout("Deze laptop is van een andere medewerker; meld u aan met uw eigen login.")
    verslag = Verslag()
    meld("Wijzigingen verzenden…")
    while _verzend_batch(laptopstore, server, lap, verslag):
        lap = laptop(laptopstore)
        meld(f"Wijzigingen verzenden… {verslag.verzonden} verzonden")
    meld("Gegevens van de teamserver ophalen…")
    subset, servertijd = _lees_subset(server, lap.apparaat_id)
    with laptopstore.engine.begin() as lc:
        voor = set(lc.execute(select(T["dossier"].c.id)).scalars())
        behoud = syncsubset.wachtende_records(lc)
        syncsubset.schrijf(lc, subset, behoud)
        na = set(lc.execute(select(T["dossier"].c.id)).scalars())
        verslag.volledig = _wachtend(lc, lap.audit_verzonden) == (0, 0)
        waarden = {"laatste_contact_at": utcnow()}
        if verslag.volledig:
            waarden["laatste_volledige_sync"] = servertijd
        lc.execute(update(L).where(L.c.id == 1).values(**waarden))
    nieuw = na - voor
    verslag.nieuwe_dossiers, verslag.weg_dossiers = len(nieuw), len(voor - na)
    if nieuw:
        with server.engine.begin() as conn:
            for nummer, did in _dossiernummers(subset):
                if did in nieuw:
                    audit.schrijf(conn, server, AuditActie.EXPORT, "dossier", did, nummer,
                                  f"naar laptop {str(lap.apparaat_id)[:8]} gehaald")
    meld("Klaar.")
    return verslag


# -- status ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    apparaat_id: str
    server: str
    gebruikersnaam: str
    medewerker_id: str
    wachtend: int
    auditregels_wachtend: int
    geweigerd: int
    conflicten: int
    laatste_volledige_sync: str | None
    laatste_contact: str | None

    @property
    def alles_verzonden(self) -> bool:
        """Every change acknowledged by the server, and the laptop holds its state from after that push.
        (The audit lines of what was opened since are named apart: they go with the next sync.)"""
        return self.wachtend == 0 and self.laatste_volledige_sync is not None

    def tekst(self) -> str:
        regels = (f" ({self.auditregels_wachtend} logregel{'s' if self.auditregels_wachtend != 1 else ''} "
                  "volgen bij de volgende synchronisatie)") if self.auditregels_wachtend else ""
        if self.alles_verzonden and not self.geweigerd and not self.conflicten:
            return "Alles verzonden" + regels
        delen = [f"{self.wachtend} wachtend"]
        if self.geweigerd:
            delen.append(f"{self.geweigerd} geweigerd")
        if self.conflicten:
            delen.append(f"{self.conflicten} conflict{'en' if self.conflicten != 1 else ''}")
        return ", ".join(delen) + regels


def status(laptopstore: Store) -> Status:
    if laptopstore.engine.dialect.name != "sqlite":
        raise SyncFout("Dit is geen laptopgegevensset.")
    with laptopstore.engine.connect() as conn:
        r = conn.execute(select(L).where(L.c.id == 1)).first()
        if r is None:
            raise SyncFout("Dit is geen laptopgegevensset.")
        wachtend, regels = _wachtend(conn, r.audit_verzonden)
        geweigerd = conn.execute(select(func.count()).select_from(G).where(G.c.afgehandeld_at.is_(None))).scalar_one()
        conflicten = conn.execute(select(func.count()).select_from(C).where(C.c.opgelost_at.is_(None))).scalar_one()
    iso = lambda t: utc(t).isoformat() if t is not None else None  # noqa: E731
    return Status(str(r.apparaat_id), r.server_url, r.gebruikersnaam, str(r.medewerker_id), wachtend, regels,
                  geweigerd, conflicten, iso(r.laatste_volledige_sync), iso(r.laatste_contact_at))


@dataclass(frozen=True)
class Geweigerd:
    op_id: str
    tabel: str
    operatie: str
    velden: str  # JSON {column: [base, new]}, as captured
    reden: str
    vastgelegd_at: str
    geweigerd_at: datetime
    dossiernummer: str  # '' when the dossier is no longer on the laptop

    def waarden(self) -> list[tuple[str, object]]:
        """(the field's Dutch label, the value the laptop wrote), in capture order; not the bookkeeping
        columns (ids, links, version, timestamps), which say nothing to the user."""
        return [(veld_label(self.tabel, k), nieuw)
                for k, (_basis, nieuw) in json.loads(self.velden or "{}").items()
                if k not in _BOEKHOUDING and not k.endswith("_id")]


_BOEKHOUDING = {"id", "version", "created_at", "updated_at", "updated_by", "deleted_at"}


def geweigerde(laptopstore: Store) -> list[Geweigerd]:
    """The refused writes not yet dealt with, oldest first. Their values are personal data: a look (audit)."""
    D, A = T["dossier"], T["aanmelding"]
    with laptopstore.engine.begin() as conn:
        nummers = {d.hex: n for d, n in conn.execute(select(D.c.id, A.c.dossiernummer).join(A, A.c.id == D.c.aanmelding_id))}
        open_ = conn.execute(select(G).where(G.c.afgehandeld_at.is_(None)).order_by(G.c.geweigerd_at)).all()
        weg = {str(uuid.UUID(r.record_id)) for r in open_ if r.dossier_id not in nummers}
        # a dossier that left the laptop: its number as the laptop's own audit line of the write named it
        gelogd = dict(conn.execute(select(R.c.object_id, R.c.client).where(R.c.object_id.in_(weg), R.c.client != "")
                                   .order_by(R.c.volgnummer)).all()) if weg else {}
        rijen = [Geweigerd(r.op_id, r.tabel, r.operatie, r.velden, r.reden, r.vastgelegd_at, r.geweigerd_at,
                           nummers.get(r.dossier_id) or gelogd.get(str(uuid.UUID(r.record_id)), ""))
                 for r in open_]
        if rijen:
            audit.schrijf(conn, laptopstore, AuditActie.OPENEN, "geweigerd", None, "",
                          f"{len(rijen)} geweigerde wijziging(en) bekeken")
    return rijen


def handel_geweigerd_af(laptopstore: Store, op_id: str) -> None:
    """The medewerker has dealt with a refused write (re-entered it, or asked the teamleider): it stays as a
    row, marked handled, with an audit line."""
    with laptopstore.engine.begin() as conn:
        n = conn.execute(update(G).where(G.c.op_id == op_id, G.c.afgehandeld_at.is_(None))
                         .values(afgehandeld_at=utcnow(), afgehandeld_door=laptopstore.user)).rowcount
        if n:
            audit.schrijf(conn, laptopstore, AuditActie.WIJZIGEN, "geweigerd", op_id, "",
                          "geweigerde wijziging afgehandeld")


# -- automatic sync (the user's choice, kept in the laptop store) ---------------------------------------------

def automatisch(laptopstore: Store) -> bool:
    """Whether the window syncs by itself when the team server is reachable."""
    with laptopstore.engine.connect() as conn:
        return bool(conn.execute(select(L.c.automatisch).where(L.c.id == 1)).scalar())


def zet_automatisch(laptopstore: Store, aan: bool) -> None:
    with laptopstore.engine.begin() as conn:
        conn.execute(update(L).where(L.c.id == 1).values(automatisch=aan))
