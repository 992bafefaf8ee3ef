"""The part of the team server a laptop holds (docs/sync.md): the medewerker's own dossiers and those where
they are second person, with everything hanging off them, the aanmeldingen this laptop registered while they
wait, the conflicts of their edits, and the team's lists (medewerkers without any password field, settings,
code lists). Read at one point of the server (`lees`, in a REPEATABLE READ transaction the caller opens), and
written into the laptop store in one transaction with the capture switched off (`schrijf`).

Nothing is read here that the medewerker's own login may not read: the server's row-level security is the
second lock on every query.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from jet_desktop.storage.models import SyncLaptop, SyncOutbox, SyncToegepast
from jet_desktop.storage.synctriggers import ALLEEN_LEZEN, SYNC_TABELLEN
from jet_desktop.storage.teamserver import ALLEEN_TOEVOEGEN

T = SQLModel.metadata.tables
L, O, ST = SyncLaptop.__table__, SyncOutbox.__table__, SyncToegepast.__table__
# of the team's lists: the afwezigheden are not the laptop's business
LIJSTEN = tuple(t for t in ALLEEN_LEZEN if t != "afwezigheid")


@dataclass
class Subset:
    rijen: dict[str, list[dict]] = field(default_factory=dict)

    def ids(self, tabel: str) -> set[uuid.UUID]:
        return {r["id"] for r in self.rijen.get(tabel, [])}

    def aantal(self, tabel: str) -> int:
        return len(self.rijen.get(tabel, []))


def _alle(conn: Connection, tabel: str, *waar) -> list[dict]:
    t = T[tabel]
    return [dict(r._mapping) for r in conn.execute(select(t).where(*waar))]


def lees(conn: Connection, medewerker_id: uuid.UUID, apparaat_id: uuid.UUID) -> Subset:
    """The laptop's part of the server, as the medewerker's login sees it, in the caller's transaction."""
    s = Subset()
    d = T["dossier"]
    s.rijen["dossier"] = _alle(conn, "dossier", or_(d.c.consulent_id == medewerker_id,
                                                     d.c.tweede_consulent_id == medewerker_id))
    dossiers = s.ids("dossier")
    a = T["aanmelding"]
    eigen_nieuw = select(ST.c.record_id).where(ST.c.apparaat_id == apparaat_id, ST.c.tabel == "aanmelding",
                                               ST.c.resultaat == "toegepast")
    s.rijen["aanmelding"] = _alle(conn, "aanmelding", or_(
        a.c.id.in_([r["aanmelding_id"] for r in s.rijen["dossier"]]), a.c.id.in_(eigen_nieuw)))
    aanmeldingen = s.ids("aanmelding")
    s.rijen["jeugdige"] = _alle(conn, "jeugdige", T["jeugdige"].c.id.in_(
        {r["jeugdige_id"] for r in s.rijen["aanmelding"]}))
    gezinnen = {r["gezin_id"] for r in s.rijen["jeugdige"]}
    s.rijen["gezin"] = _alle(conn, "gezin", T["gezin"].c.id.in_(gezinnen))
    s.rijen["gezinslid"] = _alle(conn, "gezinslid", T["gezinslid"].c.gezin_id.in_(gezinnen))
    s.rijen["triagebesluit"] = _alle(conn, "triagebesluit", T["triagebesluit"].c.aanmelding_id.in_(aanmeldingen))
    for tabel in ("consulentwijziging", "klikgesprek", "contactmoment", "ondersteuningsplan", "toewijzing"):
        s.rijen[tabel] = _alle(conn, tabel, T[tabel].c.dossier_id.in_(dossiers))
    rw = T["recordwijziging"]
    records = aanmeldingen | s.ids("jeugdige") | gezinnen | s.ids("gezinslid")
    s.rijen["recordwijziging"] = _alle(conn, "recordwijziging", or_(rw.c.dossier_id.in_(dossiers),
                                                                     rw.c.record_id.in_(records)))
    c = T["sync_conflict"]
    s.rijen["sync_conflict"] = _alle(conn, "sync_conflict", or_(c.c.medewerker_id == medewerker_id,
                                                                 c.c.dossier_id.in_(dossiers)))
    for tabel in LIJSTEN:
        s.rijen[tabel] = _alle(conn, tabel)
    for r in s.rijen["medewerker"]:
        r["wachtwoord_hash"] = ""  # the server's logins need none; a laptop never holds one
    return s


def wachtende_records(conn: Connection) -> set[str]:
    """The records (hex ids) with a change on the laptop the server has not acknowledged."""
    return set(conn.execute(select(O.c.record_id).distinct()).scalars())


def schrijf(conn: Connection, subset: Subset, behoud: set[str]) -> None:
    """Make the laptop's copy the server's, in the caller's transaction, leaving alone the records in
    `behoud` (changes not yet acknowledged: they are sent first, at the next sync). A synced record the
    server no longer gives (a dossier reassigned to a colleague) leaves the laptop; the lists are replaced."""
    conn.execute(update(L).where(L.c.id == 1).values(vastleggen=False))  # the capture is off for this transaction
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # checked at the commit: rows come in any order
    for tabel in reversed(SYNC_TABELLEN):
        t = T[tabel]
        houden = {i.hex for i in subset.ids(tabel)} | behoud
        weg = [i for i in conn.execute(select(t.c.id)).scalars() if i.hex not in houden]
        for deel in range(0, len(weg), 500):
            conn.execute(delete(t).where(t.c.id.in_(weg[deel:deel + 500])))
    for tabel in LIJSTEN:
        conn.execute(delete(T[tabel]))
    for tabel in (*LIJSTEN, *SYNC_TABELLEN):
        t = T[tabel]
        rijen = [r for r in subset.rijen.get(tabel, []) if r["id"].hex not in behoud]
        for r in rijen:
            stmt = sqlite_insert(t).values(**r)
            if tabel in ALLEEN_TOEVOEGEN:  # rows only ever added: one already here is the same row
                conn.execute(stmt.on_conflict_do_nothing(index_elements=["id"]))
            else:
                conn.execute(stmt.on_conflict_do_update(index_elements=["id"],
                                                        set_={k: stmt.excluded[k] for k in r if k != "id"}))
    conn.execute(update(L).where(L.c.id == 1).values(vastleggen=True))
